"""Export (pcapng) of a session's TCP traffic, in a worker thread.

Two sources, best first:

* a **both-directions recording** that is running (:mod:`app.traffic.recorder`): every byte
  since the recording began, exact, with each connection's real addresses. The recorder is
  flushed in the GUI thread and the file's size taken then; the worker converts that prefix
  (whole records only) with :func:`app.traffic.pcapng.convert_recording`.
* otherwise **what the log holds**: a snapshot of the store's entries (recent traffic within
  its memory budget). Connection events give the handshake and the FINs at their times, data
  entries the segments. Entries that are not one connection's bytes are left out and counted:
  a send to several clients is one entry under "→ N clients", a file send one line of words.

The GUI thread only takes the snapshot (a list of immutable entries and the endpoints); the
packets are built and written in :class:`PcapngExportThread`.
"""

from __future__ import annotations

import os
import pathlib
import threading
import time
from dataclasses import dataclass
from typing import BinaryIO

from PySide6.QtCore import QCoreApplication, Signal

from app.traffic.chunk import Direction, NoteText, wall_time
from app.traffic.events import EventKind
from app.traffic.log_store import LogEntry
from app.traffic.pcapng import PcapngWriter, _placeholder, convert_recording, parse_host_port
from app.workers import Worker

#: Entries, and entry bytes, written between two pauses of :data:`PAUSE_S`. Building packets
#: is Python holding the interpreter lock; without pauses the GUI thread waits for it (as in
#: :mod:`app.traffic.log_saver`).
BATCH_ENTRIES = 1000
BATCH_BYTES = 256 * 1024
PAUSE_S = 0.001


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: ``packets`` in the file, ``skipped`` log entries left out (not
    one connection's bytes), ``from_recording`` whether the recording was the source."""

    packets: int
    skipped: int
    from_recording: bool


def _micros(t: float) -> int:
    return max(0, round(wall_time(t) * 1_000_000))


def write_log_pcapng(out: BinaryIO, entries: list[LogEntry],
                     endpoints: dict[int, tuple[str, str]], initiator: str = "peer",
                     stop: threading.Event | None = None) -> tuple[int, int]:
    """Write the log ``entries`` (oldest first) to ``out`` as pcapng.

    ``endpoints`` maps a connection id to its ``(local, peer)`` ``host:port`` labels; a
    connection without them gets placeholder addresses. ``initiator`` (``"local"`` or
    ``"peer"``) sends the SYN. Returns ``(packets, skipped entries)``; raises
    :class:`OSError` from writing. Setting ``stop`` ends it early (the file is then short).
    """
    writer = PcapngWriter(out)
    skipped = 0
    count = size = 0
    for entry in entries:
        count += 1
        size += len(entry.data)
        if count >= BATCH_ENTRIES or size >= BATCH_BYTES:
            if stop is not None and stop.is_set():
                break
            time.sleep(PAUSE_S)
            count = size = 0
        ends = endpoints.get(entry.conn_id)
        if ends is None:
            skipped += entry.event is None  # a send to several clients: no one connection
            continue
        local = parse_host_port(ends[0]) or _placeholder(entry.conn_id, True)
        peer = parse_host_port(ends[1]) or _placeholder(entry.conn_id, False)
        time_us = _micros(entry.t)
        if entry.event is not None:
            if entry.event.kind is EventKind.CONNECTED:
                writer.tcp_open(entry.conn_id, local, peer, time_us, initiator)
            elif entry.event.kind is EventKind.CLOSED:
                writer.tcp_close(entry.conn_id, time_us)
            continue
        if isinstance(entry.data, NoteText) or not entry.data:
            skipped += 1
            continue
        if not writer.knows(entry.conn_id):
            writer.tcp_open(entry.conn_id, local, peer, time_us, initiator)
        writer.tcp_data(entry.conn_id, entry.direction is Direction.TX, entry.data, time_us)
    return writer.packets, skipped


class PcapngExportThread(Worker):
    """Writes a pcapng file from a log snapshot or from a recording's first ``limit`` bytes.

    Give either ``entries`` (with ``endpoints``) or ``recording``. The file is written as
    ``path`` + ``.part`` and renamed when complete, so a failed export leaves no file.
    """

    #: The export ended: (True, "", :class:`ExportResult`) or (False, the reason, None).
    done = Signal(bool, str, object)

    def __init__(self, path: pathlib.Path, entries: list[LogEntry] | None = None,
                 endpoints: dict[int, tuple[str, str]] | None = None,
                 initiator: str = "peer", recording: pathlib.Path | None = None,
                 limit: int | None = None) -> None:
        super().__init__("pcapng-export")
        self._path = pathlib.Path(path)
        self._entries = entries or []
        self._endpoints = endpoints or {}
        self._initiator = initiator
        self._recording = recording
        self._limit = limit

    @property
    def path(self) -> pathlib.Path:
        return self._path

    def task(self) -> str:
        return QCoreApplication.translate("PcapngExportThread", "exporting pcapng")

    def on_crash(self, message: str) -> None:
        self._discard()
        self.done.emit(False, message, None)

    def _part(self) -> pathlib.Path:
        return self._path.with_name(self._path.name + ".part")

    def _discard(self) -> None:
        try:
            self._part().unlink()
        except OSError:
            pass

    def run(self) -> None:
        try:
            with open(self._part(), "wb") as out:
                if self._recording is not None:
                    packets, _unknown = convert_recording(self._recording, out, self._limit)
                    result = ExportResult(packets, 0, True)
                else:
                    packets, skipped = write_log_pcapng(out, self._entries, self._endpoints,
                                                        self._initiator, self.stop_event)
                    result = ExportResult(packets, skipped, False)
            if self.stop_event.is_set():  # the page is closing: no half file
                self._discard()
                self.done.emit(False, QCoreApplication.translate(
                    "PcapngExportThread", "stopped"), None)
                return
            os.replace(self._part(), self._path)
        except (OSError, ValueError) as exc:
            self._discard()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.done.emit(False, reason, None)
            return
        self.done.emit(True, "", result)
