"""Pages that read first on a phone: what a reader came for before what a practitioner wants,
nothing wider than the screen, tables whose self-care column is in view, the A–Z order and its
letter bar, one disclaimer above the fold, and pages that print on one or two A4 sheets."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from generator.names import strip_tones
from generator.pipeline import check
from generator.project import Project

DATA, _ = check(Project(REPO))
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

EVERY_KIND = [
    "",
    "points/",
    "points/li4/",
    "points/ex-hn3/",
    "points/gv1/",
    "channels/",
    "channels/gb/",
    "symptoms/",
    "symptoms/stiff-neck/",
    "routines/",
    "routines/stiff-neck-distal/",
    "regions/",
    "regions/leg-foot/",
    "categories/",
    "categories/jing-well/",
    "references/",
    "my-points/",
    "pressing-safely/",
    "measuring-cun/",
    "medical-disclaimer/",
    "about-data/",
]


@pytest.fixture(scope="module")
def phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", EVERY_KIND)
def test_nothing_is_wider_than_the_phone(phone, site_url, path):
    phone.goto(site_url + path)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390, path
    # Tables scroll inside their own box on Material; none may need to on these pages.
    wide = phone.evaluate(
        "() => [...document.querySelectorAll('.md-typeset__scrollwrap')].filter(w => w.scrollWidth > w.clientWidth + 1)"
        ".map(w => w.querySelector('th') ? w.querySelector('th').textContent : '?')"
    )
    assert not wide, f"{path}: tables wider than the screen: {wide}"


@pytest.mark.parametrize("path", ["channels/bl/", "channels/gb/", "regions/head-face/", "regions/leg-foot/", "categories/he-sea/"])
def test_the_self_care_column_is_in_view(phone, site_url, path):
    phone.goto(site_url + path)
    edges = phone.locator("article table th:last-child").evaluate_all(
        "cells => cells.map(c => [c.textContent, c.getBoundingClientRect().right])"
    )
    assert edges
    for text, right in edges:
        assert text == "Self-care" and right <= 390, (path, text, right)


def test_a_point_page_reads_in_the_readers_order(phone, site_url):
    phone.goto(site_url + "points/li4/")
    order = phone.evaluate(
        """() => {
          const at = el => el ? el.getBoundingClientRect().top + scrollY : null;
          const h2 = text => [...document.querySelectorAll('article h2')].find(h => h.textContent.startsWith(text));
          return {
            title: at(document.querySelector('article h1')), cautions: at(document.querySelector('.oa-summary')),
            figure: at(document.querySelector('figure.oa-figure')), also: at(document.querySelector('details.oa-also')),
            where: at(h2('Where it is')), find: at(h2('Find it yourself')), press: at(h2('How to press')),
            practitioners: at(h2('For practitioners')),
          };
        }"""
    )
    sequence = ["title", "cautions", "figure", "also", "where", "find", "press", "practitioners"]
    tops = [order[name] for name in sequence]
    assert None not in tops and tops == sorted(tops), order
    # The figure starts on the first screen; the thirty spellings are folded away.
    assert order["figure"] < 844
    assert phone.locator("details.oa-also").evaluate("d => d.open") is False
    notes = phone.locator("article details.note")
    assert notes.count() == 1 and notes.evaluate("d => d.open") is False  # notes on the location folded, after the location


def test_the_disclaimer_appears_once_above_the_fold(phone, site_url):
    phone.goto(site_url)
    seen = phone.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(el => el.children.length === 0 || el.tagName === 'STRONG')
            .filter(el => /not medical advice/i.test(el.textContent) && el.getBoundingClientRect().top < innerHeight
                           && el.getBoundingClientRect().height > 0)
            .map(el => el.textContent.trim())"""
    )
    assert len(seen) == 1, seen


def test_points_a_to_z_ignores_tones_and_has_a_letter_bar(phone, site_url):
    phone.goto(site_url + "points/")
    names = phone.locator("article li > a:first-child").all_inner_texts()
    pinyin = [n.split(" ")[0] for n in names]
    assert len(pinyin) == len(DATA.points)
    keys = [strip_tones(p).lower() for p in pinyin]
    assert keys == sorted(keys)
    # Ānmián sits with the A's, not after Z.
    assert strip_tones(pinyin[0])[0] == "A" and strip_tones(pinyin[-1])[0] == "Z"
    letters = phone.locator("nav.oa-letters a")
    expected = sorted({strip_tones(p)[0].upper() for p in pinyin})
    assert letters.all_inner_texts() == expected
    letters.filter(has_text="S").first.click()
    phone.wait_for_function("() => location.hash === '#letter-s'")
    top = phone.locator("#letter-s").evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < 200


