"""The README's two commands, the CI script that runs them, and the window's smoke-test hook.

CI (``.ci/run``) proves the README's commands on a bare machine only while it runs the same
commands; these tests keep the two in step and check what a bare machine needs in them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The README's first command ends by starting the window; CI runs it without that part.
LAUNCH = " && .venv/bin/socketscope"


def _readme_commands() -> tuple[str, str]:
    """The README's first two ```bash blocks: (install and start, run the tests)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, flags=re.DOTALL)
    assert len(blocks) >= 2, "the README starts with two bash commands"
    install, tests = blocks[0].strip(), blocks[1].strip()
    assert "\n" not in install and "\n" not in tests, "each is one copy-pasteable line"
    return install, tests


def _ci_lines() -> list[str]:
    return [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]


def _apt_packages(command: str) -> set[str]:
    """The packages named by the ``apt-get install`` in ``command``."""
    match = re.search(r"apt-get install ([^&]*)", command)
    assert match, f"no apt-get install in {command!r}"
    return {word for word in match.group(1).split() if not word.startswith("-")}


def test_ci_runs_the_readme_install_command_word_for_word() -> None:
    install, _ = _readme_commands()
    assert install.endswith(LAUNCH)
    assert install.removesuffix(LAUNCH) in _ci_lines()


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    _, tests = _readme_commands()
    assert tests.startswith(".venv/bin/pip install -e '.[test]' && ")
    assert any(line.startswith(tests) for line in _ci_lines())


def test_install_command_works_as_root_without_sudo_and_as_a_user() -> None:
    install, _ = _readme_commands()
    # A bare root shell (containers, fresh servers) has no sudo; "$(command -v sudo)" is empty
    # there and is sudo for a user.
    assert "sudo" not in install.replace("$(command -v sudo)", "")
    assert install.startswith("$(command -v sudo) apt-get update && ")
    # End users get the app only; the test tools come with the test command.
    assert ".venv/bin/pip install -e . " in install
    assert "[test]" not in install


def test_install_command_names_what_the_xcb_plugin_and_chinese_text_need() -> None:
    install, _ = _readme_commands()
    packages = _apt_packages(install)
    # Libraries PySide6's libqxcb.so / libQt6XcbQpa.so link to that a bare Debian 12 lacks
    # (found with ldd ... | grep "not found"); without any of them the window never opens.
    xcb = {
        "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-glx0", "libxcb-icccm4",
        "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0",
        "libxcb-render-util0", "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-util1",
        "libxcb-xfixes0", "libxcb-xkb1", "libxkbcommon0", "libxkbcommon-x11-0",
    }
    assert xcb <= packages, sorted(xcb - packages)
    # QtGui, QtNetwork and QtDBus link to these.
    assert {"libegl1", "libgl1", "libfontconfig1", "libglib2.0-0", "libgssapi-krb5-2",
            "libdbus-1-3", "python3-venv"} <= packages
    # Without a CJK font the Chinese UI and received Chinese text show as boxes.
    assert packages & {"fonts-wqy-microhei", "fonts-noto-cjk"}


def test_window_smoke_hook_reports_the_shown_window_and_quits(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOCKETSCOPE_SMOKE_SECONDS="0.3",
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke: window shown on platform offscreen" in done.stdout
    assert re.search(r"smoke: event loop running \d+\.\d\d s after main\(\)", done.stdout)
