"""Rules files: JSON, UTF-8, ``{"rules": [ {...}, ... ]}``; read, checked, written back.

Each rule has ``how`` (see :data:`app.autoreply.rules.HOW`), ``match`` (text; hex bytes for
``hex``; a Python regular expression for ``regex``; absent for ``any``), and optionally
``reply`` (text with escapes ``\\r \\n \\t \\\\ \\0 \\xNN`` and placeholders ``{text}``,
``{peer}``, ``{n}``; another name in braces is an error, ``{{n}}`` sends ``{n}``: see
:mod:`app.autoreply.template`) or ``reply_hex`` (hex bytes), ``checksum`` (a checksum id of
the send panel, appended to the reply), ``delay_ms`` (0 to 60000) and ``close`` (true: close the
connection after the reply). Anything else is an error: a typo must not pass unnoticed.

Every problem raises :class:`RulesFileError`, whose message names the rule (counted from 1)
and the field, in the user's language.
"""

from __future__ import annotations

import json
import pathlib
import re

from PySide6.QtCore import QCoreApplication

from app.autoreply.rules import HOW, PLACEHOLDERS, Rule
from app.autoreply.template import PlaceholderError, Template, parse_template
from app.input_errors import EncodeInputError, EscapeError
from app.send.checksums import checksum_bytes
from app.send.escapes import encode_text
from app.send.hex_input import parse_hex

_CONTEXT = "AutoReplyRules"
#: Fields a rule may have, in the order they are written back.
FIELDS: tuple[str, ...] = ("how", "match", "reply", "reply_hex", "checksum", "delay_ms", "close")
#: Longest wait before a reply, in milliseconds (a minute: more is a typo).
MAX_DELAY_MS = 60_000
#: Largest rules file read, in bytes (rules are read in the GUI thread: keep it small).
MAX_FILE_BYTES = 1024 * 1024


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class RulesFileError(ValueError):
    """A rules file that cannot be used; the message says which rule and field."""


def _field_error(index: int, name: str, problem: str) -> RulesFileError:
    return RulesFileError(_tr("Rule {number}, field “{field}”: {problem}").format(
        number=index + 1, field=name, problem=problem))


def _text_field(index: int, raw: dict[str, object], name: str) -> str | None:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _field_error(index, name, _tr("must be text in quotes"))
    return value


