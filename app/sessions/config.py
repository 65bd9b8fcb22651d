"""What the user chose for a session, one frozen dataclass per kind.

A config is what a session needs to open (and to reopen: reconnect, the command line, the
next start of the window). Each field is declared once with its default and its rule
(Picard's declared options): the same rule checks a config built in code, where a bad value
raises ``ValueError``, and reads a stored one in :meth:`SessionConfig.from_dict`, where a bad
value quietly takes the field's default, because stored settings must never stop the app.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Self

from PySide6.QtCore import QCoreApplication

from app.net.socket_options import DEFAULT_COUNT, DEFAULT_IDLE, DEFAULT_INTERVAL, KeepAlive

_CONTEXT = "SessionConfig"

#: Returned by a field's converter when a value does not follow the field's rule.
_INVALID: Any = object()
#: Longest timeout a config accepts, in seconds (an hour: longer is a typo, not a wish).
MAX_TIMEOUT = 3600.0


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# -- converters: a value as stored (JSON, INI string, native) -> the field's value ----------
def _to_int(value: object) -> int | None:
    """An int from an int or a string of decimal digits; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        # Bounded length: int() of a huge digit string is slow and means nothing here.
        if text.isascii() and text.isdecimal() and len(text) <= 10:
            return int(text)
    return None


def port_number(minimum: int) -> Callable[[object], object]:
    """A converter for a port from ``minimum`` to 65535."""
    def convert(value: object) -> object:
        number = _to_int(value)
        return number if number is not None and minimum <= number <= 65535 else _INVALID
    return convert


def host_name(value: object) -> object:
    """A non-empty host name or address without surrounding blanks."""
    if isinstance(value, str) and value.strip() and len(value) <= 1024:
        return value.strip()
    return _INVALID


def seconds(value: object) -> object:
    """A finite positive number of seconds up to :data:`MAX_TIMEOUT`."""
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value) if abs(value) < 1e300 else None
    elif isinstance(value, str) and len(value) <= 32:
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or not 0 < number <= MAX_TIMEOUT:
        return _INVALID
    return number


def whole_seconds(value: object) -> object:
    """A whole number of seconds from 1 to 32767 (the range every OS takes for keep-alive)."""
    number = _to_int(value)
    return number if number is not None and 1 <= number <= 32767 else _INVALID


def probe_count(value: object) -> object:
    """A number of keep-alive probes from 1 to 127 (Linux's limit)."""
    number = _to_int(value)
    return number if number is not None and 1 <= number <= 127 else _INVALID


