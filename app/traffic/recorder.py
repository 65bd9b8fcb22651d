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

  **Connection records** (added later, same header, same magic): direction code ``C`` (a
  connection was seen: its payload is UTF-8 JSON ``{"local": "host:port", "peer": "host:port",
  "initiator": "local" | "peer"}``, written before the connection's first chunk) and ``E`` (the
  connection ended; empty payload). They tell :mod:`app.traffic.pcapng` the real addresses and
  ports. Recordings made before them have none and still read; :func:`read_records` skips them,
  so its callers see only traffic, and :func:`read_all_records` returns them too. A reader that
  does not know them can skip any record by its length.

Errors while writing (disk full, device removed) never propagate into the worker: the recorder
records a translated message in :attr:`Recorder.error`, closes the file, calls ``on_error`` once
(in the worker thread: emit a queued Qt signal from it) and ignores further writes. The data
received keeps flowing to the view. An error at the final flush in :meth:`Recorder.close` is
reported the same way (``on_error`` then runs in the caller's thread).

Counting what reached the file: the recorder keeps its own buffer over an unbuffered file, so
every ``write()`` system call reports how many bytes the OS took. :attr:`Recorder.bytes_written`
counts only those, never bytes still in the buffer; after a disk-full error it says how much
of the recording is really in the file, and the error message says it too.
"""

from __future__ import annotations

import errno
import json
import logging
import pathlib
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import NamedTuple, Protocol

from PySide6.QtCore import QCoreApplication

from app.traffic.chunk import Chunk, Direction, wall_time
from app.traffic.taps import Link

_log = logging.getLogger(__name__)

#: First bytes of a both-directions recording.
MAGIC = b"SSREC1\n"

_RECORD_HEADER = struct.Struct(">cIQI")
_DIRECTION_CODES = {Direction.RX: b"R", Direction.TX: b"T"}
_DIRECTION_BY_CODE = {b"R": Direction.RX, b"T": Direction.TX}
#: Record codes of connection records (see the module docstring).
CONNECTION_CODE = b"C"
END_CODE = b"E"
#: :attr:`Record.kind` of a connection record and of an end record.
OPENED = "opened"
ENDED = "ended"
_KIND_BY_CODE: dict[bytes, str] = {**_DIRECTION_BY_CODE, CONNECTION_CODE: OPENED, END_CODE: ENDED}

# Big enough that a flood of small reads turns into few write() system calls; payloads larger
# than this go to the OS directly, without a copy into the buffer.
_BUFFER_SIZE = 1024 * 1024


class RawFile(Protocol):
    """An unbuffered binary file as the recorder uses it (what ``open(p, "wb", buffering=0)``
    returns): ``write`` returns how many bytes the OS took (it may take fewer) or raises
    :class:`OSError`."""

    def write(self, data: memoryview, /) -> int | None: ...

    def close(self) -> None: ...


def _open_raw(path: pathlib.Path) -> RawFile:
    return open(path, "wb", buffering=0)


class Recorder:
    """Writes the traffic of a session to ``path``; thread-safe (see the module docstring).

    ``bytes_written`` counts payload bytes (not the record headers) that reached the file: the
    OS accepted them. Bytes still in the recorder's buffer are not counted until a flush (every
    ``flush_interval`` seconds, when the buffer is full, and at :meth:`close`), so after
    ``close()`` it is exact, also after an error. In received-only mode it then matches the RX
    counter. In both-directions mode a record cut short by an error does not count.
    ``opener`` opens the file (tests pass one that fails on purpose).
    """

    def __init__(
        self,
        path: pathlib.Path,
        both_directions: bool = False,
        on_error: Callable[[str], None] | None = None,
        flush_interval: float = 0.5,
        opener: Callable[[pathlib.Path], RawFile] = _open_raw,
    ) -> None:
        self._path = pathlib.Path(path)
        self._both = both_directions
        self._on_error = on_error
        self._flush_interval = flush_interval
        self._opener = opener
        # Several connections' workers write at once; the lock keeps records whole and in order.
        self._lock = threading.Lock()
        self._file: RawFile | None = None
        # The buffer: bytes objects not yet handed to the OS (joined at a flush, one copy).
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._opened = False
        self._last_flush = 0.0
        #: Bytes the OS took into the file so far (headers included).
        self._file_bytes = 0
        #: Bytes handed to the buffer or the file so far (headers included).
        self._queued_bytes = 0
        #: Payload bytes in everything queued so far.
        self._queued_payload = 0
        # Both directions: (file offset where a record ends, payload total up to it), for the
        # records not yet wholly in the file, oldest first.
        self._record_ends: deque[tuple[int, int]] = deque()
        self.bytes_written = 0
        self.error: str | None = None
        #: Whether the session's connections were opened by this side (a client) or by
        #: the peer (a server accepting): written into connection records.
        self.initiator = "peer"
        # Connections whose connection record is written (both-directions mode only).
        self._described: set[int] = set()

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
            handle = self._opener(self._path)
            self._file = handle
            try:
                if self._both:
                    self._queued_bytes = len(MAGIC)
                    self._write_out(MAGIC)
            except OSError:
                self._file = None
                handle.close()
                raise
            self._opened = True
            self._last_flush = time.monotonic()

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        """The recorder as a tap (:mod:`app.traffic.taps`): records ``chunk``; in
        both-directions mode a connection record first when the connection is new."""
        if self._both and chunk.conn_id not in self._described and chunk.data:
            self._described.add(chunk.conn_id)
            info = {"local": str(getattr(link, "local", "")), "peer": link.peer,
                    "initiator": self.initiator}
            self._write_record(CONNECTION_CODE, chunk.conn_id, chunk.t,
                               json.dumps(info).encode())
        self.write(chunk)

    def connection_ended(self, conn_id: int, t: float) -> None:
        """Note that connection ``conn_id`` ended at ``t`` (monotonic); any thread. Only
        connections with a connection record get an end record (both-directions mode)."""
        if conn_id in self._described:
            self._write_record(END_CODE, conn_id, t, b"")

    def _write_record(self, code: bytes, conn_id: int, t: float, payload: bytes) -> None:
        """A connection record: not payload, so :attr:`bytes_written` does not count it."""
        message: str | None = None
        with self._lock:
            if self._file is None:
                return
            try:
                micros = max(0, round(wall_time(t) * 1_000_000))
                self._queue(_RECORD_HEADER.pack(code, conn_id & 0xFFFFFFFF, micros,
                                                len(payload)) + payload)
            except OSError as exc:
                message = self._fail(exc)
        if message is not None:
            self._notify(message)

    def write(self, chunk: Chunk) -> None:
        """Record ``chunk`` (any thread). Never raises; ignored when not active."""
        message: str | None = None
        with self._lock:
            if self._file is None or not chunk.data:
                return
            try:
                if self._both:
                    micros = max(0, round(wall_time(chunk.t) * 1_000_000))
                    # Header and payload as two writes: no copy of a large payload to join them.
                    self._queue(
                        _RECORD_HEADER.pack(
                            _DIRECTION_CODES[chunk.direction],
                            chunk.conn_id & 0xFFFFFFFF,
                            micros,
                            len(chunk.data),
                        )
                    )
                elif chunk.direction is not Direction.RX:
                    return
                self._queue(chunk.data)
                self._queued_payload += len(chunk.data)
                if self._both:
                    self._record_ends.append((self._queued_bytes, self._queued_payload))
                now = time.monotonic()
                if now - self._last_flush >= self._flush_interval:
                    self._flush()
                    self._last_flush = now
            except OSError as exc:
                message = self._fail(exc)
        if message is not None:
            self._notify(message)

    def flush(self) -> int:
        """Hand what is buffered to the OS now, so a reader of the file sees every record so
        far; any thread. Returns the file's size in bytes then (whole records only), 0 when
        not active."""
        message: str | None = None
        with self._lock:
            if self._file is None:
                return 0
            try:
                self._flush()
            except OSError as exc:
                message = self._fail(exc)
            size = self._file_bytes
        if message is not None:
            self._notify(message)
            return 0
        return size

    def close(self) -> None:
        """Flush and close the file; safe to call more than once."""
        message: str | None = None
        with self._lock:
            handle = self._file
            if handle is None:
                return
            try:
                self._flush()
                self._file = None
                handle.close()
            except OSError as exc:
                message = self._fail(exc)
        if message is not None:
            self._notify(message)

    # -- the buffer (all with the lock held) -----------------------------------------------
    def _queue(self, data: bytes) -> None:
        """Append ``data`` to the buffer, or past it to the file when it is large."""
        size = len(data)
        self._queued_bytes += size
        if size >= _BUFFER_SIZE:
            self._flush()
            self._write_out(data)
            return
        # Kept by reference until the flush: only immutable bytes may wait like that.
        self._pending.append(data if type(data) is bytes else bytes(data))
        self._pending_size += size
        if self._pending_size >= _BUFFER_SIZE:
            self._flush()

    def _flush(self) -> None:
        """Hand the buffer to the OS; raises :class:`OSError` (what was taken stays counted)."""
        if self._pending:
            data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
            self._pending.clear()
            self._pending_size = 0
            self._write_out(data)
        self._count_confirmed()

    def _write_out(self, data: bytes | bytearray) -> None:
        """``write()`` until the OS has taken all of ``data``, counting every byte it took."""
        handle = self._file
        assert handle is not None
        view = memoryview(data)
        try:
            while view:
                taken = handle.write(view)
                if not taken:
                    # A regular file takes something or raises; nothing at all means a full
                    # device that did not say so. Never spin on it.
                    raise OSError(errno.ENOSPC, "the file took no more bytes")
                self._file_bytes += taken
                view = view[taken:]
        finally:
            view.release()
            self._count_confirmed()

    def _count_confirmed(self) -> None:
        """Bring :attr:`bytes_written` up to the payload bytes that are in the file."""
        if not self._both:
            self.bytes_written = self._file_bytes
            return
        ends = self._record_ends
        while ends and ends[0][0] <= self._file_bytes:
            self.bytes_written = ends.popleft()[1]

    def _fail(self, exc: OSError) -> str:
        """Stop recording after ``exc`` (lock held); return the message for ``on_error``."""
        handle, self._file = self._file, None
        self._pending.clear()
        self._pending_size = 0
        self._record_ends.clear()
        if handle is not None:
            try:
                handle.close()
            except OSError:
                pass
        reason = exc.strerror or str(exc)
        self.error = QCoreApplication.translate(
            "Recorder",
            "Recording to “{path}” stopped: {reason}. {n} bytes of it reached the file.",
        ).format(path=self._path, reason=reason.rstrip("."), n=f"{self.bytes_written:,}")
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


class Record(NamedTuple):
    """One record of a both-directions recording.

    ``kind`` is ``"rx"``/``"tx"`` (a :class:`~app.traffic.chunk.Direction`), :data:`OPENED`
    (``payload`` is the connection's JSON description) or :data:`ENDED`; ``time_us`` is
    microseconds since the epoch.
    """

    kind: str
    conn_id: int
    time_us: int
    payload: bytes


def read_records(path: pathlib.Path) -> Iterator[tuple[str, int, int, bytes]]:
    """Parse a both-directions recording: yields ``(direction, conn_id, time_us, payload)``.

    ``direction`` is a :class:`~app.traffic.chunk.Direction` (a ``str``: ``"rx"`` or ``"tx"``),
    ``time_us`` microseconds since the epoch. Connection records are skipped (see
    :func:`read_all_records`). Raises :class:`ValueError` with a translated message
    if the file is not such a recording or is truncated or corrupt, and :class:`OSError` if it
    cannot be read.
    """
    for record in read_all_records(path):
        if record.kind in (Direction.RX, Direction.TX):
            yield record.kind, record.conn_id, record.time_us, record.payload


def read_all_records(path: pathlib.Path, limit: int | None = None) -> Iterator[Record]:
    """Every record of a both-directions recording, connection records included, in file
    order; raises as :func:`read_records`. ``limit``: read only the records that begin in the
    file's first ``limit`` bytes (a recording still being written: its size at a flush)."""
    with open(path, "rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ValueError(
                QCoreApplication.translate(
                    "Recorder", "“{path}” is not a SocketScope recording"
                ).format(path=path)
            )
        offset = len(MAGIC)
        while limit is None or offset < limit:
            header = handle.read(_RECORD_HEADER.size)
            if not header:
                return
            if len(header) < _RECORD_HEADER.size:
                raise _corrupt(path, offset)
            code, conn_id, micros, length = _RECORD_HEADER.unpack(header)
            kind = _KIND_BY_CODE.get(code)
            if kind is None:
                raise _corrupt(path, offset)
            payload = handle.read(length)
            if len(payload) < length:
                raise _corrupt(path, offset)
            yield Record(kind, conn_id, micros, payload)
            offset += _RECORD_HEADER.size + length


def _corrupt(path: pathlib.Path, offset: int) -> ValueError:
    return ValueError(
        QCoreApplication.translate(
            "Recorder", "Recording “{path}” is truncated or corrupt at byte {offset}"
        ).format(path=path, offset=offset)
    )
