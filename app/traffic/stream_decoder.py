"""Incremental, never-failing decoding of one byte stream (one connection, one direction) to text.

Rules the user sees in the log view:

* **Split characters.** A multibyte character split across two ``recv()`` calls comes out whole
  in the call that completes it (an incremental codec keeps the partial bytes).
* **Invalid bytes** show as ``\\xNN`` with upper-case hex (``b"ok\\xff"`` -> ``ok\\xFF``), never as
  U+FFFD and never dropped, so the user can still tell what arrived. A literal backslash sent by
  the peer is shown as is; hex view is the unambiguous view.
* **"auto"** means "UTF-8, else GBK": the stream is decoded as UTF-8 as long as it is valid UTF-8.
  At the first byte that is not, this stream switches to GBK for good (until :meth:`reset`).
  The bytes not yet shown are re-decoded as GBK, starting at the beginning of the run of
  non-ASCII bytes that holds the error, because a GBK character can pass as UTF-8 just before the
  byte where UTF-8 fails (GBK 一 is D2 BB, also valid UTF-8). Text already returned is never
  changed, so this repair only reaches back over bytes of the current call (and a partial
  character held from the previous one): the first characters of a GBK stream may depend on how
  it was split into reads; after the switch decoding is split-independent again. Peers send
  either UTF-8 or GBK and a GBK message is rarely valid UTF-8 as a whole, so one switch per
  stream is enough; a stream that is neither shows ``\\xNN`` escapes under GBK.
* **Control characters** are made visible, because raw C0 controls in a text widget are invisible
  or garbage (NUL even truncates lines in some widgets):

  - ``show_controls=False`` (the default, "what a terminal would show"): ``\\n``, ``\\r\\n`` and a
    lone ``\\r`` are all line breaks (devices that end lines with CR, AT modems, show one line
    per message), ``\\t`` stays a tab, every other C0 control and DEL show as ``\\xNN``
    (ESC as ``\\x1B``) and C1 controls (U+0080-U+009F) as ``\\u0085``-style escapes.
  - ``show_controls=True`` ("show me every byte"): ``\\r`` shows as the two characters ``\\r``,
    other controls as above, ``\\n`` stays a line break and ``\\t`` a tab.

  A CR at the end of one call followed by LF at the start of the next is still one line break:
  the decoder remembers the CR instead of holding it back, so nothing is delayed.

For any split of a byte stream into calls, the concatenated output equals the output of decoding
the whole stream in one call (the last call with ``final=True``); for "auto" see the caveat above.
"""

from __future__ import annotations

import codecs
import re

from PySide6.QtCore import QCoreApplication

#: Name of the codecs error handler that turns undecodable bytes into ``\xNN`` text.
HEX_ESCAPE_ERRORS = "socketscope-hexescape"

AUTO = "auto"

# Bytes that can never start or continue a character at the position where a decoder failed.
# Swallowing them in the same handler call turns binary data into one handler call per run
# instead of one Python call per byte (the handler is the slow path on a binary flood).
_ALWAYS_INVALID_AFTER_ERROR = {
    "utf-8": re.compile(rb"[\x80-\xc1\xf5-\xff]*"),
    "ascii": re.compile(rb"[\x80-\xff]*"),
}


_HEX_ESCAPES = tuple(f"\\x{b:02X}" for b in range(256))


