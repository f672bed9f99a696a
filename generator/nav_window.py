"""Each page's own view of the site navigation, with long lists cut to the entries near the page.

MkDocs renders the whole navigation into every page; Material's navigation.prune leaves out the
sections the page is not in, but still lists every sibling along the page's path: every symptom
on a symptom page, every channel on a point page. Those lists grow with the data, and so would
every page's weight and the build's time (a page × every page). Here a list longer than
LONGEST_LIST shows the NEIGHBOURS entries on either side of the page's own, then a link to the
section's index page, which lists them all; shorter lists are shown whole. The page's
breadcrumbs and its previous/next links come from the full navigation and do not change.
"""

from __future__ import annotations

from mkdocs.structure.nav import Link

LONGEST_LIST = 30
NEIGHBOURS = 12


class Overlay:
    """An object as one page sees it: the attributes given here replaced, every other the original's."""

    def __init__(self, original, **replaced) -> None:
        self._original = original
        self.__dict__.update(replaced)

    def __getattr__(self, name: str):
        return getattr(self._original, name)


class NavigationView(Overlay):
    """The navigation as one page sees it (Material's templates read `items` and `homepage`)."""

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def page_navigation(nav) -> NavigationView:
    """`nav` as the active page (the one MkDocs marked active) should render it."""
    return NavigationView(nav, items=_view(nav.items))


def _view(items: list) -> list:
    return [Overlay(item, children=_view(window(item.children))) if item.is_section and item.active else item for item in items]


def window(children: list) -> list:
    """A section's children, or when there are too many, its index page, the entries around the
    active one and a last entry that leads to the index page."""
    index = children[0] if children and getattr(children[0], "is_index", False) else None
    entries = children[1:] if index else children
    if len(entries) <= LONGEST_LIST:
        return children
    here = next((i for i, entry in enumerate(entries) if entry.active), None)
    if here is None:  # the index page itself is the page: start at the top
        here = 0
    start = max(0, min(here - NEIGHBOURS, len(entries) - (2 * NEIGHBOURS + 1)))
    shown = entries[start : start + 2 * NEIGHBOURS + 1]
    if index is None:
        return shown
    return [index, *shown, Link(f"Show all {len(entries)}", index.url)]
