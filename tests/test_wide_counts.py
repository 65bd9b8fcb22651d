"""Byte counts, offsets and counts keep all their bits at every Qt signal and Qt call.

Qt's ``int`` is 32 bits: a ``Signal(int)`` carrying 2**31 or more wraps negative (a 3 GiB file
send showed "-2012217344 B / -1073741824 B") or crashes the process (a log memory of 2,048 MB
or more was a segfault, exit 139, and as a stored setting the app never started again).
"""

from __future__ import annotations

import ast
import itertools
import os
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.net import tcp_connection
from app.net.tcp_connection import AcceptedSocket, TcpConnection
from app.send.file_send import FileSender
from app.send.payload import SendSpec
from app.send.payload_job import PayloadJob
from app.send.periodic import PeriodicSender
from app.sessions.config import TcpServerConfig
from app.sessions.tcp_server import TcpServerSession
from app.traffic.sink import TrafficSink
from tests.ui_helpers import child
from ui.receive_settings import ReceiveSettings

ROOT = Path(__file__).resolve().parent.parent
#: Past 32 bits (signed and unsigned) and far past.
WIDE = [2**31 + 5, 2**32 + 7, 2**40 + 3]

#: Signals and slots of our code that may carry Qt's 32-bit ``int``, and why that is enough.
#: Anything else carrying a number declares ``object`` (or ``"qint64"``).
INT_ALLOWED = {
    ("ui/log_view.py", "zoomed"): "a font point size",
    ("ui/pages/session_page.py", "apply_zoom"): "LogView.zoomed: a font point size",
    ("ui/log_view.py", "_on_scrolled"): "QScrollBar.valueChanged (Qt's own int)",
    ("ui/log_view.py", "_on_range_changed"): "QScrollBar.rangeChanged (Qt's own int)",
    ("ui/main_window.py", "close_tab"): "QTabWidget.tabCloseRequested: a tab index",
    ("ui/send_panel.py", "_on_history_chosen"): "QComboBox.activated: an item index",
    ("ui/pages/udp_page.py", "_on_broadcast_chosen"): "QComboBox.activated: an item index",
}


