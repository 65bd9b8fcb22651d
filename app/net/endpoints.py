"""Writing and reading endpoints as people type them: ``host:port``, IPv6 as ``[::1]:port``."""

from __future__ import annotations

import ipaddress


def format_endpoint(host: str, port: int) -> str:
    """``127.0.0.1:80`` for IPv4 and names, ``[::1]:80`` for IPv6 (scope ids kept)."""
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
