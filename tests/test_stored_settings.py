"""A damaged settings file never stops the app: every stored value is checked, with a fallback.

The explicit examples are the cases a fault-injection pass found stopping the app at start;
the property test writes garbage for every key the window reads (found by watching it read)
into the INI file and builds and closes the window.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QSettings, QStandardPaths
from PySide6.QtWidgets import QSpinBox, QWidget

from app.json_setting import read_json_setting
from app.send.history import SendHistory
from app.send.payload import SendSpec
from app.send.quick_commands import QuickCommand, QuickCommandStore
from tests.ui_helpers import child
from ui.i18n import SETTINGS_KEY, chosen_language
from ui.widgets import as_int, default_dir, load_spin, restore_geometry

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 5000
PAGES = ("tcpServerSession", "tcpClientSession")


def _settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def _stored(tmp_path: Path, values: dict[str, object]) -> QSettings:
    """A settings file holding ``values``, written and read back as from disk."""
    path = tmp_path / "settings.ini"
    writer = _settings(path)
    for key, value in values.items():
        writer.setValue(key, value)
    writer.sync()
    return _settings(path)


def _build_and_close(qtbot, settings: QSettings):
    from ui.main_window import MainWindow

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    return window


# -- the examples that stopped the app -------------------------------------------------------
@pytest.mark.parametrize("geometry", ["garbage", 5, ["a", "b"], "", QByteArray(b"\x01\x02")])
def test_damaged_geometry_is_ignored(qtbot, tmp_path, geometry):
    fresh = _build_and_close(qtbot, _stored(tmp_path / "fresh", {}))
    default = fresh.size()
    fresh.close()
    window = _build_and_close(qtbot, _stored(tmp_path, {"ui/geometry": geometry}))
    assert window.size() == default
    window.close()


def test_saved_geometry_still_comes_back(qtbot, tmp_path):
    window = _build_and_close(qtbot, _stored(tmp_path, {}))
    window.close()  # saves its geometry
    stored = _settings(tmp_path / "settings.ini").value("ui/geometry")
    assert isinstance(stored, QByteArray) and stored.size() > 0
    again = QWidget()
    qtbot.addWidget(again)
    assert restore_geometry(again, stored) is True
    assert restore_geometry(again, bytes(stored.data())) is True


def test_restore_geometry_refuses_what_is_not_geometry(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    for value in ("garbage", 5, None, ["x"], b"\x00" * 10):
        assert restore_geometry(widget, value) is False


@pytest.mark.parametrize(
    "key, stored, expected",
    [
        ("logBudgetMb", "1000000000000", 4096),  # beyond 32 bits: QSpinBox.setValue raised
        ("logBudgetMb", HUGE, 64),  # beyond Python's 4,300 digits: not a number, default
        ("logBudgetMb", "-7", 1),
        ("logBudgetMb", "4096", 4096),  # 4 GiB overflowed the budget signal: segfault
        ("logBudgetMb", "2048", 2048),
        ("gapMs", "99999999999999999999", 10000),
        ("gapMs", "1e400", 20),
        ("gapMs", "nan", 20),
        ("repeatMs", "99999999999", 3_600_000),
        ("repeatMs", "0", 1),
        ("repeatCount", HUGE, 0),
        ("repeatCount", "-1", 0),
        ("repeatCount", "250", 250),
    ],
)
def test_stored_spin_values_are_clamped_or_dropped(qtbot, tmp_path, key, stored, expected):
    name = {"logBudgetMb": "logBudgetSpin", "gapMs": "idleGapSpin",
            "repeatMs": "repeatIntervalSpin", "repeatCount": "repeatCountSpin"}[key]
    values = {f"{page}/{key}": stored for page in PAGES}
    window = _build_and_close(qtbot, _stored(tmp_path, values))
    for page_name in PAGES:
        page = window.findChild(QWidget, page_name)
        assert child(page, name).value() == expected
    if key == "logBudgetMb":
        page = window.findChild(QWidget, PAGES[0])
        assert page.session.log.budget_bytes == expected * 1024 * 1024
    window.close()


def test_load_spin_clamps_to_the_range(qtbot):
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(5, 10)
    spin.setValue(7)
    for value, expected in ((2**40, 10), (-(2**40), 5), ("8", 8), ("x", 8), (None, 8),
                            (float("inf"), 8), (["1"], 8), (HUGE, 8), (9.7, 9)):
        load_spin(spin, value)
        assert spin.value() == expected, value


@pytest.mark.parametrize("value", [float("inf"), float("nan"), "1" * 50, HUGE, object(), "x"])
def test_as_int_never_raises(value):
    assert as_int(value, 42) == 42


@pytest.mark.parametrize("stored", [HUGE, "1000000", "-5", "0", "abc", "2.5"])
def test_log_point_size_out_of_range_keeps_the_default(qtbot, tmp_path, stored):
    fresh = _build_and_close(qtbot, _stored(tmp_path / "fresh", {}))
    default = fresh.findChild(QWidget, PAGES[0]).log_view.font().pointSize()
    fresh.close()
    window = _build_and_close(qtbot, _stored(tmp_path, {"ui/logPointSize": stored}))
    assert window.findChild(QWidget, PAGES[0]).log_view.font().pointSize() == default
    window.close()


def test_log_point_size_in_range_is_taken(qtbot, tmp_path):
    window = _build_and_close(qtbot, _stored(tmp_path, {"ui/logPointSize": "20"}))
    assert window.findChild(QWidget, PAGES[0]).log_view.font().pointSize() == 20
    window.close()


@pytest.mark.parametrize("key", ["send/history", "send/quickCommands"])
@pytest.mark.parametrize("stored", [DEEP, "[" + HUGE + "]", '{"commands": [' + HUGE + "]}",
                                    "[1, 2", "garbage"])
def test_damaged_json_settings_read_as_empty(qtbot, tmp_path, key, stored):
    settings = _stored(tmp_path, {key: stored})
    assert read_json_setting(settings, key) is None
    assert SendHistory(settings, key).entries() == []
    assert QuickCommandStore(settings, key).load() == []
    window = _build_and_close(qtbot, settings)
    page = window.findChild(QWidget, PAGES[1])
    assert child(page, "historyCombo").count() == 0
    assert child(page, "quickCommandList").model().rowCount() == 0
    window.close()


def test_json_settings_longer_than_the_limit_are_not_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr("app.json_setting.MAX_SETTING_CHARS", 100)
    text = json.dumps([SendSpec("x" * 40).to_dict()])
    assert 100 < len(text) < 200
    assert read_json_setting(_stored(tmp_path, {"k": text}), "k") is None
    monkeypatch.setattr("app.json_setting.MAX_SETTING_CHARS", 200)
    assert read_json_setting(_stored(tmp_path, {"k": text}), "k") == json.loads(text)


def test_good_entries_beside_bad_ones_survive(tmp_path):
    good = SendSpec("AT", line_ending="crlf").to_dict()
    settings = _stored(tmp_path, {
        "send/history": json.dumps([good, [[[[1]]]], {"text": 5}, "x"]),
        "send/quickCommands": json.dumps({"commands": [
            {"name": "AT", **good}, {"name": "deep", "text": [[[]]]}, 7]}),
    })
    assert SendHistory(settings).entries() == [SendSpec("AT", line_ending="crlf")]
    assert QuickCommandStore(settings).load() == [
        QuickCommand("AT", SendSpec("AT", line_ending="crlf"))]


def test_last_dir_falls_back_to_documents(tmp_path):
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for stored in (["a", "b"], str(tmp_path / "gone"), "x" * 100_000, "a\0b", 5, ""):
        settings = _stored(tmp_path, {"ui/lastDir": stored})
        assert default_dir(settings) == documents, stored
    assert default_dir(_stored(tmp_path, {"ui/lastDir": str(tmp_path)})) == str(tmp_path)


@pytest.mark.parametrize("stored", [["zh_CN"], "klingon", HUGE, 5, ""])
def test_damaged_language_falls_back(tmp_path, stored):
    assert chosen_language(_stored(tmp_path, {SETTINGS_KEY: stored})) in {"en", "zh_CN"}
    assert chosen_language(_stored(tmp_path, {SETTINGS_KEY: "zh_CN"})) == "zh_CN"


# -- every key the window reads, fuzzed ------------------------------------------------------
class _RecordingSettings(QSettings):
    """QSettings that notes every key read (with its group), to find what to fuzz."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.keys_read: set[str] = set()

    def value(self, key, *args, **kwargs):  # type: ignore[override]
        group = self.group()
        self.keys_read.add(f"{group}/{key}" if group else key)
        return super().value(key, *args, **kwargs)


