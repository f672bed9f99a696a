"""The dataset as JSON for reuse, published under api/ in the built site.

Field names follow the documented format (docs/about-data.md); fields may be added, never
renamed. Every field of every data model is exported under its own name, exported in another
shape (FLATTENED), or left out on purpose with a reason (NOT_EXPORTED); tests/test_export.py
fails when a new field is none of these.
"""

from __future__ import annotations

import json

from .derive import Facts
from .links import channel_page, page_url, point_page, routine_page, symptom_page
from .names import point_aliases

# Model fields exported under other names: model → field → the exported keys that carry it.
FLATTENED = {
    "Point": {"names": ("pinyin", "hanzi", "hanzi_traditional", "english", "english_alt", "other_names")},
    "Symptom": {"primary_points": ("points",)},
    "Channel": {"names": ("pinyin", "hanzi", "hanzi_traditional", "english_alt")},
}
# Model fields not exported, and why.
NOT_EXPORTED: dict[str, dict[str, str]] = {
    "Caution": {"required_for": "a rule for make check; the points that carry a caution list it themselves"},
}


def _dump(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _placement(placement) -> dict | None:
    return placement.model_dump(mode="json", exclude_defaults=True) if placement else None


# make serve exports after every save: each point's row is kept by what it is made from.
_POINT_ROWS: dict[tuple, dict] = {}


def point_row(facts: Facts, p) -> dict:
    data = facts.data
    record = data.points.get(p.code)
    singles = tuple(facts.single("channels.yml", "cautions.yml"))
    key = (p.code, record.doc.digest if record else "", *singles)
    if record is not None and record.doc.digest and key in _POINT_ROWS:
        return _POINT_ROWS[key]
    row = _point_row(facts, p)
    if record is not None and record.doc.digest:
        if len(_POINT_ROWS) > 4 * len(data.points) + 100:
            _POINT_ROWS.clear()
        _POINT_ROWS[key] = row
    return row


def _point_row(facts: Facts, p) -> dict:
    data = facts.data
    general = [c.id for c in facts.general_cautions]
    return {
        "code": p.code,
        "other_codes": list(p.other_codes),
        "channel": p.channel,
        "number": p.number,
        "pinyin": p.names.pinyin,
        "hanzi": p.names.hanzi,
        "hanzi_traditional": p.names.hanzi_traditional,
        "english": p.names.english,
        "english_alt": list(p.names.english_alt),
        "other_names": [o.model_dump(exclude_none=True) for o in p.names.other_names],
        "aliases": point_aliases(p, data.channels.get(p.channel)),
        "region": p.region.value,
        "location": p.location,
        "location_notes": [n.model_dump(exclude_none=True) for n in p.location_notes],
        "self_care": p.self_care,
        "self_care_note": p.self_care_note,
        "finding": list(p.finding),
        "technique": p.technique.model_dump(exclude_none=True) if p.technique else None,
        "symptoms": list(p.symptoms),
        "modern_uses": [u.model_dump(mode="json", exclude_none=True) for u in p.modern_uses],
        "other_indications": list(p.other_indications),
        "functions": list(p.functions),
        "categories": list(p.categories),
        "meeting_of": list(p.meeting_of),
        "cautions": list(p.cautions) + (general if p.self_care else []),
        "caution_note": p.caution_note,
        "related": list(p.related),
        # Where the point is drawn: a view of api/views.json and x, y in that view's coordinates.
        "figure": _placement(p.figure),
        "locator": _placement(p.locator),
        "sources": {"location": p.sources.location, "other": list(p.sources.other)},
        "url": page_url(point_page(p.code)),
    }


def symptom_row(facts: Facts, s) -> dict:
    chosen = facts.symptom_points(s)
    return {
        "id": s.id,
        "name": s.name,
        "synonyms": s.synonyms.lay + s.synonyms.clinical + s.synonyms.tcm,
        "synonyms_by_kind": s.synonyms.model_dump(),
        "description": s.description,
        "red_flags": [*s.red_flags.emergency, *s.red_flags.urgent, *s.red_flags.doctor_soon],
        "red_flags_by_tier": s.red_flags.model_dump(),
        "home_care": list(s.home_care),
        "related": list(s.related),
        # The order the page shows: the chosen points first, then the others and the professional ones.
        "points": chosen.first + chosen.others + chosen.professional,
        "evidence": s.evidence.model_dump(mode="json") if s.evidence else None,
        "sources": list(s.sources),
        "url": page_url(symptom_page(s.id)),
    }


def channel_row(facts: Facts, c) -> dict:
    return {
        "code": c.code,
        "name": c.name,
        "pinyin": c.names.pinyin,
        "hanzi": c.names.hanzi,
        "hanzi_traditional": c.names.hanzi_traditional,
        "english_alt": list(c.names.english_alt),
        "alt_codes": list(c.alt_codes),
        "point_count": c.point_count,
        "limb": c.limb,
        "polarity": c.polarity,
        "description": c.description,
        "pathway": c.pathway,
        "points": [p.code for p in facts.by_channel.get(c.code, [])],
        "url": page_url(channel_page(c.code)),
    }


def export(facts: Facts) -> dict[str, bytes]:
    data = facts.data
    points = facts.points
    return {
        "api/points.json": _dump({"points": [point_row(facts, p) for p in points]}),
        "api/symptoms.json": _dump(
            {"symptoms": [symptom_row(facts, s) for s in sorted((r.model for r in data.symptoms.values()), key=lambda s: s.id)]}
        ),
        "api/channels.json": _dump(
            {
                "channels": [channel_row(facts, c) for c in data.channels.values()],
                "vessels": [v.model_dump() for v in data.vessels.values()],
            }
        ),
        "api/routines.json": _dump(
            {"routines": [{**r.model_dump(mode="json"), "url": page_url(routine_page(r.id))} for r in facts.routines]}
        ),
        "api/categories.json": _dump({"categories": [c.model_dump() for c in data.categories.values()]}),
        "api/cautions.json": _dump({"cautions": [c.model_dump(exclude={"required_for"}) for c in data.cautions.values()]}),
        "api/references.json": _dump({"references": [r.model_dump() for r in data.references.values()]}),
        # The drawings the points are placed on: outlines and landmarks in each view's coordinates.
        # and the diagrams of hand-written pages (the cun measures), drawn on some of them.
        "api/views.json": _dump(
            {
                "views": [r.model.model_dump(mode="json") for r in data.figures.values()],
                "diagrams": [r.model.model_dump(mode="json") for r in data.diagrams.values()],
            }
        ),
    }
