"""The site navigation for generated pages, written to docs/.nav.yml.

mkdocs.yml keeps the hand-written order and names a generated section with a
placeholder (`Symptoms: generated:symptoms`); the MkDocs hook in
mkdocs_hooks.py swaps in the lists built here. Labels are HTML-escaped because
Material writes navigation titles into the page unescaped. Points are grouped by channel, so
with Material's navigation.prune a page carries one channel's points, not all; nav_window.py
cuts the lists that are still long.
"""

from __future__ import annotations

import json

from .dataset import Dataset
from .escape import html_text
from .model import Region
from .render import REGION_NAMES, category_page, channel_page, point_page, region_page, routine_page, symptom_page


def build_nav(data: Dataset) -> dict[str, list]:
    points = data.sorted_points()
    channel_sections = []
    for code, channel in data.channels.items():
        entries: list = [channel_page(code)]
        entries += [{html_text(f"{p.code} {p.names.pinyin}"): point_page(p.code)} for p in points if p.channel == code]
        channel_sections.append({html_text(f"{channel.name} ({code})"): entries})
    symptoms = sorted((r.model for r in data.symptoms.values()), key=lambda s: s.name.lower())
    routines = sorted((r.model for r in data.routines.values()), key=lambda r: r.title.lower())
    return {
        "symptoms": ["symptoms/index.md"] + [{html_text(s.name): symptom_page(s.id)} for s in symptoms],
        "points": [
            {"Points A–Z": "points/index.md"},
            {"By body region": ["regions/index.md"] + [{REGION_NAMES[r]: region_page(r)} for r in Region]},
            {"By category": ["categories/index.md"] + [{html_text(c.name): category_page(c.id)} for c in data.categories.values()]},
            {"Channels": ["channels/index.md", *channel_sections]},
        ],
        "references": "references/index.md",
        "routines": ["routines/index.md"] + [{html_text(r.title): routine_page(r.id)} for r in routines],
    }


def nav_file(data: Dataset) -> bytes:
    # JSON is valid YAML and needs no escaping decisions.
    return (json.dumps(build_nav(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
