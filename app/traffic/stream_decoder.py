"""Incremental, never-failing decoding of one byte stream (one connection, one direction) to text.

Rules the user sees in the log view:

* **Split characters.** A multibyte character split across two ``recv()`` calls comes out whole
  in the call that completes it (an incremental codec keeps the partial bytes).
* **Invalid bytes** show as ``\\xNN`` with upper-case hex (``b"ok\\xff"`` -> ``ok\\xFF``), never as
  U+FFFD and never dropped, so the user can still tell what arrived. A literal backslash sent by
  the peer is shown as is; hex view is the unambiguous view.
* **"auto"** means "UTF-8, else GBK", **decided per run of text**: a run is a stretch of
  non-ASCII bytes between ASCII bytes (for GBK, an ASCII byte 0x40–0x7E right after a lead byte
  belongs to the run: GBK's second byte may fall in the ASCII range, 乲 is 81 6B; a run whose
  high bytes pass as UTF-8 only up to such a trail byte is judged through it). ASCII bytes
  read the same in both. A run that is valid UTF-8 is shown as UTF-8; a run that is not is
  decoded as GBK from its start (bytes invalid in GBK show as ``\\xNN``), because a GBK
  character can pass as UTF-8 just before the byte where UTF-8 fails (GBK 一 is D2 BB, also
  valid UTF-8). The next run decides afresh, so a binary frame (``AA 55 81 02 FE 0A``) between
  UTF-8 lines never switches the rest of the connection to GBK, and a device that mixes binary
  frames, UTF-8 and GBK text shows each run in its own encoding.
  A run that continues into the next call keeps its encoding: a GBK run split across reads stays
  GBK, and a character split across reads comes out whole in the call that completes it (an
  incomplete character is held, nothing else is). Text already returned is never changed, so a
  read that ends inside a GBK run right after bytes that are also complete UTF-8 characters
  shows those bytes as UTF-8 (the rest of the run is then GBK); whole runs, and runs whose
  first two bytes cannot begin a UTF-8 character, decode the same whatever the split. UTF-8
  runs always do.
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


# Keyed by code point for str.translate: one C-level pass, where a regex substitution calls back
# into Python for every control (binary shown as text is half controls and invalid bytes).
_TABLE_SHOW = {ord(k): v for k, v in _control_table(show_cr=True).items()}
_TABLE_PLAIN = {ord(k): v for k, v in _control_table(show_cr=False).items()}

# Codecs whose invalid bytes are always >= 0x80 (ASCII bytes are always valid in them), so the
# C-level "surrogateescape" handler never fails for them. It is ~40x faster than any Python error
# handler on binary data; the surrogates become \xNN in the same pass that escapes controls.
_SURROGATE_SAFE = frozenset({"utf-8", "ascii"})


_DEAD_LEADS = (b"\x80", b"\xff")
_CJK_CODECS = {"gbk", "gb18030", "gb2312", "big5", "big5hkscs", "cp950", "cp936", "hz"}


# "auto": a stretch of bytes >= 0x80 (a UTF-8 run), and a GBK run: pairs of a lead byte and a
# valid second byte (which may be ASCII 0x40-0x7E), or a byte that cannot start a pair there
# (0x80, 0xFF, a lead before a byte that cannot follow it). A lead at the very end is left out:
# its second byte may come with the next call.
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]*")
_GBK_RUN = re.compile(
    rb"(?:[\x81-\xfe][\x40-\x7e\x80-\xfe]|[\x80\xff]|[\x81-\xfe](?=[\x00-\x3f\x7f\xff]))*"
)
# Well-formed UTF-8 of characters above ASCII (the Unicode standard's table 3-7, as Python's
# strict decoder takes it): a run fully matching it decodes; one that does not raises. Telling
# it by a match costs no exception, which random binary (a run every ~4 bytes) paid per run.
_UTF8_HIGH = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})*"
)


def _decode_gbk(data: bytes) -> str:
    """``data`` as GBK, invalid bytes as ``\\xNN`` (surrogates until the control pass)."""
    try:
        # The C-level handler, ~40x faster on binary; it fails only where GBK rejects a
        # range holding an ASCII byte, which the Python handler then escapes.
        return data.decode("gbk", "surrogateescape")
    except UnicodeDecodeError:
        return data.decode("gbk", HEX_ESCAPE_ERRORS)


def _utf8_through_gbk_run(buf: bytes, start: int) -> bool:
    """Whether the GBK run starting at ``start`` (trail bytes in the ASCII range included) is
    UTF-8 too, apart from a character cut by the end of ``buf``."""
    end = _GBK_RUN.match(buf, start).end()  # type: ignore[union-attr]
    try:
        buf[start:end].decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.end == end - start and exc.reason == "unexpected end of data"
    return True


class StreamDecoder:
    """Decodes one connection's bytes in one direction incrementally, for display.

    ``encoding`` is a Python codec name or ``"auto"`` (see the module docstring); an unknown
    name raises :class:`LookupError`.
    """

    __slots__ = ("_encoding", "_show_controls", "_decoder", "_run", "_pending", "_after_cr")

    def __init__(self, encoding: str, show_controls: bool = False) -> None:
        if encoding != AUTO:
            codecs.lookup(encoding)  # fail early, in the caller, for a bad name
        self._encoding = encoding
        self._show_controls = show_controls
        self._decoder: codecs.IncrementalDecoder
        # "auto" only: the encoding of the run that continues at the next call ("utf-8",
        # "gbk" or None after an ASCII byte), and bytes held back (an incomplete character).
        self._run: str | None = None
        self._pending = b""
        self._after_cr = False
        self.reset()

    @property
    def encoding(self) -> str:
        """The encoding asked for (may be ``"auto"``)."""
        return self._encoding

    @property
    def active_encoding(self) -> str:
        """The codec decoding now: for ``"auto"`` that of the current run, ``"utf-8"`` or ``"gbk"``
        (``"utf-8"`` between runs)."""
        if self._encoding == AUTO:
            return self._run or "utf-8"
        return self._encoding

    @property
    def show_controls(self) -> bool:
        """Whether CR shows as ``\\r`` instead of acting as a line break."""
        return self._show_controls

    def reset(self) -> None:
        """Forget partial characters and state, e.g. after bytes were skipped or cut."""
        # "auto" decodes run by run with whole-bytes decodes and keeps its own state; the
        # incremental decoder is unused then (a UTF-8 one keeps the code paths typed alike).
        name = "utf-8" if self._encoding == AUTO else codecs.lookup(self._encoding).name
        errors = "surrogateescape" if name in _SURROGATE_SAFE else HEX_ESCAPE_ERRORS
        self._decoder = codecs.getincrementaldecoder(name)(errors)
        self._run = None
        self._pending = b""
        self._after_cr = False

    def decode(self, data: bytes, final: bool = False) -> str:
        """Decode the next bytes of the stream; ``final=True`` flushes incomplete characters."""
        if self._encoding == AUTO:
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
        buf = self._pending + data if self._pending else data
        self._pending = b""
        if self._run != "gbk":
            # The common case, at C speed: everything is valid, complete UTF-8.
            try:
                text = buf.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if buf:
                    self._run = "utf-8" if buf[-1] >= 0x80 else None
                return text
        return self._decode_runs(buf, final)

    def _decode_runs(self, buf: bytes, final: bool) -> str:
        """Decode ``buf`` run by run (see the module docstring); hold an incomplete character."""
        out: list[str] = []
        append = out.append
        # Bound once: this loop runs once per run, every few bytes of binary data.
        non_ascii, high_run, gbk_run = _NON_ASCII.search, _HIGH_RUN.match, _GBK_RUN.match
        utf8_high = _UTF8_HIGH.fullmatch
        run = self._run
        i, n = 0, len(buf)
        while i < n:
            if buf[i] < 0x80:
                match = non_ascii(buf, i)
                j = match.start() if match is not None else n
                append(buf[i:j].decode("ascii"))
                run = None
                i = j
                continue
            if run != "gbk":
                end = high_run(buf, i).end()  # type: ignore[union-attr]
                if utf8_high(buf, i, end) is not None:
                    if end < n and 0x40 <= buf[end] <= 0x7E and \
                            not _utf8_through_gbk_run(buf, i):
                        # Valid UTF-8 only because a GBK trail byte in the ASCII range cut it
                        # short (惝 is E3 AE, 丼 81 53: E3 AE 81 passes as UTF-8): the GBK run
                        # that goes on through that byte is not UTF-8, so it is GBK.
                        run = "gbk"
                    else:
                        append(buf[i:end].decode("utf-8"))
                        run = "utf-8"
                        i = end
                        continue
                elif end < n or final:
                    run = "gbk"  # not UTF-8, and no character cut by the end of the call
            if run != "gbk":
                # Not well-formed, at the end of the call: a character cut short by it is
                # held (the next call completes it, or shows the run is not UTF-8).
                chunk = buf[i:end]
                try:
                    chunk.decode("utf-8")
                except UnicodeDecodeError as exc:
                    if exc.end == len(chunk) and exc.reason == "unexpected end of data":
                        if exc.start:
                            append(chunk[: exc.start].decode("utf-8"))
                            run = "utf-8"
                        self._pending = chunk[exc.start :]
                        break
                # Not UTF-8: the whole run (from here) is GBK.
                run = "gbk"
            end = gbk_run(buf, i).end()  # type: ignore[union-attr]
            if end > i:
                append(_decode_gbk(buf[i:end]))
                i = end
            if i == n - 1 and buf[i] >= 0x81:
                # A lead byte at the end: its second byte comes with the next call.
                if final:
                    out.append(buf[i:].decode("gbk", HEX_ESCAPE_ERRORS))
                else:
                    self._pending = buf[i:]
                break
        self._run = run
        return "".join(out)

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
        return text.translate(table)
