"""Where a figure's words and numbers go, so that none touches another, a marker or the edge.

Pure geometry in a view's own units; figures.py draws what this module decides. A text's
box is estimated from its font size and its characters, on the wide side: the widths below
are those of DejaVu Sans (the widest of the usual sans-serif fonts, and Chromium's on Linux),
so a label fits wherever the browser's own font is narrower. Candidate positions are tried in
a fixed order (beside the anchor first, then further out with a leader line), so the same
figure always gets the same layout.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

# A text's box above and below its baseline, in ems (DejaVu Sans: ascent 0.93, descent 0.24).
ASCENT = 0.95
DESCENT = 0.25
_NARROW = dict.fromkeys("iljI.,:;'|!", 0.32) | {" ": 0.33, "f": 0.37, "t": 0.4, "r": 0.42, "-": 0.38, "(": 0.4, ")": 0.4}
_WIDE = {"m": 0.98, "w": 0.83, "M": 0.88, "W": 1.02, "–": 0.52, "—": 1.0}
BOLD = 1.1  # bold glyphs are about a tenth wider


def char_width(char: str) -> float:
    """The advance width of one character, in ems, rounded up."""
    if char in _NARROW:
        return _NARROW[char]
    if char in _WIDE:
        return _WIDE[char]
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0  # Chinese characters are square
    base = unicodedata.normalize("NFD", char)[0]  # ǔ is as wide as u
    if base != char:
        return char_width(base)
    if base.isupper():
        return 0.8
    if base.isdigit():
        return 0.64
    return 0.65


@cache
def text_width(text: str, size: float, bold: bool = False) -> float:
    return sum(char_width(c) for c in text) * size * (BOLD if bold else 1.0)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return not (
            self.right + pad <= other.left
            or other.right + pad <= self.left
            or self.bottom + pad <= other.top
            or other.bottom + pad <= self.top
        )

    def within(self, bounds: Box, pad: float = 0.0) -> bool:
        return (
            self.left >= bounds.left + pad
            and self.top >= bounds.top + pad
            and self.right <= bounds.right - pad
            and self.bottom <= bounds.bottom - pad
        )

    def distance(self, x: float, y: float) -> float:
        """From a point to the nearest point of the box (0 inside)."""
        dx = max(self.left - x, 0.0, x - self.right)
        dy = max(self.top - y, 0.0, y - self.bottom)
        return math.hypot(dx, dy)

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        return min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Label:
    """A text to place beside its anchor (a marker, a landmark, a group of markers)."""

    text: str
    size: float  # font size, in the view's units
    anchor: Circle
    bold: bool = False
    away_from: tuple[float, float] | None = None  # keep to the side of the anchor facing away from this point
    own: frozenset[int] = frozenset()  # obstacles (by index) that are the anchor itself: a leader may start on them

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.bold)

    @property
    def height(self) -> float:
        return (ASCENT + DESCENT) * self.size


@dataclass(frozen=True)
class Placed:
    x: float  # where the text starts (text-anchor start)
    y: float  # its baseline
    box: Box
    leader: tuple[float, float, float, float] | None = None  # a line from the anchor to the box


# Directions around an anchor, clockwise from the right, in the order they are tried:
# right, left, above, below, then the diagonals.
_NEAR = (0, 180, 270, 90, 315, 225, 45, 135)
_FAR = tuple(range(0, 360, 30))
_RINGS = (1.2, 2.0, 3.0, 4.5, 6.5, 9.0)  # distances tried with a leader, in font sizes


def _box_at(label: Label, angle: float, distance: float) -> Box:
    """The label's box in direction `angle` (degrees, y downwards) from the anchor's centre, with
    its nearest point `distance` from the anchor's edge."""
    w, h = label.width, label.height
    dx, dy = _centre_offset(w, h, label.anchor.r, angle, distance)
    cx, cy = label.anchor.x + dx, label.anchor.y + dy
    hw, hh = w / 2, h / 2
    return Box(cx - hw, cy - hh, cx + hw, cy + hh)


@cache
def _centre_offset(w: float, h: float, r: float, angle: float, distance: float) -> tuple[float, float]:
    """From the anchor's centre to the box's: out along the direction until the box is
    `distance` from the anchor's edge. (The same few sizes and angles recur on every figure.)"""
    ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    reach = r + distance
    hw, hh = w / 2, h / 2
    low, high = 0.0, reach + hw + hh
    for _ in range(24):
        mid = (low + high) / 2
        dx = max(abs(mid * ux) - hw, 0.0)
        dy = max(abs(mid * uy) - hh, 0.0)
        if math.hypot(dx, dy) < reach:
            low = mid
        else:
            high = mid
    return high * ux, high * uy


def _segment_hits_circle(x1: float, y1: float, x2: float, y2: float, c: Circle, pad: float) -> bool:
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((c.x - x1) * dx + (c.y - y1) * dy) / length))
    return math.hypot(x1 + t * dx - c.x, y1 + t * dy - c.y) < c.r + pad


