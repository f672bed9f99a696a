"""The dataset as JSON for reuse, published under api/ in the built site.

Field names follow the documented format; fields may be added, never renamed.
"""

from __future__ import annotations

import json
import re

from .dataset import Dataset
from .derive import Facts
from .links import channel_page, page_url, point_page, routine_page, symptom_page
from .names import point_aliases, strip_tones


def _dump(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def notation(data: Dataset, points) -> dict:
    """What the site's search box needs to read a query the way the reader meant it.

    prefixes: channel abbreviations in every system (lower case) → WHO channel code,
    so LI-4, L.I.4, SJ17 or UB40 are read as a code; codes: every point code;
    names: every pinyin name without tones or spaces, so "He Gu" is read as Hegu."""
    prefixes = {}
    for code, channel in data.channels.items():
        for prefix in [code, *channel.alt_codes]:
            prefixes[prefix.lower()] = code
    names = {_joined(p.names.pinyin) for p in points}
    names |= {_joined(o.pinyin) for p in points for o in p.names.other_names}
    return {"prefixes": dict(sorted(prefixes.items())), "codes": [p.code for p in points], "names": sorted(names)}


def _joined(pinyin: str) -> str:
    return re.sub(r"[\s'’-]", "", strip_tones(pinyin)).lower()


def export(facts: Facts) -> dict[str, bytes]:
    data = facts.data
    points = facts.points
    general = [c.id for c in facts.general_cautions]
    by_symptom = facts.by_symptom
    point_rows = []
    for p in points:
        channel = data.channels.get(p.channel)
        point_rows.append(
            {
                "code": p.code,
                "channel": p.channel,
                "number": p.number,
                "pinyin": p.names.pinyin,
                "hanzi": p.names.hanzi,
                "hanzi_traditional": p.names.hanzi_traditional,
                "english": p.names.english,
                "english_alt": list(p.names.english_alt),
                "other_names": [o.model_dump(exclude_none=True) for o in p.names.other_names],
                "aliases": point_aliases(p, channel),
                "region": p.region.value,
                "location": p.location,
                "location_notes": [n.note for n in p.location_notes],
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
                "sources": {"location": p.sources.location, "other": list(p.sources.other)},
                "url": page_url(point_page(p.code)),
            }
        )
    symptom_rows = []
    for s in sorted((r.model for r in data.symptoms.values()), key=lambda s: s.id):
        symptom_rows.append(
            {
                "id": s.id,
                "name": s.name,
                "synonyms": s.synonyms.lay + s.synonyms.clinical + s.synonyms.tcm,
                "synonyms_by_kind": s.synonyms.model_dump(),
                "description": s.description,
                "red_flags": [*s.red_flags.emergency, *s.red_flags.doctor_soon],
                "red_flags_by_tier": s.red_flags.model_dump(),
                "home_care": list(s.home_care),
                "related": list(s.related),
                "points": list(s.primary_points) + [c for c in by_symptom.get(s.id, []) if c not in s.primary_points],
                "url": page_url(symptom_page(s.id)),
            }
        )
    channel_rows = [
        {
            "code": code,
            "name": c.name,
            "pinyin": c.names.pinyin,
            "hanzi": c.names.hanzi,
            "hanzi_traditional": c.names.hanzi_traditional,
            "english_alt": list(c.names.english_alt),
            "alt_codes": list(c.alt_codes),
            "point_count": c.point_count,
            "points": [p.code for p in points if p.channel == code],
            "url": page_url(channel_page(code)),
        }
        for code, c in data.channels.items()
    ]
    routine_rows = [
        {**r.model.model_dump(mode="json"), "url": page_url(routine_page(r.model.id))}
        for r in sorted(data.routines.values(), key=lambda r: r.model.id)
    ]
    return {
        "api/notation.json": _dump(notation(data, points)),
        "api/points.json": _dump({"points": point_rows}),
        "api/symptoms.json": _dump({"symptoms": symptom_rows}),
        "api/channels.json": _dump({"channels": channel_rows}),
        "api/routines.json": _dump({"routines": routine_rows}),
    }
