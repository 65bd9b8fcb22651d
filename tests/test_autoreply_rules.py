"""Auto-reply rules: the file format, its checks, matching and replies (plain Python)."""

from __future__ import annotations

import json

import pytest

from app.autoreply.rules import first_match, message_text
from app.autoreply.rules_file import (
    RulesFileError,
    describe_rule,
    dump_rules,
    load_rules_file,
    parse_rules,
)

SEED_004 = '''{"rules": [
  {"how": "exact", "match": "exit", "close": true},
  {"how": "any", "reply": "Hello,{text}!"}
]}'''


def reply_for(rules, message: bytes, peer: str = "127.0.0.1:5000", n: int = 1) -> bytes | None:
    rule = first_match(rules, message)
    return None if rule is None else rule.make_reply(message, peer, n)


def test_seed_004_rules():
    rules = parse_rules(SEED_004)
    assert reply_for(rules, b"Michael") == b"Hello,Michael!"
    assert reply_for(rules, b"Michael\r\n") == b"Hello,Michael!"
    exit_rule = first_match(rules, b"exit\n")
    assert exit_rule is not None and exit_rule.close and exit_rule.make_reply(b"exit", "", 1) \
        == b""
    assert first_match(rules, b"exit now") is rules[1]  # exact is the whole message


@pytest.mark.parametrize(("rule", "message", "expected"), [
    ({"how": "prefix", "match": "GET ", "reply": "OK {n}"}, b"GET /x\n", b"OK 3"),
    ({"how": "prefix", "match": "GET ", "reply": "OK"}, b"PUT /x\n", None),
    ({"how": "contains", "match": "温度", "reply": "T=21\\r\\n"}, "读温度".encode(), b"T=21\r\n"),
    ({"how": "regex", "match": r"^T=(\d+)$", "reply": "ack {text}"}, b"T=42\r\n", b"ack T=42"),
    ({"how": "regex", "match": r"^T=\d+$", "reply": "x"}, b"T=4a", None),
    ({"how": "hex", "match": "01 03", "reply_hex": "01 03 02 00 2A", "checksum": "crc16-modbus"},
     bytes.fromhex("01 03 00 00 00 01 84 0A"), bytes.fromhex("01 03 02 00 2A 39 9B")),
    ({"how": "hex", "match": "01 03", "reply_hex": "00"}, bytes.fromhex("01 06"), None),
    ({"how": "any", "reply": "from {peer}: {text}\\x00"}, b"\xffok", b"from 127.0.0.1:5000: "
     b"\\xffok\x00"),
    ({"how": "exact", "match": "hi", "reply": "\\xFE"}, b"hi", b"\xfe"),
])
def test_match_and_reply(rule, message, expected):
    rules = parse_rules(json.dumps({"rules": [rule]}))
    assert reply_for(rules, message, n=3) == expected


def test_first_matching_rule_wins():
    rules = parse_rules(json.dumps({"rules": [
        {"how": "prefix", "match": "a", "reply": "1"},
        {"how": "prefix", "match": "ab", "reply": "2"},
        {"how": "any", "reply": "3"}]}))
    assert reply_for(rules, b"abc") == b"1"
    assert reply_for(rules, b"b") == b"3"


def test_message_text_keeps_invalid_bytes_visible():
    assert message_text(b"caf\xc3\xa9\xff\r\n") == "café\\xff"


@pytest.mark.parametrize(("text", "words"), [
    ('{"rules": [{"how": "exact", "match": "a", "reply": "x"}, {"how": "sometimes"}]}',
     ["Rule 2", "how"]),
    ('{"rules": [{"how": "regex", "match": "(", "reply": "x"}]}', ["Rule 1", "match"]),
    ('{"rules": [{"how": "hex", "match": "0G", "reply": "x"}]}', ["Rule 1", "match"]),
    ('{"rules": [{"how": "exact", "match": "a", "reply": "\\\\q"}]}', ["Rule 1", "reply"]),
    ('{"rules": [{"how": "exact", "match": "a", "reply_hex": "ZZ"}]}', ["Rule 1", "reply_hex"]),
    ('{"rules": [{"how": "exact", "match": "a", "reply": "x", "delay_ms": -1}]}',
     ["Rule 1", "delay_ms"]),
    ('{"rules": [{"how": "exact", "match": "a", "reply": "x", "close": "yes"}]}',
     ["Rule 1", "close"]),
    ('{"rules": [{"how": "exact", "match": "a", "reply": "x", "checksum": "md5"}]}',
     ["Rule 1", "checksum"]),
    ('{"rules": [{"how": "exact", "match": "a", "replly": "x"}]}', ["Rule 1", "replly"]),
    ('{"rules": [{"how": "exact", "match": "a"}]}', ["Rule 1", "reply"]),
    ('{"rules": [{"how": "exact", "reply": "x"}]}', ["Rule 1", "match"]),
    ('{"rules": [{"how": "exact", "match": "a", "reply": "x", "reply_hex": "00"}]}',
     ["Rule 1", "reply_hex"]),
    ('{"rules": [3]}', ["Rule 1"]),
    ('{"rule": []}', ["rules"]),
    ('{"rules": [', ["JSON", "line 1"]),
])
def test_bad_files_name_the_rule_and_field(text, words):
    with pytest.raises(RulesFileError) as info:
        parse_rules(text)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize(("reply", "name"), [
    ("{nope}", "nope"), ("Hi {Peer}", "Peer"), ("{text} {txt}", "txt"), ("n={0}", "0"),
    ("\\x7Bnope}", "nope"),  # found after escapes are decoded, as {text} always was
])
def test_an_unknown_placeholder_names_the_rule_and_field(reply, name):
    # Trial report item 8: {nope} loaded and was sent literally.
    text = json.dumps({"rules": [{"how": "any", "reply": "ok"},
                                 {"how": "exact", "match": "hi", "reply": reply}]})
    with pytest.raises(RulesFileError) as info:
        parse_rules(text)
    message = str(info.value)
    assert message.startswith("Rule 2, field “reply”:"), message
    assert f"“{{{name}}}”" in message
    assert "{text}, {peer}, {n}" in message
    assert f"“{{{{{name}}}}}”" in message  # how to send the braces as written


