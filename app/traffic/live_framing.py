"""Framing one connection's received stream where it arrives: in its receive worker.

:class:`LiveFraming` wraps a :class:`~app.traffic.framing.Framer` for a receive loop. Every
decision is taken on arrival times (``time.monotonic()`` values the loop passes in), never on
when the GUI thread gets round to it: ``false``, then ``\\r\\n`` 0.8 s later, is two entries in
LF framing (the partial line waited longer than its 0.5 s timeout) whatever the window is busy
with, and one entry when the ``\\r\\n`` comes 0.3 s later.

The loop uses it like this (see ``app/net/tcp_connection.py``)::

    live = LiveFraming(config)
    while running:
        if wanted_config is not live.config:       # the user changed the framing
            hand_over(live.reconfigure(wanted_config))   # pending bytes, under the old framing
        sock.settimeout(live.wait(time.monotonic(), POLL_INTERVAL))
        try:
            data = sock.recv(...)
        except TimeoutError:
            hand_over(live.due(time.monotonic()))   # a partial line or idle merge is due
            continue
        hand_over(live.feed(data, time.monotonic()))
    hand_over(live.close())                         # before the end is reported

It is used by one thread only and has no lock; the configuration is handed over by replacing
an attribute the loop reads (an atomic reference swap).
"""

from __future__ import annotations

from app.traffic.framing import FrameRun, FramingConfig, single_runs

#: Shortest receive timeout: 0 would make the socket non-blocking instead.
MIN_WAIT = 0.001


class LiveFraming:
    """The framer of one live stream, driven by arrival times (see the module docstring)."""

    __slots__ = ("_config", "_framer")

    def __init__(self, config: FramingConfig) -> None:
        self._config = config
        self._framer = config.framer()

    @property
    def config(self) -> FramingConfig:
        """The configuration in force."""
        return self._config

    @property
    def pending_bytes(self) -> int:
        """Bytes waiting for a delimiter or an idle gap."""
        return self._framer.pending_bytes

    def feed(self, data: bytes, t: float) -> list[FrameRun]:
        """One read that arrived at ``t``: what was due before it, then the frames it completes."""
        framer = self._framer
        runs = single_runs(framer.flush_due(t)) if framer.pending_bytes else []
        runs += framer.feed_runs(data, t)
        return runs

    def due(self, now: float) -> list[FrameRun]:
        """Frames whose quiet time has run out at ``now`` (call when ``recv`` timed out)."""
        return single_runs(self._framer.flush_due(now))

    def wait(self, now: float, longest: float) -> float:
        """How long the next ``recv`` may block: ``longest``, or less when a frame falls due."""
        deadline = self._framer.pending_deadline()
        if deadline is None:
            return longest
        return min(longest, max(MIN_WAIT, deadline - now))

    def reconfigure(self, config: FramingConfig) -> list[FrameRun]:
        """Use ``config`` from now on; returns what was pending, framed the old way."""
        runs = self.close()
        self._config = config
        self._framer = config.framer()
        return runs

    def close(self) -> list[FrameRun]:
        """Everything pending as frames (the stream ended)."""
        return single_runs(self._framer.flush())
