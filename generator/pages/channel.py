"""A channel's page: its pathway and every one of its points."""

from __future__ import annotations

from ..derive import Facts
from ..figures import Drawings
from ..links import PageLinks, channel_page
from ..model import Channel
from ..pictures import WHOLE_BODY, channel_figure
from . import PageKind
from .common import point_row


def pages(facts: Facts):
    for channel in facts.data.channels.values():
        yield channel_page(channel.code), channel


def context(facts: Facts, links: PageLinks, channel: Channel) -> dict:
    points = facts.by_channel.get(channel.code, [])
    return {
        "channel": channel,
        "rows": [point_row(facts, links, p) for p in points],
        "figure": channel_figure(links, channel.name, channel.code, points, Drawings()),
        "description": f"The {channel.name} channel ({channel.code}): its pathway and all {len(points)} of its points.",
        "data": links.file_links("data/channels.yml", f"the {channel.name} channel"),
    }


def depends(facts: Facts, channel: Channel) -> list:
    codes = [p.code for p in facts.by_channel.get(channel.code, [])]
    return [*facts.listed(codes), *facts.view_docs(*WHOLE_BODY), *facts.single("channels.yml", "cautions.yml")]


KIND = PageKind("channel.md.j2", pages, context, depends)
