"""A window that fits 1024×768 (issue 12 item 4) and the live rate (item 5): every control
reachable, a long preview never widens the window, the wheel leaves unfocused boxes alone,
zoom scales log, send box and client list together, tab titles say port and state, closing
with live connections asks, and the rate meter shows what flows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from app.traffic.rate import HISTORY_POINTS, RateHistory, RatePoint, format_rate
from tests.ui_helpers import child, choose, click, listen_on_loopback, state

SCREEN = (1024, 768)
CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QPlainTextEdit,
            QAbstractItemView)


@pytest.fixture
def small_window(window, qtbot, monkeypatch):
    import ui.window_geometry

    # A screen with room for a 1024×768 window and its frame (offscreen's is 800×800), so
    # keeping the window on the screen once shown leaves the size below alone.
    monkeypatch.setattr(ui.window_geometry, "available_geometry",
                        lambda _window: QRect(0, 0, 1280, 1024))
    window.resize(*SCREEN)
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def _named_controls(page: QWidget) -> list[QWidget]:
    found = []
    for widget in page.findChildren(QWidget):
        name = widget.objectName()
        if (name and not name.startswith("qt_") and isinstance(widget, CONTROLS)
                and widget.isVisibleTo(page)):
            found.append(widget)
    return found


def _rect_in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_every_named_control_is_reachable_at_1024x768(small_window):
    window = small_window
    assert window.minimumSizeHint().width() <= SCREEN[0]
    assert window.width() == SCREEN[0]
    for page in window.pages():
        window.tabs.setCurrentWidget(page)
        QApplication.processEvents()
        scroll = page.findChild(QScrollArea)
        controls = _named_controls(page)
        assert len(controls) > 30, page.objectName()
        for widget in controls:
            in_scroll = scroll.widget().isAncestorOf(widget)
            if in_scroll:
                # ensureVisible on the whole widget: ensureWidgetVisible settles for the
                # text cursor of a spin box, which may leave its lower edge outside.
                top_left = widget.mapTo(scroll.widget(), QPoint(0, 0))
                half_w, half_h = widget.width() // 2, widget.height() // 2
                scroll.ensureVisible(top_left.x() + half_w, top_left.y() + half_h,
                                     half_w + 1, half_h + 1)
                QApplication.processEvents()
                visible = QRect(scroll.viewport().mapTo(window, QPoint(0, 0)),
                                scroll.viewport().size())
            else:
                visible = window.rect()
            rect = _rect_in_window(widget, window)
            where = f"{page.objectName()}/{widget.objectName()} at {rect}"
            assert rect.width() > 0 and rect.height() > 0, where
            assert visible.contains(rect), where
            if isinstance(widget, QAbstractButton):  # no "P...e": the whole text fits
                assert widget.width() >= widget.minimumSizeHint().width(), where


def test_thirty_chinese_characters_do_not_widen_the_window(small_window, qtbot):
    window = small_window
    page = window.findChild(QWidget, "tcpServerSession")
    window.tabs.setCurrentWidget(page)
    width, hint = window.width(), window.minimumSizeHint()
    send_edit: QPlainTextEdit = child(page, "sendEdit")
    text = "温度湿度压力流量电压电流功率频率" * 2
    text = text[:30]
    send_edit.setPlainText(text)
    preview = child(page, "sendPreviewLabel")
    qtbot.waitUntil(lambda: "90 bytes" in preview.text(), timeout=5000)
    QApplication.processEvents()
    assert window.width() == width
    assert window.minimumSizeHint() == hint
    assert preview.toolTip() == preview.text()
    assert _rect_in_window(child(page, "sendButton"), window).right() < window.width()


def _wheel(widget: QWidget, down: bool = True) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    delta = QPoint(0, -120 if down else 120)
    event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(), delta,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_an_unfocused_combo_scrolls_the_settings_instead(small_window, qtbot):
    window = small_window
    page = window.findChild(QWidget, "tcpServerSession")
    choose(page, "checksumCombo", "crc16-modbus")
    combo: QComboBox = child(page, "checksumCombo")
    scroll = page.findChild(QScrollArea)
    assert scroll.widget().isAncestorOf(combo)
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the column is taller than the window: it scrolls
    bar.setValue(0)
    assert not combo.hasFocus()
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    for _ in range(3):
        _wheel(combo)
    assert combo.currentData() == "crc16-modbus"
    assert bar.value() > 0  # the wheel went to the scroll area
    spin = child(page, "logBudgetSpin")
    before = spin.value()
    _wheel(spin, down=False)
    assert spin.value() == before

    window.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=3000)
    _wheel(combo)  # chosen by the user: now the wheel is the combo's
    assert combo.currentData() != "crc16-modbus"


def test_zoom_scales_log_send_box_and_client_list(small_window, qtbot):
    page = small_window.findChild(QWidget, "tcpServerSession")
    log, edit, clients = (child(page, n) for n in ("logView", "sendEdit", "clientList"))
    size = log.font().pointSize()
    assert edit.font().pointSize() == size and clients.font().pointSize() == size
    for _ in range(3):
        click(qtbot, page, "zoomInButton")
    assert log.font().pointSize() == size + 3
    assert edit.font().pointSize() == size + 3
    assert clients.font().pointSize() == size + 3
    # Compact rows follow the font.
    assert clients.verticalHeader().defaultSectionSize() == clients.fontMetrics().height() + 4
    click(qtbot, page, "zoomOutButton")
    assert {w.font().pointSize() for w in (log, edit, clients)} == {size + 2}


def test_tab_titles_show_kind_port_and_state(small_window, qtbot):
    window = small_window
    server = window.findChild(QWidget, "tcpServerSession")
    client = window.findChild(QWidget, "tcpClientSession")
    port = listen_on_loopback(qtbot, server)
    title = window.tabs.tabText(window.tabs.indexOf(server))
    assert title == f"TCP Server :{port} ●"
    child(client, "remoteHostEdit").setText("127.0.0.1")
    child(client, "remotePortSpin").setValue(port)
    assert window.tabs.tabText(window.tabs.indexOf(client)) == f"TCP Client 127.0.0.1:{port} ○"
    click(qtbot, client, "openButton")
    qtbot.waitUntil(lambda: state(client) == "open", timeout=5000)
    assert window.tabs.tabText(window.tabs.indexOf(client)) == f"TCP Client 127.0.0.1:{port} ●"
    click(qtbot, client, "openButton")
    qtbot.waitUntil(lambda: state(client) == "closed", timeout=5000)
    assert window.tabs.tabText(window.tabs.indexOf(client)) == f"TCP Client 127.0.0.1:{port} ○"
    click(qtbot, server, "openButton")
    qtbot.waitUntil(lambda: state(server) == "closed", timeout=5000)
    assert window.tabs.tabText(window.tabs.indexOf(server)) == f"TCP Server :{port} ○"
    udp = window.findChild(QWidget, "udpSession")
    child(udp, "localPortSpin").setValue(45678)
    assert window.tabs.tabText(window.tabs.indexOf(udp)) == "UDP :45678 ○"


@pytest.fixture
def answers(monkeypatch):
    """Replace the close question: pop the next answer from the list, record each ask."""
    asked: list[str] = []
    replies: list[QMessageBox.StandardButton] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked, replies


def test_closing_with_a_connected_client_asks_once(small_window, qtbot, connect_peer,
                                                   answers):
    window = small_window
    asked, replies = answers
    server = window.findChild(QWidget, "tcpServerSession")
    client_page = window.findChild(QWidget, "tcpClientSession")
    port = listen_on_loopback(qtbot, server)
    connect_peer(port)
    child(client_page, "remoteHostEdit").setText("127.0.0.1")
    child(client_page, "remotePortSpin").setValue(port)
    click(qtbot, client_page, "openButton")
    qtbot.waitUntil(lambda: server.live_connection_count() == 2, timeout=5000)
    qtbot.waitUntil(lambda: state(client_page) == "open", timeout=5000)
    window.ask_before_closing = True  # the conftest turns it off for every other window
    try:
        # A tab: No keeps it and its session.
        replies.append(QMessageBox.StandardButton.No)
        window.close_tab(window.tabs.indexOf(server))
        assert asked and "2" in asked[-1]
        assert window.tabs.indexOf(server) >= 0 and state(server) == "open"
        # The window: asked once for all pages (3 connections); No keeps everything open.
        replies.append(QMessageBox.StandardButton.No)
        assert not window.close()
        assert len(asked) == 2 and "3" in asked[-1]
        assert window.isVisible() and state(server) == "open"
        # Yes closes it.
        replies.append(QMessageBox.StandardButton.Yes)
        assert window.close()
        assert len(asked) == 3 and not replies
        assert state(server) == "closed"
    finally:
        window.ask_before_closing = False


def test_closing_without_connections_does_not_ask(small_window, qtbot, answers):
    window = small_window
    asked, _replies = answers
    window.ask_before_closing = True
    try:
        listen_on_loopback(qtbot, window.findChild(QWidget, "tcpServerSession"))
        assert window.close()  # listening with nobody connected: nothing to lose
        assert asked == []
    finally:
        window.ask_before_closing = False


def test_rate_shows_data_flowing_and_the_chart_keeps_a_minute(small_window, qtbot,
                                                              connect_peer):
    page = small_window.findChild(QWidget, "tcpServerSession")
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    label, chart = child(page, "rateLabel"), child(page, "rateChart")
    assert label.text().startswith("↓ 0 B/s")
    page.update_rate()  # start a fresh interval
    peer.send(b"x" * 50_000)
    qtbot.waitUntil(lambda: page.session.rx_total() == 50_000, timeout=5000)
    # The page's own once-a-second timer samples the counters.
    qtbot.waitUntil(lambda: page.rate_history.latest().rx > 0, timeout=3000)
    assert not label.text().startswith("↓ 0 B/s")
    assert chart.points()[-1].rx > 0
    for _ in range(HISTORY_POINTS + 15):
        page.update_rate()
    assert len(chart.points()) == HISTORY_POINTS
    assert len(page.rate_history.points) == HISTORY_POINTS
    chart.grab()  # paints without error


def test_rate_history_from_counters():
    history = RateHistory(points=3)
    assert history.sample(10.0, 0, 0) is None
    assert history.sample(11.0, 1000, 500) == RatePoint(1000.0, 500.0)
    assert history.sample(13.0, 5000, 500) == RatePoint(2000.0, 0.0)
    assert history.sample(13.0, 9000, 500) is None  # no time passed: no point
    assert history.sample(14.0, 0, 0) == RatePoint(0.0, 0.0)  # counters reset
    assert history.sample(15.0, 300, 30) == RatePoint(300.0, 30.0)
    assert len(history.points) == 3 and history.capacity == 3
    assert history.peak() == 2000.0
    assert history.latest() == RatePoint(300.0, 30.0)
    with pytest.raises(ValueError):
        RateHistory(points=0)


@pytest.mark.parametrize(("rate", "text"), [(0, "0 B/s"), (512, "512 B/s"),
                                            (3482, "3.4 KB/s"), (12.5 * 2**20, "12.5 MB/s")])
def test_format_rate(rate, text):
    assert format_rate(rate) == text



def test_counters_in_the_billions_do_not_widen_the_window(small_window, monkeypatch):
    window = small_window
    for page in window.pages():
        for name in ("rx_total", "tx_total"):
            monkeypatch.setattr(page.session, name, lambda: 123_456_789_012)
        for name in ("rx_messages", "tx_messages"):
            monkeypatch.setattr(page.session, name, lambda: 1_234_567_890)
        monkeypatch.setattr(page.session, "queued_bytes", lambda: 8_000_000)
        page.refresh_counters()
        assert "123,456,789,012" in child(page, "rxCountLabel").text()
        child(page, "rateLabel").setText("↓ 999.9 MB/s  ↑ 999.9 MB/s")
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= SCREEN[0]
    assert window.width() == SCREEN[0]


def test_zoom_on_the_udp_page_scales_its_peer_list(small_window, qtbot):
    page = small_window.findChild(QWidget, "udpSession")
    log, peers = child(page, "logView"), child(page, "peerList")
    size = log.font().pointSize()
    click(qtbot, page, "zoomInButton")
    assert peers.font().pointSize() == size + 1 == log.font().pointSize()
    assert child(page, "sendEdit").font().pointSize() == size + 1


# -- the first window's size, and a restored one, fit the screen (trial report item 4) --------

@pytest.fixture
def screen_area(monkeypatch):
    """Pretend the screen's available area is ``area[0]`` (set it before opening a window)."""
    import ui.window_geometry

    area = [QRect(0, 0, *SCREEN)]
    monkeypatch.setattr(ui.window_geometry, "available_geometry", lambda _window: area[0])
    return area


