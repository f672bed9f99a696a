"""Figures: SVG drawings of where points are, built from outlines and coordinates in data/.

A view (data/figures/<id>.yml) holds outlines as lists of corner points, drawn here
as smooth closed curves, plus creases and landmarks. A point says where it sits on
its best detail view (`figure`) and on a whole-body view (`locator`). Nothing is a
hand-made picture of one point: every figure is drawn from data, inline, with no
JavaScript. Colours come from CSS variables, so figures follow the light and dark
schemes. Where the words and numbers go is decided by labels.py.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from . import labels
from .model import Line, Placement, Shape, View


def svg_number(value: float) -> str:
    """A coordinate or size for SVG, to a tenth, with no trailing ".0" and no "-0"."""
    text = f"{value:.1f}"
    text = "0.0" if text == "-0.0" else text
    return text[:-2] if text.endswith(".0") else text


def smooth_path(points: list[list[float]], closed: bool, grid: int = 10) -> str:
    """A Catmull-Rom curve through the corners, as cubic Bézier segments (SVG path data), on a
    grid of 1/`grid` units: tenths by default, whole units for a drawing only shown small."""
    return _smooth_path(tuple((float(x), float(y)) for x, y in points), closed, grid)


def _snap(value: float, grid: int) -> int:
    return int(math.floor(value * grid + 0.5))


def _compact(steps: list[int], grid: int) -> str:
    """Numbers given in 1/`grid` units, as path data at its shortest: in tenths, 15, -5, 20, 5, 5
    → "1.5-.5 2 .5.5". A number needs no space before it when it starts with a minus sign, or
    with a point after a number that already has one."""
    out: list[str] = []
    dotted = False
    for t in steps:
        whole, part = divmod(abs(t), grid)
        text = ((str(whole) if whole else "") + (f".{part}" if part else "")) or "0"
        text = "-" + text if t < 0 else text
        if out and not (text[0] == "-" or (text[0] == "." and dotted)):
            out.append(" ")
        out.append(text)
        dotted = "." in text
    return "".join(out)


@lru_cache(maxsize=2048)  # every page draws the same few outlines: compute each curve once per run
def _smooth_path(pts: tuple[tuple[float, float], ...], closed: bool, grid: int) -> str:
    """Relative commands (c, l): a third shorter than absolute ones. Each step is taken from
    the rounded end of the previous one, so rounding never adds up."""
    here = (_snap(pts[0][0], grid), _snap(pts[0][1], grid))
    out = ["M" + _compact(list(here), grid)]
    if len(pts) < 3:
        for x, y in pts[1:]:
            end = (_snap(x, grid), _snap(y, grid))
            out.append("l" + _compact([end[0] - here[0], end[1] - here[1]], grid))
            here = end
        return "".join(out)
    count = len(pts)
    segments = count if closed else count - 1
    for i in range(segments):
        p0 = pts[(i - 1) % count] if (closed or i > 0) else pts[i]
        p1, p2 = pts[i], pts[(i + 1) % count]
        p3 = pts[(i + 2) % count] if (closed or i + 2 < count) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        end = (_snap(p2[0], grid), _snap(p2[1], grid))
        steps = [_snap(c1[0], grid) - here[0], _snap(c1[1], grid) - here[1], _snap(c2[0], grid) - here[0], _snap(c2[1], grid) - here[1]]
        out.append("c" + _compact([*steps, end[0] - here[0], end[1] - here[1]], grid))
        here = end
    return "".join(out) + ("z" if closed else "")


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
# A body map (bodymap.py) is two whole-body views side by side on a phone.
WIDTH_REM = {"oa-detail": 17.0, "oa-locator": 6.5, "oa-overview": 12.0, "oa-map": 8.4, "oa-preview": 60.0}
HEIGHT_REM = {"oa-detail": 19.0, "oa-locator": 14.0, "oa-overview": 26.0, "oa-map": 18.0, "oa-preview": 80.0}
# What a figure's size on a phone is worked out from: Material's root font size (125 % of 16 px)
# and the width of the content column on a 390-pixel-wide screen.
REM_PX = 20.0
PHONE_COLUMN_PX = 350.0
# Marker radius as a share of the view's longer side, before it is fitted to its neighbours.
MARKER_SIZE = {"oa-detail": 1 / 55, "oa-locator": 1 / 45, "oa-overview": 1 / 110, "oa-map": 1 / 110, "oa-preview": 1 / 90}
MARKER_STROKE = 1.5  # the white rim of a marker (extra.css), in the view's units
MIN_MARKER_PX = 2.5  # the smallest marker radius still seen at a glance, in screen pixels
MARKER_GAP_PX = 1.5  # the least clear space between two markers, in screen pixels
NEIGHBOUR_SHARE = 0.35  # a marker's radius at most this share of the distance to its nearest neighbour
LABEL_PX = 11.0  # the size of every word and number on a figure, in screen pixels
LANDMARK_SHARE = 0.45  # a landmark's ring, as a share of the marker radius


def width_rem(view: View, css_class: str) -> float:
    """Tall views (a lower leg) are limited by height, wide ones by width: both fit a phone screen."""
    return min(WIDTH_REM[css_class], HEIGHT_REM[css_class] * view.width / view.height)


def px_per_unit(view: View, css_class: str) -> float:
    """How many screen pixels one unit of the view is, on a phone."""
    return min(width_rem(view, css_class) * REM_PX, PHONE_COLUMN_PX) / view.width


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    label: str | None = None  # a number or code drawn beside the marker
    mirror: bool = False  # the same point on the other side of the body
    href: str | None = None  # a link to the point's page
    name: str | None = None  # the link's accessible name: code and pinyin
    number: int | None = None  # numbers of neighbouring markers join into one label (3–5)


def has_other_side(view: View, placement: Placement) -> bool:
    """Does the view show the point's other side too (a view of both sides, a point off the midline)?"""
    return view.mirror_x is not None and not placement.one_side and abs(placement.x - view.mirror_x) > 0.5


