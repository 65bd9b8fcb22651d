"""Endpoints as the commands take them: ``[ADDR:]PORT`` to listen on, ``HOST:PORT`` to dial."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.net.endpoints import EndpointError, parse_endpoint
from app.sessions.config import TcpClientConfig, TcpServerConfig
from app.sessions.kinds import parse_spec


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cli", text)


def listen_config(text: str) -> TcpServerConfig:
    """``8080``, ``0.0.0.0:8080``, ``[::]:8080`` as a server config; ValueError in words."""
    _kind, config = parse_spec(f"tcp-server@{text}")
    assert isinstance(config, TcpServerConfig)
    return config


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
