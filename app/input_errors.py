"""Errors for bad user input in the send box, carrying where in the input the problem is.

The UI uses :attr:`InputError.position` and :attr:`InputError.length` to select the offending
characters in the editor, so the user sees *what* is wrong and *where* instead of a guess.
"""

from __future__ import annotations


class InputError(ValueError):
    """User input that cannot be turned into bytes.

    ``position`` is the 0-based index into the user's input string of the first bad character,
    ``length`` the number of characters in the bad span (at least 1), and ``message`` a
    translated, human-readable explanation (positions in it are 1-based), also ``str(self)``.
    """

    def __init__(self, message: str, position: int = 0, length: int = 1) -> None:
        super().__init__(message)
        self.message: str = message
        self.position: int = max(0, position)
        # A zero-length span could not be highlighted, so we always point at something.
        self.length: int = max(1, length)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, position={self.position}, "
            f"length={self.length})"
        )


class HexInputError(InputError):
    """Hex input with a bad character, an odd number of digits or an empty ``0x``."""


class EscapeError(InputError):
    """Text input with an unknown or incomplete backslash escape."""


class EncodeInputError(InputError):
    """Text that the chosen encoding cannot represent, or an unknown encoding name."""
