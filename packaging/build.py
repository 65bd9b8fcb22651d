"""Build SocketScope's one-folder bundle with PyInstaller and smoke-start it.

Usage (in the project's virtual environment, after ``pip install -e '.[build]'``)::

    python packaging/build.py            # icons, bundle in dist/SocketScope/, smoke start
    python packaging/build.py --no-build # smoke-start the bundle already in dist/

Steps, each timed:

1. ``resources/icons/make_icons.py --out build/icons``: the ``.ico`` and ``.icns`` the spec
   gives the executable, rendered from the SVG.
2. PyInstaller on ``packaging/socketscope.spec`` → ``dist/SocketScope/`` (and
   ``dist/SocketScope.app`` on macOS).
3. Smoke start: the bundled executable runs offscreen with ``--listen 127.0.0.1:0``, in
   Chinese (``SOCKETSCOPE_LANGUAGE=zh_CN``), on private settings where the platform allows
   (``XDG_CONFIG_HOME``/``HOME``; Windows and macOS keep settings in the registry and
   ``~/Library``), and reports through ``SOCKETSCOPE_SMOKE_LOG`` (see ``ui/launch.py``). The
   build fails unless our ``.qm`` was loaded from inside the bundle (a naive build loses it
   and the window silently shows English), Qt's own Chinese catalogue was loaded, the title
   is Chinese, the server page is current and listening, and the window was shown.
4. The bundle's size and file count, and its biggest parts.

Exit status 0 when all of that holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "socketscope.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ICONS = ROOT / "build" / "icons"
NAME = "SocketScope"
SMOKE_SECONDS = "1.5"


def bundle_dir() -> Path:
    """The one-folder bundle (what a user unpacks and runs from)."""
    return DIST / NAME


def executable() -> Path:
    """The bundled program."""
    if sys.platform == "win32":
        return bundle_dir() / f"{NAME}.exe"
    if sys.platform == "darwin":
        return DIST / f"{NAME}.app" / "Contents" / "MacOS" / NAME
    return bundle_dir() / NAME


def step(title: str) -> float:
    print(f"build: == {title}", flush=True)
    return time.perf_counter()


def done(title: str, started: float) -> float:
    took = time.perf_counter() - started
    print(f"build: {title} took {took:.1f} s", flush=True)
    return took


def make_icons() -> None:
    subprocess.run([sys.executable, str(ROOT / "resources/icons/make_icons.py"),
                    "--out", str(ICONS)], check=True)


def run_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is not installed: pip install -e '.[build]'") from None
    env = dict(os.environ, SOCKETSCOPE_ICON_DIR=str(ICONS))
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(DIST), "--workpath", str(WORK),
                    str(SPEC)], check=True, cwd=ROOT, env=env)


def smoke_start() -> list[str]:
    """Start the bundle once; returns the problems found (empty: it works)."""
    program = executable()
    if not program.is_file():
        return [f"no executable at {program}"]
    with tempfile.TemporaryDirectory(prefix="socketscope-smoke-") as tmp:
        log = Path(tmp) / "smoke.log"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOCKETSCOPE_SMOKE_SECONDS=SMOKE_SECONDS,
                   SOCKETSCOPE_SMOKE_LOG=str(log), SOCKETSCOPE_LANGUAGE="zh_CN",
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"), LANG="zh_CN.UTF-8")
        if sys.platform.startswith("linux"):
            env["HOME"] = tmp
        try:
            result = subprocess.run([str(program), "--listen", "127.0.0.1:0"], env=env,
                                    capture_output=True, text=True, errors="replace", timeout=60)
        except subprocess.TimeoutExpired:
            return ["the bundle did not quit within 60 s"]
        report = log.read_text(encoding="utf-8") if log.is_file() else ""
    print(report, end="")
    problems = []
    if result.returncode != 0:
        problems.append(f"exit status {result.returncode}; its output:\n"
                        f"{result.stdout}{result.stderr}")
    lines = report.splitlines()
    loaded = [line.removeprefix("smoke: translation loaded ").strip() for line in lines
              if line.startswith("smoke: translation loaded ")]
    ours = [path for path in loaded if Path(path).name == "socketscope_zh_CN.qm"]
    inside = (DIST / f"{NAME}.app" if sys.platform == "darwin" else bundle_dir()).resolve()
    if not ours:
        problems.append("our Chinese translation (socketscope_zh_CN.qm) was not loaded")
    elif not Path(ours[0]).resolve().is_relative_to(inside):
        problems.append(f"socketscope_zh_CN.qm came from outside the bundle: {ours[0]}")
    if not any(Path(path).name.startswith("qtbase_zh_CN") for path in loaded):
        problems.append("Qt's own Chinese translation (qtbase_zh_CN.qm) was not loaded")
    if not any(line.startswith("smoke: window title") and "网络调试助手" in line for line in lines):
        problems.append("the window title is not Chinese")
    if "smoke: window icon sizes none" in lines:
        problems.append("the window has no icon (ui/icons/ missing from the bundle?)")
    if "smoke: current page tcpServerSession open" not in lines:
        problems.append("the server page was not current and listening")
    if "smoke: window shown on platform offscreen" not in lines:
        problems.append("the window was not shown")
    return problems


def size_report(top: int = 8) -> tuple[int, int]:
    """Print the bundle's size, its file count and its biggest files; returns (bytes, files)."""
    files = [p for p in bundle_dir().rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    print(f"build: bundle {bundle_dir().relative_to(ROOT)}: {total / 2**20:.1f} MiB in "
          f"{len(files)} files", flush=True)
    for path in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:top]:
        print(f"build:   {path.stat().st_size / 2**20:6.1f} MiB  "
              f"{path.relative_to(bundle_dir()).as_posix()}")
    return total, len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true",
                        help="only smoke-start the bundle already in dist/")
    args = parser.parse_args(argv)
    total_start = time.perf_counter()
    if not args.no_build:
        started = step("icons")
        make_icons()
        done("icons", started)
        started = step("PyInstaller")
        shutil.rmtree(bundle_dir(), ignore_errors=True)
        run_pyinstaller()
        done("PyInstaller", started)
    started = step("smoke start of the bundle (offscreen, zh_CN, --listen 127.0.0.1:0)")
    problems = smoke_start()
    done("smoke start", started)
    size_report()
    print(f"build: total {time.perf_counter() - total_start:.1f} s", flush=True)
    for problem in problems:
        print(f"build: FAILED: {problem}", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
