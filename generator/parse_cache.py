"""Parsed data files from the previous run, keyed by their exact bytes.

Parsing the YAML was a third of every run; a contributor changes one file between
runs. A file whose bytes (and the loader's code) are unchanged parses to the same
value and positions, so those are taken from here; everything after parsing (the
model, the checks) runs every time. Only files that parsed without error are kept,
so an error is always found afresh.

The cache is a `marshal` file (plain values only: no code runs when it is read) in
.cache/ at the project root. A cache that is missing, unreadable, from another version
of the loader or of Python, or not of the expected shape is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

FILE_NAME = "parsed-data.marshal"
_LOADER = Path(__file__).with_name("load.py")


def _version() -> str:
    """Changes whenever the parsing code could give a different result."""
    digest = hashlib.blake2b(_LOADER.read_bytes(), digest_size=16)
    digest.update(f"{yaml.__version__} {sys.version}".encode())
    return digest.hexdigest()


def key(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20).digest()


class ParseCache:
    def __init__(self, folder: Path | None):
        self.path = folder / FILE_NAME if folder else None
        self.version = _version()
        self.old: dict[bytes, tuple[Any, dict]] = self._read()
        self.new: dict[bytes, tuple[Any, dict]] = {}
        self.missed = False

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            version, entries = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if version != self.version or not isinstance(entries, dict):
            return {}
        return entries

    def get(self, raw: bytes) -> tuple[Any, dict] | None:
        """The value and positions the file parsed to last time, or None."""
        digest = key(raw)
        entry = self.old.get(digest)
        if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], dict) and isinstance(entry[1], dict)):
            return None
        self.new[digest] = self.old.pop(digest)
        return entry

    def put(self, raw: bytes, value: Any, positions: dict) -> None:
        self.new[key(raw)] = (value, positions)
        self.missed = True

    def save(self) -> None:
        """Write this run's files (only these, so the cache never grows past the data),
        unless the cache already holds exactly them."""
        if self.path is None or not (self.missed or self.old):
            return
        with contextlib.suppress(OSError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".parsed-")
            try:
                with os.fdopen(fd, "wb") as out:
                    marshal.dump((self.version, self.new), out)
                os.replace(temporary, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
