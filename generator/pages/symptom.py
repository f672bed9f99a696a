"""A symptom's page: when to get help, then the points people press for it."""

from __future__ import annotations

from ..derive import REGION_NAMES, Facts, doc_key
from ..figures import Drawings
from ..links import PageLinks, symptom_page
from ..model import Symptom
from ..names import strip_tones
from ..pictures import WHOLE_BODY, symptom_figure
from . import PageKind
from .common import point_row, shared


def pages(facts: Facts):
    for symptom_id in sorted(facts.data.symptoms):
        yield symptom_page(symptom_id), facts.data.symptoms[symptom_id].model


GRADES = {
    "good": "Good evidence",
    "some": "Some evidence",
    "little": "Little or no evidence",
    "not-reviewed": "Not yet reviewed",
}


def _basis(point, symptom_id: str) -> str | None:
    """'modern practice' or 'research' where the point's use for this symptom is not classical."""
    if symptom_id in point.symptoms:
        return None
    use = next((u for u in point.modern_uses if u.symptom == symptom_id), None)
    return ("modern practice" if use.basis == "modern-practice" else use.basis.value) if use else None


def context(facts: Facts, links: PageLinks, symptom: Symptom) -> dict:
    data = facts.data
    chosen = facts.symptom_points(symptom)
    synonyms = symptom.synonyms
    tags = [symptom.name, *synonyms.lay, *synonyms.clinical, *synonyms.tcm]
    tags += [strip_tones(t) for t in synonyms.tcm if strip_tones(t) != t]  # luòzhěn → luozhen
    shown = [data.points[c].model for c in chosen.first]

    def row(point):
        return point_row(facts, links, point) | {"region": REGION_NAMES[point.region], "basis": _basis(point, symptom.id)}

    return {
        **shared(links),
        "symptom": symptom,
        "tags": tags,
        # "Points for stiff neck": the name in a sentence, its first letter in lower case only.
        "figure": symptom_figure(links, symptom.name[:1].lower() + symptom.name[1:], shown, f"sy-{symptom.id}", Drawings()),
        "description": f"{symptom.name}: when to see a doctor, and acupressure points people use for it. {symptom.description}",
        "points": [row(p) for p in shown],
        "others": [row(data.points[c].model) for c in chosen.others],
        "professional": [row(data.points[c].model) for c in chosen.professional],
        "evidence": {
            "grade": GRADES[symptom.evidence.grade.value],
            "level": symptom.evidence.grade.value,
            "summary": symptom.evidence.summary,
            "sources": [links.reference(k) for k in symptom.evidence.sources],
        },
        "related": [links.symptom(s) for s in symptom.related],
        "routines": [links.routine(r) for r in facts.routines_for(symptom.id)],
        "data": links.record_links(data.symptoms[symptom.id], symptom.name),
    }


def depends(facts: Facts, symptom: Symptom) -> list:
    data = facts.data
    codes = [*facts.by_symptom.get(symptom.id, []), *symptom.primary_points]
    return [
        doc_key(data.symptoms[symptom.id].doc),
        *facts.listed(codes),
        *(doc_key(data.symptoms[s].doc) for s in symptom.related if s in data.symptoms),
        *facts.routine_docs,
        *facts.view_docs(*WHOLE_BODY),
        *facts.single("cautions.yml", "references.yml"),
    ]


KIND = PageKind("symptom.md.j2", pages, context, depends)
