"""The figures a page shows, built from the points' placements on the views (figures.py draws them).

Every function takes the page's Drawings, so that a page carries each view's outlines once
however many of its figures show that view.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from .figures import Drawings, FigureSpec, LegendEntry, Marker, figure_block, has_other_side, legend, markers_for, render_svg
from .links import PageLinks, page_url, point_page
from .model import Placement, Point, View

WHOLE_BODY = ("body-front", "body-back", "body-side")


def whole_body(point: Point) -> Placement | None:
    """Where the point is on a whole-body view: its locator, or its figure if that is one."""
    if point.locator is not None:
        return point.locator
    return point.figure if point.figure is not None and point.figure.view in WHOLE_BODY else None


def _href(links: PageLinks, code: str) -> str:
    return links.site(page_url(point_page(code)))


def _name(point: Point) -> str:
    return f"{point.code} {point.names.pinyin}"


def _view(links: PageLinks, view_id: str) -> View:
    return links.data.figures[view_id].model


def point_figure(links: PageLinks, point: Point, drawings: Drawings) -> Markup | None:
    """The point on its detail view, and on a small whole-body locator when the detail is not one."""
    if point.figure is None:
        return None
    view = _view(links, point.figure.view)
    landmark = next((m for m in view.landmarks if m.id == point.figure.landmark), None)
    marks = markers_for(view, point.figure, "oa-detail")
    sides = " Both sides of the body are marked." if len(marks) > 1 else ""
    near = f", {landmark.phrase}" if landmark else ""  # "LI4 Hégǔ, beside the 2nd metacarpal bone."
    spec = FigureSpec(
        view,
        "oa-detail",
        marks,
        f"{point.code} {point.names.pinyin} on the {view.title.lower()}",
        f"A dot marks {point.code}{near}.{sides}",
        f"fig-{point.code.lower()}",
        landmark=point.figure.landmark,
    )
    svgs = [render_svg(spec, drawings)]
    if point.locator is not None and point.locator.view != point.figure.view:
        body = _view(links, point.locator.view)
        located = markers_for(body, point.locator, "oa-locator")
        one_side = has_other_side(body, point.locator) and len(located) == 1
        where = f"{body.title}, with {point.code} marked" + (" on one side; the close-up shows both sides." if one_side else ".")
        svgs.append(
            render_svg(
                FigureSpec(body, "oa-locator", located, f"Where {point.code} is on the whole body", where, f"loc-{point.code.lower()}"),
                drawings,
            )
        )
    return figure_block(svgs, f"{point.code} {point.names.pinyin}{near}.")


def step_figure(links: PageLinks, codes: list[str], number: int, drawings: Drawings) -> Markup | None:
    """A routine step's points on the detail view of its first point, each named by its code."""
    points = [links.data.points[c].model for c in codes]
    if not points[0].figure:
        return None
    view = _view(links, points[0].figure.view)
    marks = [
        m
        for p in points
        if p.figure and p.figure.view == view.id
        for m in markers_for(view, p.figure, "oa-detail", p.code, both_sides=False)
    ]
    names = ", ".join(p.code for p in points)
    spec = FigureSpec(view, "oa-detail", marks, f"Step {number}: {names}", f"{names} on the {view.title.lower()}.", f"step-{number}")
    return figure_block([render_svg(spec, drawings)], f"Step {number}: {names}.")


def _by_view(points: list[Point]) -> dict[str, list[tuple[int, Point, Placement]]]:
    """The points with a whole-body placement, by view, each with its 1-based place in `points`."""
    found: dict[str, list[tuple[int, Point, Placement]]] = {}
    for index, point in enumerate(points, start=1):
        placement = whole_body(point)
        if placement is not None:
            found.setdefault(placement.view, []).append((index, point, placement))
    return found


def symptom_figure(links: PageLinks, name: str, points: list[Point], figure_id: str, drawings: Drawings) -> Markup | None:
    """The points to start with, numbered as in the page's list, one figure per whole-body view,
    each with the key to its numbers."""
    by_view = _by_view(points)
    items = []
    for view_id in WHOLE_BODY:
        if view_id not in by_view:
            continue
        view = _view(links, view_id)
        entries = by_view[view_id]
        marks = [Marker(p.x, p.y, str(i), number=i) for i, _, p in entries]
        listed = "; ".join(f"{i}, {point.code}" for i, point, _ in entries)
        spec = FigureSpec(
            view,
            "oa-overview",
            marks,
            f"Points for {name}: {view.title.lower()}",
            f"The {view.title.lower()}, with {_count(len(entries))} numbered as in the list: {listed}.",
            f"{figure_id}-{view_id}",
        )
        key = legend([LegendEntry(i, _name(point), _href(links, point.code)) for i, point, _ in entries])
        items.append((render_svg(spec, drawings), key))
    if not items:
        return None
    return figure_block(items, f"Points for {name}, numbered as in the list below.")


