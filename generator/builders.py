"""The static-site builders the generated docs are built with: MkDocs (today), ProperDocs
(the MkDocs 1.x fork) and Zensical (Material's successor). One is chosen by the BUILDER
variable (make build BUILDER=zensical), or the --builder option.

Every builder reads the same generated configuration (mkdocs.gen.yml: INHERIT mkdocs.yml
plus the full navigation). They differ in their command line, in where the search index
lands, and in one setting: Zensical needs theme.variant classic for Material's layout.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

VARIABLE = "BUILDER"
DEFAULT = "mkdocs"


@dataclass(frozen=True)
class Builder:
    name: str
    module: str  # run as `python -m <module>`
    search_index: str  # the builder's search index, relative to the site
    strict: tuple[str, ...]  # the option that turns warnings into errors
    serve_address: str  # the option that sets the address of its server
    settings: dict = field(default_factory=dict)  # added to the generated configuration
    runs_hooks: bool = True
    # What its server prints when a rebuild starts and when it has finished (or failed): make
    # serve writes new pages only while no rebuild runs (serve.py).
    log_started: str = r"Building documentation"
    log_finished: str = r"Documentation built|Reloading browsers|error happened during the rebuild|Aborted with"

    def build_command(self, config: str) -> list[str]:
        return [sys.executable, "-m", self.module, "build", *self.strict, "-f", config]

    def serve_command(self, config: str, address: str, dirty: bool = True) -> list[str]:
        command = [sys.executable, "-m", self.module, "serve", "-f", config, self.serve_address, address]
        if self.runs_hooks:  # MkDocs and ProperDocs: rebuild only the pages whose Markdown changed
            command += ["--livereload"] + (["--dirty"] if dirty else [])
        return command

    def environment(self) -> dict[str, str]:
        return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


BUILDERS = {
    "mkdocs": Builder("mkdocs", "mkdocs", "search/search_index.json", ("--strict",), "--dev-addr"),
    "properdocs": Builder("properdocs", "properdocs", "search/search_index.json", ("--strict",), "--dev-addr"),
    "zensical": Builder(
        "zensical",
        "zensical",
        "search.json",
        ("--strict",),
        "--dev-addr",
        {"theme": {"variant": "classic"}},
        runs_hooks=False,
        log_started=r"Build started",
        log_finished=r"No issues found|Build finished|[Ee]rror",
    ),
}


def choose(name: str | None = None) -> Builder:
    chosen = name or os.environ.get(VARIABLE) or DEFAULT
    if chosen not in BUILDERS:
        raise SystemExit(f"unknown builder {chosen!r}: choose one of {', '.join(BUILDERS)} (BUILDER=…)")
    return BUILDERS[chosen]