def _keys_the_window_reads() -> list[str]:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    assert QApplication.instance() is not None
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "s.ini")
        # First a window saves every setting; some keys are read only when they exist.
        first = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat))
        first.close()
        first.deleteLater()
        settings = _RecordingSettings(path, QSettings.Format.IniFormat)
        window = MainWindow(settings=settings)
        window.close()
        window.deleteLater()
        keys = settings.keys_read | {"ui/lastDir"}
    return sorted(keys)


def _ini_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_JSON_NAMES = st.sampled_from(["format", "version", "commands", "name", "text", "mode",
                               "encoding", "escapes", "line_ending", "checksum"])
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10)
    | st.sampled_from(["hex", "text", "crlf", "crc16-modbus", "gbk", "nope",
                       "socketscope-quick-commands", "01 0G"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(_JSON_NAMES | st.text(max_size=5), inner, max_size=7),
    max_leaves=20,
)
#: Raw INI text after ``key=``: what a damaged or hand-edited file can hold.
_GARBAGE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.integers(-(2**70), 2**70).map(str),
    # Beyond 32 bits (QSpinBox.setValue raises) and beyond 64 bits.
    st.integers(2**31, 2**70).map(str),
    st.integers(-(2**70), -(2**31)).map(str),
    st.sampled_from([HUGE, "-" + HUGE, "1e400", "nan", "-inf", "0x10", "", "true", "false",
                     "@ByteArray(garbage)", "@Rect(1 2 3 4)", "@Point(-99999999 1)",
                     "@Size(99999999 99999999)", "@Variant(\\0\\0\\0\\x2\\0\\0\\0\\0\\x5)",
                     "@Variant(\\0\\0\\0\\x6\\x7f\\xf0\\0\\0\\0\\0\\0\\0)",
                     "@Variant(\\0\\0\\0\\x1\\0\\x1)", "a, b, c", _ini_quote(DEEP),
                     _ini_quote('{"commands": ' + "[" * 50_000)]),
    st.binary(max_size=64).map(lambda b: "@ByteArray(" + "".join(f"\\x{x:02x}" for x in b)
                               + ")"),
    _JSON_VALUES.map(lambda v: _ini_quote(json.dumps(v))),
)


