"""MkDocs hooks (mkdocs.yml: hooks): the glue between generated files and MkDocs.

- on_config: replace `generated:<section>` placeholders in the nav with the lists
  the generator wrote to docs/.nav.yml.
- on_page_context: point the page's edit button at the data file a generated
  page came from, instead of the generated Markdown (which is not in git);
  hand-written pages get their own file in docs/.
- on_post_page: fold the indentation Material's templates leave behind (half of a
  point page's bytes were whitespace in its navigation).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

PLACEHOLDER = "generated:"


def _replace(nav, sections: dict):
    if isinstance(nav, list):
        return [_replace(item, sections) for item in nav]
    if isinstance(nav, dict):
        return {title: _replace(value, sections) for title, value in nav.items()}
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
    config["nav"] = _replace(config["nav"], sections)
    return config


def on_page_context(context, page, config, **kwargs):
    repo_url = config["extra"].get("repo_url")
    if repo_url:
        source = page.meta.get("data_file") or f"docs/{page.file.src_uri}"
        page.edit_url = quote(f"{repo_url.rstrip('/')}/edit/main/{source}", safe=":/")
    return context


# Blocks whose whitespace is meaningful (or not HTML): kept exactly as they are.
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
# Whitespace that contains a line break: a browser renders it exactly as it renders one line break.
_FOLD = re.compile(r"[ \t\r\f\v]*\n\s*")


def fold_whitespace(html: str) -> str:
    parts = _KEEP.split(html)
    out = []
    # split() yields text, then each kept block followed by its tag name: [text, block, name, text, …]
    for index in range(0, len(parts), 3):
        out.append(_FOLD.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def on_post_page(output, page, config, **kwargs):
    return fold_whitespace(output)
