"""The page's automatic replies: echo, the rules in force, and their file (import, edit,
export). The replies themselves are made by the session's workers
(:mod:`app.autoreply.responder`); this group only chooses them."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.autoreply.rules import Rule
from app.autoreply.rules_file import (
    RulesFileError,
    describe_rule,
    dump_rules,
    load_rules_file,
    parse_rules,
)
from ui.style import fixed_font, set_tone
from ui.widgets import named

#: Settings keys (in the page's group).
ECHO_KEY = "echo"
RULES_KEY = "autoReplyRules"


class RulesDialog(QDialog):
    """Edit the rules as a rules file (JSON); OK only when the text is a valid file."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Automatic reply rules"))
        self.setObjectName("autoReplyDialog")
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "One rule per line, first match wins. how: exact, prefix, contains, regex, hex, any; "
            "reply (placeholders {text}, {peer}, {n}) or reply_hex; optional checksum, "
            "delay_ms, close."))
        hint.setWordWrap(True)
        self.text_edit = named(QPlainTextEdit(text), "autoReplyRulesEdit",
                               self.tr("Rules as JSON"))
        self.text_edit.setFont(fixed_font())
        self.error_label = named(QLabel(), "autoReplyRulesError", self.tr("Problem"))
        self.error_label.setWordWrap(True)
        set_tone(self.error_label, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(hint)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self.rules: tuple[Rule, ...] = ()

    def accept(self) -> None:
        try:
            self.rules = parse_rules(self.text_edit.toPlainText())
        except RulesFileError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()


class AutoReplyGroup(QGroupBox):
    """Echo and rules for one page; :attr:`changed` says what to use."""

    #: Echo or the rules changed: (echo, rules as a tuple of :class:`Rule`).
    changed = Signal(bool, tuple)
    #: Something to tell the user (message, is_error).
    message = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Automatic replies"), parent)
        self.rules: tuple[Rule, ...] = ()
        layout = QGridLayout(self)
        self.echo_check = named(QCheckBox(self.tr("Echo every message back")), "echoCheck",
                                self.tr("Echo received messages"))
        self.echo_check.setToolTip(self.tr(
            "Each received message (one log entry) goes back to the connection it came from; "
            "a matching rule answers instead."))
        self.echo_check.toggled.connect(self._emit)
        self.list_widget = named(QListWidget(), "autoReplyList",
                                 self.tr("Automatic reply rules in force"))
        self.list_widget.setMaximumHeight(110)
        self.import_button = named(QPushButton(self.tr("Import…")), "autoReplyImportButton",
                                   self.tr("Import a rules file"))
        self.edit_button = named(QPushButton(self.tr("Edit…")), "autoReplyEditButton",
                                 self.tr("Edit the rules"))
        self.export_button = named(QPushButton(self.tr("Export…")), "autoReplyExportButton",
                                   self.tr("Export the rules to a file"))
        self.clear_button = named(QPushButton(self.tr("Clear")), "autoReplyClearButton",
                                  self.tr("Remove every rule"))
        self.import_button.clicked.connect(self.import_dialog)
        self.edit_button.clicked.connect(self.edit_dialog)
        self.export_button.clicked.connect(self.export_dialog)
        self.clear_button.clicked.connect(lambda: self.set_rules(()))
        layout.addWidget(self.echo_check, 0, 0, 1, 2)
        layout.addWidget(self.list_widget, 1, 0, 1, 2)
        # Two a row: four side by side widened the settings column past a 1024 px screen.
        for i, button in enumerate((self.import_button, self.edit_button,
                                    self.export_button, self.clear_button)):
            layout.addWidget(button, 2 + i // 2, i % 2)
        self._show_rules()

    # -- rules -----------------------------------------------------------------------------
    def set_rules(self, rules: tuple[Rule, ...]) -> None:
        """Put ``rules`` in force (shown in the list, applied at once)."""
        self.rules = tuple(rules)
        self._show_rules()
        self._emit()

    def _show_rules(self) -> None:
        self.list_widget.clear()
        for rule in self.rules:
            self.list_widget.addItem(describe_rule(rule))
        self.export_button.setEnabled(bool(self.rules))
        self.clear_button.setEnabled(bool(self.rules))

    @Slot()
    def _emit(self) -> None:
        self.changed.emit(self.echo_check.isChecked(), self.rules)

    def import_file(self, path: str | pathlib.Path) -> bool:
        """Load a rules file; on a bad file the rules in force stay and :attr:`message`
        says which rule and field is wrong."""
        try:
            rules = load_rules_file(path)
        except RulesFileError as exc:
            self.message.emit(self.tr("Rules not loaded: {error}").format(error=exc), True)
            return False
        self.set_rules(rules)
        self.message.emit(self.tr("{n} rule(s) loaded from {path}.").format(
            n=len(rules), path=pathlib.Path(path).name), False)
        return True

    @Slot()
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import automatic reply rules"),
                                              "", self.tr("Rules files (*.json);;All files (*)"))
        if path:
            self.import_file(path)

    @Slot()
    def edit_dialog(self) -> None:
        dialog = RulesDialog(dump_rules(self.rules), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_rules(dialog.rules)

    def export_file(self, path: str | pathlib.Path) -> bool:
        try:
            pathlib.Path(path).write_text(dump_rules(self.rules), encoding="utf-8")
        except OSError as exc:
            self.message.emit(self.tr("Rules not saved: {error}").format(
                error=exc.strerror or exc), True)
            return False
        return True

    @Slot()
    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export automatic reply rules"),
                                              "rules.json",
                                              self.tr("Rules files (*.json);;All files (*)"))
        if path:
            self.export_file(path)

    # -- settings --------------------------------------------------------------------------
    def load(self, settings: QSettings) -> None:
        """Restore echo and rules from the page's settings group (bad rules: none)."""
        echo = settings.value(ECHO_KEY, False)
        self.echo_check.blockSignals(True)
        self.echo_check.setChecked(echo is True or str(echo).lower() == "true")
        self.echo_check.blockSignals(False)
        text = settings.value(RULES_KEY, "")
        rules: tuple[Rule, ...] = ()
        if isinstance(text, str) and text:
            try:
                rules = parse_rules(text)
            except RulesFileError:
                rules = ()  # a corrupt settings file never stops the page
        self.set_rules(rules)

    def save(self, settings: QSettings) -> None:
        settings.setValue(ECHO_KEY, self.echo_check.isChecked())
        settings.setValue(RULES_KEY, dump_rules(self.rules))
