"""One pipeline for every command: load → check → render → export, then write and build.

`run(project)` does the work that `build`, `serve` and the pull-request summary share: it
loads the data, runs every rule and renders every page as independent jobs on every core
(parallel.py), and returns the generated files in memory, or raises DataErrors with every
error found. A page rendered from data that fails a check is thrown away: the check's
message is the useful one. `generate` writes the files into docs/; `build` also builds the
site with the chosen builder into a temporary folder and puts it in place of site/ only
when the build, the post-build steps and the verification have all succeeded.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import offline, parallel, postbuild
from .bodymap import body_map
from .builders import Builder, choose
from .checks import RULES, run_checks
from .dataset import Dataset, load_dataset
from .derive import Facts
from .diagrams import diagram_files
from .errors import DataError, DataErrors, ordered
from .export import export
from .lock import exclusive
from .navigation import CONFIG_FILE, config_file
from .project import Project
from .render import PageMemo, page_jobs
from .search import search_index
from .write import WriteReport, write_file, write_outputs


@dataclass
class Output:
    """Everything one run generates, in memory."""

    data: Dataset
    facts: Facts
    files: dict[str, bytes]  # docs path → content
    builder: Builder
    nav: list  # mkdocs.yml's extra.nav, the hand-written part of the navigation

    @property
    def pages(self) -> list[str]:
        return sorted(path for path in self.files if path.endswith(".md"))

    def config(self, **settings) -> bytes:
        """The generated builder configuration (mkdocs.gen.yml), with extra settings for one build."""
        return config_file(self.nav, self.facts, {**self.builder.settings, **settings})


def check(project: Project, cache: dict | None = None) -> tuple[Dataset, list[DataError]]:
    """The data and every error in it, without rendering anything (make check)."""
    data, errors = load_dataset(project.data, cache)
    return data, ordered(errors + run_checks(data))


def _rule_job(rule, data: Dataset) -> list[DataError]:
    return list(rule(data))


def run(
    project: Project, builder: Builder | None = None, workers: int | None = None, cache: dict | None = None, memo: PageMemo | None = None
) -> Output:
    """Every generated file for the project's data, or DataErrors with every error in it.

    `cache` and `memo` are for make serve: parsed files and rendered pages from earlier runs in
    this process (load.load_document, render.PageMemo)."""
    builder = builder or choose()
    data, errors = load_dataset(project.data, cache)
    if errors:
        raise DataErrors(errors + run_checks(data))
    settings = project.settings
    facts = Facts(data, settings.repository)
    rules = [partial(_rule_job, rule, data) for rule in RULES]
    pages, keys = page_jobs(facts, memo)
    jobs = [*rules, *pages, partial(export, facts), partial(search_index, facts, project.docs), partial(body_map, facts)]
    jobs.append(partial(diagram_files, data))
    results = parallel.run(jobs, workers)
    found = results[: len(rules)]
    failed = next((r for r in found if isinstance(r, parallel.Failed)), None)
    if failed:
        raise failed.error()
    errors = [error for errors_of_rule in found for error in errors_of_rule]
    if errors:
        raise DataErrors(errors)
    files: dict[str, bytes] = {}
    for result in results[len(rules) :]:
        if isinstance(result, parallel.Failed):
            raise result.error()
        files.update(result)
    if memo is not None:
        memo.remember(keys, files)
    return Output(data, facts, files, builder, settings.nav)


def generate(project: Project, builder: Builder | None = None, workers: int | None = None, cache: dict | None = None) -> WriteReport:
    """Write the generated pages into docs/ and the navigation into mkdocs.gen.yml."""
    with exclusive(project.lock_file, "generate"):
        return _write(project, run(project, builder, workers, cache))


def _write(project: Project, output: Output, previous: dict[str, bytes] | None = None) -> WriteReport:
    report = write_outputs(project.docs, output.files, previous)
    if write_file(project.root, project.root / CONFIG_FILE, output.config()):
        report.written.append(CONFIG_FILE)
    return report


class BuildError(Exception):
    pass


@dataclass
class BuildReport:
    docs: WriteReport
    folded: int

    def summary(self) -> str:
        return f"docs/: {self.docs.summary()}; site/ built ({self.folded // 1024} KiB of whitespace folded)"


def build(project: Project, builder: Builder | None = None, workers: int | None = None) -> BuildReport:
    """Generate docs/, build the site with the builder, and replace site/ only if all went well."""
    builder = builder or choose()
    with exclusive(project.lock_file, "build"):
        output = run(project, builder, workers)
        report = _write(project, output)
        folded = build_site(project, output)
    return BuildReport(report, folded)


def build_site(project: Project, output: Output) -> int:
    builder = output.builder
    folder = Path(tempfile.mkdtemp(dir=project.root, prefix=".site-new-"))
    fd, config_name = tempfile.mkstemp(dir=project.root, prefix=".build-", suffix=".yml")
    try:
        with open(fd, "wb") as out:
            out.write(output.config(site_dir=folder.name))
        result = subprocess.run(builder.build_command(Path(config_name).name), cwd=project.root, env=builder.environment())
        if result.returncode != 0:
            raise BuildError(f"{builder.name} build failed (exit {result.returncode}); site/ was left as it was")
        folded = 0 if builder.runs_hooks else postbuild.fold_site(folder)  # the hooks folded each page already
        postbuild.compact_index_file(folder / builder.search_index)
        try:
            postbuild.verify(folder, output.pages)
        except postbuild.SiteError as exc:
            raise BuildError(f"{exc}; site/ was left as it was") from exc
        offline.write_worker(folder, output.pages)
        _swap(folder, project.site)
        return folded
    finally:
        with contextlib.suppress(OSError):
            Path(config_name).unlink()
        shutil.rmtree(folder, ignore_errors=True)


def _swap(new: Path, site: Path) -> None:
    """Put the new site in place of the old one (each a rename), then remove the old."""
    old = None
    if site.is_symlink():
        raise BuildError(f"{site} is a symbolic link; the generator writes only inside the project")
    if site.exists():
        old = Path(tempfile.mkdtemp(dir=site.parent, prefix=".site-old-"))
        site.rename(old / "site")
    new.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
