"""Find every data file, parse it, and validate it against its model.

The result is a Dataset plus every error found; nothing stops at the first error.
Rules that look across records live in checks.py.
"""

from __future__ import annotations

import os
import stat
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import rules
from .errors import DataError
from .load import Document, load_document
from .model import (
    FORMS,
    CategoriesFile,
    Category,
    Caution,
    CautionsFile,
    Channel,
    ChannelsFile,
    Diagram,
    NamesFile,
    Point,
    Reference,
    ReferencesFile,
    Routine,
    Symptom,
    Vessel,
    View,
)
from .text import lookalike_message

M = TypeVar("M", bound=BaseModel)

# The data layout: everything in data/ must be one of these.
SINGLE_FILES = {
    "channels.yml": ChannelsFile,
    "categories.yml": CategoriesFile,
    "cautions.yml": CautionsFile,
    "references.yml": ReferencesFile,
    "names.yml": NamesFile,
}
RECORD_FOLDERS = {"symptoms": Symptom, "routines": Routine, "figures": View, "diagrams": Diagram}  # data/<folder>/<id>.yml
RECORD_KIND = {"symptoms": "symptom", "routines": "routine", "figures": "view", "diagrams": "diagram"}
POINTS_FOLDER = "points"  # data/points/<CHANNEL>/<CODE>.yml
IGNORED_NAMES = {"README.md", ".gitkeep"}
# What the entries of each single file are called, and the field that names each entry.
SINGLE_LISTS = {
    "channels": ("channel", "code"),
    "vessels": ("vessel", "id"),
    "categories": ("category", "id"),
    "cautions": ("caution", "id"),
    "references": ("reference", "key"),
}


def is_editor_file(name: str) -> bool:
    """Files and folders that editors, tools and operating systems leave beside the data:
    hidden ones (.GB20.yml.swp, .#GB20.yml, .DS_Store, .idea/), backups (GB20.yml~),
    Emacs auto-saves (#GB20.yml#) and Vim's write test (4913)."""
    return (
        name.startswith(".")
        or name.endswith(("~", ".swp", ".swo", ".swx", ".tmp"))
        or (name.startswith("#") and name.endswith("#"))
        or name.isdigit()
    )


@dataclass(frozen=True)
class Record(Generic[M]):
    model: M
    doc: Document

    def error(self, path: tuple, message: str, rule: str = "") -> DataError:
        return self.doc.error(path, message, rule)


@dataclass
class Dataset:
    root: Path
    points: dict[str, Record[Point]] = field(default_factory=dict)
    symptoms: dict[str, Record[Symptom]] = field(default_factory=dict)
    routines: dict[str, Record[Routine]] = field(default_factory=dict)
    figures: dict[str, Record[View]] = field(default_factory=dict)
    diagrams: dict[str, Record[Diagram]] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    vessels: dict[str, Vessel] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    cautions: dict[str, Caution] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    names: NamesFile = field(default_factory=NamesFile)
    not_self_care: list[str] = field(default_factory=list)
    # The single files, for errors that point into them.
    files: dict[str, Document] = field(default_factory=dict)
    # Codes, ids and keys of records that exist but failed to load, by kind ("point",
    # "symptom", "reference", …). Others may refer to them without an error of their own:
    # the broken record's error, in its own file, is the one to fix.
    broken: dict[str, set[str]] = field(default_factory=dict)
    # Things that were skipped without being errors (a pipe in data/), for the command to print.
    notices: list[str] = field(default_factory=list)

    def mark_broken(self, kind: str, name: object) -> None:
        if isinstance(name, str) and name:
            self.broken.setdefault(kind, set()).add(name)

    def is_broken(self, kind: str, name: str) -> bool:
        names = self.broken.get(kind, ())
        return name in names or "*" in names

    def has_point(self, code: str) -> bool:
        return code in self.points or self.is_broken("point", code)

    def has_symptom(self, symptom_id: str) -> bool:
        return symptom_id in self.symptoms or self.is_broken("symptom", symptom_id)

    def has_reference(self, key: str) -> bool:
        return key in self.references or self.is_broken("reference", key)

    def sorted_points(self) -> list[Point]:
        """Points in channel order, then by number (non-WHO extras last, by name)."""
        order = {code: i for i, code in enumerate(self.channels)}
        return sorted(
            (r.model for r in self.points.values()),
            key=lambda p: (order.get(p.channel, len(order)), _ex_group(p.code), p.number == 0, p.number, p.code),
        )


