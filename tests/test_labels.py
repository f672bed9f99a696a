"""The label placer (generator/labels.py) on crafted layouts: dense clusters, blocked sides, edges."""

from __future__ import annotations

import itertools
import math

import pytest

from generator import labels
from generator.labels import Box, Circle, Label, place, place_grouped, text_width

BOUNDS = Box(0, 0, 300, 640)
SIZE = 12.0


def markers_in_a_cluster(count: int, x: float, y: float, step: float, r: float = 3.0) -> list[Circle]:
    """`count` markers on a small grid, `step` apart: the head of a whole-body view, for instance."""
    side = math.ceil(math.sqrt(count))
    return [Circle(x + (i % side) * step, y + (i // side) * step, r) for i in range(count)]


def assert_clear(placed: list[labels.Placed], circles: list[Circle], bounds: Box) -> None:
    """What the browser test measures: no box overlaps another, a circle or the edge; no two leaders cross."""
    for a, b in itertools.combinations(placed, 2):
        assert not a.box.overlaps(b.box), (a, b)
    for p in placed:
        assert p.box.within(bounds), p
        for c in circles:
            assert p.box.distance(c.x, c.y) >= c.r, (p, c)
    leaders = [p.leader for p in placed if p.leader]
    for a, b in itertools.combinations(leaders, 2):
        assert not labels._segments_cross(a, b), (a, b)


def number_labels(circles: list[Circle]) -> list[Label]:
    return [Label(str(i + 1), SIZE, c, bold=True, own=frozenset({i})) for i, c in enumerate(circles)]


def joiner(items: list[Label]):
    def join(members: list[int]) -> Label:
        text = labels.number_ranges([int(items[k].text) for k in members])
        own = frozenset().union(*(items[k].own for k in members))
        return Label(text, SIZE, labels.enclosing([items[k].anchor for k in members]), bold=True, own=own)

    return join


def test_text_boxes_are_estimated_on_the_wide_side():
    # DejaVu Sans, measured in Chromium: bold digits 0.696 em, "Navel" 5 × 0.569 em, 合 1 em.
    assert text_width("12", 100, bold=True) >= 2 * 69.6
    assert text_width("Navel", 100) >= 5 * 56.9
    assert text_width("合谷", 100) >= 200
    assert text_width("Hégǔ", 100) == text_width("Hegu", 100)
    assert text_width("WWW", 10) > text_width("iii", 10) * 2


def test_an_isolated_label_sits_right_beside_its_anchor():
    marker = Circle(100, 100, 4)
    (placed,) = place([Label("20", SIZE, marker)], [marker], BOUNDS)
    assert placed.leader is None
    assert placed.box.left > marker.x + marker.r and placed.box.distance(marker.x, marker.y) < marker.r + SIZE


def test_a_label_goes_to_the_other_side_when_the_edge_is_near():
    marker = Circle(295, 100, 3)
    (placed,) = place([Label("Navel", SIZE, marker)], [marker], BOUNDS)
    assert placed.box.right < marker.x and placed.leader is None


def test_a_landmark_label_keeps_to_the_side_away_from_the_point():
    landmark = Circle(160, 186, 3)  # the navel
    point = Circle(160, 110, 6)  # CV12, above it
    label = Label("Navel", SIZE, landmark, away_from=(point.x, point.y), own=frozenset({1}))
    (placed,) = place([label], [point, landmark], BOUNDS)
    assert placed.box.top > landmark.y  # below the navel, not between it and the point


def test_with_no_room_beside_it_a_label_goes_further_out_with_a_leader():
    marker = Circle(150, 300, 4)
    # Six other markers round it, close enough to block every place beside it, with gaps between.
    ring = [Circle(150 + 13 * math.cos(a), 300 + 13 * math.sin(a), 4) for a in [i * math.pi / 3 for i in range(6)]]
    circles = [marker, *ring]
    (placed,) = place([Label("7", SIZE, marker, own=frozenset({0}))], circles, BOUNDS)
    assert placed is not None and placed.leader is not None
    x1, y1, _, _ = placed.leader
    assert math.hypot(x1 - marker.x, y1 - marker.y) == pytest.approx(marker.r)
    assert_clear([placed], circles, BOUNDS)
    # Closed all round, the label has nowhere to go: a leader never crosses another marker.
    closed = [Circle(150 + 11 * math.cos(a), 300 + 11 * math.sin(a), 4) for a in [i * math.pi / 6 for i in range(12)]]
    assert place([Label("7", SIZE, marker, own=frozenset({0}))], [marker, *closed], BOUNDS) == [None]


@pytest.mark.parametrize(("count", "step"), [(18, 5.0), (44, 4.0), (8, 9.0), (30, 2.0)])
def test_a_dense_cluster_is_labelled_without_overlaps_every_number_once(count, step):
    """GB1–GB18 on the side of the head: numbers that cannot all sit beside their markers are
    joined into ranges, never piled up, and every marker's number is in exactly one label."""
    circles = markers_in_a_cluster(count, 140, 40, step)
    items = number_labels(circles)
    result = place_grouped(items, circles, BOUNDS, joiner(items))
    placed = [p for _, _, p in result]
    assert all(p is not None for p in placed)
    assert sorted(i for members, _, _ in result for i in members) == list(range(count))
    for members, label, _ in result:
        assert label.text == labels.number_ranges([m + 1 for m in members])
    assert_clear(placed, circles, BOUNDS)
    if step * 2 < SIZE:  # too close for a number each: some were joined
        assert len(result) < count


def test_two_clusters_and_loners_on_one_figure():
    circles = markers_in_a_cluster(12, 140, 30, 4) + markers_in_a_cluster(6, 150, 600, 5) + [Circle(40, 300, 3), Circle(260, 320, 3)]
    items = number_labels(circles)
    result = place_grouped(items, circles, BOUNDS, joiner(items))
    assert_clear([p for _, _, p in result], circles, BOUNDS)
    loners = {tuple(members) for members, _, _ in result if len(members) == 1}
    assert {(18,), (19,)} <= loners  # far from the clusters: a number of their own


def test_the_layout_is_the_same_every_time():
    circles = markers_in_a_cluster(20, 100, 100, 5)
    items = number_labels(circles)
    first = place_grouped(items, circles, BOUNDS, joiner(items))
    assert place_grouped(items, circles, BOUNDS, joiner(items)) == first


def test_labels_already_placed_are_kept_clear_of():
    marker = Circle(100, 100, 4)
    (first,) = place([Label("Navel", SIZE, marker)], [marker], BOUNDS)
    (second,) = place([Label("12", SIZE, marker)], [marker], BOUNDS, taken=[first])
    assert not first.box.overlaps(second.box)


def test_nothing_fits_in_a_view_too_small():
    marker = Circle(10, 10, 4)
    assert place([Label("A long label", SIZE, marker)], [marker], Box(0, 0, 20, 20)) == [None]


@pytest.mark.parametrize(("numbers", "text"), [([1], "1"), ([1, 2], "1, 2"), ([3, 1, 2], "1–3"), ([1, 2, 3, 5, 7, 8, 9], "1–3, 5, 7–9")])
def test_number_ranges(numbers, text):
    assert labels.number_ranges(numbers) == text
