"""Diagrams for hand-written pages (data/diagrams/<id>.yml → docs/figures/<id>.svg).

A hand-written page shows a diagram as an image (the cun page: the finger widths and the
proportional measures), so each is a file of its own: its drawing inline, its colours in its
own style sheet (an image does not see the page's CSS; it follows the reader's light or dark
preference), and every word placed by labels.py, as on the generated pages.
"""

from __future__ import annotations

import html
import math

from . import labels
from .dataset import Dataset
from .figures import LABEL_PX, drawing_group, shapes_group, svg_number
from .model import Diagram, Panel

SHOWN_PX = 360  # the width a diagram is shown at: a phone's column, or less on a wider screen
TICK = 3.0  # half the length of the tick at each end of a bar, in the diagram's units
_STYLE = (
    "<style>"
    "svg{--oa-skin:#f6e7dc;--oa-skin-line:#9b7b68;--oa-ink:#1f1f1f;--oa-bar:#00695c;"
    "font-family:-apple-system,BlinkMacSystemFont,Helvetica,Arial,sans-serif}"
    "@media (prefers-color-scheme:dark){svg{--oa-skin:#3b3230;--oa-skin-line:#c2a493;--oa-ink:#ececec;--oa-bar:#4db6ac}}"
    ".bar{fill:none;stroke:var(--oa-bar);stroke-width:2;stroke-linecap:round;stroke-linejoin:round}"
    ".label,.caption{fill:var(--oa-ink)}.label,.caption-first{font-weight:700}"
    "</style>"
)


def diagram_path(diagram_id: str) -> str:
    return f"figures/{diagram_id}.svg"


def _size(data: Dataset, panel: Panel) -> tuple[float, float]:
    if panel.view is not None:
        view = data.figures[panel.view].model
        return view.width, view.height
    return panel.width, panel.height


def _points(panel: Panel, points: list[list[float]]) -> list[tuple[float, float]]:
    """A panel's coordinates in the diagram's."""
    return [(panel.x + x * panel.scale, panel.y + y * panel.scale) for x, y in points]


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point halfway along a line through `points`."""
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:], strict=False)]
    half = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        half -= length
    return points[-1]


def _along(points: list[tuple[float, float]], step: float = 3.0) -> list[labels.Circle]:
    """Small circles along a bar, for labels to keep clear of it (wider at the ticks)."""
    found = [labels.Circle(x, y, TICK + 1) for x, y in (points[0], points[-1])]
    for a, b in zip(points, points[1:], strict=False):
        count = max(1, int(math.dist(a, b) / step))
        found += [labels.Circle(a[0] + (b[0] - a[0]) * i / count, a[1] + (b[1] - a[1]) * i / count, 2.5) for i in range(1, count)]
    return found


def _bar(points: list[tuple[float, float]]) -> str:
    """The bar along the points, with a tick across each end."""
    path = "M" + " L".join(f"{svg_number(x)} {svg_number(y)}" for x, y in points)
    for end, before in ((points[0], points[1]), (points[-1], points[-2])):
        dx, dy = end[0] - before[0], end[1] - before[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length * TICK, dx / length * TICK
        path += f"M{svg_number(end[0] + nx)} {svg_number(end[1] + ny)} L{svg_number(end[0] - nx)} {svg_number(end[1] - ny)}"
    return f'<path class="bar" d="{path}"/>'


def render_diagram(data: Dataset, diagram: Diagram) -> str:
    e = html.escape
    size = LABEL_PX * diagram.width / SHOWN_PX  # the site's label size, once the diagram is shown
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {diagram.width} {diagram.height}" '
        f'width="{SHOWN_PX}" height="{round(SHOWN_PX * diagram.height / diagram.width)}" role="img" aria-labelledby="t d">',
        f'<title id="t">{e(diagram.title)}</title><desc id="d">{e(diagram.description)}</desc>',
        _STYLE,
    ]
    bars, texts = [], []
    anchors: list[labels.Label] = []
    ends: list[labels.Circle] = []  # the bars, which labels keep clear of
    for panel in diagram.panels:
        move = f"translate({svg_number(panel.x)} {svg_number(panel.y)})" + (f" scale({panel.scale})" if panel.scale != 1 else "")
        if panel.view is not None:
            parts.append(f'<g transform="{move}">{drawing_group(data.figures[panel.view].model)}</g>')
        if panel.outlines or panel.lines:
            parts.append(shapes_group(panel.outlines, panel.lines, move))
        for span in panel.spans:
            points = _points(panel, span.points)
            bars.append(_bar(points))
            first = len(ends)
            ends += _along(points)
            if span.label:
                x, y = _middle(points)
                # A leader may start across the label's own bar, never across another.
                own = frozenset(range(first, len(ends)))
                anchors.append(labels.Label(span.label, size, labels.Circle(x, y, 2.5), bold=True, own=own))
        width, height = _size(data, panel)
        centre, bottom = panel.x + width * panel.scale / 2, panel.y + height * panel.scale
        for i, line in enumerate(panel.caption):
            kind = "caption caption-first" if i == 0 else "caption"
            texts.append(
                f'<text class="{kind}" x="{svg_number(centre)}" y="{svg_number(bottom + (i + 1) * size * 1.3)}" '
                f'font-size="{svg_number(size)}" text-anchor="middle">{e(line)}</text>'
            )
    placed = labels.place(anchors, ends, labels.Box(0, 0, diagram.width, diagram.height))
    for label, where in zip(anchors, placed, strict=True):
        if where is None:
            raise ValueError(f"{diagram.id}: no room for the label {label.text!r}")
        if where.leader is not None:
            x1, y1, x2, y2 = where.leader
            d = f"M{svg_number(x1)} {svg_number(y1)} L{svg_number(x2)} {svg_number(y2)}"
            texts.append(f'<path class="bar" style="stroke-width:.8" d="{d}"/>')
        texts.append(
            f'<text class="label" x="{svg_number(where.x)}" y="{svg_number(where.y)}" font-size="{svg_number(size)}">{e(label.text)}</text>'
        )
    parts += bars + texts + ["</svg>\n"]
    return "".join(parts)


def diagram_files(data: Dataset) -> dict[str, bytes]:
    return {diagram_path(r.model.id): render_diagram(data, r.model).encode("utf-8") for r in data.diagrams.values()}
