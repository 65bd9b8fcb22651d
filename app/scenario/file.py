"""Reading a scenario file (TOML, UI-CONTRACT.md "Scenario file") into steps.

::

    encoding = "utf-8"          # optional, applies to text
    [[step]]
    send = "hello\\n"            # or send_hex = "01 03 00 00 00 0A"
    checksum = "crc16-modbus"   # optional, with send / send_hex
    [[step]]
    expect = "Hello"            # or expect_hex = "01 03" / expect_regex = "T=\\\\d+"
    timeout = 2.0               # seconds, default 5
    [[step]]
    wait = 0.5                  # seconds

Everything is checked before anything is sent: a file that is not valid raises
:class:`ScenarioError` naming the step (1-based) and the key.
"""

from __future__ import annotations

import codecs
import math
import pathlib
import re
import tomllib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.input_errors import InputError
from app.send.checksums import CHECKSUM_IDS, checksum_bytes
from app.send.hex_input import parse_hex

_CONTEXT = "Scenario"

#: How long an expect step waits when the file does not say.
DEFAULT_TIMEOUT = 5.0
#: The longest timeout or wait a step may ask for (an hour).
LONGEST = 3600.0
_ACTIONS = ("send", "send_hex", "expect", "expect_hex", "expect_regex", "wait")
_STEP_KEYS = frozenset((*_ACTIONS, "checksum", "timeout"))
_TOP_KEYS = frozenset(("encoding", "step"))


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ScenarioError(ValueError):
    """A scenario file that cannot be run; ``str(exc)`` says where and why, translated.

    ``step`` is the step's number (1-based) or None for the file as a whole; ``key`` the key
    at fault or None.
    """

    def __init__(self, message: str, step: int | None = None, key: str | None = None) -> None:
        if step is not None and key is not None:
            where = _tr("Step {step}, key “{key}”: ").format(step=step, key=key)
        elif step is not None:
            where = _tr("Step {step}: ").format(step=step)
        elif key is not None:
            where = _tr("Key “{key}”: ").format(key=key)
        else:
            where = ""
        super().__init__(where + message)
        self.step = step
        self.key = key


@dataclass(frozen=True)
class SendStep:
    """Send ``data`` (checksum already appended)."""

    data: bytes


@dataclass(frozen=True)
class ExpectStep:
    """Wait up to ``timeout`` s until what arrived since the previous expect step contains
    ``needle`` (``kind`` ``"text"`` or ``"hex"``) or a match of ``pattern`` (``"regex"``,
    searched in the bytes decoded with the scenario's encoding). ``source`` is the value as
    written in the file."""

    kind: str
    source: str
    timeout: float
    needle: bytes = b""
    pattern: re.Pattern[str] | None = None


@dataclass(frozen=True)
class WaitStep:
    """Pause for ``seconds``."""

    seconds: float


Step = SendStep | ExpectStep | WaitStep


@dataclass(frozen=True)
class Scenario:
    """A parsed scenario: the text encoding and the steps in order."""

    encoding: str
    steps: tuple[Step, ...]


def load_scenario(path: pathlib.Path) -> Scenario:
    """Read and check the scenario file ``path``; raises :class:`ScenarioError` (also for a
    file that cannot be read, with the OS's reason)."""
    try:
        data = pathlib.Path(path).read_bytes()
    except OSError as exc:
        raise ScenarioError(_tr("Cannot read “{path}”: {reason}.").format(
            path=path, reason=(exc.strerror or str(exc)).rstrip("."))) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(_tr("“{path}” is not UTF-8 text.").format(path=path)) from None
    return parse_scenario(text)


