"""Reading a quick-command file in a worker thread, so a large file never freezes the window.

Checking every command of a file of some megabytes (hex parsed, text encoded) takes seconds;
:class:`QuickCommandLoader` does it off the GUI thread and reports once, through :attr:`done`.
"""

from __future__ import annotations

import logging
import pathlib

from PySide6.QtCore import QCoreApplication, QThread, Signal

from app.send.quick_commands import QuickCommandFileError, import_commands
from app.workers import track

_log = logging.getLogger(__name__)


class QuickCommandLoader(QThread):
    """Runs :func:`~app.send.quick_commands.import_commands` on ``path`` in its own thread.

    Emits :attr:`done` exactly once, then ends. Reading cannot be cancelled, but it is bounded
    by :data:`~app.send.quick_commands.MAX_FILE_BYTES`; :meth:`wait` before dropping it.
    """

    #: Finished: (list of QuickCommand, "") on success, ([], the problem in words) otherwise.
    done = Signal(object, str)

    def __init__(self, path: pathlib.Path) -> None:
        super().__init__()
        self.setObjectName("quick-command-import")
        track(self)
        self.path = pathlib.Path(path)

    def run(self) -> None:
        try:
            commands = import_commands(self.path)
        except QuickCommandFileError as exc:
            self.done.emit([], exc.message)
            return
        except Exception as exc:  # a bug must still end in a message, not a silent thread
            _log.exception("importing quick commands from %s failed", self.path)
            self.done.emit([], QCoreApplication.translate(
                "QuickCommands", "Could not import “{path}”: {reason}").format(
                    path=str(self.path), reason=str(exc) or type(exc).__name__))
            return
        self.done.emit(commands, "")
