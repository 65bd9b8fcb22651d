"""Bytes per second from a session's exact byte counters, sampled about once a second.

The GUI samples the totals it already keeps; nothing here runs per chunk.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

#: Samples kept: one a second for the last minute.
HISTORY_POINTS = 60


@dataclass(frozen=True)
class RatePoint:
    """One sample: received and sent bytes per second over the interval before it."""

    rx: float
    tx: float


class RateHistory:
    """The last ``points`` rates computed from cumulative RX/TX byte totals.

    Feed :meth:`sample` with a monotonic time (seconds) and the two totals. A total that goes
    down (the counters were reset) restarts the measurement from that sample: the interval
    gives rate 0 rather than a negative or invented value.
    """

    def __init__(self, points: int = HISTORY_POINTS) -> None:
        if points < 1:
            raise ValueError(f"a rate history keeps at least one point, not {points}")
        self.points: deque[RatePoint] = deque(maxlen=points)
        self._last: tuple[float, int, int] | None = None

    @property
    def capacity(self) -> int:
        """How many points are kept at most."""
        return self.points.maxlen or 0

    def sample(self, now: float, rx_total: int, tx_total: int) -> RatePoint | None:
        """Record the totals at ``now``; return the rate since the previous sample.

        The first sample only sets the start (returns None); so does a sample at the same
        time as the previous one.
        """
        last, self._last = self._last, (now, rx_total, tx_total)
        if last is None:
            return None
        then, rx_then, tx_then = last
        elapsed = now - then
        if elapsed <= 0:
            self._last = last
            return None
        if rx_total < rx_then or tx_total < tx_then:  # counters reset in between
            point = RatePoint(0.0, 0.0)
        else:
            point = RatePoint((rx_total - rx_then) / elapsed, (tx_total - tx_then) / elapsed)
        self.points.append(point)
        return point

    def latest(self) -> RatePoint:
        """The newest rate, or zero before two samples were taken."""
        return self.points[-1] if self.points else RatePoint(0.0, 0.0)

    def peak(self) -> float:
        """The highest RX or TX rate in the history (0 when empty)."""
        return max((max(p.rx, p.tx) for p in self.points), default=0.0)

    def clear(self) -> None:
        """Forget every point and the last sample."""
        self.points.clear()
        self._last = None


def format_rate(bytes_per_second: float) -> str:
    """A rate for people: ``0 B/s``, ``512 B/s``, ``3.4 KB/s``, ``12.0 MB/s``."""
    if bytes_per_second < 1024:
        return f"{bytes_per_second:.0f} B/s"
    if bytes_per_second < 1024 * 1024:
        return f"{bytes_per_second / 1024:.1f} KB/s"
    return f"{bytes_per_second / (1024 * 1024):.1f} MB/s"
