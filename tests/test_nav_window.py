"""Each page's view of the navigation (generator/nav_window.py), on stand-in entries."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from generator.nav_window import LONGEST_LIST, NEIGHBOURS, page_navigation, window


@dataclass
class Entry:
    title: str
    active: bool = False
    is_index: bool = False
    is_section: bool = False
    url: str = ""
    children: list = field(default_factory=list)


def section(count: int, active: int | None, index: bool = True) -> list:
    head = [Entry("index", is_index=True, url="sec/", active=active == -1)] if index else []
    return head + [Entry(f"e{i}", active=i == active) for i in range(count)]


def titles(entries: list) -> list[str]:
    return [e.title for e in entries]


def test_a_short_list_is_shown_whole():
    children = section(LONGEST_LIST, active=3)
    assert window(children) is children


@pytest.mark.parametrize("active", [0, 1, NEIGHBOURS, 40, 79 - NEIGHBOURS, 78, 79])
def test_a_long_list_shows_the_active_entry_with_a_fixed_number_around_it(active):
    shown = window(section(80, active=active))
    assert shown[0].title == "index"
    assert shown[-1].title == "Show all 80" and shown[-1].url == "sec/"
    middle = titles(shown[1:-1])
    assert len(middle) == 2 * NEIGHBOURS + 1
    assert f"e{active}" in middle
    numbers = [int(t[1:]) for t in middle]
    if NEIGHBOURS <= active <= 79 - NEIGHBOURS:
        assert middle.index(f"e{active}") == NEIGHBOURS  # centred
    else:
        assert numbers[0] == 0 or numbers[-1] == 79  # pushed against the start or the end
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # consecutive, in order


def test_the_index_page_itself_sees_the_start_of_its_list():
    shown = window(section(80, active=-1))
    assert titles(shown[1:-1]) == [f"e{i}" for i in range(2 * NEIGHBOURS + 1)]


def test_a_long_list_without_an_index_page_has_no_show_all_link():
    shown = window(section(80, active=50, index=False))
    assert titles(shown) == [f"e{i}" for i in range(50 - NEIGHBOURS, 50 + NEIGHBOURS + 1)]


def test_page_navigation_windows_only_active_sections_at_every_depth():
    inner = Entry("Channels", is_section=True, active=True, children=section(100, active=70))
    outer = Entry("Points", is_section=True, active=True, children=[Entry("A-Z"), inner])
    elsewhere = Entry("Symptoms", is_section=True, children=section(100, active=None))

    class Nav:
        items = [outer, elsewhere]
        homepage = "home"

    view = page_navigation(Nav())
    assert view.homepage == "home" and len(view) == 2
    points, symptoms = list(view)
    assert points.title == "Points" and points.is_section  # everything but the children is the section's
    channels = points.children[1]
    assert len(channels.children) == 2 * NEIGHBOURS + 3
    assert symptoms is elsewhere and len(symptoms.children) == 101  # pruned by Material, left alone here
    assert len(inner.children) == 101  # the shared navigation is not changed
