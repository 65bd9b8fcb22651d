"""The send box of a session page: what to send, history, preview, periodic and file send."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.input_errors import InputError
from app.send.history import MAX_SAVED_TEXT, HistoryCursor, SendHistory
from app.send.payload import SendSpec, build_payload
from app.send.payload_job import ASYNC_INPUT, PayloadJob
from app.send.quick_commands import QuickCommand
from app.send.targets import Targets
from app.sessions.base import Session, SessionState
from app.traffic.hex_format import hex_text
from ui.elided_label import ElidedLabel
from ui.send_edit import SendEdit
from ui.send_settings import SendSettings
from ui.style import error_background, error_color, set_tone
from ui.widgets import default_dir, human_size, load_spin, named, remember_dir, utf16_len

#: The live preview shows at most this many bytes (inputs over ASYNC_INPUT characters are
#: previewed from a worker).
PREVIEW_BYTES = 64


class SendPanel(QWidget):
    """Sends what the user typed (or picked) to the page's targets, never blocking the window.

    ``targets()`` gives the :class:`Targets` to send to; ``not_open`` and ``no_target`` give
    the page's words for "the session is not open" and "nobody to send to". Periodic and
    file sends are jobs of the session; this panel starts and stops them and shows their
    signals.
    """

    #: Something to tell the user: (text, is_error).
    message = Signal(str, bool)
    #: A send from the box (or a quick command) was taken by at least one destination.
    sent = Signal()

    def __init__(self, session: Session, settings: QSettings, send_settings: SendSettings,
                 targets: Callable[[], Targets], not_open: Callable[[], str],
                 no_target: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.send_settings = send_settings
        self._targets = targets
        self._not_open = not_open
        self._no_target = no_target
        self._queue_full: Callable[[int], str] = self._connections_full
        #: Payloads the running (or last) periodic send handed over, as its progress said.
        self._periodic_sent = 0
        self.history = SendHistory(settings)
        self._history_specs: list[SendSpec] = []
        self._history_cursor: HistoryCursor | None = None
        # Large inputs are built in PayloadJobs; only the newest request of each kind counts.
        self._jobs: dict[PayloadJob, Callable[[int, object], None]] = {}
        self._retired: list[PayloadJob] = []
        self._preview_generation = 0
        self._send_generation = 0
        self._pending_send: SendSpec | None = None
        #: Set while this panel stops the periodic send itself: the end needs no message.
        self._stopping_periodic = False
        self._build()
        send_settings.changed.connect(self._schedule_preview)
        session.periodicProgress.connect(self._on_periodic_progress)
        session.periodicDone.connect(self._on_periodic_done)
        session.fileProgress.connect(self._on_file_progress)
        session.fileDone.connect(self._on_file_done)
        self._reload_history()

    def _build(self) -> None:
        grid = QVBoxLayout(self)
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
        # Elided with a fixed size hint: a long preview never widens the window.
        self.preview_label = named(ElidedLabel(), "sendPreviewLabel",
                                   self.tr("Bytes that will be sent"))
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(QLabel(self.tr("History")))
        top.addWidget(self.history_combo, 2)
        top.addWidget(self.preview_label, 3)
        grid.addLayout(top)

        middle = QHBoxLayout()
        self.edit = named(SendEdit(), "sendEdit", self.tr("Data to send"))
        self.edit.setPlaceholderText(
            self.tr("Type what to send. Hex mode: 01 02 0A FF. Ctrl+Enter sends."))
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.installEventFilter(self)
        middle.addWidget(self.edit, 1)
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

        bottom = self._bottom = QHBoxLayout()
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

    def show_beside_send(self, widget: QWidget) -> None:
        """Put a page's widget (the server page's target label) under the Send buttons, at
        the right end of the row of periodic and file send controls."""
        self._bottom.addWidget(widget)

    # -- sending ---------------------------------------------------------------------------
    def spec(self) -> SendSpec:
        """The send box and its settings as a :class:`SendSpec`."""
        return self.send_settings.spec(self.edit.text())

    def _error(self, text: str) -> None:
        self.message.emit(text, True)

    def _build_checked(self, spec: SendSpec) -> bytes | None:
        """The payload of ``spec``, or None after explaining in the window why not."""
        try:
            payload = build_payload(spec)
        except InputError as exc:
            self._explain_input_error(spec, exc)
            return None
        return self._checked_payload(payload)

    def _explain_input_error(self, spec: SendSpec, exc: InputError) -> None:
        if spec == self.spec():
            self.point_at_input_error(exc)
        else:
            self._error(exc.message)

    def _checked_payload(self, payload: bytes) -> bytes | None:
        """``payload``, or None after saying why it cannot be sent now."""
        if not payload:
            self._error(self.tr("Nothing to send: the send box is empty."))
            return None
        if self.session.state != SessionState.OPEN:
            self._error(self._not_open())
            return None
        return payload

    @Slot()
    def send_now(self) -> bool:
        """Build the payload and queue it; explain in the status line why not, if not."""
        return self.send_spec_now(self.spec())

    def send_spec_now(self, spec: SendSpec) -> bool:
        """Send ``spec``; a large one is built in a worker first (True: under way)."""
        if len(spec.text) > ASYNC_INPUT:
            return self._send_large(spec)
        payload = self._build_checked(spec)
        if payload is None:
            return False
        return self._send_built(spec, payload)

    def _send_built(self, spec: SendSpec, payload: bytes) -> bool:
        took, full = self.session.offer(payload, self._targets())
        if full:
            # A peer that does not read: its queue is at its bound; say so instead of
            # queueing without end.
            self._error(self._queue_full(full))
        if took == 0:
            if not full:
                self._error(self._no_target())
            return False
        self.sent.emit()
        self._remember(spec)
        return True

    def _connections_full(self, full: int) -> str:
        return self.tr(
            "Not sent to {n} connection(s): {queued} bytes are still waiting to be sent "
            "there (the peer is not reading). Try again when they have gone.").format(
                n=full, queued=f"{self.session.queued_bytes():,}")

    def set_queue_full_words(self, words: Callable[[int], str]) -> None:
        """Say ``words(refused)`` instead of the words for connections when a send is refused
        because a send queue is full (the UDP page: one socket, no connections)."""
        self._queue_full = words

    def _send_large(self, spec: SendSpec) -> bool:
        if self.session.state != SessionState.OPEN:
            self._error(self._not_open())
            return False
        self._send_generation += 1
        self._pending_send = spec
        self.message.emit(self.tr("Building {n} characters to send…").format(
            n=f"{len(spec.text):,}"), False)
        self._start_job(spec, self._send_generation, self._on_send_built)
        return True

    def _on_send_built(self, generation: int, result: object) -> None:
        spec = self._pending_send
        if generation != self._send_generation or spec is None:
            return  # a newer send replaced this one
        self._pending_send = None
        if isinstance(result, InputError):
            self._explain_input_error(spec, result)
        elif isinstance(result, ValueError):
            self._error(str(result))
        elif isinstance(result, bytes):
            payload = self._checked_payload(result)
            if payload is not None:
                self._send_built(spec, payload)  # says what the history keeps of it

    def _start_job(self, spec: SendSpec, generation: int,
                   handler: Callable[[int, object], None]) -> None:
        self._retired.clear()
        job = PayloadJob(spec, generation)
        self._jobs[job] = handler
        job.done.connect(self._on_job_done)  # queued: the panel lives in the GUI thread
        job.start()

    @Slot(object, object)
    def _on_job_done(self, generation: int, result: object) -> None:
        job = self.sender()
        handler = self._jobs.pop(job, None) if isinstance(job, PayloadJob) else None
        if isinstance(job, PayloadJob):
            job.wait()  # done is its last act: this returns at once
            # Dropped at the next start, not here inside the delivery of its own signal (and
            # not deleteLater: the thread register holds the wrapper weakly, Python owns it).
            self._retired.append(job)
        if handler is not None:
            handler(generation, result)

    @Slot(object)
    def send_quick_command(self, command: QuickCommand) -> bool:
        if self.send_spec_now(command.spec):
            self.message.emit(self.tr("Sent quick command “{name}”.").format(
                name=command.name), False)
            return True
        return False

    @Slot()
    def _on_send_clicked(self) -> None:
        if self.session.send_jobs.periodic_running:
            self.stop_periodic()
        elif self.repeat_check.isChecked():
            self.start_periodic()
        else:
            self.send_now()

    # -- periodic send ---------------------------------------------------------------------
    def start_periodic(self) -> bool:
        """Send now and then every interval, count times (0 = until stopped)."""
        spec = self.spec()
        payload = self._build_checked(spec)
        if payload is None:
            return False
        if not self.session.start_periodic(payload, self.repeat_interval_spin.value() / 1000,
                                           self.repeat_count_spin.value(), self._targets()):
            self._error(self._no_target())
            return False
        self._remember(spec)
        self.send_button.setText(self.tr("Stop"))
        self.repeat_interval_spin.setEnabled(False)
        self.repeat_count_spin.setEnabled(False)
        return True

    def stop_periodic(self) -> None:
        """Stop the periodic send and discard what it queued that is not written yet."""
        self._stopping_periodic = True
        try:
            self.session.stop_periodic()
        finally:
            self._stopping_periodic = False
        self._periodic_stopped()
        dropped = self.session.discard_queued(self._targets())
        if dropped:
            # The label counted those bytes as queued: say what is left now.
            self._on_periodic_progress(self._periodic_sent)
            self.message.emit(self.tr("Stopped: discarded {n} bytes not yet sent.").format(
                n=f"{dropped:,}"), False)

    def _periodic_stopped(self) -> None:
        self.send_button.setText(self.tr("Send"))
        self.repeat_interval_spin.setEnabled(True)
        self.repeat_count_spin.setEnabled(True)

    @Slot(object)
    def _on_periodic_progress(self, sent: int) -> None:
        # ``sent`` counts payloads handed to the send queues; while bytes still wait there,
        # say "queued", so a peer that does not read is not shown as receiving.
        self._periodic_sent = sent
        queued = self.session.queued_bytes()
        if queued:
            text = self.tr("{n} queued ({bytes} B not yet written)").format(
                n=f"{sent:,}", bytes=f"{queued:,}")
        else:
            text = self.tr("{n} sent").format(n=f"{sent:,}")
        self.repeat_label.setText(text)

    @Slot(object, str)
    def _on_periodic_done(self, sent: int, reason: str) -> None:
        self._on_periodic_progress(sent)
        self._periodic_stopped()
        if reason:
            self._error(reason)
        elif not self._stopping_periodic:
            self.message.emit(self.tr("Periodic send finished: {n} sent.").format(n=sent),
                              False)

    @Slot(bool)
    def _on_repeat_toggled(self, checked: bool) -> None:
        if not checked and self.session.send_jobs.periodic_running:
            self.stop_periodic()

    # -- file send -------------------------------------------------------------------------
    @Slot()
    def _on_send_file_clicked(self) -> None:
        if self.session.send_jobs.file_running:
            self.cancel_file_send()
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Send a file"),
                                              default_dir(self.settings))
        if path:
            remember_dir(self.settings, path)
            self.send_file(pathlib.Path(path))

    def send_file(self, path: pathlib.Path) -> bool:
        """Send the raw bytes of ``path`` to the targets, in a worker, with progress."""
        if self.session.state != SessionState.OPEN:
            self._error(self._not_open())
            return False
        if not path.is_file():
            self._error(self.tr("Cannot read {path}: not a file.").format(path=path))
            return False
        if not self.session.start_file_send(path, self._targets()):
            self._error(self._no_target())
            return False
        self.file_progress.setRange(0, 1000)
        self.file_progress.setValue(0)
        self.file_progress.show()
        self.cancel_file_button.show()
        self.send_file_button.setText(self.tr("Cancel file"))
        self.message.emit(self.tr("Sending {path}…").format(path=path.name), False)
        return True

    def cancel_file_send(self) -> None:
        self.session.cancel_file_send()

    @Slot(object, object)
    def _on_file_progress(self, done: int, total: int) -> None:
        self.file_progress.setValue(int(done * 1000 / total) if total else 1000)
        self.file_progress.setFormat(f"{human_size(done)} / {human_size(total)}")

    @Slot(object, str)
    def _on_file_done(self, handed: int, reason: str) -> None:
        self.cancel_file_button.hide()
        self.file_progress.hide()
        self.send_file_button.setText(self.tr("Send file…"))
        if reason:
            self._error(reason)
        else:
            self.message.emit(self.tr("File sent: {size} queued to the connection(s).").format(
                size=human_size(handed)), False)

    # -- history ---------------------------------------------------------------------------
    def _remember(self, spec: SendSpec) -> None:
        if not self.history.add(spec):
            self.message.emit(self.tr(
                "Sent. This entry ({n} characters) stays in the history until the app is "
                "closed: only entries up to {limit} characters are saved.").format(
                n=f"{len(spec.text):,}", limit=f"{MAX_SAVED_TEXT:,}"), False)
        self._reload_history()

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
        self.send_settings.apply(spec)
        self._set_text(spec.text)

    def _set_text(self, text: str) -> None:
        self.edit.set_text(text)
        cursor = self.edit.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)

    @Slot(int)
    def _on_history_chosen(self, index: int) -> None:
        if 0 <= index < len(self._history_specs):
            self.apply_spec(self._history_specs[index])
            self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down at the first/last line of the send box walk through the history."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if self.edit.is_large() and key_event.key() in (Qt.Key.Key_Backspace,
                                                            Qt.Key.Key_Delete):
                self.edit.clear_large()
                return True
            if key_event.modifiers() == Qt.KeyboardModifier.NoModifier:
                cursor = self.edit.textCursor()
                if key_event.key() == Qt.Key.Key_Up and cursor.blockNumber() == 0:
                    return self._history_step(older=True)
                last = self.edit.document().blockCount() - 1
                if key_event.key() == Qt.Key.Key_Down and cursor.blockNumber() == last:
                    return self._history_step(older=False)
        return super().eventFilter(watched, event)

    def _history_step(self, older: bool) -> bool:
        if self._history_cursor is None:
            if not older:
                return False
            self._history_cursor = HistoryCursor([s.text for s in self._history_specs])
        cursor = self._history_cursor
        text = cursor.older(self.edit.text()) if older else cursor.newer()
        if text is None:
            return False
        index = cursor.index
        if 0 <= index < len(self._history_specs):
            self.apply_spec(self._history_specs[index])
        else:
            self._set_text(text)
        self._history_cursor = cursor  # the text change must not end the walk
        return True

    # -- preview and input errors ----------------------------------------------------------
    @Slot()
    def _on_text_changed(self) -> None:
        self._history_cursor = None
        if self.edit.extraSelections():
            self.edit.setExtraSelections([])
        self._schedule_preview()

    @Slot()
    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    @Slot()
    def update_preview(self) -> None:
        """Show the exact bytes that will go out (first bytes in hex) and their count."""
        spec = self.spec()
        self._preview_generation += 1
        if not spec.text:
            self.preview_label.setText("")
            return
        if len(spec.text) > ASYNC_INPUT:
            set_tone(self.preview_label, None)
            self.preview_label.setText(self.tr("Building the preview of {n} characters…")
                                       .format(n=f"{len(spec.text):,}"))
            self._start_job(spec, self._preview_generation, self._on_preview_built)
            return
        try:
            payload = build_payload(spec)
        except InputError as exc:
            self._show_preview(exc)
            return
        self._show_preview(payload)

    def _on_preview_built(self, generation: int, result: object) -> None:
        if generation == self._preview_generation:  # else the input changed since
            self._show_preview(result)

    def _show_preview(self, result: object) -> None:
        if isinstance(result, InputError):
            self.preview_label.setText("⚠ " + result.message)
            set_tone(self.preview_label, "error")
            return
        if not isinstance(result, bytes):  # a bad setting: the send will explain it
            self.preview_label.setText("")
            return
        payload = result
        set_tone(self.preview_label, None)
        shown = hex_text(payload[:PREVIEW_BYTES])
        if len(payload) > PREVIEW_BYTES:
            shown += " …"
        self.preview_label.setText(self.tr("{n} bytes: {hex}").format(
            n=f"{len(payload):,}", hex=shown))

    def point_at_input_error(self, exc: InputError) -> None:
        """Highlight the bad part of the send box and say what is wrong."""
        self._error(exc.message)
        if self.edit.is_large():
            return  # the bad part is in the held input, not in the editor's summary
        text = self.edit.toPlainText()
        # Qt positions count UTF-16 code units; Python counts code points.
        start = utf16_len(text[: exc.position])
        end = utf16_len(text[: exc.position + max(exc.length, 1)])
        cursor = self.edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(error_background())
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(error_color())
        selection.format = fmt
        selection.cursor = cursor
        self.edit.setExtraSelections([selection])
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    # -- settings and shutdown -------------------------------------------------------------
    def load(self, settings: QSettings) -> None:
        """Restore from ``settings`` (already in the page's group)."""
        for key, spin in (("repeatMs", self.repeat_interval_spin),
                          ("repeatCount", self.repeat_count_spin)):
            load_spin(spin, settings.value(key))

    def save(self, settings: QSettings) -> None:
        settings.setValue("repeatMs", self.repeat_interval_spin.value())
        settings.setValue("repeatCount", self.repeat_count_spin.value())

    def shutdown(self) -> None:
        """Stop the periodic and file sends (the session's jobs) and the payload builders."""
        self._preview_generation += 1
        self._send_generation += 1
        for job in list(self._jobs):
            # Kept in _jobs: their queued results still arrive, and the bumped generations
            # make the handlers drop them.
            job.wait()
        self._stopping_periodic = True
        try:
            self.session.send_jobs.stop()
        finally:
            self._stopping_periodic = False
