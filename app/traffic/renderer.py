"""Turning log entries into the text the log view shows.

One entry is one block that starts on its own line::

    [12:34:56.789] RX 127.0.0.1:50312 › first line of the body
        continuation lines are indented by four spaces
    [12:34:56.801] ○ 127.0.0.1:50312 closed by the peer

* A connection event (:mod:`app.traffic.events`) is one line: the timestamp, then
  :meth:`~app.traffic.events.ConnectionEvent.line` (a marker instead of RX/TX, no arrow).

* The timestamp is local time with milliseconds (omitted when ``timestamps`` is off; with
  ``timestamp_date`` it starts with the date, ``2026-12-01 12:34:56.789``); the
  direction word is ``RX``/``TX`` (translated); the peer label comes from the caller.
* ``mode="text"``: the bytes decoded by a
  :class:`~app.traffic.stream_decoder.StreamDecoder` kept per (connection, direction) across
  calls, so a character split between two entries still shows whole. One trailing line
  break of the entry is not shown (each entry ends its line anyway): with ``show_controls``
  off that is LF, CRLF or CR; with it on, a trailing CR stays visible as ``\\r`` and only
  the LF is dropped. Inner line breaks are kept, continuation lines indented.
* An entry whose bytes are :class:`~app.traffic.chunk.NoteText` (a file send's summary) shows
  them as UTF-8 text in every mode.
* ``mode="hex"``: upper-case hex pairs after the arrow, or with ``hex_ascii`` a hex dump with an
  ASCII column on the following lines (indented). An entry over :data:`HEX_ONE_LINE_MAX` bytes
  shows its hex on the following lines instead, 32 bytes a row (one huge line stalls Qt's layout).
* ``mode="both"``: the text, then the hex on the next line (indented; in rows when long).
* **No entry renders blank.** When an entry's text would show nothing visible (only line
  breaks, spaces, tabs or invisible format characters such as a BOM; e.g. ``\\r\\n`` arriving on
  its own after ``false``, a lone ``\\r`` or ``\\n``, the LF of a CRLF split across reads), its
  bytes are shown as escapes instead: ``\\r``, ``\\n``, ``\\t`` as such, anything else as
  ``\\xNN`` (a space is ``\\x20``). An entry that holds only the first bytes of a character
  (the character shows whole with the next entry of its stream) shows those bytes as escapes and
  says so. An entry of no bytes says "(0 bytes)".
* An entry longer than ``max_entry_bytes`` (0: no limit; a call of :meth:`LogRenderer.render`
  may lower it) shows only its first ``max_entry_bytes`` and says how many bytes were not shown,
  never silently; the stream's decoder is reset after such a cut, because the bytes that would
  continue a character were not decoded. Saving renders with no limit.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.traffic.chunk import AutoBytes, Direction, NoteText, wall_time
from app.traffic.hex_format import hex_dump, hex_rows, hex_text
from app.traffic.log_store import LogEntry
from app.traffic.stream_decoder import StreamDecoder

#: The view modes, in the order the UI offers them.
RENDER_MODES: tuple[str, ...] = ("text", "hex", "both")

_INDENT = "    "
#: Longer entries show their hex on the following lines, 32 bytes a row, in hex and both.
HEX_ONE_LINE_MAX = 1024
_ARROW = "\u203a"  # "›": cannot occur in a peer address, so the body's start is unmistakable

# A character that shows something: not whitespace, not an invisible format character.
_VISIBLE_RE = re.compile(
    "[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
# Bytes of an entry that would render blank, shown as escapes.
_BYTE_ESCAPES = tuple(
    {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(b, f"\\x{b:02X}") for b in range(256)
)
_WHITESPACE_BYTES = frozenset(b" \t\n\r\x0b\x0c")
#: A byte below 0x30 is never part of a multibyte character in the codecs offered (UTF-8, GBK,
#: GB18030, whose 4-byte form uses 0x30-0x39, Big5, Shift_JIS; UTF-16 aside), so decoding from
#: just after one starts in step. :meth:`LogRenderer.resume_after` looks this far back for one.
_RESUME_WINDOW = 4096
_RESUME_START_RE = re.compile(rb"[\x00-\x2f]")


def _escaped_bytes(data: bytes) -> str:
    return "".join([_BYTE_ESCAPES[b] for b in data])


@dataclass(frozen=True)
class RenderOptions:
    """How entries are shown. ``max_entry_bytes`` of 0 means no limit."""

    mode: str = "text"
    encoding: str = "utf-8"
    timestamps: bool = True
    show_controls: bool = False
    hex_ascii: bool = False
    max_entry_bytes: int = 16384
    #: Timestamps show the date too (``2026-12-01 12:34:56.789``).
    timestamp_date: bool = False
    #: Sent (TX) entries are shown; off, views leave them out (they stay in the store).
    show_sent: bool = True

    def __post_init__(self) -> None:
        if self.mode not in RENDER_MODES:
            raise ValueError(f"unknown render mode {self.mode!r}")
        if self.max_entry_bytes < 0:
            raise ValueError("max_entry_bytes must not be negative")


class LogRenderer:
    """Renders entries to text, keeping per-stream decoding state between calls.

    ``peer_label(conn_id)`` gives the text shown after the direction (e.g. ``"127.0.0.1:50312"``);
    it is called at most once per connection per :meth:`render` call. Rendering a sequence of
    entries in several calls gives the same text (joined by line breaks) as rendering it in one.
    """

    def __init__(self, options: RenderOptions, peer_label: Callable[[int], str],
                 open_hint: bool = False) -> None:
        """``open_hint``: the text of a cut says the whole entry can be opened (the log view
        lets the user do that)."""
        self._peer_label = peer_label
        self._open_hint = open_hint
        self._decoders: dict[tuple[int, Direction], StreamDecoder] = {}
        self._options = options
        self._apply(options)
        # Cache of the "HH:MM:SS" part for the last whole second seen: under a flood thousands
        # of entries share a second, and time.localtime is the costly part of a timestamp.
        self._ts_second = -1
        self._ts_text = ""

    @property
    def options(self) -> RenderOptions:
        """The options in use."""
        return self._options

    def _apply(self, options: RenderOptions) -> None:
        # Creating a decoder validates the encoding now rather than at the first entry.
        StreamDecoder(options.encoding, options.show_controls)
        self._options = options
        self._ts_format = "%Y-%m-%d %H:%M:%S" if options.timestamp_date else "%H:%M:%S"
        self._ts_second = -1
        # Translated once here: translate() per entry would dominate rendering small entries.
        self._direction_words = {
            Direction.RX: QCoreApplication.translate("LogRender", "RX"),
            Direction.TX: QCoreApplication.translate("LogRender", "TX"),
        }
        #: What an automatic reply (echo, rules, welcome) shows instead of TX.
        self._auto_word = QCoreApplication.translate("LogRender", "TX-auto")
        if self._open_hint:
            self._more_text = QCoreApplication.translate(
                "LogRender", "… ({count} more bytes not shown; double-click to see the whole entry)"
            )
        else:
            self._more_text = QCoreApplication.translate(
                "LogRender", "… ({count} more bytes not shown)"
            )
        self._empty_text = QCoreApplication.translate("LogRender", "(0 bytes)")
        self._held_text = QCoreApplication.translate(
            "LogRender", "(part of a character; it shows whole with the next bytes)"
        )
        self._decoders.clear()

    def set_options(self, options: RenderOptions) -> None:
        """Use new options; decoding starts afresh (the caller re-renders what it shows)."""
        self._apply(options)

    def reset(self) -> None:
        """Forget all decoding state, for a full re-render from the first entry shown."""
        self._decoders.clear()

    def resume_after(self, earlier: Sequence[LogEntry],
                     streams: Iterable[tuple[int, Direction]] | None = None) -> None:
        """Set the decoding state of ``streams`` (all streams of ``earlier`` if None) as if
        ``earlier`` (oldest first) had just been rendered from a fresh start, so that rendering
        can go on from there: the log view renders a re-render's history newest first, in
        parts, and each part starts where the one before it (older) will have ended.

        Only the last bytes of each stream are decoded: from its last byte below 0x30 (never
        part of a multibyte character, so decoding is in step there), looking back at most
        :data:`_RESUME_WINDOW` bytes, or from just after an entry the options' limit would cut
        (rendering it resets the stream). So the cost does not grow with the log.
        """
        options = self._options
        if options.mode == "hex":
            return
        limit = options.max_entry_bytes
        wanted = ({(e.conn_id, e.direction) for e in earlier if e.event is None}
                  if streams is None else set(streams))
        # Per stream, the entries to decode (newest first) and where to start in the oldest.
        chains: dict[tuple[int, Direction], list[LogEntry]] = {key: [] for key in wanted}
        starts: dict[tuple[int, Direction], int] = {}
        looked: dict[tuple[int, Direction], int] = {}
        for entry in reversed(earlier):
            if not wanted:
                break
            key = (entry.conn_id, entry.direction)
            data = entry.data
            if key not in wanted or entry.event is not None or isinstance(data, NoteText):
                continue
            if limit and len(data) > limit:
                wanted.discard(key)  # cut, so the stream starts afresh after it
                continue
            chains[key].append(entry)
            window = _RESUME_WINDOW - looked.get(key, 0)
            start = max(0, len(data) - window)
            if "16" in options.encoding:
                start -= start % 2  # UTF-16 keeps its byte pairs
                found = None
            else:
                found = _RESUME_START_RE.search(data[start:][::-1])
            if found is not None:
                starts[key] = len(data) - found.start() - 1  # from that byte: a CR counts
                wanted.discard(key)
            elif start > 0:
                starts[key] = start  # nothing safe within the window: close enough
                wanted.discard(key)
            else:
                looked[key] = looked.get(key, 0) + len(data)
        for key, chain in chains.items():
            self._decoders.pop(key, None)
            if not chain:
                continue
            decoder = StreamDecoder(options.encoding, options.show_controls)
            chain.reverse()
            decoder.decode(chain[0].data[starts.get(key, 0):])
            for entry in chain[1:]:
                decoder.decode(entry.data)
            self._decoders[key] = decoder

    def skip(self, entries: Iterable[LogEntry]) -> None:
        """The caller will not show ``entries``: reset the decoders of their streams.

        The next entry of such a stream then starts decoding fresh instead of continuing a
        character whose first bytes were never shown.
        """
        decoders = self._decoders
        for entry in entries:
            if entry.event is None:
                decoders.pop((entry.conn_id, entry.direction), None)

    def _timestamp(self, t: float) -> str:
        wall = wall_time(t)
        second = int(wall)
        if second != self._ts_second:
            self._ts_second = second
            self._ts_text = time.strftime(self._ts_format, time.localtime(second))
        millis = min(999, int((wall - second) * 1000))
        return f"[{self._ts_text}.{millis:03d}] "

    def render(self, entries: Iterable[LogEntry], max_entry_bytes: int | None = None) -> str:
        """The text for ``entries``: one block per entry, joined by ``\\n``, no trailing newline.

        ``max_entry_bytes`` (if given and not 0) lowers the options' limit for this call.
        """
        return "\n".join(self.render_blocks(entries, max_entry_bytes))

    def render_blocks(self, entries: Iterable[LogEntry],
                      max_entry_bytes: int | None = None) -> list[str]:
        """The text of each entry (its lines joined by ``\\n``), in order; see :meth:`render`."""
        options = self._options
        mode = options.mode
        limit = options.max_entry_bytes
        if max_entry_bytes:
            limit = min(limit, max_entry_bytes) if limit else max_entry_bytes
        timestamps = options.timestamps
        hex_ascii = options.hex_ascii
        words = self._direction_words
        decoders = self._decoders
        labels: dict[int, str] = {}
        parts: list[str] = []
        for entry in entries:
            event = entry.event
            if event is not None:
                # A line of its own: marker, peer, what happened (never decoded or cut).
                line = event.line()
                parts.append(self._timestamp(entry.t) + line if timestamps else line)
                continue
            conn_id = entry.conn_id
            label = labels.get(conn_id)
            if label is None:
                label = labels[conn_id] = self._peer_label(conn_id)
            word = words[entry.direction]
            if type(entry.data) is AutoBytes:
                word = self._auto_word
            head = f"{word} {label} {_ARROW}" if label else f"{word} {_ARROW}"
            if timestamps:
                head = self._timestamp(entry.t) + head

            data = entry.data
            if isinstance(data, NoteText):  # words about traffic, not traffic: never hex
                parts.append(f"{head} {data.decode('utf-8', 'replace')}")
                continue
            more = len(data) - limit if limit else 0
            if more > 0:
                data = data[:limit]

            text = ""
            if mode != "hex":
                key = (conn_id, entry.direction)
                decoder = decoders.get(key)
                if decoder is None:
                    decoder = decoders[key] = StreamDecoder(options.encoding, options.show_controls)
                if more > 0:
                    # The rest of the entry is not decoded, so flush what is held and start the
                    # stream afresh rather than glue the next entry onto a cut character.
                    text = decoder.decode(data, final=True)
                    decoder.reset()
                else:
                    text = decoder.decode(data)
                if text.endswith("\n"):
                    text = text[:-1]
                if _VISIBLE_RE.search(text) is None:
                    text = self._blank_body(data, text)
                elif "\n" in text:
                    text = text.replace("\n", "\n" + _INDENT)
            elif not data:
                text = self._empty_text

            block = f"{head} {text}" if text else head
            if mode != "text" and data:
                if hex_ascii:
                    block += "\n" + _INDENT + hex_dump(data).replace("\n", "\n" + _INDENT)
                elif len(data) > HEX_ONE_LINE_MAX:
                    # Qt lays a long line out as one paragraph (a 64 KiB entry in hex: ~80 ms);
                    # rows are separate blocks, laid out only when seen (~10 ms).
                    block += "\n" + _INDENT + hex_rows(data).replace("\n", "\n" + _INDENT)
                elif mode == "both":
                    block += "\n" + _INDENT + hex_text(data)
                else:
                    block += " " + hex_text(data)
            if more > 0:
                block = f"{block} {self._more_text.format(count=more)}"
            parts.append(block)
        return parts

    def _blank_body(self, data: bytes, text: str) -> str:
        """What an entry whose text shows nothing visible shows instead (never blank)."""
        if not data:
            return self._empty_text
        body = _escaped_bytes(data)
        if not text and not _WHITESPACE_BYTES.issuperset(data):
            # The decoder holds these bytes: they begin a character that the next entry of
            # this stream completes.
            body = f"{body} {self._held_text}"
        return body
