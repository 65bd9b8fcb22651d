"""Sending the same payload every N milliseconds, timed by a worker thread, not the GUI."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal

from app.workers import Worker

#: Progress is reported at most this often, however short the interval.
PROGRESS_EVERY = 0.05


class PeriodicSender(Worker):
    """Calls ``send(payload)`` every ``interval`` seconds, ``count`` times (0 = until stopped).

    The first send happens at once and counts. The schedule is absolute (no drift from slow
    sends). ``send`` must be safe to call from this thread and return how many connections
    took the payload; 0 means nobody is connected any more, which ends the run (and
    ``nobody_reason``, when given, says so in the caller's words instead of the default); a
    negative value means nobody took this one but the run goes on (it does not count).
    ``send`` may block while a connection's send queue is full (back-pressure); it must
    return when ``stop_event`` is set. :attr:`sent` counts payloads handed to the send
    queues; the page tells "sent" from "queued" by the bytes not yet written.
    """

    #: How many sends so far (coalesced: at most ~20 times a second). Counts travel as
    #: ``object``: Qt's ``int`` is 32 bits.
    progress = Signal(object)
    #: The run ended (also on a crash): sends made, and why in words ("" when the count was
    #: reached).
    done = Signal(object, str)

    def __init__(self, send: Callable[[bytes], int], payload: bytes, interval: float,
                 count: int = 0, nobody_reason: str = "",
                 stop_event: threading.Event | None = None) -> None:
        super().__init__("periodic-send", stop_event)
        self._send = send
        self._payload = payload
        self._interval = max(interval, 0.001)
        self._count = count
        self._nobody_reason = nobody_reason
        self.sent = 0
        #: Why the run ended, in words ("" for the count reached or a stop request); set
        #: before :attr:`done` is emitted, so it is readable after :meth:`wait`.
        self.reason = ""

    def task(self) -> str:
        return QCoreApplication.translate("PeriodicSender", "sending periodically")

    def on_crash(self, message: str) -> None:
        self.reason = message
        self.progress.emit(self.sent)
        self.done.emit(self.sent, message)

    def run(self) -> None:
        reason = ""
        next_at = time.perf_counter()
        last_report = 0.0
        while not self.stopping:
            took = self._send(self._payload)
            if self.stopping and took <= 0:
                break  # stopped while waiting for room: not "nobody is connected"
            if took == 0:
                reason = self._nobody_reason or QCoreApplication.translate(
                    "PeriodicSender", "Periodic send stopped: nobody is connected.")
                break
            if took > 0:
                self.sent += 1
            now = time.perf_counter()
            if now - last_report >= PROGRESS_EVERY:
                last_report = now
                self.progress.emit(self.sent)
            if self._count and self.sent >= self._count:
                break
            next_at += self._interval
            delay = next_at - time.perf_counter()
            if delay < -1.0:
                # Fell far behind (machine asleep, or a full send queue held us): resync.
                next_at = time.perf_counter()
            elif delay > 0 and self.stop_event.wait(delay):
                break
        self.reason = reason
        self.progress.emit(self.sent)
        self.done.emit(self.sent, reason)
