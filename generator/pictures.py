"""The figures a page shows, built from the points' placements on the views (figures.py draws them)."""

from __future__ import annotations

from markupsafe import Markup

from .figures import Marker, figure_block, markers_for, render_svg
from .links import PageLinks, drawing_path
from .model import Placement, Point

WHOLE_BODY = ("body-front", "body-back", "body-side")


def _drawing(links: PageLinks, view_id: str) -> str:
    return links.site(drawing_path(view_id))


def point_figure(links: PageLinks, point: Point) -> Markup | None:
    """The point on its detail view, and on a small whole-body locator when the detail is not one."""
    if point.figure is None:
        return None
    data = links.data
    view = data.figures[point.figure.view].model
    landmark = next((m for m in view.landmarks if m.id == point.figure.landmark), None)
    marks = markers_for(view, point.figure)
    sides = " Both sides of the body are marked." if len(marks) > 1 else ""
    near = f", {landmark.phrase}" if landmark and landmark.phrase else (f", near the {landmark.label.lower()}" if landmark else "")
    svgs = [
        render_svg(
            view,
            marks,
            f"{point.code} {point.names.pinyin} on the {view.title.lower()}",
            f"A dot marks {point.code}{near}.{sides}",
            "oa-detail",
            f"fig-{point.code.lower()}",
            landmark=point.figure.landmark,
            drawing=_drawing(links, view.id),
        )
    ]
    if point.locator is not None and point.locator.view != point.figure.view:
        body = data.figures[point.locator.view].model
        svgs.append(
            render_svg(
                body,
                markers_for(body, point.locator),
                f"Where {point.code} is on the whole body",
                f"{body.title}, with {point.code} marked.",
                "oa-locator",
                f"loc-{point.code.lower()}",
                drawing=_drawing(links, body.id),
            )
        )
    return figure_block(svgs, f"{point.code} {point.names.pinyin}{near}.")


def overview_figure(links: PageLinks, points: list[Point], caption: str, figure_id: str, numbered: bool, path: bool) -> Markup | None:
    """Several points on the whole-body views: numbered in list order, optionally joined in order."""
    by_view: dict[str, list[tuple[Placement, str]]] = {}
    for index, point in enumerate(points, start=1):
        placement = point.locator or (point.figure if point.figure and point.figure.view in WHOLE_BODY else None)
        if placement is None:
            continue
        label = str(index) if numbered else str(point.number or point.code)
        by_view.setdefault(placement.view, []).append((placement, label))
    if not by_view:
        return None
    svgs = []
    for view_id in WHOLE_BODY:
        if view_id not in by_view:
            continue
        view = links.data.figures[view_id].model
        marks = [Marker(p.x, p.y, label) for p, label in by_view[view_id]]
        svgs.append(
            render_svg(
                view,
                marks,
                f"{caption}: {view.title.lower()}",
                f"{len(marks)} point{'' if len(marks) == 1 else 's'} marked on the {view.title.lower()}.",
                "oa-overview",
                f"{figure_id}-{view_id}",
                path=marks if path else None,
                drawing=_drawing(links, view_id),
            )
        )
    return figure_block(svgs, caption)


def step_figure(links: PageLinks, codes: list[str], number: int) -> Markup | None:
    """A routine step's points on the detail view of its first point."""
    points = [links.data.points[c].model for c in codes]
    if not points[0].figure:
        return None
    view = links.data.figures[points[0].figure.view].model
    marks = [m for p in points if p.figure and p.figure.view == view.id for m in markers_for(view, p.figure, p.code, both_sides=False)]
    names = ", ".join(p.code for p in points)
    svg = render_svg(
        view,
        marks,
        f"Step {number}: {names}",
        f"{names} on the {view.title.lower()}.",
        "oa-detail",
        f"step-{number}",
        drawing=_drawing(links, view.id),
    )
    return figure_block([svg], f"Step {number}: {names}.")
