"""Recording raw traffic to a file, exactly, from the worker threads.

Workers hand every :class:`~app.traffic.chunk.Chunk` to :meth:`Recorder.write` before the data goes
anywhere near the view or the log store's trimming, so a recording is complete even when the
view shows only the tail of a flood.

File formats (user-facing):

* **Received bytes only** (``both_directions=False``, the default): the file holds exactly the
  bytes received, in arrival order, with nothing added. With one connection its SHA-256 equals
  that of what the peer sent; with several connections their bytes are interleaved chunk by chunk.
* **Both directions** (``both_directions=True``): a header ``SSREC1\\n`` (7 bytes), then one record
  per chunk, all integers big-endian:

  ====== ======= ============================================================
  bytes  type    meaning
  ====== ======= ============================================================
  1      ASCII   direction: ``R`` received, ``T`` sent
  4      uint32  connection id (the session's id of the connection)
  8      uint64  wall-clock time in microseconds since the Unix epoch (UTC)
  4      uint32  payload length N
  N      bytes   payload
  ====== ======= ============================================================

  :func:`read_records` parses it; a short Python loop with ``struct.unpack(">cIQI", ...)`` does
  the same anywhere else.

Errors while writing (disk full, device removed) never propagate into the worker: the recorder
records a translated message in :attr:`Recorder.error`, closes the file, calls ``on_error`` once
(in the worker thread: emit a queued Qt signal from it) and ignores further writes. The data
received keeps flowing to the view.
"""

from __future__ import annotations

import logging
import pathlib
import struct
import threading
import time
from collections.abc import Callable, Iterator
from typing import BinaryIO

from PySide6.QtCore import QCoreApplication

from app.traffic.chunk import Chunk, Direction, wall_time
from app.traffic.taps import Link

_log = logging.getLogger(__name__)

#: First bytes of a both-directions recording.
MAGIC = b"SSREC1\n"

_RECORD_HEADER = struct.Struct(">cIQI")
_DIRECTION_CODES = {Direction.RX: b"R", Direction.TX: b"T"}
_DIRECTION_BY_CODE = {b"R": Direction.RX, b"T": Direction.TX}

# Big enough that a flood of small reads turns into few write() system calls; payloads larger
# than this go to the OS directly (BufferedWriter does not copy them).
_BUFFER_SIZE = 1024 * 1024


