"""Splitting one received byte stream into the entries the log shows ("framing for display").

A :class:`Framer` serves ONE connection and ONE direction. Modes:

* ``"chunk"``: each ``recv()`` read is one entry.
* ``"delimiter"``: an entry ends right after each occurrence of ``delimiter`` (LF, CRLF or
  custom bytes). The delimiter stays at the end of the entry's bytes, so entries are exact slices
  of the stream. A partial line that has been quiet for ``gap`` seconds is shown anyway (a prompt
  or a device that never sends the delimiter must not stay invisible); bytes that arrive after
  that start a new entry.
* ``"idle"``: reads that arrive less than ``gap`` seconds after the previous read are merged into
  one entry, so a device message split into several TCP segments shows as one line. A read that
  arrives ``gap`` seconds or more later starts a new entry.

In every mode an entry never exceeds ``max_frame`` bytes: longer runs are cut, so a flood without
delimiters (or without pauses) stays bounded in memory and in the view. The concatenation of all
frames returned always equals the concatenation of all bytes fed.

Times are plain floats passed in by the caller (``time.monotonic()`` values); the framer never
reads the clock, so the caller decides when :meth:`Framer.flush_due` runs, guided by
:meth:`Framer.pending_deadline` (the receive worker shrinks its ``recv`` timeout to it, see
:mod:`app.traffic.live_framing`).

Under a line flood a read of 256 KiB holds thousands of lines; one Python object per line would
cap throughput far below the network's. :meth:`Framer.feed_runs` therefore returns
:class:`FrameRun` objects: a run holds *several* complete frames of one read as one ``bytes``
object (split only when someone needs the frames, see :meth:`FrameRun.frames` and
:meth:`FrameRun.tail`). :meth:`Framer.feed` gives the same frames one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.send.hex_input import parse_hex

#: The framing modes, in the order the UI offers them.
MODES: tuple[str, ...] = ("chunk", "delimiter", "idle")

#: A frame: (monotonic time of its first byte, its bytes).
Frame = tuple[float, bytes]

DEFAULT_MAX_FRAME = 64 * 1024


def parse_delimiter(text: str) -> bytes:
    """Turn a custom delimiter typed in hex (``"0D 0A"``, ``"7E"``, ``"0x0D,0x0A"``) into bytes.

    Raises :class:`ValueError` (an :class:`~app.input_errors.HexInputError` for bad hex, which
    also says where) with a translated message; empty input is an error too.
    """
    data = parse_hex(text)
    if not data:
        raise ValueError(
            QCoreApplication.translate("Framing", "Enter the delimiter as hex bytes, e.g. 0D 0A")
        )
    return data


@dataclass(slots=True)  # not frozen: see Chunk (made per read and per write)
class FrameRun:
    """``count`` consecutive frames of one stream, all stamped ``t``, kept as one ``bytes``.

    With ``count == 1`` (``delimiter`` may then be empty) ``data`` is one frame. With
    ``count > 1`` ``data`` is the frames concatenated; each ends with ``delimiter``, and
    ``data.split(delimiter)`` recovers them (the framer only builds such runs for delimiters that
    cannot overlap themselves, and only from frames no longer than its ``max_frame``).
    """

    t: float
    data: bytes
    count: int = 1
    delimiter: bytes = b""

    def frames(self) -> list[bytes]:
        """The frames of the run, oldest first."""
        if self.count == 1:
            return [self.data]
        delim = self.delimiter
        return [part + delim for part in self.data.split(delim)[:-1]]

    def split(self, n: int) -> tuple[list[bytes], FrameRun]:
        """The oldest ``n`` frames (``0 < n < count``), and a run of the others."""
        frames = self.frames()
        rest = frames[n:]
        return frames[:n], FrameRun(self.t, b"".join(rest), len(rest), self.delimiter)

    def tail(self, n: int) -> list[bytes]:
        """The newest ``n`` frames (all if ``n >= count``), oldest first; splits only those."""
        if n <= 0:
            return []
        if n >= self.count:
            return self.frames()
        delim = self.delimiter
        # rsplit with n + 1 cuts: [the older frames as one head, the n newest, "" after the end]
        return [part + delim for part in self.data.rsplit(delim, n + 1)[1:-1]]


def single_runs(frames: list[Frame]) -> list[FrameRun]:
    """``frames`` as runs of one frame each."""
    return [FrameRun(t, data) for t, data in frames]


def _self_overlapping(delim: bytes) -> bool:
    """True if two occurrences of ``delim`` can overlap (a proper prefix equals a suffix)."""
    return any(delim[:k] == delim[-k:] for k in range(1, len(delim)))


def _cut(t: float, data: bytes, max_frame: int) -> list[Frame]:
    """``data`` as one frame, or as several of at most ``max_frame`` bytes."""
    if len(data) <= max_frame:
        return [(t, data)]
    return [(t, data[i : i + max_frame]) for i in range(0, len(data), max_frame)]


class Framer:
    """Turns the reads of one connection+direction into log entries (see the module docstring)."""

    __slots__ = ("_mode", "_delimiter", "_gap", "_max_frame", "_buf", "_t_first", "_t_last",
                 "_runs_ok")

    def __init__(
        self,
        mode: str = "chunk",
        delimiter: bytes = b"\n",
        gap: float = 0.1,
        max_frame: int = DEFAULT_MAX_FRAME,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown framing mode {mode!r}")
        if mode == "delimiter" and not delimiter:
            raise ValueError("the delimiter must not be empty")
        if gap < 0:
            raise ValueError("gap must not be negative")
        if max_frame < 1:
            raise ValueError("max_frame must be at least 1")
        self._mode = mode
        self._delimiter = bytes(delimiter)
        self._gap = gap
        self._max_frame = max_frame
        # Bytes of the entry being assembled; a bytearray so appends and cuts from the front
        # stay amortised O(len(new data)).
        self._buf = bytearray()
        self._t_first = 0.0  # time of the first byte in _buf
        self._t_last = 0.0  # time of the last read that added to _buf
        # Whether complete lines may be handed out as multi-frame runs (see FrameRun).
        self._runs_ok = mode == "delimiter" and not _self_overlapping(self._delimiter)

    @property
    def mode(self) -> str:
        """The framing mode: one of :data:`MODES`."""
        return self._mode

    @property
    def delimiter(self) -> bytes:
        """The delimiter bytes (used in ``"delimiter"`` mode)."""
        return self._delimiter

    @property
    def gap(self) -> float:
        """Idle gap in seconds (``"idle"`` merge window, ``"delimiter"`` partial-line timeout)."""
        return self._gap

    @property
    def max_frame(self) -> int:
        """Largest frame in bytes."""
        return self._max_frame

    @property
    def pending_bytes(self) -> int:
        """Bytes held back, waiting for a delimiter or an idle gap."""
        return len(self._buf)

    def feed(self, data: bytes, t: float) -> list[Frame]:
        """Take one read received at monotonic time ``t``; return the frames it completes."""
        return [(run.t, frame) for run in self.feed_runs(data, t) for frame in run.frames()]

    def feed_runs(self, data: bytes, t: float) -> list[FrameRun]:
        """Like :meth:`feed`, with the frames grouped into :class:`FrameRun` objects.

        Cost per read stays near C speed however many lines it holds (the lines are not split).
        """
        if not data:
            return []
        if self._mode == "chunk":
            if len(data) <= self._max_frame:
                return [FrameRun(t, data)]  # the usual read: one entry, made directly
            return single_runs(_cut(t, data, self._max_frame))
        if self._mode == "delimiter":
            if self._runs_ok:
                return self._feed_delimiter_runs(data, t)
            return single_runs(self._feed_delimiter(data, t))
        return single_runs(self._feed_idle(data, t))

    def _feed_delimiter_runs(self, data: bytes, t: float) -> list[FrameRun]:
        # Works on ``data`` itself rather than on pending + data joined: under a flood each
        # read is copied once (into the run), not three times.
        buf = self._buf
        delim = self._delimiter
        size = len(delim)
        if not buf:
            self._t_first = t
        self._t_last = t
        # Where the first delimiter ends, as an offset into data. It may begin in the pending
        # bytes; none lies wholly inside them (it would have been split already).
        first_end = -1
        if buf and size > 1:
            tail = bytes(buf[-(size - 1) :])
            found = (tail + data[: size - 1]).find(delim)
            if found >= 0:
                first_end = found + size - len(tail)
        if first_end < 0:
            found = data.find(delim)
            if found < 0:
                buf += data
                return single_runs(self._cut_pending(t))
            first_end = found + size
        # The frame that completes the pending bytes, stamped with their first byte's time.
        head = _cut(t, bytes(buf) + data[:first_end], self._max_frame)
        head[0] = (self._t_first, head[0][1])
        buf.clear()
        runs = single_runs(head)
        body_end = first_end
        last = data.rfind(delim, first_end)
        if last >= 0:
            body_end = last + size
            whole = first_end == 0 and body_end == len(data)
            body = data if whole else data[first_end:body_end]
            if self._lines_fit(body):
                runs.append(FrameRun(t, body, body.count(delim), delim))
            else:
                for part in body.split(delim)[:-1]:
                    runs += single_runs(_cut(t, part + delim, self._max_frame))
        if body_end < len(data):
            buf += data[body_end:]
            self._t_first = t
            runs += single_runs(self._cut_pending(t))
        return runs

    def _lines_fit(self, body: bytes) -> bool:
        """True if every delimiter-ended frame of ``body`` is at most ``max_frame`` bytes.

        Jumps from frame start to the last delimiter within ``max_frame`` bytes: a few ``rfind``
        calls per read instead of a look at every line.
        """
        size = self._max_frame
        delim = self._delimiter
        pos = 0
        total = len(body)
        while total - pos > size:
            found = body.rfind(delim, pos, pos + size)
            if found < 0:
                return False
            pos = found + len(delim)
        return True

    def _feed_delimiter(self, data: bytes, t: float) -> list[Frame]:
        buf = self._buf
        delim = self._delimiter
        if not buf:
            self._t_first = t
        # A delimiter may straddle the old pending bytes and the new ones, but none lies wholly
        # inside the old ones (it would have been split already): search only where one can end.
        start = max(0, len(buf) - len(delim) + 1)
        buf += data
        self._t_last = t
        first = buf.find(delim, start)
        if first < 0:
            return self._cut_pending(t)
        end = first + len(delim)
        frames = _cut(t, bytes(buf[:end]), self._max_frame)
        # Only the first piece can hold bytes from before this read: pending bytes are always
        # fewer than max_frame.
        frames[0] = (self._t_first, frames[0][1])
        # Everything after the first delimiter came with this read (end > old length), so it
        # is split in C in one go and stamped with t.
        parts = bytes(buf[end:]).split(delim)
        buf.clear()
        for part in parts[:-1]:
            frames += _cut(t, part + delim, self._max_frame)
        if parts[-1]:
            buf += parts[-1]
            self._t_first = t
            frames += self._cut_pending(t)
        return frames

    def _feed_idle(self, data: bytes, t: float) -> list[Frame]:
        frames: list[Frame] = []
        buf = self._buf
        if buf and t - self._t_last >= self._gap:
            frames.append((self._t_first, bytes(buf)))
            buf.clear()
        if not buf:
            self._t_first = t
        buf += data
        self._t_last = t
        frames += self._cut_pending(t)
        return frames

    def _cut_pending(self, t: float) -> list[Frame]:
        """Emit full ``max_frame`` pieces of the pending bytes, keeping the rest pending."""
        buf = self._buf
        size = self._max_frame
        if len(buf) < size:
            return []
        frames: list[Frame] = []
        t_first = self._t_first
        while len(buf) >= size:
            frames.append((t_first, bytes(buf[:size])))
            del buf[:size]
            # The old pending part was shorter than max_frame, so what is left came with the
            # read at time t.
            t_first = t
        self._t_first = t
        return frames

    def pending_deadline(self) -> float | None:
        """When :meth:`flush_due` would next return something, or ``None`` if never by itself."""
        if self._mode == "chunk" or not self._buf:
            return None
        return self._t_last + self._gap

    def flush_due(self, now: float) -> list[Frame]:
        """Frames whose quiet gap has elapsed at monotonic time ``now`` (idle, delimiter modes)."""
        deadline = self.pending_deadline()
        if deadline is None or now < deadline:
            return []
        return self.flush()

    def flush(self) -> list[Frame]:
        """Everything pending as frames, e.g. when the connection closes."""
        if not self._buf:
            return []
        frame = (self._t_first, bytes(self._buf))
        self._buf.clear()
        return [frame]

    def reset(self) -> None:
        """Drop pending bytes without returning them (the user cleared the log)."""
        self._buf.clear()


@dataclass(frozen=True)
class FramingConfig:
    """How received bytes are cut into log entries (the user's choice; see the module docstring).

    ``gap`` is the idle gap in seconds for ``"idle"``; for ``"delimiter"`` it is how long a
    partial line may wait for its delimiter before it is shown anyway (at least 0.5 s).
    """

    mode: str = "chunk"
    delimiter: bytes = b"\n"
    gap: float = 0.02

    def framer(self) -> Framer:
        gap = self.gap if self.mode == "idle" else max(self.gap, 0.5)
        return Framer(self.mode, delimiter=self.delimiter, gap=gap)
