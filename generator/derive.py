"""Every fact that is derived from the data rather than typed, computed once per run.

Pages, checks, the export and the navigation all read these, so a derived fact (the order
of a symptom's points, the cautions a list shows beside a point, the points of a channel,
the phase of a transporting point) is computed in exactly one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from .dataset import Dataset
from .links import Repository
from .model import Caution, Point, Region, Routine, Symptom

REGION_NAMES = {
    Region.head_face: "Head and face",
    Region.neck: "Neck",
    Region.shoulder_upper_back: "Shoulder and upper back",
    Region.chest_abdomen: "Chest and abdomen",
    Region.lower_back: "Lower back",
    Region.arm_hand: "Arm and hand",
    Region.leg_foot: "Leg and foot",
}

SIDE_NAMES = {
    "opposite": "on the side opposite the pain",
    "same": "on the painful side",
    "both": "on both sides",
    "midline": "on the midline",
}

PRIMARY_COUNT = 8  # points listed first on a symptom page that gives no order of its own

# The five transporting points carry a phase, derived from the point's category and
# whether its channel is yin or yang (never typed in the data).
FIVE_PHASES = {
    "yin": {"jing-well": "wood", "ying-spring": "fire", "shu-stream": "earth", "jing-river": "metal", "he-sea": "water"},
    "yang": {"jing-well": "metal", "ying-spring": "water", "shu-stream": "wood", "jing-river": "fire", "he-sea": "earth"},
}

NOT_SELF_CARE = "not-self-care"  # the marker of a point that is not for pressing yourself


@dataclass(frozen=True)
class Mark:
    """A caution shown beside a point wherever the point is listed (templates/_safety.md.j2)."""

    id: str  # a caution id, or NOT_SELF_CARE
    title: str  # visible text: "Not in pregnancy", "Not for self-care"


@dataclass(frozen=True)
class SymptomPoints:
    """A symptom's points as its page shows them."""

    first: list[str]  # the self-care points to start with, in order
    others: list[str]  # the other self-care points
    professional: list[str]  # points for a practitioner only


@dataclass
class LeaveOut:
    """One line of a routine's 'Leave out if…' block: a caution and the steps it affects."""

    caution: Caution
    steps: list[int]  # 1-based
    codes: list[str]
    whole_steps: bool  # every point of those steps carries it: skip the steps


