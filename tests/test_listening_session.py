"""What the two listening kinds (TCP server, TCP relay) share through ``ListeningSession``:
the same words in both languages, a failure to listen, and why each connection closed on a stop.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from app.sessions.config import TcpRelayConfig, TcpServerConfig
from app.sessions.listening import ListeningSession
from app.sessions.tcp_relay import TcpRelaySession
from app.sessions.tcp_server import TcpServerSession
from app.traffic.events import EventKind
from ui.i18n import switch_language

KINDS = ["tcp-server", "tcp-relay"]


def _make(kind: str) -> ListeningSession:
    return TcpServerSession() if kind == "tcp-server" else TcpRelaySession()


def _config(kind: str, port: int, target_port: int = 9) -> TcpServerConfig | TcpRelayConfig:
    if kind == "tcp-server":
        return TcpServerConfig("127.0.0.1", port)
    return TcpRelayConfig("127.0.0.1", port, "127.0.0.1", target_port)


@pytest.fixture(params=KINDS)
def session(request, qtbot) -> Iterator[ListeningSession]:
    made = _make(request.param)
    yield made
    made.close()


@pytest.fixture
def chinese() -> Iterator[None]:
    switch_language("zh_CN")
    yield
    switch_language("en")


def _listen(qtbot, session: ListeningSession, target_port: int = 9) -> None:
    with qtbot.waitSignal(session.stateChanged, timeout=5000,
                          check_params_cb=lambda s: s == "open"):
        session.open(_config(session.kind, 0, target_port))
    assert session.port > 0
    assert session.endpoint == f"127.0.0.1:{session.port}"


def test_both_kinds_say_starting_and_stopped_in_chinese(qtbot, session, chinese):
    said: list[str] = []
    session.statusChanged.connect(said.append)
    _listen(qtbot, session)
    session.close()
    assert said[0] == "正在开始监听…"
    assert said[-1] == "已停止。"
    assert session.state == "closed"


def test_port_in_use_is_explained_and_closes_either_kind(qtbot, session):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    try:
        with qtbot.waitSignal(session.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "closed"):
            session.open(_config(session.kind, port))
        assert "already in use" in session.status
        assert str(port) in session.status
        assert session.status_error
    finally:
        blocker.close()
    _listen(qtbot, session)  # and it can listen again afterwards


def test_stopping_logs_why_each_connection_closed(qtbot, session, loopback_server,
                                                  connect_peer):
    target = loopback_server()
    _listen(qtbot, session, target.port)
    connect_peer(session.port)
    # A server has one connection per client; a relay two (device and target).
    wanted = 1 if session.kind == "tcp-server" else 2
    qtbot.waitUntil(lambda: len(session.connections()) == wanted, timeout=5000)
    closed: list[str] = []
    session.connectionEvent.connect(
        lambda e: closed.append(e.text) if e.kind == EventKind.CLOSED else None)
    session.close()
    word = "server" if session.kind == "tcp-server" else "relay"
    assert closed == [f"closed (the {word} stopped)"] * wanted
    assert session.connections() == []
    assert session.status == "Stopped."