def _open(qtbot, settings):
    from ui.main_window import MainWindow

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    return window


def _frame_before_show(window) -> QRect:
    from ui.window_geometry import frame_margins

    m = frame_margins(window)
    return QRect(window.pos(), window.size().grownBy(m))


def _show(qtbot, window) -> None:
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()  # keep_on_screen runs once the frame is known


@pytest.mark.parametrize("area", [QRect(0, 0, 1024, 768), QRect(0, 28, 1024, 740),
                                  QRect(1920, 0, 1024, 768)],
                         ids=["1024x768", "panel-on-top", "second-screen"])
def test_the_first_window_fits_a_small_screen_and_everything_is_on_it(
        qtbot, settings, screen_area, area):
    screen_area[0] = area
    window = _open(qtbot, settings)
    assert area.contains(_frame_before_show(window))
    assert window.width() < 1180 and window.width() >= window.minimumSizeHint().width()
    _show(qtbot, window)
    assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)
    page = window.findChild(QWidget, "tcpServerSession")
    for name in ("sendButton", "sendFileButton", "clientList", "rxCountLabel",
                 "txCountLabel", "resetCountersButton"):
        widget = child(page, name)
        rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        assert area.contains(rect), (name, rect, area)
    window.close()


def test_on_a_large_screen_the_first_window_is_centred_at_its_preferred_size(
        qtbot, settings, screen_area):
    from ui.window_geometry import PREFERRED_SIZE

    area = screen_area[0] = QRect(0, 0, 1920, 1080)
    window = _open(qtbot, settings)
    assert window.size() == PREFERRED_SIZE
    frame = _frame_before_show(window)
    assert abs(frame.center().x() - area.center().x()) <= 1
    assert abs(frame.center().y() - area.center().y()) <= 1
    window.close()