def _write_ini(path: Path, values: dict[str, str]) -> None:
    groups: dict[str, list[str]] = {}
    for key, text in values.items():
        group, _, name = key.rpartition("/")
        groups.setdefault(group or "General", []).append(f"{name}={text}")
    path.write_text("".join(f"[{group}]\n" + "\n".join(lines) + "\n\n"
                            for group, lines in groups.items()), encoding="utf-8")


_KEYS: list[str] = []


def _keys() -> list[str]:
    if not _KEYS:
        _KEYS.extend(_keys_the_window_reads())
    return _KEYS


def test_the_fuzzed_keys_cover_the_known_ones(qapp):
    keys = set(_keys())
    for key in ("ui/geometry", "ui/logPointSize", "ui/language", "ui/lastDir", "send/history",
                "send/quickCommands", "tcpServerSession/logBudgetMb",
                "tcpClientSession/gapMs", "tcpServerSession/repeatMs",
                "tcpClientSession/repeatCount", "tcpServerSession/receiveEncoding",
                "tcpServerSession/port", "tcpClientSession/host", "tcpClientSession/timeout",
                "ui/pages"):
        assert key in keys


@pytest.mark.qt_log_level_fail("CRITICAL")  # Qt itself warns about an unreadable @Variant
@hypothesis_settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_settings_file_lets_the_window_start_and_close(qtbot, data):
    from ui.main_window import MainWindow

    # Every key gets garbage or is left out, in each example.
    drawn = data.draw(st.fixed_dictionaries({key: st.none() | _GARBAGE for key in _keys()}))
    values = {key: text for key, text in drawn.items() if text is not None}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.ini"
        _write_ini(path, values)
        window = MainWindow(settings=_settings(path))
        try:
            window.show()
            names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
            assert names[:2] == list(PAGES)
            for page_name in PAGES:
                page = window.findChild(QWidget, page_name)
                for spin in page.findChildren(QSpinBox):
                    assert spin.minimum() <= spin.value() <= spin.maximum()
            default_dir(window.settings)
        finally:
            window.close()
            window.deleteLater()
        # What the window saved on closing reads back cleanly.
        saved = _settings(path)
        assert isinstance(SendHistory(saved).entries(), list)
        assert isinstance(QuickCommandStore(saved).load(), list)
