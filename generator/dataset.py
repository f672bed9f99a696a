"""Find every data file, parse it, and validate it against its model.

The result is a Dataset plus every error found; nothing stops at the first error.
Rules that look across records live in checks.py.
"""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DataError
from .load import Document, load_document
from .model import (
    CategoriesFile,
    Category,
    Caution,
    CautionsFile,
    Channel,
    ChannelsFile,
    NamesFile,
    Point,
    Reference,
    ReferencesFile,
    Routine,
    Symptom,
    Vessel,
    View,
)
from .parse_cache import ParseCache

M = TypeVar("M", bound=BaseModel)

# The data layout: everything in data/ must be one of these.
SINGLE_FILES = {
    "channels.yml": ChannelsFile,
    "categories.yml": CategoriesFile,
    "cautions.yml": CautionsFile,
    "references.yml": ReferencesFile,
    "names.yml": NamesFile,
}
RECORD_FOLDERS = {"symptoms": Symptom, "routines": Routine, "figures": View}  # data/<folder>/<id>.yml
POINTS_FOLDER = "points"  # data/points/<CHANNEL>/<CODE>.yml
IGNORED_NAMES = {"README.md", ".gitkeep"}
CACHE_FOLDER = ".cache"  # at the project root, beside data/ (git-ignored)


@dataclass(frozen=True)
class Record(Generic[M]):
    model: M
    doc: Document

    def error(self, path: tuple, message: str) -> DataError:
        return self.doc.error(path, message)


@dataclass
class Dataset:
    root: Path
    points: dict[str, Record[Point]] = field(default_factory=dict)
    symptoms: dict[str, Record[Symptom]] = field(default_factory=dict)
    routines: dict[str, Record[Routine]] = field(default_factory=dict)
    figures: dict[str, Record[View]] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    vessels: dict[str, Vessel] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    cautions: dict[str, Caution] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    names: NamesFile = field(default_factory=NamesFile)
    not_self_care: list[str] = field(default_factory=list)
    # The single files, for errors that point into them.
    files: dict[str, Document] = field(default_factory=dict)
    # Codes and ids of records whose file failed validation. They exist, so other
    # records may refer to them; their own errors are reported once, in their file.
    broken: set[str] = field(default_factory=set)

    def has_point(self, code: str) -> bool:
        return code in self.points or code in self.broken

    def has_symptom(self, symptom_id: str) -> bool:
        return symptom_id in self.symptoms or symptom_id in self.broken

    def channel_order(self) -> list[str]:
        return list(self.channels)

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


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[DataError]]:
    try:
        return model.model_validate(doc.value), []
    except ValidationError as exc:
        return None, [doc.error(tuple(e["loc"]), _message(e)) for e in exc.errors()]


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see schema/ for the allowed fields)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {error['ctx']['max_length']} characters)"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not in the expected form ({error['ctx']['pattern']})"
    if kind == "enum":
        return f"{error['input']!r} is not one of: {error['ctx']['expected']}"
    expected = {
        "string_type": "text",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "list_type": "a list",
        "dict_type": "a mapping of field: value",
        "model_type": "a mapping of field: value",
    }.get(kind)
    if expected:
        got = _describe(error.get("input"))
        colon = isinstance(error.get("input"), dict) and expected == "text"
        hint = " (a ': ' inside text makes YAML read a mapping: put the text in quotes)" if colon else ""
        return f"expected {expected}, got {got}{hint}"
    return f"{error['msg']} (got {error['input']!r})" if "input" in error and not isinstance(error["input"], dict | list) else error["msg"]


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__.replace('str', 'text').replace('bool', 'true/false')} {value!r}"


def _display(root: Path, path: Path) -> str:
    base = root.parent if root.name == "data" else root
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(root: Path) -> tuple[list[Path], list[DataError]]:
    """Every file under data/, sorted; symlinks and stray files are errors."""
    files, errors = [], []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                errors.append(DataError(_display(root, here / name), 1, 1, "", "symbolic links are not allowed in data/"))
        dirnames[:] = sorted(d for d in dirnames if not (here / d).is_symlink())
        for name in sorted(filenames):
            path = here / name
            if name in IGNORED_NAMES:
                continue
            if path.is_symlink():
                errors.append(DataError(_display(root, path), 1, 1, "", "symbolic links are not allowed in data/"))
                continue
            files.append(path)
    return files, errors


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


