"""A session's periodic and file sends: started, stopped and torn down by the session.

They belong to the session, not to a widget, so the command line can run them too and
closing the session always stops them.
"""

from __future__ import annotations

import pathlib
import threading
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from app.send.file_send import CHUNK, FileSender
from app.send.periodic import PeriodicSender
from app.send.targets import Targets
from app.workers import Worker

if TYPE_CHECKING:
    from app.sessions.base import Session


def _nobody_reason(kind: str, targets: Targets) -> str:
    """Why a job to ``targets`` ended when nobody took a send ("" for the default words)."""
    if targets.is_all:
        return ""
    if kind == "periodic":
        return QCoreApplication.translate(
            "SendJobs", "Periodic send stopped: the selected client(s) have left.")
    return QCoreApplication.translate(
        "SendJobs", "File send stopped: the selected client(s) have left.")


class SendJobs(QObject):
    """The periodic send and the file send of one session, at most one of each at a time.

    Lives in the GUI thread with its session. The workers call ``session.send(data, targets)``
    from their own threads (it is thread-safe). Each job's ``…Done`` signal fires exactly
    once: when it ends by itself (count reached, file sent, nobody left, file unreadable,
    cancelled) or, synchronously, when it is stopped with :meth:`stop_periodic` / :meth:`stop`.
    """

    #: Periodic sends made so far (at most ~20 times a second). Counts and byte counts here
    #: travel as ``object``: Qt's ``int`` is 32 bits (a 3 GiB file send went negative).
    periodicProgress = Signal(object)
    #: A periodic send ended: sends made, and why in words ("" when the count was reached
    #: or it was stopped on request).
    periodicDone = Signal(object, str)
    #: (bytes handed to the connections so far, file size), at most ~20 times a second.
    fileProgress = Signal(object, object)
    #: A file send ended: bytes handed over, and why in words ("" when the whole file went).
    fileDone = Signal(object, str)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        # Weak: a cycle session -> jobs -> session would leave sessions to the cyclic garbage
        # collector, which may then destroy their timers from whatever thread it runs in.
        self._session_ref = weakref.ref(session)
        self._periodic: PeriodicSender | None = None
        self._file: FileSender | None = None
        self._periodic_targets: Targets | None = None
        self._file_targets: Targets | None = None
        #: The file send in progress, for its summary entry: path, start (monotonic), the
        #: connections it went to when it started.
        self._file_log: tuple[pathlib.Path, float, list[int]] = (pathlib.Path(), 0.0, [])
        # Stopped workers whose queued signals may still arrive: kept alive until their own
        # done signal is delivered, so a late signal never names a deleted object.
        self._retired: list[Worker] = []

    # -- state -----------------------------------------------------------------------------
    @property
    def periodic_running(self) -> bool:
        return self._periodic is not None

    @property
    def file_running(self) -> bool:
        return self._file is not None

    def _has_target(self, targets: Targets) -> bool:
        session = self._session_ref()
        return session is not None and bool(session.live_targets(targets))

    def _sender_of(self, targets: Targets, stop: threading.Event,
                   wait_for_session: bool = False, log: bool = True
                   ) -> Callable[[bytes], int]:
        """``send(data)`` for a worker thread; 0 once the session is gone.

        A connection whose send queue is full makes it wait for room (back-pressure) until
        ``stop`` (the worker's stop event) is set.

        With ``wait_for_session``, a send to chosen connections that reaches nobody while
        one of them is still listed (closing, its end not yet handled) gives -1, "skip this
        one": the session then ends the job in :meth:`stop_orphaned`, after it has said who
        left, so the user reads why the job stopped last, every time.
        """
        ref = self._session_ref

        def send(data: bytes) -> int:
            session = ref()
            if session is None:
                return 0
            took = session.send(data, targets, log, wait=stop)
            if took == 0 and wait_for_session and (session.reconnects() or (
                    not targets.is_all and session.live_targets(targets))):
                return -1
            return took

        return send

    def _queued_of(self) -> Callable[[], int]:
        """``queued()`` for a worker thread: bytes not yet written, 0 once the session is gone."""
        ref = self._session_ref

        def queued() -> int:
            session = ref()
            return 0 if session is None else session.queued_bytes()

        return queued

    # -- periodic --------------------------------------------------------------------------
    def start_periodic(self, payload: bytes, interval_s: float, count: int,
                       targets: Targets) -> bool:
        """Send ``payload`` now and every ``interval_s`` seconds, ``count`` times (0 = until
        stopped), to ``targets``. Returns False, starting nothing, when ``payload`` is empty
        or no target is connected. A periodic send already running is stopped first.
        """
        self.stop_periodic()
        if not payload or not self._has_target(targets):
            return False
        stop = threading.Event()
        sender = PeriodicSender(self._sender_of(targets, stop, wait_for_session=True), payload,
                                interval_s, count,
                                nobody_reason=_nobody_reason("periodic", targets),
                                stop_event=stop)
        sender.progress.connect(self._on_periodic_progress)
        sender.done.connect(self._on_periodic_done)
        self._periodic = sender
        self._periodic_targets = targets
        sender.start()
        return True

    def stop_periodic(self, reason: str = "") -> int:
        """Stop the periodic send and wait for its worker; returns the sends made (0: none ran).

        :attr:`periodicDone` fires before this returns, with ``reason`` if given.
        """
        sender, self._periodic = self._periodic, None
        if sender is None:
            return 0
        sender.request_stop()
        sender.wait()
        self._retired.append(sender)
        self.periodicProgress.emit(sender.sent)
        self.periodicDone.emit(sender.sent, reason or sender.reason)
        return sender.sent

    @Slot(object)
    def _on_periodic_progress(self, sent: int) -> None:
        if self.sender() is self._periodic:
            self.periodicProgress.emit(sent)

    @Slot(object, str)
    def _on_periodic_done(self, sent: int, reason: str) -> None:
        sender = self.sender()
        if self._forget_retired(sender) or sender is not self._periodic:
            return
        self._periodic = None
        if isinstance(sender, Worker):
            sender.wait()
        self.periodicProgress.emit(sent)
        self.periodicDone.emit(sent, reason)

    # -- file ------------------------------------------------------------------------------
    def start_file_send(self, path: pathlib.Path, targets: Targets,
                        chunk_size: int = CHUNK) -> bool:
        """Send the raw bytes of ``path`` to ``targets`` from a worker, with back-pressure.

        Returns False, starting nothing, when no target is connected. A file that cannot be
        read ends the job at once with the reason in :attr:`fileDone`. A file send already
        running is stopped first. Each ``session.send`` gets ``chunk_size`` bytes.
        """
        self._stop_file()
        if not self._has_target(targets):
            return False
        # The chunks make no log entries: the log gets one summary when the send ends.
        stop = threading.Event()
        sender = FileSender(path, self._sender_of(targets, stop, log=False), self._queued_of(),
                            nobody_reason=_nobody_reason("file", targets), stop_event=stop,
                            chunk_size=chunk_size)
        session = self._session_ref()
        self._file_log = (path, time.monotonic(),
                          [] if session is None else session.live_targets(targets))
        sender.progress.connect(self._on_file_progress)
        sender.done.connect(self._on_file_done)
        self._file = sender
        self._file_targets = targets
        sender.start()
        return True

    def cancel_file_send(self) -> None:
        """Ask the file send to stop; :attr:`fileDone` follows with how far it got."""
        if self._file is not None:
            self._file.request_stop()

    def _stop_file(self, reason: str = "") -> None:
        sender, self._file = self._file, None
        if sender is None:
            return
        sender.request_stop()
        sender.wait()
        self._retired.append(sender)
        self.fileProgress.emit(sender.handed, sender.size)
        self._log_file_summary(sender.handed, sender.size, reason or sender.reason)
        self.fileDone.emit(sender.handed, reason or sender.reason)

    @Slot(object, object)
    def _on_file_progress(self, done: int, total: int) -> None:
        if self.sender() is self._file:
            self.fileProgress.emit(done, total)

    @Slot(object, str)
    def _on_file_done(self, handed: int, reason: str) -> None:
        sender = self.sender()
        if self._forget_retired(sender) or sender is not self._file:
            return
        self._file = None
        if isinstance(sender, Worker):
            sender.wait()
        self._log_file_summary(handed, sender.size if isinstance(sender, FileSender) else 0,
                               reason)
        self.fileDone.emit(handed, reason)

    def _log_file_summary(self, handed: int, size: int, reason: str) -> None:
        """One log entry for the whole file send: name, bytes, time taken, and why it stopped
        early if it did (instead of one entry per chunk and connection)."""
        path, started, conn_ids = self._file_log
        self._file_log = (pathlib.Path(), 0.0, [])
        session = self._session_ref()
        if session is None or not conn_ids:
            return
        seconds = time.monotonic() - started
        if handed == size and not reason:
            text = QCoreApplication.translate(
                "SendJobs", "File {name}: {size} bytes sent in {seconds:.2f} s").format(
                name=path.name, size=f"{size:,}", seconds=seconds)
        else:
            text = QCoreApplication.translate(
                "SendJobs", "File {name}: {handed} of {size} bytes sent in {seconds:.2f} s "
                "({reason})").format(name=path.name, handed=f"{handed:,}", size=f"{size:,}",
                                     seconds=seconds, reason=reason.rstrip("."))
        session.log_note_for(conn_ids, text.encode("utf-8"))

    # -- targets leaving and teardown ------------------------------------------------------
    def stop_orphaned(self) -> None:
        """Stop the jobs for chosen connections that have all gone (call when one ends).

        The workers would notice at their next send; stopping here, after the session said
        who left, makes the "why" the last word the user sees.
        """
        periodic, file = self._periodic_targets, self._file_targets
        if self._periodic is not None and periodic is not None and not periodic.is_all \
                and not self._has_target(periodic):
            self.stop_periodic(_nobody_reason("periodic", periodic))
        if self._file is not None and file is not None and not file.is_all \
                and not self._has_target(file):
            self._stop_file(_nobody_reason("file", file))

    def stop(self) -> None:
        """Stop both jobs and wait for their workers (safe to call any number of times)."""
        self.stop_periodic()
        self._stop_file()

    def _forget_retired(self, sender: QObject | None) -> bool:
        for i, retired in enumerate(self._retired):
            if retired is sender:
                del self._retired[i]
                return True
        return False
