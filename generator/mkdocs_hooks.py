"""MkDocs hooks (mkdocs.yml: hooks): the glue between generated files and MkDocs.

- on_config: replace `generated:<section>` placeholders in the nav with the lists
  the generator wrote to docs/.nav.yml.
- on_page_context: point the page's edit button at the data file a generated
  page came from, instead of the generated Markdown (which is not in git);
  hand-written pages get their own file in docs/.
"""

from __future__ import annotations

import json
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
