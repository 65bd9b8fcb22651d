"""Endpoints as the commands take them: ``[ADDR:]PORT`` to listen on, ``HOST:PORT`` to dial."""

from __future__ import annotations

import dataclasses
import ipaddress
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from app.net.endpoints import EndpointError, parse_endpoint
from app.sessions.config import SessionConfig, TcpClientConfig, TcpServerConfig

_Config = TypeVar("_Config", bound=SessionConfig)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def listen_endpoint(text: str) -> tuple[str, int]:
    """``8080``, ``0.0.0.0:8080``, ``[::]:8080`` as (address or "" when left out, port).

    Raises ValueError in words naming the argument as typed and what is allowed: a port from
    0 to 65535, an IPv6 address in brackets, an address that is one (``300.1.1.1`` is not).
    """
    endpoint = text.strip()
    if endpoint.startswith("["):
        close = endpoint.find("]")
        if close < 0 or endpoint[close + 1:close + 2] != ":":
            raise ValueError(_ipv6_help(text))
        host, port_text = endpoint[1:close], endpoint[close + 2:]
        if not _is_ip(host, 6):
            raise ValueError(_tr(
                "“{host}” in “{text}” is not an IPv6 address: brackets are only for IPv6, "
                "e.g. [::]:9000 or [::1]:9000.").format(host=host, text=text))
    else:
        host, _colon, port_text = endpoint.rpartition(":")
        if ":" in host:
            raise ValueError(_ipv6_help(text))
        if host and not _plausible_host(host):
            raise ValueError(_tr(
                "“{host}” in “{text}” is not an address: write ADDR as an IP address of this "
                "machine (e.g. 0.0.0.0 for all IPv4 interfaces, 127.0.0.1, [::]) or leave it "
                "out.").format(host=host, text=text))
    digits = port_text.isascii() and port_text.isdecimal() and len(port_text) <= 5
    if not digits or int(port_text) > 65535:
        raise ValueError(_tr(
            "“{text}” has no valid port: write [ADDR:]PORT with PORT a whole number from 0 "
            "to 65535 (0: any free port), e.g. 8080 or 0.0.0.0:8080.").format(text=text))
    return host, int(port_text)


def listen_at(config: _Config, text: str) -> _Config:
    """``config`` bound to the ``[ADDR:]PORT`` in ``text`` (its host kept when ADDR is left
    out); ValueError in words (see :func:`listen_endpoint`)."""
    host, port = listen_endpoint(text)
    values: dict[str, object] = {"port": port}
    if host:
        values["host"] = host
    try:
        return dataclasses.replace(config, **values)  # type: ignore[type-var]
    except ValueError as exc:
        raise ValueError(_tr("Bad value in “{text}”: {problem}").format(
            text=text, problem=exc)) from exc


def listen_config(text: str) -> TcpServerConfig:
    """``8080``, ``0.0.0.0:8080``, ``[::]:8080`` as a server config; ValueError in words."""
    return listen_at(TcpServerConfig(), text)


def _ipv6_help(text: str) -> str:
    return _tr("“{text}” is not [ADDR:]PORT: write an IPv6 address in brackets followed by "
               "the port, e.g. [::]:9000 or [::1]:9000.").format(text=text)


def _is_ip(host: str, version: int) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).version == version
    except ValueError:
        return False


def _plausible_host(host: str) -> bool:
    """True for an IPv4 address or something that may be a host name (``localhost``): digits
    and dots only must make an IPv4 address; a name may hold letters, digits, ``-`` and
    ``.``."""
    if all(c.isdigit() or c == "." for c in host):
        return _is_ip(host, 4)
    return all(c.isalnum() or c in "-." for c in host) and ".." not in host


def dial_endpoint(text: str) -> tuple[str, int]:
    """``host:port`` or ``[v6]:port`` as (host, port); ValueError in words."""
    try:
        host, port = parse_endpoint(text)
    except EndpointError as exc:
        raise ValueError(str(exc)) from None
    if port is None:
        raise ValueError(_tr("“{text}” has no port: write HOST:PORT, e.g. 192.168.1.10:502 or "
                            "[::1]:8080.").format(text=text))
    return host, port


def dial_config(text: str, timeout: float) -> TcpClientConfig:
    """``host:port`` or ``[v6]:port`` as a client config; ValueError in words."""
    host, port = dial_endpoint(text)
    return TcpClientConfig(host, port, timeout=timeout)
