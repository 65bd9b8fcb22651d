"""What gets shipped: the wheel's contents, the icons, the desktop metadata, the bundle's spec.

The bundle itself is built and smoke-started by ``python packaging/build.py`` (half a minute,
needs the ``build`` extra), not here.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = ROOT / "resources" / "desktop" / "socketscope.desktop"
METAINFO = ROOT / "resources" / "desktop" / "socketscope.metainfo.xml"
SPEC = ROOT / "packaging" / "socketscope.spec"
#: Not part of a source tree to build from.
_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                      "__pycache__", ".*_cache", ".hypothesis", "tests", "bench",
                                      "docs")


def _make_icons_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons",
                                                  ROOT / "resources/icons/make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the wheel -------------------------------------------------------------------------------
@pytest.mark.slow
def test_wheel_holds_only_app_and_ui_and_its_translation_loads(tmp_path):
    """Built from a copy of the sources (so no stale build/ folder leaks in), the wheel holds
    the two packages with their data and nothing of resources/; unpacked as pip installs it,
    the Chinese translation loads from inside it. Measured: 6-10 s in all, most of it the build."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCES)
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                            "-q", "-w", str(wheels)], capture_output=True, text=True,
                           timeout=180)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("socketscope-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top = {name.split("/")[0] for name in names}
        assert top == {"app", "ui", next(t for t in top if t.endswith(".dist-info"))}
        data = sorted(n for n in names if not n.endswith(".py") and ".dist-info/" not in n)
        assert data == ["ui/icons/socketscope-128.png", "ui/icons/socketscope-16.png",
                        "ui/icons/socketscope-24.png", "ui/icons/socketscope-256.png",
                        "ui/icons/socketscope-32.png", "ui/icons/socketscope-48.png",
                        "ui/icons/socketscope-64.png", "ui/translations/socketscope_zh_CN.qm"]
        site = tmp_path / "site"
        archive.extractall(site)
    # A fresh interpreter with the unpacked wheel first on the path (as site-packages would be)
    # and the checkout nowhere on it.
    probe = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "import ui, ui.i18n\n"
        "site = Path(sys.argv[1]).resolve()\n"
        "assert Path(ui.__file__).resolve().is_relative_to(site), ui.__file__\n"
        "app = QCoreApplication([])\n"
        "loaded = ui.i18n.install_translators(app, 'zh_CN')\n"
        "print(loaded[0].filePath())\n"
        "print(QCoreApplication.translate('MainWindow', 'TCP Server'))\n"
        "from ui.resources import icons_dir\n"
        "print(sorted(p.name for p in icons_dir().glob('*.png'))[0])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(site), PYTHONIOENCODING="utf-8",
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", probe, str(site)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    qm, translated, icon = done.stdout.splitlines()
    assert Path(qm).resolve() == (site / "ui/translations/socketscope_zh_CN.qm").resolve()
    assert translated == "TCP 服务器"
    assert icon == "socketscope-128.png"


def test_package_data_is_inside_the_packages():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    assert all(".." not in pattern for patterns in package_data.values() for pattern in patterns)
    assert "pyinstaller" not in " ".join(config["project"]["dependencies"]).lower()
    assert any(d.lower().startswith("pyinstaller") for d in
               config["project"]["optional-dependencies"]["build"])


def test_translation_is_built_into_the_ui_package():
    from ui.resources import translations_dir

    assert translations_dir() == ROOT / "ui" / "translations"
    assert (translations_dir() / "socketscope_zh_CN.qm").stat().st_size > 10_000
    assert not list((ROOT / "resources").rglob("*.qm"))  # the old place, no stale copy


# -- icons -----------------------------------------------------------------------------------
def test_window_icon_has_every_shipped_size(qapp):
    from ui.resources import ICON_SIZES, app_icon

    assert _make_icons_module().WINDOW_SIZES == ICON_SIZES
    icon = app_icon()
    assert not icon.isNull()
    assert sorted(size.width() for size in icon.availableSizes()) == sorted(ICON_SIZES)


def test_ico_and_icns_made_from_the_svg_hold_the_sizes(tmp_path, qapp):
    make_icons = _make_icons_module()
    assert make_icons.main(["--out", str(tmp_path)]) == 0
    ico = (tmp_path / "socketscope.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sides = []
    for index in range(count):
        width, _, _, _, _, bits, size, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * index)
        assert bits == 32 and ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + size <= len(ico)
        sides.append(width or 256)
    assert sides == sorted(make_icons.ICO_SIZES)
    icns = (tmp_path / "socketscope.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    kinds, at = [], 8
    while at < len(icns):
        kinds.append(icns[at:at + 4])
        assert icns[at + 8:at + 16] == b"\x89PNG\r\n\x1a\n"
        at += struct.unpack_from(">I", icns, at + 4)[0]
    assert at == len(icns)
    assert kinds == [kind for _, kind in make_icons.ICNS_TYPES]


def test_committed_window_icons_are_real_pngs_of_their_size(qapp):
    from PySide6.QtGui import QImage

    from ui.resources import ICON_SIZES, icons_dir

    for size in ICON_SIZES:
        image = QImage(str(icons_dir() / f"socketscope-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


# -- desktop metadata ------------------------------------------------------------------------
def test_desktop_entry_names_the_installed_program_and_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    fields = entry["Desktop Entry"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["gui-scripts"]
    assert fields["Exec"].split()[0] in scripts
    assert fields["Icon"] == "socketscope"
    assert fields["Type"] == "Application" and fields["Terminal"] == "false"
    assert "网络调试助手" in fields["GenericName[zh_CN]"]
    # Wayland matches the window to this file through QGuiApplication.desktopFileName.
    launch = (ROOT / "ui" / "launch.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{DESKTOP.stem}")' in launch


def test_metainfo_launches_the_desktop_entry():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("id") == DESKTOP.stem
    from app import __version__

    assert root.find("releases/release").get("version") == __version__


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils not installed")
def test_desktop_entry_validates():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates_but_for_the_id_style():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True, timeout=30)
    issues = [line for line in done.stdout.splitlines() if re.match(r"[EWIP]: ", line)]
    # The id is the desktop file's name, not a reverse domain name (the project has no domain
    # yet); that is the one remark allowed.
    assert all("cid-desktopapp-is-not-rdns" in line for line in issues), done.stdout


# -- the bundle's spec -----------------------------------------------------------------------
def test_spec_bundles_the_translation_and_keeps_the_window_windowed():
    spec = SPEC.read_text(encoding="utf-8")
    assert '"ui" / "translations" / "*.qm"), "ui/translations")' in spec
    assert '"ui" / "icons" / "*.png"), "ui/icons")' in spec
    assert "console=False" in spec
    assert '"NSHighResolutionCapable": True' in spec
    assert '"NSAppSleepDisabled": True' in spec
    assert 'hiddenimports=["ui.launch"]' in spec