def _hex_escape_handler(exc: UnicodeError) -> tuple[str, int]:
    """Codecs error handler: undecodable bytes become ``\\xNN`` text (upper-case hex)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    obj = exc.object
    end = exc.end
    extend = _ALWAYS_INVALID_AFTER_ERROR.get(exc.encoding.lower().replace("_", "-"))
    if extend is not None:
        match = extend.match(obj, end)
        if match is not None:
            end = match.end()
    return "".join([_HEX_ESCAPES[b] for b in obj[exc.start : end]]), end


codecs.register_error(HEX_ESCAPE_ERRORS, _hex_escape_handler)


def encoding_choices() -> list[tuple[str, str]]:
    """The receive encodings offered to the user as ``(codec id, translated label)``.

    Call it after the translator is installed; :data:`ENCODINGS` is the same list translated at
    import time.
    """
    return [
        (AUTO, QCoreApplication.translate("StreamDecoder", "Auto (UTF-8, else GBK)")),
        ("utf-8", QCoreApplication.translate("StreamDecoder", "UTF-8")),
        ("gbk", QCoreApplication.translate("StreamDecoder", "GBK")),
        ("gb18030", QCoreApplication.translate("StreamDecoder", "GB18030")),
        ("big5", QCoreApplication.translate("StreamDecoder", "Big5")),
        ("shift_jis", QCoreApplication.translate("StreamDecoder", "Shift_JIS")),
        ("latin-1", QCoreApplication.translate("StreamDecoder", "Latin-1 (ISO-8859-1)")),
        ("ascii", QCoreApplication.translate("StreamDecoder", "ASCII")),
        ("utf-16-le", QCoreApplication.translate("StreamDecoder", "UTF-16 LE")),
        ("utf-16-be", QCoreApplication.translate("StreamDecoder", "UTF-16 BE")),
    ]


#: ``(codec id, label)`` pairs for the encoding combo boxes (labels translated at import).
ENCODINGS: list[tuple[str, str]] = encoding_choices()

# Every character the view must not receive raw: C0 controls except TAB and LF, DEL, C1, and the
# lone surrogates that "surrogateescape" produces for invalid bytes (see StreamDecoder.reset).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]")


def _control_table(show_cr: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    for code in (*range(0x00, 0x20), 0x7F):
        if code not in (0x09, 0x0A):
            table[chr(code)] = _HEX_ESCAPES[code]
    for code in range(0x80, 0xA0):
        table[chr(code)] = f"\\u{code:04X}"
    for code in range(0x80, 0x100):
        table[chr(0xDC00 + code)] = _HEX_ESCAPES[code]
    # Without show_controls CRLF is already turned into LF before the table is applied.
    table["\r"] = "\\r" if show_cr else "\n"
    return table


_TABLE_SHOW = _control_table(show_cr=True)
_TABLE_PLAIN = _control_table(show_cr=False)

# Codecs whose invalid bytes are always >= 0x80 (ASCII bytes are always valid in them), so the
# C-level "surrogateescape" handler never fails for them. It is ~40x faster than any Python error
# handler on binary data; the surrogates become \xNN in the same pass that escapes controls.
_SURROGATE_SAFE = frozenset({"utf-8", "ascii"})


_DEAD_LEADS = (b"\x80", b"\xff")
_CJK_CODECS = {"gbk", "gb18030", "gb2312", "big5", "big5hkscs", "cp950", "cp936", "hz"}


def _gbk_run_start(head: bytes) -> int:
    """Where the run of possibly-GBK bytes ending ``head`` starts.

    Non-ASCII bytes belong to it, and so does an ASCII byte 0x40–0x7E right after a byte
    0x81–0xFE: GBK's second byte may fall in the ASCII range (乲 is 81 6B).
    """
    i = len(head)
    while i > 0:
        if head[i - 1] >= 0x80:
            i -= 1
        elif 0x40 <= head[i - 1] <= 0x7E and i >= 2 and head[i - 2] >= 0x81:
            i -= 2
        else:
            break
    return i


class StreamDecoder:
    """Decodes one connection's bytes in one direction incrementally, for display.

    ``encoding`` is a Python codec name or ``"auto"`` (see the module docstring); an unknown
    name raises :class:`LookupError`.
    """

    __slots__ = ("_encoding", "_show_controls", "_decoder", "_auto_utf8", "_after_cr")

    def __init__(self, encoding: str, show_controls: bool = False) -> None:
        if encoding != AUTO:
            codecs.lookup(encoding)  # fail early, in the caller, for a bad name
        self._encoding = encoding
        self._show_controls = show_controls
        self._decoder: codecs.IncrementalDecoder
        self._auto_utf8 = False
        self._after_cr = False
        self.reset()

    @property
    def encoding(self) -> str:
        """The encoding asked for (may be ``"auto"``)."""
        return self._encoding

    @property
    def active_encoding(self) -> str:
        """The codec decoding now: for ``"auto"`` this is ``"utf-8"`` or ``"gbk"``."""
        if self._encoding == AUTO:
            return "utf-8" if self._auto_utf8 else "gbk"
        return self._encoding

    @property
    def show_controls(self) -> bool:
        """Whether CR shows as ``\\r`` instead of acting as a line break."""
        return self._show_controls

    def reset(self) -> None:
        """Forget partial characters and state, e.g. after bytes were skipped or cut."""
        if self._encoding == AUTO:
            # Strict, so that the first invalid byte raises and triggers the switch to GBK.
            self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
            self._auto_utf8 = True
        else:
            name = codecs.lookup(self._encoding).name
            errors = "surrogateescape" if name in _SURROGATE_SAFE else HEX_ESCAPE_ERRORS
            self._decoder = codecs.getincrementaldecoder(self._encoding)(errors)
            self._auto_utf8 = False
        self._after_cr = False

    def decode(self, data: bytes, final: bool = False) -> str:
        """Decode the next bytes of the stream; ``final=True`` flushes incomplete characters."""
        if self._auto_utf8:
            text = self._decode_auto(data, final)
        else:
            text = self._decoder.decode(data, final)
        if not final and data:
            text += self._flush_dead_lead()
        if not text:
            return text
        return self._render_controls(text)

    def _flush_dead_lead(self) -> str:
        """Show at once a held byte that can never start a character.

        Python's CJK decoders (GBK, GB18030, Big5) hold a trailing 0x80 or 0xFF as if more
        could follow; a frame ending in it would then stay invisible until the next data.
        """
        state = self._decoder.getstate()
        if state[0] in _DEAD_LEADS and self._decoder_is_cjk():
            return self._decoder.decode(b"", True)
        return ""

    def _decoder_is_cjk(self) -> bool:
        name = codecs.lookup(self.active_encoding).name
        return name in _CJK_CODECS

    def _decode_auto(self, data: bytes, final: bool) -> str:
        try:
            return self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            # exc.object is the decoder's pending bytes + data: nothing of it was returned yet.
            pending: bytes = exc.object
            head = pending[: exc.start]
            # Re-decode the whole non-ASCII run holding the error as GBK: its first bytes may
            # have passed as UTF-8 only by accident (see the module docstring).
            cut = _gbk_run_start(head)
            self._decoder = codecs.getincrementaldecoder("gbk")(HEX_ESCAPE_ERRORS)
            self._auto_utf8 = False
            return head[:cut].decode("utf-8") + self._decoder.decode(pending[cut:], final)

    def _render_controls(self, text: str) -> str:
        if self._show_controls:
            table = _TABLE_SHOW
        else:
            # Universal newlines without holding anything back: a CR becomes LF at once, and an
            # LF right after a CR that ended the previous call is dropped (it was part of CRLF).
            if self._after_cr and text[0] == "\n":
                text = text[1:]
            self._after_cr = text.endswith("\r")
            if "\r\n" in text:
                text = text.replace("\r\n", "\n")
            table = _TABLE_PLAIN
        if _CONTROL_RE.search(text) is None:
            return text
        return _CONTROL_RE.sub(lambda m: table[m.group()], text)