def markers_for(view: View, placement: Placement, css_class: str, label: str | None = None, both_sides: bool = True) -> list[Marker]:
    """The point, and its mirror image on the other side of the body where the view shows both
    sides and the two can be told apart at this size (else one side only)."""
    marks = [Marker(placement.x, placement.y, label)]
    if both_sides and has_other_side(view, placement):
        scale = px_per_unit(view, css_class)
        apart = 2 * abs(placement.x - view.mirror_x)
        if apart * scale >= 2 * MIN_MARKER_PX + MARKER_GAP_PX:
            marks.append(Marker(2 * view.mirror_x - placement.x, placement.y, label, mirror=True))
    return marks


def marker_radii(view: View, css_class: str, markers: Sequence[Marker]) -> list[float]:
    """Each marker's radius: the view's marker size, made smaller where the marker's nearest
    neighbour (its other side, a point close by) is near, so that the two never touch, and
    never below what a phone still shows. Two markers closer than two of the smallest apart
    do touch: markers_for shows one side only, and labels join their numbers."""
    scale = px_per_unit(view, css_class)
    base = max(view.width, view.height) * MARKER_SIZE[css_class]
    smallest, gap = MIN_MARKER_PX / scale, MARKER_GAP_PX / scale
    radii = []
    for m in markers:
        nearest = min((math.hypot(m.x - o.x, m.y - o.y) for o in markers if (o.x, o.y) != (m.x, m.y)), default=None)
        radius = base if nearest is None else min(base, NEIGHBOUR_SHARE * nearest, (nearest - gap) / 2)
        radii.append(max(radius, smallest))
    return radii


@dataclass(frozen=True)
class Ring:
    """A landmark as drawn: a ring around its spot (around the marker too, when the point is on it)."""

    x: float
    y: float
    r: float
    label: str


