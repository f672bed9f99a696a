"""One pass: load → check → render → export → write. Nothing is written if anything fails.

The checks and the pages are independent jobs, so they run side by side on every core
(parallel.py). A page is rendered before the checks are known to pass; when a check
fails, the pages are thrown away and only the check's errors are reported (data that
fails a check can break a page in any way, and the check's message is the useful one).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from . import parallel
from .checks import RULES, run_checks
from .dataset import Dataset, load_dataset
from .errors import DataError, DataErrors, ordered
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
    return data, ordered(errors)


def generate(data: Dataset, site: SiteInfo, workers: int | None = 1) -> dict[str, bytes]:
    """Every generated file, in memory, for data that has passed the checks."""
    paths, jobs = _render_jobs(data, site)
    return _files(paths, parallel.run(jobs, workers))


def check_and_generate(data: Dataset, site: SiteInfo, workers: int | None = None) -> tuple[dict[str, bytes], list[DataError]]:
    """The checks and every generated file, run together: the files, or the checks' errors."""
    try:
        paths, jobs = _render_jobs(data, site)
    except Exception:  # data that fails a check can break the renderer's set-up too
        errors = run_checks(data)
        if errors:
            return {}, ordered(errors)
        raise
    rules = [partial(lambda rule: list(rule(data)), rule) for rule in RULES]
    results = parallel.run([*rules, *jobs], workers)
    checks, results = results[: len(rules)], results[len(rules) :]
    failed = next((r for r in checks if isinstance(r, parallel.Failed)), None)
    if failed:
        raise failed.error()
    errors = ordered(error for found in checks for error in found)
    if errors:
        return {}, errors
    return _files(paths, results), []


def _render_jobs(data: Dataset, site: SiteInfo) -> tuple[list[str], list]:
    """The generated files' paths, and one job per file that renders it (None: a job that gives several files)."""
    pages = Renderer(data, site).page_jobs()
    paths = [path for path, _ in pages] + [".nav.yml", None]
    jobs = [render for _, render in pages] + [partial(nav_file, data), partial(export, data)]
    return paths, jobs


def _files(paths: list[str | None], results: list) -> dict[str, bytes]:
    failed = next((r for r in results if isinstance(r, parallel.Failed)), None)
    if failed:
        raise failed.error()
    files: dict[str, bytes] = {}
    for path, result in zip(paths, results, strict=True):
        if path is None:
            files.update(result)
        else:
            files[path] = result.encode("utf-8") if isinstance(result, str) else result
    return files


def build(project: Project = Project(), workers: int | None = None) -> WriteReport:
    data, errors = load_dataset(project.data)
    if errors:
        raise DataErrors(errors + run_checks(data))
    files, errors = check_and_generate(data, project.site_info(), workers)
    if errors:
        raise DataErrors(errors)
    return write_outputs(project.docs, files)
