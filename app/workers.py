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

A worker never dies silently: whatever escapes :meth:`Worker.run` is logged with its
traceback (Python ``logging``, for developers), turned into words by :meth:`Worker.on_crash`
through the worker's own end signal (``failed``, ``done``, ``ended``) that its owner already
handles, and reported as :attr:`Worker.crashed`. And a worker outlives its thread: an owner
may stop waiting for it (a host-name lookup cannot be interrupted) and drop it, but the
worker is released only in the GUI thread, after everything it emitted has been delivered
there, so a late signal never names an object that is gone and a QObject is never destroyed
by a thread that does not own it.
"""

from __future__ import annotations

import logging
import threading
import weakref

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

_log = logging.getLogger(__name__)


class Worker(QObject):
    """One blocking loop in its own (plain Python) thread, with a stop flag.

    Subclasses implement :meth:`run`, which must look at :attr:`stop_event` at least every
    ~0.25 s (a socket timeout, ``stop_event.wait(t)``) so that a stop takes effect promptly.
    The methods are named as QThread's (``start``, ``wait``, ``isRunning``, ``isFinished``),
    so callers did not change when the workers stopped being QThreads.

    Any exception escaping :meth:`run` is caught here: it is logged with its traceback,
    :meth:`on_crash` turns it into the worker's usual way of ending (each kind overrides it
    so that its owner hears of it through the signal it already handles), and :attr:`crashed`
    is emitted.
    """

    #: :meth:`run` raised: what stopped and why, in words (the traceback is in the log).
    #: Emitted after :meth:`on_crash`, from the worker's thread.
    crashed = Signal(str)
    #: The thread's very last signal, carrying the worker: queued behind everything else it
    #: emitted, it tells the GUI thread when the worker may be dropped (see :class:`_Keeper`).
    _lastSignal = Signal(object)

    def __init__(self, name: str, stop_event: threading.Event | None = None) -> None:
        """``name`` names the thread and the object (shown in leak reports); workers that
        must stop together (a connection's receive and send loops) share one ``stop_event``."""
        super().__init__()
        self.setObjectName(name)
        #: Set to ask the loop to end.
        self.stop_event = stop_event if stop_event is not None else threading.Event()
        #: What :meth:`run` raised, in words ("" unless it crashed); set before :attr:`crashed`.
        self.crash_message = ""
        self._name = name
        # Daemon: a worker stuck in a system call must never keep the process from exiting;
        # sessions stop and wait for their workers before the window closes.
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        self._lastSignal.connect(_keeper().release)
        track(self)

    def run(self) -> None:
        """The loop; runs in the worker thread."""
        raise NotImplementedError

    def task(self) -> str:
        """What the worker does, in words, to complete "Internal error while …"."""
        return self._name

    def on_crash(self, message: str) -> None:
        """:meth:`run` raised; ``message`` says so in words. Runs in the worker's thread.

        Subclasses end here the way their owner expects to hear of an end (emit ``failed``,
        ``done``, close their socket…), so that the owner ends in a sane state without
        knowing about crashes. The default does nothing.
        """

    def _main(self) -> None:
        try:
            self.run()
        except Exception as exc:  # anything: a worker must never die unreported
            self._crash(exc)
        finally:
            _alive.add(self)  # released in the GUI thread, see _Keeper.release
            try:
                self._lastSignal.emit(self)
            except RuntimeError:  # its C++ half is gone (interpreter shutdown): nobody to tell
                _alive.discard(self)

    def _crash(self, exc: Exception) -> None:
        try:
            task = self.task()
        except Exception:
            task = self._name
        message = crash_text(task, exc)
        self.crash_message = message
        _log.error("worker %s crashed: %s", self._name, message, exc_info=exc)
        try:
            self.on_crash(message)
        except Exception:
            _log.exception("worker %s: ending after the crash failed too", self._name)
        self.crashed.emit(message)

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


def crash_text(task: str, exc: BaseException) -> str:
    """"Internal error while ``task``: ``ExceptionType: text``", translated."""
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return QCoreApplication.translate("Worker", "Internal error while {task}: {error}").format(
        task=task, error=detail)


#: Workers whose thread has ended but whose last signal has not reached the GUI thread yet.
_alive: set[Worker] = set()


class _Keeper(QObject):
    """Lives in the GUI thread and drops each finished worker there (see :class:`Worker`)."""

    @Slot(object)
    def release(self, worker: Worker) -> None:
        # Queued behind every signal the worker emitted before. Its thread is past its last
        # statement: join it so the worker is not still referenced from there, then drop it.
        worker.wait(1000)
        _alive.discard(worker)


_the_keeper: _Keeper | None = None


def _keeper() -> _Keeper:
    global _the_keeper
    if _the_keeper is None:
        _the_keeper = _Keeper()
        app = QCoreApplication.instance()
        if app is not None and _the_keeper.thread() is not app.thread():
            _the_keeper.moveToThread(app.thread())
    return _the_keeper


_threads: weakref.WeakSet[Worker | QThread] = weakref.WeakSet()


def track(thread: Worker | QThread) -> None:
    """Remember ``thread`` (every :class:`Worker` does this itself; a QThread-based worker
    calls it from its constructor)."""
    _threads.add(thread)


def running_threads() -> list[Worker | QThread]:
    """Workers that are still running."""
    return [t for t in list(_threads) if t.isRunning()]
