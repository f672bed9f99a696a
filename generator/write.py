"""Write generated files into docs/: only what changed, stale files removed.

The generator owns the folders in OWNED and nothing else in docs/. Every file is
written to a temporary name and renamed into place, so a reader (or `mkdocs
serve`) never sees a half-written page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

OWNED = ("points", "channels", "symptoms", "routines", "categories", "regions", "references", "figures", "api")
OWNED_FILES = (".nav.yml",)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def is_owned(relpath: str) -> bool:
    return relpath in OWNED_FILES or relpath.split("/", 1)[0] in OWNED


def write_outputs(docs: Path, files: dict[str, bytes]) -> WriteReport:
    for rel in files:
        if not is_owned(rel):
            raise ValueError(f"refusing to write {rel}: the generator only writes {', '.join(OWNED)}")
    report = WriteReport()
    for rel in sorted(files):
        target = docs / rel
        content = files[rel]
        if target.is_file() and target.read_bytes() == content:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)
        report.written.append(rel)
    for rel in _existing(docs):
        if rel not in files:
            (docs / rel).unlink()
            report.removed.append(rel)
    _remove_empty_folders(docs)
    return report


def _existing(docs: Path) -> list[str]:
    found = [name for name in OWNED_FILES if (docs / name).is_file()]
    for folder in OWNED:
        base = docs / folder
        if base.is_dir():
            found += sorted(p.relative_to(docs).as_posix() for p in base.rglob("*") if p.is_file() or p.is_symlink())
    return found


def _remove_empty_folders(docs: Path) -> None:
    for folder in OWNED:
        base = docs / folder
        if not base.is_dir():
            continue
        for path in sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(path.iterdir()):
                path.rmdir()
