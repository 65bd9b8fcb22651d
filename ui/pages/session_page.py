"""A session tab: settings on the left, the log in the middle, the send box below, and the
status line with the counters at the bottom. The parts live in their own modules; this one
puts them together and ties them to the session."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.send.targets import ALL, Targets
from app.sessions.base import Session, SessionState
from app.sessions.config import SessionConfig
from app.traffic.rate import RateHistory, format_rate
from ui.auto_reply_group import AutoReplyGroup
from ui.i18n import live_translator
from ui.log_panel import LogPanel
from ui.quick_command_model import QuickCommandModel
from ui.quick_commands_panel import QuickCommandsGroup
from ui.rate_chart import RateChart
from ui.receive_settings import ReceiveSettings
from ui.scenario_panel import ScenarioPanel
from ui.send_panel import SendPanel
from ui.send_settings import SendSettings
from ui.style import set_tone
from ui.wheel_guard import WheelGuard, guard_wheel
from ui.widgets import compact_rows, named

#: How often counters and the client list repaint.
COUNTER_MS = 200
#: How often the live rate is sampled from the counters (its chart keeps one point each).
RATE_MS = 1000


class SessionPage(QWidget):
    """One session's tab, in the layout of the classic network assistants.

    Subclasses add their network settings (:meth:`build_network_group`), read and write their
    config (:meth:`config`, :meth:`apply_config`), say how to open the session
    (:meth:`open_session`), whom a send goes to (:meth:`send_targets`) and what to say when
    nobody can receive it.

    The page's settings (config, receive and send settings) live in the settings group named
    after the page's object name, so two pages of one kind keep their own.
    """

    #: The dataclass :meth:`config` returns; stored settings are read through its ``from_dict``.
    config_type: type[SessionConfig] = SessionConfig
    #: What the tab title says after the kind (state, port, peer) changed: see tab_detail().
    tabDetailChanged = Signal()
    #: The kind part of the tab title ("TCP Server", "TCP Server 2"); the window sets it.
    tab_base_title = ""
    #: Whether the page has the Scenario group and Export (pcapng): TCP pages, whose
    #: sessions have connections.
    has_scenarios = False
    #: What the error shown in the status line is about (see :meth:`show_error`).
    _error_topic = ""

    def __init__(self, session: Session, settings: QSettings, object_name: str,
                 parent: QWidget | None = None,
                 quick_commands: QuickCommandModel | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.session = session
        self.settings = settings
        self._settings_group = object_name
        #: True when the page's settings group held saved settings as the page was built.
        self.restored = False
        self.quick_command_model = quick_commands or QuickCommandModel(settings, self)
        self._build()
        session.stateChanged.connect(self._on_state_changed)
        session.statusChanged.connect(self._on_session_status)
        self._counter_timer = QTimer(self)
        self._counter_timer.setInterval(COUNTER_MS)
        self._counter_timer.timeout.connect(self.refresh_counters)
        self._counter_timer.start()
        self.rate_history = RateHistory()
        self._rate_timer = QTimer(self)
        self._rate_timer.setInterval(RATE_MS)
        self._rate_timer.timeout.connect(self.update_rate)
        self._rate_timer.start()
        self.update_rate()
        self._on_state_changed(str(session.state))
        self.show_status(self.tr("Closed."))
        self.load_settings()
        # After the subclass built its fields: every combo and spin box of the page.
        self._wheel_guard = WheelGuard(self)
        guard_wheel(self, self._wheel_guard)
        self.log_view.zoomed.connect(self.apply_zoom)
        self.apply_zoom(self.log_view.font().pointSize())

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setChildrenCollapsible(False)
        outer.addWidget(body, 1)

        self.receive_settings = ReceiveSettings()
        self.send_settings = SendSettings()
        self.log_panel = LogPanel(self.session, self.settings)
        self.send_panel = SendPanel(self.session, self.settings, self.send_settings,
                                    self.send_targets, self.not_open_message,
                                    self.no_target_message)
        self.quick_commands = QuickCommandsGroup(
            self.quick_command_model, self.send_panel.spec, self.settings)
        self.log_view = self.log_panel.log_view
        self.log_panel.export_button.setVisible(self.has_scenarios)  # TCP pages only
        self.receive_settings.renderOptionsChanged.connect(self.log_view.set_options)
        self.receive_settings.framingChanged.connect(self.session.set_framing)
        self.receive_settings.budgetChanged.connect(self._apply_budget)
        self.receive_settings.problem.connect(self._on_framing_problem)
        self.receive_settings.framingChanged.connect(lambda _config: self.clear_error("framing"))
        self.quick_commands.sendRequested.connect(self.send_panel.send_quick_command)
        self.auto_reply_group = AutoReplyGroup()
        self.auto_reply_group.changed.connect(self.session.set_auto_reply)
        groups: list[QWidget] = [self.build_network_group(), self.receive_settings,
                                 self.auto_reply_group]
        sources: list = [self.log_panel, self.quick_commands, self.auto_reply_group]
        self.scenario_panel: ScenarioPanel | None = None
        if self.has_scenarios:
            self.scenario_panel = ScenarioPanel(self.session, self.settings,
                                                self.scenario_connection)
            groups.append(self.scenario_panel)
            sources.append(self.scenario_panel)
        for source in sources:
            source.message.connect(self._on_message)
        self.send_panel.message.connect(self._on_send_message)
        self.send_panel.sent.connect(lambda: self.clear_error("send"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for group in (*groups, self.send_settings, self.quick_commands):
            left_layout.addWidget(group)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wide enough for the settings plus a vertical scroll bar, so nothing is cut off.
        scroll.setMinimumWidth(left.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 4)
        scroll.setMaximumWidth(420)
        body.addWidget(scroll)

        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.build_log_area(self.log_panel))
        right.addWidget(self.send_panel)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        body.addWidget(right)
        body.setStretchFactor(1, 1)

        outer.addLayout(self._build_footer())
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.send_panel.send_now)

    def build_network_group(self) -> QGroupBox:
        raise NotImplementedError

    def build_log_area(self, log_panel: LogPanel) -> QWidget:
        """The log; the server page puts its client list beside it."""
        return log_panel

    def _build_footer(self) -> QGridLayout:
        # Two rows (rate over chart, RX over TX): one row grew past 1024 px once the
        # counters reached billions.
        footer = QGridLayout()
        footer.setVerticalSpacing(0)
        self.status_label = named(QLabel(), "sessionStatus", self.tr("Session status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rx_label = named(QLabel(), "rxCountLabel", self.tr("Received bytes"))
        self.tx_label = named(QLabel(), "txCountLabel", self.tr("Sent bytes"))
        self.reset_counters_button = named(QPushButton(self.tr("Reset")),
                                           "resetCountersButton", self.tr("Reset counters"))
        self.reset_counters_button.clicked.connect(self._reset_counters)
        self.rate_label = named(QLabel(), "rateLabel", self.tr("Bytes per second"))
        self.rate_chart = named(RateChart(), "rateChart",
                                self.tr("Bytes per second over the last minute"))
        rate_tip = self.tr("Received (↓, green) and sent (↑, blue) bytes per second; the "
                           "chart shows the last minute.")
        self.rate_label.setToolTip(rate_tip)
        self.rate_chart.setToolTip(rate_tip)
        footer.addWidget(self.status_label, 0, 0, 2, 1)
        footer.addWidget(self.rate_label, 0, 1)
        footer.addWidget(self.rate_chart, 1, 1)
        footer.addWidget(self.rx_label, 0, 2)
        footer.addWidget(self.tx_label, 1, 2)
        footer.addWidget(self.reset_counters_button, 0, 3, 2, 1)
        footer.setColumnStretch(0, 1)
        return footer

    # -- state and status ------------------------------------------------------------------
    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        self.setProperty("sessionState", state)
        self.update_open_button(SessionState(state))
        self.set_network_editable(state == SessionState.CLOSED)
        self.tabDetailChanged.emit()

    def tab_detail(self) -> str:
        """What the tab title adds to the kind: the endpoint and a state mark, e.g.
        ``:8080 ●`` (subclasses say which endpoint)."""
        return state_mark(self.session.state)

    def live_connection_count(self) -> int:
        """Connections open now (closing the page would drop them)."""
        return len(self.session.connections())

    def update_open_button(self, state: SessionState) -> None:
        raise NotImplementedError

    def set_network_editable(self, editable: bool) -> None:
        """Subclasses lock their address fields while the session is open."""

    @Slot(str)
    def _on_session_status(self, text: str) -> None:
        # A network error (refused, reset, port in use) must look like one.
        if self.session.status_error:
            self.show_error(text)
        else:
            self.show_status(text)

    @Slot(str)
    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        set_tone(self.status_label, None)
        self._error_topic = ""

    @Slot(str)
    def show_error(self, text: str, topic: str = "") -> None:
        """Show a problem in the status line, highlighted. ``topic`` names what it is about
        (``"send"``, ``"framing"``, …): a later success of that (:meth:`clear_error`) puts
        the session's own status back, so the line never goes on saying what is over."""
        self.status_label.setText(text)
        set_tone(self.status_label, "error", bold=True)
        self._error_topic = topic

    def clear_error(self, topic: str) -> None:
        """``topic`` went well: an error about it still shown gives way to the session's
        status (its state, or its own last problem)."""
        if topic and self._error_topic == topic:
            # Before the first open the session has said nothing yet: the page said Closed.
            self._on_session_status(self.session.status or self.tr("Closed."))

    @Slot(str, bool)
    def _on_message(self, text: str, is_error: bool) -> None:
        if is_error:
            self.show_error(text)
        else:
            self.show_status(text)

    @Slot(str, bool)
    def _on_send_message(self, text: str, is_error: bool) -> None:
        if is_error:
            self.show_error(text, "send")  # a send that works later replaces it
        else:
            self.show_status(text)

    @Slot(str)
    def _on_framing_problem(self, text: str) -> None:
        self.show_error(text, "framing")  # a framing that works later replaces it

    @Slot()
    def toggle_open(self) -> None:
        if self.session.state == SessionState.CLOSED:
            self.save_settings()
            self.open_session()
        else:
            self.session.close()

    def open_session(self) -> None:
        raise NotImplementedError

    # -- sending: who gets it --------------------------------------------------------------
    def send_targets(self) -> Targets:
        """Whom Send reaches: every connection here; the server page narrows it."""
        return ALL

    def not_open_message(self) -> str:
        raise NotImplementedError

    def scenario_connection(self) -> int | None:
        """The connection a scenario runs on, or None when there is none to choose."""
        return None

    def no_target_message(self) -> str:
        return self.not_open_message()

    # -- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Rebuild the texts made with ``format()`` in the new language (the window has set
        the plain ones again already, see :func:`ui.i18n.retranslate_tree`)."""
        self.update_open_button(SessionState(str(self.session.state)))
        # The last message, wherever it came from, in the new language (its tone stays).
        self.status_label.setText(live_translator().reword(self.status_label.text()))
        self.refresh_counters()
        self.log_panel.update_note()
        self.send_panel.update_preview()

    # -- counters and log memory -----------------------------------------------------------
    def counter_texts(self) -> tuple[str, str]:
        """The RX and TX counter labels: bytes, and what the second numbers count."""
        # The second numbers count recv() reads and send() writes (what TCP did), not
        # messages: TCP keeps no message boundaries.
        rx = self.tr("RX: {bytes} B ({reads} reads)").format(
            bytes=f"{self.session.rx_total():,}", reads=f"{self.session.rx_messages():,}")
        tx = self.tr("TX: {bytes} B ({writes} writes)").format(
            bytes=f"{self.session.tx_total():,}", writes=f"{self.session.tx_messages():,}")
        return rx, tx

    @Slot()
    def refresh_counters(self) -> None:
        rx, tx = self.counter_texts()
        queued = self.session.queued_bytes()
        if queued:  # written bytes only above; what still waits is shown apart
            tx += " " + self.tr("({n} B queued)").format(n=f"{queued:,}")
        if self.rx_label.text() != rx:
            self.rx_label.setText(rx)
        if self.tx_label.text() != tx:
            self.tx_label.setText(tx)

    def _reset_counters(self) -> None:
        self.session.reset_counters()
        self.refresh_counters()

    @Slot()
    def update_rate(self) -> None:
        """Sample the exact counters (once a second): rate label and the minute's chart."""
        self.rate_history.sample(time.monotonic(), self.session.rx_total(),
                                 self.session.tx_total())
        latest = self.rate_history.latest()
        text = f"↓ {format_rate(latest.rx)}  ↑ {format_rate(latest.tx)}"
        if self.rate_label.text() != text:
            self.rate_label.setText(text)
        self.rate_chart.set_points(self.rate_history.points)

    # -- zoom ------------------------------------------------------------------------------
    def zoom_targets(self) -> list[QWidget]:
        """Widgets that follow the log's zoom (the server page adds its client list)."""
        return [self.send_panel.edit]

    @Slot(int)
    def apply_zoom(self, point_size: int) -> None:
        """Give the send box (and client list) the log's font size: a projector zooms all."""
        for widget in self.zoom_targets():
            font = widget.font()
            if font.pointSize() != point_size:
                font.setPointSize(point_size)
                widget.setFont(font)
            if isinstance(widget, QAbstractItemView):
                compact_rows(widget)

    @Slot(object)
    def _apply_budget(self, budget: int) -> None:
        self.session.log.set_budget(budget)
        self.log_panel.update_note()

    # -- settings --------------------------------------------------------------------------
    @property
    def settings_group(self) -> str:
        """The QSettings group holding this page's settings (its object name)."""
        return self._settings_group

    def load_settings(self) -> None:
        s = self.settings
        s.beginGroup(self._settings_group)
        try:
            stored = {key: s.value(key) for key in s.childKeys()}
            self.restored = bool(stored)
            self.receive_settings.load(s)
            self.send_settings.load(s)
            self.send_panel.load(s)
            self.auto_reply_group.load(s)
        finally:
            s.endGroup()
        # from_dict is the one place stored strings become ports, seconds and flags.
        self.apply_config(self.config_type.from_dict(stored))
        self.receive_settings.emit_all()

    def save_settings(self) -> None:
        s = self.settings
        s.beginGroup(self._settings_group)
        try:
            self.receive_settings.save(s)
            self.send_settings.save(s)
            self.send_panel.save(s)
            self.auto_reply_group.save(s)
            for key, value in self.config().to_dict().items():
                s.setValue(key, value)
        finally:
            s.endGroup()

    def forget_settings(self) -> None:
        """Remove this page's settings group, so a later page of this name starts afresh."""
        self.settings.remove(self._settings_group)

    def config(self) -> SessionConfig:
        """The session config the network fields show now."""
        raise NotImplementedError

    def apply_config(self, config: SessionConfig) -> None:
        """Show ``config`` in the network fields."""
        raise NotImplementedError

    def held_ports(self) -> set[int]:
        """Local ports this page listens on or binds (so a new page avoids them)."""
        return set()

    def avoid_ports(self, held: set[int]) -> None:
        """A new page moves off ports other pages hold or the OS has bound (servers do)."""

    def shutdown(self) -> None:
        """Stop every worker of this page (the tab or window is closing)."""
        self._counter_timer.stop()
        self._rate_timer.stop()
        if self.scenario_panel is not None:
            self.scenario_panel.shutdown()
        self.save_settings()
        self.send_panel.shutdown()
        self.quick_commands.shutdown()
        self.session.close()
        self.session.stop_recording()
        self.log_panel.shutdown()


def state_mark(state: SessionState) -> str:
    """● open, ◐ opening, ○ closed (for tab titles)."""
    return {SessionState.OPEN: "●", SessionState.OPENING: "◐"}.get(state, "○")
