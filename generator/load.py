"""Read YAML data files into plain Python values, remembering where every value came from.

The loader is deliberately narrower than YAML: no duplicate keys, no anchors or aliases
(they make "billion laughs" possible and hide where a value came from), no tags, no tabs,
no Windows line endings, and only the plain scalar types a contributor means to write
(`yes`, `no`, `on`, dates and sexagesimal numbers stay strings).

Values are built from libyaml's event stream by a loop with an explicit stack, never by
recursion: a file nested fifty thousand levels deep is refused at the first level past
MAX_DEPTH instead of overflowing the C stack. Every problem becomes a DataError naming the
file, line, column and field; nothing here raises on bad input.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import rules
from .errors import DataError
from .text import hidden_characters, not_composed

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12  # the deepest real data is 4 levels; far deeper nesting is an attack or an accident

Position = tuple[int, int]  # 1-based line, column
FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """One data file: its parsed value and the position of every value in it."""

    path: Path
    display: str
    value: Any
    positions: dict[FieldPath, Position] = field(default_factory=dict)
    digest: str = ""  # of the file's bytes: what `make serve` compares to know a file is unchanged

    def where(self, path: FieldPath) -> Position:
        """The position of the value at `path`, or of its closest parent that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def error(self, path: FieldPath, message: str, rule: str = "") -> DataError:
        line, col = self.where(path)
        return DataError(self.display, line, col, field_name(path), message, rule)


def field_name(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# libyaml's C parser when PyYAML was built with it (about ten times faster), else pure Python.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The implicit types of a plain (unquoted) scalar: YAML 1.2's core schema, roughly.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
MAX_DIGITS = 15
_MAYBE_TYPED = frozenset("-+.0123456789tTfFnN~")
_INDENT_TAB = re.compile(
    r"^[ \t]*?\t", re.M
)  # a tab among the blanks that start a line  # no number in the data needs more; a longer one is a slip of the keyboard


class _Refused(Exception):
    def __init__(self, mark, path: FieldPath, message: str, rule: str):
        super().__init__(message)
        self.mark, self.path, self.message, self.rule = mark, path, message, rule


def _position(mark) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _plain_value(event, path: FieldPath) -> Any:
    """The value of a plain scalar: text unless it is written exactly as a boolean, number or null."""
    text = event.value
    if text and text[0] not in _MAYBE_TYPED:
        return text  # most values are words: no boolean, number or null starts this way
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text) or _FLOAT.match(text):
        digits = sum(ch.isdigit() for ch in text.split("e")[0].split("E")[0])
        if digits > MAX_DIGITS:
            raise _Refused(
                event.start_mark,
                path,
                f"the number {text[:20]}… has {digits} digits; no value here needs more than {MAX_DIGITS}",
                rules.NUMBER,
            )
        if _INT.match(text):
            return int(text)
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise _Refused(event.start_mark, path, f"the number {text} is too large", rules.NUMBER)
        return value
    return text


def _scalar(event, path: FieldPath, check_text: bool = True) -> Any:
    if event.tag is not None:
        raise _Refused(event.start_mark, path, f"the tag {event.tag!r} is not allowed; write a plain value", rules.TAG)
    plain = event.style in (None, "") and event.implicit[0]
    value = _plain_value(event, path) if plain else event.value
    # Every character of the file was checked before parsing; only a double-quoted scalar's
    # escapes ("\u0080", "\N", "e\u0301") can make characters the raw text did not have.
    if event.style == '"' and check_text and isinstance(value, str):
        _check_text(value, event, path)
    return value


def _field_at(text: str, where: Position) -> str:
    """The field whose value holds the position, for an error found before parsing."""
    try:
        _, positions = _build(text, check_text=False)
    except (_Refused, yaml.YAMLError):
        return ""
    before = [(position, path) for path, position in positions.items() if path and position <= where]
    return field_name(max(before)[1]) if before else ""


def _check_text(text: str, event, path: FieldPath) -> None:
    """Characters that hide or reorder text, or that only an escape can write (`"\\u0080"`)."""
    found = hidden_characters(text, allow="\t\n")
    if found:
        raise _Refused(event.start_mark, path, f"contains {found[0]}; remove it", rules.HIDDEN)
    problem = not_composed(text)
    if problem:
        raise _Refused(event.start_mark, path, problem, rules.COMPOSED)


class _Container:
    """A mapping or sequence being filled, with the key that is waiting for its value."""

    __slots__ = ("value", "path", "key", "key_mark")

    def __init__(self, value, path: FieldPath):
        self.value, self.path, self.key, self.key_mark = value, path, None, None


