"""Figures: every point placed inside its view's outline, every SVG well-formed, small and accessible."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO
from generator.figures import (
    MARKER_GAP_PX,
    MIN_MARKER_PX,
    FigureSpec,
    Marker,
    figure_layout,
    has_other_side,
    inside,
    inside_view,
    markers_for,
    px_per_unit,
    smooth_path,
)
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


def path_ends(path: str) -> list[tuple[float, float]]:
    """Where each command of path data ends (M, and relative c and l), in absolute coordinates."""
    ends = []
    x = y = 0.0
    for command, numbers in re.findall(r"([MclZz])([^MclZz]*)", path):
        values = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", numbers)]
        if command == "M":
            x, y = values
        elif command in "cl":
            x, y = x + values[-2], y + values[-1]
        else:
            continue
        ends.append((round(x, 1), round(y, 1)))
    return ends


def test_smooth_path_passes_through_every_corner():
    corners = [[10, 10], [90, 20], [80, 80], [20, 70.25]]
    path = smooth_path(corners, closed=True)
    assert path.startswith("M10 10") and path.endswith("z")
    assert path_ends(path) == [(10, 10), (90, 20), (80, 80), (20, 70.3), (10, 10)]
    # Relative steps from rounded ends: a long outline ends exactly where it started.
    wavy = [[100 + 80 * math.cos(i / 7) + 0.37 * i, 100 + 60 * math.sin(i / 7) + 0.21 * i] for i in range(44)]
    assert path_ends(smooth_path(wavy, closed=True))[-1] == (round(wavy[0][0], 1), round(wavy[0][1], 1))
    assert path_ends(smooth_path([[1.25, 2], [3, 4.05]], closed=False)) == [(1.3, 2), (3, 4.1)]


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
        "regions/head-face",
    ],
)
def test_figures_are_well_formed_small_and_accessible(real_site, page):
    html = (real_site / "site" / page / "index.html").read_text(encoding="utf-8")
    svgs = figures_in(html)
    assert svgs, page
    defined = set()
    for svg in svgs:
        root = ET.fromstring(svg)  # raises if not well-formed
        # The outlines: drawn once per page, in the first figure of their view, and used by every figure of it.
        uses = root.findall(f"{SVG}use")
        assert len(uses) == 1, page
        assert uses[0].get("href") is None  # see figures.Drawings.use: xlink:href only
        target = uses[0].get("{http://www.w3.org/1999/xlink}href")
        assert target.startswith("#oa-view-"), f"{page}: {target} is not in the page"
        drawing = root.find(f"{SVG}defs/{SVG}g[@id='{target[1:]}']")
        if drawing is not None:
            assert target not in defined, f"{page}: the drawing {target} is carried twice"
            assert "var(--oa-skin" in drawing.get("style"), page
            defined.add(target)
        assert target in defined, f"{page}: {target} is used before the page carries it"
        size = len(svg.encode("utf-8"))
        assert size <= 20 * 1024, f"{page}: a figure of {size} bytes"
        linked = root.findall(f".//{SVG}a")
        assert root.get("role") == (None if linked else "img"), page  # role=img would hide the links
        title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and description is not None and description.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {description.get('id')}"
        assert root.findall(f".//{SVG}circle[@class='oa-marker']"), page
    assert "<script" not in "".join(svgs)


def test_every_page_carries_each_drawing_once_and_its_ids_are_unique(real_site):
    """The pages with figures: every <use> refers to a drawing in the same page, each drawing is
    there once, and no id is given twice (a symptom page has several figures of one view)."""
    site = real_site / "site"
    checked = 0
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if 'class="oa-svg' not in html:
            continue
        checked += 1
        ids = re.findall(r'\sid="([^"]+)"', html)
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, f"{path.parent.name}: ids given twice: {repeated[:5]}"
        for target in set(re.findall(r'xlink:href="#(oa-view-[^"]+)"', html)):
            assert html.count(f'id="{target}"') == 1, f"{path.parent.name}: #{target}"
        assert not re.search(r'xlink:href="[^"#]*figures/[^"]*\.svg', html), f"{path.parent.name} fetches a drawing"
    assert checked > len(DATA.points)


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


def test_no_view_drawing_is_a_file_of_its_own(real_site):
    """Pages carry their drawings; docs/figures/ holds only the drawings of hand-written pages."""
    files = {f.stem for f in (real_site / "site/figures").glob("*.svg")}
    assert not files & set(DATA.figures), files & set(DATA.figures)


def _apart(a: Marker, b: Marker) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


def assert_markers_apart(spec: FigureSpec) -> None:
    """At phone size: every marker big enough to see, two markers never touching unless they
    are closer than two of the smallest markers, and the landmark never hidden by a marker."""
    layout = figure_layout(spec)
    scale = px_per_unit(spec.view, spec.css_class)
    gap = MARKER_GAP_PX / scale
    where = f"{spec.figure_id} on {spec.view.id}"
    for radius in layout.radii:
        assert radius * scale >= MIN_MARKER_PX - 1e-9, where
    for (a, ra), (b, rb) in itertools.combinations(zip(spec.markers, layout.radii, strict=True), 2):
        if _apart(a, b) * scale >= 2 * MIN_MARKER_PX + MARKER_GAP_PX:
            assert _apart(a, b) - ra - rb >= gap - 1e-6, f"{where}: markers at {a.x},{a.y} and {b.x},{b.y} touch"
    ring = layout.ring
    if ring is not None:
        for mark, radius in zip(spec.markers, layout.radii, strict=True):
            distance = math.hypot(mark.x - ring.x, mark.y - ring.y)
            around = distance + radius + gap <= ring.r + 1e-6  # the ring goes round the marker
            clear = distance - radius - ring.r >= gap - 1e-6
            assert around or clear, f"{where}: the marker hides the landmark {ring.label}"


def test_markers_are_sized_to_their_view():
    """Every point's close-up and locator: both sides apart (or one side only where the two
    cannot be told apart on a phone), and the landmark in sight."""
    one_side = []
    for code, record in DATA.points.items():
        point = record.model
        figures = [(point.figure, "oa-detail")]
        if point.locator is not None and point.locator.view != point.figure.view:
            figures.append((point.locator, "oa-locator"))
        for placement, css in figures:
            view = DATA.figures[placement.view].model
            marks = markers_for(view, placement, css)
            landmark = placement.landmark if css == "oa-detail" else None
            assert_markers_apart(FigureSpec(view, css, marks, code, code, code.lower(), landmark=landmark))
            if has_other_side(view, placement) and len(marks) == 1:
                apart = 2 * abs(placement.x - view.mirror_x) * px_per_unit(view, css)
                assert apart < 2 * MIN_MARKER_PX + MARKER_GAP_PX, f"{code}: the other side was left out of {view.id}"
                one_side.append(code)
    assert "BL23" not in one_side and len(one_side) < len(DATA.points) / 10, one_side


def test_bl23_shows_two_markers_apart_on_the_whole_body():
    placement = DATA.points["BL23"].model.locator
    view = DATA.figures[placement.view].model
    marks = markers_for(view, placement, "oa-locator")
    radii = figure_layout(FigureSpec(view, "oa-locator", marks, "", "", "x")).radii
    assert len(marks) == 2
    assert (_apart(*marks) - sum(radii)) * px_per_unit(view, "oa-locator") >= MARKER_GAP_PX


@pytest.mark.parametrize("view_id", ["body-front", "body-back", "body-side"])
def test_neighbouring_points_on_a_whole_body_overview_stay_apart(view_id):
    """All points of the data on one overview: markers far enough apart to be told apart never touch."""
    view = DATA.figures[view_id].model
    marks = []
    for record in DATA.points.values():
        p = record.model
        placement = p.locator if p.locator is not None else p.figure
        if placement.view == view_id:
            marks.append(Marker(placement.x, placement.y))
    assert_markers_apart(FigureSpec(view, "oa-overview", marks, "", "", "all"))


def test_every_region_has_an_area_on_the_body_map():
    from generator.model import Region

    areas = {a.region for v in ("body-front", "body-back") for a in DATA.figures[v].model.regions}
    assert areas == set(Region)


def test_the_body_maps_areas_hold_their_regions_points():
    """Where a point is on the front or back of the body, the area on top there (the last listed)
    is mostly its own region's: the map's areas follow the data, not the other way round."""
    from generator.pictures import whole_body

    held = total = 0
    for record in DATA.points.values():
        point = record.model
        placement = whole_body(point)
        if placement is None or placement.view not in ("body-front", "body-back"):
            continue
        view = DATA.figures[placement.view].model
        spots = [placement.x] + ([2 * view.mirror_x - placement.x] if view.mirror_x is not None else [])
        on_top = [a.region for a in view.regions if any(inside(a.points, x, placement.y) for x in spots)]
        total += 1
        held += bool(on_top) and on_top[-1] == point.region
    assert total > 300 and held / total >= 0.95, (held, total)


def test_an_area_outside_its_view_is_refused(mini):
    from conftest import VIEWS

    view = {**VIEWS["body-front"], "regions": [{"region": "neck", "points": [[10, 10], [90, 10], [90, 260]]}]}
    mini.write("figures/body-front.yml", view)
    _, errors = check(Project(mini.root))
    assert [(e.rule, e.file.endswith("body-front.yml"), e.message) for e in errors] == [
        ("OA414", True, "(90, 260) is outside the 100×200 view")
    ], [str(e) for e in errors]
    assert "regions" in errors[0].field, errors[0].field


def test_the_cun_page_shows_every_diagram_drawn_from_data(real_site):
    """docs/measuring-cun.md (hand-written) shows the diagrams the generator draws into
    docs/figures/: each at most 20 KB, an image with its own title, description and colours."""
    page = (REPO / "docs/measuring-cun.md").read_text(encoding="utf-8")
    shown = dict((src, alt) for alt, src in re.findall(r"!\[([^\]]+)\]\(figures/([^)]+)\.svg\)", page))
    assert set(shown) == set(DATA.diagrams) >= {"cun-fingers", "cun-proportions"}, shown
    for diagram_id, alt in shown.items():
        assert len(alt) >= 80 and "cun" in alt, f"{diagram_id}: alt text {alt!r}"
        file = real_site / "site/figures" / f"{diagram_id}.svg"
        assert file.stat().st_size <= 20 * 1024, f"{diagram_id}: {file.stat().st_size} bytes"
        root = ET.fromstring(file.read_text(encoding="utf-8"))
        assert root.get("role") == "img" and root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
        assert "prefers-color-scheme:dark" in root.find(f"{SVG}style").text  # an image does not see the page's CSS
        assert root.find(f".//{SVG}script") is None
        texts = [t.text for t in root.iter(f"{SVG}text")]
        model = DATA.diagrams[diagram_id].model
        expected = [line for panel in model.panels for line in panel.caption] + [
            s.label for panel in model.panels for s in panel.spans if s.label
        ]
        assert sorted(texts) == sorted(expected), diagram_id
        assert len(root.findall(f".//{SVG}path[@class='bar']")) >= sum(len(p.spans) for p in model.panels)
    cun = (real_site / "site/measuring-cun/index.html").read_text(encoding="utf-8")
    assert cun.count('src="../figures/cun-') == len(shown)


@pytest.mark.parametrize(
    ("change", "rule", "message"),
    [
        (lambda d: d["panels"][0].update(view="no-such-view"), "OA413", "unknown view 'no-such-view'"),
        (lambda d: d["panels"][0]["spans"][0].update(points=[[1, 1], [130, 1]]), "OA414", "(130, 1) is outside the 120×160 panel"),
        (lambda d: d["panels"][0].update(x=50), "OA414", "outside the 150×200 diagram"),
    ],
)
def test_a_diagram_out_of_place_is_refused(mini, change, rule, message):
    diagram = {
        "id": "cun-test",
        "title": "A test",
        "description": "One bar on the back of the hand.",
        "width": 150,
        "height": 200,
        "panels": [{"view": "hand-back", "spans": [{"points": [[10, 10], [40, 10]], "label": "1 cun"}]}],
    }
    change(diagram)
    mini.write("diagrams/cun-test.yml", diagram)
    _, errors = check(Project(mini.root))
    assert [(e.rule, message in e.message) for e in errors] == [(rule, True)], [str(e) for e in errors]
