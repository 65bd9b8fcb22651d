"""The "Send" settings group: how the send box's text becomes bytes."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QWidget

from app.send.checksums import CHECKSUM_IDS, checksum_label
from app.send.payload import SendSpec
from app.traffic.stream_decoder import encoding_choices
from ui.widgets import as_bool, data_combo, named, select_data


class SendSettings(QGroupBox):
    """Mode (text/hex), encoding, escapes, checksum and line ending of the send box."""

    #: Any setting changed (the preview follows it).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Send"))
        form = QFormLayout(self)
        self.mode_combo = data_combo(
            "sendModeCombo", self.tr("Send mode"),
            [("text", self.tr("Text")), ("hex", self.tr("Hex"))])
        self.encoding_combo = data_combo(
            "sendEncodingCombo", self.tr("Send encoding"),
            [(c, label) for c, label in encoding_choices() if c != "auto"])
        self.escape_check = named(QCheckBox(self.tr("Escapes (\\r \\n \\t \\xNN)")),
                                  "escapeCheck", self.tr("Interpret escapes"))
        self.line_ending_combo = data_combo(
            "lineEndingCombo", self.tr("Line ending"),
            [("none", self.tr("None")), ("cr", "CR (\\r)"), ("lf", "LF (\\n)"),
             ("crlf", "CRLF (\\r\\n)")])
        self.checksum_combo = data_combo(
            "checksumCombo", self.tr("Checksum"),
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
        """Take over the settings of a past send (history, quick command)."""
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
        settings.setValue("sendMode", self.mode_combo.currentData())
        settings.setValue("sendEncoding", self.encoding_combo.currentData())
        settings.setValue("lineEnding", self.line_ending_combo.currentData())
        settings.setValue("checksum", self.checksum_combo.currentData())
        settings.setValue("escapes", self.escape_check.isChecked())
