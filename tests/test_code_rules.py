"""The project's own rules, checked with the tests so CI enforces them."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_widgets_or_ui():
    for path in (ROOT / "app").glob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("PySide6.QtWidgets", "PySide6.QtGui", "ui")), (
                f"{path.name} imports {name}")


def test_ui_has_no_socket_code():
    for path in (ROOT / "ui").glob("*.py"):
        assert not {"socket", "select", "selectors"} & _imports(path), path.name


def test_importing_the_core_loads_no_widgets():
    code = ("import sys, importlib, pkgutil, app\n"
            "for m in pkgutil.iter_modules(app.__path__):\n"
            "    if m.name != '__main__': importlib.import_module('app.' + m.name)\n"
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
