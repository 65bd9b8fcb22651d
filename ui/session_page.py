"""The parts every session page shares: settings column, log, send box, counters, status."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.checksums import CHECKSUM_IDS, checksum_label
from app.input_errors import InputError
from app.log_render import RenderOptions
from app.payload import SendSpec, build_payload
from app.session import Session, SessionState
from app.stream_decoder import encoding_choices
from ui.log_view import LogView
from ui.widgets import data_combo, named, select_data

#: How often counters and the client list repaint.
COUNTER_MS = 200


class SessionPage(QWidget):
    """A session tab: settings on the left, the log in the middle, the send box below.

    Subclasses add their network settings (:meth:`build_network_group`) and say how to
    open the session (:meth:`open_session`) and whom a send goes to (:meth:`send_targets`).
    """

    def __init__(self, session: Session, settings: QSettings, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.session = session
        self.settings = settings
        self._settings_group = object_name.split("_", 1)[0]
        self._build()
        session.stateChanged.connect(self._on_state_changed)
        session.statusChanged.connect(self._show_status)
        session.logAppended.connect(self.log_view.schedule)
        self._counter_timer = QTimer(self)
        self._counter_timer.setInterval(COUNTER_MS)
        self._counter_timer.timeout.connect(self.refresh_counters)
        self._counter_timer.start()
        self._on_state_changed(str(session.state))
        self._show_status(self.tr("Closed."))
        self.load_settings()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setChildrenCollapsible(False)
        outer.addWidget(body, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.build_network_group())
        left_layout.addWidget(self._build_receive_group())
        left_layout.addWidget(self._build_send_group())
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(250)
        scroll.setMaximumWidth(360)
        body.addWidget(scroll)

        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.build_log_area())
        right.addWidget(self._build_send_area())
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        body.addWidget(right)
        body.setStretchFactor(1, 1)

        outer.addLayout(self._build_footer())
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.send_now)

    def build_network_group(self) -> QGroupBox:
        raise NotImplementedError

    def build_log_area(self) -> QWidget:
        """The log view; the server page puts its client list beside it."""
        self.log_view = LogView(self.session.log, self.session.peer_label)
        self.log_view.setAccessibleName(self.tr("Traffic log"))
        return self.log_view

    def _build_receive_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Receive"))
        form = QFormLayout(group)
        self.receive_mode_combo = data_combo(
            "receiveModeCombo", self.tr("Receive display mode"),
            [("text", self.tr("Text")), ("hex", self.tr("Hex")),
             ("both", self.tr("Text + hex"))])
        self.receive_encoding_combo = data_combo(
            "receiveEncodingCombo", self.tr("Receive encoding"), encoding_choices())
        self.timestamps_check = named(QCheckBox(self.tr("Show time")), "timestampsCheck",
                                      self.tr("Show time stamps"))
        self.timestamps_check.setChecked(True)
        self.clear_log_button = named(QPushButton(self.tr("Clear log")), "clearLogButton",
                                      self.tr("Clear log"))
        form.addRow(self.tr("Show as"), self.receive_mode_combo)
        form.addRow(self.tr("Encoding"), self.receive_encoding_combo)
        form.addRow(self.timestamps_check)
        form.addRow(self.clear_log_button)
        for combo in (self.receive_mode_combo, self.receive_encoding_combo):
            combo.currentIndexChanged.connect(self._apply_render_options)
        self.timestamps_check.toggled.connect(self._apply_render_options)
        self.clear_log_button.clicked.connect(self.clear_log)
        return group

    def _build_send_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Send"))
        form = QFormLayout(group)
        self.send_mode_combo = data_combo(
            "sendModeCombo", self.tr("Send mode"),
            [("text", self.tr("Text")), ("hex", self.tr("Hex"))])
        send_encodings = [(c, label) for c, label in encoding_choices() if c != "auto"]
        self.send_encoding_combo = data_combo(
            "sendEncodingCombo", self.tr("Send encoding"), send_encodings)
        self.escape_check = named(QCheckBox(self.tr("Escapes (\\r \\n \\t \\xNN)")),
                                  "escapeCheck", self.tr("Interpret escapes"))
        self.line_ending_combo = data_combo(
            "lineEndingCombo", self.tr("Line ending"),
            [("none", self.tr("None")), ("cr", "CR (\\r)"), ("lf", "LF (\\n)"),
             ("crlf", "CRLF (\\r\\n)")])
        self.checksum_combo = data_combo(
            "checksumCombo", self.tr("Checksum"),
            [(kind, checksum_label(kind)) for kind in CHECKSUM_IDS])
        form.addRow(self.tr("Send as"), self.send_mode_combo)
        form.addRow(self.tr("Encoding"), self.send_encoding_combo)
        form.addRow(self.escape_check)
        form.addRow(self.tr("Checksum"), self.checksum_combo)
        form.addRow(self.tr("Append"), self.line_ending_combo)
        self.send_mode_combo.currentIndexChanged.connect(self._on_send_mode_changed)
        return group

    def _build_send_area(self) -> QWidget:
        area = QWidget()
        layout = QHBoxLayout(area)
        layout.setContentsMargins(0, 0, 0, 0)
        self.send_edit = named(QPlainTextEdit(), "sendEdit", self.tr("Data to send"))
        self.send_edit.setPlaceholderText(
            self.tr("Type what to send. Hex mode: 01 02 0A FF. Ctrl+Enter sends."))
        self.send_edit.setTabChangesFocus(True)
        self.send_edit.textChanged.connect(self._clear_input_error)
        layout.addWidget(self.send_edit, 1)
        buttons = QVBoxLayout()
        self.send_button = named(QPushButton(self.tr("Send")), "sendButton", self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send now (Ctrl+Enter)"))
        self.send_button.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Expanding)
        self.send_button.clicked.connect(self.send_now)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        return area

    def _build_footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.status_label = named(QLabel(), "sessionStatus", self.tr("Session status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rx_label = named(QLabel(), "rxCountLabel", self.tr("Received bytes"))
        self.tx_label = named(QLabel(), "txCountLabel", self.tr("Sent bytes"))
        self.reset_counters_button = named(QPushButton(self.tr("Reset")),
                                           "resetCountersButton", self.tr("Reset counters"))
        self.reset_counters_button.clicked.connect(self._reset_counters)
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.rx_label)
        footer.addWidget(self.tx_label)
        footer.addWidget(self.reset_counters_button)
        return footer

    # -- state -----------------------------------------------------------------------------
    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        self.setProperty("sessionState", state)
        self.update_open_button(SessionState(state))
        self.set_network_editable(state == SessionState.CLOSED)

    def update_open_button(self, state: SessionState) -> None:
        raise NotImplementedError

    def set_network_editable(self, editable: bool) -> None:
        """Subclasses lock their address fields while the session is open."""

    @Slot(str)
    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("")

    def show_error(self, text: str) -> None:
        """Show a problem with the user's input in the status line, highlighted."""
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #c62828; font-weight: bold;")

    @Slot()
    def toggle_open(self) -> None:
        if self.session.state == SessionState.CLOSED:
            self.save_settings()
            self.open_session()
        else:
            self.session.close()

    def open_session(self) -> None:
        raise NotImplementedError

    # -- counters --------------------------------------------------------------------------
    @Slot()
    def refresh_counters(self) -> None:
        rx = self.tr("RX: {bytes} B ({messages} msgs)").format(
            bytes=f"{self.session.rx_total():,}", messages=f"{self.session.rx_messages():,}")
        tx = self.tr("TX: {bytes} B ({messages} msgs)").format(
            bytes=f"{self.session.tx_total():,}", messages=f"{self.session.tx_messages():,}")
        if self.rx_label.text() != rx:
            self.rx_label.setText(rx)
        if self.tx_label.text() != tx:
            self.tx_label.setText(tx)

    def _reset_counters(self) -> None:
        self.session.reset_counters()
        self.refresh_counters()

    # -- receive display -------------------------------------------------------------------
    def render_options(self) -> RenderOptions:
        return RenderOptions(
            mode=self.receive_mode_combo.currentData(),
            encoding=self.receive_encoding_combo.currentData(),
            timestamps=self.timestamps_check.isChecked(),
        )

    @Slot()
    def _apply_render_options(self) -> None:
        self.log_view.set_options(self.render_options())

    @Slot()
    def clear_log(self) -> None:
        self.session.log.clear()
        self.log_view.rerender()

    # -- sending ---------------------------------------------------------------------------
    def send_spec(self) -> SendSpec:
        """The send box and its settings as a :class:`SendSpec`."""
        return SendSpec(
            text=self.send_edit.toPlainText(),
            mode=self.send_mode_combo.currentData(),
            encoding=self.send_encoding_combo.currentData(),
            escapes=self.escape_check.isChecked(),
            line_ending=self.line_ending_combo.currentData(),
            checksum=self.checksum_combo.currentData(),
        )

    def send_targets(self) -> list[int] | None:
        """Connection ids to send to; None means every connection."""
        return None

    def not_open_message(self) -> str:
        raise NotImplementedError

    def no_target_message(self) -> str:
        return self.not_open_message()

    @Slot()
    def send_now(self) -> bool:
        """Build the payload and queue it; explain in the status line why not, if not."""
        spec = self.send_spec()
        try:
            payload = build_payload(spec)
        except InputError as exc:
            self.point_at_input_error(exc)
            return False
        if not payload:
            self.show_error(self.tr("Nothing to send: the send box is empty."))
            return False
        if self.session.state != SessionState.OPEN:
            self.show_error(self.not_open_message())
            return False
        count = self.session.send(payload, self.send_targets())
        if count == 0:
            self.show_error(self.no_target_message())
            return False
        self.sent(spec, payload, count)
        return True

    def sent(self, spec: SendSpec, payload: bytes, count: int) -> None:
        """Hook after a successful send."""

    def point_at_input_error(self, exc: InputError) -> None:
        """Highlight the bad part of the send box and say what is wrong."""
        self.show_error(exc.message)
        text = self.send_edit.toPlainText()
        # Qt positions count UTF-16 code units; Python counts code points.
        start = _utf16_len(text[: exc.position])
        end = _utf16_len(text[: exc.position + max(exc.length, 1)])
        cursor = self.send_edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffcdd2"))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#c62828"))
        selection.format = fmt
        selection.cursor = cursor
        self.send_edit.setExtraSelections([selection])
        self.send_edit.setTextCursor(cursor)
        self.send_edit.setFocus()

    @Slot()
    def _clear_input_error(self) -> None:
        if self.send_edit.extraSelections():
            self.send_edit.setExtraSelections([])

    @Slot()
    def _on_send_mode_changed(self) -> None:
        text_mode = self.send_mode_combo.currentData() == "text"
        self.send_encoding_combo.setEnabled(text_mode)
        self.escape_check.setEnabled(text_mode)

    # -- settings --------------------------------------------------------------------------
    def _combos(self) -> dict[str, QComboBox]:
        return {
            "receiveMode": self.receive_mode_combo,
            "receiveEncoding": self.receive_encoding_combo,
            "sendMode": self.send_mode_combo,
            "sendEncoding": self.send_encoding_combo,
            "lineEnding": self.line_ending_combo,
            "checksum": self.checksum_combo,
        }

    def load_settings(self) -> None:
        s = self.settings
        s.beginGroup(self._settings_group)
        try:
            for key, combo in self._combos().items():
                value = s.value(key)
                if isinstance(value, str):
                    select_data(combo, value)
            self.timestamps_check.setChecked(_as_bool(s.value("timestamps", True)))
            self.escape_check.setChecked(_as_bool(s.value("escapes", False)))
            self.load_network_settings(s)
        finally:
            s.endGroup()
        self._on_send_mode_changed()
        self._apply_render_options()

    def save_settings(self) -> None:
        s = self.settings
        s.beginGroup(self._settings_group)
        try:
            for key, combo in self._combos().items():
                s.setValue(key, combo.currentData())
            s.setValue("timestamps", self.timestamps_check.isChecked())
            s.setValue("escapes", self.escape_check.isChecked())
            self.save_network_settings(s)
        finally:
            s.endGroup()

    def load_network_settings(self, settings: QSettings) -> None:
        """Subclasses restore their address and port."""

    def save_network_settings(self, settings: QSettings) -> None:
        """Subclasses store their address and port."""

    def shutdown(self) -> None:
        """Stop the session's workers (the tab or window is closing)."""
        self._counter_timer.stop()
        self.save_settings()
        self.session.close()


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _as_bool(value: object) -> bool:
    """QSettings returns "true"/"false" strings from INI files."""
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