def parse_scenario(text: str) -> Scenario:
    """The scenario in ``text`` (TOML); raises :class:`ScenarioError`."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(_tr("This is not valid TOML: {reason}.").format(
            reason=str(exc).rstrip("."))) from None
    for key in document:
        if key not in _TOP_KEYS:
            raise ScenarioError(_tr("Unknown key; a scenario has “encoding” and [[step]] "
                                    "tables."), key=key)
    encoding = document.get("encoding", "utf-8")
    if not isinstance(encoding, str) or not _known_codec(encoding):
        raise ScenarioError(_tr("“{value}” is not a known text encoding (e.g. utf-8, gbk)."
                                ).format(value=encoding), key="encoding")
    raw_steps = document.get("step", [])
    if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        raise ScenarioError(_tr("Write the steps as [[step]] tables."), key="step")
    if not raw_steps:
        raise ScenarioError(_tr("The scenario has no steps: add [[step]] tables."))
    steps = tuple(_parse_step(number, raw, encoding)
                  for number, raw in enumerate(raw_steps, start=1))
    return Scenario(encoding, steps)


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _parse_step(number: int, raw: dict[str, object], encoding: str) -> Step:
    for key in raw:
        if key not in _STEP_KEYS:
            raise ScenarioError(_tr("Unknown key; a step has one of send, send_hex, expect, "
                                    "expect_hex, expect_regex, wait."), number, key)
    actions = [key for key in _ACTIONS if key in raw]
    if len(actions) != 1:
        raise ScenarioError(_tr("A step does exactly one thing: give one of send, send_hex, "
                                "expect, expect_hex, expect_regex, wait (found {found})."
                                ).format(found=", ".join(actions) or "-"), number)
    action = actions[0]
    if "checksum" in raw and action not in ("send", "send_hex"):
        raise ScenarioError(_tr("Only a send step can have a checksum."), number, "checksum")
    if "timeout" in raw and not action.startswith("expect"):
        raise ScenarioError(_tr("Only an expect step can have a timeout."), number, "timeout")
    value = raw[action]
    if action == "wait":
        return WaitStep(_seconds(number, "wait", value, allow_zero=True))
    if not isinstance(value, str):
        raise ScenarioError(_tr("Write the value as a string in quotes."), number, action)
    if action in ("send", "send_hex"):
        data = _hex(number, action, value) if action == "send_hex" else \
            _encode(number, action, value, encoding)
        kind = raw.get("checksum", "none")
        if not isinstance(kind, str) or kind not in CHECKSUM_IDS:
            raise ScenarioError(_tr("Unknown checksum; use one of {ids}.").format(
                ids=", ".join(CHECKSUM_IDS)), number, "checksum")
        if not data:
            raise ScenarioError(_tr("There is nothing to send."), number, action)
        return SendStep(data + checksum_bytes(kind, data))
    timeout = _seconds(number, "timeout", raw.get("timeout", DEFAULT_TIMEOUT))
    if action == "expect_regex":
        try:
            pattern = re.compile(value)
        except re.error as exc:
            raise ScenarioError(_tr("Not a valid regular expression: {reason}.").format(
                reason=exc), number, action) from None
        return ExpectStep("regex", value, timeout, pattern=pattern)
    needle = _hex(number, action, value) if action == "expect_hex" else \
        _encode(number, action, value, encoding)
    if not needle:
        raise ScenarioError(_tr("There is nothing to expect."), number, action)
    return ExpectStep("hex" if action == "expect_hex" else "text", value, timeout, needle)


def _seconds(number: int, key: str, value: object, allow_zero: bool = False) -> float:
    ok = (isinstance(value, int | float) and not isinstance(value, bool)
          and math.isfinite(value) and (value >= 0 if allow_zero else value > 0)
          and value <= LONGEST)
    if not ok:
        raise ScenarioError(_tr("Give a number of seconds above 0, at most {most:g}.").format(
            most=LONGEST), number, key)
    return float(value)  # type: ignore[arg-type]


def _hex(number: int, key: str, value: str) -> bytes:
    try:
        return parse_hex(value)
    except InputError as exc:
        raise ScenarioError(str(exc), number, key) from None


def _encode(number: int, key: str, value: str, encoding: str) -> bytes:
    try:
        return value.encode(encoding)
    except UnicodeEncodeError as exc:
        raise ScenarioError(_tr("“{char}” cannot be encoded in {encoding}.").format(
            char=value[exc.start:exc.end], encoding=encoding), number, key) from None
