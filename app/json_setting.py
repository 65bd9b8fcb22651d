"""A JSON document kept as one QSettings value, read tolerantly.

Send history and quick commands each store a JSON document under one key. A damaged settings file
(hand-edited, truncated, written by another version) must never stop the app, so reading gives
``None`` for anything that is not readable JSON instead of raising; the caller then checks the
shape it expects and skips entries it cannot use.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T")


def read_json_setting(settings: QSettings, key: str) -> Any:
    """The JSON value stored under ``key``; ``None`` when missing, empty, not text or not JSON."""
    raw = settings.value(key)
    if not isinstance(raw, str) or not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def write_json_setting(settings: QSettings, key: str, value: Any) -> None:
    """Store ``value`` (JSON-ready) under ``key``; non-ASCII is kept so Chinese stays readable."""
    settings.setValue(key, json.dumps(value, ensure_ascii=False))


def parse_valid(items: Iterable[Any], parse: Callable[[Any], T]) -> list[T]:
    """``parse(item)`` for each item it accepts; items it rejects (``ValueError``) are skipped."""
    parsed: list[T] = []
    for item in items:
        try:
            parsed.append(parse(item))
        except ValueError:
            continue
    return parsed
