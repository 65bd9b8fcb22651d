"""The Simplified Chinese translation: complete, placeholders intact, and built into the .qm.

After changing user-visible strings, run ``python resources/translations/update.py``, translate
the unfinished entries, and run it again (see its docstring).
"""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "translations" / "socketscope_zh_CN.ts"
QM_FILE = ROOT / "ui" / "translations" / "socketscope_zh_CN.qm"


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    disambiguation: str | None
    translations: tuple[str, ...]  # one, or one per plural form
    type: str | None  # "unfinished", "vanished", "obsolete" or None when finished

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def _messages() -> list[Message]:
    messages = []
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: a message without <translation>"
            forms = [form.text or "" for form in translation.iter("numerusform")]
            messages.append(Message(
                context=name,
                source=message.findtext("source") or "",
                disambiguation=message.findtext("comment"),
                translations=tuple(forms) if forms else (translation.text or "",),
                type=translation.get("type"),
            ))
    return messages


MESSAGES = _messages()


def _placeholders(text: str) -> set[str]:
    """The ``str.format`` fields of ``text``, as written between the braces (``timeout:g``)."""
    try:
        fields = set()
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is not None:
                fields.add(name + (f"!{conversion}" if conversion else "")
                           + (f":{spec}" if spec else ""))
        return fields
    except ValueError:  # stray braces: not a format string, compare what looks like fields
        return set(re.findall(r"\{([^{}]*)\}", text))


def _tags(text: str) -> list[str]:
    return sorted(re.findall(r"</?[A-Za-z][^<>]*>", text))


def _accelerators(text: str) -> list[str]:
    """The accelerator letters marked with ``&`` (``&&`` is a literal ampersand)."""
    return [m.upper() for m in re.findall(r"(?<!&)&([^&\s])", text.replace("&&", ""))]


@pytest.fixture
def chinese(qapp) -> Iterator[QTranslator]:
    """The zh_CN translator, installed on the application for the test only."""
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"cannot load {QM_FILE}"
    assert QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def _tr(message: Message) -> str:
    n = 1 if len(message.translations) > 1 else -1
    return QCoreApplication.translate(message.context, message.source,
                                      message.disambiguation, n)


def test_the_ts_file_has_messages():
    assert len(MESSAGES) > 100
    assert TS_FILE.read_text(encoding="utf-8").startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')


def test_known_translations(chinese):
    tr = QCoreApplication.translate
    assert "网络调试助手" in tr("MainWindow", "SocketScope")
    assert tr("MainWindow", "TCP Server") == "TCP 服务器"
    assert tr("MainWindow", "&Session") == "会话(&S)"
    assert tr("ServerPage", "Listen") == "监听"
    assert tr("ClientPage", "Disconnect") == "断开"
    assert tr("SessionPage", "RX: {bytes} B ({reads} reads)").format(
        bytes=12, reads=3) == "接收: 12 字节 (3 次读取)"
    assert tr("NetErrors", "Cannot connect to {endpoint}: {reason}").format(
        endpoint="10.0.0.1:502", reason="x").startswith("无法连接 10.0.0.1:502")


def test_strings_from_core_helpers_are_extracted():
    """Strings the core passes through ``_tr`` helpers or a ``_CONTEXT`` constant are in the .ts.

    lupdate cannot follow those on its own; update.py rewrites them for it.
    """
    contexts = {m.context for m in MESSAGES}
    assert {"NetErrors", "Checksums", "HexInput", "TextEscapes", "FileSender"} <= contexts


def test_every_message_is_translated():
    not_done = [f"{m} ({m.type or 'empty'})" for m in MESSAGES
                if m.type is not None or not all(t.strip() for t in m.translations)]
    assert not not_done, ("untranslated; run resources/translations/update.py and translate:\n"
                          + "\n".join(not_done))


def test_translations_keep_placeholders():
    wrong = [f"{m}: {sorted(_placeholders(m.source))} -> {sorted(_placeholders(t))}"
             for m in MESSAGES for t in m.translations
             if _placeholders(t) != _placeholders(m.source)]
    assert not wrong, "\n".join(wrong)


def test_translations_keep_html_tags_and_accelerators():
    wrong = [f"{m} -> {t!r}" for m in MESSAGES for t in m.translations
             if _tags(t) != _tags(m.source) or _accelerators(t) != _accelerators(m.source)]
    assert not wrong, "\n".join(wrong)


def test_the_qm_has_every_translation(chinese):
    """The .qm is built from the current .ts (else: run resources/translations/update.py)."""
    stale = []
    same_as_source = 0
    for message in MESSAGES:
        translated = _tr(message)
        if translated == "" or translated not in message.translations:
            stale.append(f"{message}: {translated!r}")
        same_as_source += translated == message.source
    assert not stale, ("the .qm does not match the .ts; run resources/translations/update.py:\n"
                       + "\n".join(stale))
    # Codec and CRC names stay as they are; nearly everything else must differ.
    assert same_as_source < len(MESSAGES) // 5



def test_translation_covers_every_string_in_the_sources():
    """New user-visible strings must reach the .ts and be translated (update.py --check)."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "resources/translations/update.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