_GEOMETRY_CHILD = """
import json, sys
from PySide6.QtCore import QRect, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.main_window import MainWindow
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
report = {"area": app.primaryScreen().availableGeometry().getRect()}
for step, wanted in enumerate(json.loads(sys.argv[2])):
    window = MainWindow(settings=settings)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    for _ in range(5):
        app.processEvents()
    report[f"frame{step}"] = window.frameGeometry().getRect()
    report[f"inner{step}"] = window.geometry().getRect()
    report["minimum"] = window.minimumSizeHint().width()
    if wanted:
        window.setGeometry(QRect(*wanted))  # as the user left it; stored at close
        app.processEvents()
    window.close()
print(json.dumps(report))
"""


def _geometry_run(tmp_path, screen: tuple[int, int], steps: list) -> dict:
    """Open and close the window once per step on an offscreen screen of ``screen`` size
    (a step's rectangle is set before closing, as the user would leave it)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "test", "x": 0, "y": 0, "width": screen[0], "height": screen[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _GEOMETRY_CHILD, str(tmp_path / "s.ini"),
                           json.dumps(steps)], capture_output=True, text=True, timeout=120,
                          cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_on_a_1024x768_screen_first_and_restored_windows_fit(tmp_path):
    # Qt's own offscreen screen, sized as the tester's: no fake area in this process.
    report = _geometry_run(tmp_path, (1024, 768), [[300, 200, 1180, 760], None])
    area = QRect(*report["area"])
    assert area == QRect(0, 0, 1024, 768)
    for step in (0, 1):  # the first start, and the start after a too large window was saved
        frame, inner = QRect(*report[f"frame{step}"]), QRect(*report[f"inner{step}"])
        assert area.contains(frame), (step, frame)
        assert inner.width() >= report["minimum"]


def test_a_restored_geometry_that_fits_is_kept(tmp_path):
    report = _geometry_run(tmp_path, (1920, 1080), [[100, 120, 1000, 700], None])
    assert QRect(*report["inner1"]) == QRect(100, 120, 1000, 700)
    assert QRect(*report["inner0"]).size().toTuple() == (1180, 760)


def test_fit_inside_moves_and_shrinks_as_little_as_needed():
    from PySide6.QtCore import QSize

    from ui.window_geometry import fit_inside

    area = QRect(0, 0, 1024, 768)
    minimum = QSize(900, 400)
    assert fit_inside(QRect(10, 10, 1000, 700), area, minimum) == QRect(10, 10, 1000, 700)
    assert fit_inside(QRect(500, 300, 1000, 700), area, minimum) == QRect(24, 68, 1000, 700)
    assert fit_inside(QRect(-50, -20, 1184, 794), area, minimum) == QRect(0, 0, 1024, 768)
    # Smaller than the minimum allows: as small as allowed, title bar on the screen.
    tiny = QRect(0, 0, 800, 600)
    assert fit_inside(QRect(300, 300, 1000, 700), tiny, minimum) == QRect(0, 0, 900, 600)
    assert fit_inside(QRect(300, 300, 1000, 300), tiny, minimum) == QRect(0, 200, 900, 400)
