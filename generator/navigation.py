"""The site navigation, written into the generated builder configuration (mkdocs.gen.yml).

The committed mkdocs.yml has no `nav:`; its hand-written order lives under `extra.nav`,
where a generated section is a placeholder (`Symptoms: generated:symptoms`). The generator
replaces each placeholder with the list built here and writes the whole navigation into
mkdocs.gen.yml (`INHERIT: mkdocs.yml`), which MkDocs, ProperDocs and Zensical all read:
nothing build-critical depends on a builder's hooks. Labels are HTML-escaped because
Material writes navigation titles into the page unescaped. Points are grouped by channel,
so with Material's navigation.prune a page carries one channel's points, not all.
"""

from __future__ import annotations

import json

from .derive import REGION_NAMES, Facts
from .escape import html_text
from .links import (
    CATEGORIES_INDEX,
    CHANNELS_INDEX,
    MY_POINTS_PAGE,
    POINTS_INDEX,
    REFERENCES_PAGE,
    REGIONS_INDEX,
    ROUTINES_INDEX,
    SYMPTOMS_INDEX,
    category_page,
    channel_page,
    point_page,
    region_page,
    routine_page,
    symptom_page,
)
from .model import Region

PLACEHOLDER = "generated:"
CONFIG_FILE = "mkdocs.gen.yml"


class NavigationError(ValueError):
    pass


def sections(facts: Facts) -> dict[str, list | str]:
    data = facts.data
    channel_sections = []
    for code, channel in data.channels.items():
        entries: list = [channel_page(code)]
        entries += [{html_text(f"{p.code} {p.names.pinyin}"): point_page(p.code)} for p in facts.by_channel.get(code, [])]
        channel_sections.append({html_text(f"{channel.name} ({code})"): entries})
    symptoms = sorted((r.model for r in data.symptoms.values()), key=lambda s: s.name.lower())
    routines = sorted(facts.routines, key=lambda r: r.title.lower())
    return {
        "symptoms": [SYMPTOMS_INDEX] + [{html_text(s.name): symptom_page(s.id)} for s in symptoms],
        "points": [
            {"Points A–Z": POINTS_INDEX},
            {"By body region": [REGIONS_INDEX] + [{REGION_NAMES[r]: region_page(r)} for r in Region]},
            {"By category": [CATEGORIES_INDEX] + [{html_text(c.name): category_page(c.id)} for c in data.categories.values()]},
            {"Channels": [CHANNELS_INDEX, *channel_sections]},
        ],
        "references": REFERENCES_PAGE,
        "my-points": MY_POINTS_PAGE,
        "routines": [ROUTINES_INDEX] + [{html_text(r.title): routine_page(r.id)} for r in routines],
    }


def expand(nav, generated: dict):
    """The hand-written navigation with each `generated:<section>` placeholder replaced by its list."""
    if isinstance(nav, list):
        return [expand(item, generated) for item in nav]
    if isinstance(nav, dict):
        return {title: expand(value, generated) for title, value in nav.items()}
    if isinstance(nav, str) and nav.startswith(PLACEHOLDER):
        name = nav[len(PLACEHOLDER) :]
        if name not in generated:
            raise NavigationError(f"mkdocs.yml: extra.nav names the section {name!r}, which the generator does not make")
        return generated[name]
    return nav


def config_file(base_nav: list, facts: Facts, extra: dict | None = None) -> bytes:
    """The generated builder configuration: mkdocs.yml, plus the complete navigation and the
    site-wide switches readers can turn on (cautions with a `switch`, for overrides/main.html)."""
    switches = [{"id": c.id, "label": c.switch, "title": c.title} for c in facts.switches]
    config = {"INHERIT": "mkdocs.yml", "nav": expand(base_nav, sections(facts)), "extra": {"switches": switches}, **(extra or {})}
    # JSON is valid YAML and needs no escaping decisions.
    return (json.dumps(config, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
