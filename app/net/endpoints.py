"""Writing and reading endpoints as people type them: ``host:port``, IPv6 as ``[::1]:port``.

The app writes every endpoint it shows with :func:`format_endpoint` and reads every endpoint a
user types with :func:`parse_endpoint`, so what the window shows can be pasted back into it.
"""

from __future__ import annotations

import ipaddress
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication

_CONTEXT = "Endpoints"

PORT_MIN, PORT_MAX = 1, 65535


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class EndpointError(ValueError):
    """Text that is not a host or ``host:port``; ``str(exc)`` says why, translated."""


class Endpoint(NamedTuple):
    """A parsed endpoint: ``host`` without brackets, ``port`` or None when none was typed."""

    host: str
    port: int | None


def display_host(host: str) -> str:
    """``host`` as the user would type it: an IPv4-mapped IPv6 address (``::ffff:127.0.0.1``,
    how a dual-stack ``::`` socket reports an IPv4 peer) becomes plain ``127.0.0.1``."""
    if host[:7].lower() == "::ffff:" and "." in host:
        try:
            mapped = ipaddress.IPv6Address(host).ipv4_mapped
        except ValueError:
            return host
        if mapped is not None:
            return str(mapped)
    return host


def format_endpoint(host: str, port: int) -> str:
    """``127.0.0.1:80`` for IPv4 (also IPv4-mapped IPv6) and names, ``[::1]:80`` for IPv6
    (scope ids kept)."""
    host = display_host(host)
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def is_ipv6_literal(host: str) -> bool:
    """True when ``host`` is an IPv6 address literal (brackets and a scope id allowed)."""
    host = host.strip().removeprefix("[").removesuffix("]")
    try:
        ipaddress.IPv6Address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def clean_host(text: str) -> str:
    """The host as the socket layer wants it: trimmed, IPv6 brackets removed."""
    host = text.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host


def parse_endpoint(text: str) -> Endpoint:
    """Read a host with an optional port, in the forms the app itself writes.

    Forms (surrounding spaces ignored):

    - ``example.com``, ``192.168.1.10``, ``::1``, ``fe80::1%eth0``, ``[::1]`` → port None.
      A bare IPv6 address is always a host: ``::1:8080`` is the address ``::1:8080``.
    - ``example.com:8080``, ``192.168.1.10:8080`` → host and port.
    - ``[::1]:8080``, ``[fe80::1%eth0]:8080`` → IPv6 host (without brackets) and port.

    A port is a decimal number from 1 to 65535. Raises :class:`EndpointError` explaining the
    problem in words: empty text, a ``[`` without ``]``, text after ``]`` that is not
    ``:port``, a bracketed host that is not an IPv6 address, several colons that do not make an
    IPv6 address, an empty host or port, a port that is not a number or out of range.
    """
    text = text.strip()
    if not text:
        raise EndpointError(_tr("Enter a host name or address."))
    if text.startswith("["):
        close = text.find("]")
        if close < 0:
            raise EndpointError(_tr(
                "“{text}” has no closing “]”: write an IPv6 address with a port as "
                "[::1]:8080.").format(text=text))
        host, rest = text[1:close], text[close + 1:]
        if not is_ipv6_literal(host):
            raise EndpointError(_tr(
                "“{host}” in brackets is not an IPv6 address: brackets are only for IPv6, "
                "as in [::1]:8080.").format(host=host))
        if not rest:
            return Endpoint(host, None)
        if not rest.startswith(":"):
            raise EndpointError(_tr(
                "After “]” write “:” and the port, as in [::1]:8080, not “{rest}”.").format(
                rest=rest))
        return Endpoint(host, _parse_port(rest[1:], text))
    if text.count(":") > 1:
        if is_ipv6_literal(text):
            return Endpoint(text, None)
        raise EndpointError(_tr(
            "“{text}” is neither host:port nor an IPv6 address. Write an IPv6 address with a "
            "port in brackets, as [::1]:8080.").format(text=text))
    host, colon, port_text = text.partition(":")
    if not colon:
        return Endpoint(text, None)
    if not host.strip():
        raise EndpointError(_tr("No host before “:{port}”: write it as host:port, "
                                "e.g. 192.168.1.10:8080.").format(port=port_text))
    return Endpoint(host.strip(), _parse_port(port_text, text))


def _parse_port(port_text: str, text: str) -> int:
    port_text = port_text.strip()
    if not port_text:
        raise EndpointError(_tr("No port after the “:” in “{text}”: add the port or remove "
                                "the colon.").format(text=text))
    if not (port_text.isascii() and port_text.isdigit()):
        raise EndpointError(_tr("“{port}” is not a port number: a port is a number from "
                                "{low} to {high}.").format(port=port_text, low=PORT_MIN,
                                                           high=PORT_MAX))
    port = int(port_text)
    if not PORT_MIN <= port <= PORT_MAX:
        raise EndpointError(_tr("Port {port} is out of range: a port is a number from "
                                "{low} to {high}.").format(port=port, low=PORT_MIN,
                                                           high=PORT_MAX))
    return port