def _count(n: int) -> str:
    return f"{n} point{'' if n == 1 else 's'}"


def _one_side(view: View, placements: list[Placement]) -> list[tuple[float, float]]:
    """Placements on the side of the body most of them are on: a channel is drawn on one side,
    so that its line never crosses from one side to the other."""
    if view.mirror_x is None:
        return [(p.x, p.y) for p in placements]
    mirror = view.mirror_x

    def side(p: Placement) -> int:
        return 0 if p.one_side or abs(p.x - mirror) <= 0.5 else (1 if p.x > mirror else -1)

    counts = Counter(side(p) for p in placements if side(p))
    first = next((side(p) for p in placements if side(p)), 1)
    chosen = 1 if counts[1] > counts[-1] else (-1 if counts[-1] > counts[1] else first)
    return [(2 * mirror - p.x, p.y) if side(p) == -chosen else (p.x, p.y) for p in placements]


def channel_figure(links: PageLinks, channel_name: str, code: str, points: list[Point], drawings: Drawings) -> Markup | None:
    """The channel's points on the whole-body views, numbered, joined in channel order where
    consecutive points are on the same view, with where it starts and ends marked."""
    placed = [(p, whole_body(p)) for p in points]
    placed = [(p, w) for p, w in placed if w is not None]
    if not placed:
        return None
    joined = code != "EX"  # extra points are not a channel: no line, no start or end
    first, last = placed[0][0], placed[-1][0]
    items = []
    for view_id in WHOLE_BODY:
        mine = [(p, w) for p, w in placed if w.view == view_id]
        if not mine:
            continue
        view = _view(links, view_id)
        spots = _one_side(view, [w for _, w in mine])
        marks = [Marker(x, y, str(p.number or p.code), number=p.number or None) for (p, _), (x, y) in zip(mine, spots, strict=True)]
        by_code = {p.code: m for (p, _), m in zip(mine, marks, strict=True)}
        runs: list[list[Marker]] = []
        if joined:
            previous = None
            for point, _ in placed:
                mark = by_code.get(point.code)
                if mark is None:
                    previous = None
                    continue
                if previous is None:
                    runs.append([])
                runs[-1].append(mark)
                previous = mark
        notes = []
        if joined and first.code in by_code:
            notes.append(f" It starts here at {first.code}, circled.")
        if joined and last.code in by_code:
            notes.append(f" It ends here at {last.code}, in a square.")
        codes = f"{mine[0][0].code}" if len(mine) == 1 else f"{mine[0][0].code} to {mine[-1][0].code}"
        spec = FigureSpec(
            view,
            "oa-overview",
            marks,
            f"The {channel_name} channel: {view.title.lower()}" if joined else f"{channel_name}: {view.title.lower()}",
            f"The {view.title.lower()}, with {_count(len(mine))} of the channel ({codes}) numbered"
            + (", joined in channel order." if joined else ".")
            + "".join(notes),
            f"ch-{code.lower()}-{view_id}",
            paths=runs,
            start=by_code.get(first.code) if joined else None,
            end=by_code.get(last.code) if joined and last is not first else None,
        )
        items.append(render_svg(spec, drawings))
    if joined:
        caption = (
            f"The {channel_name} channel starts at {_name(first)} (circled) and ends at {_name(last)} (in a square); "
            "each number is the point's place along the channel."
        )
    else:
        caption = "The extra points on the whole body; each number is the point's number in its group."
    return figure_block(items, caption)


def region_figures(links: PageLinks, region_name: str, points: list[Point], drawings: Drawings) -> Markup | None:
    """Every point of a region on its detail view, numbered in the order of the page's tables,
    each marker a link to the point's page, with the key to the numbers below each view."""
    by_view: dict[str, list[tuple[int, Point]]] = {}
    for index, point in enumerate(points, start=1):
        if point.figure is not None:
            by_view.setdefault(point.figure.view, []).append((index, point))
    if not by_view:
        return None
    items = []
    for view_id in sorted(by_view, key=lambda v: (-len(by_view[v]), v)):
        view = _view(links, view_id)
        entries = by_view[view_id]
        marks = [Marker(p.figure.x, p.figure.y, str(i), href=_href(links, p.code), name=_name(p), number=i) for i, p in entries]
        spec = FigureSpec(
            view,
            "oa-detail",
            marks,
            f"Points of the {region_name.lower()} on the {view.title.lower()}",
            f"The {view.title.lower()}, with {_count(len(entries))} numbered; each point links to its page.",
            f"rg-{view_id}",
        )
        key = legend([LegendEntry(i, _name(p), _href(links, p.code)) for i, p in entries])
        items.append((render_svg(spec, drawings), key))
    return figure_block(
        items, f"The points of the {region_name.lower()}, one side of the body shown, numbered as in the key below each drawing."
    )
