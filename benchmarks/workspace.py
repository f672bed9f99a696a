"""Copies of this checkout to build in isolation (for the tests and the benchmarks)."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.write import OWNED

REPO = Path(__file__).resolve().parent.parent
GENERATED = shutil.ignore_patterns(*OWNED, "__pycache__")
SOURCE_FOLDERS = ("data", "generator", "overrides", "schema")
SOURCE_FILES = ("mkdocs.yml", "Makefile", "requirements.txt")


def copy_project(target: Path) -> Path:
    """This checkout's sources (not its generated output or site/) copied into `target`.

    File times are kept (copy2), so make sees requirements.txt as no newer than it is here.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, target / name)
    shutil.copytree(REPO / "docs", target / "docs", ignore=GENERATED)
    for folder in SOURCE_FOLDERS:
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target
