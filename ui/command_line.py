"""The window's command line: ``--version``, ``--help``, and sessions to open at start.

``socketscope --listen [ADDR:]PORT``, ``--connect HOST:PORT`` and ``--udp [ADDR:]PORT``
(UI-CONTRACT.md "Entry points") open the window with that session already open and its page
current. Endpoints are read by :func:`app.net.endpoints.parse_endpoint`, as the pages read
what users type; a local port may also be 0 (any free port), and a bare ``PORT`` listens on
the kind's default address.

Parsing needs no window: :func:`parse` only reads the arguments, so ``--version``, ``--help``
and bad usage are answered before any display is opened (the caller then needs only a
``QCoreApplication`` for the translations). Exit codes follow ``socketscope-cli``: 0 success,
2 bad usage.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCommandLineOption, QCommandLineParser, QCoreApplication

from app import __version__
from app.net.endpoints import EndpointError, is_ipv6_literal, parse_endpoint
from app.sessions.base import SessionState
from app.sessions.kinds import kind_named

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.pages import SessionPage

_CONTEXT = "CommandLine"
#: Exit code for bad usage (as ``socketscope-cli``).
USAGE_ERROR = 2


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class UsageError(ValueError):
    """The command line cannot be carried out; ``str(exc)`` says why, translated."""


@dataclass(frozen=True)
class StartSession:
    """A session to open at start: its kind's name, the host (None = the kind's default
    address) and the port (0 = any free port, for local endpoints only)."""

    kind: str
    host: str | None
    port: int


@dataclass(frozen=True)
class CommandLine:
    """What the command line asks for: help, the version, or sessions to open (in order)."""

    help: bool = False
    version: bool = False
    sessions: tuple[StartSession, ...] = ()

    @property
    def runs_window(self) -> bool:
        """True unless the command line only asks for help or the version."""
        return not (self.help or self.version)


def _parser() -> tuple[QCommandLineParser, dict[str, QCommandLineOption]]:
    """The parser, its texts translated in the language in force."""
    parser = QCommandLineParser()
    parser.setApplicationDescription(_tr(
        "SocketScope, a network debugging assistant. Without options the window opens with "
        "the pages of the last run."))
    options = {
        "help": QCommandLineOption(["h", "help"], _tr("Show this help and exit.")),
        "version": QCommandLineOption(["v", "version"], _tr("Show the version and exit.")),
        "listen": QCommandLineOption(
            ["listen"], _tr("Open a TCP server listening on [ADDR:]PORT (PORT 0: any free "
                            "port; without ADDR: 0.0.0.0)."), "[ADDR:]PORT"),
        "connect": QCommandLineOption(
            ["connect"], _tr("Open a TCP client connecting to HOST:PORT (IPv6 as "
                             "[::1]:PORT)."), "HOST:PORT"),
        "udp": QCommandLineOption(
            ["udp"], _tr("Open a UDP session bound to [ADDR:]PORT."), "[ADDR:]PORT"),
    }
    for option in options.values():
        parser.addOption(option)
    return parser, options


def help_text() -> str:
    """The ``--help`` text, translated."""
    return _parser()[0].helpText()


def version_text() -> str:
    """The ``--version`` line: ``SocketScope 0.1.0``."""
    return f"SocketScope {__version__}"


def parse(arguments: Sequence[str]) -> CommandLine:
    """Read ``arguments`` (``sys.argv``: the program name first).

    Raises :class:`UsageError` for an unknown option, a missing value, an endpoint that is not
    valid, or a session kind this version does not have (UDP until it exists).
    """
    parser, options = _parser()
    if not parser.parse(list(arguments)):
        raise UsageError(parser.errorText())
    if parser.positionalArguments():
        raise UsageError(_tr("Unexpected argument(s): {arguments}. See --help.").format(
            arguments=" ".join(parser.positionalArguments())))
    if parser.isSet(options["help"]) or parser.isSet(options["version"]):
        return CommandLine(help=parser.isSet(options["help"]),
                           version=parser.isSet(options["version"]))
    # In the order given, so the last one asked for ends up the current page.
    values = {name: list(parser.values(options[name])) for name in ("listen", "connect", "udp")}
    sessions: list[StartSession] = []
    for name in parser.optionNames():
        if name not in values or not values[name]:
            continue
        value = values[name].pop(0)
        if name == "listen":
            host, port = _local_endpoint("--listen", value)
            sessions.append(StartSession("tcp-server", host, port))
        elif name == "connect":
            sessions.append(_remote_session("tcp-client", "--connect", value))
        else:
            try:
                kind_named("udp")
            except ValueError:
                raise UsageError(_tr(
                    "--udp: this version of SocketScope has no UDP sessions yet.")) from None
            host, port = _local_endpoint("--udp", value)
            sessions.append(StartSession("udp", host, port))
    return CommandLine(sessions=tuple(sessions))


def _local_endpoint(option: str, text: str) -> tuple[str | None, int]:
    """``[ADDR:]PORT`` to bind: (address or None, port 0-65535)."""
    text = text.strip()
    if text.isascii() and text.isdecimal():  # a bare port
        if len(text) > 5 or int(text) > 65535:
            raise UsageError(_tr("{option}: port {port} is out of range: a port is a number "
                                 "from 0 to 65535.").format(option=option, port=text))
        return None, int(text)
    head, colon, tail = text.rpartition(":")
    if colon and tail.strip() == "0" and head.strip() and not is_ipv6_literal(text):
        # Port 0 (any free port) is fine for a local endpoint; parse_endpoint, made for
        # remote ones, refuses it, so it reads the address alone.
        host, port = _parse(option, head)
        if port is None:
            return host, 0
    host, port = _parse(option, text)
    if port is None:
        raise UsageError(_tr("{option}: “{text}” has no port: write [ADDR:]PORT, e.g. "
                             "0.0.0.0:8080 or 8080.").format(option=option, text=text))
    return host, port


def _remote_session(kind: str, option: str, text: str) -> StartSession:
    host, port = _parse(option, text)
    if port is None:
        raise UsageError(_tr("{option}: “{text}” has no port: write HOST:PORT, e.g. "
                             "192.168.1.10:8080 or [::1]:8080.").format(option=option,
                                                                      text=text))
    return StartSession(kind, host, port)


def _parse(option: str, text: str) -> tuple[str, int | None]:
    try:
        return parse_endpoint(text)
    except EndpointError as exc:
        raise UsageError(f"{option}: {exc}") from None


def open_sessions(window: MainWindow, sessions: Sequence[StartSession]) -> list[SessionPage]:
    """Open each of ``sessions`` on a page of ``window``; the last one's page becomes current.

    Each takes the first closed page of its kind (a fresh window has one of each), else a new
    page; the page shows the endpoint (its other settings stay) and opens as if its open
    button were clicked, so errors (port in use, …) show on the page. Returns the pages.
    """
    from ui.pages import page_kind, page_kind_of

    used: list[SessionPage] = []
    for request in sessions:
        entry = page_kind(request.kind)
        page = next((p for p in window.pages()
                     if page_kind_of(p) is entry and p not in used
                     and p.session.state == SessionState.CLOSED), None)
        if page is None:
            page = window.add_page(request.kind)
        # Every kind's config has host and port fields (app.sessions.kinds).
        default_host = getattr(entry.kind.config_type(), "host")  # noqa: B009
        host = request.host if request.host is not None else default_host
        config = dataclasses.replace(page.config(), host=host,  # type: ignore[type-var]
                                     port=request.port)
        page.apply_config(config)
        window.tabs.setCurrentWidget(page)
        page.toggle_open()
        used.append(page)
    return used
