"""Tests for app.send.history: persisted send history and Up/Down navigation."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

from app.send.history import (
    MAX_RUN_ONLY,
    MAX_SAVED_TEXT,
    MAX_SAVED_TOTAL,
    HistoryCursor,
    SendHistory,
)
from app.send.payload import SendSpec


def _settings(path: Path) -> QSettings:
    return QSettings(str(path / "s.ini"), QSettings.Format.IniFormat)


def test_empty(tmp_path: Path) -> None:
    assert SendHistory(_settings(tmp_path)).entries() == []


def test_most_recent_first_and_persisted(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    history = SendHistory(settings)
    a = SendSpec("AT", line_ending="crlf")
    b = SendSpec("01 03, 00", mode="hex", checksum="crc16-modbus")
    c = SendSpec("你好，世界", encoding="gbk", escapes=True)
    for spec in (a, b, c):
        history.add(spec)
    assert history.entries() == [c, b, a]
    settings.sync()
    del settings, history

    reopened = SendHistory(_settings(tmp_path))
    assert reopened.entries() == [c, b, a]


def test_add_existing_moves_to_front(tmp_path: Path) -> None:
    history = SendHistory(_settings(tmp_path))
    a, b, c = SendSpec("a"), SendSpec("b"), SendSpec("c")
    for spec in (a, b, c, a):
        history.add(spec)
    assert history.entries() == [a, c, b]


def test_same_text_other_settings_is_a_different_entry(tmp_path: Path) -> None:
    history = SendHistory(_settings(tmp_path))
    history.add(SendSpec("AT"))
    history.add(SendSpec("AT", line_ending="crlf"))
    assert history.entries() == [SendSpec("AT", line_ending="crlf"), SendSpec("AT")]


def test_limit(tmp_path: Path) -> None:
    history = SendHistory(_settings(tmp_path), limit=3)
    for i in range(5):
        history.add(SendSpec(str(i)))
    assert [s.text for s in history.entries()] == ["4", "3", "2"]


def test_default_limit_is_100(tmp_path: Path) -> None:
    history = SendHistory(_settings(tmp_path))
    for i in range(105):
        history.add(SendSpec(str(i)))
    entries = history.entries()
    assert len(entries) == 100
    assert entries[0].text == "104" and entries[-1].text == "5"


def test_clear(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    history = SendHistory(settings)
    history.add(SendSpec("a"))
    history.clear()
    assert history.entries() == []
    settings.sync()
    assert SendHistory(_settings(tmp_path)).entries() == []


def test_two_instances_share_one_store(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first, second = SendHistory(settings), SendHistory(settings)
    first.add(SendSpec("a"))
    second.add(SendSpec("b"))
    assert first.entries() == [SendSpec("b"), SendSpec("a")]


def test_custom_key(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    SendHistory(settings, key="other/h").add(SendSpec("a"))
    assert SendHistory(settings).entries() == []
    assert SendHistory(settings, key="other/h").entries() == [SendSpec("a")]


def test_corrupt_values_are_ignored(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    for bad in ("{not json", "42", '{"a": 1}', "", '"text"'):
        settings.setValue("send/history", bad)
        assert SendHistory(settings).entries() == []
    settings.setValue("send/history", 17)
    assert SendHistory(settings).entries() == []


def test_corrupt_entries_are_skipped_and_add_still_works(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    good = SendSpec("ok")
    settings.setValue(
        "send/history", json.dumps([{"text": 5}, good.to_dict(), "x", {"text": "y", "mode": "z"}])
    )
    history = SendHistory(settings)
    assert history.entries() == [good]
    history.add(SendSpec("new"))
    assert history.entries() == [SendSpec("new"), good]


def test_corrupt_file_on_disk(tmp_path: Path) -> None:
    (tmp_path / "s.ini").write_text('[send]\nhistory=[{"text\n', encoding="utf-8")
    assert SendHistory(_settings(tmp_path)).entries() == []


def test_cursor_navigation_keeps_draft() -> None:
    cursor = HistoryCursor(["c", "b", "a"])
    assert cursor.newer() is None
    assert cursor.older("draft") == "c"
    assert cursor.index == 0
    assert cursor.older("c (ignored)") == "b"
    assert cursor.older("b") == "a"
    assert cursor.older("a") is None
    assert cursor.index == 2
    assert cursor.newer() == "b"
    assert cursor.newer() == "c"
    assert cursor.newer() == "draft"
    assert cursor.index == -1
    assert cursor.newer() is None


def test_cursor_reset_and_new_draft() -> None:
    cursor = HistoryCursor(["b", "a"])
    assert cursor.older("one") == "b"
    cursor.reset()
    assert cursor.index == -1
    assert cursor.older("two") == "b"
    assert cursor.newer() == "two"


def test_cursor_empty_history() -> None:
    cursor = HistoryCursor([])
    assert cursor.older("draft") is None
    assert cursor.newer() is None


def test_cursor_copies_its_list() -> None:
    texts = ["a"]
    cursor = HistoryCursor(texts)
    texts.insert(0, "z")
    assert cursor.older("") == "a"


def test_large_entries_are_kept_for_the_run_only(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    history = SendHistory(settings)
    small_a, small_b = SendSpec("a"), SendSpec("b")
    big = SendSpec("01 " * (MAX_SAVED_TEXT // 3 + 1), mode="hex")
    assert len(big.text) > MAX_SAVED_TEXT
    assert history.add(small_a) is True
    assert history.add(big) is False
    assert history.entries() == [big, small_a]
    assert history.add(small_b) is True
    assert history.entries() == [small_b, big, small_a]
    # Sending a again moves it to the front; big stays between b and what is older.
    history.add(small_a)
    assert history.entries() == [small_a, small_b, big]
    history.add(small_b)
    assert history.entries() == [small_b, small_a, big]
    settings.sync()
    size = (tmp_path / "s.ini").stat().st_size
    assert size < 1000  # the big entry is not in the file
    del settings, history
    assert SendHistory(_settings(tmp_path)).entries() == [small_b, small_a]


def test_ten_mebibyte_sends_leave_the_settings_small(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    history = SendHistory(settings)
    for i in range(10):
        history.add(SendSpec(f"{i:02X} " * (1 << 20), mode="hex"))
    history.add(SendSpec("AT"))
    assert len(history.entries()) == MAX_RUN_ONLY + 1
    assert history.entries()[0] == SendSpec("AT")
    settings.sync()
    assert (tmp_path / "s.ini").stat().st_size < 1000


def test_saved_texts_together_stay_under_the_budget(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    history = SendHistory(settings)
    entries = [SendSpec(chr(ord("a") + i) * MAX_SAVED_TEXT) for i in range(12)]
    for spec in entries:
        history.add(spec)
    kept = history.entries()
    assert sum(len(s.text) for s in kept) <= MAX_SAVED_TOTAL
    assert kept == entries[::-1][: len(kept)]  # the newest survive
    assert len(kept) == MAX_SAVED_TOTAL // MAX_SAVED_TEXT
