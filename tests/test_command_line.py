"""The window's command line (ui/command_line.py, UI-CONTRACT.md "Entry points").

Reading the arguments is tested in-process; opening the sessions on a real window too (with the
``window`` fixture on private settings); ``--version``, ``--help``, exit codes and a whole start
with ``--listen`` run ``python -m app`` in a subprocess, as users start it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.sessions.kinds import kind_named
from ui.command_line import CommandLine, StartSession, UsageError, open_sessions, parse

ROOT = Path(__file__).resolve().parent.parent


def _has_udp() -> bool:
    try:
        kind_named("udp")
    except ValueError:
        return False
    return True


# -- reading the arguments ------------------------------------------------------------------
@pytest.mark.parametrize(("arguments", "expected"), [
    ([], ()),
    (["--listen", "8080"], (StartSession("tcp-server", None, 8080),)),
    (["--listen", "0"], (StartSession("tcp-server", None, 0),)),
    (["--listen", "127.0.0.1:0"], (StartSession("tcp-server", "127.0.0.1", 0),)),
    (["--listen", "[::1]:9000"], (StartSession("tcp-server", "::1", 9000),)),
    (["--listen", "[::]:0"], (StartSession("tcp-server", "::", 0),)),
    (["--listen=0.0.0.0:502"], (StartSession("tcp-server", "0.0.0.0", 502),)),
    (["--connect", "example.com:80"], (StartSession("tcp-client", "example.com", 80),)),
    (["--connect", "[fe80::1%eth0]:502"], (StartSession("tcp-client", "fe80::1%eth0", 502),)),
    (["--listen", "7000", "--connect", "10.0.0.5:502"],
     (StartSession("tcp-server", None, 7000), StartSession("tcp-client", "10.0.0.5", 502))),
    (["--connect", "a:1", "--listen", "2", "--connect", "b:3"],  # in the order given
     (StartSession("tcp-client", "a", 1), StartSession("tcp-server", None, 2),
      StartSession("tcp-client", "b", 3))),
])
def test_sessions_to_open_are_read(qapp, arguments, expected):
    command = parse(["socketscope", *arguments])
    assert command == CommandLine(sessions=expected)
    assert command.runs_window


def test_help_and_version_do_not_run_the_window(qapp):
    assert parse(["socketscope", "--version"]) == CommandLine(version=True)
    assert parse(["socketscope", "-h"]) == CommandLine(help=True)
    assert not parse(["socketscope", "--help", "--listen", "80"]).runs_window


@pytest.mark.parametrize(("arguments", "words"), [
    (["--listen", "70000"], "70000"),
    (["--listen", "127.0.0.1"], "no port"),
    (["--listen", "[::1]"], "no port"),
    (["--listen", "127.0.0.1:99999"], "99999"),
    (["--connect", "example.com"], "no port"),
    (["--connect", "example.com:0"], "out of range"),
    (["--connect", "[::1:80"], "]"),
    (["--connect"], "connect"),
    (["--bogus"], "bogus"),
    (["stray"], "stray"),
])
def test_bad_usage_says_what_is_wrong(qapp, arguments, words):
    with pytest.raises(UsageError) as raised:
        parse(["socketscope", *arguments])
    assert words in str(raised.value)


@pytest.mark.skipif(_has_udp(), reason="this version has UDP sessions")
def test_udp_without_a_udp_kind_is_refused_in_words(qapp):
    with pytest.raises(UsageError, match="UDP"):
        parse(["socketscope", "--udp", "9000"])


# -- opening them on a real window ----------------------------------------------------------
def test_listen_opens_the_server_page_and_makes_it_current(qtbot, window):
    server_page = window.findChild(object, "tcpServerSession")
    (page,) = open_sessions(window, parse(["socketscope", "--listen", "127.0.0.1:0"]).sessions)
    assert page is server_page  # the fresh window's closed server page, not a new one
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.property("sessionState") == "open", timeout=5000)
    port = page.session.port
    assert port > 0
    assert page.config().host == "127.0.0.1"
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        qtbot.waitUntil(lambda: page.client_model.rowCount() == 1, timeout=5000)


def test_connect_opens_the_client_page(qtbot, window):
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        pages = open_sessions(window, parse(
            ["socketscope", "--listen", "0", "--connect", f"127.0.0.1:{port}"]).sessions)
        assert [p.objectName() for p in pages] == ["tcpServerSession", "tcpClientSession"]
        client = pages[1]
        assert window.tabs.currentWidget() is client  # the last one asked for
        qtbot.waitUntil(lambda: client.property("sessionState") == "open", timeout=5000)
        peer, _ = listener.accept()
        peer.close()
        assert pages[0].config().host == "0.0.0.0"  # no ADDR: the kind's default address


def test_a_second_listen_takes_a_new_page(qtbot, window):
    pages = open_sessions(window, parse(
        ["socketscope", "--listen", "127.0.0.1:0", "--listen", "127.0.0.1:0"]).sessions)
    assert [p.objectName() for p in pages] == ["tcpServerSession", "tcpServerSession_2"]
    for page in pages:
        qtbot.waitUntil(lambda p=page: p.property("sessionState") == "open", timeout=5000)
    assert pages[0].session.port != pages[1].session.port


# -- the program as started -----------------------------------------------------------------
def _run(arguments: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environment.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
                       PYTHONIOENCODING="utf-8", **env)
    return subprocess.run([sys.executable, "-m", "app", *arguments], cwd=ROOT,
                          env=environment, capture_output=True, text=True, encoding="utf-8",
                          timeout=30)


def test_version_prints_and_exits_without_a_display(tmp_path):
    done = _run(["--version"], tmp_path)  # no DISPLAY, no QT_QPA_PLATFORM: no window possible
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"SocketScope {__version__}"


def test_help_lists_the_options_in_the_chosen_language(tmp_path):
    english = _run(["--help"], tmp_path, SOCKETSCOPE_LANGUAGE="en")
    assert english.returncode == 0, english.stderr
    assert "Usage: socketscope [options]" in english.stdout
    for option in ("--listen <[ADDR:]PORT>", "--connect <HOST:PORT>", "--udp", "--version"):
        assert option in english.stdout
    chinese = _run(["--help"], tmp_path, SOCKETSCOPE_LANGUAGE="zh_CN")
    assert chinese.returncode == 0, chinese.stderr
    assert "--listen <[ADDR:]PORT>" in chinese.stdout
    assert "TCP 服务器" in chinese.stdout


def test_bad_usage_exits_2_with_the_reason_on_stderr(tmp_path):
    done = _run(["--connect", "example.com"], tmp_path, SOCKETSCOPE_LANGUAGE="en")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--connect" in done.stderr and "no port" in done.stderr
    unknown = _run(["--frobnicate"], tmp_path)
    assert unknown.returncode == 2
    assert "frobnicate" in unknown.stderr


@pytest.mark.skipif(_has_udp(), reason="this version has UDP sessions")
def test_udp_exits_2_saying_there_is_no_udp_yet(tmp_path):
    done = _run(["--udp", "9000"], tmp_path, SOCKETSCOPE_LANGUAGE="en")
    assert done.returncode == 2
    assert "UDP" in done.stderr


def test_listen_starts_the_window_with_a_listening_server_page(tmp_path):
    log = tmp_path / "smoke.log"
    done = _run(["--listen", "127.0.0.1:0"], tmp_path, QT_QPA_PLATFORM="offscreen",
                SOCKETSCOPE_SMOKE_SECONDS="0.5", SOCKETSCOPE_SMOKE_LOG=str(log),
                SOCKETSCOPE_LANGUAGE="zh_CN")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert "smoke: current page tcpServerSession open" in lines
    assert "smoke: window shown on platform offscreen" in lines
    assert any(line.startswith("smoke: translation loaded")
               and line.endswith("socketscope_zh_CN.qm") for line in lines)
    assert "smoke: window title SocketScope 网络调试助手" in lines
    assert "smoke: window icon sizes 16,24,32,48,64,128,256" in lines
    assert lines == done.stdout.splitlines()  # the log says what stdout says
