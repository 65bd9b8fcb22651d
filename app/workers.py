"""A register of the worker threads the core starts, so leaks can be found.

Tests use it to fail when a thread outlives its session; the app could show it in a debug
view. Threads are held weakly: the register never keeps one alive.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QThread

_threads: weakref.WeakSet[QThread] = weakref.WeakSet()


def track(thread: QThread) -> None:
    """Remember ``thread`` (call from its constructor)."""
    _threads.add(thread)


def running_threads() -> list[QThread]:
    """Worker threads that are still running."""
    return [t for t in list(_threads) if t.isRunning()]