class Recorder:
    """Writes the traffic of a session to ``path``; thread-safe (see the module docstring).

    ``bytes_written`` counts payload bytes recorded (not the record headers), so in received-only
    mode it matches the RX counter.
    """

    def __init__(
        self,
        path: pathlib.Path,
        both_directions: bool = False,
        on_error: Callable[[str], None] | None = None,
        flush_interval: float = 0.5,
    ) -> None:
        self._path = pathlib.Path(path)
        self._both = both_directions
        self._on_error = on_error
        self._flush_interval = flush_interval
        # Several connections' workers write at once; the lock keeps records whole and in order.
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._opened = False
        self._last_flush = 0.0
        self.bytes_written = 0
        self.error: str | None = None

    @property
    def path(self) -> pathlib.Path:
        """The file being written."""
        return self._path

    @property
    def both_directions(self) -> bool:
        """Whether sent bytes are recorded too (record format) or only received ones (raw)."""
        return self._both

    @property
    def is_active(self) -> bool:
        """True between a successful :meth:`open` and :meth:`close` or the first error."""
        return self._file is not None

    def open(self) -> None:
        """Create (or truncate) the file. Raises :class:`OSError` with the OS message on failure.

        A recorder is used once: opening it again raises :class:`RuntimeError`.
        """
        with self._lock:
            if self._opened:
                raise RuntimeError("a Recorder can only be opened once")
            handle = open(self._path, "wb", buffering=_BUFFER_SIZE)
            try:
                if self._both:
                    handle.write(MAGIC)
            except OSError:
                handle.close()
                raise
            self._file = handle
            self._opened = True
            self._last_flush = time.monotonic()

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        """The recorder as a tap (:mod:`app.traffic.taps`): records ``chunk``."""
        self.write(chunk)

    def write(self, chunk: Chunk) -> None:
        """Record ``chunk`` (any thread). Never raises; ignored when not active."""
        message: str | None = None
        with self._lock:
            handle = self._file
            if handle is None or not chunk.data:
                return
            try:
                if self._both:
                    micros = max(0, round(wall_time(chunk.t) * 1_000_000))
                    # Header and payload as two writes: no copy of a large payload to join them.
                    handle.write(
                        _RECORD_HEADER.pack(
                            _DIRECTION_CODES[chunk.direction],
                            chunk.conn_id & 0xFFFFFFFF,
                            micros,
                            len(chunk.data),
                        )
                    )
                elif chunk.direction is not Direction.RX:
                    return
                handle.write(chunk.data)
                self.bytes_written += len(chunk.data)
                now = time.monotonic()
                if now - self._last_flush >= self._flush_interval:
                    handle.flush()
                    self._last_flush = now
            except OSError as exc:
                message = self._fail(exc)
        if message is not None:
            self._notify(message)

    def close(self) -> None:
        """Flush and close the file; safe to call more than once."""
        message: str | None = None
        with self._lock:
            handle = self._file
            if handle is None:
                return
            try:
                handle.flush()
                self._file = None
                handle.close()
            except OSError as exc:
                message = self._fail(exc)
        if message is not None:
            self._notify(message)

    def _fail(self, exc: OSError) -> str:
        """Stop recording after ``exc`` (lock held); return the message for ``on_error``."""
        handle, self._file = self._file, None
        if handle is not None:
            try:
                # Closing flushes again, which fails the same way; the descriptor is closed anyway.
                handle.close()
            except OSError:
                pass
        reason = exc.strerror or str(exc)
        self.error = QCoreApplication.translate(
            "Recorder", "Recording to “{path}” stopped: {reason}"
        ).format(path=self._path, reason=reason)
        return self.error

    def _notify(self, message: str) -> None:
        # Outside the lock, so the callback may call close() or read the counters.
        if self._on_error is None:
            return
        try:
            self._on_error(message)
        except Exception:
            # The caller is a receive loop that must keep running; a broken callback is a bug
            # to log, not a reason to drop the connection.
            _log.exception("Recorder on_error callback failed")


def read_records(path: pathlib.Path) -> Iterator[tuple[str, int, int, bytes]]:
    """Parse a both-directions recording: yields ``(direction, conn_id, time_us, payload)``.

    ``direction`` is a :class:`~app.traffic.chunk.Direction` (a ``str``: ``"rx"`` or ``"tx"``),
    ``time_us`` microseconds since the epoch. Raises :class:`ValueError` with a translated message
    if the file is not such a recording or is truncated or corrupt, and :class:`OSError` if it
    cannot be read.
    """
    with open(path, "rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ValueError(
                QCoreApplication.translate(
                    "Recorder", "“{path}” is not a SocketScope recording"
                ).format(path=path)
            )
        offset = len(MAGIC)
        while True:
            header = handle.read(_RECORD_HEADER.size)
            if not header:
                return
            if len(header) < _RECORD_HEADER.size:
                raise _corrupt(path, offset)
            code, conn_id, micros, length = _RECORD_HEADER.unpack(header)
            direction = _DIRECTION_BY_CODE.get(code)
            if direction is None:
                raise _corrupt(path, offset)
            payload = handle.read(length)
            if len(payload) < length:
                raise _corrupt(path, offset)
            yield direction, conn_id, micros, payload
            offset += _RECORD_HEADER.size + length


def _corrupt(path: pathlib.Path, offset: int) -> ValueError:
    return ValueError(
        QCoreApplication.translate(
            "Recorder", "Recording “{path}” is truncated or corrupt at byte {offset}"
        ).format(path=path, offset=offset)
    )
