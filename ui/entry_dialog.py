"""A read-only window showing one log entry whole, in the log's current mode and encoding."""

from __future__ import annotations

import dataclasses
import pathlib

from PySide6.QtCore import Slot
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.traffic.log_saver import LogSaveThread
from app.traffic.log_store import LogEntry
from app.traffic.renderer import LogRenderer, RenderOptions
from ui.style import fixed_font
from ui.widgets import human_size, named

#: Bytes the window itself shows: Qt lays text out at ~0.7 µs a character, so 128 KiB opens in
#: about 0.1 s and more would freeze the window for longer; *Save…* always writes the whole entry.
DIALOG_BYTES = 128 * 1024


class EntryDialog(QDialog):
    """One entry, whole up to :data:`DIALOG_BYTES`, with *Save…* for the whole entry.

    The entry is decoded from its own first byte (a character begun in the previous entry of
    its stream shows as ``\\xNN`` here).
    """

    def __init__(self, entry: LogEntry, options: RenderOptions, peer: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryDialog")
        self.setWindowTitle(self.tr("Log entry ({size})").format(size=human_size(len(entry.data))))
        self.resize(800, 500)
        self._entry = entry
        self._options = options
        self._peer = peer
        self._saver: LogSaveThread | None = None
        layout = QVBoxLayout(self)
        self.text_edit = named(QPlainTextEdit(), "entryText", self.tr("Whole log entry"))
        self.text_edit.setReadOnly(True)
        self.text_edit.setUndoRedoEnabled(False)
        # Anywhere, as in the log view: word-boundary wrapping is slow on long lines.
        self.text_edit.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        font = fixed_font()
        if parent is not None:
            font.setPointSize(parent.font().pointSize())
        self.text_edit.setFont(font)
        renderer = LogRenderer(dataclasses.replace(options, max_entry_bytes=DIALOG_BYTES),
                               lambda _conn_id: peer)
        self.text_edit.setPlainText(renderer.render([entry]))
        layout.addWidget(self.text_edit, 1)
        self.note = named(QLabel(), "entryNoteLabel", self.tr("About this entry"))
        self.note.setWordWrap(True)
        if len(entry.data) > DIALOG_BYTES:
            self.note.setText(self.tr(
                "This window shows the first {shown}; Save… writes the whole entry.").format(
                shown=human_size(DIALOG_BYTES)))
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = named(buttons.addButton(self.tr("Save…"),
                                                   QDialogButtonBox.ButtonRole.ActionRole),
                                 "saveEntryButton", self.tr("Save the whole entry"))
        self.save_button.clicked.connect(self._ask_save)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    @Slot()
    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save entry"), "",
                                              self.tr("Text files (*.txt)"))
        if path:
            self.save(pathlib.Path(path))

    def save(self, path: pathlib.Path) -> bool:
        """Write the whole entry (as the log shows it, uncut) to ``path`` in a worker thread;
        False (and a note) if the file cannot be opened."""
        try:
            out = path.open("w", encoding="utf-8")
        except OSError as exc:
            self.note.setText(self.tr("Cannot save to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return False
        self.save_button.setEnabled(False)
        self._saver = LogSaveThread(out, [self._entry], self._options,
                                    {self._entry.conn_id: self._peer})
        self._saver.saved.connect(self._on_saved)
        self._saver.start()
        return True

    @property
    def saver(self) -> LogSaveThread | None:
        """The save in progress or last started (tests wait for its ``saved`` signal)."""
        return self._saver

    @Slot(bool, str)
    def _on_saved(self, ok: bool, reason: str) -> None:
        self.save_button.setEnabled(True)
        self.note.setText(self.tr("Entry saved.") if ok else
                          self.tr("Cannot save the entry: {reason}").format(reason=reason))

    def done(self, result: int) -> None:
        if self._saver is not None and self._saver.isRunning():
            self._saver.wait()  # one entry: bounded, and the file must be complete
        super().done(result)
