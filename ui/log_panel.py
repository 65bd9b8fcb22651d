"""The log area of a session page: tools (pause, clear, find, zoom, save, record), the log
view itself, and the note that says what the view does not show."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.sessions.base import Session
from app.traffic.log_saver import LogSaveThread
from app.traffic.pcapng_export import ExportResult, PcapngExportThread
from ui.log_view import MAX_POINT_SIZE, MIN_POINT_SIZE, LogView
from ui.style import set_tone
from ui.widgets import as_bool, as_int, default_dir, human_size, named, remember_dir, tool_button


class LogPanel(QWidget):
    """A session's traffic log with its tools; talks to the session, never to sockets."""

    #: Something to tell the user: (text, is_error).
    message = Signal(str, bool)
    #: A save started by :meth:`save_log` ended: True when the file is complete.
    logSaved = Signal(bool)
    #: An export started by :meth:`export_pcapng` ended: True when the file is complete.
    pcapngExported = Signal(bool)

    def __init__(self, session: Session, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self._saver: LogSaveThread | None = None
        self._save_path = pathlib.Path()
        #: From the start of a save until its result is reported (its progress shows then).
        self._save_active = False
        self._exporter: PcapngExportThread | None = None
        #: (local, peer) of the connections the log may still hold, for Export (pcapng).
        self._endpoints: dict[int, tuple[str, str]] = {}
        session.connectionOpened.connect(self._on_connection_opened)
        session.connectionClosed.connect(self._on_connection_closed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.log_view = LogView(session.log, session.peer_label)
        self.log_view.setAccessibleName(self.tr("Traffic log"))
        self.log_view.rendered.connect(self.update_note)
        self.log_view.zoomed.connect(lambda size: settings.setValue("ui/logPointSize", size))
        size = as_int(settings.value("ui/logPointSize"), 0)
        # Out of the zoom range is damage, not a choice: keep the default size then.
        if MIN_POINT_SIZE <= size <= MAX_POINT_SIZE:
            self.log_view.set_point_size(size)
        session.logAppended.connect(self.log_view.schedule)
        session.recordingFailed.connect(self._on_recording_failed)
        layout.addLayout(self._build_tools())
        layout.addWidget(self.log_view, 1)
        self.note = named(QLabel(), "logNoteLabel", self.tr("What the log does not show"))
        self.note.setWordWrap(True)
        set_tone(self.note, "note")
        self.note.hide()
        layout.addWidget(self.note)
        self.log_view.set_show_events(self.events_check.isChecked())

    def _build_tools(self) -> QVBoxLayout:
        tools = QVBoxLayout()
        tools.setSpacing(3)
        self.pause_button = named(tool_button(self.tr("Pause")), "pauseButton",
                                  self.tr("Pause the display"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr(
            "Freeze the display. Data keeps being received, counted and recorded."))
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.clear_button = named(tool_button(self.tr("Clear")), "clearLogButton",
                                  self.tr("Clear log"))
        self.clear_button.clicked.connect(self.clear_log)
        self.find_edit = named(QLineEdit(), "findEdit", self.tr("Find in log"))
        self.find_edit.setPlaceholderText(self.tr("Find in log…"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setMinimumWidth(50)
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
        # While a save runs this button cancels it (its text says so).
        self.save_button = named(tool_button(self.tr("Save…")), "saveLogButton",
                                 self.tr("Save the log to a text file, every entry whole"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.record_button = named(tool_button(self.tr("Record…")), "recordButton",
                                   self.tr("Record raw traffic to a file"))
        self.record_button.setCheckable(True)
        self.record_button.setToolTip(self.tr(
            "Write every received byte to a file, exactly as it arrived, before anything "
            "is trimmed from the log. Choose the .ssrec type to record both directions."))
        self.record_button.clicked.connect(self._on_record_clicked)
        self.export_button = named(tool_button(self.tr("Export pcapng…")), "exportPcapngButton",
                                   self.tr("Export the traffic as pcapng"))
        self.export_button.setToolTip(self.tr(
            "Write the traffic as pcapng for Wireshark or tshark. While a both-directions "
            "recording (.ssrec) runs, the file is made from it: every byte since the "
            "recording began, exact. Otherwise it is made from what the log holds (recent "
            "traffic within the log's memory limit); a send to several clients and a file "
            "send are single log entries, so they are left out."))
        self.export_button.clicked.connect(self._ask_export_pcapng)
        self.events_check = named(QCheckBox(self.tr("Connection events")), "showEventsCheck",
                                  self.tr("Show connection events in the log"))
        self.events_check.setToolTip(self.tr(
            "Show in the log when a peer connects, finishes sending or disconnects, and why."))
        stored = self.settings.value("ui/showConnectionEvents")
        self.events_check.setChecked(True if stored is None else as_bool(stored))
        self.events_check.toggled.connect(self._on_events_toggled)
        # Two rows: in one, the tools alone kept the log too wide for a 1024 px screen.
        view_row, file_row = QHBoxLayout(), QHBoxLayout()
        for widget in (self.pause_button, self.clear_button, self.events_check):
            view_row.addWidget(widget)
        view_row.addStretch(1)
        for widget in (zoom_out, zoom_in, self.save_button, self.record_button):
            view_row.addWidget(widget)
        file_row.addWidget(self.find_edit, 1)
        for widget in (find_prev, find_next, self.export_button):
            file_row.addWidget(widget)
        tools.addLayout(view_row)
        tools.addLayout(file_row)
        for seq, slot in (("Ctrl+F", self.find_edit.setFocus),
                          ("Ctrl+=", lambda: self.log_view.zoom(1)),
                          ("Ctrl++", lambda: self.log_view.zoom(1)),
                          ("Ctrl+-", lambda: self.log_view.zoom(-1))):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return tools

    # -- viewing ---------------------------------------------------------------------------
    @Slot()
    def clear_log(self) -> None:
        """Empty the log (the counters and any recording go on)."""
        self.session.drop_backlog()  # what arrived before the click goes too
        self.session.log.clear()
        self.log_view.reset_counts()
        self.log_view.rerender()

    @Slot(bool)
    def _on_events_toggled(self, show: bool) -> None:
        self.log_view.set_show_events(show)
        self.settings.setValue("ui/showConnectionEvents", show)

    @Slot(bool)
    def _on_pause_toggled(self, paused: bool) -> None:
        self.log_view.set_paused(paused)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def find_in_log(self, backward: bool = False) -> bool:
        found = self.log_view.find_text(self.find_edit.text(), backward)
        if not found and self.find_edit.text():
            self.message.emit(self.tr("“{text}” is not in the log.").format(
                text=self.find_edit.text()), True)
        return found

    @Slot()
    def update_note(self) -> None:
        """Say how much the view skipped and the store dropped, if anything."""
        view, store = self.log_view, self.session.log
        sentences = []
        if view.skipped_entries:
            sentences.append(self.tr(
                "{n} entries ({size}) were skipped in the view during a flood.").format(
                n=f"{view.skipped_entries:,}", size=human_size(view.skipped_bytes)))
        if store.trimmed_entries:
            sentences.append(self.tr(
                "{n} entries ({size}) were dropped from memory (log memory limit).").format(
                n=f"{store.trimmed_entries:,}", size=human_size(store.trimmed_bytes)))
        if sentences:
            sentences.append(self.tr("Counters and recordings are complete."))
            self.note.setText(" ".join(sentences))
        self.note.setVisible(bool(sentences))

    # -- saving ----------------------------------------------------------------------------
    @property
    def saving(self) -> bool:
        """True from the start of a save by :meth:`save_log` until its result is reported
        (:attr:`logSaved`), not only while its worker runs: a save started between the two
        would have the old result taken for its own, and waited for."""
        return self._save_active or (self._saver is not None and self._saver.isRunning())

    @Slot()
    def _on_save_clicked(self) -> None:
        if self.saving:
            self.cancel_save()
        else:
            self._ask_save_log()

    @Slot()
    def _ask_save_log(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save log"), default_dir(self.settings), self.tr("Text files (*.txt)"))
        if path:
            remember_dir(self.settings, path)
            self.save_log(pathlib.Path(path))

    def save_log(self, path: pathlib.Path) -> bool:
        """Write the log to ``path`` (UTF-8) as the view shows it but with every entry the
        store holds (for the connections shown) whole, in a worker thread; :attr:`logSaved`
        says when it is done. False (and a message) if the file cannot be opened or a save
        is still running. While it runs the status says how far it got and the Save button
        cancels it (:meth:`cancel_save`)."""
        if self.saving:
            self.message.emit(self.tr("The log is still being saved."), True)
            return False
        try:
            out = path.open("w", encoding="utf-8")
        except OSError as exc:
            self._report_save(path, False, exc.strerror or str(exc))
            return False
        entries = self.log_view.entries_to_save()
        labels = {conn_id: self.session.peer_label(conn_id)
                  for conn_id in {entry.conn_id for entry in entries}}
        saver = LogSaveThread(out, entries, self.log_view.options, labels, path)
        # Slots of this widget, so the results are delivered queued, in the GUI thread.
        saver.saved.connect(self._on_saved)
        saver.progressed.connect(self._on_save_progress)
        self._saver = saver
        self._save_path = path
        self._save_active = True
        self.save_button.setText(self.tr("Cancel saving"))
        self.save_button.setToolTip(self.tr("Stop saving the log; the partial file is removed"))
        self.save_button.setAccessibleName(self.tr("Cancel saving the log"))
        # Not an error: it also replaces an older "Cannot save…" in the status line.
        self.message.emit(self._progress_text(0), False)
        saver.start()
        return True

    def _progress_text(self, percent: int) -> str:
        return self.tr("Saving the log… {percent} %").format(percent=percent)

    @Slot(object, object)
    def _on_save_progress(self, done: int, total: int) -> None:
        # Queued: it may arrive after the thread ended, but always before its result.
        if self._save_active and self._saver is not None and not self._saver.stopping:
            self.message.emit(self._progress_text(done * 100 // total if total else 100), False)

    def cancel_save(self) -> None:
        """Stop a save in progress; its partial file is removed and :attr:`logSaved` says
        False. Does nothing when no save runs."""
        if self.saving:
            self._saver.stop()  # type: ignore[union-attr]
            self.save_button.setEnabled(False)  # until the worker has stopped
            self.message.emit(self.tr("Cancelling the save…"), False)

    @Slot(bool, str)
    def _on_saved(self, ok: bool, reason: str) -> None:
        if not self._save_active:
            return  # reported already (cannot happen: one result per save)
        saver = self._saver
        self._save_active = False
        if saver is not None:
            saver.wait()  # saved is its last act: the next Save must not be refused
        if saver is not None and saver.cancelled:
            self._restore_save_button()
            self.message.emit(self.tr("Saving cancelled; the partial file {path} was removed.")
                              .format(path=self._save_path), False)
            self.logSaved.emit(False)
            return
        self._report_save(self._save_path, ok, reason)

    def _restore_save_button(self) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip("")
        self.save_button.setAccessibleName(
            self.tr("Save the log to a text file, every entry whole"))

    def _report_save(self, path: pathlib.Path, ok: bool, reason: str) -> None:
        self._restore_save_button()
        if ok:
            self.message.emit(self.tr("Log saved to {path}.").format(path=path), False)
        else:
            self.message.emit(self.tr("Cannot save the log to {path}: {reason}").format(
                path=path, reason=reason), True)
        self.logSaved.emit(ok)

    def shutdown(self) -> None:
        """Stop a save, an export or a re-render in progress (the page is closing); a partial
        saved or exported file is removed, not kept. Returns within about a second (DESIGN:
        stopping is prompt): a save is stopped between batches, and one that does not stop
        within the second ends by itself in the background and removes its file then."""
        if self._saver is not None:
            self._saver.stop()
            self._saver.wait(1000)
        self.log_view.shutdown()
        if self._exporter is not None:
            self._exporter.request_stop()  # a half-written export is dropped, not kept
            self._exporter.wait()

    # -- exporting pcapng ------------------------------------------------------------------
    @Slot(object)
    def _on_connection_opened(self, conn: object) -> None:
        conn_id = getattr(conn, "conn_id", None)
        if conn_id is not None:
            self._endpoints[conn_id] = (str(getattr(conn, "local", "")),
                                        str(getattr(conn, "peer", "")))

    @Slot(object)
    def _on_connection_closed(self, conn: object) -> None:
        conn_id = getattr(conn, "conn_id", None)
        if conn_id is not None and not self.session.log.holds(conn_id):
            self._endpoints.pop(conn_id, None)

    @Slot()
    def _ask_export_pcapng(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export as pcapng"), default_dir(self.settings),
            self.tr("pcapng files (*.pcapng)"))
        if path:
            remember_dir(self.settings, path)
            if not path.lower().endswith((".pcapng", ".pcap")):
                path += ".pcapng"
            self.export_pcapng(pathlib.Path(path))

    def export_pcapng(self, path: pathlib.Path) -> bool:
        """Write the session's traffic to ``path`` as pcapng in a worker thread: from the
        both-directions recording when one runs, else from what the log holds (see the
        button's tooltip). :attr:`pcapngExported` says when it is done. False (and a message)
        while an export is still running."""
        if self._exporter is not None and self._exporter.isRunning():
            self.message.emit(self.tr("An export is still running."), True)
            return False
        recorder = self.session.recorder
        if recorder is not None and recorder.both_directions and recorder.is_active:
            size = recorder.flush()
            exporter = PcapngExportThread(path, recording=recorder.path, limit=size)
        else:
            # Drop what the log no longer holds (trimmed or cleared), then snapshot.
            live = {conn.conn_id for conn in self.session.connections()}
            self._endpoints = {conn_id: ends for conn_id, ends in self._endpoints.items()
                               if conn_id in live or self.session.log.holds(conn_id)}
            exporter = PcapngExportThread(path, self.session.log.entries(),
                                          dict(self._endpoints), self.session.initiator)
        exporter.done.connect(self._on_exported)
        self._exporter = exporter
        self.export_button.setEnabled(False)
        exporter.start()
        return True

    @Slot(bool, str, object)
    def _on_exported(self, ok: bool, reason: str, result: ExportResult | None) -> None:
        exporter = self._exporter
        if exporter is not None:
            exporter.wait()  # done is its last act: the next Export must not be refused
        path = exporter.path if exporter is not None else pathlib.Path()
        self.export_button.setEnabled(True)
        if not ok or result is None:
            self.message.emit(self.tr("Cannot export to {path}: {reason}").format(
                path=path, reason=reason), True)
        else:
            source = (self.tr("from the recording") if result.from_recording
                      else self.tr("from the log"))
            text = self.tr("Exported {n} packets ({source}) to {path}.").format(
                n=f"{result.packets:,}", source=source, path=path)
            if result.skipped:
                text += " " + self.tr(
                    "{n} log entries were left out (sends to several clients, file sends)."
                ).format(n=f"{result.skipped:,}")
            self.message.emit(text, False)
        self.pcapngExported.emit(ok)

    # -- recording -------------------------------------------------------------------------
    @Slot()
    def _on_record_clicked(self) -> None:
        if self.session.recorder is not None:
            self.stop_recording()
            return
        self.record_button.setChecked(False)
        received_only = self.tr("Received bytes, exactly (*.bin)")
        both = self.tr("Both directions, framed SSREC1 (*.ssrec)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Record raw traffic to"), default_dir(self.settings),
            f"{received_only};;{both}")
        if path:
            remember_dir(self.settings, path)
            self.start_recording(pathlib.Path(path), both_directions=chosen == both)

    def start_recording(self, path: pathlib.Path, both_directions: bool = False) -> bool:
        """Record this session's traffic to ``path``; explain a failure."""
        try:
            self.session.start_recording(path, both_directions)
        except OSError as exc:
            self.message.emit(self.tr("Cannot record to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc), True)
            self.record_button.setChecked(False)
            return False
        self.record_button.setChecked(True)
        self.record_button.setText(self.tr("Stop recording"))
        self.message.emit(self.tr("Recording to {path}.").format(path=path), False)
        return True

    def stop_recording(self) -> None:
        """Stop recording and say how much reached the file, or what went wrong."""
        recorder = self.session.recorder
        written = self.session.stop_recording()
        self._recording_stopped()
        if recorder is None:
            return
        if recorder.error is not None:
            # The last flush failed (disk full…): that is the news, not a success line, and
            # the recorder's count is what reached the file, not what was buffered.
            self._report_recording_error(recorder.error)
            return
        self.message.emit(self.tr("Recording stopped: {size} written to {path}.").format(
            size=human_size(written), path=recorder.path), False)

    def _recording_stopped(self) -> None:
        self.record_button.setChecked(False)
        self.record_button.setText(self.tr("Record…"))

    @Slot(str)
    def _on_recording_failed(self, message: str) -> None:
        self._recording_stopped()
        self._report_recording_error(message)

    def _report_recording_error(self, message: str) -> None:
        self.message.emit(self.tr("{message}. The session goes on; counters are unaffected.")
                          .format(message=message.rstrip(".")), True)
