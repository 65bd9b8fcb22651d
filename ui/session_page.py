"""The parts every session page shares: settings column, log, send box, counters, status."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.checksums import CHECKSUM_IDS, checksum_label
from app.framing import parse_delimiter
from app.input_errors import InputError
from app.log_render import RenderOptions
from app.payload import SendSpec, build_payload
from app.session import FramingConfig, Session, SessionState
from app.stream_decoder import encoding_choices
from ui.log_view import ENTRY_BYTES_SHOWN, LogView
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
        """Log tools, the log view and its note; the server page adds its client list."""
        area = QWidget()
        layout = QVBoxLayout(area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.log_view = LogView(self.session.log, self.session.peer_label)
        self.log_view.setAccessibleName(self.tr("Traffic log"))
        self.log_view.rendered.connect(self._update_log_note)
        self.log_view.zoomed.connect(lambda size: self.settings.setValue("ui/logPointSize", size))
        layout.addLayout(self._build_log_tools())
        layout.addWidget(self.log_view, 1)
        self.log_note = named(QLabel(), "logNoteLabel", self.tr("What the log does not show"))
        self.log_note.setWordWrap(True)
        self.log_note.setStyleSheet("color: #8a6d00;")
        self.log_note.hide()
        layout.addWidget(self.log_note)
        return area

    def _build_log_tools(self) -> QHBoxLayout:
        tools = QHBoxLayout()
        self.pause_button = named(QPushButton(self.tr("Pause")), "pauseButton",
                                  self.tr("Pause the display"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr(
            "Freeze the display. Data keeps being received, counted and recorded."))
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.clear_log_button = named(QPushButton(self.tr("Clear")), "clearLogButton",
                                      self.tr("Clear log"))
        self.clear_log_button.clicked.connect(self.clear_log)
        self.find_edit = named(QLineEdit(), "findEdit", self.tr("Find in log"))
        self.find_edit.setPlaceholderText(self.tr("Find in log…"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(lambda: self.find_in_log(False))
        find_prev = named(QToolButton(), "findPreviousButton", self.tr("Find previous"))
        find_prev.setText("▲")
        find_prev.clicked.connect(lambda: self.find_in_log(True))
        find_next = named(QToolButton(), "findNextButton", self.tr("Find next"))
        find_next.setText("▼")
        find_next.clicked.connect(lambda: self.find_in_log(False))
        zoom_out = named(QToolButton(), "zoomOutButton", self.tr("Smaller log font"))
        zoom_out.setText("A−")
        zoom_out.clicked.connect(lambda: self.log_view.zoom(-1))
        zoom_in = named(QToolButton(), "zoomInButton", self.tr("Larger log font"))
        zoom_in.setText("A+")
        zoom_in.clicked.connect(lambda: self.log_view.zoom(1))
        self.save_log_button = named(QPushButton(self.tr("Save…")), "saveLogButton",
                                     self.tr("Save the log as shown to a text file"))
        self.save_log_button.clicked.connect(self._ask_save_log)
        self.record_button = named(QPushButton(self.tr("Record…")), "recordButton",
                                   self.tr("Record raw traffic to a file"))
        self.record_button.setCheckable(True)
        self.record_button.setToolTip(self.tr(
            "Write every received byte to a file, exactly as it arrived, before anything "
            "is trimmed from the log."))
        self.record_button.clicked.connect(self._on_record_clicked)
        self.session.recordingFailed.connect(self._on_recording_failed)
        for widget in (self.pause_button, self.clear_log_button):
            tools.addWidget(widget)
        tools.addWidget(self.find_edit, 1)
        for widget in (find_prev, find_next, zoom_out, zoom_in, self.save_log_button,
                       self.record_button):
            tools.addWidget(widget)
        for seq, slot in (("Ctrl+F", self.find_edit.setFocus),
                          ("Ctrl+=", lambda: self.log_view.zoom(1)),
                          ("Ctrl++", lambda: self.log_view.zoom(1)),
                          ("Ctrl+-", lambda: self.log_view.zoom(-1))):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return tools

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
        self.show_controls_check = named(
            QCheckBox(self.tr("Show control characters (\\r, \\x00)")), "showControlsCheck",
            self.tr("Show control characters visibly"))
        self.hex_ascii_check = named(QCheckBox(self.tr("Hex with ASCII column")),
                                     "hexAsciiCheck", self.tr("Hex dump with ASCII column"))
        self.framing_combo = data_combo(
            "framingCombo", self.tr("How received data is split into entries"),
            [("chunk", self.tr("Each read")), ("lf", self.tr("Lines (LF)")),
             ("crlf", self.tr("Lines (CRLF)")), ("custom", self.tr("Custom delimiter (hex)")),
             ("idle", self.tr("Merge reads within a gap"))])
        self.framing_combo.setToolTip(self.tr(
            "Each read: one entry per recv(), which shows how TCP really delivers data.\n"
            "Lines: one entry per line.\nMerge: reads that arrive within the gap form one "
            "entry, so a device message split into segments shows as one."))
        self.delimiter_edit = named(QLineEdit("0D 0A"), "delimiterEdit",
                                    self.tr("Custom delimiter in hex"))
        self.gap_spin = named(QSpinBox(), "idleGapSpin", self.tr("Merge gap in milliseconds"))
        self.gap_spin.setRange(1, 10000)
        self.gap_spin.setValue(20)
        self.gap_spin.setSuffix(" ms")
        self.budget_spin = named(QSpinBox(), "logBudgetSpin",
                                 self.tr("Memory for the log in megabytes"))
        self.budget_spin.setRange(1, 4096)
        self.budget_spin.setValue(64)
        self.budget_spin.setSuffix(" MB")
        self.budget_spin.setToolTip(self.tr(
            "Older traffic is dropped from memory beyond this; counters and recordings "
            "stay complete."))
        self.record_both_check = named(QCheckBox(self.tr("Record sent data too")),
                                       "recordBothCheck",
                                       self.tr("Record both directions (framed file)"))
        self.record_both_check.setToolTip(self.tr(
            "Off: the file holds exactly the received bytes. On: both directions, each "
            "record with direction, connection, time and length (SSREC1 format)."))
        form.addRow(self.tr("Show as"), self.receive_mode_combo)
        form.addRow(self.tr("Encoding"), self.receive_encoding_combo)
        form.addRow(self.timestamps_check)
        form.addRow(self.show_controls_check)
        form.addRow(self.hex_ascii_check)
        form.addRow(self.tr("Entries"), self.framing_combo)
        form.addRow(self.tr("Delimiter"), self.delimiter_edit)
        form.addRow(self.tr("Gap"), self.gap_spin)
        form.addRow(self.tr("Log memory"), self.budget_spin)
        form.addRow(self.record_both_check)
        for combo in (self.receive_mode_combo, self.receive_encoding_combo):
            combo.currentIndexChanged.connect(self._apply_render_options)
        for check in (self.timestamps_check, self.show_controls_check, self.hex_ascii_check):
            check.toggled.connect(self._apply_render_options)
        self.framing_combo.currentIndexChanged.connect(self._apply_framing)
        self.delimiter_edit.editingFinished.connect(self._apply_framing)
        self.gap_spin.valueChanged.connect(self._apply_framing)
        self.budget_spin.valueChanged.connect(self._apply_budget)
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
            show_controls=self.show_controls_check.isChecked(),
            hex_ascii=self.hex_ascii_check.isChecked(),
            max_entry_bytes=ENTRY_BYTES_SHOWN,
        )

    @Slot()
    def _apply_render_options(self) -> None:
        self.hex_ascii_check.setEnabled(self.receive_mode_combo.currentData() != "text")
        self.log_view.set_options(self.render_options())

    @Slot()
    def _apply_framing(self) -> None:
        mode = self.framing_combo.currentData()
        self.delimiter_edit.setEnabled(mode == "custom")
        self.gap_spin.setEnabled(mode == "idle")
        delimiter = {"lf": b"\n", "crlf": b"\r\n"}.get(mode, b"\n")
        if mode == "custom":
            try:
                delimiter = parse_delimiter(self.delimiter_edit.text())
            except ValueError as exc:
                self.show_error(str(exc))
                return
        framer_mode = {"lf": "delimiter", "crlf": "delimiter", "custom": "delimiter"}.get(
            mode, mode)
        self.session.set_framing(
            FramingConfig(framer_mode, delimiter, self.gap_spin.value() / 1000))

    @Slot()
    def _apply_budget(self) -> None:
        self.session.log.set_budget(self.budget_spin.value() * 1024 * 1024)
        self._update_log_note()

    @Slot()
    def clear_log(self) -> None:
        self.session.log.clear()
        self.log_view.reset_counts()
        self.log_view.rerender()

    @Slot(bool)
    def _on_pause_toggled(self, paused: bool) -> None:
        self.log_view.set_paused(paused)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def find_in_log(self, backward: bool = False) -> bool:
        found = self.log_view.find_text(self.find_edit.text(), backward)
        if not found and self.find_edit.text():
            self.show_error(self.tr("“{text}” is not in the log.").format(
                text=self.find_edit.text()))
        return found

    @Slot()
    def _update_log_note(self) -> None:
        view, store = self.log_view, self.session.log
        parts = []
        if view.skipped_entries:
            parts.append(self.tr("{n} entries ({size}) skipped in the view during a flood")
                         .format(n=f"{view.skipped_entries:,}", size=_size(view.skipped_bytes)))
        if store.trimmed_entries:
            parts.append(self.tr("{n} entries ({size}) dropped from memory (log memory limit)")
                         .format(n=f"{store.trimmed_entries:,}",
                                 size=_size(store.trimmed_bytes)))
        if parts:
            self.log_note.setText("; ".join(parts) + ". " + self.tr(
                "Counters and recordings are complete."))
        self.log_note.setVisible(bool(parts))

    # -- saving and recording --------------------------------------------------------------
    def _default_dir(self) -> str:
        saved = self.settings.value("ui/lastDir")
        if isinstance(saved, str) and saved:
            return saved
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)

    @Slot()
    def _ask_save_log(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save log"), self._default_dir(), self.tr("Text files (*.txt)"))
        if path:
            self.settings.setValue("ui/lastDir", str(pathlib.Path(path).parent))
            self.save_log(pathlib.Path(path))

    def save_log(self, path: pathlib.Path) -> bool:
        """Write the log as shown to ``path`` (UTF-8); explain a failure in the status line."""
        try:
            path.write_text(self.log_view.toPlainText() + "\n", encoding="utf-8")
        except OSError as exc:
            self.show_error(self.tr("Cannot save the log to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return False
        self._show_status(self.tr("Log saved to {path}.").format(path=path))
        return True

    @Slot()
    def _on_record_clicked(self) -> None:
        if self.session.recorder is not None:
            self.stop_recording()
            return
        self.record_button.setChecked(False)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Record raw traffic to"), self._default_dir(),
            self.tr("Raw data (*.bin);;All files (*)"))
        if path:
            self.settings.setValue("ui/lastDir", str(pathlib.Path(path).parent))
            self.start_recording(pathlib.Path(path))

    def start_recording(self, path: pathlib.Path) -> bool:
        """Record this session's traffic to ``path``; explain a failure in the status line."""
        try:
            self.session.start_recording(path, self.record_both_check.isChecked())
        except OSError as exc:
            self.show_error(self.tr("Cannot record to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            self.record_button.setChecked(False)
            return False
        self.record_button.setChecked(True)
        self.record_button.setText(self.tr("Stop recording"))
        self.record_both_check.setEnabled(False)
        self._show_status(self.tr("Recording to {path}.").format(path=path))
        return True

    def stop_recording(self) -> None:
        recorder = self.session.recorder
        written = self.session.stop_recording()
        self._recording_stopped()
        if recorder is not None:
            self._show_status(self.tr("Recording stopped: {size} written to {path}.").format(
                size=_size(written), path=recorder.path))

    def _recording_stopped(self) -> None:
        self.record_button.setChecked(False)
        self.record_button.setText(self.tr("Record…"))
        self.record_both_check.setEnabled(True)

    @Slot(str)
    def _on_recording_failed(self, message: str) -> None:
        self._recording_stopped()
        self.show_error(self.tr("Recording stopped: {reason} The session goes on.").format(
            reason=message))

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
            "framing": self.framing_combo,
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
            self.show_controls_check.setChecked(_as_bool(s.value("showControls", False)))
            self.hex_ascii_check.setChecked(_as_bool(s.value("hexAscii", False)))
            self.escape_check.setChecked(_as_bool(s.value("escapes", False)))
            self.record_both_check.setChecked(_as_bool(s.value("recordBoth", False)))
            delimiter = s.value("delimiter")
            if isinstance(delimiter, str):
                self.delimiter_edit.setText(delimiter)
            for key, spin in (("gapMs", self.gap_spin), ("logBudgetMb", self.budget_spin)):
                spin.setValue(_as_int(s.value(key), spin.value()))
            self.load_network_settings(s)
        finally:
            s.endGroup()
        size = _as_int(self.settings.value("ui/logPointSize"), 0)
        if size:
            self.log_view.set_point_size(size)
        self._on_send_mode_changed()
        self._apply_render_options()
        self._apply_framing()
        self._apply_budget()

    def save_settings(self) -> None:
        s = self.settings
        s.beginGroup(self._settings_group)
        try:
            for key, combo in self._combos().items():
                s.setValue(key, combo.currentData())
            s.setValue("timestamps", self.timestamps_check.isChecked())
            s.setValue("showControls", self.show_controls_check.isChecked())
            s.setValue("hexAscii", self.hex_ascii_check.isChecked())
            s.setValue("escapes", self.escape_check.isChecked())
            s.setValue("recordBoth", self.record_both_check.isChecked())
            s.setValue("delimiter", self.delimiter_edit.text())
            s.setValue("gapMs", self.gap_spin.value())
            s.setValue("logBudgetMb", self.budget_spin.value())
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
        self.session.stop_recording()


def _size(n: int) -> str:
    """A byte count for people: 512 B, 3.4 KB, 12.0 MB."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _as_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _as_bool(value: object) -> bool:
    """QSettings returns "true"/"false" strings from INI files."""
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
