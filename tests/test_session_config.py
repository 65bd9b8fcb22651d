"""Session configs, the kind list and its specs, and the free-port helper — no widgets."""

from __future__ import annotations

import dataclasses
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.net.ports import first_free_port, port_is_free
from app.sessions.config import TcpClientConfig, TcpServerConfig
from app.sessions.kinds import KINDS, kind_named, parse_spec
from app.sessions.tcp_client import TcpClientSession
from app.sessions.tcp_server import TcpServerSession

hosts = st.text(min_size=1, max_size=60).map(str.strip).filter(bool)
server_configs = st.builds(TcpServerConfig, host=hosts, port=st.integers(0, 65535))
client_configs = st.builds(
    TcpClientConfig, host=hosts, port=st.integers(1, 65535),
    timeout=st.floats(min_value=0.001, max_value=3600), local_port=st.integers(0, 65535),
    no_delay=st.booleans())
GARBAGE = ["abc", "", None, 10**100, -5, -5.5, float("nan"), float("inf"), [], {}, "1e100",
           "8080.5", " ", b"8080", object()]


@given(st.one_of(server_configs, client_configs))
def test_round_trip(config):
    assert type(config).from_dict(config.to_dict()) == config


@given(st.one_of(server_configs, client_configs))
def test_round_trip_through_strings(config):
    # INI settings give every value back as a string.
    stored = {key: str(value).lower() if isinstance(value, bool) else str(value)
              for key, value in config.to_dict().items()}
    assert type(config).from_dict(stored) == config


def test_defaults():
    assert TcpServerConfig() == TcpServerConfig(host="0.0.0.0", port=8080)
    assert TcpClientConfig() == TcpClientConfig(host="127.0.0.1", port=8080, timeout=5.0,
                                                local_port=0, no_delay=True)
    assert TcpClientConfig(timeout=3).timeout == 3.0
    assert isinstance(TcpClientConfig(timeout=3).timeout, float)


@pytest.mark.parametrize("garbage", GARBAGE, ids=repr)
@pytest.mark.parametrize("config_type", [TcpServerConfig, TcpClientConfig])
def test_from_dict_garbage_takes_defaults(config_type, garbage):
    data = {field.name: garbage for field in dataclasses.fields(config_type)}
    config = config_type.from_dict(data)
    for field in dataclasses.fields(config_type):
        value = getattr(config, field.name)
        if field.name == "host" and isinstance(garbage, str) and garbage.strip():
            assert value == garbage.strip()  # any non-blank text may be a host name
        elif field.name == "welcome" and isinstance(garbage, str):
            assert value == garbage  # any text may be a welcome message, kept as typed
        else:
            assert value == field.default, (field.name, garbage)


@pytest.mark.parametrize("data", [None, "port=1", 42, [("port", 1)], {"port": None}, {}],
                         ids=repr)
def test_from_dict_not_a_dict_or_empty(data):
    assert TcpServerConfig.from_dict(data) == TcpServerConfig()
    assert TcpClientConfig.from_dict(data) == TcpClientConfig()


def test_from_dict_keeps_good_fields_next_to_bad_ones():
    config = TcpClientConfig.from_dict(
        {"host": "device.local", "port": "70000", "timeout": "-1", "local_port": "4000",
         "no_delay": "false", "unknown": "ignored"})
    assert config == TcpClientConfig(host="device.local", port=8080, timeout=5.0,
                                     local_port=4000, no_delay=False)


def test_from_dict_reads_the_keys_earlier_versions_stored():
    assert TcpServerConfig.from_dict({"address": "::", "port": "9000"}) == TcpServerConfig(
        "::", 9000)
    assert TcpClientConfig.from_dict({"localPort": "5000"}).local_port == 5000
    # The field's own key wins over an old one.
    assert TcpServerConfig.from_dict({"host": "127.0.0.1", "address": "::"}).host == "127.0.0.1"


def test_server_port_zero_means_any_but_client_needs_a_port():
    assert TcpServerConfig.from_dict({"port": 0}).port == 0
    assert TcpClientConfig.from_dict({"port": 0}).port == 8080
    with pytest.raises(ValueError, match="port"):
        TcpClientConfig(port=0)


@pytest.mark.parametrize(("config_type", "values"), [
    (TcpServerConfig, {"port": 65536}),
    (TcpServerConfig, {"port": -1}),
    (TcpServerConfig, {"port": True}),
    (TcpServerConfig, {"port": "8080"}),
    (TcpServerConfig, {"host": ""}),
    (TcpServerConfig, {"host": " padded "}),
    (TcpClientConfig, {"timeout": 0}),
    (TcpClientConfig, {"timeout": -5}),
    (TcpClientConfig, {"timeout": float("nan")}),
    (TcpClientConfig, {"timeout": 10**100}),
    (TcpClientConfig, {"local_port": 70000}),
    (TcpClientConfig, {"no_delay": "maybe"}),
])
def test_validation_refuses_bad_values(config_type, values):
    name = next(iter(values))
    with pytest.raises(ValueError, match=name):
        config_type(**values)


