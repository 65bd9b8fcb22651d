"""Python's cyclic garbage collection, run from the event loop instead of at random moments.

PySide6 can deadlock when a cyclic collection happens inside a Qt call that holds Qt's
signal-slot lock: ``QObject::disconnect`` calls back into Python, the callback allocates, the
collector runs and destroys an unreachable ``QObject`` whose destructor wants the same
(non-recursive) lock — the thread waits on itself for ever (seen in the test suite: a
``qtbot.waitSignal`` cleanup hung in ``QBasicMutex::lockInternal`` under ``~QObject``). With
automatic collection off and a timer collecting from the event loop, collection never runs
inside such a call, in the GUI thread or in a worker. Reference counting still frees almost
everything at once; the timer only finds cycles.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the event loop collects the youngest generation (ms); older generations follow
#: Python's own thresholds, checked at the same moments.
INTERVAL_MS = 500


class GcGuard(QObject):
    """Turns automatic collection off and collects from a timer; :meth:`uninstall` undoes it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> int:
        """Collect as automatic collection would have by now; returns objects found."""
        threshold0, threshold1, threshold2 = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count2 >= threshold2:
            return gc.collect(2)
        if count1 >= threshold1:
            return gc.collect(1)
        return gc.collect(0)

    def uninstall(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
