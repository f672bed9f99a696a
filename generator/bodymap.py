"""The home page's body map: the front and back of the body, each region a link to its page.

The areas come from the `regions` of the whole-body views (data/figures/body-front.yml,
body-back.yml). The hand-written home page includes the result (docs/snippets/body-map.html)
with pymdownx.snippets, so the generator never writes a hand-written page.

Each area is an SVG link (xlink:href: Material's instant navigation leaves SVG links to the
browser, which follows them as ordinary links) with role="link" said outright (some tools take
only `href` for a link), and its region's name as its accessible name and tooltip; the caption
repeats every region as a plain HTML link, for keyboards and screen readers that skip drawings.
"""

from __future__ import annotations

import html

from .derive import REGION_NAMES, Facts
from .figures import Drawings, smooth_path, width_rem
from .links import page_url, region_page, site_relative
from .model import Region

SNIPPET = "snippets/body-map.html"
HOME = "index.md"  # the page that includes it: every link is relative to it
VIEWS = ("body-front", "body-back")


def _href(region: Region) -> str:
    return site_relative(HOME, page_url(region_page(region)))


def _svg(facts: Facts, view_id: str, drawings: Drawings) -> str:
    e = html.escape
    view = facts.data.figures[view_id].model
    ident = f"map-{view_id}"
    names = list(dict.fromkeys(REGION_NAMES[a.region] for a in view.regions))
    parts = [
        f'<svg class="oa-svg oa-map" viewBox="0 0 {view.width} {view.height}" style="width:min(100%,{width_rem(view, "oa-map"):.1f}rem)" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="{ident}-t">{e(view.title)}: choose a region</title>',
        f'<desc id="{ident}-d">{e(view.title)}, each region a link to its points: {e(", ".join(names))}.</desc>',
        drawings.use(view, "oa-map"),
    ]
    for area in view.regions:
        name = e(REGION_NAMES[area.region])
        parts.append(
            f'<a xlink:href="{e(_href(area.region))}" role="link" aria-label="{name}" class="oa-area" data-region="{e(area.region.value)}">'
            f'<title>{name}</title><path d="{smooth_path(area.points, True)}"/></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def body_map(facts: Facts) -> dict[str, bytes]:
    """docs/snippets/body-map.html: one line of raw HTML, so Markdown keeps it as it is."""
    drawings = Drawings()
    views = [v for v in VIEWS if v in facts.data.figures and facts.data.figures[v].model.regions]
    if not views:
        return {}
    items = "".join(f'<div class="oa-figure-item">{_svg(facts, v, drawings)}</div>' for v in views)
    links = " · ".join(f'<a href="{html.escape(_href(r))}">{html.escape(REGION_NAMES[r])}</a>' for r in Region)
    figure = (
        f'<figure class="oa-figure oa-body-map" data-search-exclude>{items}'
        f"<figcaption>Tap a part of the body to see its points: {links}.</figcaption></figure>\n"
    )
    return {SNIPPET: figure.encode("utf-8")}
