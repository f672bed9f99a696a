"""Read YAML data files into plain Python values, remembering where every value came from.

The loader is deliberately narrower than YAML: no duplicate keys, no anchors or
aliases (they make "billion laughs" possible and hide where a value came from),
no tags, no tabs, and only the plain scalar types a contributor means to write
(`yes`, `no`, `on`, dates and sexagesimal numbers stay strings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError
from .parse_cache import ParseCache

MAX_FILE_BYTES = 256 * 1024

Position = tuple[int, int]  # 1-based line, column
FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """One data file: its parsed value and the position of every value in it."""

    path: Path
    display: str
    value: Any
    positions: dict[FieldPath, Position] = field(default_factory=dict)

    def where(self, path: FieldPath) -> Position:
        """The position of the value at `path`, or of its closest parent that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def error(self, path: FieldPath, message: str) -> DataError:
        line, col = self.where(path)
        return DataError(self.display, line, col, field_name(path), message)


def field_name(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# libyaml's C parser when PyYAML was built with it (about ten times faster), else pure Python.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_EventParser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """A safe loader with a smaller set of implicit types (YAML 1.2 core schema, roughly)."""


_Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class _Refused(Exception):
    def __init__(self, node: Node | None, field: FieldPath, message: str, mark=None):
        super().__init__(message)
        self.node, self.field, self.message, self.mark = node, field, message, mark


def _compose(text: str) -> Node | None:
    """Compose the YAML node tree, refusing anchors and aliases before anything is built.

    Events are scanned first: an alias can make a small file expand into a huge value
    ("billion laughs"), and it hides where a value came from.
    """
    if "&" in text or "*" in text:  # an anchor or alias must be written with one of these
        _refuse_anchors(text)
    return yaml.compose(text, Loader=_Loader)


def _refuse_anchors(text: str) -> None:
    for event in yaml.parse(text, Loader=_EventParser):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(None, (), "anchors and aliases (&name, *name) are not allowed; write the value out", event.start_mark)


MAX_DEPTH = 12  # the deepest real data is 4 levels; far deeper nesting is an attack or an accident


def _to_python(node: Node, path: FieldPath, positions: dict[FieldPath, Position]) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(path) > MAX_DEPTH:
        raise _Refused(node, path, f"nested more than {MAX_DEPTH} levels deep")
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(node, path, f"the tag {node.tag!r} is not allowed; write a plain value")
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise _Refused(key_node, path, "keys must be plain words")
            key = key_node.value
            if key in out:
                first = positions[path + (key,)]
                raise _Refused(key_node, path + (key,), f"duplicate key {key!r} (first given on line {first[0]})")
            positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _to_python(value_node, path + (key,), positions)
            # Point the field at its key, which is where a reader looks for it.
            positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    if isinstance(node, SequenceNode):
        return [_to_python(item, path + (i,), positions) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: ScalarNode) -> Any:
    text = node.value
    if node.tag == "tag:yaml.org,2002:bool":
        return text.lower() == "true"
    if node.tag == "tag:yaml.org,2002:int":
        return int(text)
    if node.tag == "tag:yaml.org,2002:float":
        return float(text)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return text


def load_document(path: Path, display: str, cache: ParseCache | None = None) -> tuple[Document | None, list[DataError]]:
    """Parse one file. Returns the document, or None and the errors that stopped it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [DataError(display, 1, 1, "", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [DataError(display, 1, 1, "", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")]
    cached = cache.get(raw) if cache else None
    if cached:
        return Document(path, display, *cached), []
    document, errors = _parse(path, display, raw)
    if document and cache:
        cache.put(raw, document.value, document.positions)
    return document, errors


def _parse(path: Path, display: str, raw: bytes) -> tuple[Document | None, list[DataError]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [DataError(display, line, col, "", "file is not valid UTF-8 text")]
    if text.startswith("\ufeff"):
        text = text[1:]
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = len(line_text) - len(line_text.lstrip(" \t"))
        if "\t" in line_text[:indent]:
            return None, [DataError(display, number, line_text.index("\t") + 1, "", "tab used for indentation; use spaces")]
    try:
        node = _compose(text)
    except _Refused as exc:
        mark = exc.mark
        return None, [DataError(display, mark.line + 1, mark.column + 1, "", exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [DataError(display, line, col, "", f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:
        return None, [DataError(display, 1, 1, "", f"YAML error: {exc}")]
    if node is None:
        return None, [DataError(display, 1, 1, "", "file is empty")]
    positions: dict[FieldPath, Position] = {}
    try:
        value = _to_python(node, (), positions)
    except _Refused as exc:
        line, col = positions.get(exc.field, (1, 1))
        if exc.node is not None:
            line, col = exc.node.start_mark.line + 1, exc.node.start_mark.column + 1
        return None, [DataError(display, line, col, field_name(exc.field), exc.message)]
    except yaml.YAMLError as exc:
        return None, [DataError(display, 1, 1, "", f"YAML error: {exc}")]
    if not isinstance(value, dict):
        return None, [DataError(display, 1, 1, "", "the file must be a mapping of field: value")]
    return Document(path, display, value, positions), []
