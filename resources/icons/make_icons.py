"""Render SocketScope's icon files from ``socketscope.svg`` (next to this script) with Qt.

Usage::

    python resources/icons/make_icons.py            # the window-icon PNGs in ui/icons/
    python resources/icons/make_icons.py --out DIR  # socketscope.ico, .icns, .png in DIR

The PNGs in ``ui/icons/`` are committed (a few KB each) so that an install from source, which
runs no build step, has a window icon; run this again after changing the SVG. The ``.ico``
(Windows executable) and ``.icns`` (macOS bundle) are made at build time by
``packaging/build.py``. Both containers are written here by hand with PNG entries (Windows
Vista and later, macOS 10.7 and later read those), so no image-format plugin is needed: only
QtSvg, which PySide6-Essentials includes.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SVG = HERE / "socketscope.svg"
UI_ICONS = ROOT / "ui" / "icons"
#: Window-icon sizes, as ``ui.resources.ICON_SIZES`` (kept in step by tests/test_packaging.py).
WINDOW_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"), (256, b"ic08"),
              (512, b"ic09"), (1024, b"ic10"))


def render_png(size: int) -> bytes:
    """The SVG rendered at ``size`` x ``size`` pixels, as PNG bytes (transparent background)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs: bytes; runtime: str
        raise SystemExit(f"cannot encode a {size} px PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file holding the PNG ``images`` (size -> PNG bytes), sizes up to 256."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size == 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """An ICNS file holding the PNG ``images`` (size -> PNG bytes) of the sizes ICNS names."""
    body = b"".join(kind + struct.pack(">I", 8 + len(images[size])) + images[size]
                    for size, kind in ICNS_TYPES if size in images)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        help="write .ico, .icns and a 512 px PNG here (instead of ui/icons/)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    if not args.out:
        UI_ICONS.mkdir(parents=True, exist_ok=True)
        for size in WINDOW_SIZES:
            (UI_ICONS / f"socketscope-{size}.png").write_bytes(render_png(size))
        print(f"wrote {len(WINDOW_SIZES)} PNGs in {UI_ICONS.relative_to(ROOT)}")
    else:
        sizes = set(ICO_SIZES) | {size for size, _ in ICNS_TYPES}
        images = {size: render_png(size) for size in sorted(sizes)}
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "socketscope.ico").write_bytes(ico({s: images[s] for s in ICO_SIZES}))
        (args.out / "socketscope.icns").write_bytes(icns(images))
        (args.out / "socketscope.png").write_bytes(images[512])
        print(f"wrote socketscope.ico, socketscope.icns, socketscope.png in {args.out}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
