"""Rules that look across records. Each rule is a small function that returns errors.

A rule never stops at its first finding: `run_checks` collects every error from
every rule so a contributor sees them all at once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

from . import rules
from .dataset import Dataset
from .derive import symptom_points
from .errors import DataError
from .figures import inside_view
from .names import readings, split_syllables, to_traditional
from .redflags import same_sign
from .timer import EACH_WORDS, TOGETHER_WORDS, paired, stated_rhythm, stated_seconds

Rule = Callable[[Dataset], Iterator[DataError]]
RULES: list[Rule] = []


def rule(rule_id: str) -> Callable[[Rule], Rule]:
    """Register a rule; every error it yields carries its id (rules.py)."""

    def register(fn: Rule) -> Rule:
        def stamped(data: Dataset) -> Iterator[DataError]:
            for error in fn(data):
                yield dataclasses.replace(error, rule=rule_id)

        stamped.__name__ = fn.__name__
        stamped.__doc__ = fn.__doc__
        stamped.rule_id = rule_id
        RULES.append(stamped)
        return stamped

    return register


def run_checks(data: Dataset) -> list[DataError]:
    return [error for check in RULES for error in check(data)]


@rule(rules.REQUIRED_FILE)
def required_single_files(data: Dataset) -> Iterator[DataError]:
    for name in ("channels.yml", "categories.yml", "cautions.yml", "references.yml", "names.yml"):
        if name not in data.files:
            yield DataError(f"data/{name}", 1, 1, "", "required file is missing")


@rule(rules.SELF_CARE_FIELDS)
def self_care_fields(data: Dataset) -> Iterator[DataError]:
    """A self-care point tells you how to find and press it; a point that is not self-care gives no instructions."""
    for record in data.points.values():
        p = record.model
        if p.self_care:
            for name in ("finding", "technique"):
                if not getattr(p, name):
                    yield record.error((name,), "required when self_care is true")
        else:
            if p.self_care_note is None:
                yield record.error(("self_care",), "self_care is false, so self_care_note must say why")
            for name in ("finding", "technique"):
                if getattr(p, name):
                    yield record.error((name,), "must be left out when self_care is false (no pressing instructions)")


@rule(rules.IN_CHANNEL)
def point_in_channel(data: Dataset) -> Iterator[DataError]:
    for record in data.points.values():
        p = record.model
        channel = data.channels.get(p.channel)
        if channel is None:
            if data.channels and not data.is_broken("channel", p.channel):
                yield record.error(("code",), f"channel {p.channel!r} is not in data/channels.yml")
            continue
        if p.channel != "EX" and not 1 <= p.number <= channel.point_count:
            yield record.error(("code",), f"{p.channel} has points 1 to {channel.point_count}; {p.number} is outside that range")


@rule(rules.CHANNEL_COMPLETE)
def channels_complete(data: Dataset) -> Iterator[DataError]:
    """Every standard channel has all of its points, so channel pages are never partial."""
    doc = data.files.get("channels.yml")
    for i, (code, channel) in enumerate(data.channels.items()):
        if code == "EX":
            continue
        missing = [f"{code}{n}" for n in range(1, channel.point_count + 1) if not data.has_point(f"{code}{n}")]
        if missing and doc is not None:
            shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            yield doc.error(("channels", i, "point_count"), f"{code} should have {channel.point_count} points; missing {shown}")


@rule(rules.POINT_REFERENCES)
def point_references(data: Dataset) -> Iterator[DataError]:
    lists = [
        ("symptoms", data.has_symptom, "symptom", "data/symptoms/"),
        ("categories", lambda c: c in data.categories or data.is_broken("category", c), "category", "data/categories.yml"),
        ("cautions", lambda c: c in data.cautions or data.is_broken("caution", c), "caution", "data/cautions.yml"),
        ("related", data.has_point, "point", "data/points/"),
    ]
    for record in data.points.values():
        p = record.model
        for field, known, what, where in lists:
            seen: set[str] = set()
            for i, value in enumerate(getattr(p, field)):
                if value in seen:
                    yield record.error((field, i), f"{value!r} is listed twice")
                seen.add(value)
                if not known(value):
                    yield record.error((field, i), f"unknown {what} {value!r} (not in {where})")
        classical = set(p.symptoms)
        for i, use in enumerate(p.modern_uses):
            if not data.has_symptom(use.symptom):
                yield record.error(("modern_uses", i, "symptom"), f"unknown symptom {use.symptom!r} (not in data/symptoms/)")
            elif use.symptom in classical:
                yield record.error(
                    ("modern_uses", i, "symptom"), f"{use.symptom!r} is also in symptoms; a use is classical or modern, not both"
                )
        for i, value in enumerate(p.related):
            if value == p.code:
                yield record.error(("related", i), "a point cannot be related to itself")
        for i, value in enumerate(p.meeting_of):
            known = value in data.channels or value in data.vessels or data.is_broken("channel", value) or data.is_broken("vessel", value)
            if not known:
                yield record.error(("meeting_of", i), f"unknown channel or vessel {value!r} (not in data/channels.yml)")
        yield from _reference_keys(
            data,
            record,
            [(("sources", "location"), p.sources.location)]
            + [(("sources", "other", i), key) for i, key in enumerate(p.sources.other)]
            + [(("location_notes", i, "source"), n.source) for i, n in enumerate(p.location_notes) if n.source]
            + [(("modern_uses", i, "source"), u.source) for i, u in enumerate(p.modern_uses) if u.source],
        )


def _reference_keys(data: Dataset, record, keyed: list[tuple[tuple, str]]) -> Iterator[DataError]:
    for path, key in keyed:
        if not data.has_reference(key):
            yield record.error(path, f"unknown reference {key!r} (not in data/references.yml)")


@rule(rules.SYMPTOM_REFERENCES)
def symptom_references(data: Dataset) -> Iterator[DataError]:
    indicated = symptom_points(data)
    for record in data.symptoms.values():
        s = record.model
        if not (s.red_flags.emergency or s.red_flags.doctor_soon):
            yield record.error(("red_flags",), "name at least one reason to call emergency services or see a doctor")
        for i, other in enumerate(s.related):
            if other == s.id:
                yield record.error(("related", i), "a symptom cannot be related to itself")
            elif not data.has_symptom(other):
                yield record.error(("related", i), f"unknown symptom {other!r} (not in data/symptoms/)")
        for i, code in enumerate(s.primary_points):
            if not data.has_point(code):
                yield record.error(("primary_points", i), f"unknown point {code!r}")
            elif code in data.points and code not in indicated.get(s.id, []):
                yield record.error(("primary_points", i), f"{code} does not list {s.id!r} in its symptoms")
        misnamed = record.doc.path.stem != s.id  # its own error says so; what refers to it uses the file's name
        if not indicated.get(s.id) and not data.broken.get("point") and not misnamed:
            yield record.error(("id",), "no point lists this symptom; add it to the symptoms of at least one point")
        yield from _reference_keys(data, record, [(("sources", i), k) for i, k in enumerate(s.sources)])


@rule(rules.ROUTINE_REFERENCES)
def routine_references(data: Dataset) -> Iterator[DataError]:
    for record in data.routines.values():
        r = record.model
        for i, symptom in enumerate(r.symptoms):
            if not data.has_symptom(symptom):
                yield record.error(("symptoms", i), f"unknown symptom {symptom!r} (not in data/symptoms/)")
        for i, step in enumerate(r.steps):
            for j, code in enumerate(step.points):
                point = data.points.get(code)
                if not data.has_point(code):
                    yield record.error(("steps", i, "points", j), f"unknown point {code!r}")
                elif point is not None and not point.model.self_care:
                    yield record.error(("steps", i, "points", j), f"{code} is not a self-care point and cannot be in a routine")
        yield from _reference_keys(data, record, [(("sources", i), k) for i, k in enumerate(r.sources)])


def _strings(value, path=()):
    """(path, text) for every string in a record's value, depth first, without recursion."""
    stack = [(path, value)]
    while stack:
        here, item = stack.pop()
        if isinstance(item, str):
            yield here, item
        elif isinstance(item, dict):
            stack.extend((here + (key,), sub) for key, sub in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((here + (index,), sub) for index, sub in reversed(list(enumerate(item))))


# Rules that read one file at a time give the same errors for the same bytes: make serve, which
# checks everything after every save, keeps them by the file's digest.
_BY_FILE: dict[tuple, list[DataError]] = {}


def _per_file(name: str, record, find) -> list[DataError]:
    key = (name, record.doc.display, record.doc.digest)
    if not record.doc.digest:
        return list(find(record))
    if key not in _BY_FILE:
        if len(_BY_FILE) > 20_000:
            _BY_FILE.clear()
        _BY_FILE[key] = list(find(record))
    return _BY_FILE[key]


def _records(data: Dataset) -> list:
    return [*data.points.values(), *data.symptoms.values(), *data.routines.values()]


def _todos(record) -> Iterator[DataError]:
    for path, text in _strings(record.doc.value):
        if "TODO" in text:
            yield record.error(path, "unfinished: replace the TODO text")


@rule(rules.TODO)
def nothing_left_to_do(data: Dataset) -> Iterator[DataError]:
    """A file started with `python -m generator new` reaches the site only when every TODO is written."""
    for record in _records(data):
        yield from _per_file("todo", record, _todos)


MIN_POINTS_PER_SYMPTOM = 3


@rule(rules.SAFETY_LISTS)
def safety_lists(data: Dataset) -> Iterator[DataError]:
    """The safety lists in data/cautions.yml hold: required cautions present, no self-care where forbidden."""
    doc = data.files.get("cautions.yml")
    if doc is None:
        return
    for i, caution in enumerate(data.cautions.values()):
        for j, code in enumerate(caution.required_for):
            point = data.points.get(code)
            if point is None:
                if not data.has_point(code):
                    yield doc.error(("cautions", i, "required_for", j), f"unknown point {code!r}")
            elif caution.id not in point.model.cautions:
                yield point.error(("cautions",), f"must include {caution.id!r} (data/cautions.yml requires it for {code})")
    forbidding = {c.id for c in data.cautions.values() if c.forbids_self_care}
    for record in data.points.values():
        p = record.model
        for caution in forbidding & set(p.cautions):
            if p.self_care:
                yield record.error(("self_care",), f"must be false: the caution {caution!r} rules out pressing this point yourself")
    for j, code in enumerate(data.not_self_care):
        point = data.points.get(code)
        if point is None:
            if not data.has_point(code):
                yield doc.error(("not_self_care", j), f"unknown point {code!r}")
        elif point.model.self_care:
            yield point.error(("self_care",), "must be false: data/cautions.yml lists this point under not_self_care")


@rule(rules.HAS_A_USE)
def every_point_has_a_use(data: Dataset) -> Iterator[DataError]:
    """Every point links to at least one symptom, unless it is a landmark only (e.g. the nipple, ST17)."""
    markers = {c.id for c in data.cautions.values() if c.marker_only}
    for record in data.points.values():
        p = record.model
        if markers & set(p.cautions):
            if p.symptoms or p.modern_uses:
                yield record.error(("symptoms",), "a landmark-only point lists no uses")
        elif not (p.symptoms or p.modern_uses):
            yield record.error(("symptoms",), "list at least one symptom id (the nearest everyday complaint)")


@rule(rules.ENOUGH_POINTS)
def every_symptom_has_enough_points(data: Dataset) -> Iterator[DataError]:
    if data.broken.get("point"):
        return  # counts are unreliable while some point files do not load
    counts = {symptom: len(codes) for symptom, codes in symptom_points(data).items()}
    for record in data.symptoms.values():
        count = counts.get(record.model.id, 0)
        if 0 < count < MIN_POINTS_PER_SYMPTOM:
            yield record.error(("id",), f"only {count} point(s) list this symptom; a symptom page needs at least {MIN_POINTS_PER_SYMPTOM}")


def _names_of(data: Dataset):
    """Every (record, path to its names, names) pair whose pinyin and characters must agree."""
    for record in data.points.values():
        yield record, ("names",), record.model.names
        for i, other in enumerate(record.model.names.other_names):
            if other.hanzi:
                yield record, ("names", "other_names", i), other
    doc = data.files.get("channels.yml")
    if doc is not None:
        for i, channel in enumerate(data.channels.values()):
            yield doc, ("channels", i, "names"), channel.names


@rule(rules.PINYIN)
def pinyin_matches_characters(data: Dataset) -> Iterator[DataError]:
    """Each pinyin syllable, tone mark included, is a reading of its character (pypinyin's dictionary)."""
    accepted = {a.character: {p.lower() for p in a.pinyin} for a in data.names.readings}
    for owner, path, names in _names_of(data):
        syllables = split_syllables(names.pinyin, names.hanzi)
        if syllables is None:
            count = len(names.hanzi)
            message = f"{names.pinyin!r} does not split into {count} pinyin syllables, one for each of {names.hanzi}"
            yield owner.error(path + ("pinyin",), message)
            continue
        for syllable, character in zip(syllables, names.hanzi, strict=True):
            known = {r.lower() for r in readings(character)} | accepted.get(character, set())
            if syllable.lower() not in known:
                expected = ", ".join(sorted(known)) or "unknown"
                yield owner.error(
                    path + ("pinyin",),
                    f"{syllable!r} is not a reading of {character} (expected one of: {expected}); "
                    "check the tone mark, or add an accepted reading with its reason to data/names.yml",
                )


@rule(rules.TRADITIONAL)
def traditional_matches_simplified(data: Dataset) -> Iterator[DataError]:
    """The traditional characters are OpenCC's conversion of the simplified ones, or an accepted variant."""
    accepted = {a.simplified: set(a.traditional) for a in data.names.traditional}
    for owner, path, names in _names_of(data):
        traditional = names.hanzi_traditional
        if traditional is None:
            continue
        if len(traditional) != len(names.hanzi):
            message = f"{traditional} has {len(traditional)} characters; {names.hanzi} has {len(names.hanzi)}"
            yield owner.error(path + ("hanzi_traditional",), message)
            continue
        converted = to_traditional(names.hanzi)
        for simple, expected, given in zip(names.hanzi, converted, traditional, strict=True):
            if given != expected and given not in accepted.get(simple, set()):
                yield owner.error(
                    path + ("hanzi_traditional",),
                    f"{given} is not the traditional form of {simple} (OpenCC gives {expected}); "
                    "fix it, or add an accepted form with its reason to data/names.yml",
                )


WHOLE_BODY_VIEWS = ("body-front", "body-back", "body-side")


_INSIDE: dict[tuple, bool] = {}


def _inside(view_record, x: float, y: float) -> bool:
    """inside_view, remembered by the view file's digest: make serve checks every placement after every save."""
    key = (view_record.doc.digest, x, y)
    if not view_record.doc.digest:
        return inside_view(view_record.model, x, y)
    if key not in _INSIDE:
        if len(_INSIDE) > 50_000:
            _INSIDE.clear()
        _INSIDE[key] = inside_view(view_record.model, x, y)
    return _INSIDE[key]


@rule(rules.PLACEMENTS)
def figure_placements(data: Dataset) -> Iterator[DataError]:
    """A point's figure and locator name real views, lie inside the view and inside the body outline."""
    for record in data.points.values():
        p = record.model
        if p.figure is None:
            yield record.error(("code",), "add a figure: {view, x, y} placing the point on its best view (data/figures/)")
        elif p.locator is None and p.figure.view not in WHOLE_BODY_VIEWS:
            yield record.error(("figure",), f"add a locator on a whole-body view ({', '.join(WHOLE_BODY_VIEWS)}) as well")
        for field, placement in (("figure", p.figure), ("locator", p.locator)):
            if placement is None:
                continue
            view_record = data.figures.get(placement.view)
            if view_record is None:
                if not data.is_broken("view", placement.view):
                    yield record.error((field, "view"), f"unknown view {placement.view!r} (not in data/figures/)")
                continue
            view = view_record.model
            if field == "locator" and view.id not in WHOLE_BODY_VIEWS:
                yield record.error((field, "view"), f"a locator is on a whole-body view ({', '.join(WHOLE_BODY_VIEWS)})")
            if not (0 <= placement.x <= view.width and 0 <= placement.y <= view.height):
                yield record.error((field,), f"({placement.x}, {placement.y}) is outside the {view.width}×{view.height} view")
            elif not _inside(view_record, placement.x, placement.y):
                yield record.error((field,), f"({placement.x}, {placement.y}) is outside the body outline of {view.id}")
            if placement.landmark and placement.landmark not in {m.id for m in view.landmarks}:
                yield record.error((field, "landmark"), f"unknown landmark {placement.landmark!r} in {view.id}")


@rule(rules.GEOMETRY)
def figure_geometry(data: Dataset) -> Iterator[DataError]:
    """Every corner and landmark of a view lies within its own width and height."""
    for record in data.figures.values():
        view = record.model
        shapes = [("outlines", i, s) for i, s in enumerate(view.outlines)] + [("lines", i, s) for i, s in enumerate(view.lines)]
        shapes += [("regions", i, s) for i, s in enumerate(view.regions)]
        for kind, i, shape in shapes:
            for j, (x, y) in enumerate(shape.points):
                if x > view.width or y > view.height:
                    yield record.error((kind, i, "points", j), f"({x}, {y}) is outside the {view.width}×{view.height} view")
        for i, mark in enumerate(view.landmarks):
            if mark.x > view.width or mark.y > view.height:
                yield record.error(("landmarks", i), f"({mark.x}, {mark.y}) is outside the {view.width}×{view.height} view")


@rule(rules.PLACEMENTS)
def diagram_views(data: Dataset) -> Iterator[DataError]:
    """A diagram's panel draws a view that exists."""
    for record in data.diagrams.values():
        for i, panel in enumerate(record.model.panels):
            if panel.view is not None and panel.view not in data.figures and not data.is_broken("view", panel.view):
                yield record.error(("panels", i, "view"), f"unknown view {panel.view!r} (not in data/figures/)")


@rule(rules.GEOMETRY)
def diagram_geometry(data: Dataset) -> Iterator[DataError]:
    """A diagram's shapes and measures lie within their panel, and each panel within the diagram."""
    for record in data.diagrams.values():
        diagram = record.model
        for i, panel in enumerate(diagram.panels):
            view = data.figures[panel.view].model if panel.view in data.figures else None
            width, height = (view.width, view.height) if view else (panel.width, panel.height)
            if width is None or height is None:
                continue  # a view that does not exist: diagram_views says so
            right, bottom = panel.x + width * panel.scale, panel.y + height * panel.scale
            if right > diagram.width or bottom > diagram.height:
                yield record.error(
                    ("panels", i), f"the panel reaches ({right:g}, {bottom:g}), outside the {diagram.width}×{diagram.height} diagram"
                )
            shapes = [("outlines", j, s.points) for j, s in enumerate(panel.outlines)]
            shapes += [("lines", j, s.points) for j, s in enumerate(panel.lines)]
            shapes += [("spans", j, s.points) for j, s in enumerate(panel.spans)]
            for kind, j, points in shapes:
                for k, (x, y) in enumerate(points):
                    if x > width or y > height:
                        yield record.error(("panels", i, kind, j, "points", k), f"({x}, {y}) is outside the {width}×{height} panel")


def _routine_texts(routine) -> list[tuple[tuple, str]]:
    texts = [(("summary",), routine.summary)]
    texts += [(("basis_note",), routine.basis_note)] if routine.basis_note else []
    texts += [(("before", i), t) for i, t in enumerate(routine.before)] + [(("after", i), t) for i, t in enumerate(routine.after)]
    for i, step in enumerate(routine.steps):
        texts.append((("steps", i, "instruction"), step.instruction))
        if step.movement:
            texts.append((("steps", i, "movement"), step.movement))
    return texts


@rule(rules.ROUTINE_CAUTIONS)
def routine_leaves_cautions_to_the_block(data: Dataset) -> Iterator[DataError]:
    """A caution of a routine's points (pregnancy) is said once, by the generated 'Leave out if…'
    block; a routine's own text that speaks of it repeats it or, worse, contradicts it."""
    for record in data.routines.values():
        routine = record.model
        carried = {
            c
            for step in routine.steps
            for code in step.points
            if code in data.points
            for c in data.points[code].model.cautions
            if c in data.cautions and data.cautions[c].mentions
        }
        for caution_id in sorted(carried):
            caution = data.cautions[caution_id]
            words = re.compile(r"\b(" + "|".join(re.escape(w) for w in caution.mentions) + r")\b", re.I)
            for path, text in _routine_texts(routine):
                found = words.search(text)
                if found:
                    yield record.error(
                        path,
                        f"speaks of {found.group(0)!r}: the page's 'Leave out if…' block says which steps to skip, "
                        f"from the points' caution {caution_id!r}; remove it here (it must never repeat or contradict the caution)",
                    )


@rule(rules.ONE_TIER)
def one_tier_per_sign(data: Dataset) -> Iterator[DataError]:
    tiers = ("emergency", "urgent", "doctor_soon")
    for record in data.symptoms.values():
        flags = record.model.red_flags
        entries = [(tier, i, text) for tier in tiers for i, text in enumerate(getattr(flags, tier))]
        for n, (tier_a, i, a) in enumerate(entries):
            for tier_b, j, b in entries[n + 1 :]:
                if tier_a == tier_b:
                    continue
                shared = same_sign(a, b)
                if shared:
                    yield record.error(
                        ("red_flags", tier_b, j),
                        f"the same sign ({', '.join(sorted(shared))}) as red_flags.{tier_a}[{i}]: put it in one tier, or say "
                        "what sets the two apart (suddenly or over weeks, one side or both, with what, after what)",
                    )


@rule(rules.EVIDENCE)
def evidence_cites_reviews(data: Dataset) -> Iterator[DataError]:
    for record in data.symptoms.values():
        evidence = record.model.evidence
        if evidence.grade == "not-reviewed":
            if evidence.sources:
                yield record.error(("evidence", "sources"), "a grade of not-reviewed cites no review; give a grade or remove the sources")
            continue
        if not evidence.sources:
            yield record.error(("evidence", "sources"), f"a grade of {evidence.grade!r} needs the systematic reviews it rests on")
        for i, key in enumerate(evidence.sources):
            reference = data.references.get(key)
            if reference is not None and not reference.doi:
                yield record.error(("evidence", "sources", i), f"{key!r} has no doi in data/references.yml: cite reviews by their DOI")
        yield from _reference_keys(data, record, [(("evidence", "sources", i), k) for i, k in enumerate(evidence.sources)])


_CURE = re.compile(r"\b(cure[sd]?|curing|cure-all|heals? (it|them|the))\b", re.I)


def _cures(record) -> Iterator[DataError]:
    for path, text in _strings(record.doc.value):
        low = text.lower()
        found = _CURE.search(text) if ("cur" in low or "heal" in low) else None
        if found:
            yield record.error(path, f"{found.group(0)!r} promises a cure; say what it is used for, or what may ease")


@rule(rules.NO_CURES)
def no_text_promises_a_cure(data: Dataset) -> Iterator[DataError]:
    """Self-care may ease a complaint; no page may say that pressing cures it."""
    for record in _records(data):
        yield from _per_file("cure", record, _cures)


def _timer_errors(record, path: tuple, timing, duration: str, rhythm: str | None, sides_text: str, two_sides: bool) -> Iterator[DataError]:
    """One timer against its words: the seconds within the stated span, a rhythm's numbers as
    stated, and `together` exactly where the words say both sides are pressed at once."""
    if timing.seconds is not None:
        span = stated_seconds(duration)
        if span and not span[0] <= timing.seconds <= span[1]:
            yield record.error((*path, "seconds"), f"{timing.seconds} s, but the duration says {duration!r} ({span[0]}–{span[1]} s)")
    else:
        for name, (low, high) in stated_rhythm(rhythm or duration).items():
            value = getattr(timing, name)
            if not low <= value <= high:
                stated = f"{low}" if low == high else f"{low}–{high}"
                yield record.error((*path, name), f"{value}, but the text says {stated}: {rhythm or duration!r}")
    says_together = TOGETHER_WORDS.search(sides_text)
    if timing.together and not two_sides:
        yield record.error((*path, "together"), "together: true needs two sides to press (a point off the midline, a step on both sides)")
    elif timing.together and not says_together:
        yield record.error((*path, "together"), "together: true, but the text does not say so: write 'both sides together' in the duration")
    elif two_sides and says_together and not timing.together and not EACH_WORDS.search(duration):
        yield record.error(
            (*path, "together"),
            f"the text says {says_together.group(0)!r}: add together: true, so the timer runs once for both sides",
        )


@rule(rules.TIMER)
def timers_agree_with_their_words(data: Dataset) -> Iterator[DataError]:
    for record in data.points.values():
        point = record.model
        if point.self_care and point.technique is not None:
            t = point.technique
            text = " ".join(x for x in (t.pressure, t.duration, t.rhythm) if x)
            yield from _timer_errors(record, ("technique", "timing"), t.timing, t.duration, t.rhythm, text, paired(data, point))
    for record in data.routines.values():
        for i, step in enumerate(record.model.steps):
            both = step.side.value == "both"
            yield from _timer_errors(
                record, ("steps", i, "timing"), step.timing, step.duration, None, f"{step.duration} {step.instruction}", both
            )
            if both and not step.timing.together and not EACH_WORDS.search(step.duration):
                yield record.error(
                    ("steps", i, "duration"),
                    "a step on both sides says whether it is 'each side' (one after the other) or 'both sides together'",
                )