def landmark_ring(view: View, css_class: str, landmark_id: str, markers: Sequence[Marker], radii: list[float]) -> tuple[Ring, list[float]]:
    """The landmark's ring, and the markers' radii, such that no marker hides the landmark: a
    marker close to it is made smaller, or, where the point is on the landmark, the ring goes
    around the marker."""
    found = next(m for m in view.landmarks if m.id == landmark_id)
    scale = px_per_unit(view, css_class)
    gap = MARKER_GAP_PX / scale
    ring = max(max(radii, default=0) * LANDMARK_SHARE, 2 / scale)
    label = found.label[:1].upper() + found.label[1:]
    radii = list(radii)
    enclose = 0.0
    for i, m in enumerate(markers):
        distance = math.hypot(m.x - found.x, m.y - found.y)
        if distance >= radii[i] + ring + gap:
            continue
        if distance - ring - gap >= MIN_MARKER_PX / scale:
            radii[i] = distance - ring - gap
        else:
            enclose = max(enclose, distance + radii[i] + gap)
    return Ring(found.x, found.y, max(ring, enclose), label), radii


class Drawings:
    """The view drawings one page carries: each view's outlines once, in the first figure that
    shows it, and every figure of that view refers to them (<use>) within the same page. A page
    saved to disk or read offline has everything it draws."""

    def __init__(self):
        self._carried: set[str] = set()

    def use(self, view: View, css_class: str) -> str:
        # xlink:href, not href: Material's instant navigation re-assigns every element's `href`
        # after loading a page, which throws on SVG (read-only there) and stops the navigation.
        reference = f'<use xlink:href="#{drawing_id(view.id)}"/>'
        if view.id in self._carried:
            return reference
        self._carried.add(view.id)
        return f"<defs>{drawing_group(view, drawing_id(view.id), grid_for(view, css_class))}</defs>{reference}"


def grid_for(view: View, css_class: str) -> int:
    """Tenths of a unit where a unit is about a pixel or more; whole units for a drawing shown
    small (a locator, an overview, the body map), where a tenth is nothing a screen can show:
    a whole-body locator's outlines are 5.9 KB instead of 9.8."""
    return 1 if px_per_unit(view, css_class) < 0.9 else 10


def drawing_id(view_id: str) -> str:
    return f"oa-view-{view_id}"


# The drawing is styled by properties on its groups, so that it looks the same wherever it is
# used (a <use> on a page, a file of its own); colours come from CSS variables, with the light
# ones as fallback.
_BODY_STYLE = "fill:var(--oa-skin,#f6e7dc);stroke:var(--oa-skin-line,#9b7b68);stroke-width:1.2;stroke-linejoin:round"
_LINE_STYLE = "fill:none;stroke-width:.8;stroke-linecap:round;opacity:.8"
_DRAWINGS: dict[tuple[int, int], tuple[View, str]] = {}


def _outlines(view: View, grid: int) -> str:
    """The outlines and creases of a view, computed once per view and grid per run."""
    cached = _DRAWINGS.get((id(view), grid))
    if cached is None or cached[0] is not view:
        cached = _DRAWINGS[(id(view), grid)] = (view, shapes(view.outlines, view.lines, grid))
    return cached[1]


def shapes(outlines: Sequence[Shape], lines: Sequence[Line], grid: int = 10) -> str:
    """Closed shapes as smooth curves, then open lines (creases) in their own group."""
    body = "".join(f'<path d="{smooth_path(s.points, True, grid)}"/>' for s in outlines)
    creases = "".join(f'<path d="{smooth_path(line.points, False, grid)}"/>' for line in lines)
    return f'{body}<g style="{_LINE_STYLE}">{creases}</g>'


def drawing_group(view: View, group_id: str | None = None, grid: int = 10) -> str:
    ident = f' id="{html.escape(group_id)}"' if group_id else ""
    return f'<g{ident} class="oa-drawing" style="{_BODY_STYLE}">{_outlines(view, grid)}</g>'


def shapes_group(outlines: Sequence[Shape], lines: Sequence[Line], transform: str = "") -> str:
    """Shapes of their own (a diagram's fingers) in the style of a view's drawing."""
    moved = f' transform="{transform}"' if transform else ""
    return f'<g class="oa-drawing"{moved} style="{_BODY_STYLE}">{shapes(outlines, lines)}</g>'


