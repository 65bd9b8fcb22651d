"""The colours the widgets use to mark problems and notes, in one place.

Every widget takes them from here (no hex colour literals elsewhere in ``ui/``), so a dark
palette later changes one module.
"""

from __future__ import annotations

#: Text of an error: the status line, the send preview, a dialog's complaint.
ERROR_COLOR = "#c62828"
#: Background behind the bad part of the user's input.
ERROR_BACKGROUND = "#ffcdd2"
#: Text of a note that is not an error (what the log did not show).
NOTE_COLOR = "#8a6d00"
#: A connection event in the log (connected, half-closed, closed); errors among them
#: (a reset, a refusal) take ERROR_COLOR.
EVENT_COLOR = "#1565c0"


def error_style(bold: bool = False) -> str:
    """A style sheet for a label showing an error (``bold`` for the status line)."""
    return f"color: {ERROR_COLOR};" + (" font-weight: bold;" if bold else "")


def note_style() -> str:
    """A style sheet for a label showing a note."""
    return f"color: {NOTE_COLOR};"

#: Lines of the live rate chart: received, sent.
RATE_RX_COLOR = "#2e7d32"
RATE_TX_COLOR = "#1565c0"
