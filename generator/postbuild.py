"""What the generator does to a built site before it replaces site/, whichever builder made it.

- fold_whitespace: each run of whitespace that holds a line break becomes one line break
  (much of a page's size is indentation that Material's templates leave behind).
- compact_search_index: the builder's search index without what only repeats.
- verify: every generated page was built, and no link still points to a `generated:`
  placeholder of the navigation (a builder that ignored the generated configuration).
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path

from . import parallel
from .links import page_url
from .navigation import PLACEHOLDER

# Blocks whose whitespace is meaningful (or not HTML): kept exactly as they are.
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BLANKS = " \t\r\f\v"  # not str.strip()'s Unicode whitespace: a no-break space is content


def fold_whitespace(html: str) -> str:
    """A page that a browser renders exactly as before, with each run of whitespace that
    holds a line break folded into one line break."""
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


def _fold_files(paths: list[Path]) -> dict[str, int]:
    saved = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        folded = fold_whitespace(text)
        if folded != text:
            path.write_text(folded, encoding="utf-8")
            saved += len(text) - len(folded)
    return {"saved": saved}


def fold_site(site: Path, workers: int | None = None) -> int:
    """Fold every HTML page of the site; the characters saved."""
    pages = sorted(site.rglob("*.html"))
    chunks = [pages[i::8] for i in range(8)]
    results = parallel.run([partial(_fold_files, chunk) for chunk in chunks if chunk], workers)
    failed = next((r for r in results if isinstance(r, parallel.Failed)), None)
    if failed:
        raise failed.error()
    return sum(r["saved"] for r in results)


def compact_search_index(text: str) -> str:
    """A search index without what only repeats.

    Material copies a page's tags (every spelling of a point's code and name) into the
    entry of each of its sections (`docs`); Zensical does the same in `items`. The page's
    own entry keeps them, and a match there ranks the page first. Characters are written
    as UTF-8 rather than as \\u escapes (合 is 3 bytes, not 6).
    """
    index = json.loads(text)
    for entry in index.get("docs") or index.get("items") or []:
        if "#" in entry.get("location", ""):
            entry.pop("tags", None)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def compact_index_file(path: Path) -> None:
    if path.is_file():
        path.write_text(compact_search_index(path.read_text(encoding="utf-8")), encoding="utf-8")


class SiteError(Exception):
    pass


def verify(site: Path, generated_pages: list[str]) -> None:
    """Every generated page is in the site, and no page links to a navigation placeholder."""
    missing = [page for page in generated_pages if not (site / page_url(page) / "index.html").is_file()]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        raise SiteError(f"{len(missing)} generated page(s) missing from the built site: {shown}")
    placeholder = re.compile(rb'(?:href|src)="[^"]*' + re.escape(PLACEHOLDER.encode()))
    marker = PLACEHOLDER.encode()
    bad = []
    for path in sorted(site.rglob("*.html")):
        content = path.read_bytes()
        if marker in content and placeholder.search(content):
            bad.append(path.relative_to(site).as_posix())
    if bad:
        raise SiteError(f"{len(bad)} page(s) link to a '{PLACEHOLDER}' placeholder, e.g. {bad[0]}: the builder ignored mkdocs.gen.yml")
