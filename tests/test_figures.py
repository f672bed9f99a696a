"""Figures: every point placed inside its view's outline, every SVG well-formed, small and accessible."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO
from generator.figures import inside, inside_view, smooth_path
from generator.pipeline import check
from generator.project import Project

DATA, ERRORS = check(Project(REPO))
SVG = "{http://www.w3.org/2000/svg}"
REQUIRED_VIEWS = {
    "body-front",
    "body-back",
    "body-side",
    "head-back",
    "head-side",
    "face",
    "hand-back",
    "hand-palm",
    "forearm",
    "leg-inner",
    "leg-outer",
}


def test_every_view_the_issue_asks_for_exists():
    assert set(DATA.figures) >= REQUIRED_VIEWS


def test_every_point_is_placed_inside_its_views():
    for code, record in DATA.points.items():
        point = record.model
        assert point.figure is not None, code
        placements = [point.figure] + ([point.locator] if point.locator else [])
        if point.figure.view not in ("body-front", "body-back", "body-side"):
            assert point.locator is not None, f"{code} needs a whole-body locator"
        for placement in placements:
            view = DATA.figures[placement.view].model
            assert 0 <= placement.x <= view.width and 0 <= placement.y <= view.height, code
            assert inside_view(view, placement.x, placement.y), f"{code} is outside the outline of {view.id}"


def test_inside_is_a_real_polygon_test():
    square = [[0, 0], [10, 0], [10, 10], [0, 10]]
    assert inside(square, 5, 5) and not inside(square, 15, 5) and not inside(square, 5, -1)
    notch = [[0, 0], [10, 0], [10, 10], [6, 10], [6, 4], [4, 4], [4, 10], [0, 10]]
    assert not inside(notch, 5, 8) and inside(notch, 2, 8)


def test_smooth_path_passes_through_every_corner():
    corners = [[10, 10], [90, 20], [80, 80], [20, 70]]
    path = smooth_path(corners, closed=True)
    assert path.startswith("M10 10") and path.endswith("Z")
    for x, y in corners[1:]:
        assert f" {x} {y}C" in path or path.endswith(f" {x} {y}Z") or f" {x} {y}Z" in path, (x, y)


def figures_in(html: str) -> list[str]:
    return re.findall(r"<svg class=\"oa-svg.*?</svg>", html, flags=re.S)


@pytest.mark.parametrize(
    "page",
    [
        "points/gb20",
        "points/li4",
        "points/si3",
        "points/ex-ue8",
        "points/sp6",
        "points/cv12",
        "channels/sp",
        "symptoms/stiff-neck",
        "routines/stiff-neck-distal",
    ],
)
def test_figures_are_well_formed_small_and_accessible(real_site, page):
    html = (real_site / "site" / page / "index.html").read_text(encoding="utf-8")
    svgs = figures_in(html)
    assert svgs, page
    for svg in svgs:
        root = ET.fromstring(svg)  # raises if not well-formed
        # The outlines come from a drawing file shared by every page with this view.
        uses = root.findall(f"{SVG}use")
        assert len(uses) == 1, page
        assert uses[0].get("href") is None  # see figures.render_svg: xlink:href only
        href, fragment = uses[0].get("{http://www.w3.org/1999/xlink}href").split("#")
        drawing_file = (real_site / "site" / page / href).resolve()
        assert drawing_file.is_file(), f"{page}: {href} does not exist"
        drawing = ET.fromstring(drawing_file.read_text(encoding="utf-8"))
        assert drawing.find(f".//*[@id='{fragment}']") is not None, f"{href} has no #{fragment}"
        assert drawing.get("viewBox") == root.get("viewBox"), f"{page}: {href} is drawn for another size"
        size = len(svg.encode("utf-8")) + drawing_file.stat().st_size
        assert size <= 20 * 1024, f"{page}: a figure of {size} bytes"
        assert root.get("role") == "img"
        title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and description is not None and description.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {description.get('id')}"
        assert root.findall(f".//{SVG}circle[@class='oa-marker']"), page
    assert "<script" not in "".join(svgs)


def test_point_figure_names_the_point_the_landmark_and_both_sides(real_site):
    html = (real_site / "site/points/gb20/index.html").read_text(encoding="utf-8")
    detail = ET.fromstring(figures_in(html)[0])
    description = detail.find(f"{SVG}desc").text
    assert "GB20" in description and "Both sides of the body are marked" in description
    landmark = DATA.figures["head-back"].model.landmarks
    label = next(m.label for m in landmark if m.id == "occipital-bone")
    assert label in description
    markers = detail.findall(f".//{SVG}circle")
    assert len([m for m in markers if "oa-marker" in m.get("class")]) == 2  # left and right


def test_every_point_page_has_its_figure(real_site):
    for code in DATA.points:
        html = (real_site / "site/points" / code.lower() / "index.html").read_text(encoding="utf-8")
        assert f"A dot marks {code}" in html, code


def test_every_drawing_file_is_well_formed_and_needs_no_page_css(real_site):
    files = sorted((real_site / "site/figures").glob("*.svg"))
    assert {f.stem for f in files} == set(DATA.figures)
    for file in files:
        root = ET.fromstring(file.read_text(encoding="utf-8"))
        group = root.find(f"{SVG}g[@id='drawing']")
        assert group is not None, file.name
        # A page's stylesheet does not reach into a <use>d file: the drawing carries its own style,
        # taking only colours from the page's CSS variables.
        assert "var(--oa-skin" in group.get("style"), file.name
        assert root.find(f".//{SVG}script") is None
