"""A routine's page: its warnings first, then one step at a time."""

from __future__ import annotations

from ..derive import SIDE_NAMES, Facts, doc_key
from ..figures import Drawings
from ..links import PageLinks, routine_page
from ..model import Routine
from ..pictures import step_figure
from ..timer import routine_player
from . import PageKind
from .common import point_row, save_slot, shared


def pages(facts: Facts):
    for routine in facts.routines:
        yield routine_page(routine.id), routine


def distinct(flags) -> list[str]:
    """Each sign once, where several symptoms name it: a flag that another one only extends
    ("… ending your life" and "… ending your life (call …)") is left out for the longer one."""
    unique = list(dict.fromkeys(flags))
    stem = [f.rstrip(". ").lower() for f in unique]
    return [
        f for i, f in enumerate(unique) if not any(j != i and s.startswith(stem[i]) and len(s) > len(stem[i]) for j, s in enumerate(stem))
    ]


def context(facts: Facts, links: PageLinks, routine: Routine) -> dict:
    data = facts.data
    drawings = Drawings()  # one per page: each view's outlines once, however many steps show it
    steps = [
        {
            "figure": step_figure(links, step.points, number, drawings),
            "points": [point_row(facts, links, data.points[code].model) for code in step.points],
            "side": SIDE_NAMES[step.side.value],
            "step": step,
        }
        for number, step in enumerate(routine.steps, start=1)
    ]
    symptoms = [data.symptoms[s].model for s in routine.symptoms if s in data.symptoms]
    return {
        **shared(links),
        "routine": routine,
        "steps": steps,
        "player": routine_player(data, routine.title, routine.steps),
        "save": save_slot("routine", routine.id, routine.title),
        "symptoms": [links.symptom(s) for s in routine.symptoms],
        # The two tiers that mean "do not start", from every symptom the routine is for.
        "emergency": distinct(flag for s in symptoms for flag in s.red_flags.emergency),
        "urgent": distinct(flag for s in symptoms for flag in s.red_flags.urgent),
        "leave_out": facts.leave_out(routine),
        "references": [links.reference(k) for k in routine.sources],
        "data": links.record_links(data.routines[routine.id], routine.title),
    }


def depends(facts: Facts, routine: Routine) -> list:
    data = facts.data
    codes = [c for step in routine.steps for c in step.points]
    views = [data.points[c].model.figure.view for c in codes if c in data.points and data.points[c].model.figure]
    return [
        doc_key(data.routines[routine.id].doc),
        *facts.listed(codes),
        *(doc_key(data.symptoms[s].doc) for s in routine.symptoms if s in data.symptoms),
        *facts.view_docs(*views),
        *facts.single("cautions.yml", "references.yml"),
    ]


KIND = PageKind("routine.md.j2", pages, context, depends)
