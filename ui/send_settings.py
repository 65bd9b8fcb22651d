"""How the send box's text becomes bytes: one form, used by the page and the quick-command dialog.

:class:`SendSettingsForm` is the form (mode, encoding, escapes, checksum, line ending), built
from the single declarations in ``app/send`` (:func:`~app.send.payload.send_mode_choices`,
:func:`~app.send.payload.line_ending_choices`, :data:`~app.send.checksums.CHECKSUM_IDS`), so
both places always offer the same choices. :class:`SendSettings` is the page's "Send" group.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QWidget

from app.send.checksums import CHECKSUM_IDS, checksum_label
from app.send.payload import SendSpec, line_ending_choices, send_mode_choices
from app.traffic.stream_decoder import encoding_choices
from ui.widgets import as_bool, data_combo, named, select_data


class SendFormNames(NamedTuple):
    """The objectNames of a form's widgets (automation finds them by these)."""

    mode: str
    encoding: str
    escapes: str
    checksum: str
    line_ending: str


#: On a session page: the names UI-CONTRACT.md fixes.
PAGE_NAMES = SendFormNames("sendModeCombo", "sendEncodingCombo", "escapeCheck",
                           "checksumCombo", "lineEndingCombo")
#: In the quick-command dialog, distinct so a search from the window never finds two.
DIALOG_NAMES = SendFormNames("quickCommandModeCombo", "quickCommandEncodingCombo",
                             "quickCommandEscapesCheck", "quickCommandChecksumCombo",
                             "quickCommandLineEndingCombo")


class SendSettingsForm(QGroupBox):
    """Mode (text/hex), encoding, escapes, checksum and line ending, as a form in a group box.

    ``names`` gives the widgets' objectNames. Encoding and escapes are disabled in hex mode,
    where they do not apply.
    """

    #: Any setting changed (the preview follows it).
    changed = Signal()

    def __init__(self, names: SendFormNames = PAGE_NAMES, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.mode_combo = data_combo(names.mode, self.tr("Send mode"), send_mode_choices())
        self.encoding_combo = data_combo(
            names.encoding, self.tr("Send encoding"),
            [(c, label) for c, label in encoding_choices() if c != "auto"])
        self.escape_check = named(QCheckBox(self.tr("Escapes (\\r \\n \\t \\xNN)")),
                                  names.escapes, self.tr("Interpret escapes"))
        self.line_ending_combo = data_combo(names.line_ending, self.tr("Line ending"),
                                            line_ending_choices())
        self.checksum_combo = data_combo(
            names.checksum, self.tr("Checksum"),
            [(kind, checksum_label(kind)) for kind in CHECKSUM_IDS])
        form.addRow(self.tr("Send as"), self.mode_combo)
        form.addRow(self.tr("Encoding"), self.encoding_combo)
        form.addRow(self.escape_check)
        form.addRow(self.tr("Checksum"), self.checksum_combo)
        form.addRow(self.tr("Append"), self.line_ending_combo)
        for combo in (self.mode_combo, self.encoding_combo, self.line_ending_combo,
                      self.checksum_combo):
            combo.currentIndexChanged.connect(self._on_changed)
        self.escape_check.toggled.connect(self._on_changed)
        self._on_changed()

    def spec(self, text: str) -> SendSpec:
        """``text`` with these settings as a :class:`SendSpec`."""
        return SendSpec(
            text=text,
            mode=self.mode_combo.currentData(),
            encoding=self.encoding_combo.currentData(),
            escapes=self.escape_check.isChecked(),
            line_ending=self.line_ending_combo.currentData(),
            checksum=self.checksum_combo.currentData(),
        )

    def apply(self, spec: SendSpec) -> None:
        """Take over the settings of ``spec`` (a past send, a quick command); not its text."""
        select_data(self.mode_combo, spec.mode)
        select_data(self.encoding_combo, spec.encoding)
        self.escape_check.setChecked(spec.escapes)
        select_data(self.line_ending_combo, spec.line_ending)
        select_data(self.checksum_combo, spec.checksum)

    @Slot()
    def _on_changed(self) -> None:
        text_mode = self.mode_combo.currentData() == "text"
        self.encoding_combo.setEnabled(text_mode)
        self.escape_check.setEnabled(text_mode)
        self.changed.emit()

    def load(self, settings: QSettings) -> None:
        """Restore from ``settings`` (already in the page's group)."""
        for key, combo in (("sendMode", self.mode_combo), ("sendEncoding", self.encoding_combo),
                           ("lineEnding", self.line_ending_combo),
                           ("checksum", self.checksum_combo)):
            value = settings.value(key)
            if isinstance(value, str):
                select_data(combo, value)
        self.escape_check.setChecked(as_bool(settings.value("escapes", False)))

    def save(self, settings: QSettings) -> None:
        """Store into ``settings`` (already in the page's group)."""
        settings.setValue("sendMode", self.mode_combo.currentData())
        settings.setValue("sendEncoding", self.encoding_combo.currentData())
        settings.setValue("lineEnding", self.line_ending_combo.currentData())
        settings.setValue("checksum", self.checksum_combo.currentData())
        settings.setValue("escapes", self.escape_check.isChecked())


class SendSettings(SendSettingsForm):
    """The page's "Send" group: the form with the names of UI-CONTRACT.md."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(PAGE_NAMES, parent)
        self.setTitle(self.tr("Send"))
