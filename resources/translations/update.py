"""Refresh the Simplified Chinese translation: extract strings into the .ts, build the .qm.

Usage, after changing user-visible strings in ``app/`` or ``ui/``::

    python resources/translations/update.py

1. ``pyside6-lupdate`` reads every ``.py`` file in ``app/`` and ``ui/`` and merges what it finds
   into ``socketscope_zh_CN.ts``: new strings are added as unfinished, strings no longer in the
   code are dropped (``-no-obsolete``), finished translations are kept.
2. ``pyside6-lrelease`` builds ``ui/translations/socketscope_zh_CN.qm``, the file ``ui/i18n.py``
   loads (inside the ``ui`` package, so wheels and bundles carry it; the .ts stays here).
   Unfinished entries are left out of it, so they show in English.

Then translate the unfinished entries, in Qt Linguist (``pyside6-linguist
resources/translations/socketscope_zh_CN.ts``) or by editing the .ts (fill ``<translation>``
and remove ``type="unfinished"``), and run this script again to rebuild the .qm. Keep
``{placeholders}`` and HTML tags exactly; write accelerators Chinese-style: ``&Session`` ->
``会话(&S)``. ``tests/test_translations.py`` checks that every entry is finished and keeps its
placeholders.

lupdate only understands calls it can read literally: ``self.tr("...")`` and
``QCoreApplication.translate("Context", "...")``. Some core modules instead use a context
constant (``_CONTEXT = "..."``), a module helper (``def _tr(text): return
QCoreApplication.translate(_CONTEXT, text)``) or a local alias (``tr =
QCoreApplication.translate``). So lupdate reads a copy of the sources, in a temporary tree,
in which those calls are rewritten into the literal form on the same lines; the locations in
the .ts still name the real files and lines.

lupdate also takes every ``#:`` comment as a note for the translator and attaches it to the next
translate call, however far away; here ``#:`` documents attributes (Sphinx style). So in the
copy a ``#:`` comment is kept only when the code line right after it has a translate call::

    #: Shown in the status bar; {count} is a number of clients.
    text = self.tr("{count} client(s)").format(count=count)

``python resources/translations/update.py --check`` changes nothing and fails when a string in
the sources is missing from the .ts or untranslated (the test suite runs it).

The tools are looked up next to the running Python (a virtual environment's ``bin``/``Scripts``),
then on the PATH.
"""

from __future__ import annotations

import ast
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIRS = ("app", "ui")
LANGUAGE = "zh_CN"
TS_FILE = HERE / f"socketscope_{LANGUAGE}.ts"
QM_FILE = ROOT / "ui" / "translations" / f"socketscope_{LANGUAGE}.qm"

#: Classes whose ``translate`` is Qt's (``QCoreApplication.translate``).
_APP_CLASSES = {"QCoreApplication", "QGuiApplication", "QApplication"}
_LITERAL_TRANSLATE = b"QCoreApplication.translate"
#: A line with a translate call (after the rewrite), which a ``#:`` comment may describe.
_TRANSLATE_CALL = re.compile(r"\btr\s*\(|\btranslate\s*\(")