def _build(text: str, check_text: bool = True) -> tuple[Any, dict[FieldPath, Position]]:
    """The file's value and the position of every value in it, from libyaml's events."""
    positions: dict[FieldPath, Position] = {}
    stack: list[_Container] = []
    root: list[Any] = []
    documents = 0

    def child_path() -> FieldPath:
        top = stack[-1]
        if isinstance(top.value, dict):
            return top.path + (top.key,)
        return top.path + (len(top.value),)

    def place(value, path: FieldPath) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if isinstance(top.value, dict):
            top.value[top.key] = value
            positions[path] = _position(top.key_mark)  # a field points at its key, where a reader looks
            top.key = None
        else:
            top.value.append(value)

    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in yaml.parse(text, Loader=_Parser):
        kind = type(event)
        if (
            kind is scalar
            and event.anchor is None
            and stack
            and stack[-1].key is not None
            or (kind is scalar and stack and type(stack[-1].value) is list and event.anchor is None)
        ):
            path = child_path()
            if len(path) > MAX_DEPTH:
                raise _Refused(event.start_mark, path[:MAX_DEPTH], f"nested more than {MAX_DEPTH} levels deep", rules.DEPTH)
            positions.setdefault(path, _position(event.start_mark))
            place(_scalar(event, path, check_text), path)
            continue
        if kind in ends:
            done = stack.pop()
            place(done.value, done.path)
            continue
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(event.start_mark, (), "a data file holds one document; remove the second '---'", rules.STRUCTURE)
            continue
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event.start_mark, (), "anchors and aliases (&name, *name) are not allowed; write the value out", rules.ANCHOR)
        # A key of a mapping: plain text only.
        if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
            top = stack[-1]
            if not isinstance(event, yaml.ScalarEvent):
                raise _Refused(event.start_mark, top.path, "keys must be plain words", rules.KEY)
            key = _scalar(event, top.path, check_text)
            if not isinstance(key, str):
                raise _Refused(event.start_mark, top.path, "keys must be plain words", rules.KEY)
            if key in top.value:
                first = positions[top.path + (key,)]
                raise _Refused(
                    event.start_mark, top.path + (key,), f"duplicate key {key!r} (first given on line {first[0]})", rules.DUPLICATE_KEY
                )
            top.key, top.key_mark = key, event.start_mark
            continue
        path = child_path() if stack else ()
        if len(path) > MAX_DEPTH:
            raise _Refused(event.start_mark, path[:MAX_DEPTH], f"nested more than {MAX_DEPTH} levels deep", rules.DEPTH)
        if kind is mapping_start or kind is sequence_start:
            if event.tag is not None:
                raise _Refused(event.start_mark, path, f"the tag {event.tag!r} is not allowed; write a plain value", rules.TAG)
            positions.setdefault(path, _position(event.start_mark))
            stack.append(_Container({} if isinstance(event, yaml.MappingStartEvent) else [], path))
            continue
        positions.setdefault(path, _position(event.start_mark))
        place(_scalar(event, path, check_text), path)
    return (root[0] if root else None), positions


def read_bytes(path: Path) -> tuple[bytes | None, str | None]:
    """A data file's bytes, or why it cannot be read. Never follows a link and never waits on a
    pipe: a FIFO or device under data/ would otherwise hang the generator."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file"
        if info.st_size > MAX_FILE_BYTES:
            return None, f"file is larger than {MAX_FILE_BYTES // 1024} KiB"
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            return None, f"file is larger than {MAX_FILE_BYTES // 1024} KiB"
        return b"".join(chunks), None
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror}"
    finally:
        os.close(fd)


def load_document(path: Path, display: str, cache: dict | None = None) -> tuple[Document | None, list[DataError]]:
    """Parse one file. Returns the document, or None and the error that stopped it.

    `cache` (for `make serve`, which parses the same files again after every save) maps a
    file's bytes to the value and positions they parsed to earlier in this process.
    """
    raw, problem = read_bytes(path)
    if raw is None:
        return None, [DataError(display, 1, 1, "", problem, rules.UNREADABLE)]
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    if cache is not None and digest in cache:
        value, positions = cache[digest]
        return Document(path, display, value, positions, digest), []
    document, errors = parse(path, display, raw)
    if document is not None:
        document.digest = digest
        if cache is not None:
            cache[digest] = (document.value, document.positions)
    return document, errors


def _at(raw_text: str, index: int) -> Position:
    line = raw_text.count("\n", 0, index) + 1
    return line, index - (raw_text.rfind("\n", 0, index) + 1) + 1


def parse(path: Path, display: str, raw: bytes) -> tuple[Document | None, list[DataError]]:
    def fail(line: int, col: int, message: str, rule: str, field: str = "") -> tuple[None, list[DataError]]:
        return None, [DataError(display, line, col, field, message, rule)]

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail(line, col, "file is not valid UTF-8 text", rules.ENCODING)
    if text.startswith("\ufeff"):
        text = text[1:]
    carriage = text.find("\r")
    if carriage >= 0:
        line, col = _at(text, carriage)
        return fail(
            line, col, "Windows line endings (CR LF); save the file with LF line endings (.editorconfig sets this)", rules.LINE_ENDINGS
        )
    found = hidden_characters(text, allow="\t\n")
    if found:
        line, col = _at(text, text.index(found[0].character))
        return fail(line, col, f"contains {found[0]}; remove it", rules.HIDDEN, _field_at(text, (line, col)))
    decomposed = not_composed(text)
    if decomposed:
        where = next(i for i, ch in enumerate(text) if unicodedata.combining(ch) and i > 0)
        line, col = _at(text, where - 1)
        return fail(line, col, decomposed, rules.COMPOSED, _field_at(text, (line, col)))
    tab = _INDENT_TAB.search(text)
    if tab:
        line, col = _at(text, tab.end() - 1)
        return fail(line, col, "tab used for indentation; use spaces", rules.TAB)
    try:
        value, positions = _build(text)
    except _Refused as exc:
        line, col = _position(exc.mark)
        return fail(line, col, exc.message, exc.rule, field_name(exc.path))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _position(mark)
        problem = exc.problem or exc.context or "invalid YAML"
        return fail(line, col, f"YAML syntax error: {problem}", rules.SYNTAX)
    except yaml.YAMLError as exc:
        return fail(1, 1, f"YAML error: {exc}", rules.SYNTAX)
    if value is None:
        return fail(1, 1, "file is empty", rules.STRUCTURE)
    if not isinstance(value, dict):
        return fail(1, 1, "the file must be a mapping of field: value", rules.STRUCTURE)
    return Document(path, display, value, positions), []