def load_dataset(root: Path, cache: bool = True) -> tuple[Dataset, list[DataError]]:
    """Every record under `root` (a data/ folder), and every error found in loading them.

    With `cache`, files unchanged since the last run are not parsed again (parse_cache.py).
    """
    root = root.resolve()
    data = Dataset(root=root)
    parsed = ParseCache(root.parent / CACHE_FOLDER if cache else None)
    paths, errors = _walk(root)
    for path in paths:
        display = _display(root, path)
        kind = _kind_of(root, path)
        if kind is None:
            errors.append(
                DataError(
                    display,
                    1,
                    1,
                    "",
                    "file is not where data files go (points/<CHANNEL>/<CODE>.yml, symptoms/<id>.yml, "
                    "routines/<id>.yml, figures/<id>.yml, or one of " + ", ".join(sorted(SINGLE_FILES)) + ")",
                )
            )
            continue
        doc, problems = load_document(path, display, parsed)
        errors += problems
        if doc is None:
            if kind == POINTS_FOLDER or kind in RECORD_FOLDERS:
                data.broken.add(path.stem)  # it exists; its own error is enough
            continue
        if kind == POINTS_FOLDER:
            _add_point(data, doc, errors)
        elif kind in RECORD_FOLDERS:
            _add_record(data, doc, kind, errors)
        else:
            _add_single(data, doc, kind, errors)
    parsed.save()
    return data, errors


def _add_point(data: Dataset, doc: Document, errors: list[DataError]) -> None:
    point, problems = validate(doc, Point)
    errors += problems
    if point is None:
        data.broken.add(doc.path.stem)
        return
    folder, stem = doc.path.parent.name, doc.path.stem
    if stem != point.code:
        errors.append(doc.error(("code",), f"file name {doc.path.name!r} does not match the code {point.code!r}; name it {point.code}.yml"))
    if folder != point.channel:
        errors.append(doc.error(("code",), f"{point.code} belongs in data/points/{point.channel}/, not data/points/{folder}/"))
    if point.code in data.points:
        other = data.points[point.code].doc
        errors.append(doc.error(("code",), f"{point.code} is already defined in {other.display}"))
        return
    data.points[point.code] = Record(point, doc)


def _add_record(data: Dataset, doc: Document, kind: str, errors: list[DataError]) -> None:
    record, problems = validate(doc, RECORD_FOLDERS[kind])
    errors += problems
    if record is None:
        data.broken.add(doc.path.stem)
        return
    if doc.path.stem != record.id:
        errors.append(doc.error(("id",), f"file name {doc.path.name!r} does not match the id {record.id!r}; name it {record.id}.yml"))
    target = {"symptoms": data.symptoms, "routines": data.routines, "figures": data.figures}[kind]
    if record.id in target:
        errors.append(doc.error(("id",), f"{record.id!r} is already defined in {target[record.id].doc.display}"))
        return
    target[record.id] = Record(record, doc)


def _add_single(data: Dataset, doc: Document, name: str, errors: list[DataError]) -> None:
    model = SINGLE_FILES[name]
    parsed, problems = validate(doc, model)
    errors += problems
    data.files[name] = doc
    if parsed is None:
        parsed = _salvage(doc, model)
    if parsed is None:
        return
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


def _salvage(doc: Document, model: type[M]) -> M | None:
    """Keep the valid entries of a list file whose other entries failed (their errors are already
    reported), so one bad reference does not make every citation of the others an error too."""
    if not isinstance(doc.value, dict):
        return None
    values = {}
    for field_name, info in model.model_fields.items():
        raw = doc.value.get(field_name)
        item_type = typing.get_args(info.annotation)[0] if typing.get_origin(info.annotation) is list else None
        if isinstance(raw, list) and isinstance(item_type, type) and issubclass(item_type, BaseModel):
            kept = []
            for item in raw:
                try:
                    kept.append(item_type.model_validate(item))
                except ValidationError:
                    continue
            values[field_name] = kept
    return model.model_construct(**values)


def _index(doc: Document, list_name: str, items: list, key: str, target: dict, errors: list[DataError]) -> None:
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value in target:
            errors.append(doc.error((list_name, i, key), f"{value!r} is given twice in this file"))
        else:
            target[value] = item
