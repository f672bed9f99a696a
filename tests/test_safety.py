"""Safety travels with the point: every list that shows a point shows its cautions (one macro, one
source), a point's page warns before it instructs, a routine starts with its symptoms' red flags
and a 'Leave out if…' block built from its points' cautions, and the pregnancy switch sets
points apart in a real browser."""

from __future__ import annotations

import re

import pytest

from conftest import ROUTINE, SYMPTOM, point
from generator.pipeline import generate
from generator.project import Project

PREGNANCY = '<span class="oa-mark" data-caution="pregnancy">Not in pregnancy</span>'
NOT_SELF_CARE = '<span class="oa-mark" data-caution="not-self-care">Not for self-care</span>'


@pytest.fixture
def pages(mini):
    """The mini project with LI4 carrying the pregnancy caution and LI1 not for self-care."""
    mini.write_point(point("LI1", self_care=False, self_care_note="Not here.", finding=[], technique=None, related=["LI4"]))
    mini.write(
        "symptoms/stiff-neck.yml", SYMPTOM | {"red_flags": SYMPTOM["red_flags"] | {"urgent": ["Pain that painkillers do not touch."]}}
    )
    mini.write(
        "routines/neck-routine.yml",
        ROUTINE
        | {
            "steps": [
                ROUTINE["steps"][0],
                {"points": ["LI2"], "duration": "1 minute each side", "timing": {"seconds": 60}, "instruction": "Press LI2."},
            ]
        },
    )
    generate(Project(mini.root))
    docs = mini.root / "docs"
    return {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in docs.rglob("*.md")}


def line_of(page: str, text: str) -> str:
    return next(line for line in page.splitlines() if text in line)


@pytest.mark.parametrize(
    ("page", "where"),
    [
        ("symptoms/stiff-neck.md", "LI4 · Hégǔ"),  # the chosen points
        ("routines/neck-routine.md", "LI4 · Hégǔ"),  # a routine step
        ("channels/li/index.md", "[LI4]"),  # the channel's table
        ("regions/arm-hand.md", "[LI4]"),  # a region's table
        ("categories/yuan-source.md", "[LI4]"),  # a category's table
        ("points/index.md", "LI4 ·"),  # Points A–Z
        ("points/li2.md", "LI4 · Hégǔ"),  # related points
    ],
)
def test_every_list_marks_the_pregnancy_caution(pages, page, where):
    assert PREGNANCY in line_of(pages[page], where), line_of(pages[page], where)


@pytest.mark.parametrize(
    ("page", "where"), [("symptoms/stiff-neck.md", "LI1 · Shāngyáng"), ("channels/li/index.md", "[LI1]"), ("points/index.md", "LI1 ·")]
)
def test_every_list_marks_a_point_that_is_not_for_self_care(pages, page, where):
    assert NOT_SELF_CARE in line_of(pages[page], where)


def test_a_point_page_warns_before_it_instructs(pages):
    li4 = pages["points/li4.md"]
    summary = li4.index("**Cautions:**")
    assert summary < li4.index("<figure") < li4.index("## Where it is") < li4.index("## How to press")
    assert PREGNANCY in line_of(li4, "**Cautions:**")
    li1 = pages["points/li1.md"]
    assert NOT_SELF_CARE in line_of(li1, "**Cautions:**")


def test_a_routine_starts_with_red_flags_and_what_to_leave_out(pages):
    routine = pages["routines/neck-routine.md"]
    first_step = routine.index("## Step 1")
    for heading in ('"Do not start: call emergency services now if"', '"Do not start: get medical help today if"', '"Leave out if…"'):
        assert routine.index(heading) < first_step, heading
    assert "Stiff neck with fever and a rash." in routine and "Pain that painkillers do not touch." in routine
    assert "Lasts more than a week." not in routine  # the other tiers are on the symptom page, linked
    leave_out = line_of(routine, "If you are or may be pregnant")
    assert "skip step 1." in leave_out and "step 2" not in leave_out


def test_the_marks_come_from_one_macro():
    """No template writes a safety mark of its own for a listed point: they call marks()."""
    from generator.render import TEMPLATES

    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        if template.name in ("_safety.md.j2", "point.md.j2"):
            continue  # the macro itself; the point page's header names its own cautions
        assert 'class="oa-mark"' not in text, template.name


def test_the_switch_sets_points_apart_in_a_browser(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "symptoms/headache/")
    switch = page.locator(".md-banner .oa-switch input[data-switch=pregnancy]")
    assert switch.is_visible() and not switch.is_checked()  # reachable, and off by default
    assert page.locator(".oa-set-apart").count() == 0
    switch.check()
    status = page.locator(".oa-switch-status").inner_text()
    assert re.search(r"\d+ points? on this page (is|are) set apart", status), status
    set_apart = page.locator("li.oa-set-apart").evaluate_all("items => items.map(i => i.textContent)")
    assert set_apart and all("Not in pregnancy" in text for text in set_apart)
    # It stays on from page to page, in this browser, and the caution itself offers it.
    page.goto(site_url + "routines/skull-base-release/")
    assert page.locator("h2.oa-skip-step").count() == 1
    page.goto(site_url + "points/li4/")
    inline = page.locator(".admonition .oa-switch input[data-switch=pregnancy]")
    assert inline.is_checked()
    inline.uncheck()
    page.goto(site_url + "symptoms/headache/")
    assert page.locator(".oa-set-apart").count() == 0
    context.close()


def test_pages_are_complete_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "symptoms/headache/")
    assert page.locator(".oa-switch").first.is_hidden()  # a switch that could not work is not offered
    assert page.locator(".oa-mark[data-caution=pregnancy]").count() > 0  # the marks are there all the same
    context.close()
