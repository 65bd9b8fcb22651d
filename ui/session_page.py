"""The parts every session page shares: settings column, log, send box, counters, status."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, Qt, QTimer, Slot
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
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
    QProgressBar,
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
from app.file_sender import FileSender
from app.framing import parse_delimiter
from app.hex_input import format_hex
from app.input_errors import InputError
from app.log_render import RenderOptions
from app.payload import SendSpec, build_payload
from app.periodic_sender import PeriodicSender
from app.quick_commands import QuickCommand, QuickCommandModel
from app.send_history import HistoryCursor, SendHistory
from app.session import FramingConfig, Session, SessionState
from app.stream_decoder import encoding_choices
from ui.log_view import ENTRY_BYTES_SHOWN, LogView
from ui.quick_commands_panel import QuickCommandsGroup
from ui.widgets import data_combo, named, select_data

#: How often counters and the client list repaint.
COUNTER_MS = 200
#: The live preview shows at most this many bytes (and computes checksums only up to the
#: preview limit below, so typing in a huge paste stays smooth).
PREVIEW_BYTES = 64
PREVIEW_MAX_INPUT = 256 * 1024


class SessionPage(QWidget):
    """A session tab: settings on the left, the log in the middle, the send box below.

    Subclasses add their network settings (:meth:`build_network_group`) and say how to
    open the session (:meth:`open_session`) and whom a send goes to (:meth:`send_targets`).
    """

    def __init__(self, session: Session, settings: QSettings, object_name: str,
                 parent: QWidget | None = None,
                 quick_commands: QuickCommandModel | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.session = session
        self.settings = settings
        self._settings_group = object_name.split("_", 1)[0]
        self.history = SendHistory(settings)
        self._history_cursor: HistoryCursor | None = None
        self.quick_command_model = quick_commands or QuickCommandModel(settings, self)
        self._periodic: PeriodicSender | None = None
        self._file_sender: FileSender | None = None
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
        self.quick_commands = QuickCommandsGroup(self.quick_command_model, self.send_spec,
                                                 self.settings)
        self.quick_commands.sendRequested.connect(self.send_quick_command)
        self.quick_commands.message.connect(self._on_panel_message)
        left_layout.addWidget(self.quick_commands)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wide enough for the settings plus a vertical scroll bar, so nothing is cut off.
        scroll.setMinimumWidth(left.sizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 4)
        scroll.setMaximumWidth(420)
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
        self.pause_button = named(_tool_button(self.tr("Pause")), "pauseButton",
                                  self.tr("Pause the display"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr(
            "Freeze the display. Data keeps being received, counted and recorded."))
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.clear_log_button = named(_tool_button(self.tr("Clear")), "clearLogButton",
                                      self.tr("Clear log"))
        self.clear_log_button.clicked.connect(self.clear_log)
        self.find_edit = named(QLineEdit(), "findEdit", self.tr("Find in log"))
        self.find_edit.setPlaceholderText(self.tr("Find in log…"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setMinimumWidth(140)
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
        self.save_log_button = named(_tool_button(self.tr("Save…")), "saveLogButton",
                                     self.tr("Save the log as shown to a text file"))
        self.save_log_button.clicked.connect(self._ask_save_log)
        self.record_button = named(_tool_button(self.tr("Record…")), "recordButton",
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
        for combo in (self.send_mode_combo, self.send_encoding_combo, self.line_ending_combo,
                      self.checksum_combo):
            combo.currentIndexChanged.connect(self._schedule_preview)
        self.escape_check.toggled.connect(self._schedule_preview)
        return group

    def _build_send_area(self) -> QWidget:
        area = QWidget()
        grid = QVBoxLayout(area)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(3)

        top = QHBoxLayout()
        self.history_combo = named(QComboBox(), "historyCombo", self.tr("Send history"))
        self.history_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.history_combo.setMinimumContentsLength(20)
        self.history_combo.setToolTip(self.tr(
            "Recent sends. Choose one to put it back in the send box; Up/Down in the send "
            "box walk through them too."))
        self.history_combo.setPlaceholderText(self.tr("Recent sends"))
        self.history_combo.activated.connect(self._on_history_chosen)
        self.preview_label = named(QLabel(), "sendPreviewLabel",
                                   self.tr("Bytes that will be sent"))
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(QLabel(self.tr("History")))
        top.addWidget(self.history_combo, 2)
        top.addWidget(self.preview_label, 3)
        grid.addLayout(top)

        middle = QHBoxLayout()
        self.send_edit = named(QPlainTextEdit(), "sendEdit", self.tr("Data to send"))
        self.send_edit.setPlaceholderText(
            self.tr("Type what to send. Hex mode: 01 02 0A FF. Ctrl+Enter sends."))
        self.send_edit.setTabChangesFocus(True)
        self.send_edit.textChanged.connect(self._clear_input_error)
        self.send_edit.textChanged.connect(self._schedule_preview)
        self.send_edit.installEventFilter(self)
        middle.addWidget(self.send_edit, 1)
        buttons = QVBoxLayout()
        self.send_button = named(QPushButton(self.tr("Send")), "sendButton", self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send now (Ctrl+Enter)"))
        self.send_button.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Expanding)
        self.send_button.clicked.connect(self._on_send_clicked)
        self.send_file_button = named(QPushButton(self.tr("Send file…")), "sendFileButton",
                                      self.tr("Send a file's bytes"))
        self.send_file_button.clicked.connect(self._on_send_file_clicked)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.send_file_button)
        middle.addLayout(buttons)
        grid.addLayout(middle, 1)

        bottom = QHBoxLayout()
        self.repeat_check = named(QCheckBox(self.tr("Repeat every")), "repeatCheck",
                                  self.tr("Periodic send"))
        self.repeat_check.toggled.connect(self._on_repeat_toggled)
        self.repeat_interval_spin = named(QSpinBox(), "repeatIntervalSpin",
                                          self.tr("Period in milliseconds"))
        self.repeat_interval_spin.setRange(1, 3_600_000)
        self.repeat_interval_spin.setValue(1000)
        self.repeat_interval_spin.setSuffix(" ms")
        self.repeat_count_spin = named(QSpinBox(), "repeatCountSpin",
                                       self.tr("How many sends, 0 until stopped"))
        self.repeat_count_spin.setRange(0, 100_000_000)
        self.repeat_count_spin.setSpecialValueText(self.tr("until stopped"))
        self.repeat_label = named(QLabel(), "repeatStatusLabel", self.tr("Periodic sends made"))
        self.file_progress = named(QProgressBar(), "sendFileProgress",
                                   self.tr("File send progress"))
        self.file_progress.setMaximumWidth(220)
        self.file_progress.hide()
        self.cancel_file_button = named(QPushButton(self.tr("Cancel")), "cancelFileButton",
                                        self.tr("Cancel the file send"))
        self.cancel_file_button.hide()
        self.cancel_file_button.clicked.connect(self.cancel_file_send)
        bottom.addWidget(self.repeat_check)
        bottom.addWidget(self.repeat_interval_spin)
        bottom.addWidget(QLabel(self.tr("times")))
        bottom.addWidget(self.repeat_count_spin)
        bottom.addWidget(self.repeat_label)
        bottom.addStretch(1)
        bottom.addWidget(self.file_progress)
        bottom.addWidget(self.cancel_file_button)
        grid.addLayout(bottom)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(120)
        self._preview_timer.timeout.connect(self.update_preview)
        self._reload_history()
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
        if state == SessionState.CLOSED and self._periodic is not None:
            self.stop_periodic()
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
        sentences = []
        if view.skipped_entries:
            sentences.append(self.tr(
                "{n} entries ({size}) were skipped in the view during a flood.").format(
                n=f"{view.skipped_entries:,}", size=_size(view.skipped_bytes)))
        if store.trimmed_entries:
            sentences.append(self.tr(
                "{n} entries ({size}) were dropped from memory (log memory limit).").format(
                n=f"{store.trimmed_entries:,}", size=_size(store.trimmed_bytes)))
        if sentences:
            sentences.append(self.tr("Counters and recordings are complete."))
            self.log_note.setText(" ".join(sentences))
        self.log_note.setVisible(bool(sentences))

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
        self.show_error(self.tr("{message}. The session goes on; counters are unaffected.")
                        .format(message=message.rstrip(".")))

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

    def _build_checked(self, spec: SendSpec) -> bytes | None:
        """The payload of ``spec``, or None after explaining in the window why not."""
        try:
            payload = build_payload(spec)
        except InputError as exc:
            if spec == self.send_spec():
                self.point_at_input_error(exc)
            else:
                self.show_error(exc.message)
            return None
        if not payload:
            self.show_error(self.tr("Nothing to send: the send box is empty."))
            return None
        if self.session.state != SessionState.OPEN:
            self.show_error(self.not_open_message())
            return None
        return payload

    @Slot()
    def send_now(self) -> bool:
        """Build the payload and queue it; explain in the status line why not, if not."""
        return self.send_spec_now(self.send_spec())

    def send_spec_now(self, spec: SendSpec) -> bool:
        payload = self._build_checked(spec)
        if payload is None:
            return False
        count = self.session.send(payload, self.send_targets())
        if count == 0:
            self.show_error(self.no_target_message())
            return False
        self.history.add(spec)
        self._reload_history()
        return True

    @Slot(object)
    def send_quick_command(self, command: QuickCommand) -> bool:
        if self.send_spec_now(command.spec):
            self._show_status(self.tr("Sent quick command “{name}”.").format(name=command.name))
            return True
        return False

    @Slot()
    def _on_send_clicked(self) -> None:
        if self._periodic is not None:
            self.stop_periodic()
        elif self.repeat_check.isChecked():
            self.start_periodic()
        else:
            self.send_now()

    # -- periodic send ---------------------------------------------------------------------
    def start_periodic(self) -> bool:
        """Send now and then every interval, count times (0 = until stopped)."""
        spec = self.send_spec()
        payload = self._build_checked(spec)
        if payload is None:
            return False
        targets = self.send_targets()
        if not [c for c in self.session.connections()
                if targets is None or c.conn_id in targets]:
            self.show_error(self.no_target_message())
            return False
        session = self.session
        sender = PeriodicSender(lambda data: session.send(data, targets), payload,
                                self.repeat_interval_spin.value() / 1000,
                                self.repeat_count_spin.value())
        sender.progress.connect(self._on_periodic_progress)
        sender.done.connect(self._on_periodic_done)
        self._periodic = sender
        self.history.add(spec)
        self._reload_history()
        self.send_button.setText(self.tr("Stop"))
        self.repeat_interval_spin.setEnabled(False)
        self.repeat_count_spin.setEnabled(False)
        sender.start()
        return True

    def stop_periodic(self) -> None:
        sender, self._periodic = self._periodic, None
        if sender is not None:
            sender.request_stop()
            sender.wait()
            self._on_periodic_progress(sender.sent)
        self._periodic_stopped()

    def _periodic_stopped(self) -> None:
        self.send_button.setText(self.tr("Send"))
        self.repeat_interval_spin.setEnabled(True)
        self.repeat_count_spin.setEnabled(True)

    @Slot(int)
    def _on_periodic_progress(self, sent: int) -> None:
        self.repeat_label.setText(self.tr("{n} sent").format(n=f"{sent:,}"))

    @Slot(int, str)
    def _on_periodic_done(self, sent: int, reason: str) -> None:
        sender = self.sender()
        if sender is not self._periodic:
            return  # stopped by the user; already handled
        self._periodic = None
        if isinstance(sender, PeriodicSender):
            sender.wait()
        self._on_periodic_progress(sent)
        self._periodic_stopped()
        if reason:
            self.show_error(reason)
        else:
            self._show_status(self.tr("Periodic send finished: {n} sent.").format(n=sent))

    @Slot(bool)
    def _on_repeat_toggled(self, checked: bool) -> None:
        if not checked and self._periodic is not None:
            self.stop_periodic()

    # -- file send -------------------------------------------------------------------------
    @Slot()
    def _on_send_file_clicked(self) -> None:
        if self._file_sender is not None:
            self.cancel_file_send()
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Send a file"), self._default_dir())
        if path:
            self.settings.setValue("ui/lastDir", str(pathlib.Path(path).parent))
            self.send_file(pathlib.Path(path))

    def send_file(self, path: pathlib.Path) -> bool:
        """Send the raw bytes of ``path`` to the send targets, in a worker, with progress."""
        if self.session.state != SessionState.OPEN:
            self.show_error(self.not_open_message())
            return False
        if not path.is_file():
            self.show_error(self.tr("Cannot read {path}: not a file.").format(path=path))
            return False
        targets = self.send_targets()
        session = self.session
        sender = FileSender(path, lambda data: session.send(data, targets),
                            session.queued_bytes)
        sender.progress.connect(self._on_file_progress)
        sender.done.connect(self._on_file_done)
        self._file_sender = sender
        self.file_progress.setRange(0, 1000)
        self.file_progress.setValue(0)
        self.file_progress.show()
        self.cancel_file_button.show()
        self.send_file_button.setText(self.tr("Cancel file"))
        self._show_status(self.tr("Sending {path}…").format(path=path.name))
        sender.start()
        return True

    def cancel_file_send(self) -> None:
        sender = self._file_sender
        if sender is not None:
            sender.request_stop()

    @Slot(int, int)
    def _on_file_progress(self, done: int, total: int) -> None:
        self.file_progress.setValue(int(done * 1000 / total) if total else 1000)
        self.file_progress.setFormat(f"{_size(done)} / {_size(total)}")

    @Slot(int, str)
    def _on_file_done(self, handed: int, reason: str) -> None:
        sender, self._file_sender = self._file_sender, None
        if sender is not None:
            sender.wait()
        self.cancel_file_button.hide()
        self.file_progress.hide()
        self.send_file_button.setText(self.tr("Send file…"))
        if reason:
            self.show_error(reason)
        else:
            self._show_status(self.tr("File sent: {size} queued to the connection(s).").format(
                size=_size(handed)))

    # -- history ---------------------------------------------------------------------------
    def _reload_history(self) -> None:
        self._history_specs = self.history.entries()
        self.history_combo.blockSignals(True)
        self.history_combo.clear()
        for spec in self._history_specs:
            label = spec.text if len(spec.text) <= 60 else spec.text[:57] + "…"
            label = label.replace("\n", "⏎")
            mode = self.tr("HEX") if spec.mode == "hex" else spec.encoding.upper()
            self.history_combo.addItem(f"[{mode}] {label}", spec.to_dict())
        self.history_combo.setCurrentIndex(-1)
        self.history_combo.blockSignals(False)
        self._history_cursor = None

    def apply_spec(self, spec: SendSpec) -> None:
        """Put a past send back into the send box, with its mode and settings."""
        select_data(self.send_mode_combo, spec.mode)
        select_data(self.send_encoding_combo, spec.encoding)
        self.escape_check.setChecked(spec.escapes)
        select_data(self.line_ending_combo, spec.line_ending)
        select_data(self.checksum_combo, spec.checksum)
        self._set_send_text(spec.text)

    def _set_send_text(self, text: str) -> None:
        self.send_edit.setPlainText(text)
        cursor = self.send_edit.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.send_edit.setTextCursor(cursor)

    @Slot(int)
    def _on_history_chosen(self, index: int) -> None:
        if 0 <= index < len(self._history_specs):
            self.apply_spec(self._history_specs[index])
            self.send_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down at the first/last line of the send box walk through the history."""
        if watched is self.send_edit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.modifiers() == Qt.KeyboardModifier.NoModifier:
                cursor = self.send_edit.textCursor()
                if key_event.key() == Qt.Key.Key_Up and cursor.blockNumber() == 0:
                    return self._history_step(older=True)
                last = self.send_edit.document().blockCount() - 1
                if key_event.key() == Qt.Key.Key_Down and cursor.blockNumber() == last:
                    return self._history_step(older=False)
        return super().eventFilter(watched, event)

    def _history_step(self, older: bool) -> bool:
        if self._history_cursor is None:
            if not older:
                return False
            self._history_cursor = HistoryCursor([s.text for s in self._history_specs])
        cursor = self._history_cursor
        if older:
            text = cursor.older(self.send_edit.toPlainText())
        else:
            text = cursor.newer()
        if text is None:
            return False
        index = cursor.index
        if 0 <= index < len(self._history_specs):
            self.apply_spec(self._history_specs[index])
        else:
            self._set_send_text(text)
        self._history_cursor = cursor  # apply_spec's textChanged must not reset the walk
        return True

    # -- preview ---------------------------------------------------------------------------
    @Slot()
    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    @Slot()
    def update_preview(self) -> None:
        """Show the exact bytes that will go out (first bytes in hex) and their count."""
        spec = self.send_spec()
        if not spec.text:
            self.preview_label.setText("")
            return
        if len(spec.text) > PREVIEW_MAX_INPUT:
            self.preview_label.setText(self.tr("{n} characters (preview off for large input)")
                                       .format(n=f"{len(spec.text):,}"))
            return
        try:
            payload = build_payload(spec)
        except InputError as exc:
            self.preview_label.setText("⚠ " + exc.message)
            self.preview_label.setStyleSheet("color: #c62828;")
            return
        self.preview_label.setStyleSheet("")
        shown = format_hex(payload[:PREVIEW_BYTES])
        if len(payload) > PREVIEW_BYTES:
            shown += " …"
        self.preview_label.setText(self.tr("{n} bytes: {hex}").format(
            n=f"{len(payload):,}", hex=shown))

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
        self._history_cursor = None
        if self.send_edit.extraSelections():
            self.send_edit.setExtraSelections([])

    @Slot(str, bool)
    def _on_panel_message(self, text: str, is_error: bool) -> None:
        if is_error:
            self.show_error(text)
        else:
            self._show_status(text)

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
            for key, spin in (("gapMs", self.gap_spin), ("logBudgetMb", self.budget_spin),
                              ("repeatMs", self.repeat_interval_spin),
                              ("repeatCount", self.repeat_count_spin)):
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
            s.setValue("repeatMs", self.repeat_interval_spin.value())
            s.setValue("repeatCount", self.repeat_count_spin.value())
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
        self.stop_periodic()
        if self._file_sender is not None:
            self._file_sender.request_stop()
            self._file_sender.wait()
            self._file_sender = None
        self.session.close()
        self.session.stop_recording()


def _tool_button(text: str) -> QToolButton:
    """A compact text button for the log's tool row (narrower than a push button)."""
    button = QToolButton()
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


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
