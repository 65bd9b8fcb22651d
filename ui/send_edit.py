"""The send box's editor, which keeps input too large for Qt to edit out of the document.

Qt lays a paragraph out whole: one pasted line of 3 MB costs seconds to show and seconds again on
every keystroke (measured: 64 Ki characters without spaces, 0.4 s a key). So a paste or a
recalled entry over :data:`LARGE_INPUT` characters is held as a Python string; the editor shows
a short read-only summary of it until the user clears it (Backspace, Delete or Clear).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

#: Input over this many characters is held outside the editor (see the module docstring).
LARGE_INPUT = 16 * 1024
#: Characters of held input shown at the top of the summary.
SUMMARY_HEAD = 200


class SendEdit(QPlainTextEdit):
    """A plain-text editor whose :meth:`text` may be larger than what it shows.

    ``text()`` is what to send: the held input while there is one, else the editor's text.
    """

    #: Large input was set or cleared (True while the editor shows a summary).
    largeChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._large: str | None = None

    def text(self) -> str:
        """What the user asked to send (never the summary)."""
        return self._large if self._large is not None else self.toPlainText()

    def is_large(self) -> bool:
        """True while the editor shows a summary of held input."""
        return self._large is not None

    def set_text(self, text: str) -> None:
        """Replace the content; over :data:`LARGE_INPUT` characters it is held, not shown."""
        if len(text) > LARGE_INPUT:
            self._hold(text)
            return
        was_large = self._large is not None
        self._large = None
        self.setReadOnly(False)
        self.setPlainText(text)
        if was_large:
            self.largeChanged.emit(False)

    def clear_large(self) -> None:
        """Drop held input and make the editor editable and empty again."""
        if self._large is not None:
            self.set_text("")

    def summary(self, size: int) -> str:
        """The line shown under the head of held input (translatable)."""
        return self.tr("… {n} characters in all: too large to edit here, sent as they are. "
                       "Backspace or Delete clears them.").format(n=f"{size:,}")

    def _hold(self, text: str) -> None:
        self._large = text
        head = text[:SUMMARY_HEAD].replace("\r", " ")
        self.setReadOnly(False)  # setPlainText below must not count as a user edit it refuses
        self.setPlainText(f"{head}\n{self.summary(len(text))}")
        self.setReadOnly(True)
        self.largeChanged.emit(True)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        """A paste or drop that makes the content large is held instead of inserted."""
        if source.hasText() and not self.isReadOnly():
            pasted = source.text()
            if len(pasted) + len(self.toPlainText()) > LARGE_INPUT:
                cursor = self.textCursor()
                current = self.toPlainText()
                start, end = cursor.selectionStart(), cursor.selectionEnd()
                # Qt positions count UTF-16 units; for the rare non-BMP text this is close
                # enough (the whole box is being replaced by a large paste anyway).
                self._hold(current[:start] + pasted + current[end:])  # emits textChanged
                return
        super().insertFromMimeData(source)
