"""Welcome, echo, rules, access control and reconnect driven through the pages' names."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QWidget

from tests.ui_helpers import child, click, listen_on_loopback, log_text, state, status
from ui.main_window import MainWindow

SEED_004 = {"rules": [{"how": "exact", "match": "exit", "close": True},
                      {"how": "any", "reply": "Hello,{text}!"}]}


@pytest.fixture
def page(window):
    return window.findChild(QWidget, "tcpServerSession")


def import_rules(qtbot, page, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))
    click(qtbot, page, "autoReplyImportButton")


def test_seed_004_server_from_the_page(qtbot, page, connect_peer, tmp_path, monkeypatch):
    rules_path = tmp_path / "seed004.json"
    rules_path.write_text(json.dumps(SEED_004), encoding="utf-8")
    child(page, "welcomeCheck").setChecked(True)
    child(page, "welcomeEdit").setText("Welcome!")
    import_rules(qtbot, page, monkeypatch, rules_path)
    rules: QAbstractItemView = child(page, "autoReplyList")
    assert rules.model().rowCount() == 2
    assert "exit" in rules.model().index(0, 0).data()
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    assert peer.recv_exactly(8) == b"Welcome!"
    peer.send(b"Michael")
    assert peer.recv_exactly(14) == b"Hello,Michael!"
    peer.send(b"exit")
    assert peer.recv_until_closed() == b""
    qtbot.waitUntil(lambda: "Hello,Michael!" in log_text(page), timeout=5000)
    lines = log_text(page).splitlines()
    reply = next(line for line in lines if "Hello,Michael!" in line)
    assert "TX-auto" in reply  # automatic replies are marked in the log
    assert any("RX" in line and "Michael" in line and "TX-auto" not in line for line in lines)


def test_bad_rules_file_names_rule_and_field_and_keeps_rules(qtbot, page, tmp_path,
                                                             monkeypatch):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(SEED_004), encoding="utf-8")
    import_rules(qtbot, page, monkeypatch, good)
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": [{"how": "any", "reply": "x"}, {"how": "regex", '
                   '"match": "(", "reply": "y"}]}', encoding="utf-8")
    import_rules(qtbot, page, monkeypatch, bad)
    assert "Rule 2" in status(page) and "match" in status(page)
    assert child(page, "autoReplyList").model().rowCount() == 2
    assert len(page.session.auto_reply.rules) == 2


def test_a_rules_file_with_an_unknown_placeholder_keeps_the_rules(qtbot, page, tmp_path,
                                                                  monkeypatch):
    # Trial report item 8: {nope} loaded ("1 rule(s) loaded") and was sent literally.
    good = tmp_path / "good.json"
    good.write_text(json.dumps(SEED_004), encoding="utf-8")
    import_rules(qtbot, page, monkeypatch, good)
    bad = tmp_path / "nope.json"
    bad.write_text('{"rules":[{"how":"exact","match":"hi","reply":"{nope}"}]}',
                   encoding="utf-8")
    import_rules(qtbot, page, monkeypatch, bad)
    assert "Rule 1" in status(page) and "reply" in status(page)
    assert "{nope}" in status(page)
    assert len(page.session.auto_reply.rules) == 2
    assert child(page, "autoReplyList").model().rowCount() == 2


def test_a_welcome_with_an_unknown_placeholder_is_refused(qtbot, page, connect_peer):
    child(page, "welcomeCheck").setChecked(True)
    edit = child(page, "welcomeEdit")
    edit.setText("Hi {nope}")
    click(qtbot, page, "openButton")
    assert state(page) == "closed"
    assert "Welcome message" in status(page) and "“{nope}”" in status(page)
    assert "{peer}" in status(page)
    edit.setText("Hi {peer}\\n")
    port = listen_on_loopback(qtbot, page)
    # While listening: a bad change is refused and the welcome in force stays.
    edit.setText("Bye {Peer}")
    edit.editingFinished.emit()
    assert "“{Peer}”" in status(page)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    expected = f"Hi {page.session.connections()[0].peer}\n".encode()
    assert peer.recv_exactly(len(expected)) == expected


def test_echo_check_and_settings_survive_a_restart(qtbot, settings, page, connect_peer,
                                                   tmp_path, monkeypatch):
    rules_path = tmp_path / "r.json"
    rules_path.write_text(json.dumps(SEED_004), encoding="utf-8")
    import_rules(qtbot, page, monkeypatch, rules_path)
    child(page, "echoCheck").setChecked(True)
    child(page, "welcomeCheck").setChecked(True)
    child(page, "welcomeEdit").setText("成功连接服务器!")
    child(page, "maxClientsSpin").setValue(2)
    child(page, "allowListEdit").setText("127.0.0.1 ::1")
    port = listen_on_loopback(qtbot, page)
    peer = connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    welcome = "成功连接服务器!".encode()
    assert peer.recv_exactly(len(welcome)) == welcome
    window = page.window()
    window.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    restored = again.findChild(QWidget, "tcpServerSession")
    assert child(restored, "echoCheck").isChecked()
    assert child(restored, "welcomeCheck").isChecked()
    assert child(restored, "welcomeEdit").text() == "成功连接服务器!"
    assert child(restored, "maxClientsSpin").value() == 2
    assert child(restored, "allowListEdit").text() == "127.0.0.1 ::1"
    assert child(restored, "autoReplyList").model().rowCount() == 2
    assert restored.session.auto_reply.echo
    again.close()


def test_limit_and_allow_list_apply_while_listening(qtbot, page, connect_peer):
    port = listen_on_loopback(qtbot, page)
    child(page, "maxClientsSpin").setValue(1)
    connect_peer(port)
    qtbot.waitUntil(lambda: len(page.session.connections()) == 1, timeout=5000)
    second = connect_peer(port)
    qtbot.waitUntil(lambda: "Refused" in status(page), timeout=5000)
    assert len(page.session.connections()) == 1
    line = f"127.0.0.1:{second.sock.getsockname()[1]}"
    qtbot.waitUntil(lambda: any(line in row and "refused" in row
                                for row in log_text(page).splitlines()), timeout=5000)
    edit = child(page, "allowListEdit")
    edit.setText("10.0.0.0/33")
    edit.editingFinished.emit()
    assert "10.0.0.0/33" in status(page)
    click(qtbot, page, "disconnectAllButton")
    qtbot.waitUntil(lambda: not page.session.connections(), timeout=5000)
    assert state(page) == "open"


def test_client_page_reconnects_by_itself(qtbot, window, page):
    port = listen_on_loopback(qtbot, page)
    client_page = window.findChild(QWidget, "tcpClientSession")
    child(client_page, "remoteHostEdit").setText("127.0.0.1")
    child(client_page, "remotePortSpin").setValue(port)
    child(client_page, "reconnectCheck").setChecked(True)
    click(qtbot, client_page, "openButton")
    qtbot.waitUntil(lambda: state(client_page) == "open", timeout=5000)
    click(qtbot, page, "openButton")  # the server goes away
    qtbot.waitUntil(lambda: "attempt 1" in status(client_page), timeout=5000)
    assert state(client_page) == "opening"
    click(qtbot, page, "openButton")  # and comes back on the same port
    qtbot.waitUntil(lambda: state(page) == "open", timeout=5000)
    qtbot.waitUntil(lambda: state(client_page) == "open", timeout=8000)
    assert "reconnected" in status(client_page)


def test_rules_dialog_validates_and_export_round_trips(qtbot, page, tmp_path):
    from ui.auto_reply_group import RulesDialog

    dialog = RulesDialog('{"rules": [{"how": "exact", "match": "a"}]}')
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0
    assert "Rule 1" in dialog.error_label.text() and "reply" in dialog.error_label.text()
    dialog.text_edit.setPlainText(json.dumps(SEED_004))
    dialog.accept()
    assert dialog.result() == 1 and len(dialog.rules) == 2
    group = page.auto_reply_group
    group.set_rules(dialog.rules)
    assert len(page.session.auto_reply.rules) == 2
    out = tmp_path / "out.json"
    assert group.export_file(out)
    group.set_rules(())
    assert page.session.auto_reply not in page.session.sink.taps
    assert group.import_file(out)
    assert [r.source for r in page.session.auto_reply.rules] == SEED_004["rules"]