def test_configs_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        TcpServerConfig().port = 1  # type: ignore[misc]


# -- kinds and specs ----------------------------------------------------------------------
def test_kind_list():
    assert [k.name for k in KINDS] == ["tcp-server", "tcp-client", "udp", "tcp-relay"]
    assert kind_named("tcp-server").config_type is TcpServerConfig
    assert kind_named("tcp-server").session_type is TcpServerSession
    assert kind_named("tcp-client").session_type is TcpClientSession
    with pytest.raises(ValueError, match="tcp-server, tcp-client"):
        kind_named("udp-ish")


@pytest.mark.parametrize(("spec", "name", "config"), [
    ("tcp-server@0.0.0.0:8080", "tcp-server", TcpServerConfig("0.0.0.0", 8080)),
    ("tcp-server@9000", "tcp-server", TcpServerConfig("0.0.0.0", 9000)),
    ("tcp-server@:0", "tcp-server", TcpServerConfig("0.0.0.0", 0)),
    ("tcp-server@[::]:502", "tcp-server", TcpServerConfig("::", 502)),
    ("tcp-client@[::1]:9000", "tcp-client", TcpClientConfig("::1", 9000)),
    ("tcp-client@[fe80::1%eth0]:23", "tcp-client", TcpClientConfig("fe80::1%eth0", 23)),
    ("tcp-client@example.com:80", "tcp-client", TcpClientConfig("example.com", 80)),
    (" tcp-client@127.0.0.1:65535 ", "tcp-client", TcpClientConfig("127.0.0.1", 65535)),
])
def test_parse_spec_good(spec, name, config):
    kind, parsed = parse_spec(spec)
    assert kind.name == name
    assert parsed == config
    assert isinstance(parsed, kind.config_type)


@pytest.mark.parametrize(("spec", "says"), [
    ("tcp-server:8080", "KIND@"),
    ("", "KIND@"),
    ("udp-relay@0.0.0.0:1", "Unknown session kind"),
    ("tcp-server@0.0.0.0:70000", "Bad port \u201c70000\u201d"),
    ("tcp-server@0.0.0.0:99999999999", "Bad port"),
    ("tcp-server@0.0.0.0:-1", "Bad port"),
    ("tcp-server@0.0.0.0:http", "Bad port \u201chttp\u201d"),
    ("tcp-server@0.0.0.0", "Bad port"),
    ("tcp-server@", "Bad port"),
    ("tcp-client@127.0.0.1:0", "port"),
    ("tcp-client@::1:9000", "brackets"),
    ("tcp-client@[::1:9000", "brackets"),
    ("tcp-client@[::1]9000", "brackets"),
])
def test_parse_spec_bad(spec, says):
    with pytest.raises(ValueError, match=says.replace("[", r"\[")):
        parse_spec(spec)


# -- sessions keep their config -----------------------------------------------------------
def test_sessions_keep_the_config_they_opened_with(qtbot, loopback_server):
    server = TcpServerSession()
    client = TcpClientSession()
    assert server.config == TcpServerConfig() and client.config == TcpClientConfig()
    try:
        server_config = TcpServerConfig("127.0.0.1", 0)
        with qtbot.waitSignal(server.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "open"):
            server.open(server_config)
        assert server.config is server_config
        client_config = TcpClientConfig("127.0.0.1", server.port, timeout=3, no_delay=False)
        with qtbot.waitSignal(client.stateChanged, timeout=5000,
                              check_params_cb=lambda s: s == "open"):
            client.open(client_config)
        assert client.config is client_config
        # Opening again while open changes nothing, the config included.
        client.open(TcpClientConfig("127.0.0.1", 1))
        assert client.config is client_config
    finally:
        client.close()
        server.close()


# -- free ports ---------------------------------------------------------------------------
def test_port_is_free_sees_a_plain_bound_socket():
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))  # bound, not even listening
        port = blocker.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)
        assert not port_is_free("0.0.0.0", port)
    assert port_is_free("127.0.0.1", port)


def test_port_is_free_sees_a_listener_and_bad_hosts():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        assert not port_is_free("127.0.0.1", listener.getsockname()[1])
    assert not port_is_free("no-such-host.invalid", 8080)


def test_first_free_port_skips_held_and_bound_ports():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        start = probe.getsockname()[1]
        # `start` is bound by `probe`, `start + 1` held by a page: the answer is further on.
        chosen = first_free_port("127.0.0.1", start, avoid={start + 1})
    assert chosen > start + 1
    assert chosen - start < 100
    assert port_is_free("127.0.0.1", chosen)
    assert first_free_port("127.0.0.1", 0) == 0
    assert first_free_port("no-such-host.invalid", 8080) == 0