_EX_GROUPS = ["EX-HN", "EX-CA", "EX-B", "EX-UE", "EX-LE"]


def _ex_group(code: str) -> int:
    for i, prefix in enumerate(_EX_GROUPS):
        if code.startswith(prefix):
            return i
    return len(_EX_GROUPS)


def validate(doc: Document, model: type[M], cache: dict | None = None) -> tuple[M | None, list[DataError]]:
    """The record the document holds, or its errors. `cache` (make serve) keeps each valid record
    by its file's digest: a model is immutable and depends on nothing but the file."""
    key = ("model", doc.digest, model.__name__)
    if cache is not None and key in cache:
        return cache[key], []
    try:
        record = model.model_validate(doc.value)
    except ValidationError as exc:
        return None, _errors(doc, exc)
    if cache is not None and doc.digest:
        cache[key] = record
    return record, []


def _errors(doc: Document, exc: ValidationError) -> list[DataError]:
    """pydantic's errors in the data's own terms: the path of the value in the file (not the
    names of pydantic's union branches), one error per value, a message in words and a rule."""
    out: dict[tuple, DataError] = {}
    for error in exc.errors():
        path = _data_path(doc.value, error["loc"])
        if path in out:
            continue  # a value that fails every branch of a union: its first failure says it
        message, rule = _message(error)
        out[path] = doc.error(path, message, rule)
    return list(out.values())


def _data_path(value, loc: tuple) -> tuple:
    """The part of pydantic's location that names places in the data: keys of mappings and
    indexes of lists; the tags pydantic adds for union branches ('float', 'int') are dropped."""
    path: list = []
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(value, dict) and isinstance(part, str) and (part in value or last):
            path.append(part)
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            path.append(part)
            value = value[part]
    return tuple(path)


_TYPES = {
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list",
    "dict_type": "a mapping of field: value",
    "model_type": "a mapping of field: value",
    "model_attributes_type": "a mapping of field: value",
}


def _message(error: dict) -> tuple[str, str]:
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see schema/ for the allowed fields)", rules.UNKNOWN_FIELD
    if kind == "missing":
        return "required field is missing", rules.MISSING
    if kind == "string_too_short":
        return "must not be empty", rules.LENGTH
    if kind == "string_too_long":
        return f"is too long (at most {context['max_length']} characters)", rules.LENGTH
    if kind == "string_pattern_mismatch":
        words = FORMS.get(context.get("pattern", ""), "in the expected form")
        lookalike = lookalike_message(str(value), "codes and ids") if isinstance(value, str) else None
        if lookalike:
            return lookalike, rules.LOOKALIKE
        return f"{value!r} is not {words}", rules.FORM
    if kind in ("enum", "literal_error"):
        return f"{value!r} is not one of: {context.get('expected')}", rules.CHOICE
    if kind in ("too_short", "too_long"):
        items = "item" if context.get("min_length", context.get("max_length")) == 1 else "items"
        limit = f"at least {context['min_length']}" if kind == "too_short" else f"at most {context['max_length']}"
        return f"needs {limit} {items}", rules.RANGE
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most", "greater_than": "more than", "less_than": "less than"}
        limit = next(v for k, v in context.items())
        return f"{value!r} is out of range (must be {bound[kind]} {limit})", rules.RANGE
    expected = _TYPES.get(kind)
    if expected:
        colon = isinstance(value, dict) and expected == "text"
        hint = " (a ': ' inside text makes YAML read a mapping: put the text in quotes)" if colon else ""
        return f"expected {expected}, got {_describe(value)}{hint}", rules.TYPE
    return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, "), rules.VALUE


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"the text {value!r}"


def _display(root: Path, path: Path) -> str:
    """data/points/GB/GB20.yml: the path a contributor sees, from the project's root."""
    base = str(root.parent if root.name == "data" else root) + "/"
    text = path.as_posix()
    return text[len(base) :] if text.startswith(base) else text


