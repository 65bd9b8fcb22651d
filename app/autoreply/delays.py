"""Replies that wait (``delay_ms``): one worker sends each when it falls due.

The receive worker that made a reply must not sleep (that connection would stop reading), so
a delayed reply is queued here. The worker starts with the first delayed reply and is stopped
by :meth:`DelayedSends.stop` (the session's close).
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable

from app.workers import Worker

#: The longest the worker sleeps before it looks at its stop flag again.
_POLL = 0.25


class DelayedSends(Worker):
    """Runs ``action()`` at a monotonic time; actions run in this worker, in time order."""

    def __init__(self) -> None:
        super().__init__("autoreply-delays")
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()

    def add(self, due: float, action: Callable[[], None]) -> None:
        """Run ``action`` at ``due`` (``time.monotonic()`` seconds); any thread."""
        with self._cond:
            heapq.heappush(self._heap, (due, next(self._seq), action))
            self._cond.notify()

    def stop(self) -> None:
        """Drop what is waiting and end the worker; returns when it has ended."""
        self.request_stop()
        with self._cond:
            self._heap.clear()
            self._cond.notify()
        self.wait()

    def run(self) -> None:
        while not self.stopping:
            with self._cond:
                now = time.monotonic()
                if not self._heap or self._heap[0][0] > now:
                    wait = _POLL if not self._heap else min(_POLL, self._heap[0][0] - now)
                    self._cond.wait(wait)
                    continue
                _due, _seq, action = heapq.heappop(self._heap)
            action()