def test_symptoms_a_to_z_has_a_letter_bar(phone, site_url):
    phone.goto(site_url + "symptoms/")
    bar = phone.locator("nav.oa-letters a").all_inner_texts()
    headings = phone.locator("article h2").all_inner_texts()
    assert bar == [h.rstrip("¶").strip() for h in headings]


def test_a_symptom_page_folds_its_other_points(phone, site_url):
    symptom = max(DATA.symptoms.values(), key=lambda r: len([p for p in DATA.points.values() if r.model.id in p.model.symptoms])).model
    phone.goto(site_url + f"symptoms/{symptom.id}/")
    folded = phone.locator("article details")
    summaries = folded.locator("summary").all_inner_texts()
    assert any(re.search(r"\(\d+\)", s) for s in summaries), summaries
    assert all(not d for d in folded.evaluate_all("ds => ds.map(d => d.open)"))


def test_contributor_pages_are_not_in_learn(phone, site_url):
    phone.goto(site_url + "pressing-safely/")
    learn = phone.evaluate(
        """() => { const item = [...document.querySelectorAll('.md-nav__item--nested')].find(i => i.querySelector('label, a')
                     && i.querySelector('label, a').textContent.trim().startsWith('Learn'));
                   return item ? item.textContent : ''; }"""
    )
    assert "Measuring" in learn and "How fast" not in learn


def pages_printed(page, url: str) -> int:
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def longest_self_care_points(count: int) -> list[str]:
    """The self-care points with the most text: the hardest to fit on two pages."""

    def length(record) -> int:
        p = record.model
        return len(p.location) + sum(map(len, p.finding)) + len(str(p.technique)) + sum(len(n.note) for n in p.location_notes)

    chosen = sorted((r for r in DATA.points.values() if r.model.self_care), key=length, reverse=True)[:count]
    return [r.model.code for r in chosen]


@pytest.mark.parametrize("code", ["LI4", *longest_self_care_points(6)])
def test_a_point_prints_on_at_most_two_pages(phone, site_url, code):
    assert pages_printed(phone, site_url + f"points/{code.lower()}/") <= 2


@pytest.mark.parametrize("routine", sorted(DATA.routines))
def test_a_routine_prints_as_a_one_page_card(phone, site_url, routine):
    assert pages_printed(phone, site_url + f"routines/{routine}/") == 1


def test_print_leaves_out_the_frame_and_the_practitioners_table(phone, site_url):
    phone.goto(site_url + "points/li4/")
    phone.emulate_media(media="print")
    try:
        assert phone.locator(".md-header").is_hidden() and phone.locator(".md-sidebar--primary").is_hidden()
        assert phone.locator("article h2#for-practitioners").is_hidden()
        for kept in (
            "figure.oa-figure",
            "article h2#where-it-is",
            "article h2#find-it-yourself",
            "article h2#how-to-press",
            "article h2#cautions",
        ):
            assert phone.locator(kept).first.is_visible(), kept
    finally:
        phone.emulate_media(media="screen")


LAYOUT_SHIFTS = """
window.__shifted = 0;
new PerformanceObserver(list => list.getEntries().forEach(entry => { if (!entry.hadRecentInput) window.__shifted += entry.value; }))
  .observe({ type: "layout-shift", buffered: true });
"""


def test_nothing_moves_while_a_page_loads(browser, site_url):
    """The star, the player and the banner's switch are filled in by scripts: their places are kept
    from the first paint, so the page does not jump under the reader's finger (Lighthouse: CLS)."""
    context = browser.new_context(**PHONE)
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    shifted = {}
    for path in EVERY_KIND:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        shifted[path] = page.evaluate("() => window.__shifted")
    context.close()
    assert all(value < 0.01 for value in shifted.values()), {p: round(v, 4) for p, v in shifted.items() if v >= 0.01}


INK = """
async (chars) => {
  const family = getComputedStyle(document.querySelector(".md-typeset")).fontFamily;
  await document.fonts.load(`48px ${family}`, chars.join(""));
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 64;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.font = `48px ${family}`;
  return chars.filter((char) => {
    context.clearRect(0, 0, 64, 64);
    context.fillText(char, 8, 52);
    const alpha = context.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3);
    return alpha.filter((value) => value > 128).length < 20;
  });
}
"""


def test_every_letter_of_the_names_is_drawn(phone, site_url):
    """Each accented pinyin letter and each Chinese character the data uses leaves ink in the
    text font of the pages: a font named for Chinese must not draw the tone marks blank."""
    names = [record.model.names for record in DATA.points.values()]
    accented = sorted({char for n in names for char in n.pinyin if ord(char) > 127})
    chinese = sorted({char for n in names for char in n.hanzi + n.hanzi_traditional})
    phone.goto(site_url + "points/li4/")
    assert len(accented) > 20 and len(chinese) > 400
    assert phone.evaluate(INK, accented + chinese) == []