def walk(root: Path) -> tuple[list[Path], list[Path], list[str]]:
    """Every data file under data/, sorted, and every symbolic link (an error); editor files are
    passed over, and anything that is not a regular file (a pipe, a socket) is skipped with a notice."""
    files, links, notices = [], [], []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            if is_editor_file(name):
                continue
            if (here / name).is_symlink():
                links.append(here / name)
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = here / name
            if name in IGNORED_NAMES or is_editor_file(name):
                continue
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue  # removed while we looked: an editor's temporary file
            if stat.S_ISLNK(mode):
                links.append(path)
            elif not stat.S_ISREG(mode):
                notices.append(f"{_display(root, path)}: skipped: not a regular file (a pipe, socket or device)")
            else:
                files.append(path)
    return files, links, notices


def _kind_of(root: Path, path: Path) -> str | None:
    """Which kind of record a file holds, judged by where it is; None if it is out of place."""
    parts = path.relative_to(root).parts
    if len(parts) == 1 and parts[0] in SINGLE_FILES:
        return parts[0]
    if path.suffix != ".yml":
        return None
    if len(parts) == 2 and parts[0] in RECORD_FOLDERS:
        return parts[0]
    if len(parts) == 3 and parts[0] == POINTS_FOLDER:
        return POINTS_FOLDER
    return None


OUT_OF_PLACE = (
    "file is not where data files go (points/<CHANNEL>/<CODE>.yml, symptoms/<id>.yml, "
    "routines/<id>.yml, figures/<id>.yml, diagrams/<id>.yml, or one of " + ", ".join(sorted(SINGLE_FILES)) + ")"
)


def load_dataset(root: Path, cache: dict | None = None) -> tuple[Dataset, list[DataError]]:
    """Every record under `root` (a data/ folder), and every error found in loading them.

    `cache`: parsed files from earlier in this process (load.load_document), for `make serve`.
    """
    root = root.resolve()
    data = Dataset(root=root)
    paths, links, data.notices = walk(root)
    errors = []
    seen: set[str] = set()
    for link in links:
        errors.append(DataError(_display(root, link), 1, 1, "", "symbolic links are not allowed in data/", rules.SYMLINK))
        _mark_unreadable(data, root, link)
    for path in paths:
        display = _display(root, path)
        kind = _kind_of(root, path)
        if kind is None:
            errors.append(DataError(display, 1, 1, "", OUT_OF_PLACE, rules.PLACE))
            continue
        doc, problems = load_document(path, display, cache)
        errors += problems
        if doc is not None:
            seen.add(doc.digest)
        if doc is None:
            _mark_unreadable(data, root, path)
            continue
        if kind == POINTS_FOLDER:
            _add_point(data, doc, errors, cache)
        elif kind in RECORD_FOLDERS:
            _add_record(data, doc, kind, errors, cache)
        else:
            _add_single(data, doc, kind, errors)
    if cache is not None:  # keep what this run read, so that the cache never grows past the data
        for key in [k for k in cache if (k[1] if isinstance(k, tuple) else k) not in seen]:
            del cache[key]
    return data, errors


def _mark_unreadable(data: Dataset, root: Path, path: Path) -> None:
    """A file that could not be read still exists: what refers to it is not an error of its own."""
    kind = _kind_of(root, path) if path.suffix == ".yml" or path.name in SINGLE_FILES else None
    if kind == POINTS_FOLDER:
        data.mark_broken("point", path.stem)
    elif kind in RECORD_FOLDERS:
        data.mark_broken(RECORD_KIND[kind], path.stem)
    elif kind in SINGLE_FILES:
        data.files[kind] = Document(path, _display(root, path), {})
        for list_name, (what, _) in SINGLE_LISTS.items():
            if list_name in SINGLE_FILES[kind].model_fields:
                data.mark_broken(what, "*")  # none of its keys can be known: every mention is allowed


