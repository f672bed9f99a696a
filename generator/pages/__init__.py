"""One module per kind of generated page, each with the pages it makes and one context function.

A page kind says which template it uses, which pages it makes (a docs path and the item
the page is about) and how the template's context is built from the derived facts.
render.py turns them into jobs; nothing here touches the disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..derive import Facts
from ..links import PageLinks


@dataclass(frozen=True)
class PageKind:
    template: str
    pages: Callable[[Facts], Iterable[tuple[str, object]]]  # (docs path, the item the page is about)
    context: Callable[[Facts, PageLinks, object], dict]
    # The data files a page is made from, for make serve: a page whose files are all unchanged is
    # not rendered again. None: the page is rendered every time (pages that list everything).
    depends: Callable[[Facts, object], Iterable] | None = None


def kinds() -> list[PageKind]:
    from . import channel, lists, point, routine, symptom

    return [point.KIND, channel.KIND, symptom.KIND, routine.KIND, *lists.KINDS]
