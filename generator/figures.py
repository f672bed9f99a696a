"""Figures: SVG drawings of where points are, built from outlines and coordinates in data/.

A view (data/figures/<id>.yml) holds outlines as lists of corner points, drawn here
as smooth closed curves, plus creases and landmarks. A point says where it sits on
its best detail view (`figure`) and on a whole-body view (`locator`). Nothing is a
hand-made picture of one point: every figure is drawn from data, inline, with no
JavaScript. Colours come from CSS variables, so figures follow the light and dark
schemes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from .model import Placement, View


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def smooth_path(points: list[list[float]], closed: bool) -> str:
    """A Catmull-Rom curve through the corners, as cubic Bézier segments (SVG path data)."""
    return _smooth_path(tuple((float(x), float(y)) for x, y in points), closed)


@lru_cache(maxsize=1024)  # every page draws the same few outlines: compute each curve once per run
def _smooth_path(pts: tuple[tuple[float, float], ...], closed: bool) -> str:
    if len(pts) < 3:
        return "M" + " L".join(f"{_number(x)} {_number(y)}" for x, y in pts)
    count = len(pts)
    out = [f"M{_number(pts[0][0])} {_number(pts[0][1])}"]
    segments = count if closed else count - 1
    for i in range(segments):
        p0 = pts[(i - 1) % count] if (closed or i > 0) else pts[i]
        p1, p2 = pts[i], pts[(i + 1) % count]
        p3 = pts[(i + 2) % count] if (closed or i + 2 < count) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append("C" + " ".join(_number(v) for v in (c1[0], c1[1], c2[0], c2[1], p2[0], p2[1])))
    return "".join(out) + ("Z" if closed else "")


def inside(polygon: list[list[float]], x: float, y: float) -> bool:
    """Even-odd rule: is (x, y) inside the polygon through these corners?"""
    result = False
    n = len(polygon)
    for i in range(n):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def inside_view(view: View, x: float, y: float) -> bool:
    return any(inside(shape.points, x, y) for shape in view.outlines)


# Largest size of each kind of figure, in rem: a detail view, a whole-body locator, an overview.
WIDTH_REM = {"oa-detail": 17.0, "oa-locator": 6.5, "oa-overview": 12.0, "oa-preview": 60.0}
HEIGHT_REM = {"oa-detail": 19.0, "oa-locator": 14.0, "oa-overview": 26.0, "oa-preview": 80.0}
# Marker radius as a share of the view's longer side: larger on the small locator, smaller where
# many points share one overview.
MARKER_SIZE = {"oa-detail": 1 / 55, "oa-locator": 1 / 45, "oa-overview": 1 / 110, "oa-preview": 1 / 90}


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    label: str | None = None  # a number or code drawn beside the marker
    mirror: bool = False  # the same point on the other side of the body


def markers_for(view: View, placement: Placement, label: str | None = None, both_sides: bool = True) -> list[Marker]:
    marks = [Marker(placement.x, placement.y, label)]
    if both_sides and not placement.one_side and view.mirror_x is not None and abs(placement.x - view.mirror_x) > 0.5:
        marks.append(Marker(2 * view.mirror_x - placement.x, placement.y, label, mirror=True))
    return marks


def render_svg(
    view: View,
    markers: list[Marker],
    title: str,
    description: str,
    css_class: str,
    figure_id: str,
    landmark: str | None = None,
    path: list[Marker] | None = None,
    drawing: str | None = None,
) -> Markup:
    """One inline SVG figure. All text is HTML-escaped; numbers are formatted here.

    `drawing` is the URL of the view's drawing file (see drawing_file): the page then
    carries only its markers and labels, and the outlines, the same on hundreds of
    pages, are fetched once and cached. Without it the outlines are drawn inline.
    """
    e = html.escape
    radius = max(view.width, view.height) * MARKER_SIZE[css_class]
    # Tall views (a lower leg) are limited by height, wide ones by width: both fit a phone screen.
    width_rem = min(WIDTH_REM[css_class], HEIGHT_REM[css_class] * view.width / view.height)
    parts = [
        f'<svg class="oa-svg {e(css_class)}" viewBox="0 0 {view.width} {view.height}" role="img" '
        f'style="width:min(100%,{width_rem:.1f}rem)" '
        f'aria-labelledby="{figure_id}-t {figure_id}-d" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="{figure_id}-t">{e(title)}</title><desc id="{figure_id}-d">{e(description)}</desc>',
    ]
    # xlink:href, not href: Material's instant navigation re-assigns every element's `href`
    # after loading a page, which throws on SVG (read-only there) and stops the navigation.
    parts.append(f'<use xlink:href="{e(drawing)}#{DRAWING_ID}"/>' if drawing else _drawing(view))
    if path and len(path) > 1:
        coordinates = " ".join(f"{_number(m.x)},{_number(m.y)}" for m in path)
        parts.append(f'<polyline class="oa-path" points="{coordinates}"/>')
    if landmark:
        found = next(m for m in view.landmarks if m.id == landmark)
        anchor = "end" if found.x > view.width * 0.6 else "start"
        parts.append(
            f'<circle class="oa-landmark" cx="{_number(found.x)}" cy="{_number(found.y)}" r="{_number(radius * 0.45)}"/>'
            f'<text class="oa-landmark-label" x="{_number(found.x)}" y="{_number(found.y - radius * 0.9)}" '
            f'text-anchor="{anchor}" font-size="{_number(radius * 1.7)}">{e(found.label)}</text>'
        )
    for mark in markers:
        kind = "oa-marker oa-mirror" if mark.mirror else "oa-marker"
        parts.append(f'<circle class="{kind}" cx="{_number(mark.x)}" cy="{_number(mark.y)}" r="{_number(radius)}"/>')
        if mark.label and not mark.mirror:
            parts.append(
                f'<text class="oa-marker-label" x="{_number(mark.x + radius * 1.3)}" y="{_number(mark.y - radius * 0.8)}" '
                f'font-size="{_number(radius * 1.8)}">{e(mark.label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


_DRAWINGS: dict[int, tuple[View, str]] = {}
DRAWING_ID = "drawing"
# The drawing is styled by properties on its groups, not by the page's stylesheet: a page's CSS
# does not reach into a file referenced by <use>, but CSS variables inherit into it, so the
# light and dark colours still come from the page (with the light ones as fallback).
_BODY_STYLE = "fill:var(--oa-skin,#f6e7dc);stroke:var(--oa-skin-line,#9b7b68);stroke-width:1.2;stroke-linejoin:round"
_LINE_STYLE = "fill:none;stroke-width:.8;stroke-linecap:round;opacity:.8"


def _drawing(view: View) -> str:
    """The outlines and creases of a view as one SVG group, computed once per view per run."""
    cached = _DRAWINGS.get(id(view))
    if cached is None or cached[0] is not view:
        body = "".join(f'<path d="{smooth_path(s.points, True)}"/>' for s in view.outlines)
        lines = "".join(f'<path d="{smooth_path(line.points, False)}"/>' for line in view.lines)
        group = f'<g class="oa-drawing" style="{_BODY_STYLE}">{body}<g style="{_LINE_STYLE}">{lines}</g></g>'
        cached = _DRAWINGS[id(view)] = (view, group)
    return cached[1]


def drawing_file(view: View) -> str:
    """A view's outlines as a standalone SVG file, for pages to reference with <use>."""
    group = _drawing(view).replace('<g class="oa-drawing"', f'<g id="{DRAWING_ID}" class="oa-drawing"', 1)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}">{group}</svg>\n'


def figure_block(svgs: list[Markup], caption: str) -> Markup:
    """A Markdown raw-HTML block (one line, so Markdown never splits it) with a caption."""
    body = "".join(f'<div class="oa-figure-item">{svg}</div>' for svg in svgs)
    return Markup(f'<figure class="oa-figure" data-search-exclude>{body}<figcaption>{html.escape(caption)}</figcaption></figure>')
