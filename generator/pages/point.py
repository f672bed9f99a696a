"""A point's page: where it is, how to find and press it, what it is used for, its cautions."""

from __future__ import annotations

import html

from markupsafe import Markup

from ..derive import REGION_NAMES, Facts, doc_key
from ..figures import Drawings
from ..links import PageLinks, point_page, point_title
from ..model import Point
from ..names import point_aliases
from ..pictures import point_figure
from ..timer import point_timer
from . import PageKind
from .common import point_row, save_slot, shared


def pages(facts: Facts):
    for point in facts.points:
        yield point_page(point.code), point


def description(point: Point) -> str:
    return (
        f"{point.code} {point.names.pinyin} ({point.names.english}): where it is, how to find it on yourself"
        + (", how to press it" if point.self_care else "")
        + " and what it is used for."
    )


def _neighbours(links: PageLinks, siblings: list[Point], point: Point) -> Markup | None:
    index = next(i for i, p in enumerate(siblings) if p is point)  # `is`: model equality compares every field
    parts = []
    if index > 0:
        parts.append(Markup("← ") + links.point(siblings[index - 1].code))
    if index + 1 < len(siblings):
        parts.append(links.point(siblings[index + 1].code) + Markup(" →"))
    return Markup(" · ").join(parts) if parts else None


def also_written(aliases: list[str]) -> Markup:
    """Every other spelling of the point, folded away under a summary: a reader rarely needs all
    thirty, but every builder's search engine indexes them as text, so all are found."""
    body = " · ".join(html.escape(a) for a in aliases)
    return Markup(
        f'<details class="oa-also"><summary data-search-exclude>Also written ({len(aliases)} ways)</summary><p>{body}</p></details>'
    )


def _meeting_name(facts: Facts, key: str) -> str:
    if key in facts.data.channels:
        return f"{facts.data.channels[key].name} ({key})"
    return facts.data.vessels[key].name


def context(facts: Facts, links: PageLinks, point: Point) -> dict:
    data = facts.data
    channel = data.channels.get(point.channel)
    aliases = point_aliases(point, channel)
    title = point_title(point)
    return {
        **shared(links),
        "point": point,
        "row": point_row(facts, links, point),
        "title": title,
        "description": description(point),
        "also": also_written([a for a in aliases if a not in (point.names.english, *point.names.english_alt)]),
        "tags": [point.code, point.names.pinyin, *aliases],
        "region": REGION_NAMES[point.region],
        "channel": channel,
        "channel_link": links.channel(point.channel) if channel else None,
        "neighbours": _neighbours(links, facts.by_channel[point.channel], point),
        "figure": point_figure(links, point, Drawings()),
        "timer": point_timer(data, point),
        "save": save_slot("point", point.code, f"{point.code} {point.names.pinyin}"),
        "symptoms": [links.symptom(s) for s in point.symptoms],
        "modern_uses": [
            {"symptom": links.symptom(u.symptom), "use": u, "source": links.reference(u.source) if u.source else None}
            for u in point.modern_uses
        ],
        "categories": [links.category(c, point) for c in point.categories],
        "meeting": [_meeting_name(facts, m) for m in point.meeting_of],
        "cautions": facts.cautions_of(point),
        "summary": facts.summary(point),
        "general_cautions": facts.general_cautions,
        "related": [point_row(facts, links, data.points[code].model) for code in point.related],
        "routines": [links.routine(r) for r in facts.routines_of.get(point.code, [])],
        "location_source": data.references[point.sources.location],
        "references": [links.reference(k) for k in [point.sources.location, *point.sources.other]],
        "data": links.record_links(data.points[point.code], title),
    }


def depends(facts: Facts, point: Point) -> list:
    """Its own file, its neighbours along the channel, the points it names, its symptoms, every
    routine (any may use it), its views and the single files it quotes."""
    data = facts.data
    siblings = facts.by_channel.get(point.channel, [])
    index = next((i for i, p in enumerate(siblings) if p is point), 0)
    neighbours = [p.code for p in siblings[max(0, index - 1) : index + 2]]
    symptoms = [*point.symptoms, *(u.symptom for u in point.modern_uses)]
    views = [p.view for p in (point.figure, point.locator) if p]
    return [
        *facts.point_docs([point.code]),
        *facts.listed([*neighbours, *point.related]),
        *(doc_key(data.symptoms[s].doc) for s in symptoms if s in data.symptoms),
        *facts.routine_docs,
        *facts.view_docs(*views),
        *facts.single("channels.yml", "cautions.yml", "references.yml", "categories.yml"),
    ]


KIND = PageKind("point.md.j2", pages, context, depends)
