"""One auto-reply rule: how a message is matched and what is sent back.

A *message* is what the session's framing makes a log entry (a read by default, a line in
line framing). Matching works on the message without its line ending (``\\r\\n``, ``\\n`` or
``\\r``), except ``hex``, which looks at the message's first bytes as received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.autoreply.template import Template
from app.send.checksums import checksum_bytes

#: The ways a rule can match, in the order the rules file documentation lists them.
HOW: tuple[str, ...] = ("exact", "prefix", "contains", "regex", "hex", "any")
#: The placeholders a ``reply`` may hold (:mod:`app.autoreply.template`).
PLACEHOLDERS: tuple[str, ...] = ("text", "peer", "n")


def strip_line_ending(message: bytes) -> bytes:
    """``message`` without one trailing ``\\r\\n``, ``\\n`` or ``\\r``."""
    if message.endswith(b"\r\n"):
        return message[:-2]
    if message.endswith((b"\n", b"\r")):
        return message[:-1]
    return message


def message_text(message: bytes) -> str:
    """The message as ``{text}`` and ``regex`` see it: UTF-8, invalid bytes as ``\\xNN``,
    line ending removed."""
    return strip_line_ending(message).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Rule:
    """A checked rule (build them with :func:`app.autoreply.rules_file.parse_rules`).

    ``match`` is the bytes to compare (UTF-8 text, or the bytes of a ``hex`` rule);
    ``pattern`` the compiled ``regex``. ``reply`` is the reply template as bytes (escapes
    decoded, placeholders ``{text}``, ``{peer}``, ``{n}`` still in it) or None for no reply;
    ``template`` is ``reply`` split at its placeholders (None: sent as it is); ``fixed`` is
    True for ``reply_hex`` (no placeholders). ``checksum`` is a checksum id of
    the send panel (``"none"``: nothing appended). ``delay`` is in seconds. ``source`` is the
    rule as written in the file, kept for export and display.
    """

    how: str
    match: bytes = b""
    pattern: re.Pattern[str] | None = None
    reply: bytes | None = None
    template: Template | None = None
    fixed: bool = False
    checksum: str = "none"
    delay: float = 0.0
    close: bool = False
    source: dict[str, object] = field(default_factory=dict, compare=False)

    def matches(self, message: bytes) -> bool:
        """True when this rule answers ``message`` (raw bytes of one framed entry)."""
        how = self.how
        if how == "any":
            return True
        if how == "hex":
            return message.startswith(self.match)
        body = strip_line_ending(message)
        if how == "exact":
            return body == self.match
        if how == "prefix":
            return body.startswith(self.match)
        if how == "contains":
            return self.match in body
        assert self.pattern is not None  # how == "regex"
        return self.pattern.search(message_text(message)) is not None

    def make_reply(self, message: bytes, peer: str, n: int) -> bytes:
        """The bytes to send for ``message`` from ``peer``, the ``n``-th message of its
        connection; ``b""`` when the rule only closes."""
        if self.reply is None:
            return b""
        data = self.reply
        if not self.fixed and self.template is not None:
            # One pass: a message holding "{peer}" is sent back as it came.
            data = self.template.fill({
                "text": lambda: message_text(message).encode("utf-8"),
                "peer": lambda: peer.encode("utf-8"),
                "n": lambda: str(n).encode("ascii"),
            })
        return data + checksum_bytes(self.checksum, data)


def first_match(rules: tuple[Rule, ...], message: bytes) -> Rule | None:
    """The first rule of ``rules`` that matches ``message``, or None."""
    for rule in rules:
        if rule.matches(message):
            return rule
    return None
