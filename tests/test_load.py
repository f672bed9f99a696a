"""The YAML loader: every kind of unreadable file gets one error naming file, line and column."""

from __future__ import annotations

import time

import pytest

from generator.load import load_document


def load(tmp_path, content: str | bytes, name: str = "GB20.yml"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return load_document(path, f"data/points/GB/{name}")


def single_error(tmp_path, content):
    doc, errors = load(tmp_path, content)
    assert doc is None
    assert len(errors) == 1
    return errors[0]


def test_valid_file_records_positions(tmp_path):
    doc, errors = load(tmp_path, "code: GB20\nnames:\n  pinyin: Fēngchí\nfinding:\n  - one\n  - two\n")
    assert errors == []
    assert doc.value["names"]["pinyin"] == "Fēngchí"
    assert doc.where(("names", "pinyin")) == (3, 3)
    assert doc.where(("finding", 1)) == (6, 5)
    # An unknown path falls back to its closest known parent.
    assert doc.where(("names", "hanzi")) == (2, 1)


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        ("code: GB20\nnames: [unclosed\n", 3, 1, "YAML syntax error"),
        ("code: GB20\nlocation: a\nlocation: b\n", 3, 1, "duplicate key 'location' (first given on line 2)"),
        ("code: GB20\nnames:\n\tpinyin: Fēngchí\n", 3, 1, "tab used for indentation"),
        ("", 1, 1, "file is empty"),
        ("# only a comment\n", 1, 1, "file is empty"),
        ("- a list\n- not a mapping\n", 1, 1, "must be a mapping"),
        ("code: &c GB20\nother: *c\n", 1, 7, "anchors and aliases"),
        ("code: !!python/object:os.system echo\n", 1, 7, "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"),
        ("code: !custom GB20\n", 1, 7, "tag '!custom' is not allowed"),
        ("code: GB20\n? [complex, key]\n: value\n", 2, 3, "keys must be plain words"),
    ],
)
def test_unreadable_yaml(tmp_path, content, line, column, message):
    error = single_error(tmp_path, content)
    assert error.file == "data/points/GB/GB20.yml"
    assert (error.line, error.column) == (line, column), str(error)
    assert message in error.message
    assert str(error).startswith(f"data/points/GB/GB20.yml:{line}:{column}:")


def test_not_utf8_names_line_and_column(tmp_path):
    error = single_error(tmp_path, b"code: GB20\nlocation: caf\xe9\n")
    assert (error.line, error.column) == (2, 14)
    assert "not valid UTF-8" in error.message


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    error = single_error(tmp_path, "\n".join(lines) + "\n")
    assert "anchors and aliases" in error.message
    assert time.perf_counter() - started < 5  # generous: refusal happens before any expansion


def test_yes_and_dates_stay_text(tmp_path):
    doc, errors = load(tmp_path, "a: yes\nb: 2008-01-01\nc: 1:20\nd: true\ne: 12\n")
    assert errors == []
    assert doc.value == {"a": "yes", "b": "2008-01-01", "c": "1:20", "d": True, "e": 12}


def test_byte_order_mark_is_accepted(tmp_path):
    doc, errors = load(tmp_path, "\ufeffcode: GB20\n")
    assert errors == [] and doc.value == {"code": "GB20"}


def test_oversized_file_is_refused(tmp_path):
    error = single_error(tmp_path, "a: " + "x" * 300_000 + "\n")
    assert "larger than" in error.message