def _add_point(data: Dataset, doc: Document, errors: list[DataError], cache: dict | None = None) -> None:
    point, problems = validate(doc, Point, cache)
    errors += problems
    if point is None:
        data.mark_broken("point", doc.path.stem)
        data.mark_broken("point", doc.value.get("code"))
        return
    folder, stem = doc.path.parent.name, doc.path.stem
    if stem != point.code:
        errors.append(
            doc.error(
                ("code",), f"file name {doc.path.name!r} does not match the code {point.code!r}; name it {point.code}.yml", rules.FILE_NAME
            )
        )
        data.mark_broken("point", stem)
    if folder != point.channel:
        errors.append(
            doc.error(("code",), f"{point.code} belongs in data/points/{point.channel}/, not data/points/{folder}/", rules.FOLDER)
        )
    if point.code in data.points:
        other = data.points[point.code].doc
        errors.append(doc.error(("code",), f"{point.code} is already defined in {other.display}", rules.TWICE))
        return
    data.points[point.code] = Record(point, doc)


def _add_record(data: Dataset, doc: Document, kind: str, errors: list[DataError], cache: dict | None = None) -> None:
    record, problems = validate(doc, RECORD_FOLDERS[kind], cache)
    errors += problems
    what = RECORD_KIND[kind]
    if record is None:
        data.mark_broken(what, doc.path.stem)
        data.mark_broken(what, doc.value.get("id"))
        return
    if doc.path.stem != record.id:
        message = f"file name {doc.path.name!r} does not match the id {record.id!r}; name it {record.id}.yml"
        errors.append(doc.error(("id",), message, rules.FILE_NAME))
        data.mark_broken(what, doc.path.stem)  # references by the file's name are not errors of their own
    target = {"symptoms": data.symptoms, "routines": data.routines, "figures": data.figures, "diagrams": data.diagrams}[kind]
    if record.id in target:
        errors.append(doc.error(("id",), f"{record.id!r} is already defined in {target[record.id].doc.display}", rules.TWICE))
        return
    target[record.id] = Record(record, doc)


def _add_single(data: Dataset, doc: Document, name: str, errors: list[DataError]) -> None:
    model = SINGLE_FILES[name]
    parsed, problems = validate(doc, model)
    errors += problems
    data.files[name] = doc
    if parsed is None:
        parsed = _salvage(data, doc, model)
    if isinstance(parsed, ChannelsFile):
        _index(doc, "channels", parsed.channels, "code", data.channels, errors)
        _index(doc, "vessels", parsed.vessels, "id", data.vessels, errors)
    elif isinstance(parsed, CategoriesFile):
        _index(doc, "categories", parsed.categories, "id", data.categories, errors)
    elif isinstance(parsed, CautionsFile):
        _index(doc, "cautions", parsed.cautions, "id", data.cautions, errors)
        data.not_self_care = list(parsed.not_self_care)
    elif isinstance(parsed, ReferencesFile):
        _index(doc, "references", parsed.references, "key", data.references, errors)
    elif isinstance(parsed, NamesFile):
        data.names = parsed


def _salvage(data: Dataset, doc: Document, model: type[M]) -> M:
    """Keep the valid entries of a list file whose other entries failed (their errors are
    already reported), and the names of the failed ones, so that one bad reference or one
    bad channel does not also make every mention of it an error."""
    values = {}
    for field_name, info in model.model_fields.items():
        raw = doc.value.get(field_name)
        item_type = typing.get_args(info.annotation)[0] if typing.get_origin(info.annotation) is list else None
        if not (isinstance(raw, list) and isinstance(item_type, type) and issubclass(item_type, BaseModel)):
            continue
        what, key = SINGLE_LISTS.get(field_name, (None, None))
        kept = []
        for item in raw:
            try:
                kept.append(item_type.model_validate(item))
            except ValidationError:
                if what and isinstance(item, dict):
                    data.mark_broken(what, item.get(key))
        values[field_name] = kept
    return model.model_construct(**values)


def _index(doc: Document, list_name: str, items: list, key: str, target: dict, errors: list[DataError]) -> None:
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value in target:
            errors.append(doc.error((list_name, i, key), f"{value!r} is given twice in this file", rules.TWICE))
        else:
            target[value] = item