def _int_declarations() -> list[tuple[str, str, str]]:
    """(file, name, declaration) of each ``Signal(...)`` / ``@Slot(...)`` naming ``int``."""
    found = []
    for path in sorted([*ROOT.glob("app/**/*.py"), *ROOT.glob("ui/**/*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            calls: list[tuple[str, ast.Call]] = []
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    calls.append((target.id, node.value))
            elif isinstance(node, ast.FunctionDef):
                calls.extend((node.name, d) for d in node.decorator_list
                             if isinstance(d, ast.Call))
            for name, call in calls:
                func = call.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if called not in ("Signal", "Slot"):
                    continue
                if any(isinstance(a, ast.Name) and a.id == "int" for a in call.args):
                    found.append((rel, name, ast.unparse(call)))
    return found


def test_the_scan_sees_signals():
    # The scan must find something to judge, or it would pass on any tree.
    names = {(f, n) for f, n, _ in _int_declarations()}
    assert ("ui/log_view.py", "zoomed") in names


def test_no_32_bit_int_at_our_signals_and_slots():
    offenders = [f"{f}: {n} = {decl}" for f, n, decl in _int_declarations()
                 if (f, n) not in INT_ALLOWED]
    assert offenders == [], (
        "Qt's int is 32 bits: declare byte counts, offsets and counts as object "
        "(or add the declaration to INT_ALLOWED with the reason 32 bits are enough)")


def _emit_from_a_worker_thread(signal, *args) -> None:
    """Emit like a worker does: from another thread, so the call is queued (marshalled)."""
    thread = threading.Thread(target=signal.emit, args=args)
    thread.start()
    thread.join(5)


def _signals_under_test(tmp_path: Path) -> list[tuple[object, str, tuple]]:
    """(object, signal name, arguments with a wide value in each numeric place)."""
    a, b = socket.socketpair()
    conn = TcpConnection(AcceptedSocket(a, ("127.0.0.1", 1), ("127.0.0.1", 2)), TrafficSink())
    path = tmp_path / "f.bin"
    path.write_bytes(b"x")
    file_sender = FileSender(path, lambda data: 1, lambda: 0)
    periodic = PeriodicSender(lambda data: 1, b"x", 1.0)
    job = PayloadJob(SendSpec(text="x"), 0)
    settings = ReceiveSettings()
    session = TcpServerSession()
    cases: list[tuple[object, str, tuple]] = []
    for n in WIDE:
        for jobs in (session, session.send_jobs):
            cases += [
                (jobs, "periodicProgress", (n,)),
                (jobs, "periodicDone", (n, "")),
                (jobs, "fileProgress", (n, n + 1)),
                (jobs, "fileDone", (n, "")),
            ]
        cases += [
            (file_sender, "progress", (n, n + 1)),
            (file_sender, "done", (n, "")),
            (periodic, "progress", (n,)),
            (periodic, "done", (n, "")),
            (job, "done", (n, b"")),
            (conn, "ended", (n,)),
            (settings, "budgetChanged", (n,)),
        ]
    cases.append((None, "keep", (a, b, settings, session)))  # alive until the test ends
    return cases


def test_wide_values_cross_every_counting_signal_intact(qtbot, tmp_path):
    cases = _signals_under_test(tmp_path)
    try:
        for owner, name, args in cases:
            if owner is None:
                continue
            heard: list[tuple] = []
            signal = getattr(owner, name)
            slot = lambda *got, heard=heard: heard.append(got)  # noqa: E731
            signal.connect(slot)
            _emit_from_a_worker_thread(signal, *args)
            qtbot.waitUntil(lambda heard=heard: bool(heard), timeout=5000)
            signal.disconnect(slot)
            assert heard == [args], f"{type(owner).__name__}.{name}"
    finally:
        for owner, _name, args in cases:
            if owner is None:
                for sock in args[:2]:
                    sock.close()


def test_file_send_progress_of_a_3_gib_file(qtbot, window, tmp_path):
    page = window.findChild(QWidget, "tcpClientSession")
    panel = page.send_panel
    path = tmp_path / "f.bin"
    path.write_bytes(b"x")
    sender = FileSender(path, lambda data: 1, lambda: 0)
    sender.progress.connect(panel._on_file_progress)
    bar = child(page, "sendFileProgress")
    bar.setRange(0, 1000)
    gib = 2**30
    for done, total, per_mille, shown in (
            (2**31 + 5, 3 * gib, 666, "2.0 GB / 3.0 GB"),
            (3 * gib, 3 * gib, 1000, "3.0 GB / 3.0 GB"),
            (2**40, 2**41, 500, "1024.0 GB / 2048.0 GB")):
        _emit_from_a_worker_thread(sender.progress, done, total)
        qtbot.waitUntil(lambda shown=shown: bar.format() == shown, timeout=5000)
        assert bar.value() == per_mille


def test_periodic_progress_past_32_bits(qtbot, window):
    page = window.findChild(QWidget, "tcpClientSession")
    sender = PeriodicSender(lambda data: 1, b"x", 1.0)
    sender.progress.connect(page.send_panel._on_periodic_progress)
    label = child(page, "repeatStatusLabel")
    for n in WIDE:
        _emit_from_a_worker_thread(sender.progress, n)
        qtbot.waitUntil(lambda n=n: label.text() == f"{n:,} sent", timeout=5000)


def test_a_connection_id_past_32_bits_ends_cleanly(qtbot, monkeypatch, connect_peer):
    # Through a 32-bit signal this id crashes the process: fail politely first.
    declared = {(f, n) for f, n, _ in _int_declarations()}
    assert ("app/net/tcp_connection.py", "ended") not in declared
    assert ("app/sessions/base.py", "_on_connection_ended") not in declared
    monkeypatch.setattr(tcp_connection, "_ids", itertools.count(2**40 + 1))
    session = TcpServerSession()
    try:
        with qtbot.waitSignal(session.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "open"):
            session.open(TcpServerConfig("127.0.0.1", 0))
        peer = connect_peer(session.port)
        qtbot.waitUntil(lambda: len(session.connections()) == 1, timeout=5000)
        conn = session.connections()[0]
        assert conn.conn_id == 2**40 + 1
        peer.send(b"abc")
        qtbot.waitUntil(lambda: session.rx_total() == 3, timeout=5000)
        # The half-close signal carries the id too.
        with qtbot.waitSignal(session.connectionEvent, timeout=5000,
                              check_params_cb=lambda e: e.kind == "half-closed") as half:
            peer.half_close()
        assert half.args[0].conn_id == 2**40 + 1
        with qtbot.waitSignal(session.connectionClosed, timeout=5000) as blocker:
            peer.reset()  # gone (a FIN alone leaves it half-closed)
        assert blocker.args == [conn]
        assert session.connections() == []
        assert session.rx_total() == 3
        assert session.peer_label(2**40 + 1) == conn.peer
    finally:
        session.close()


_LOG_MEMORY_SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QSpinBox, QWidget
    app = QApplication([])
    from ui.main_window import MainWindow

    def budgets(window):
        return [window.findChild(QWidget, name).session.log.budget_bytes
                for name in ("tcpServerSession", "tcpClientSession")]

    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.show()
    for name in ("tcpServerSession", "tcpClientSession"):
        spin = window.findChild(QWidget, name).findChild(QSpinBox, "logBudgetSpin")
        for mb in (2048, spin.maximum(), 4096):
            spin.setValue(mb)
    print("set", *budgets(window), flush=True)
    window.close()
    settings.sync()
    del window
    # Stored: the next start reads 4096 MB.
    window = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window.show()
    print("restarted", *budgets(window), flush=True)
    window.close()
""")


def test_log_memory_of_4096_mb_set_and_stored(tmp_path):
    """In a child process: a regression would be a segfault, which must not kill the run."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", _LOG_MEMORY_SCRIPT, str(tmp_path / "settings.ini")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    want = str(4096 * 2**20)
    assert f"set {want} {want}" in result.stdout
    assert f"restarted {want} {want}" in result.stdout
    assert "Overflow" not in result.stderr
