"""The project's own rules, checked with the tests so CI enforces them.

The dependency rules of ``docs/architecture.md``, checked on every module of the tree
(recursively, so a new subpackage is covered the day it appears):

* ``app`` (the engine) never imports ``PySide6.QtWidgets``, ``PySide6.QtGui`` or ``ui``;
* ``app.net`` is the only package that imports the OS network modules, and it imports no
  session (sessions use the network, never the other way round);
* ``ui`` never imports the OS network modules.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Modules that talk to the operating system's network directly.
NETWORK_MODULES = {"socket", "select", "selectors", "ssl"}


def _imports(path: Path) -> set[str]:
    """Every module name ``path`` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(package: str) -> list[Path]:
    paths = sorted((ROOT / package).rglob("*.py"))
    assert paths, f"no modules found under {package}/"
    return paths


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def test_the_rules_see_every_subpackage():
    # A glob of app/*.py would check nothing after a move into feature packages.
    checked = {p.parent.name for p in _modules("app")}
    assert {"net", "traffic", "send", "sessions"} <= checked


def test_engine_never_imports_widgets_or_ui():
    for path in _modules("app"):
        for name in _imports(path):
            assert not name.startswith(("PySide6.QtWidgets", "PySide6.QtGui")), (
                f"{path.relative_to(ROOT)} imports {name}")
            assert _top(name) != "ui", (
                f"{path.relative_to(ROOT)} imports {name}")


def test_only_app_net_imports_the_network():
    for path in _modules("app"):
        if path.relative_to(ROOT).parts[:2] == ("app", "net"):
            continue
        used = {_top(n) for n in _imports(path)} & NETWORK_MODULES
        assert not used, f"{path.relative_to(ROOT)} imports {used}; only app/net/ may"


def test_net_imports_no_session():
    for path in _modules("app/net"):
        for name in _imports(path):
            assert not name.startswith("app.sessions"), (
                f"{path.relative_to(ROOT)} imports {name}: the network layer knows no session")


def test_ui_has_no_socket_code():
    for path in _modules("ui"):
        used = {_top(n) for n in _imports(path)} & NETWORK_MODULES
        assert not used, f"{path.relative_to(ROOT)} imports {used}"


def test_importing_the_engine_loads_no_widgets():
    code = ("import sys, importlib, pkgutil, app\n"
            "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
            "    if m.name != 'app.__main__': importlib.import_module(m.name)\n"
            "bad = [m for m in sys.modules\n"
            "       if m.startswith(('PySide6.QtWidgets', 'PySide6.QtGui', 'ui'))]\n"
            "print(bad); sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [["ruff", "check", "."], ["mypy", "app", "ui"]],
                         ids=["ruff", "mypy"])
def test_linters_clean(command: list[str]):
    tool = shutil.which(command[0]) or str(Path(sys.executable).parent / command[0])
    if not Path(tool).exists():
        pytest.skip(f"{command[0]} is not installed")
    result = subprocess.run([tool, *command[1:]], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
