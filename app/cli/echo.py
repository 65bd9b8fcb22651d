"""The ``--echo`` tap of ``serve``: every received chunk goes back to the connection it came
from, from the worker that received it (no round trip through the GUI thread)."""

from __future__ import annotations

from app.traffic.chunk import Chunk, Direction
from app.traffic.taps import Link


class EchoTap:
    """Sends each received chunk back, byte for byte (thread-safe: it keeps no state)."""

    def on_chunk(self, chunk: Chunk, link: Link) -> None:
        if chunk.direction is Direction.RX and chunk.data:
            link.send(chunk.data)
