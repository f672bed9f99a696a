"""The press timer and the routine player: how many sides a step is pressed on, how long each,
and the HTML block the player script (docs/javascripts/player.js) reads.

The numbers come from `timing` in the data (seconds, or press/release/rounds, per side); the
sides from the point itself (a point of the midline has one, every other point two) and from
the routine step's `side`. The page stays complete without JavaScript: the block is an empty,
hidden element whose data the script turns into the player.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from markupsafe import Markup

from .dataset import Dataset
from .model import Point, RoutineStep, Side, Timing

MIDLINE_CHANNELS = ("CV", "GV")
GET_READY_SECONDS = 5  # before each side: time to find the point, counted down by the player
MIDLINE_TOLERANCE = 0.5  # a placement this close to a view's midline is on it

# Words that say both sides are pressed at the same time, and words that say one side after the other.
TOGETHER_WORDS = re.compile(
    r"both sides (?:at once|together|at the same time)|both sides can be done together|both (?:legs|hands|feet) at once", re.I
)
EACH_WORDS = re.compile(r"\beach (?:side|hand|foot|leg|knee|arm|wrist)\b", re.I)


def paired(data: Dataset, point: Point) -> bool:
    """Does the point exist on both sides of the body? Not on the midline channels, not where a
    placement marks it one-sided, and not where a view with a midline draws it on that line."""
    if point.channel in MIDLINE_CHANNELS:
        return False
    for placement in (point.figure, point.locator):
        if placement is None:
            continue
        if placement.one_side:
            return False
        record = data.figures.get(placement.view)
        mirror = record.model.mirror_x if record and record.model else None
        if mirror is not None and abs(placement.x - mirror) <= MIDLINE_TOLERANCE:
            return False
    return True


@dataclass(frozen=True)
class Pass:
    """One run of the timer: on which side, and what the player says when it starts."""

    side: str  # shown while pressing: "First side", "Both sides together", "On the midline"…
    announce: str  # said when this pass starts


FIRST, OTHER = Pass("First side", "Start on one side."), Pass("Other side", "Switch to the other side.")


def point_passes(data: Dataset, point: Point) -> list[Pass]:
    timing = point.technique.timing if point.technique else None
    if not paired(data, point):
        return [Pass("On the midline" if point.channel in MIDLINE_CHANNELS else "One point", "")]
    if timing is not None and timing.together:
        return [Pass("Both sides together", "Press both sides at the same time.")]
    return [FIRST, OTHER]


STEP_SIDES = {
    Side.opposite: Pass("Side opposite the pain", "Use the side opposite the pain."),
    Side.same: Pass("Painful side", "Use the side that hurts."),
    Side.midline: Pass("On the midline", ""),
}


def step_passes(step: RoutineStep) -> list[Pass]:
    if step.side in STEP_SIDES:
        return [STEP_SIDES[step.side]]
    if step.timing is not None and step.timing.together:
        return [Pass("Both sides together", "Press both sides at the same time.")]
    return [FIRST, OTHER]


def _numbers(timing: Timing) -> dict:
    if timing.seconds is not None:
        return {"seconds": timing.seconds}
    return {"press": timing.press, "release": timing.release, "rounds": timing.rounds}


def _step(title: str, codes: list[str], instruction: str, movement: str | None, timing: Timing, passes: list[Pass]) -> dict:
    return {
        "title": title,
        "codes": codes,
        "instruction": instruction,
        "movement": movement,
        "passes": [{"side": p.side, "announce": p.announce} for p in passes],
        **_numbers(timing),
    }


def _block(kind: str, name: str, steps: list[dict]) -> Markup:
    """The element the player script reads: data in one attribute, escaped for HTML; the
    script only ever sets it as text. Hidden until the script has built the player."""
    payload = json.dumps(
        {"kind": kind, "name": name, "ready": GET_READY_SECONDS, "steps": steps}, ensure_ascii=False, separators=(",", ":")
    )
    return Markup(f'<div class="oa-player" data-oa-player="{html.escape(payload, quote=True)}" data-search-exclude hidden></div>')


def point_timer(data: Dataset, point: Point) -> Markup | None:
    """The press timer of a self-care point's page."""
    if not point.self_care or point.technique is None or point.technique.timing is None:
        return None
    technique = point.technique
    instruction = " ".join(t for t in (technique.pressure, technique.rhythm) if t)
    title = f"{point.code} {point.names.pinyin}"
    step = _step(title, [point.code], instruction, technique.movement, technique.timing, point_passes(data, point))
    return _block("point", title, [step])


def routine_player(data: Dataset, title: str, steps: list[RoutineStep]) -> Markup:
    rows = []
    for step in steps:
        names = [f"{c} {data.points[c].model.names.pinyin}" if c in data.points else c for c in step.points]
        rows.append(_step(", ".join(names), list(step.points), step.instruction, step.movement, step.timing, step_passes(step)))
    return _block("routine", title, rows)


def total_seconds(timing: Timing, passes: int) -> int:
    return timing.total * passes


# What the words beside a timer state, to check the numbers against (checks.py, OA419).
_UNIT = {"second": 1, "seconds": 1, "minute": 60, "minutes": 60}
_SPAN = re.compile(r"(\d+)(?:\s*(?:–|-|to)\s*(\d+))?\s*(seconds?|minutes?)(?:\s+to\s+(\d+)\s*(seconds?|minutes?))?", re.I)
_PRESS = re.compile(r"(\d+)(?:\s*(?:–|-)\s*(\d+))?\s*seconds?", re.I)
_RELEASE = re.compile(r"(?:release|ease off|let go)\w*(?: for)? (\d+)\s*seconds?", re.I)
_TIMES = re.compile(r"(\d+)(?:\s*(?:–|-)\s*(\d+))?\s*(?:times|rounds)\b", re.I)


def stated_seconds(text: str) -> tuple[int, int] | None:
    """The first time span a text states, in seconds: '1–2 minutes' → (60, 120),
    '30 seconds to 1 minute' → (30, 60), 'about 1 minute' → (60, 60)."""
    found = _SPAN.search(text)
    if not found:
        return None
    low, high, unit, upper, upper_unit = found.groups()
    lo = int(low) * _UNIT[unit.lower()]
    hi = int(upper) * _UNIT[upper_unit.lower()] if upper else int(high or low) * _UNIT[unit.lower()]
    return lo, hi


def _range(found: re.Match | None) -> tuple[int, int] | None:
    return (int(found.group(1)), int(found.group(2) or found.group(1))) if found else None


def stated_rhythm(text: str) -> dict[str, tuple[int, int]]:
    """The press seconds, release seconds and rounds a rhythm text states, as ranges."""
    out = {}
    if press := _range(_PRESS.search(text)):
        out["press"] = press
    if release := _RELEASE.search(text):
        out["release"] = (int(release.group(1)), int(release.group(1)))
    if rounds := _range(_TIMES.search(text)):
        out["rounds"] = rounds
    return out
