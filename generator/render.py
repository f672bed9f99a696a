"""Turn derived facts into generated files (docs path → bytes), in memory.

The Jinja environment is set up here: Markdown templates whose every `{{ value }}` is
escaped by escape.markdown_text unless the generator built it as Markup (a link to a page it
knows, a figure it drew). Each page is an independent job, so pipeline.py can run them on
every core; nothing here touches the disk except reading templates.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .derive import Facts
from .escape import front_matter_list, front_matter_string, join, markdown_text
from .links import PageLinks
from .pages import PageKind, kinds

TEMPLATES = Path(__file__).parent / "templates"

Job = Callable[[], dict[str, bytes]]


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept next to them, as Python keeps .pyc files: compiling the
    templates was a noticeable part of every run. Jinja checks each template's source against
    its cached copy, and a folder that cannot be written to only means no cache."""

    def __init__(self):
        folder = TEMPLATES / "__pycache__"
        with contextlib.suppress(OSError):
            folder.mkdir(exist_ok=True)
        super().__init__(str(folder), "%s.jinja.cache")

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_TemplateCache(),
        autoescape=False,  # Markdown, not HTML: escape.markdown_text does the escaping.
        finalize=markdown_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fm"] = front_matter_string
    env.filters["fm_list"] = front_matter_list
    env.filters["join"] = join
    # The safety macro's output is Markdown whose data text it escaped itself.
    safety = env.get_template("_safety.md.j2").module
    env.globals["marks"] = lambda row: Markup(safety.marks(row))
    env.globals["names"] = lambda row: Markup(safety.names(row))
    # Load every template now, before any page is rendered: workers forked later share
    # them instead of each loading its own (parallel.py).
    for name in env.list_templates(filter_func=lambda name: name.endswith(".j2")):
        env.get_template(name)
    return env


def _render_page(env: Environment, facts: Facts, kind: PageKind, path: str, item: object) -> dict[str, bytes]:
    context = kind.context(facts, PageLinks(facts, path), item)
    return {path: env.get_template(kind.template).render(**context).encode("utf-8")}


def _remembered(path: str, content: bytes) -> dict[str, bytes]:
    return {path: content}


def templates_digest() -> str:
    """Changes whenever a template does, so that no remembered page outlives its template."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(TEMPLATES.glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PageMemo:
    """What `make serve` remembers between runs: each page's output and the digests of the data
    files it was made from. A page whose files (and templates) are unchanged is not rendered again."""

    def __init__(self):
        self.pages: dict[str, tuple[tuple, bytes]] = {}

    def key(self, facts: Facts, kind: PageKind, item: object, templates: str) -> tuple | None:
        if kind.depends is None:
            return None
        return (templates, *sorted(set(kind.depends(facts, item))))

    def remember(self, keys: dict[str, tuple], files: dict[str, bytes]) -> None:
        self.pages = {path: (key, files[path]) for path, key in keys.items() if path in files}


def page_jobs(facts: Facts, memo: PageMemo | None = None) -> tuple[list[Job], dict[str, tuple]]:
    """One job per generated page: independent, so they can run on any core. With a
    memo, a page made from unchanged files is taken from it; returns the jobs and each page's key."""
    env = environment()
    jobs: list[Job] = []
    keys: dict[str, tuple] = {}
    templates = templates_digest() if memo is not None else ""
    for kind in kinds():
        for path, item in kind.pages(facts):
            key = memo.key(facts, kind, item, templates) if memo is not None else None
            if key is not None:
                keys[path] = key
                known = memo.pages.get(path)
                if known and known[0] == key:
                    jobs.append(partial(_remembered, path, known[1]))
                    continue
            jobs.append(partial(_render_page, env, facts, kind, path, item))
    return jobs, keys
