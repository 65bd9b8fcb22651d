"""``socketscope-cli serve`` starts listening without loading what listening does not use
(cold start, DESIGN.md §4): the modules imported before it says "Listening" are read from
``python -X importtime`` of a real process."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.cli_helpers import ROOT, cli_env

#: Modules of other commands and of options that were not given.
NOT_NEEDED = (
    "app.cli.connect", "app.cli.udp", "app.cli.relay", "app.cli.run", "app.cli.pcapng",
    "app.scenario.file", "app.scenario.runner", "tomllib",  # run: scenario files
    "app.traffic.pcapng",  # --pcapng and the pcapng command
    "app.autoreply.rules_file",  # --rules
    "PySide6.QtNetwork",  # interfaces are never listed
    "crcmod",  # no checksum is computed
)


def modules_imported_until_listening(*args: str) -> set[str]:
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "app.cli", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=cli_env())
    assert proc.stderr is not None
    imported: set[str] = set()
    try:
        for line in proc.stderr:
            if "Listening on" in line:
                break
            found = re.match(r"import time:\s+\d+ \|\s+\d+ \| *(\S+)", line)
            if found:
                imported.add(found.group(1))
        else:
            raise AssertionError("the command ended without listening")
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    return imported


def test_serve_listens_without_loading_other_commands_or_unused_options():
    imported = modules_imported_until_listening("serve", "127.0.0.1:0", "--echo")
    assert "app.sessions.tcp_server" in imported  # the list is read right
    assert sorted(imported & set(NOT_NEEDED)) == []
