"""Pages that list: categories, regions, the A–Z and index pages, and the sources."""

from __future__ import annotations

import unicodedata

from ..derive import REGION_NAMES, Facts, doc_key
from ..escape import link
from ..figures import Drawings
from ..links import (
    CATEGORIES_INDEX,
    CHANNELS_INDEX,
    MY_POINTS_PAGE,
    POINTS_INDEX,
    REFERENCES_PAGE,
    REGIONS_INDEX,
    ROUTINES_INDEX,
    SYMPTOMS_INDEX,
    PageLinks,
    category_page,
    point_page,
    region_page,
)
from ..model import Category, Region
from ..names import strip_tones
from ..pictures import region_figures
from . import PageKind
from .common import point_row, shared


def category_context(facts: Facts, links: PageLinks, category: Category) -> dict:
    points = facts.in_category(category.id)
    rows = [point_row(facts, links, p, category.id) for p in points]
    return {
        "category": category,
        "rows": rows,
        "show_phase": any(r["phase"] for r in rows),
        "description": f"{category.name}: what the category means and the {len(points)} points that belong to it.",
        "data": links.file_links("data/categories.yml", category.name),
    }


def _region_order(facts: Facts, region: Region) -> list[list]:
    """The region's points by channel, in the order of data/channels.yml."""
    points = facts.in_region(region)
    return [members for code in facts.data.channels if (members := [p for p in points if p.channel == code])]


def region_context(facts: Facts, links: PageLinks, region: Region) -> dict:
    points = facts.in_region(region)
    groups = _region_order(facts, region)
    ordered = [p for members in groups for p in members]
    numbers = {p.code: n for n, p in enumerate(ordered, start=1)}
    sections = [
        {
            "channel": links.channel(members[0].channel),
            "rows": [point_row(facts, links, p) | {"number": numbers[p.code]} for p in members],
        }
        for members in groups
    ]
    return {
        "name": REGION_NAMES[region],
        "count": len(points),
        "self_care": sum(p.self_care for p in points),
        "sections": sections,
        "figure": region_figures(links, REGION_NAMES[region], ordered, Drawings()),
    }


def sort_letters(pinyin: str) -> str:
    """Pinyin as it sorts in an index: tone marks and case ignored (Ānmián with the A's)."""
    return strip_tones(pinyin).lower()


def points_index_context(facts: Facts, links: PageLinks, _) -> dict:
    letters: dict[str, list] = {}
    for point in sorted(facts.points, key=lambda p: (sort_letters(p.names.pinyin), p.code)):
        letter = sort_letters(point.names.pinyin)[0].upper()
        letters.setdefault(letter, []).append(
            point_row(facts, links, point) | {"name_link": link(point.names.pinyin, links.to(point_page(point.code)))}
        )
    return {"letters": letters, "count": len(facts.points)}


def channels_index_context(facts: Facts, links: PageLinks, _) -> dict:
    rows = [
        {
            "link": links.channel(code),
            "names": c.names,
            "count": len(facts.by_channel.get(code, [])),
            "alt": c.alt_codes,
            "limb": c.limb,
            "polarity": c.polarity,
        }
        for code, c in facts.data.channels.items()
    ]
    return {"rows": rows}


def symptoms_index_context(facts: Facts, links: PageLinks, _) -> dict:
    letters: dict[str, list] = {}
    for s in sorted((r.model for r in facts.data.symptoms.values()), key=lambda s: s.name.lower()):
        letter = unicodedata.normalize("NFD", s.name[0])[0].upper()
        letters.setdefault(letter, []).append({"link": links.symptom(s.id), "synonyms": (s.synonyms.lay + s.synonyms.clinical)[:4]})
    return {"letters": letters, "count": len(facts.data.symptoms)}


def routines_index_context(facts: Facts, links: PageLinks, _) -> dict:
    rows = [
        {"link": links.routine(r.id), "summary": r.summary, "time": r.total_time}
        for r in sorted(facts.routines, key=lambda r: r.title.lower())
    ]
    return {"rows": rows}


def categories_index_context(facts: Facts, links: PageLinks, _) -> dict:
    groups: dict[str, list] = {}
    for category in facts.data.categories.values():
        groups.setdefault(category.group, []).append(
            {"link": links.page(category.name, category_page(category.id)), "count": len(facts.in_category(category.id))}
        )
    return {"groups": groups}


def regions_index_context(facts: Facts, links: PageLinks, _) -> dict:
    return {"rows": [{"link": links.region(r), "count": len(facts.in_region(r))} for r in Region]}


def references_context(facts: Facts, links: PageLinks, _) -> dict:
    return {
        "references": list(facts.data.references.values()),
        "cited": facts.cited(),
        "data": links.file_links("data/references.yml", "Sources"),
    }


def my_points_context(facts: Facts, links: PageLinks, _) -> dict:
    """The page that lists what a reader saved (javascripts/mypoints.js fills it in the browser)."""
    return {**shared(links), "points_index": links.to(POINTS_INDEX)}


def _one(path: str):
    return lambda facts: [(path, None)]


# The data files each list is made from (make serve's page memo, render.PageMemo).
def _all_points(facts: Facts, _=None) -> list:
    return [
        *facts.listed(p.code for p in facts.points),
        *facts.single("channels.yml", "cautions.yml", "categories.yml", "references.yml"),
    ]


def _every_point_file(facts: Facts, _=None) -> list:
    """The sources page counts the citations in every point's file."""
    return [*facts.point_docs(p.code for p in facts.points), *facts.single("references.yml")]


def _all_symptoms(facts: Facts, _=None) -> list:
    return [doc_key(r.doc) for r in facts.data.symptoms.values()]


def _all_routines(facts: Facts, _=None) -> list:
    return [*facts.routine_docs, *_all_symptoms(facts)]


def _category_points(facts: Facts, category) -> list:
    return [
        *facts.listed(p.code for p in facts.in_category(category.id)),
        *facts.single("channels.yml", "cautions.yml", "categories.yml"),
    ]


def _region_points(facts: Facts, region) -> list:
    points = facts.in_region(region)
    views = {p.figure.view for p in points if p.figure}
    return [*facts.listed(p.code for p in points), *facts.view_docs(*sorted(views)), *facts.single("channels.yml", "cautions.yml")]


KINDS = [
    PageKind("points_index.md.j2", _one(POINTS_INDEX), points_index_context, _all_points),
    PageKind("channels_index.md.j2", _one(CHANNELS_INDEX), channels_index_context, _all_points),
    PageKind("symptoms_index.md.j2", _one(SYMPTOMS_INDEX), symptoms_index_context, _all_symptoms),
    PageKind("routines_index.md.j2", _one(ROUTINES_INDEX), routines_index_context, _all_routines),
    PageKind(
        "category.md.j2",
        lambda facts: [(category_page(c.id), c) for c in facts.data.categories.values()],
        category_context,
        _category_points,
    ),
    PageKind("categories_index.md.j2", _one(CATEGORIES_INDEX), categories_index_context, _all_points),
    PageKind("region.md.j2", lambda facts: [(region_page(r), r) for r in Region], region_context, _region_points),
    PageKind("regions_index.md.j2", _one(REGIONS_INDEX), regions_index_context, _all_points),
    PageKind("references.md.j2", _one(REFERENCES_PAGE), references_context, _every_point_file),
    PageKind("my_points.md.j2", _one(MY_POINTS_PAGE), my_points_context, lambda facts, _: []),
]
