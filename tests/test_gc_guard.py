"""Cyclic garbage collection runs from the event loop, never at a random moment inside Qt."""

from __future__ import annotations

import gc
import weakref

from app.gc_guard import GcGuard


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_and_the_timer_collects_cycles(qtbot):
    was = gc.isenabled()
    gc.enable()
    guard = GcGuard()
    try:
        assert not gc.isenabled()
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        del cycle
        assert gone() is not None  # only a collection frees a cycle
        qtbot.waitUntil(lambda: gone() is None, timeout=3000)
    finally:
        guard.uninstall()
    assert gc.isenabled()
    if not was:
        gc.disable()


def test_collect_follows_the_generation_thresholds(qtbot):
    guard = GcGuard()
    try:
        gc.collect()
        assert guard.collect() >= 0
    finally:
        guard.uninstall()
