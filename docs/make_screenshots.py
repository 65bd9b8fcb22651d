"""Make the screenshots in docs/: a server and a client page with real loopback traffic.

Run under a real X server to see what users see, e.g.::

    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python docs/make_screenshots.py

``--lang zh_CN`` takes the Chinese screenshots; ``--dark`` takes ``server-page-dark.png`` in
Fusion with a dark palette, a bad hex digit in the send box showing the error colour. Only
127.0.0.1 is used. The window is 1024×768, the smallest screen it is made for.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.i18n import install_translators  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    suffix = ("" if args.lang == "en" else f"-{args.lang}") + ("-dark" if args.dark else "")

    app = QApplication(sys.argv)
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    translators = install_translators(app, args.lang)
    from ui.main_window import MainWindow

    settings_dir = tempfile.mkdtemp()
    settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.ask_before_closing = False  # the script closes it with clients connected
    window.resize(1024, 768)
    window.show()
    server = window.findChild(QWidget, "tcpServerSession")
    client = window.findChild(QWidget, "tcpClientSession")
    udp = window.findChild(QWidget, "udpSession")
    udp.address_combo.setCurrentText("127.0.0.1")
    udp.port_spin.setValue(0)
    udp.toggle_open()
    sensor = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sensor.bind(("127.0.0.1", 0))
    server.address_combo.setCurrentText("127.0.0.1")
    server.port_spin.setValue(0)
    server.toggle_open()
    devices: list[socket.socket] = []

    def step_connect() -> None:
        port = server.session.port
        client.host_edit.setText("127.0.0.1")
        client.port_spin.setValue(port)
        client.toggle_open()
        for _ in range(2):
            devices.append(socket.create_connection(("127.0.0.1", port)))
        QTimer.singleShot(400, step_traffic)

    def step_traffic() -> None:
        devices[0].sendall("温度=23.5℃ 湿度=41%\r\n".encode("gbk"))
        devices[1].sendall(bytes.fromhex("01 03 04 00 17 00 29 8B F4"))
        for text in ("hello from a sensor", "温度=22.8℃"):
            sensor.sendto(text.encode(), ("127.0.0.1", udp.session.port))
        QTimer.singleShot(200, step_udp_reply)
        client.send_panel.edit.setPlainText("你好，服务器！")
        client.send_panel.send_now()
        server.send_settings.mode_combo.setCurrentIndex(server.send_settings.mode_combo.findData("hex"))
        server.send_panel.edit.setPlainText("01 03 00 00 00 02")
        checksum = server.send_settings.checksum_combo
        checksum.setCurrentIndex(checksum.findData("crc16-modbus"))
        encoding = server.receive_settings.encoding_combo
        encoding.setCurrentIndex(encoding.findData("auto"))
        mode = server.receive_settings.mode_combo
        mode.setCurrentIndex(mode.findData("both"))
        server.send_panel.send_now()
        QTimer.singleShot(300, step_more)

    def step_udp_reply() -> None:
        udp.select_peer(0)
        udp.send_panel.edit.setPlainText("pong")
        udp.send_panel.send_now()

    readings = iter(range(16))

    def step_more() -> None:
        # A reading every 250 ms for 4 s, so the live rate and its chart show traffic.
        n = next(readings, None)
        if n is None:
            step_shoot()
            return
        devices[0].sendall(f"温度={23 + n % 3}.{n % 10}℃ 湿度=41%\r\n".encode("gbk") * (1 + n % 4))
        QTimer.singleShot(250, step_more)

    def step_shoot() -> None:
        window.tabs.setCurrentWidget(server)
        if args.dark:  # show the error colour too
            server.send_panel.edit.setPlainText("01 03 00 0G")
            server.send_panel.send_now()
        app.processEvents()
        window.grab().save(str(out / f"server-page{suffix}.png"))
        if args.dark:
            for d in devices:
                d.close()
            window.close()
            app.quit()
            return
        window.tabs.setCurrentWidget(client)
        app.processEvents()
        window.grab().save(str(out / f"client-page{suffix}.png"))
        window.tabs.setCurrentWidget(udp)
        app.processEvents()
        window.grab().save(str(out / f"udp-page{suffix}.png"))
        sensor.close()
        for d in devices:
            d.close()
        window.close()
        app.quit()

    QTimer.singleShot(500, step_connect)
    app.exec()
    del translators
    QCoreApplication.processEvents()
    return 0


def dark_palette() -> QPalette:
    """Fusion's usual dark palette (as dark themes on Linux and Windows look)."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#353535"),
                         (QPalette.ColorRole.WindowText, "#ffffff"),
                         (QPalette.ColorRole.Base, "#2a2a2a"),
                         (QPalette.ColorRole.AlternateBase, "#353535"),
                         (QPalette.ColorRole.Text, "#ffffff"),
                         (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#ffffff"),
                         (QPalette.ColorRole.ToolTipBase, "#353535"),
                         (QPalette.ColorRole.ToolTipText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#a0a0a0"),
                         (QPalette.ColorRole.Highlight, "#2a82da"),
                         (QPalette.ColorRole.HighlightedText, "#000000"),
                         (QPalette.ColorRole.Link, "#6fb3ff")):
        palette.setColor(role, QColor(colour))
    return palette


if __name__ == "__main__":
    sys.exit(main())
