"""The keep-alive check box of the TCP server and client pages."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox

from ui.widgets import named


def keep_alive_check() -> QCheckBox:
    """``keepAliveCheck``, checked (keep-alive is on by default)."""
    check = named(QCheckBox(QCoreApplication.translate("KeepAlive", "TCP keep-alive")),
                  "keepAliveCheck",
                  QCoreApplication.translate("KeepAlive", "TCP keep-alive on the connections"))
    check.setChecked(True)
    return check


def describe_timings(idle: int, interval: int, count: int) -> str:
    """The tool tip: what keep-alive does, with the timings in use."""
    return QCoreApplication.translate(
        "KeepAlive",
        "Probe a connection after {idle} s of silence, every {interval} s, and drop it after "
        "{count} unanswered probes, so a device that lost power or coverage does not stay "
        "connected forever. Applies to every connection opened while it is checked.").format(
        idle=idle, interval=interval, count=count)


class _Timings(Protocol):
    @property
    def keep_alive_idle(self) -> int: ...
    @property
    def keep_alive_interval(self) -> int: ...
    @property
    def keep_alive_count(self) -> int: ...


def show_timings(check: QCheckBox, config: _Timings) -> None:
    """Give ``check`` the tool tip for ``config``'s timings, in the language now in force
    (pages call it again when the language changes: the numbers keep it from being found
    by the plain retranslation)."""
    check.setToolTip(describe_timings(config.keep_alive_idle, config.keep_alive_interval,
                                      config.keep_alive_count))
