"""A checkout of the project: where its data, pages and site are, and the settings the
generator reads from mkdocs.yml (the repository for edit links, the hand-written navigation)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .links import Repository

ROOT = Path(__file__).resolve().parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few keys the generator needs; MkDocs' own tags (!ENV) become None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    repository: Repository
    nav: list


@dataclass(frozen=True)
class Project:
    root: Path = ROOT

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def lock_file(self) -> Path:
        return self.root / ".generator.lock"

    @cached_property
    def settings(self) -> Settings:
        path = self.root / "mkdocs.yml"
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
        extra = config.get("extra") or {}
        if "nav" in config:
            raise SettingsError(
                "mkdocs.yml: the navigation belongs under extra.nav (the generator writes the full nav: into mkdocs.gen.yml)"
            )
        if not isinstance(extra.get("nav"), list) or not extra.get("repo_url"):
            raise SettingsError("mkdocs.yml: extra.repo_url and extra.nav are required")
        return Settings(Repository(extra["repo_url"].rstrip("/"), extra.get("branch", "main")), extra["nav"])
