"""Every figure of the built site, measured in a real browser at phone size: no word or number
on a figure touches another, a marker, a landmark, or leaves the drawing; and figures draw
with no network at all (a page saved to disk)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

# Figures of several pages are measured in one page load: the site's own page frame (its CSS and
# fonts), with the article replaced by the figures.
BATCH = 40
FIGURES = re.compile(r'<figure class="oa-figure".*?</figure>', re.S)

# For each SVG figure: the box of every text (getBBox, in the view's units), the circles it must
# keep clear of (markers with their white rim, landmark rings, start rings), and the view box.
MEASURE = """sections => {
  const found = [];
  const overlap = (a, b) => Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.01
    && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.01;
  const hits = (box, c) => {
    const dx = Math.max(box.x - c.x, 0, c.x - (box.x + box.width));
    const dy = Math.max(box.y - c.y, 0, c.y - (box.y + box.height));
    return Math.hypot(dx, dy) < c.r - 0.01;
  };
  for (const section of document.querySelectorAll('section[data-page]')) {
    for (const svg of section.querySelectorAll('svg.oa-svg')) {
      const where = section.dataset.page + ' ' + (svg.querySelector('title')?.id || '?');
      const view = svg.viewBox.baseVal;
      const perUnit = svg.getBoundingClientRect().width / view.width;
      const texts = [...svg.querySelectorAll('text')].map(t => ({box: t.getBBox(), text: t.textContent}));
      const circles = [...svg.querySelectorAll('circle.oa-marker, circle.oa-landmark, circle.oa-start')].map(c => {
        const rim = parseFloat(getComputedStyle(c).strokeWidth) || 0;
        const units = c.classList.contains('oa-marker') ? rim / 2 : rim / 2 / perUnit;
        return {x: c.cx.baseVal.value, y: c.cy.baseVal.value, r: c.r.baseVal.value + units, what: c.getAttribute('class')};
      });
      const squares = [...svg.querySelectorAll('rect.oa-end')].map(r => r.getBBox());
      texts.forEach((a, i) => {
        const b = a.box;
        if (b.x < view.x || b.y < view.y || b.x + b.width > view.x + view.width || b.y + b.height > view.y + view.height)
          found.push(`${where}: "${a.text}" leaves the view box`);
        texts.slice(i + 1).forEach(o => { if (overlap(b, o.box)) found.push(`${where}: "${a.text}" overlaps "${o.text}"`); });
        circles.forEach(c => { if (hits(b, c)) found.push(`${where}: "${a.text}" covers a ${c.what} at ${c.x.toFixed(1)},${c.y.toFixed(1)}`); });
        squares.forEach(s => { if (overlap(b, s)) found.push(`${where}: "${a.text}" covers the end square`); });
      });
    }
  }
  return {problems: found, figures: document.querySelectorAll('section[data-page] svg.oa-svg').length,
          texts: document.querySelectorAll('section[data-page] svg.oa-svg text').length};
}"""


def pages_with_figures(site: Path) -> list[tuple[str, list[str]]]:
    """(page path, its figures' HTML) for every built page that has figures."""
    found = []
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        figures = FIGURES.findall(html)
        if figures:
            found.append((path.parent.relative_to(site).as_posix() + "/", figures))
    return found


def measure(browser, site_url: str, pages: list[tuple[str, list[str]]]) -> dict:
    """Load the figures of `pages` into the site's page frame, BATCH pages at a time, at 390×844."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "points/li4/")
    problems: list[str] = []
    figures = texts = 0
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        content = "".join(f'<section data-page="{path}">{"".join(figs)}</section>' for path, figs in batch)
        page.evaluate("html => { document.querySelector('article.md-content__inner').innerHTML = html }", content)
        result = page.evaluate(MEASURE)
        problems += result["problems"]
        figures += result["figures"]
        texts += result["texts"]
    context.close()
    return {"problems": problems, "figures": figures, "texts": texts}


def test_no_label_touches_another_a_marker_or_the_edge(browser, real_site, site_url):
    pages = pages_with_figures(real_site / "site")
    kinds = {path.split("/")[0] for path, _ in pages}
    assert {"points", "channels", "symptoms", "routines", "regions"} <= kinds, kinds
    began = time.monotonic()
    result = measure(browser, site_url, pages)
    took = time.monotonic() - began
    print(f"\n{len(pages)} pages, {result['figures']} figures, {result['texts']} labels measured in {took:.1f} s")
    assert result["figures"] > len(pages)
    assert not result["problems"], f"{len(result['problems'])} overlaps:\n" + "\n".join(result["problems"][:40])


def test_the_diagrams_of_hand_written_pages_have_no_overlaps(browser, real_site, site_url):
    """The cun diagrams (docs/figures/*.svg): their labels and captions, measured the same way."""
    files = sorted((real_site / "site/figures").glob("*.svg"))
    assert files
    pages = [(f"figures/{f.name}", [f.read_text(encoding="utf-8").replace("<svg ", '<svg class="oa-svg" ', 1)]) for f in files]
    result = measure(browser, site_url, pages)
    assert result["figures"] == len(files) and result["texts"] >= 3 * len(files)
    assert not result["problems"], result["problems"]


def test_the_measure_finds_an_overlap(browser, site_url):
    """The measurement itself: two labels on top of each other, a label on a marker, one out of view."""
    svg = (
        '<figure class="oa-figure"><svg class="oa-svg" viewBox="0 0 100 100" style="width:200px">'
        '<title id="t">t</title><circle class="oa-marker" cx="50" cy="50" r="4"/>'
        '<text x="10" y="20" font-size="10">Navel</text><text x="14" y="22" font-size="10">12</text>'
        '<text x="49" y="53" font-size="10">3</text><text x="95" y="99" font-size="10">far</text></svg></figure>'
    )
    problems = measure(browser, site_url, [("crafted/", [svg])])["problems"]
    assert any('"Navel" overlaps "12"' in p for p in problems), problems
    assert any('"3" covers a oa-marker' in p for p in problems), problems
    assert any('"far" leaves the view box' in p for p in problems), problems


@pytest.mark.parametrize("path", ["points/cv12/", "symptoms/stiff-neck/", "routines/stiff-neck-distal/", "regions/head-face/"])
def test_a_saved_page_draws_its_figures_offline(browser, real_site, path, tmp_path):
    """A page saved on its own (no site beside it) and opened with every request refused still
    draws its figures: each <use> finds its drawing in the same document."""
    saved = tmp_path / "page.html"
    saved.write_text((real_site / "site" / path / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 844}, offline=True)
    page = context.new_page()
    refused: list[str] = []
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else (refused.append(route.request.url), route.abort()),
    )
    page.goto(saved.as_uri())
    sizes = page.locator("figure.oa-figure use").evaluate_all("uses => uses.map(u => u.getBBox().width)")
    assert sizes and all(width > 10 for width in sizes), (path, sizes)
    assert not [url for url in refused if "/figures/" in url], refused
    context.close()


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


def test_the_body_map_takes_a_tap_to_a_region(phone, site_url):
    """Home page: each region of the body map is a link named after its region; tapping one opens
    the region's page even with Material's instant navigation on, with no script error."""
    from generator.derive import REGION_NAMES

    phone.goto(site_url)
    areas = phone.locator("svg.oa-map a.oa-area")
    names = set(areas.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))"))
    assert names == set(REGION_NAMES.values()), names
    assert phone.get_by_role("link", name="Lower back").count() >= 2  # the drawing's area and the caption's link
    phone.locator("svg.oa-map a.oa-area[data-region='neck'] path").first.tap()
    phone.wait_for_url(site_url + "regions/neck/")
    phone.wait_for_function("() => document.querySelector('.md-content h1')?.textContent.startsWith('Neck')")
    assert phone.errors == []


def test_the_body_map_works_from_the_keyboard(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url)
    for _ in range(300):  # Tab through the page until a region of the map has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.matches('a.oa-area')"):
            break
    region = page.evaluate("() => document.activeElement.dataset.region")
    assert region, "no region of the body map can be reached with Tab"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}regions/{region}/")
    assert errors == []
    context.close()


def test_region_markers_link_to_their_points(phone, site_url):
    """A region page's markers are links named by code and pinyin; following one opens the point,
    and instant navigation still works on the page reached."""
    phone.goto(site_url + "regions/neck/")
    marker = phone.locator("figure.oa-figure svg a").first
    name = marker.get_attribute("aria-label")
    code = name.split()[0]
    assert re.fullmatch(r"[A-Z]{2}\d+ \S+", name), name
    marker.locator("circle.oa-marker").tap()
    phone.wait_for_url(f"{site_url}points/{code.lower()}/")
    phone.wait_for_function("c => document.querySelector('.md-content h1')?.textContent.startsWith(c)", arg=code)
    phone.evaluate("() => { window.sameDocument = true }")
    phone.locator(".md-content .point-subtitle a").first.click()  # the point's channel
    phone.wait_for_url(f"{site_url}channels/**")
    assert phone.evaluate("() => window.sameDocument === true"), "instant navigation stopped working"
    assert phone.errors == []
