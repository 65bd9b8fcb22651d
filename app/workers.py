"""The base of every worker (one blocking loop in its own thread) and a register of them,
so leaks can be found.

Workers run in plain Python threads, not QThreads: each QThread creates an event dispatcher
with a wake-up descriptor (an eventfd or a pipe on Linux), a Python thread none
(``bench/thread_cost.py`` measures it). With two loops per connection that was two
descriptors per client on top of its socket, and ~400 clients exhausted a soft limit of
1,024. A worker is still a QObject: signals it emits from its thread reach slots of objects
in the GUI thread queued, exactly as from a QThread.

Tests use the register to fail when a worker outlives its session; the app could show it in
a debug view. Workers are held weakly: the register never keeps one alive (a running
thread keeps its worker alive by itself).
"""

from __future__ import annotations

import threading
import weakref

from PySide6.QtCore import QObject, QThread


class Worker(QObject):
    """One blocking loop in its own (plain Python) thread, with a stop flag.

    Subclasses implement :meth:`run`, which must look at :attr:`stop_event` at least every
    ~0.25 s (a socket timeout, ``stop_event.wait(t)``) so that a stop takes effect promptly.
    The methods are named as QThread's (``start``, ``wait``, ``isRunning``, ``isFinished``),
    so callers did not change when the workers stopped being QThreads.
    """

    def __init__(self, name: str, stop_event: threading.Event | None = None) -> None:
        """``name`` names the thread and the object (shown in leak reports); workers that
        must stop together (a connection's receive and send loops) share one ``stop_event``."""
        super().__init__()
        self.setObjectName(name)
        #: Set to ask the loop to end.
        self.stop_event = stop_event if stop_event is not None else threading.Event()
        # Daemon: a worker stuck in a system call must never keep the process from exiting;
        # sessions stop and wait for their workers before the window closes.
        self._thread = threading.Thread(target=self.run, name=name, daemon=True)
        track(self)

    def run(self) -> None:
        """The loop; runs in the worker thread."""
        raise NotImplementedError

    def start(self) -> None:
        """Start :meth:`run` in the worker's thread (once)."""
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the loop to end; safe from any thread, safe twice. Does not wait."""
        self.stop_event.set()

    @property
    def stopping(self) -> bool:
        """True once a stop was requested."""
        return self.stop_event.is_set()

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Block until the loop has ended or ``timeout_ms`` passed (None: no limit).

        True when it has ended or was never started. False when called from the worker's
        own thread (it cannot wait for itself).
        """
        thread = self._thread
        if thread.ident is None:
            return True
        if thread is threading.current_thread():
            return False
        thread.join(None if timeout_ms is None else timeout_ms / 1000)
        return not thread.is_alive()

    def isRunning(self) -> bool:  # QThread's name (see the class docstring)
        """True from :meth:`start` until :meth:`run` has returned."""
        return self._thread.is_alive()

    def isFinished(self) -> bool:  # QThread's name (see the class docstring)
        """True once :meth:`run` has returned."""
        return self._thread.ident is not None and not self._thread.is_alive()


_threads: weakref.WeakSet[Worker | QThread] = weakref.WeakSet()


def track(thread: Worker | QThread) -> None:
    """Remember ``thread`` (every :class:`Worker` does this itself; a QThread-based worker
    calls it from its constructor)."""
    _threads.add(thread)


def running_threads() -> list[Worker | QThread]:
    """Workers that are still running."""
    return [t for t in list(_threads) if t.isRunning()]
