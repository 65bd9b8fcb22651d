"""Socket failures in words: every errno the user can meet maps to an actionable message."""

from __future__ import annotations

import errno
import socket

import pytest

from app.net.errors import describe_bind_error, describe_connect_error, describe_io_error


@pytest.mark.parametrize(("exc", "words"), [
    (OSError(errno.EADDRINUSE, "in use"), "already in use"),
    (PermissionError(errno.EACCES, "denied"), "below 1024"),
    (OSError(errno.EADDRNOTAVAIL, "not avail"), "does not belong to this machine"),
    (socket.gaierror(socket.EAI_NONAME, "unknown"), "not a valid local address"),
])
def test_bind_errors(exc, words):
    assert words in describe_bind_error(exc, "0.0.0.0:80", 80)


def test_permission_on_high_port_does_not_blame_the_port_number():
    text = describe_bind_error(PermissionError(errno.EACCES, "denied"), "0.0.0.0:8080", 8080)
    assert "below 1024" not in text and "Permission denied" in text


def test_windows_codes_are_understood():
    exc = OSError(0, "x")
    exc.winerror = 10048  # type: ignore[attr-defined]
    assert "already in use" in describe_bind_error(exc, "0.0.0.0:80", 80)
    exc = OSError(0, "x")
    exc.winerror = 10061  # type: ignore[attr-defined]
    assert "refused" in describe_connect_error(exc, "10.0.0.1:502", 5)


@pytest.mark.parametrize(("exc", "words"), [
    (socket.gaierror(socket.EAI_NONAME, "unknown"), "Host not found"),
    (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), "nothing is listening"),
    (TimeoutError(errno.ETIMEDOUT, "timed out"), "No answer"),
    (OSError(errno.ENETUNREACH, "unreachable"), "Network unreachable"),
    (OSError(errno.EHOSTUNREACH, "unreachable"), "Host unreachable"),
    (OSError(errno.EPROTO, "protocol error"), "Cannot connect"),
])
def test_connect_errors(exc, words):
    assert words in describe_connect_error(exc, "example.invalid:80", 5)


@pytest.mark.parametrize(("exc", "words"), [
    (ConnectionResetError(errno.ECONNRESET, "reset"), "reset"),
    (BrokenPipeError(errno.EPIPE, "pipe"), "closed the connection while data was being sent"),
    (TimeoutError(errno.ETIMEDOUT, "t"), "timed out"),
    (OSError(errno.EIO, "I/O error"), "I/O error"),
])
def test_io_errors(exc, words):
    assert words in describe_io_error(exc)


@pytest.mark.parametrize(("endpoint", "host"), [
    ("example.invalid:80", "“example.invalid”"),
    ("[fe80::1%eth9]:502", "“fe80::1%eth9”"),
])
def test_host_not_found_names_the_host_as_typed(endpoint, host):
    text = describe_connect_error(socket.gaierror(socket.EAI_NONAME, "unknown"), endpoint, 5)
    assert f"Host not found: {host}" in text


def test_a_bad_local_host_is_named_without_brackets():
    exc = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    text = describe_bind_error(exc, "[127.0.0.1:99]:0", 0, "127.0.0.1:99")
    assert "“127.0.0.1:99”" in text and "[" not in text


def test_an_unscoped_link_local_address_is_explained_not_invalid_argument():
    exc = OSError(errno.EINVAL, "Invalid argument")
    text = describe_bind_error(exc, "[fe80::1]:0", 0, "fe80::1")
    assert "link-local" in text and "fe80::1%" in text and "Invalid argument" not in text
    # With a scope the kernel's EINVAL means something else: said as it is.
    assert "Invalid argument" in describe_bind_error(exc, "[fe80::1%lo]:0", 0, "fe80::1%lo")


def test_an_address_of_another_machine_is_explained_for_window_and_command_line():
    exc = OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")
    text = describe_bind_error(exc, "192.0.2.1:80", 80, "192.0.2.1")
    assert "does not belong to this machine" in text and "list" not in text


def test_udp_send_einval_names_loopback_binding_and_blackhole_routes():
    from app.net.udp_errors import describe_send_error

    einval = describe_send_error(OSError(errno.EINVAL, "Invalid argument"),
                                 "198.51.100.7:9", "198.51.100.7")
    assert "198.51.100.7:9" in einval
    assert "loopback" in einval and "blackhole" in einval
    family = describe_send_error(OSError(errno.EAFNOSUPPORT, "Address family not supported"),
                                 "[::1]:9", "::1")
    assert "IPv4 vs IPv6" in family
