"""Running a scenario's steps against one connection of a session, in the GUI thread.

The runner listens to the session's raw traffic (:attr:`Session.chunksArrived`), so what it
checks is every byte received, whatever the log keeps. Each step ends with
:attr:`ScenarioRunner.stepDone`; the run stops at the first step that does not pass.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.scenario.file import ExpectStep, Scenario, SendStep, Step, WaitStep
from app.sessions.base import Session
from app.traffic.chunk import Chunk, Direction

#: How many of the bytes that arrived a failed expect step shows.
SHOWN_BYTES = 64


@dataclass(frozen=True)
class StepResult:
    """How step ``number`` (1-based) went; ``received`` is what had arrived since the
    previous expect step when an expect step ended (at most :data:`SHOWN_BYTES` of it is
    worth showing), ``elapsed`` its duration in seconds, ``reason`` why it failed in words."""

    number: int
    step: Step
    passed: bool
    elapsed: float
    received: bytes = b""
    reason: str = ""


class ScenarioRunner(QObject):
    """Runs ``scenario`` on connection ``conn_id`` of ``session``; call :meth:`start`."""

    #: A step ended: a :class:`StepResult`.
    stepDone = Signal(object)
    #: The run ended: True when every step passed.
    finished = Signal(bool)

    def __init__(self, scenario: Scenario, session: Session, conn_id: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scenario = scenario
        self._session = session
        self._conn_id = conn_id
        self._received = bytearray()
        #: How much of :attr:`_received` a text or hex expect has searched already: each
        #: drain searches only what is new (a flood that never matches would otherwise be
        #: searched again and again, whole, in the GUI thread).
        self._searched = 0
        self._index = -1
        self._started = 0.0
        self._done = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)
        session.chunksArrived.connect(self._on_chunks)
        session.connectionClosed.connect(self._on_connection_closed)

    @property
    def done(self) -> bool:
        return self._done

    def start(self) -> None:
        """Begin with the first step."""
        self._next()

    def stop(self) -> None:
        """Give up (the user interrupted); no further signal."""
        self._done = True
        self._timer.stop()

    def _step(self) -> Step:
        return self._scenario.steps[self._index]

    def _next(self) -> None:
        """Run steps until one has to wait (an expect not met yet, a wait) or the end."""
        while not self._done:
            self._index += 1
            if self._index >= len(self._scenario.steps):
                self._done = True
                self.finished.emit(True)
                return
            self._started = time.monotonic()
            step = self._step()
            if isinstance(step, SendStep):
                if self._session.send(step.data, [self._conn_id]) == 0:
                    self._fail(self.tr("the connection is closed"))
                    return
                self._pass()
            elif isinstance(step, WaitStep):
                self._timer.start(round(step.seconds * 1000))
                return
            else:
                if self._met(step):
                    continue
                if self._closed:
                    self._fail(self.tr("the connection is closed"))
                    return
                self._timer.start(round(step.timeout * 1000))
                return

    def _met(self, step: ExpectStep) -> bool:
        """Pass ``step`` if what arrived satisfies it (and start collecting afresh)."""
        if step.pattern is not None:
            text = bytes(self._received).decode(self._scenario.encoding, "replace")
            found = step.pattern.search(text) is not None
        else:
            start = max(0, self._searched - len(step.needle) + 1)
            found = self._received.find(step.needle, start) >= 0
            self._searched = len(self._received)
        if found:
            self._timer.stop()
            self._pass(bytes(self._received))
            self._received.clear()
            self._searched = 0
        return found

    def _pass(self, received: bytes = b"") -> None:
        self.stepDone.emit(StepResult(self._index + 1, self._step(), True,
                                      time.monotonic() - self._started, received))

    def _fail(self, reason: str) -> None:
        self._done = True
        self._timer.stop()
        self.stepDone.emit(StepResult(self._index + 1, self._step(), False,
                                      time.monotonic() - self._started,
                                      bytes(self._received), reason))
        self.finished.emit(False)

    @Slot()
    def _on_timer(self) -> None:
        if self._done:
            return
        step = self._step()
        if isinstance(step, ExpectStep):
            self._fail(self.tr("not received within {seconds:g} s").format(
                seconds=step.timeout))
        else:
            self._pass()
            self._next()

    @Slot(list)
    def _on_chunks(self, chunks: list[Chunk]) -> None:
        conn_id = self._conn_id
        for chunk in chunks:
            if chunk.conn_id == conn_id and chunk.direction is Direction.RX:
                self._received += chunk.data
        if self._done or not 0 <= self._index < len(self._scenario.steps):
            return
        step = self._step()
        if isinstance(step, ExpectStep) and self._timer.isActive() and self._met(step):
            self._next()

    @Slot(object)
    def _on_connection_closed(self, conn: object) -> None:
        if getattr(conn, "conn_id", None) != self._conn_id:
            return
        self._closed = True
        if self._done or not 0 <= self._index < len(self._scenario.steps):
            return
        step = self._step()
        if isinstance(step, ExpectStep) and self._timer.isActive():
            # What arrived before the close was drained before this signal: judge it first.
            if self._met(step):
                self._next()
            else:
                self._fail(self.tr("the connection was closed by the peer"))
