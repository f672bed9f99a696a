"""What a built site weighs: on disk, per page, and what one page makes a browser fetch."""

from __future__ import annotations

import gzip
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse


def gzipped(data: bytes) -> int:
    """Bytes after gzip at level 6, what a web server such as GitHub Pages typically sends."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass(frozen=True)
class Weight:
    raw: int
    gzip: int

    @classmethod
    def of(cls, data: bytes) -> Weight:
        return cls(len(data), gzipped(data))

    def __add__(self, other: Weight) -> Weight:
        return Weight(self.raw + other.raw, self.gzip + other.gzip)


@dataclass(frozen=True)
class PageWeights:
    pages: int
    median: Weight
    largest: Weight
    largest_page: str


def page_weights(site: Path, pages: list[Path]) -> PageWeights:
    weights = {page: Weight.of(page.read_bytes()) for page in pages}
    ordered = sorted(weights.values(), key=lambda w: w.raw)
    middle = statistics.median_low([w.raw for w in ordered])
    median = next(w for w in ordered if w.raw == middle)
    largest_page = max(weights, key=lambda p: weights[p].raw)
    return PageWeights(len(pages), median, weights[largest_page], largest_page.parent.relative_to(site).as_posix() + "/")


_ASSET = re.compile(r"""<(?:script[^>]*\ssrc|link[^>]*\srel="stylesheet"[^>]*\shref|use[^>]*\shref)="([^"#]+)[^"]*\"""")


def page_assets(site: Path, page: Path) -> dict[str, Weight]:
    """The scripts, stylesheets and drawing files a page loads (by kind), as files of the built site.

    Read from the page's HTML; a page asking for anything that is not in the site is an
    error here, since it would be a request to another host or a broken link.
    """
    html = page.read_text(encoding="utf-8")
    page_url = "/" + page.parent.relative_to(site).as_posix() + "/"
    totals: dict[str, Weight] = {}
    for reference in dict.fromkeys(_ASSET.findall(html)):
        url = urlparse(urljoin(page_url, reference))
        if url.scheme or url.netloc:
            raise ValueError(f"{page}: loads {reference} from another host")
        file = site / url.path.lstrip("/")
        if not file.is_file():
            raise ValueError(f"{page}: {reference} is not in the site")
        kind = {".js": "JavaScript", ".css": "CSS", ".svg": "drawings"}.get(file.suffix, "other")
        totals[kind] = totals.get(kind, Weight(0, 0)) + Weight.of(file.read_bytes())
    return totals


@dataclass(frozen=True)
class SiteWeights:
    files: int
    total: int
    html: PageWeights
    points: PageWeights
    search_index: Weight
    point_assets: dict[str, Weight]


def site_weights(site: Path, sample_point: str = "li4") -> SiteWeights:
    files = [f for f in site.rglob("*") if f.is_file()]
    html = sorted(site.rglob("index.html"))
    points = sorted((site / "points").glob("*/index.html"))
    return SiteWeights(
        files=len(files),
        total=sum(f.stat().st_size for f in files),
        html=page_weights(site, html),
        points=page_weights(site, points),
        # The index a reader downloads: the site's own (api/search.json), not the builder's, which no page fetches.
        search_index=Weight.of((site / "api" / "search.json").read_bytes()),
        point_assets=page_assets(site, site / "points" / sample_point / "index.html"),
    )
