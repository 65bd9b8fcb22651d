"""The worker base: a plain thread with a stop flag, registered, signals queued to the GUI."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from PySide6.QtCore import QObject, Signal, Slot

from app.net.limits import open_descriptors
from app.workers import Worker, running_threads


class _Ticker(Worker):
    """Emits a tick every 10 ms until stopped."""

    tick = Signal(object)

    def __init__(self) -> None:
        super().__init__("ticker")
        self.ticks = 0
        self.waited_on_itself: bool | None = None

    def run(self) -> None:
        self.waited_on_itself = self.wait(10)
        while not self.stop_event.wait(0.01):
            self.ticks += 1
            self.tick.emit(threading.get_ident())


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.idents: list[int] = []

    @Slot(object)
    def on_tick(self, worker_ident: object) -> None:
        self.idents.append(threading.get_ident())


def test_worker_runs_stops_promptly_and_is_registered(qtbot):
    worker = _Ticker()
    assert not worker.isRunning() and not worker.isFinished()
    assert worker.wait(10)  # never started: nothing to wait for
    worker.start()
    assert worker.isRunning()
    assert worker in running_threads()
    assert worker.objectName() == "ticker"
    qtbot.waitUntil(lambda: worker.ticks >= 3, timeout=5000)
    started = time.monotonic()
    worker.request_stop()
    assert worker.wait(1000)
    assert time.monotonic() - started < 0.5
    assert worker.stopping and worker.isFinished() and not worker.isRunning()
    assert worker not in running_threads()
    assert worker.waited_on_itself is False


def test_signals_from_a_worker_reach_gui_thread_slots(qtbot):
    worker = _Ticker()
    receiver = _Receiver()
    worker.tick.connect(receiver.on_tick)
    in_lambda: list[int] = []
    worker.tick.connect(lambda _ident: in_lambda.append(threading.get_ident()))
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(receiver.idents) >= 2 and len(in_lambda) >= 2,
                        timeout=5000)
    finally:
        worker.request_stop()
        worker.wait(1000)
    main = threading.get_ident()
    assert set(receiver.idents) == {main}
    assert set(in_lambda) == {main}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts /proc/self/fd")
def test_workers_cost_no_descriptor(qtbot):
    before = open_descriptors()
    workers = [_Ticker() for _ in range(10)]
    for w in workers:
        w.start()
    try:
        qtbot.waitUntil(lambda: all(w.ticks >= 1 for w in workers), timeout=5000)
        assert open_descriptors() == before
    finally:
        for w in workers:
            w.request_stop()
        for w in workers:
            assert w.wait(1000)
