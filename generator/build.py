"""One pass: load → check → render → export → write. Nothing is written if anything fails."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .checks import run_checks
from .dataset import Dataset, load_dataset
from .errors import DataError, DataErrors
from .export import export
from .nav import nav_file
from .render import Renderer, SiteInfo
from .write import WriteReport, write_outputs

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Project:
    root: Path = ROOT

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def site_info(self) -> SiteInfo:
        config = yaml.load((self.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
        return SiteInfo(repo_url=config["extra"]["repo_url"].rstrip("/"))


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few keys the generator needs; MkDocs' own tags (!ENV) become None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def checked_dataset(data_dir: Path) -> tuple[Dataset, list[DataError]]:
    data, errors = load_dataset(data_dir)
    errors += run_checks(data)
    return data, sorted(set(errors))


def generate(data: Dataset, site: SiteInfo) -> dict[str, bytes]:
    """Every generated file, in memory."""
    pages = Renderer(data, site).render_all()
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files.update(export(data))
    files[".nav.yml"] = nav_file(data)
    return files


def build(project: Project = Project()) -> WriteReport:
    data, errors = checked_dataset(project.data)
    if errors:
        raise DataErrors(errors)
    files = generate(data, project.site_info())
    return write_outputs(project.docs, files)
