"""The service worker that makes the site work offline, written into each built site.

After one visit with a network, the home page, every routine and symptom page, the search and
the pages that matter before pressing are in the browser's cache, and every page the reader
opens is added as they open it. The cache is named after a digest of the whole built site, so
each build that changes anything replaces it, and stale pages never mix with new styles.
Every address is relative to the worker's scope, so a site served from a sub-path (a GitHub
project page) works the same. It is written after the builder ran (pipeline.build_site),
never by a builder's hook, so MkDocs, ProperDocs and Zensical sites get the same worker.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .links import DISCLAIMER, MY_POINTS_PAGE, PRESSING_SAFELY, page_url

WORKER = "sw.js"
# Pages kept for offline use from the first visit, besides every routine and symptom page.
ALWAYS = ["index.md", MY_POINTS_PAGE, PRESSING_SAFELY, DISCLAIMER]
SECTIONS = ("routines/", "symptoms/")
DATA = ["api/search.json", "api/search-stub.json", "sitemap.xml", "manifest.webmanifest"]
_ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="([^"#?]+)(?:\?[^"]*)?"', re.I)


def precached(site: Path, pages: list[str]) -> list[str]:
    """The addresses (relative to the site root) stored at install: pages, search, assets."""
    wanted = sorted(p for p in pages if p.startswith(SECTIONS)) + ALWAYS
    urls = [page_url(p) for p in dict.fromkeys(wanted) if (site / page_url(p) / "index.html").is_file() or p == "index.md"]
    urls = ["./" if u in ("", ".") else u for u in urls]
    home = (site / "index.html").read_text(encoding="utf-8")
    assets = [a for a in _ASSET.findall(home) if not a.startswith(("http:", "https:", "//", "data:"))]
    files = [a.removeprefix("./") for a in assets if (site / a.removeprefix("./")).is_file()]
    manifest = site / "manifest.webmanifest"
    icons = [i["src"] for i in json.loads(manifest.read_text(encoding="utf-8")).get("icons", [])] if manifest.is_file() else []
    return list(dict.fromkeys([*urls, *files, *(d for d in DATA if (site / d).is_file()), *(i for i in icons if (site / i).is_file())]))


def site_digest(site: Path) -> str:
    """A digest of every file of the built site (the worker itself excepted), in path order."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != WORKER):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_worker(site: Path, pages: list[str]) -> Path:
    template = (Path(__file__).parent / "templates" / "sw.js").read_text(encoding="utf-8")
    script = template.replace('"__VERSION__"', json.dumps(site_digest(site))).replace(
        "[/* __PRECACHE__ */]", json.dumps(precached(site, pages), ensure_ascii=True, indent=0)
    )
    target = site / WORKER
    target.write_text(script, encoding="utf-8")
    return target
