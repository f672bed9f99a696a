"""Write generated files into docs/: only what changed, stale files removed, all or nothing.

The generator owns the folders in OWNED and nothing else in docs/, and within them only
files of the kinds it writes (OWNED_SUFFIXES): a note a contributor leaves there is never
deleted. No output path may pass through a symbolic link, so the generator cannot be made
to write or delete outside the project. Every new file is first written to a temporary
file of its own beside its target; only when all of them are written are they renamed
into place, so a failure (a read-only folder, a full disk) leaves docs/ as it was, and a
reader (or a builder's server) never sees a half-written page.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

OWNED = ("points", "channels", "symptoms", "routines", "categories", "regions", "references", "figures", "api", "my-points", "snippets")
# .html: snippets that hand-written pages include (pymdownx.snippets), such as the home page's body map.
OWNED_SUFFIXES = (".md", ".svg", ".json", ".html")


class WriteError(Exception):
    """The generated files could not be written; nothing was changed."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def is_owned(relpath: str) -> bool:
    return relpath.split("/", 1)[0] in OWNED and relpath.endswith(OWNED_SUFFIXES)


def refuse_links(base: Path, path: Path) -> None:
    """Refuse a path that passes through a symbolic link anywhere from `base` down."""
    current = base
    if current.is_symlink():
        raise WriteError(f"{current} is a symbolic link; the generator writes only inside the project")
    for part in path.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            raise WriteError(f"{current} is a symbolic link; the generator writes only inside the project")


def write_outputs(docs: Path, files: dict[str, bytes], previous: dict[str, bytes] | None = None) -> WriteReport:
    """`previous`: what this process wrote last time (make serve); a file whose content is the
    same and that is still there is not read back to compare."""
    for rel in files:
        if not is_owned(rel):
            raise ValueError(f"refusing to write {rel}: the generator only writes {', '.join(OWNED_SUFFIXES)} files in {', '.join(OWNED)}")
    refuse_links(docs.parent, docs)
    report = WriteReport()
    changed = {}
    checked: set[str] = set()
    for rel in sorted(files):
        target = docs / rel
        folder = rel.rpartition("/")[0]
        if folder not in checked:  # each folder once: a run writes thousands of files into a few
            refuse_links(docs, docs / folder if folder else docs)
            checked.add(folder)
        if target.is_symlink():
            raise WriteError(f"{target} is a symbolic link; the generator writes only inside the project")
        if (
            previous is not None
            and previous.get(rel) == files[rel]
            and target.is_file()
            or target.is_file()
            and target.read_bytes() == files[rel]
        ):
            report.unchanged += 1
        else:
            changed[rel] = files[rel]
    stale = [rel for rel in _existing(docs) if rel not in files]
    staged = _stage(docs, changed)
    for rel, temporary in staged.items():
        os.replace(temporary, docs / rel)
        report.written.append(rel)
    for rel in stale:
        with contextlib.suppress(FileNotFoundError):
            (docs / rel).unlink()
        report.removed.append(rel)
    _remove_empty_folders(docs)
    return report


def _stage(docs: Path, changed: dict[str, bytes]) -> dict[str, Path]:
    """Every changed file written to a temporary file beside its target; on any failure,
    the temporary files are removed and WriteError says what could not be written."""
    staged: dict[str, Path] = {}
    created: list[Path] = []
    try:
        for rel, content in changed.items():
            target = docs / rel
            missing = [p for p in [target.parent, *target.parent.parents] if not p.exists() and docs in (p, *p.parents)]
            for folder in reversed(missing):
                folder.mkdir()
                created.append(folder)
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged[rel] = Path(name)
            with os.fdopen(fd, "wb") as out:
                out.write(content)
    except OSError as exc:
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                temporary.unlink()
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        where = exc.filename or docs
        raise WriteError(f"cannot write {where}: {exc.strerror}; docs/ was left as it was") from exc
    return staged


def _existing(docs: Path) -> list[str]:
    found = []
    for folder in OWNED:
        base = docs / folder
        if base.is_dir() and not base.is_symlink():
            found += sorted(
                p.relative_to(docs).as_posix()
                for p in base.rglob("*")
                if p.suffix in OWNED_SUFFIXES and (p.is_file() or p.is_symlink()) and not p.name.startswith(".")
            )
    return found


def _remove_empty_folders(docs: Path) -> None:
    for folder in OWNED:
        base = docs / folder
        if not base.is_dir() or base.is_symlink():
            continue
        for path in sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(path.iterdir()):
                path.rmdir()
        if not any(base.iterdir()):
            base.rmdir()


def write_file(base: Path, path: Path, content: bytes) -> bool:
    """One file outside docs/ (the generated configuration), atomically; False when unchanged."""
    refuse_links(base, path)
    if path.is_file() and path.read_bytes() == content:
        return False
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise WriteError(f"cannot write {path}: {exc.strerror}") from exc
    return True