def flag(value: object) -> object:
    """A bool from a bool, 0/1, or the strings INI files and people write."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True
        if text in ("false", "0", "no", "off"):
            return False
    return _INVALID


def text_value(longest: int) -> Callable[[object], object]:
    """A converter for any text up to ``longest`` characters (kept as typed)."""
    def convert(value: object) -> object:
        return value if isinstance(value, str) and len(value) <= longest else _INVALID
    return convert


def count(most: int) -> Callable[[object], object]:
    """A converter for a whole number from 0 to ``most``."""
    def convert(value: object) -> object:
        number = _to_int(value)
        return number if number is not None and 0 <= number <= most else _INVALID
    return convert


def allow_list(value: object) -> object:
    """An allow-list of addresses and CIDRs (see :mod:`app.sessions.access`), as typed
    without surrounding blanks."""
    from app.sessions.access import parse_allow_list  # access imports nothing from here

    if not isinstance(value, str) or len(value) > 64 * 1024:
        return _INVALID
    try:
        parse_allow_list(value)
    except ValueError:
        return _INVALID
    return value.strip()


def option(default: object, convert: Callable[[object], object], rule: Callable[[], str],
           aliases: tuple[str, ...] = ()) -> Any:
    """Declare a config field: its default, converter, rule in words and older key names.

    ``rule`` gives the rule translated (called when needed, so in the language in force);
    ``aliases`` are keys earlier versions stored the field under, read when the field's own
    key is missing.
    """
    return dataclasses.field(default=default, metadata={
        "convert": convert, "rule": rule, "aliases": aliases})


def _keep_alive_fields() -> dict[str, Any]:
    """The keep-alive fields, the same on every TCP kind (see app.net.socket_options)."""
    return {
        "keep_alive": option(True, flag, lambda: _tr("true or false"), aliases=("keepAlive",)),
        "keep_alive_idle": option(DEFAULT_IDLE, whole_seconds,
                                  lambda: _tr("a whole number of seconds from 1 to 32767")),
        "keep_alive_interval": option(DEFAULT_INTERVAL, whole_seconds,
                                      lambda: _tr("a whole number of seconds from 1 to 32767")),
        "keep_alive_count": option(DEFAULT_COUNT, probe_count,
                                   lambda: _tr("a number of probes from 1 to 127")),
    }


class SessionConfig:
    """Base of the config dataclasses: validation and the plain-dict form."""

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            converted = field.metadata["convert"](value)
            if converted is _INVALID or converted != value:
                raise ValueError(_tr("{field} cannot be {value!r}: it must be {rule}.").format(
                    field=field.name, value=value, rule=field.metadata["rule"]()))
            # timeout=3 means 3.0: store the field's own type, so equal configs compare equal.
            object.__setattr__(self, field.name, converted)

    def to_dict(self) -> dict[str, object]:
        """The config as a plain JSON-able dict, keyed by field name."""
        return {field.name: getattr(self, field.name)
                for field in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: object) -> Self:
        """A config from a dict as stored (JSON, QSettings); never raises.

        Missing keys take their defaults; a value of the wrong type or out of range takes
        the field's default too; unknown keys are ignored; ``data`` that is not a mapping
        gives the default config.
        """
        if not isinstance(data, Mapping):
            data = {}
        values: dict[str, object] = {}
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            for key in (field.name, *field.metadata["aliases"]):
                if key in data and data[key] is not None:
                    converted = field.metadata["convert"](data[key])
                    if converted is not _INVALID:
                        values[field.name] = converted
                    break
        return cls(**values)


@dataclass(frozen=True)
class TcpServerConfig(SessionConfig):
    """A TCP server: the local address to listen on, the port (0 = any free port), TCP
    keep-alive on the accepted connections (on/off, idle and interval in seconds, probes), the
    welcome message, and who may connect."""

    host: str = option("0.0.0.0", host_name, lambda: _tr("a host name or address"),
                       aliases=("address",))
    port: int = option(8080, port_number(0), lambda: _tr("a port number from 0 to 65535"))
    keep_alive: bool = _keep_alive_fields()["keep_alive"]
    keep_alive_idle: int = _keep_alive_fields()["keep_alive_idle"]
    keep_alive_interval: int = _keep_alive_fields()["keep_alive_interval"]
    keep_alive_count: int = _keep_alive_fields()["keep_alive_count"]
    #: Send ``welcome`` to each client as it connects (escapes decoded, or hex, ``{peer}``).
    welcome_on: bool = option(False, flag, lambda: _tr("true or false"))
    welcome: str = option("", text_value(64 * 1024), lambda: _tr("text of at most 65536 "
                                                                "characters"))
    welcome_hex: bool = option(False, flag, lambda: _tr("true or false"))
    #: Most clients at once (0 = no limit) and who may connect ("" = everyone).
    max_clients: int = option(0, count(100_000), lambda: _tr("a number from 0 to 100000"))
    allow: str = option("", allow_list, lambda: _tr("IP addresses and networks (CIDR) "
                                                    "separated by commas or spaces"))

    def keep_alive_timings(self) -> KeepAlive | None:
        """The keep-alive to set on each accepted connection (None: off)."""
        return _timings(self)


@dataclass(frozen=True)
class TcpClientConfig(SessionConfig):
    """A TCP client: where to connect, the connect timeout in seconds, an optional local
    port (0 = any), whether to send at once (TCP_NODELAY) and TCP keep-alive (on/off, idle
    and interval in seconds, probes)."""

    host: str = option("127.0.0.1", host_name, lambda: _tr("a host name or address"))
    port: int = option(8080, port_number(1), lambda: _tr("a port number from 1 to 65535"))
    timeout: float = option(5.0, seconds, lambda: _tr("a number of seconds above 0, at most "
                                                      "3600"))
    local_port: int = option(0, port_number(0), lambda: _tr("a port number from 0 to 65535"),
                             aliases=("localPort",))
    no_delay: bool = option(True, flag, lambda: _tr("true or false"), aliases=("noDelay",))
    keep_alive: bool = _keep_alive_fields()["keep_alive"]
    keep_alive_idle: int = _keep_alive_fields()["keep_alive_idle"]
    keep_alive_interval: int = _keep_alive_fields()["keep_alive_interval"]
    keep_alive_count: int = _keep_alive_fields()["keep_alive_count"]
    #: Connect again after the connection drops, with back-off, until the user disconnects.
    reconnect: bool = option(False, flag, lambda: _tr("true or false"))
    #: Close with a reset (SO_LINGER 0: RST instead of FIN), to test how a device takes it.
    linger_reset: bool = option(False, flag, lambda: _tr("true or false"))

    def keep_alive_timings(self) -> KeepAlive | None:
        """The keep-alive to set on the connected socket (None: off)."""
        return _timings(self)


def _timings(config: TcpServerConfig | TcpClientConfig) -> KeepAlive | None:
    if not config.keep_alive:
        return None
    return KeepAlive(config.keep_alive_idle, config.keep_alive_interval,
                     config.keep_alive_count)


def optional_text(value: object) -> object:
    """Text without surrounding blanks, possibly empty (an optional address)."""
    if isinstance(value, str) and len(value) <= 1024:
        return value.strip()
    return _INVALID


def whole_number(low: int, high: int) -> Callable[[object], object]:
    """A converter for a whole number from ``low`` to ``high``."""
    def convert(value: object) -> object:
        number = _to_int(value)
        return number if number is not None and low <= number <= high else _INVALID
    return convert


@dataclass(frozen=True)
class UdpConfig(SessionConfig):
    """A UDP socket: the local address and port to bind (0 = any free port), where sends go
    (``remote_host``, ``remote_port``; or to the last sender), broadcast allowed, a multicast
    group to join ("" = none) on an interface address ("" = any), the multicast TTL / hop
    limit, whether this machine's members get our multicasts, and the datagram size of a
    file send (bytes)."""

    host: str = option("0.0.0.0", host_name, lambda: _tr("a host name or address"))
    port: int = option(9000, port_number(0), lambda: _tr("a port number from 0 to 65535"))
    remote_host: str = option("127.0.0.1", host_name, lambda: _tr("a host name or address"))
    remote_port: int = option(9000, port_number(1), lambda: _tr("a port number from 1 to 65535"))
    reply_to_last: bool = option(False, flag, lambda: _tr("true or false"))
    broadcast: bool = option(False, flag, lambda: _tr("true or false"))
    multicast_group: str = option("", optional_text, lambda: _tr("an address or nothing"))
    multicast_interface: str = option("", optional_text, lambda: _tr("an address or nothing"))
    multicast_ttl: int = option(1, whole_number(0, 255), lambda: _tr("a number from 0 to 255"))
    multicast_loop: bool = option(True, flag, lambda: _tr("true or false"))
    datagram_size: int = option(1024, whole_number(1, 65527),
                                lambda: _tr("a number of bytes from 1 to 65527"))


@dataclass(frozen=True)
class TcpRelayConfig(SessionConfig):
    """A TCP relay: where devices connect (``host``, ``port``; 0 = any free port) and the
    target the relay connects to for each of them (``target_host``, ``target_port``), with the
    connect timeout in seconds."""

    host: str = option("0.0.0.0", host_name, lambda: _tr("a host name or address"))
    port: int = option(8081, port_number(0), lambda: _tr("a port number from 0 to 65535"))
    target_host: str = option("127.0.0.1", host_name, lambda: _tr("a host name or address"))
    target_port: int = option(8080, port_number(1),
                              lambda: _tr("a port number from 1 to 65535"))
    timeout: float = option(5.0, seconds, lambda: _tr("a number of seconds above 0, at most "
                                                      "3600"))
