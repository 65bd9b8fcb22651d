"""The session pages, one module per kind, and the one list of page kinds the window uses.

A new kind of page is its module plus one line in :data:`PAGE_KINDS` (and one in the
session kind list, :data:`app.sessions.kinds.KINDS`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, QSettings

from app.sessions.kinds import SessionKind, kind_named
from ui.pages.client_page import ClientPage
from ui.pages.relay_page import RelayPage
from ui.pages.server_page import ServerPage
from ui.pages.session_page import SessionPage
from ui.pages.udp_page import UdpPage
from ui.quick_command_model import QuickCommandModel


class PageFactory(Protocol):
    """How every page class is built (the base class takes its session as well)."""

    def __call__(self, settings: QSettings, object_name: str, *,
                 quick_commands: QuickCommandModel | None = None) -> SessionPage: ...


@dataclass(frozen=True)
class PageKind:
    """How the window shows one kind of session.

    ``base_name`` is the object name of the first page of the kind (UI-CONTRACT.md); further
    pages get ``_2``, ``_3``, … ``title`` and ``action_text`` are called when needed, so they
    are translated in the language in force. ``shortcut`` is a key sequence for the New
    action, or empty.
    """

    kind: SessionKind
    page_type: type[SessionPage]
    base_name: str
    title: Callable[[], str]
    action_text: Callable[[], str]
    shortcut: str = ""
    #: A fresh window shows a page of this kind (else only its New action opens one).
    in_fresh_window: bool = True

    @property
    def name(self) -> str:
        """The session kind's name, e.g. ``"tcp-server"``."""
        return self.kind.name

    @property
    def action_name(self) -> str:
        """The New action's object name: ``tcpServerSession`` → ``newTcpServerAction``."""
        stem = self.base_name.removesuffix("Session")
        return f"new{stem[:1].upper()}{stem[1:]}Action"

    def create(self, settings: QSettings, object_name: str,
               quick_commands: QuickCommandModel | None = None) -> SessionPage:
        """A page of this kind named ``object_name``, its settings read from ``settings``."""
        factory = cast(PageFactory, self.page_type)
        return factory(settings, object_name, quick_commands=quick_commands)


#: Every page kind, in the order a fresh window shows them. The texts keep the window's
#: translation context: they were the window's before this list existed.
PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind(kind_named("tcp-server"), ServerPage, "tcpServerSession",
             lambda: QCoreApplication.translate("MainWindow", "TCP Server"),
             lambda: QCoreApplication.translate("MainWindow", "New TCP &Server")),
    PageKind(kind_named("tcp-client"), ClientPage, "tcpClientSession",
             lambda: QCoreApplication.translate("MainWindow", "TCP Client"),
             lambda: QCoreApplication.translate("MainWindow", "New TCP &Client"),
             shortcut="Ctrl+N"),
    PageKind(kind_named("udp"), UdpPage, "udpSession",
             lambda: QCoreApplication.translate("MainWindow", "UDP"),
             lambda: QCoreApplication.translate("MainWindow", "New &UDP")),
    PageKind(kind_named("tcp-relay"), RelayPage, "tcpRelaySession",
             lambda: QCoreApplication.translate("MainWindow", "TCP Relay"),
             lambda: QCoreApplication.translate("MainWindow", "New TCP &Relay"),
             in_fresh_window=False),
)


def page_kind(name: str) -> PageKind:
    """The page kind of the session kind ``name``; raises ``KeyError`` when there is none."""
    for entry in PAGE_KINDS:
        if entry.name == name:
            return entry
    raise KeyError(name)


def page_kind_of(page: SessionPage) -> PageKind:
    """The page kind whose class ``page`` is; raises ``KeyError`` for a class not listed."""
    for entry in PAGE_KINDS:
        if type(page) is entry.page_type:
            return entry
    raise KeyError(type(page).__name__)


__all__ = ["PAGE_KINDS", "PageKind", "SessionPage", "page_kind", "page_kind_of"]