@dataclass
class FigureSpec:
    """One SVG figure: a view, its markers and what it says."""

    view: View
    css_class: str
    markers: list[Marker]
    title: str
    description: str
    figure_id: str
    landmark: str | None = None  # a landmark of the view to draw and name
    paths: list[list[Marker]] = field(default_factory=list)  # lines joining markers in order
    start: Marker | None = None  # where a channel starts: a ring around its marker
    end: Marker | None = None  # where it ends: a square around its marker


@dataclass
class Layout:
    """Everything figure_layout decided, in the view's units."""

    radii: list[float]
    ring: Ring | None
    obstacles: list[labels.Circle]
    texts: list[tuple[str, str, labels.Placed, float]]  # (css class, text, placement, font size)


def _start_end_size(radius: float) -> float:
    return radius * 1.9


def figure_layout(spec: FigureSpec) -> Layout:
    view, css_class = spec.view, spec.css_class
    scale = px_per_unit(view, css_class)
    radii = marker_radii(view, css_class, spec.markers)
    ring = None
    if spec.landmark:
        ring, radii = landmark_ring(view, css_class, spec.landmark, spec.markers, radii)
    obstacles = [labels.Circle(m.x, m.y, r + MARKER_STROKE / 2) for m, r in zip(spec.markers, radii, strict=True)]
    for extra in (spec.start, spec.end):
        if extra is not None:
            # The square's corners are √2 times as far out as its sides.
            obstacles.append(labels.Circle(extra.x, extra.y, _start_end_size(_radius_of(spec, radii, extra)) * 1.42 + 1))
    size = LABEL_PX / scale
    bounds = labels.Box(0, 0, view.width, view.height)
    texts: list[tuple[str, str, labels.Placed, float]] = []
    taken: list[labels.Placed] = []
    if ring is not None:
        obstacles.append(labels.Circle(ring.x, ring.y, ring.r + 0.6))
        nearest = min(spec.markers, key=lambda m: math.hypot(m.x - ring.x, m.y - ring.y), default=None)
        away = (nearest.x, nearest.y) if nearest is not None else None
        label = labels.Label(ring.label, size, obstacles[-1], away_from=away, own=frozenset({len(obstacles) - 1}))
        placed = labels.place([label], obstacles, bounds)[0]
        if placed is not None:
            texts.append(("oa-landmark-label", ring.label, placed, size))
            taken.append(placed)
    named = [(i, m) for i, m in enumerate(spec.markers) if m.label and not m.mirror]
    marker_labels = [labels.Label(m.label, size, obstacles[i], bold=True, own=frozenset({i})) for i, m in named]
    numbered = all(m.number is not None for _, m in named)

    def join(members: list[int]) -> labels.Label:
        marks = [named[k][1] for k in members]
        text = labels.number_ranges([m.number for m in marks]) if numbered else ", ".join(m.label for m in marks)
        anchor = labels.enclosing([marker_labels[k].anchor for k in members])
        return labels.Label(text, size, anchor, bold=True, own=frozenset().union(*(marker_labels[k].own for k in members)))

    if marker_labels:
        for _members, label, placed in labels.place_grouped(marker_labels, obstacles, bounds, join, taken):
            if placed is not None:
                texts.append(("oa-marker-label", label.text, placed, size))
    return Layout(radii, ring, obstacles, texts)


def _radius_of(spec: FigureSpec, radii: list[float], mark: Marker) -> float:
    return next(r for m, r in zip(spec.markers, radii, strict=True) if m is mark)


