"""Workers never die silently: whatever a worker raises ends in words and a sane, usable state.

Each worker kind gets an exception of a type nobody expects (``RuntimeError``, ``ValueError``,
``UnicodeError``) injected into its loop body or into the socket call it makes; the page or
session must end with a message, the right state and buttons, and work again afterwards.
"""

from __future__ import annotations

import gc
import logging
import socket
import sys
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.net.limits import open_descriptors
from app.net.listener import AcceptThread
from app.net.tcp_connection import AcceptedSocket
from app.traffic.chunk import Direction
from app.traffic.sink import TrafficSink
from app.workers import Worker
from tests.ui_helpers import (
    child,
    click,
    listen_on_loopback,
    log_text,
    state,
    status,
    type_send,
)

INJECTED = "injected fault"


def in_thread(name: str) -> bool:
    """True when running in the worker thread called ``name`` (or ``name-…``)."""
    current = threading.current_thread().name
    return current == name or current.startswith(name + "-")


def raise_in(thread_name: str, exc: BaseException, real: Callable) -> Callable:
    """``real``, except in the worker thread ``thread_name``, where it raises ``exc``."""
    def fake(*args, **kwargs):
        if in_thread(thread_name):
            raise exc
        return real(*args, **kwargs)
    return fake


@pytest.fixture
def client_page(window):
    return window.findChild(QWidget, "tcpClientSession")


@pytest.fixture
def server_page(window):
    return window.findChild(QWidget, "tcpServerSession")


def connect_to(qtbot, page, port: int, host: str = "127.0.0.1") -> None:
    child(page, "remoteHostEdit").setText(host)
    child(page, "remotePortSpin").setValue(port)
    click(qtbot, page, "openButton")


def assert_client_usable(qtbot, page, loopback_server) -> None:
    """The client page connects, exchanges and disconnects as if nothing had happened."""
    server = loopback_server(echo=True)
    connect_to(qtbot, page, server.port)
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    assert child(page, "openButton").text() == "Disconnect"
    type_send(page, "after the fault")
    click(qtbot, page, "sendButton")
    qtbot.waitUntil(lambda: log_text(page).count("after the fault") == 2, timeout=5000)
    click(qtbot, page, "openButton")
    qtbot.waitUntil(lambda: state(page) == "closed", timeout=5000)


# -- the base ------------------------------------------------------------------------------
class _Boom(Worker):
    """Raises ``exc`` from its loop; ends the way an owner would listen for."""

    ended = Signal(str)

    def __init__(self, exc: BaseException) -> None:
        super().__init__("boom")
        self.exc = exc
        self.on_crash_thread: int | None = None

    def run(self) -> None:
        raise self.exc

    def task(self) -> str:
        return "testing"

    def on_crash(self, message: str) -> None:
        self.on_crash_thread = threading.get_ident()
        self.ended.emit(message)


@pytest.mark.parametrize("exc", [RuntimeError(INJECTED), ValueError(INJECTED),
                                 UnicodeError(INJECTED), KeyError(INJECTED)])
def test_a_crash_is_logged_reported_and_ends_the_thread(qtbot, caplog, monkeypatch, exc):
    hooked: list = []
    monkeypatch.setattr(threading, "excepthook", hooked.append)
    worker = _Boom(exc)
    heard: list[tuple[str, str]] = []
    worker.ended.connect(lambda text: heard.append(("ended", text)))
    worker.crashed.connect(lambda text: heard.append(("crashed", text)))
    with caplog.at_level(logging.ERROR, logger="app.workers"), qtbot.waitSignal(
            worker.crashed, timeout=5000):
        worker.start()
    assert worker.wait(1000)
    expected = f"Internal error while testing: {type(exc).__name__}: {exc}"
    assert worker.crash_message == expected
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
    assert heard == [("ended", expected), ("crashed", expected)]
    assert worker.on_crash_thread not in (None, threading.get_ident())
    records = [r for r in caplog.records if r.name == "app.workers"]
    assert len(records) == 1 and records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None and records[0].exc_info[1] is exc
    assert "Traceback" in caplog.text and "raise self.exc" in caplog.text
    assert hooked == []  # nothing escaped the thread