def parse_rule(index: int, raw: object) -> Rule:
    """Check one rule as read from JSON; ``index`` counts from 0 (messages count from 1)."""
    if not isinstance(raw, dict):
        raise RulesFileError(_tr("Rule {number} must be an object {{…}}.").format(
            number=index + 1))
    for name in raw:
        if name not in FIELDS:
            raise _field_error(index, str(name), _tr("unknown field; known fields: {fields}")
                               .format(fields=", ".join(FIELDS)))
    how = raw.get("how")
    if how not in HOW:
        raise _field_error(index, "how", _tr("must be one of {choices}").format(
            choices=", ".join(HOW)))
    match_text = _text_field(index, raw, "match")
    match = b""
    pattern = None
    if how == "any":
        if match_text:
            raise _field_error(index, "match", _tr("an “any” rule matches everything; "
                                                   "leave “match” out"))
    elif not match_text:
        raise _field_error(index, "match", _tr("needs the text to match"))
    elif how == "hex":
        try:
            match = parse_hex(match_text)
        except ValueError as exc:
            raise _field_error(index, "match", str(exc)) from None
    elif how == "regex":
        try:
            pattern = re.compile(match_text)
        except (re.error, RecursionError, OverflowError) as exc:
            raise _field_error(index, "match", _tr("not a valid regular expression: {reason}")
                               .format(reason=exc)) from None
    else:
        match = match_text.encode("utf-8")
    reply_text = _text_field(index, raw, "reply")
    reply_hex = _text_field(index, raw, "reply_hex")
    if reply_text is not None and reply_hex is not None:
        raise _field_error(index, "reply_hex", _tr("give “reply” or “reply_hex”, not both"))
    reply: bytes | None = None
    template: Template | None = None
    if reply_text is not None:
        try:
            reply = encode_text(reply_text, "utf-8", escapes=True)
            template = parse_template(reply, PLACEHOLDERS)
        except (EscapeError, EncodeInputError, PlaceholderError) as exc:
            raise _field_error(index, "reply", str(exc)) from None
    elif reply_hex is not None:
        try:
            reply = parse_hex(reply_hex)
        except ValueError as exc:
            raise _field_error(index, "reply_hex", str(exc)) from None
    checksum = _text_field(index, raw, "checksum") or "none"
    try:
        checksum_bytes(checksum, b"")
    except ValueError:
        raise _field_error(index, "checksum", _tr(
            "unknown checksum; use none, xor, sum8, crc8, crc16-modbus, crc16-ccitt-false "
            "or crc32")) from None
    delay_ms = raw.get("delay_ms", 0)
    if isinstance(delay_ms, bool) or not isinstance(delay_ms, (int, float)) \
            or not 0 <= delay_ms <= MAX_DELAY_MS:
        raise _field_error(index, "delay_ms", _tr("must be a number of milliseconds from 0 to "
                                                  "{most}").format(most=MAX_DELAY_MS))
    close = raw.get("close", False)
    if not isinstance(close, bool):
        raise _field_error(index, "close", _tr("must be true or false"))
    if reply is None and not close:
        raise _field_error(index, "reply", _tr("the rule needs “reply”, “reply_hex” or "
                                               "“close”: true"))
    return Rule(how=str(how), match=match, pattern=pattern, reply=reply, template=template,
                fixed=reply_hex is not None, checksum=checksum, delay=delay_ms / 1000,
                close=close, source={k: raw[k] for k in FIELDS if k in raw})


def parse_rules(text: str) -> tuple[Rule, ...]:
    """Check a rules file's text; the rules in order. Raises :class:`RulesFileError`."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RulesFileError(_tr("Not valid JSON (line {line}, column {column}): {reason}")
                             .format(line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    except (ValueError, RecursionError) as exc:  # a 5000-digit number, [[[[…]]]] nested deep
        raise RulesFileError(_tr("Not valid JSON: {reason}").format(reason=exc)) from None
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise RulesFileError(_tr("A rules file is an object with a list “rules”: "
                                 "{\"rules\": [ … ]}."))
    return tuple(parse_rule(i, raw) for i, raw in enumerate(document["rules"]))


def load_rules_file(path: str | pathlib.Path) -> tuple[Rule, ...]:
    """Read and check a rules file. Raises :class:`RulesFileError` (also for I/O errors)."""
    path = pathlib.Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RulesFileError(_tr("Cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise RulesFileError(_tr("{path} is too large for a rules file.").format(path=path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulesFileError(_tr("{path} is not UTF-8 text.").format(path=path)) from None
    return parse_rules(text)


def dump_rules(rules: tuple[Rule, ...]) -> str:
    """The rules as a rules file (JSON, one rule a line), as they were written."""
    lines = [json.dumps(rule.source, ensure_ascii=False) for rule in rules]
    if not lines:
        return '{"rules": []}\n'
    return '{"rules": [\n  ' + ",\n  ".join(lines) + "\n]}\n"


def describe_rule(rule: Rule) -> str:
    """One line for the list of rules in force, e.g. ``exact “exit” → close``."""
    source = rule.source
    head = str(rule.how)
    if "match" in source:
        head += f" “{source['match']}”"
    parts = []
    if "reply" in source:
        parts.append(f"“{source['reply']}”")
    elif "reply_hex" in source:
        parts.append(f"hex {source['reply_hex']}")
    if rule.checksum != "none":
        parts.append(f"+{rule.checksum}")
    if rule.delay:
        parts.append(_tr("after {ms} ms").format(ms=f"{rule.delay * 1000:g}"))
    if rule.close:
        parts.append(_tr("then close"))
    return f"{head} → {' '.join(parts)}"
