"""Building a large payload in a worker thread, so the window never waits for it.

:func:`~app.send.payload.build_payload` takes ~50 ms for 1 MiB given as hex (3 MB of text) and
more for large text with escapes; under :data:`ASYNC_INPUT` characters the send box builds in
the GUI thread (simple, and the result is there at once), above it in a :class:`PayloadJob`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Signal

from app.send.payload import SendSpec, build_payload
from app.workers import Worker

#: Inputs over this many characters are built off the GUI thread.
ASYNC_INPUT = 64 * 1024


class PayloadJob(Worker):
    """Builds ``spec``'s payload once, then emits :attr:`done` and ends.

    ``generation`` is handed back unchanged so the caller can drop results it no longer wants
    (the user typed on, or asked again): the build itself cannot be interrupted.
    """

    #: Built: (generation, bytes), or (generation, the ``ValueError``/``InputError`` raised;
    #: a crash arrives as a ``ValueError`` saying so). The generation travels as ``object``:
    #: Qt's ``int`` is 32 bits.
    done = Signal(object, object)

    def __init__(self, spec: SendSpec, generation: int) -> None:
        super().__init__("payload-build")
        self.spec = spec
        self.generation = generation

    def task(self) -> str:
        return QCoreApplication.translate("PayloadJob", "preparing the data to send")

    def on_crash(self, message: str) -> None:
        self.done.emit(self.generation, ValueError(message))

    def run(self) -> None:
        # Give the interpreter back at once: start() waits until this thread runs, and the
        # build's long C calls would otherwise keep the GUI thread waiting 5-17 ms more.
        time.sleep(0.001)
        result: bytes | ValueError
        try:
            result = build_payload(self.spec)
        except ValueError as exc:  # InputError is a ValueError
            result = exc
        self.done.emit(self.generation, result)