def _segment_hits_box(x1: float, y1: float, x2: float, y2: float, box: Box, pad: float) -> bool:
    """Does the segment pass within `pad` of the box? (Liang–Barsky clipping.)"""
    left, top, right, bottom = box.left - pad, box.top - pad, box.right + pad, box.bottom + pad
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def _segments_cross(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    def side(px, py, qx, qy, rx, ry):
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    d1 = side(b[0], b[1], b[2], b[3], a[0], a[1])
    d2 = side(b[0], b[1], b[2], b[3], a[2], a[3])
    d3 = side(a[0], a[1], a[2], a[3], b[0], b[1])
    d4 = side(a[0], a[1], a[2], a[3], b[2], b[3])
    return d1 * d2 < 0 and d3 * d4 < 0


class _Grid:
    """Things on a figure by the cells of a coarse grid that their bounding boxes cover, so that
    a question about one place looks only at what is near it (a region drawing has hundreds of
    markers and labels; checking each candidate against all of them was most of the build)."""

    def __init__(self, bounds: Box, cells: int = 24):
        self.left, self.top = bounds.left, bounds.top
        self.step = max(bounds.right - bounds.left, bounds.bottom - bounds.top, 1e-9) / cells
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.items: list = []

    def _span(self, left: float, top: float, right: float, bottom: float):
        x0, x1 = math.floor((left - self.left) / self.step), math.floor((right - self.left) / self.step)
        y0, y1 = math.floor((top - self.top) / self.step), math.floor((bottom - self.top) / self.step)
        return ((x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1))

    def add(self, item, left: float, top: float, right: float, bottom: float) -> None:
        self.items.append(item)
        for cell in self._span(left, top, right, bottom):
            self.cells.setdefault(cell, []).append(len(self.items) - 1)

    def near(self, left: float, top: float, right: float, bottom: float) -> list:
        found: set[int] = set()
        for cell in self._span(left, top, right, bottom):
            found.update(self.cells.get(cell, ()))
        return [self.items[i] for i in found]


class _Layout:
    """What is already on the figure: obstacles, placed boxes and leader lines."""

    def __init__(self, obstacles: Sequence[Circle], bounds: Box, pad: float):
        self.bounds, self.pad = bounds, pad
        self.reach = max((c.r for c in obstacles), default=0.0)
        self.obstacles, self.boxes, self.leaders = _Grid(bounds), _Grid(bounds), _Grid(bounds)
        for i, c in enumerate(obstacles):
            self.obstacles.add((i, c), c.x, c.y, c.x, c.y)

    def add(self, box: Box, leader: tuple[float, float, float, float] | None) -> None:
        self.boxes.add(box, box.left, box.top, box.right, box.bottom)
        if leader is not None:
            self.leaders.add(leader, *_extent(leader))

    def box_free(self, box: Box, size: float) -> bool:
        pad = self.pad * size
        if not box.within(self.bounds, pad):
            return False
        near = self.reach + pad
        circles = self.obstacles.near(box.left - near, box.top - near, box.right + near, box.bottom + near)
        if any(box.distance(c.x, c.y) < c.r + pad for _, c in circles):
            return False
        if any(box.overlaps(other, pad) for other in self.boxes.near(box.left - pad, box.top - pad, box.right + pad, box.bottom + pad)):
            return False
        lines = self.leaders.near(box.left - pad, box.top - pad, box.right + pad, box.bottom + pad)
        return not any(_segment_hits_box(*line, box, pad / 2) for line in lines)

    def leader_free(self, line: tuple[float, float, float, float], own: frozenset[int], size: float) -> bool:
        pad = self.pad * size / 2
        left, top, right, bottom = _extent(line)
        near = self.reach + pad
        circles = self.obstacles.near(left - near, top - near, right + near, bottom + near)
        if any(_segment_hits_circle(*line, c, pad) for i, c in circles if i not in own):
            return False
        if any(_segment_hits_box(*line, box, pad) for box in self.boxes.near(left - pad, top - pad, right + pad, bottom + pad)):
            return False
        return not any(_segments_cross(line, other) for other in self.leaders.near(left, top, right, bottom))


def _extent(line: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return min(line[0], line[2]), min(line[1], line[3]), max(line[0], line[2]), max(line[1], line[3])


def _allowed(label: Label, angle: float) -> bool:
    """Keep a label on the side of its anchor that faces away from `away_from`."""
    if label.away_from is None:
        return True
    ax, ay = label.anchor.x - label.away_from[0], label.anchor.y - label.away_from[1]
    if math.hypot(ax, ay) < 1e-6:
        return True
    return math.cos(math.radians(angle)) * ax + math.sin(math.radians(angle)) * ay > 0.2 * math.hypot(ax, ay)


def _leader(label: Label, box: Box) -> tuple[float, float, float, float]:
    a = label.anchor
    ex, ey = box.nearest(a.x, a.y)
    length = math.hypot(ex - a.x, ey - a.y)
    start = a.r / length if length else 0.0
    return (a.x + (ex - a.x) * start, a.y + (ey - a.y) * start, ex, ey)


def _candidates(label: Label):
    """(box, needs a leader) in the order they are tried. A label that must keep away from a
    point and finds no room there goes anywhere else, but always with a leader line."""
    gap = 0.25 * label.size
    for angle in _NEAR:
        if _allowed(label, angle):
            yield _box_at(label, angle, gap), False
    for ring in _RINGS:
        for angle in _FAR:
            if _allowed(label, angle):
                yield _box_at(label, angle, ring * label.size), True
    if label.away_from is not None:
        for ring in _RINGS:
            for angle in _FAR:
                if not _allowed(label, angle):
                    yield _box_at(label, angle, ring * label.size), True


def place(
    labels: Sequence[Label], obstacles: Sequence[Circle], bounds: Box, taken: Sequence[Placed] = (), pad: float = 0.12
) -> list[Placed | None]:
    """Each label beside its anchor, or further out with a leader line, or None where no
    position is free. Labels are placed in the order given: put the most important first.
    `taken`: labels already on the figure. `pad` is the clear space kept around every box, in
    font sizes."""
    layout = _Layout(obstacles, bounds, pad)
    for earlier in taken:
        layout.add(earlier.box, earlier.leader)
    placed: list[Placed | None] = []
    for label in labels:
        found = None
        for box, far in _candidates(label):
            if not layout.box_free(box, label.size):
                continue
            line = _leader(label, box) if far else None
            if line is not None and not layout.leader_free(line, label.own, label.size):
                continue
            found = Placed(box.left, box.bottom - DESCENT * label.size, box, line)
            layout.add(box, line)
            break
        placed.append(found)
    return placed


def enclosing(circles: Sequence[Circle]) -> Circle:
    """A circle around all of them (centred on their bounding box: simple, and close enough)."""
    left = min(c.x - c.r for c in circles)
    right = max(c.x + c.r for c in circles)
    top = min(c.y - c.r for c in circles)
    bottom = max(c.y + c.r for c in circles)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    return Circle(cx, cy, max(math.hypot(c.x - cx, c.y - cy) + c.r for c in circles))


def number_ranges(numbers: Sequence[int]) -> str:
    """1, 2, 3, 5 → '1–3, 5': the numbers a group label stands for."""
    ordered = sorted(set(numbers))
    parts, start = [], 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
            run = ordered[start:i]
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}{'–' if len(run) > 2 else ', '}{run[-1]}")
            start = i
    return ", ".join(parts)


def _crowding(labels: Sequence[Label]) -> list[int]:
    """Label indexes, most crowded anchor first: those have the fewest free places."""
    counts = []
    for i, a in enumerate(labels):
        near = sum(
            1
            for j, b in enumerate(labels)
            if i != j and math.hypot(a.anchor.x - b.anchor.x, a.anchor.y - b.anchor.y) < 4 * (a.size + a.anchor.r)
        )
        counts.append((-near, i))
    return [i for _, i in sorted(counts)]


def place_grouped(
    labels: Sequence[Label],
    obstacles: Sequence[Circle],
    bounds: Box,
    join: Callable[[list[int]], Label],
    taken: Sequence[Placed] = (),
) -> list[tuple[list[int], Label, Placed | None]]:
    """Every label placed, merging the crowded ones: where a label finds no free place, it and
    its nearest neighbour become one label (join, given their indexes: "3, 4", then "3–5"),
    until all fit.

    Returns (the indexes of the labels a placement stands for, the label drawn, the
    placement), in a fixed order. A placement is None only when even one label for everything
    finds no place.
    """
    groups: list[list[int]] = [[i] for i in range(len(labels))]
    while True:
        group_labels = [labels[g[0]] if len(g) == 1 else join(g) for g in groups]
        order = _crowding(group_labels)
        found = place([group_labels[i] for i in order], obstacles, bounds, taken)
        placed: list[Placed | None] = [None] * len(groups)
        for i, result in zip(order, found, strict=True):
            placed[i] = result
        failed = [i for i, p in enumerate(placed) if p is None]
        if not failed or len(groups) == 1:
            return list(zip(groups, group_labels, placed, strict=True))
        groups = _merge(groups, group_labels, failed)


def _merge(groups: list[list[int]], group_labels: list[Label], failed: list[int]) -> list[list[int]]:
    """Each failed group joins its nearest group (union of chains, so the result is one pass)."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in failed:
        a = group_labels[i].anchor
        distances = [(math.hypot(a.x - b.anchor.x, a.y - b.anchor.y) - a.r - b.anchor.r, j) for j, b in enumerate(group_labels) if j != i]
        j = min(distances)[1]
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    merged: dict[int, list[int]] = {}
    for i, group in enumerate(groups):
        merged.setdefault(root(i), []).extend(group)
    return [sorted(members) for _, members in sorted(merged.items())]
