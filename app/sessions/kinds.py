"""The kinds of session, in one explicit list: a new kind is new files plus one line here.

Each kind names its config dataclass and its session class, so the window, the command line
and stored settings all go from a kind's name (``"tcp-server"``) to what they need. A spec
such as ``tcp-server@0.0.0.0:8080`` names a kind and its endpoint in one string (the shape
of mitmproxy's ``reverse:…@…`` modes), for the command line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.sessions.base import Session
from app.sessions.config import (
    SessionConfig,
    TcpClientConfig,
    TcpRelayConfig,
    TcpServerConfig,
    UdpConfig,
)
from app.sessions.tcp_client import TcpClientSession
from app.sessions.tcp_relay import TcpRelaySession
from app.sessions.tcp_server import TcpServerSession
from app.sessions.udp import UdpSession

_CONTEXT = "SessionSpec"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True)
class SessionKind:
    """One kind of session: its name in specs and settings, its config and session class.

    The config has ``host`` and ``port`` fields: the endpoint a spec names.
    """

    name: str
    config_type: type[SessionConfig]
    session_type: type[Session]


#: Every kind, in the order a fresh window shows them.
KINDS: tuple[SessionKind, ...] = (
    SessionKind("tcp-server", TcpServerConfig, TcpServerSession),
    SessionKind("tcp-client", TcpClientConfig, TcpClientSession),
    SessionKind("udp", UdpConfig, UdpSession),
    SessionKind("tcp-relay", TcpRelayConfig, TcpRelaySession),
)


def kind_named(name: str) -> SessionKind:
    """The kind called ``name``; raises ``ValueError`` naming the known kinds."""
    for kind in KINDS:
        if kind.name == name:
            return kind
    raise ValueError(_tr("Unknown session kind \u201c{name}\u201d; known kinds: {known}.").format(
        name=name, known=", ".join(k.name for k in KINDS)))


def parse_spec(spec: str) -> tuple[SessionKind, SessionConfig]:
    """``KIND@[HOST:]PORT`` as a kind and its config; raises ``ValueError`` saying what is wrong.

    ``tcp-server@0.0.0.0:8080``, ``tcp-client@example.com:80``, IPv6 in brackets:
    ``tcp-client@[::1]:9000``. Without a host the kind's default host is used
    (``tcp-server@8080``). Other fields of the config take their defaults.
    """
    name, at, endpoint = spec.strip().partition("@")
    if not at:
        raise ValueError(_tr(
            "\u201c{spec}\u201d is not a session spec: write KIND@[HOST:]PORT, "
            "e.g. tcp-server@0.0.0.0:8080.").format(spec=spec))
    kind = kind_named(name.strip())
    host, port_text = _split_endpoint(endpoint.strip(), spec)
    digits = port_text.isascii() and port_text.isdecimal() and len(port_text) <= 5
    if not digits or int(port_text) > 65535:
        raise ValueError(_tr(
            "Bad port \u201c{port}\u201d in \u201c{spec}\u201d: a port is a whole number "
            "from 0 to 65535.").format(port=port_text, spec=spec))
    values: dict[str, object] = {"port": int(port_text)}
    if host:
        values["host"] = host
    try:
        config = dataclasses.replace(kind.config_type(), **values)  # type: ignore[type-var]
    except ValueError as exc:
        raise ValueError(_tr("Bad value in \u201c{spec}\u201d: {problem}").format(
            spec=spec, problem=exc)) from exc
    return kind, config


def _split_endpoint(endpoint: str, spec: str) -> tuple[str, str]:
    """``[HOST:]PORT`` as (host or "", port text); IPv6 hosts must be in brackets."""
    if endpoint.startswith("["):
        close = endpoint.find("]")
        if close < 0 or endpoint[close + 1:close + 2] != ":":
            raise ValueError(_tr(
                "Bad endpoint in \u201c{spec}\u201d: write an IPv6 address in brackets "
                "followed by the port, e.g. [::1]:9000.").format(spec=spec))
        return endpoint[1:close], endpoint[close + 2:]
    host, colon, port = endpoint.rpartition(":")
    if ":" in host:
        raise ValueError(_tr(
            "Bad endpoint in \u201c{spec}\u201d: write an IPv6 address in brackets "
            "followed by the port, e.g. [::1]:9000.").format(spec=spec))
    return host, port
