"""A Modbus TCP device (pymodbus simulator) answers a hand-typed request on the TCP Client page.

This is the classic use of a network debugging assistant: type a Modbus TCP frame in hex, send
it to a PLC, and read the reply byte by byte. The device here is pymodbus's own server on
127.0.0.1, port 0, in a thread with its own asyncio loop.
"""

from __future__ import annotations

import asyncio
import re
import struct
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget

from tests.ui_helpers import child, choose, click, log_text, state, type_send
from ui.main_window import MainWindow

pymodbus_server = pytest.importorskip("pymodbus.server")
pymodbus_simulator = pytest.importorskip("pymodbus.simulator")

UNIT = 1
#: Holding registers 0..9 of the device.
REGISTERS = list(range(100, 110))
#: MBAP header (transaction 1, protocol 0, length 6, unit 1) + read 10 holding registers at 0.
REQUEST_HEX = "00 01 00 00 00 06 01 03 00 00 00 0A"


def expected_reply() -> bytes:
    """What a correct device answers to REQUEST_HEX, built from the register values."""
    payload = b"".join(struct.pack(">H", value) for value in REGISTERS)
    pdu = bytes([0x03, len(payload)]) + payload
    # MBAP: same transaction id, protocol 0, length = unit id + PDU, unit id.
    return struct.pack(">HHHB", 0x0001, 0, 1 + len(pdu), UNIT) + pdu


class ModbusDevice:
    """A pymodbus TCP server in a background thread with its own asyncio loop.

    ``port`` is where it listens (127.0.0.1, chosen by the kernel). ``stop()`` shuts the server
    down on its own loop and joins the thread.
    """

    def __init__(self) -> None:
        self.port = 0
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="modbus-device", daemon=True)

    def start(self) -> None:
        self._thread.start()
        assert self._ready.wait(10), "the Modbus device did not start"
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # handed to the test thread by start()
            self.error = exc
            self._ready.set()

    async def _serve(self) -> None:
        device = pymodbus_simulator.SimDevice(
            id=UNIT,
            simdata=[pymodbus_simulator.SimData(
                address=0, values=list(REGISTERS),
                datatype=pymodbus_simulator.DataType.REGISTERS)],
        )
        server = pymodbus_server.ModbusTcpServer(device, address=("127.0.0.1", 0))
        await server.serve_forever(background=True)
        try:
            # The listener is an asyncio.Server: port 0 was resolved by the kernel.
            self.port = server.transport.sockets[0].getsockname()[1]
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            self._ready.set()
            await self._stop.wait()
        finally:
            await server.shutdown()

    def stop(self) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stop.set)
        self._thread.join(10)
        assert not self._thread.is_alive(), "the Modbus device did not stop"


@pytest.fixture
def modbus_device() -> Iterator[ModbusDevice]:
    device = ModbusDevice()
    device.start()
    yield device
    device.stop()


def rx_hex(text: str, peer: str) -> str:
    """The hex bodies of the RX entries from ``peer`` in the log, joined in order (a reply
    normally arrives in one read, but TCP may split it)."""
    pattern = r"\bRX " + re.escape(peer) + r" › ([0-9A-F ]+)$"
    return " ".join(m.group(1).strip() for m in re.finditer(pattern, text, re.MULTILINE))


def test_expected_reply_is_what_the_spec_says():
    reply = expected_reply()
    assert len(reply) == 29
    assert reply.hex(" ").upper().startswith("00 01 00 00 00 17 01 03 14 00 64 00 65")


def test_read_holding_registers_reply_shows_in_hex(qtbot, settings, modbus_device):
    reply_hex = expected_reply().hex(" ").upper()
    peer = f"127.0.0.1:{modbus_device.port}"

    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.show()
    try:
        page = w.findChild(QWidget, "tcpClientSession")
        assert page is not None
        choose(page, "receiveModeCombo", "hex")
        child(page, "remoteHostEdit").setText("127.0.0.1")
        child(page, "remotePortSpin").setValue(modbus_device.port)
        click(qtbot, page, "openButton")
        qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)

        type_send(page, REQUEST_HEX, mode="hex")
        click(qtbot, page, "sendButton")

        qtbot.waitUntil(lambda: page.session.rx_total() >= 29, timeout=5000)
        qtbot.waitUntil(lambda: rx_hex(log_text(page), peer) == reply_hex, timeout=5000)
        assert page.session.rx_total() == 29
        assert page.session.tx_total() == 12
        assert f"TX {peer} › {REQUEST_HEX}" in log_text(page)
    finally:
        w.close()