@dataclass
class Facts:
    data: Dataset
    repository: Repository
    _phases: dict = field(default_factory=dict)

    @cached_property
    def points(self) -> list[Point]:
        """Points in channel order, then by number (non-WHO extras last)."""
        return self.data.sorted_points()

    @cached_property
    def by_channel(self) -> dict[str, list[Point]]:
        out: dict[str, list[Point]] = {}
        for point in self.points:
            out.setdefault(point.channel, []).append(point)
        return out

    @cached_property
    def by_symptom(self) -> dict[str, list[str]]:
        return symptom_points(self.data)

    @cached_property
    def routines(self) -> list[Routine]:
        return [r.model for r in sorted(self.data.routines.values(), key=lambda r: r.model.id)]

    @cached_property
    def routines_of(self) -> dict[str, list[str]]:
        """Point code → ids of the routines that use it."""
        out: dict[str, list[str]] = {}
        for routine in self.routines:
            for code in dict.fromkeys(c for step in routine.steps for c in step.points):
                out.setdefault(code, []).append(routine.id)
        return out

    def routines_for(self, symptom_id: str) -> list[str]:
        return [r.id for r in self.routines if symptom_id in r.symptoms]

    @cached_property
    def general_cautions(self) -> list[Caution]:
        """Cautions shown on every self-care point."""
        return [c for c in self.data.cautions.values() if c.applies_to_all]

    def cautions_of(self, point: Point) -> list[Caution]:
        return [self.data.cautions[c] for c in point.cautions if c in self.data.cautions]

    @cached_property
    def switches(self) -> list[Caution]:
        """Cautions a reader can switch on for the whole site ('I am or may be pregnant')."""
        return [c for c in self.data.cautions.values() if c.switch]

    def marks(self, point: Point) -> list[Mark]:
        """The cautions to show beside this point in every list: those marked in_lists, and
        'not for self-care'. One source, the point's own cautions."""
        marks = [Mark(c.id, c.title) for c in self.cautions_of(point) if c.in_lists]
        if not point.self_care:
            marks.append(Mark(NOT_SELF_CARE, "Not for self-care"))
        return marks

    def summary(self, point: Point) -> list[Caution]:
        """The cautions that stop or limit pressing this point, for its page's header: every
        caution of its own (the general ones are the same on every page)."""
        return self.cautions_of(point)

    # What a page is made from (pages/*.depends), for make serve's page memo: the data files,
    # and for a point that is only listed, what a list shows of it (not its location or uses).
    def single(self, *names: str) -> list:
        return [doc_key(self.data.files[n]) for n in names if n in self.data.files]

    def point_docs(self, codes) -> list:
        return [doc_key(self.data.points[c].doc) for c in codes if c in self.data.points]

    def listed(self, codes) -> list:
        return [self.listing_key(self.data.points[c]) for c in codes if c in self.data.points]

    def view_docs(self, *view_ids: str) -> list:
        return [doc_key(self.data.figures[v].doc) for v in view_ids if v in self.data.figures]

    @cached_property
    def routine_docs(self) -> list:
        return [doc_key(self.data.routines[r.id].doc) for r in self.routines]

    def listing_key(self, record) -> str:
        """What any list, table, figure or search result shows of a point, as one digest."""
        cache_key = (record.doc.display, record.doc.digest)
        found = _LISTINGS.get(cache_key)
        if found is None:
            p = record.model
            shown = (
                p.code,
                p.names,
                p.region,
                p.categories,
                p.self_care,
                p.cautions,
                p.symptoms,
                [u.symptom for u in p.modern_uses],
                p.figure,
                p.locator,
            )
            found = _LISTINGS[cache_key] = "listed:" + hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
        return found

    def symptom_points(self, symptom: Symptom) -> SymptomPoints:
        codes = self.by_symptom.get(symptom.id, [])
        ordered = list(symptom.primary_points) + [c for c in codes if c not in symptom.primary_points]
        self_care = [c for c in ordered if self.data.points[c].model.self_care]
        professional = [c for c in ordered if not self.data.points[c].model.self_care]
        first = [c for c in symptom.primary_points if c in self_care] or self_care[:PRIMARY_COUNT]
        return SymptomPoints(first, [c for c in self_care if c not in first], professional)

    def five_phase(self, point: Point, category_id: str) -> str | None:
        channel = self.data.channels.get(point.channel)
        return FIVE_PHASES.get(channel.polarity, {}).get(category_id) if channel else None

    @cached_property
    def _by_region(self) -> dict:
        out: dict = {}
        for p in self.points:
            out.setdefault(p.region, []).append(p)
        return out

    @cached_property
    def _by_category(self) -> dict[str, list[Point]]:
        out: dict[str, list[Point]] = {}
        for p in self.points:
            for category in p.categories:
                out.setdefault(category, []).append(p)
        return out

    def in_region(self, region: Region) -> list[Point]:
        return self._by_region.get(region, [])

    def in_category(self, category_id: str) -> list[Point]:
        return self._by_category.get(category_id, [])

    def cited(self) -> dict[str, int]:
        """Reference key → how many point pages cite it."""
        out: dict[str, int] = {}
        for p in self.points:
            for key in {p.sources.location, *p.sources.other}:
                out[key] = out.get(key, 0) + 1
        return out

    def leave_out(self, routine: Routine) -> list[LeaveOut]:
        """For each caution of the routine's points, the steps it touches."""
        found: dict[str, LeaveOut] = {}
        for number, step in enumerate(routine.steps, start=1):
            for code in step.points:
                point = self.data.points.get(code)
                if point is None:
                    continue
                for caution in self.cautions_of(point.model):
                    entry = found.setdefault(caution.id, LeaveOut(caution, [], [], True))
                    if number not in entry.steps:
                        entry.steps.append(number)
                    if code not in entry.codes:
                        entry.codes.append(code)
        for entry in found.values():
            entry.whole_steps = all(
                all(entry.caution.id in self.data.points[c].model.cautions for c in routine.steps[n - 1].points if c in self.data.points)
                for n in entry.steps
            )
        # Cautions that say when to leave points out come first (pregnancy), then the others.
        return sorted(found.values(), key=lambda e: (e.caution.leave_out_if is None, list(self.data.cautions).index(e.caution.id)))


_LISTINGS: dict[tuple, str] = {}


def doc_key(doc) -> str:
    return f"{doc.display}:{doc.digest}"


def symptom_points(data: Dataset) -> dict[str, list[str]]:
    """Symptom id → codes of the points that list it (classical or modern), in channel order."""
    out: dict[str, list[str]] = {}
    for point in data.sorted_points():
        for symptom in dict.fromkeys([*point.symptoms, *(use.symptom for use in point.modern_uses)]):
            out.setdefault(symptom, []).append(point.code)
    return out