def render_svg(spec: FigureSpec, drawings: Drawings | None = None) -> Markup:
    """One inline SVG figure. All text is HTML-escaped; numbers are formatted here."""
    e = html.escape
    view, figure_id = spec.view, spec.figure_id
    layout = figure_layout(spec)
    linked = any(m.href for m in spec.markers)
    # A figure whose markers are links is a group of links, not one image: role="img" would hide them.
    role = "" if linked else ' role="img"'
    parts = [
        f'<svg class="oa-svg {e(spec.css_class)}" viewBox="0 0 {view.width} {view.height}"{role} '
        f'style="width:min(100%,{width_rem(view, spec.css_class):.1f}rem)" '
        f'aria-labelledby="{figure_id}-t {figure_id}-d" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="{figure_id}-t">{e(spec.title)}</title><desc id="{figure_id}-d">{e(spec.description)}</desc>',
        (drawings or Drawings()).use(view, spec.css_class),
    ]
    for run in spec.paths:
        if len(run) > 1:
            coordinates = " ".join(f"{svg_number(m.x)},{svg_number(m.y)}" for m in run)
            parts.append(f'<polyline class="oa-path" points="{coordinates}"/>')
    if layout.ring is not None:
        ring = layout.ring
        parts.append(f'<circle class="oa-landmark" cx="{svg_number(ring.x)}" cy="{svg_number(ring.y)}" r="{svg_number(ring.r)}"/>')
    if spec.start is not None:
        size = _start_end_size(_radius_of(spec, layout.radii, spec.start))
        parts.append(f'<circle class="oa-start" cx="{svg_number(spec.start.x)}" cy="{svg_number(spec.start.y)}" r="{svg_number(size)}"/>')
    if spec.end is not None:
        size = _start_end_size(_radius_of(spec, layout.radii, spec.end))
        parts.append(
            f'<rect class="oa-end" x="{svg_number(spec.end.x - size)}" y="{svg_number(spec.end.y - size)}" '
            f'width="{svg_number(2 * size)}" height="{svg_number(2 * size)}"/>'
        )
    for mark, radius in zip(spec.markers, layout.radii, strict=True):
        kind = "oa-marker oa-mirror" if mark.mirror else "oa-marker"
        circle = f'<circle class="{kind}" cx="{svg_number(mark.x)}" cy="{svg_number(mark.y)}" r="{svg_number(radius)}"/>'
        if mark.href:
            # A finger-sized target around a small marker (transparent; extra.css).
            hit = max(radius, 10 / px_per_unit(view, spec.css_class))
            target = f'<circle class="oa-hit" cx="{svg_number(mark.x)}" cy="{svg_number(mark.y)}" r="{svg_number(hit)}"/>'
            name = e(mark.name or mark.label or "")
            circle = f'<a xlink:href="{e(mark.href)}" role="link" aria-label="{name}"><title>{name}</title>{target}{circle}</a>'
        parts.append(circle)
    for css, text, placed, font in layout.texts:
        if placed.leader is not None:
            x1, y1, x2, y2 = placed.leader
            ends = f'x1="{svg_number(x1)}" y1="{svg_number(y1)}" x2="{svg_number(x2)}" y2="{svg_number(y2)}"'
            parts.append(f'<line class="oa-leader" {ends}/>')
        where = f'x="{svg_number(placed.x)}" y="{svg_number(placed.y)}" font-size="{svg_number(font)}"'
        parts.append(f'<text class="{css}" {where}>{e(text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class LegendEntry:
    number: int
    text: str  # code and pinyin
    href: str


def legend(entries: Sequence[LegendEntry]) -> str:
    """The numbers of a figure as a list: number, point and a link to its page."""
    items = "".join(f'<li value="{n.number}"><a href="{html.escape(n.href)}">{html.escape(n.text)}</a></li>' for n in entries)
    return f'<ol class="oa-legend">{items}</ol>' if items else ""


def figure_block(items: Sequence[Markup | tuple[Markup, str]], caption: str) -> Markup:
    """A Markdown raw-HTML block (one line, so Markdown never splits it) with a caption; each
    item is an SVG, or an SVG and the legend of its numbers."""
    body = []
    for item in items:
        svg, key = item if isinstance(item, tuple) else (item, "")
        body.append(f'<div class="oa-figure-item">{svg}{key}</div>')
    return Markup(f'<figure class="oa-figure" data-search-exclude>{"".join(body)}<figcaption>{html.escape(caption)}</figcaption></figure>')
