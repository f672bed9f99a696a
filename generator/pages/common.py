"""Context every page shares, and the rows of a point in a list."""

from __future__ import annotations

import html

from markupsafe import Markup

from ..derive import REGION_NAMES, Facts
from ..links import DISCLAIMER, MEASURING, PRESSING_SAFELY, PageLinks
from ..model import Point


def shared(links: PageLinks) -> dict:
    return {
        "disclaimer": links.page("Not medical advice", DISCLAIMER),
        "safety": links.page("how to press safely", PRESSING_SAFELY),
        "cun": links.page("cun", MEASURING),
    }


def point_row(facts: Facts, links: PageLinks, point: Point, category_id: str | None = None) -> dict:
    """A point as a row of a table or an item of a list, with its safety marks."""
    return {
        "link": links.point(point.code, full=False),
        "title_link": links.point(point.code),
        "code": point.code,
        "pinyin": point.names.pinyin,
        "hanzi": point.names.hanzi,
        "english": point.names.english,
        "region": REGION_NAMES[point.region],
        "self_care": point.self_care,
        "marks": facts.marks(point),
        "phase": facts.five_phase(point, category_id) if category_id else None,
    }


def save_slot(kind: str, item_id: str, title: str) -> Markup:
    """Where javascripts/mypoints.js puts the star that saves this page to My points."""
    e = html.escape
    return Markup(f'<div class="oa-save" data-save-kind="{e(kind)}" data-save-id="{e(item_id)}" data-save-title="{e(title)}" hidden></div>')
