"""The "Receive" settings group: how received traffic is shown and cut into entries."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.sessions.base import FramingConfig
from app.traffic.framing import parse_delimiter
from app.traffic.renderer import RenderOptions
from app.traffic.stream_decoder import encoding_choices
from ui.log_view import ENTRY_BYTES_SHOWN
from ui.widgets import as_bool, data_combo, load_spin, named, select_data

#: Framing choices of the combo → (framer mode, delimiter); "custom" reads the delimiter edit.
_FRAMINGS = {"chunk": ("chunk", b"\n"), "lf": ("delimiter", b"\n"),
             "crlf": ("delimiter", b"\r\n"), "custom": ("delimiter", b""),
             "idle": ("idle", b"\n")}
#: The longest stored delimiter text taken over (``"0D 0A"`` is 5).
MAX_DELIMITER_CHARS = 1024


class ReceiveSettings(QGroupBox):
    """Display mode, encoding, time stamps (optionally with the date), control characters,
    whether sent data shows, framing and log memory."""

    #: How entries are shown changed.
    renderOptionsChanged = Signal(object)
    #: How received data is cut into entries changed.
    framingChanged = Signal(object)
    #: The log's memory budget changed (bytes). ``object``, not ``int``: Qt's int is 32 bits,
    #: and 2,048 MB or more (which the spin box offers) overflowed it and crashed the app.
    budgetChanged = Signal(object)
    #: A setting is invalid (message in words), e.g. a bad custom delimiter.
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Receive"))
        form = QFormLayout(self)
        self.mode_combo = data_combo(
            "receiveModeCombo", self.tr("Receive display mode"),
            [("text", self.tr("Text")), ("hex", self.tr("Hex")),
             ("both", self.tr("Text + hex"))])
        self.encoding_combo = data_combo(
            "receiveEncodingCombo", self.tr("Receive encoding"), encoding_choices())
        self.timestamps_check = named(QCheckBox(self.tr("Show time")), "timestampsCheck",
                                      self.tr("Show time stamps"))
        self.timestamps_check.setChecked(True)
        self.timestamp_date_check = named(QCheckBox(self.tr("with date")), "timestampDateCheck",
                                          self.tr("Time stamps show the date"))
        self.show_sent_check = named(QCheckBox(self.tr("Show sent data")), "showSentCheck",
                                     self.tr("Show sent data in the log"))
        self.show_sent_check.setChecked(True)
        self.show_sent_check.setToolTip(self.tr(
            "Off: sent (TX) entries are hidden from the log; they are still counted and "
            "recorded."))
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
        form.addRow(self.tr("Show as"), self.mode_combo)
        form.addRow(self.tr("Encoding"), self.encoding_combo)
        time_row = QHBoxLayout()
        time_row.addWidget(self.timestamps_check)
        time_row.addWidget(self.timestamp_date_check)
        time_row.addStretch(1)
        form.addRow(time_row)
        form.addRow(self.show_sent_check)
        form.addRow(self.show_controls_check)
        form.addRow(self.hex_ascii_check)
        form.addRow(self.tr("Entries"), self.framing_combo)
        form.addRow(self.tr("Delimiter"), self.delimiter_edit)
        form.addRow(self.tr("Gap"), self.gap_spin)
        form.addRow(self.tr("Log memory"), self.budget_spin)
        for combo in (self.mode_combo, self.encoding_combo):
            combo.currentIndexChanged.connect(self._emit_render_options)
        for check in (self.timestamps_check, self.show_controls_check, self.hex_ascii_check,
                      self.timestamp_date_check, self.show_sent_check):
            check.toggled.connect(self._emit_render_options)
        self.framing_combo.currentIndexChanged.connect(self._emit_framing)
        self.delimiter_edit.editingFinished.connect(self._emit_framing)
        self.gap_spin.valueChanged.connect(self._emit_framing)
        self.budget_spin.valueChanged.connect(self._emit_budget)

    def render_options(self) -> RenderOptions:
        return RenderOptions(
            mode=self.mode_combo.currentData(),
            encoding=self.encoding_combo.currentData(),
            timestamps=self.timestamps_check.isChecked(),
            show_controls=self.show_controls_check.isChecked(),
            hex_ascii=self.hex_ascii_check.isChecked(),
            max_entry_bytes=ENTRY_BYTES_SHOWN,
            timestamp_date=self.timestamp_date_check.isChecked(),
            show_sent=self.show_sent_check.isChecked(),
        )

    def framing_config(self) -> FramingConfig:
        """The chosen framing; raises ``ValueError`` (in words) for a bad custom delimiter."""
        choice = self.framing_combo.currentData()
        mode, delimiter = _FRAMINGS[choice]
        if choice == "custom":
            delimiter = parse_delimiter(self.delimiter_edit.text())
        return FramingConfig(mode, delimiter, self.gap_spin.value() / 1000)

    def budget_bytes(self) -> int:
        return self.budget_spin.value() * 1024 * 1024

    @Slot()
    def _emit_render_options(self) -> None:
        self.hex_ascii_check.setEnabled(self.mode_combo.currentData() != "text")
        self.timestamp_date_check.setEnabled(self.timestamps_check.isChecked())
        self.renderOptionsChanged.emit(self.render_options())

    @Slot()
    def _emit_framing(self) -> None:
        choice = self.framing_combo.currentData()
        self.delimiter_edit.setEnabled(choice == "custom")
        self.gap_spin.setEnabled(choice == "idle")
        try:
            config = self.framing_config()
        except ValueError as exc:
            self.problem.emit(str(exc))
            return
        self.framingChanged.emit(config)

    @Slot()
    def _emit_budget(self) -> None:
        self.budgetChanged.emit(self.budget_bytes())

    def emit_all(self) -> None:
        """Announce every current setting (after loading them)."""
        self._emit_render_options()
        self._emit_framing()
        self._emit_budget()

    def load(self, settings: QSettings) -> None:
        """Restore from ``settings`` (already in the page's group)."""
        for key, combo in (("receiveMode", self.mode_combo),
                           ("receiveEncoding", self.encoding_combo),
                           ("framing", self.framing_combo)):
            value = settings.value(key)
            if isinstance(value, str):
                select_data(combo, value)
        self.timestamps_check.setChecked(as_bool(settings.value("timestamps", True)))
        self.show_controls_check.setChecked(as_bool(settings.value("showControls", False)))
        self.hex_ascii_check.setChecked(as_bool(settings.value("hexAscii", False)))
        self.timestamp_date_check.setChecked(as_bool(settings.value("timestampDate", False)))
        self.show_sent_check.setChecked(as_bool(settings.value("showSent", True)))
        delimiter = settings.value("delimiter")
        # A delimiter is a few bytes; a huge stored text is damage, not a setting.
        if isinstance(delimiter, str) and len(delimiter) <= MAX_DELIMITER_CHARS:
            self.delimiter_edit.setText(delimiter)
        for key, spin in (("gapMs", self.gap_spin), ("logBudgetMb", self.budget_spin)):
            load_spin(spin, settings.value(key))

    def save(self, settings: QSettings) -> None:
        settings.setValue("receiveMode", self.mode_combo.currentData())
        settings.setValue("receiveEncoding", self.encoding_combo.currentData())
        settings.setValue("framing", self.framing_combo.currentData())
        settings.setValue("timestamps", self.timestamps_check.isChecked())
        settings.setValue("showControls", self.show_controls_check.isChecked())
        settings.setValue("hexAscii", self.hex_ascii_check.isChecked())
        settings.setValue("timestampDate", self.timestamp_date_check.isChecked())
        settings.setValue("showSent", self.show_sent_check.isChecked())
        settings.setValue("delimiter", self.delimiter_edit.text())
        settings.setValue("gapMs", self.gap_spin.value())
        settings.setValue("logBudgetMb", self.budget_spin.value())
