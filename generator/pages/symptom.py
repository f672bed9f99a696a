"""A symptom's page: when to get help, then the points people press for it."""

from __future__ import annotations

from ..derive import REGION_NAMES, Facts
from ..links import PageLinks, symptom_page
from ..model import Symptom
from ..names import strip_tones
from ..pictures import overview_figure
from . import PageKind
from .common import point_row, shared


def pages(facts: Facts):
    for symptom_id in sorted(facts.data.symptoms):
        yield symptom_page(symptom_id), facts.data.symptoms[symptom_id].model


def context(facts: Facts, links: PageLinks, symptom: Symptom) -> dict:
    data = facts.data
    chosen = facts.symptom_points(symptom)
    synonyms = symptom.synonyms
    tags = [symptom.name, *synonyms.lay, *synonyms.clinical, *synonyms.tcm]
    tags += [strip_tones(t) for t in synonyms.tcm if strip_tones(t) != t]  # luòzhěn → luozhen
    shown = [data.points[c].model for c in chosen.first]
    return {
        **shared(links),
        "symptom": symptom,
        "tags": tags,
        "figure": overview_figure(
            links, shown, f"Points for {symptom.name.lower()}, numbered as in the list", f"sy-{symptom.id}", numbered=True, path=False
        ),
        "description": f"{symptom.name}: when to see a doctor, and acupressure points people use for it. {symptom.description}",
        "points": [point_row(facts, links, p) | {"region": REGION_NAMES[p.region]} for p in shown],
        "others": [point_row(facts, links, data.points[c].model) for c in chosen.others],
        "professional": [point_row(facts, links, data.points[c].model) for c in chosen.professional],
        "related": [links.symptom(s) for s in symptom.related],
        "routines": [links.routine(r) for r in facts.routines_for(symptom.id)],
        "data": links.record_links(data.symptoms[symptom.id], symptom.name),
    }


KIND = PageKind("symptom.md.j2", pages, context)