class _Held(Worker):
    """Blocks until released, then emits once: its owner has long dropped it by then."""

    said = Signal(object)

    def __init__(self, release: threading.Event) -> None:
        super().__init__("held")
        self.release = release

    def run(self) -> None:
        self.release.wait(10)
        self.said.emit(2**40)


class _Listener(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[tuple[object, str]] = []

    @Slot(object)
    def on_said(self, value: object) -> None:
        self.heard.append((value, type(self.sender()).__name__))


def test_a_dropped_worker_outlives_its_thread_and_is_released_in_the_gui_thread(qtbot):
    release = threading.Event()
    worker = _Held(release)
    listener = _Listener()
    worker.said.connect(listener.on_said)
    freed_in: list[int] = []
    weakref.finalize(worker, lambda: freed_in.append(threading.get_ident()))
    worker.start()
    ref = weakref.ref(worker)
    del worker  # the owner gave up waiting (as after a hanging host-name lookup)
    gc.collect()
    assert ref() is not None and ref().isRunning()  # type: ignore[union-attr]
    release.set()
    qtbot.waitUntil(lambda: bool(freed_in), timeout=5000)
    # Released by the GUI thread, after its last signal was delivered with a live sender.
    assert freed_in == [threading.get_ident()]
    assert len(listener.heard) == 1 and listener.heard[0][0] == 2**40
    assert listener.heard[0][1] == "_Held"  # its sender was alive when it arrived


# -- connect worker ------------------------------------------------------------------------
@pytest.mark.parametrize(("exc", "words"), [
    (RuntimeError(INJECTED), f"Internal error while connecting to 127.0.0.1:{{port}}: "
                             f"RuntimeError: {INJECTED}"),
    (UnicodeError("label empty or too long"),
     "Host name “127.0.0.1” is not valid: label empty or too long"),
])
def test_connect_worker_lookup_fault_ends_closed_with_a_message(
        qtbot, client_page, monkeypatch, loopback_server, exc, words):
    port = loopback_server().port
    monkeypatch.setattr(socket, "getaddrinfo",
                        raise_in("tcp-connect", exc, socket.getaddrinfo))
    connect_to(qtbot, client_page, port)
    qtbot.waitUntil(lambda: state(client_page) == "closed", timeout=5000)
    assert status(client_page) == words.format(port=port)
    assert child(client_page, "openButton").text() == "Connect"
    assert child(client_page, "remoteHostEdit").isEnabled()
    monkeypatch.undo()
    assert_client_usable(qtbot, client_page, loopback_server)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts /proc/self/fd")
def test_connect_worker_fault_mid_connect_closes_its_socket(
        qtbot, client_page, monkeypatch, loopback_server):
    from app.net.connector import ConnectThread

    port = loopback_server().port
    before = open_descriptors()

    def broken(self, sock, family, sockaddr, deadline):
        raise ValueError(INJECTED)

    monkeypatch.setattr(ConnectThread, "_connect_one", broken)
    connect_to(qtbot, client_page, port)
    qtbot.waitUntil(lambda: state(client_page) == "closed", timeout=5000)
    assert f"ValueError: {INJECTED}" in status(client_page)
    assert "Internal error while connecting to" in status(client_page)
    qtbot.waitUntil(lambda: open_descriptors() == before, timeout=5000)
    monkeypatch.undo()
    assert_client_usable(qtbot, client_page, loopback_server)


@pytest.mark.parametrize(("host", "why"), [
    ("a..b", "it has an empty part between dots."),
    ("x" * 64 + ".example", "a part between dots is longer than 63 characters."),
])
def test_bad_host_name_on_the_client_page(qtbot, client_page, loopback_server, host, why):
    connect_to(qtbot, client_page, 80, host=host)
    qtbot.waitUntil(lambda: state(client_page) == "closed", timeout=5000)
    assert status(client_page) == f"Host name “{host}” is not valid: {why}"
    assert child(client_page, "openButton").text() == "Connect"
    assert_client_usable(qtbot, client_page, loopback_server)


def test_bad_host_name_on_the_server_page(qtbot, server_page, connect_peer):
    child(server_page, "localAddressCombo").setCurrentText("a..b")
    child(server_page, "localPortSpin").setValue(0)
    click(qtbot, server_page, "openButton")
    qtbot.waitUntil(lambda: state(server_page) == "closed", timeout=5000)
    assert status(server_page) == \
        "Host name “a..b” is not valid: it has an empty part between dots."
    assert child(server_page, "openButton").text() == "Listen"
    assert child(server_page, "localAddressCombo").isEnabled()
    port = listen_on_loopback(qtbot, server_page)
    connect_peer(port)
    qtbot.waitUntil(lambda: child(server_page, "clientList").model().rowCount() == 1,
                    timeout=5000)


# -- a host-name lookup that hangs ---------------------------------------------------------
class _HangingLookup:
    """``socket.getaddrinfo`` that blocks in the named worker thread until released, then
    answers for 127.0.0.1 (the lookup succeeds, too late)."""

    def __init__(self, thread_name: str) -> None:
        self.thread_name = thread_name
        self.entered = threading.Event()
        self.release = threading.Event()
        self.returned = threading.Event()
        self._real = socket.getaddrinfo

    def __call__(self, host, *args, **kwargs):
        if not in_thread(self.thread_name):
            return self._real(host, *args, **kwargs)
        self.entered.set()
        self.release.wait(10)
        try:
            return self._real("127.0.0.1", *args, **kwargs)
        finally:
            self.returned.set()


def test_cancel_during_a_hanging_lookup_on_the_client_page(
        qtbot, client_page, monkeypatch, loopback_server):
    lookup = _HangingLookup("tcp-connect")
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    server = loopback_server()
    connect_to(qtbot, client_page, server.port, host="slow.example")
    assert lookup.entered.wait(5)
    assert state(client_page) == "opening"
    connector = weakref.ref(client_page.session._connector)
    click(qtbot, client_page, "openButton")  # Cancel: gives up waiting, drops the worker
    assert state(client_page) == "closed"
    assert "cancelled" in status(client_page)
    assert child(client_page, "openButton").text() == "Connect"
    worker = connector()
    assert worker is not None and worker.isRunning()  # still in the lookup, still alive
    del worker
    lookup.release.set()
    # It finishes, connects nowhere, says nothing, and is released.
    qtbot.waitUntil(lambda: connector() is None, timeout=5000)
    assert lookup.returned.is_set()
    assert not server.connected.is_set()
    assert state(client_page) == "closed" and "cancelled" in status(client_page)
    monkeypatch.undo()
    assert_client_usable(qtbot, client_page, loopback_server)


def test_stop_during_a_hanging_lookup_on_the_server_page(qtbot, server_page, monkeypatch):
    lookup = _HangingLookup("tcp-accept")
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    child(server_page, "localAddressCombo").setCurrentText("slow.example")
    child(server_page, "localPortSpin").setValue(0)
    click(qtbot, server_page, "openButton")
    assert lookup.entered.wait(5)
    assert state(server_page) == "opening"
    accept = weakref.ref(server_page.session._accept)
    click(qtbot, server_page, "openButton")  # Stop
    assert state(server_page) == "closed"
    lookup.release.set()
    qtbot.waitUntil(lambda: accept() is None, timeout=5000)
    assert state(server_page) == "closed"
    assert child(server_page, "openButton").text() == "Listen"
    monkeypatch.undo()
    listen_on_loopback(qtbot, server_page)


# -- accept worker -------------------------------------------------------------------------
def test_accept_loop_fault_closes_the_server_with_a_message(qtbot, server_page, monkeypatch,
                                                             connect_peer):
    def broken(self, listener, spare):
        raise RuntimeError(INJECTED)

    monkeypatch.setattr(AcceptThread, "_accept_loop", broken)
    child(server_page, "localAddressCombo").setCurrentText("127.0.0.1")
    child(server_page, "localPortSpin").setValue(0)
    click(qtbot, server_page, "openButton")
    qtbot.waitUntil(lambda: state(server_page) == "closed", timeout=5000)
    assert status(server_page).startswith("Internal error while listening on 127.0.0.1:")
    assert status(server_page).endswith(f"RuntimeError: {INJECTED}")
    assert child(server_page, "openButton").text() == "Listen"
    monkeypatch.undo()
    port = listen_on_loopback(qtbot, server_page)
    connect_peer(port)
    qtbot.waitUntil(lambda: child(server_page, "clientList").model().rowCount() == 1,
                    timeout=5000)


def test_accept_socket_call_fault_closes_the_server_and_frees_the_port(
        qtbot, server_page, monkeypatch, connect_peer):
    port = listen_on_loopback(qtbot, server_page)
    monkeypatch.setattr(AcceptedSocket, "wrap", classmethod(
        lambda cls, sock: (_ for _ in ()).throw(ValueError(INJECTED))))
    connect_peer(port)
    qtbot.waitUntil(lambda: state(server_page) == "closed", timeout=5000)
    assert status(server_page) == (f"Internal error while listening on 127.0.0.1:{port}: "
                                   f"ValueError: {INJECTED}")
    assert child(server_page, "openButton").text() == "Listen"
    with socket.socket() as probe:  # the listening socket was closed
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
    monkeypatch.undo()
    port = listen_on_loopback(qtbot, server_page)
    connect_peer(port)
    qtbot.waitUntil(lambda: child(server_page, "clientList").model().rowCount() == 1,
                    timeout=5000)


# -- a connection's receive and send loops -------------------------------------------------
@pytest.mark.parametrize(("direction", "task"), [(Direction.RX, "receiving from"),
                                                 (Direction.TX, "sending to")])
def test_connection_loop_fault_ends_that_connection_only(
        qtbot, server_page, monkeypatch, connect_peer, direction, task):
    real_push = TrafficSink.push

    def push(self, chunk, *args, **kwargs):
        if chunk.direction is direction and b"boom" in chunk.data:
            raise RuntimeError(INJECTED)
        return real_push(self, chunk, *args, **kwargs)

    monkeypatch.setattr(TrafficSink, "push", push)
    port = listen_on_loopback(qtbot, server_page)
    doomed = connect_peer(port)
    clients = child(server_page, "clientList").model()
    qtbot.waitUntil(lambda: clients.rowCount() == 1, timeout=5000)
    doomed_label = f"127.0.0.1:{doomed.sock.getsockname()[1]}"
    if direction is Direction.RX:
        doomed.send(b"boom")
    else:
        type_send(server_page, "boom")
        click(qtbot, server_page, "sendButton")
    assert doomed.recv_until_closed() in (b"", b"boom")  # the server closed it
    qtbot.waitUntil(lambda: clients.rowCount() == 0, timeout=5000)
    reason = f"Internal error while {task} {doomed_label}: RuntimeError: {INJECTED}"
    assert status(server_page).endswith(" · " + reason)
    assert state(server_page) == "open"  # the server goes on
    assert server_page.session.connections() == []
    # Other clients are served as before.
    other = connect_peer(port)
    qtbot.waitUntil(lambda: clients.rowCount() == 1, timeout=5000)
    other.send(b"fine")
    qtbot.waitUntil(lambda: "fine" in log_text(server_page), timeout=5000)
    type_send(server_page, "still here")
    click(qtbot, server_page, "sendButton")
    assert other.recv_exactly(len(b"still here")) == b"still here"


# -- periodic and file sends ---------------------------------------------------------------
def failing_send(session, after: int) -> Callable:
    """``session.send`` that raises in a worker thread from call ``after`` + 1 on."""
    real = session.send
    calls = {"n": 0}

    def send(data, *args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            calls["n"] += 1
            if calls["n"] > after:
                raise RuntimeError(INJECTED)
        return real(data, *args, **kwargs)
    return send


def test_periodic_send_fault_stops_it_with_a_message(qtbot, connected_client, monkeypatch):
    page, peer = connected_client
    monkeypatch.setattr(page.session, "send", failing_send(page.session, after=2))
    type_send(page, "tick")
    child(page, "repeatCheck").setChecked(True)
    child(page, "repeatIntervalSpin").setValue(20)
    child(page, "repeatCountSpin").setValue(0)
    click(qtbot, page, "sendButton")
    expected = f"Internal error while sending periodically: RuntimeError: {INJECTED}"
    qtbot.waitUntil(lambda: status(page) == expected, timeout=5000)
    assert child(page, "sendButton").text() == "Send"
    assert child(page, "repeatIntervalSpin").isEnabled()
    assert peer.recv_exactly(8) == b"ticktick"
    assert state(page) == "open"
    monkeypatch.undo()
    child(page, "repeatCheck").setChecked(False)
    type_send(page, "again")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(5) == b"again"


def test_file_send_fault_stops_it_with_a_message(qtbot, connected_client, monkeypatch,
                                                 tmp_path: Path):
    page, peer = connected_client
    path = tmp_path / "big.bin"
    path.write_bytes(b"\x5a" * (3 * 1024 * 1024))
    monkeypatch.setattr(page.session, "send", failing_send(page.session, after=1))
    page.send_panel.send_file(path)
    expected = f"Internal error while sending big.bin: RuntimeError: {INJECTED}"
    qtbot.waitUntil(lambda: status(page) == expected, timeout=5000)
    assert child(page, "sendFileButton").text() == "Send file…"
    assert not child(page, "sendFileProgress").isVisible()
    assert peer.recv_exactly(1024 * 1024) == b"\x5a" * (1024 * 1024)  # the first chunk
    monkeypatch.undo()
    small = tmp_path / "small.bin"
    small.write_bytes(b"ok")
    with qtbot.waitSignal(page.session.logAppended, timeout=5000):
        assert page.send_panel.send_file(small)
    qtbot.waitUntil(lambda: "File sent" in status(page), timeout=5000)
    assert peer.recv_exactly(2) == b"ok"


def test_payload_job_fault_is_explained(qtbot, connected_client, monkeypatch):
    import app.send.payload_job as payload_job

    page, peer = connected_client
    monkeypatch.setattr(payload_job, "build_payload",
                        raise_in("payload-build", RuntimeError(INJECTED),
                                 payload_job.build_payload))
    type_send(page, "z" * (payload_job.ASYNC_INPUT + 1))
    click(qtbot, page, "sendButton")
    expected = f"Internal error while preparing the data to send: RuntimeError: {INJECTED}"
    qtbot.waitUntil(lambda: status(page) == expected, timeout=5000)
    assert state(page) == "open"
    monkeypatch.undo()
    type_send(page, "small")
    click(qtbot, page, "sendButton")
    assert peer.recv_exactly(5) == b"small"


def test_log_save_fault_is_explained_and_the_file_closed(qtbot, connected_client, monkeypatch,
                                                        tmp_path: Path):
    import app.traffic.log_saver as log_saver

    page, peer = connected_client
    peer.send(b"something")
    qtbot.waitUntil(lambda: "something" in log_text(page), timeout=5000)
    opened: list = []
    real_open = Path.open

    def tracking_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(Path, "open", tracking_open)
    monkeypatch.setattr(log_saver, "write_log",
                        lambda *args: (_ for _ in ()).throw(RuntimeError(INJECTED)))
    panel = page.log_panel
    with qtbot.waitSignal(panel.logSaved, timeout=5000) as blocker:
        assert panel.save_log(tmp_path / "log.txt")
    assert blocker.args == [False]
    assert f"Internal error while saving the log: RuntimeError: {INJECTED}" in status(page)
    assert opened and all(handle.closed for handle in opened)
    monkeypatch.undo()
    with qtbot.waitSignal(panel.logSaved, timeout=5000) as blocker:
        assert panel.save_log(tmp_path / "log2.txt")
    assert blocker.args == [True]
    assert "something" in (tmp_path / "log2.txt").read_text(encoding="utf-8")