@pytest.mark.parametrize(("reply", "message", "expected"), [
    ('{"ok": true, "n": {n}}', b"x", b'{"ok": true, "n": 3}'),  # JSON replies keep working
    ('{"a":{"b":1}}', b"x", b'{"a":{"b":1}}'),
    ("{ text } { {", b"x", b"{ text } { {"),
    ("{{text}} is {text}", b"ab", b"{text} is ab"),
    ("{{nope}}", b"x", b"{nope}"),
    ("{{{n}}}", b"x", b"{{n}}"),  # "{" then the doubled "{{n}}", then "}"
    ("[{peer}] {text}", b"{peer}{n}\n", b"[127.0.0.1:5000] {peer}{n}"),  # filled once
    ("{text}{text}", b"ab", b"abab"),
    ("", b"x", b""),
])
def test_placeholders_braces_and_doubled_braces(reply, message, expected):
    rules = parse_rules(json.dumps({"rules": [{"how": "any", "reply": reply}]}))
    assert reply_for(rules, message, n=3) == expected


def test_placeholder_template_splits_once():
    from app.autoreply.template import PlaceholderError, parse_template

    template = parse_template(b"a{x}b{{y}}{x}", ("x",))
    assert template.parts == (b"a", "x", b"b{y}", "x")
    assert template.fill({"x": lambda: b"1"}) == b"a1b{y}1"
    assert parse_template(b"plain {", ("x",)).fixed
    with pytest.raises(PlaceholderError) as info:
        parse_template(b"{y}", ("x",))
    assert info.value.name == "y"


def test_file_round_trip(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(SEED_004, encoding="utf-8")
    rules = load_rules_file(path)
    again = parse_rules(dump_rules(rules))
    assert [r.source for r in again] == [r.source for r in rules]
    assert reply_for(again, b"Ann") == b"Hello,Ann!"
    assert describe_rule(rules[0]).startswith("exact “exit”")
    assert parse_rules(dump_rules(())) == ()


def test_unreadable_files(tmp_path):
    with pytest.raises(RulesFileError):
        load_rules_file(tmp_path / "missing.json")
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"rules": [{"how": "any", "reply": "\xe9"}]}')
    with pytest.raises(RulesFileError, match="UTF-8"):
        load_rules_file(bad)


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"rules": [' + "9" * 5000 + "]}",
                                  '{"rules": [{"how": "regex", "match": "' + "(" * 5000 + ")" * 5000
                                  + '", "reply": "x"}]}'])
def test_hostile_files_are_refused_not_crashed(text):
    with pytest.raises(RulesFileError):
        parse_rules(text)


def test_the_user_guide_examples_are_valid_rules_files():
    import pathlib
    import re

    guide = (pathlib.Path(__file__).parent.parent / "docs" / "user-guide.md").read_text(
        encoding="utf-8")
    blocks = [b for b in re.findall(r"```json\n(.*?)```", guide, re.S) if '"rules"' in b]
    assert len(blocks) >= 3
    modbus = None
    for block in blocks:
        rules = parse_rules(block)
        assert rules
        if rules[0].how == "hex":
            modbus = rules
    assert modbus is not None
    request = bytes.fromhex("01 03 00 00 00 02 C4 0B")
    assert reply_for(modbus, request)[:7] == bytes.fromhex("01 03 04 00 2A 01 F4")
    assert reply_for(modbus, bytes.fromhex("01 10 00 00"))[:3] == bytes.fromhex("01 83 01")
