"""The quick-commands group: named send presets to send with a double-click, share as JSON."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.input_errors import InputError
from app.send.payload import SendSpec, build_payload
from app.send.quick_command_loader import QuickCommandLoader
from app.send.quick_commands import QuickCommand, QuickCommandFileError
from ui.quick_command_model import QuickCommandModel
from ui.send_settings import DIALOG_NAMES, SendSettingsForm
from ui.style import set_tone
from ui.widgets import default_dir, named


class QuickCommandDialog(QDialog):
    """Edits one quick command: its name and everything that decides its bytes."""

    def __init__(self, command: QuickCommand, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickCommandDialog")
        self.setWindowTitle(self.tr("Quick command"))
        form = QFormLayout(self)
        self.name_edit = named(QLineEdit(command.name), "quickCommandNameEdit",
                               self.tr("Command name"))
        self.text_edit = named(QPlainTextEdit(command.spec.text), "quickCommandTextEdit",
                               self.tr("Command payload"))
        self.text_edit.setMaximumHeight(90)
        self.settings_form = SendSettingsForm(DIALOG_NAMES)
        self.settings_form.setTitle(self.tr("Send settings"))
        self.settings_form.apply(command.spec)
        self.error_label = QLabel()
        set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Payload"), self.text_edit)
        form.addRow(self.settings_form)
        form.addRow(self.error_label)
        form.addRow(buttons)

    def command(self) -> QuickCommand:
        """The command as the dialog shows it (name stripped of surrounding spaces)."""
        return QuickCommand(self.name_edit.text().strip(),
                            self.settings_form.spec(self.text_edit.toPlainText()))

    def accept(self) -> None:
        command = self.command()
        if not command.name:
            self.error_label.setText(self.tr("Give the command a name."))
            return
        try:
            build_payload(command.spec)
        except InputError as exc:
            self.error_label.setText(exc.message)
            return
        super().accept()


class QuickCommandsGroup(QGroupBox):
    """List of quick commands with add/edit/remove/reorder and JSON import/export."""

    #: The user asked to send this command (double-click or Enter).
    sendRequested = Signal(object)
    #: Something to tell the user (message, is_error).
    message = Signal(str, bool)
    #: An import started by :meth:`import_file` ended: True when the commands were taken.
    importFinished = Signal(bool)

    def __init__(self, model: QuickCommandModel, current_spec: Callable[[], SendSpec],
                 settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Quick commands"), parent)
        self.model = model
        self._current_spec = current_spec
        self._settings = settings
        layout = QGridLayout(self)
        self.list_view = named(QListView(), "quickCommandList", self.tr("Quick commands"))
        self.list_view.setModel(model)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setMinimumHeight(110)
        # Every row is one line: lets the view skip measuring each of a large import's rows.
        self.list_view.setUniformItemSizes(True)
        self.list_view.activated.connect(self._on_activated)
        self.list_view.setToolTip(self.tr("Double-click or press Enter to send."))
        buttons = [
            ("quickCommandAddButton", self.tr("Add"), self.tr("Save the send box as a command"),
             self.add_current),
            ("quickCommandEditButton", self.tr("Edit"), self.tr("Edit the selected command"),
             self.edit_selected),
            ("quickCommandRemoveButton", self.tr("Remove"),
             self.tr("Remove the selected command"), self.remove_selected),
            ("quickCommandUpButton", "▲", self.tr("Move up"), lambda: self.move_selected(-1)),
            ("quickCommandDownButton", "▼", self.tr("Move down"),
             lambda: self.move_selected(1)),
            ("quickCommandImportButton", self.tr("Import…"),
             self.tr("Import commands from a JSON file"), self._ask_import),
            ("quickCommandExportButton", self.tr("Export…"),
             self.tr("Export commands to a JSON file"), self._ask_export),
        ]
        layout.addWidget(self.list_view, 0, 0, 1, 3)
        for i, (name, text, spoken, slot) in enumerate(buttons):
            button = named(QPushButton(text), name, spoken)
            button.setToolTip(spoken)
            button.clicked.connect(slot)
            layout.addWidget(button, 1 + i // 3, i % 3)  # 3 a row: the column fits 1024 px
            if name == "quickCommandImportButton":
                self.import_button = button
        self._loader: QuickCommandLoader | None = None
        self._import_replace = False

    def selected_row(self) -> int:
        index = self.list_view.currentIndex()
        return index.row() if index.isValid() else -1

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sendRequested.emit(self.model.command(index.row()))

    def add_current(self) -> None:
        spec = self._current_spec()
        name = spec.text.strip().splitlines()[0][:30] if spec.text.strip() else ""
        dialog = QuickCommandDialog(QuickCommand(name, spec), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            row = self.model.add(dialog.command())
            self.list_view.setCurrentIndex(self.model.index(row))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row < 0:
            self.message.emit(self.tr("Select a command to edit."), True)
            return
        dialog = QuickCommandDialog(self.model.command(row), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.model.replace(row, dialog.command())

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self.model.remove(row)

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row >= 0 and self.model.move(row, row + step):
            self.list_view.setCurrentIndex(self.model.index(row + step))

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import quick commands"),
            default_dir(self._settings), self.tr("JSON files (*.json)"))
        if path:
            replace = QMessageBox.question(
                self, self.tr("Import quick commands"),
                self.tr("Replace the current commands? (No adds them to the list.)"),
            ) == QMessageBox.StandardButton.Yes
            self.import_file(pathlib.Path(path), replace)

    def import_file(self, path: pathlib.Path, replace: bool = False) -> bool:
        """Start importing ``path`` (append, or ``replace`` the list) in a worker thread.

        False when an import is already running. The outcome comes as :attr:`message` and
        :attr:`importFinished`; the window stays responsive meanwhile, whatever the size.
        """
        if self._loader is not None:
            self.message.emit(self.tr("An import is already running."), True)
            return False
        loader = QuickCommandLoader(path)
        loader.done.connect(self._on_import_done)
        self._loader = loader
        self._import_replace = replace
        self.import_button.setEnabled(False)
        self.message.emit(self.tr("Reading {path}…").format(path=path), False)
        loader.start()
        return True

    @Slot(object, str)
    def _on_import_done(self, commands: list[QuickCommand], problem: str) -> None:
        loader = self._loader
        if loader is None or self.sender() is not loader:
            return  # the page shut down meanwhile
        self._loader = None
        loader.wait()
        path = loader.path
        self.import_button.setEnabled(True)
        if problem:
            self.message.emit(problem, True)
            self.importFinished.emit(False)
            return
        self.model.take_imported(commands, replace=self._import_replace)
        self.message.emit(self.tr("Imported {n} quick command(s) from {path}.").format(
            n=len(commands), path=path), False)
        self.importFinished.emit(True)

    def shutdown(self) -> None:
        """Wait for a running import (bounded by the file size limit) and drop its result."""
        loader, self._loader = self._loader, None
        if loader is not None:
            loader.wait()

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export quick commands"),
            default_dir(self._settings), self.tr("JSON files (*.json)"))
        if path:
            self.export_file(pathlib.Path(path))

    def export_file(self, path: pathlib.Path) -> bool:
        try:
            self.model.export_json(path)
        except QuickCommandFileError as exc:
            self.message.emit(str(exc), True)
            return False
        self.message.emit(self.tr("Exported {n} quick command(s) to {path}.").format(
            n=self.model.rowCount(), path=path), False)
        return True