def find_tool(name: str) -> str:
    """The path of a PySide6 tool: next to ``sys.executable``, else on the PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found next to {sys.executable} or on the PATH; "
                         "install PySide6 (pip install -e '.[test]').")
    return found


def source_files() -> list[Path]:
    """Every ``.py`` file in the source directories, sorted (so the .ts is stable)."""
    return sorted(path for folder in SOURCE_DIRS for path in (ROOT / folder).rglob("*.py"))


def _is_str(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_qt_translate(func: ast.AST, aliases: set[str]) -> bool:
    """``QCoreApplication.translate`` (or an alias of it) as a called function."""
    if isinstance(func, ast.Name):
        return func.id in aliases
    return (isinstance(func, ast.Attribute) and func.attr == "translate"
            and isinstance(func.value, ast.Name) and func.value.id in _APP_CLASSES)


def _context_of(node: ast.AST, constants: dict[str, str]) -> str | None:
    """The context a translate call's first argument names, if it is known statically."""
    if _is_str(node):
        assert isinstance(node, ast.Constant)
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _scan(tree: ast.Module) -> tuple[dict[str, str], set[str], dict[str, str]]:
    """``(helpers, aliases, constants)`` of a module.

    ``helpers``: one-argument functions returning ``QCoreApplication.translate(CONTEXT, arg)``,
    with their context; ``aliases``: names bound to ``QCoreApplication.translate``;
    ``constants``: module-level string constants (such as ``_CONTEXT``), with their values.
    """
    constants: dict[str, str] = {}
    for stmt in tree.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and _is_str(stmt.value)):
            constants[stmt.targets[0].id] = stmt.value.value  # type: ignore[union-attr]
        elif (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
              and _is_str(stmt.value)):
            constants[stmt.target.id] = stmt.value.value  # type: ignore[union-attr]
    aliases = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_qt_translate(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    helpers: dict[str, str] = {}
    for stmt in tree.body:
        if not isinstance(stmt, ast.FunctionDef) or not stmt.args.args:
            continue
        body = [s for s in stmt.body
                if not (isinstance(s, ast.Expr) and _is_str(s.value))]  # skip a docstring
        if len(body) != 1 or not isinstance(body[0], ast.Return):
            continue
        call = body[0].value
        if (isinstance(call, ast.Call) and _is_qt_translate(call.func, aliases)
                and len(call.args) >= 2 and isinstance(call.args[1], ast.Name)
                and call.args[1].id == stmt.args.args[0].arg):
            context = _context_of(call.args[0], constants)
            if context is not None:
                helpers[stmt.name] = context
    return helpers, aliases, constants


def literal_source(source: bytes) -> bytes:
    """``source`` with indirect translate calls rewritten into literal ones, line for line."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source  # Being edited: lupdate gets it as it is.
    helpers, aliases, constants = _scan(tree)
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def start(node: ast.AST) -> int:  # ast columns are UTF-8 byte offsets
        return line_starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]

    def end(node: ast.AST) -> int:
        return line_starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]

    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, first = node.func, node.args[0]
        if isinstance(func, ast.Name) and func.id in helpers and _is_str(first):
            context = json.dumps(helpers[func.id], ensure_ascii=False).encode()
            edits.append((start(func), end(func), _LITERAL_TRANSLATE))
            edits.append((start(first), start(first), context + b", "))
        elif (_is_qt_translate(func, aliases) and len(node.args) >= 2
              and _is_str(node.args[1]) and not _is_str(first)):
            context_text = _context_of(first, constants)
            if context_text is None:
                continue
            context = json.dumps(context_text, ensure_ascii=False).encode()
            if isinstance(func, ast.Name):
                edits.append((start(func), end(func), _LITERAL_TRANSLATE))
            edits.append((start(first), end(first), context))
        elif isinstance(func, ast.Name) and func.id in aliases and _is_str(first):
            edits.append((start(func), end(func), _LITERAL_TRANSLATE))
    out = bytearray(source)
    for begin, finish, replacement in sorted(edits, reverse=True):
        out[begin:finish] = replacement
    return _drop_stray_translator_comments(bytes(out))


def _drop_stray_translator_comments(source: bytes) -> bytes:
    """Turn ``#:`` into ``# `` unless the next code line has a translate call."""
    text = source.decode("utf-8")
    lines = text.splitlines(keepends=True)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
    for index, token in enumerate(tokens):
        if token.type != tokenize.COMMENT or not token.string.startswith("#:"):
            continue
        following = next((t for t in tokens[index + 1:] if t.type not in skip), None)
        if following is not None and _TRANSLATE_CALL.search(lines[following.start[0] - 1]):
            continue
        row, col = token.start
        line = lines[row - 1]
        lines[row - 1] = line[:col] + "# " + line[col + 2:]
    return "".join(lines).encode("utf-8")


def run(command: list[str], shown: str) -> None:
    """Run a tool, failing loudly; ``shown`` is what to print instead of the full command."""
    print(f"$ {Path(command[0]).name} {shown}", flush=True)
    subprocess.run(command, check=True)


def update_ts(lupdate: str, target: Path = TS_FILE) -> None:
    """Merge the strings of the current sources into the .ts, written to ``target``."""
    with tempfile.TemporaryDirectory(prefix="socketscope-lupdate-") as tmp:
        tree = Path(tmp)
        copies: list[str] = []
        for path in source_files():
            copy = tree / path.relative_to(ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(literal_source(path.read_bytes()))
            copies.append(str(copy))
        ts_copy = tree / TS_FILE.relative_to(ROOT)
        ts_copy.parent.mkdir(parents=True, exist_ok=True)
        if TS_FILE.exists():
            shutil.copyfile(TS_FILE, ts_copy)
        options = ["-no-obsolete", "-source-language", "en", "-target-language", LANGUAGE]
        run([lupdate, *options, *copies, "-ts", str(ts_copy)],
            f"{' '.join(options)} <{len(copies)} files in {', '.join(SOURCE_DIRS)}> "
            f"-ts {TS_FILE.relative_to(ROOT)}")
        shutil.copyfile(ts_copy, target)


def build_qm(lrelease: str) -> None:
    """Compile the .ts into the .qm the application loads."""
    run([lrelease, str(TS_FILE), "-qm", str(QM_FILE)],
        f"{TS_FILE.relative_to(ROOT)} -qm {QM_FILE.relative_to(ROOT)}")


def check() -> int:
    """Exit status 1 when the sources hold strings the .ts lacks or has not translated."""
    with tempfile.TemporaryDirectory(prefix="socketscope-check-") as tmp:
        merged = Path(tmp) / TS_FILE.name
        update_ts(find_tool("pyside6-lupdate"), merged)
        text = merged.read_text(encoding="utf-8")
    unfinished = text.count('type="unfinished"')
    if text.count("<message") != TS_FILE.read_text(encoding="utf-8").count("<message"):
        print("the .ts is out of date: run python resources/translations/update.py")
        return 1
    if unfinished:
        print(f"{unfinished} message(s) untranslated: run the update script and translate them")
        return 1
    print("the translation covers every string in the sources")
    return 0


def main() -> int:
    if "--check" in sys.argv[1:]:
        return check()
    update_ts(find_tool("pyside6-lupdate"))
    build_qm(find_tool("pyside6-lrelease"))
    unfinished = TS_FILE.read_text(encoding="utf-8").count('type="unfinished"')
    if unfinished:
        print(f"{unfinished} message(s) still to translate in {TS_FILE.relative_to(ROOT)}; "
              "translate them, then run this script again.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
