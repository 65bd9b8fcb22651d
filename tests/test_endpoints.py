"""Endpoints as users type them and as the app writes them."""

from __future__ import annotations

import pytest

from app.net.endpoints import (
    Endpoint,
    EndpointError,
    display_host,
    format_endpoint,
    parse_endpoint,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", Endpoint("127.0.0.1", None)),
        ("  example.com  ", Endpoint("example.com", None)),
        ("127.0.0.1:33689", Endpoint("127.0.0.1", 33689)),
        ("localhost:1", Endpoint("localhost", 1)),
        ("device.local:65535", Endpoint("device.local", 65535)),
        ("[::1]:45921", Endpoint("::1", 45921)),
        ("[fe80::1%eth0]:502", Endpoint("fe80::1%eth0", 502)),
        ("[::1]", Endpoint("::1", None)),
        # A bare IPv6 address stays a host, even when it ends in what looks like a port.
        ("::1", Endpoint("::1", None)),
        ("2001:db8::1", Endpoint("2001:db8::1", None)),
        ("::1:8080", Endpoint("::1:8080", None)),
        ("fe80::1%eth0", Endpoint("fe80::1%eth0", None)),
    ],
)
def test_parse_accepts(text: str, expected: Endpoint) -> None:
    assert parse_endpoint(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Enter a host"),
        ("[::1", "no closing “]”"),
        ("[::1]45921", "After “]” write “:” and the port"),
        ("[::1]:", "No port after the “:”"),
        ("[example.com]:80", "not an IPv6 address"),
        ("127.0.0.1:70000", "Port 70000 is out of range"),
        ("127.0.0.1:0", "Port 0 is out of range"),
        ("127.0.0.1:abc", "“abc” is not a port number"),
        ("127.0.0.1:", "No port after the “:”"),
        (":8080", "No host before “:8080”"),
        ("a:b:c", "neither host:port nor an IPv6 address"),
        ("[::1]:99999", "Port 99999 is out of range"),
    ],
)
def test_parse_explains_bad_forms(text: str, words: str) -> None:
    with pytest.raises(EndpointError) as info:
        parse_endpoint(text)
    assert words in str(info.value)


def test_what_the_app_writes_parses_back() -> None:
    for host, port in (("127.0.0.1", 80), ("::1", 45921), ("fe80::1%eth0", 1), ("a.b", 9)):
        assert parse_endpoint(format_endpoint(host, port)) == Endpoint(host, port)


def test_ipv4_mapped_is_shown_as_ipv4() -> None:
    assert display_host("::ffff:127.0.0.1") == "127.0.0.1"
    assert display_host("::FFFF:10.0.0.7") == "10.0.0.7"
    assert format_endpoint("::ffff:127.0.0.1", 43582) == "127.0.0.1:43582"
    # Real IPv6 addresses and names are untouched.
    assert format_endpoint("::1", 80) == "[::1]:80"
    assert display_host("::ffff:1") == "::ffff:1"
    assert display_host("2001:db8::ffff:1.2.3.4") == "2001:db8::ffff:1.2.3.4"
    assert display_host("example.com") == "example.com"
