"""A JSON document kept as one QSettings value, read tolerantly.

Send history and quick commands each store a JSON document under one key. A damaged settings file
(hand-edited, truncated, written by another version) must never stop the app, so reading gives
``None`` for anything that is not readable JSON (including too long, too deeply nested or
numbers too long for Python) instead of raising; the caller then checks the
shape it expects and skips entries it cannot use.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T")


#: The longest stored JSON text read, in characters. A hundred history entries or a class's
#: quick commands are far below it; past it the value is damage, and parsing it would only
#: slow the start.
MAX_SETTING_CHARS = 16 * 1024 * 1024


def loads_or_none(text: str) -> Any:
    """``json.loads(text)``, or ``None`` for anything that is not valid JSON to us.

    Besides malformed text that covers what the ``json`` module raises for hostile input:
    ``RecursionError`` for deep nesting (``[[[[…]]]]``) and ``ValueError`` for integers of
    more than 4,300 digits.
    """
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def read_json_setting(settings: QSettings, key: str) -> Any:
    """The JSON value stored under ``key``; ``None`` when missing, empty, not text, longer than
    :data:`MAX_SETTING_CHARS` or not valid JSON (see :func:`loads_or_none`)."""
    raw = settings.value(key)
    if not isinstance(raw, str) or not raw or len(raw) > MAX_SETTING_CHARS:
        return None
    return loads_or_none(raw)


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
