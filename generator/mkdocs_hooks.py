"""MkDocs hooks (mkdocs.yml: hooks): the glue between generated files and MkDocs.

- on_config: replace `generated:<section>` placeholders in the nav with the lists
  the generator wrote to docs/.nav.yml.
- on_page_context: point the page's edit button at the data file a generated
  page came from, instead of the generated Markdown (which is not in git);
  hand-written pages get their own file in docs/. Give the page its own view of
  the navigation, long lists cut to the entries near it (nav_window.py).
- on_post_page: fold the indentation Material's templates leave behind (half of a
  point page's bytes were whitespace in its navigation).
- on_post_build: shrink the search index Material wrote (see compact_search_index).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from generator.nav_window import page_navigation

PLACEHOLDER = "generated:"


def expand_nav(nav, sections: dict):
    """mkdocs.yml's nav with each `generated:<section>` placeholder replaced by its list."""
    if isinstance(nav, list):
        return [expand_nav(item, sections) for item in nav]
    if isinstance(nav, dict):
        return {title: expand_nav(value, sections) for title, value in nav.items()}
    if isinstance(nav, str) and nav.startswith(PLACEHOLDER):
        name = nav[len(PLACEHOLDER) :]
        if name not in sections:
            raise KeyError(f"docs/.nav.yml has no section {name!r}")
        return sections[name]
    return nav


def on_config(config, **kwargs):
    nav_path = Path(config["docs_dir"]) / ".nav.yml"
    if not nav_path.is_file():
        raise SystemExit("docs/.nav.yml is missing: run `python -m generator build` (or `make build`) first")
    sections = json.loads(nav_path.read_text(encoding="utf-8"))
    config["nav"] = expand_nav(config["nav"], sections)
    return config


def on_page_context(context, page, config, nav, **kwargs):
    context["nav"] = page_navigation(nav)
    repo_url = config["extra"].get("repo_url")
    if repo_url:
        source = page.meta.get("data_file") or f"docs/{page.file.src_uri}"
        page.edit_url = quote(f"{repo_url.rstrip('/')}/edit/main/{source}", safe=":/")
    return context


# Blocks whose whitespace is meaningful (or not HTML): kept exactly as they are.
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BLANKS = " \t\r\f\v"  # not str.strip()'s Unicode whitespace: a no-break space is content


def fold_whitespace(html: str) -> str:
    """Each run of whitespace that holds a line break becomes one line break, which a
    browser renders exactly as it renders the run."""
    parts = _KEEP.split(html)
    out = []
    # split() yields text, then each kept block followed by its tag name: [text, block, name, text, …]
    for index in range(0, len(parts), 3):
        out.append(_fold(parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def _fold(text: str) -> str:
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    # The first line keeps its leading blanks and the last its trailing ones: they touch
    # the kept blocks on either side, not a line break.
    middle = [line.strip(_BLANKS) for line in lines[1:-1]]
    edges = [lines[0].rstrip(_BLANKS), *[line for line in middle if line], lines[-1].lstrip(_BLANKS)]
    return "\n".join(edges)


def on_post_page(output, page, config, **kwargs):
    return fold_whitespace(output)


def compact_search_index(text: str) -> str:
    """Material's search index, without what only repeats.

    Material copies a page's tags (every spelling of a point's code and name) into the
    entry of each of its sections, so they were two fifths of the index; the page's own
    entry keeps them, and a match there ranks the page first. Characters are written as
    UTF-8 rather than as \\u escapes (合 is 3 bytes, not 6).
    """
    index = json.loads(text)
    for entry in index["docs"]:
        if "#" in entry["location"]:
            entry.pop("tags", None)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def on_post_build(config, **kwargs):
    # Hooks run after the plugins, so the search plugin has written its index by now.
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if path.is_file():
        path.write_text(compact_search_index(path.read_text(encoding="utf-8")), encoding="utf-8")
