"""A real browser on the built site: search a code and a symptom, open the result, look at it on a phone."""

from __future__ import annotations

import pytest

from conftest import REPO

SCREENSHOTS = REPO / "test-results"


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    page.goto(site_url)
    yield page
    context.close()


def search(page, query: str) -> list[tuple[str, str]]:
    """Type a query into the site's own search box; return (href, title) of the results, best first."""
    page.click(".md-search__input")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), (a.querySelector('h1, h2') || a).textContent.trim()])"
    )


@pytest.mark.core
@pytest.mark.parametrize(
    ("query", "expected_path", "title"),
    [
        ("LI4", "points/li4/", "LI4 · Hégǔ 合谷"),
        ("li-4", "points/li4/", "LI4 · Hégǔ 合谷"),
        ("SJ17", "points/te17/", "TE17 · Yìfēng 翳风"),
        ("L.I.4", "points/li4/", "LI4 · Hégǔ 合谷"),
        ("TE1", "points/te1/", "TE1 · Guānchōng 关冲"),
        ("ex-ue-8", "points/ex-ue8/", "EX-UE8 · Wàiláogōng 外劳宫"),
        ("He Gu", "points/li4/", "LI4 · Hégǔ 合谷"),
        ("風池", "points/gb20/", "GB20 · Fēngchí 风池"),
        ("Hegu", "points/li4/", "LI4 · Hégǔ 合谷"),
        ("合谷", "points/li4/", "LI4 · Hégǔ 合谷"),
        ("stiff neck", "symptoms/stiff-neck/", "Stiff neck"),
        ("torticollis", "symptoms/stiff-neck/", "Stiff neck"),
    ],
)
def test_search_finds_and_opens(page, site_url, query, expected_path, title):
    results = search(page, query)
    href, result_title = results[0]
    assert href.split("?")[0] == site_url + expected_path, results[:3]
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url(f"{site_url}{expected_path}**")
    # Instant navigation changes the address first and the content a moment later.
    page.wait_for_function("t => document.querySelector('.md-content h1')?.textContent.replace('¶', '').trim() === t", arg=title)
    assert all(url.startswith(site_url) for url in page.requests), "a page loaded something from another host"


def test_point_page_on_a_phone(browser, site_url):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path, name in (("points/gb20/", "gb20"), ("symptoms/stiff-neck/", "stiff-neck")):
        page.goto(site_url + path)
        assert page.locator("h1").first.is_visible()
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"), full_page=True)
    assert all(url.startswith(site_url) for url in requests), [u for u in requests if not u.startswith(site_url)]
    context.close()


# The marker's fill and the skin colour the drawing inherits (a CSS variable), both as rgb().
SKIN_AND_MARKER = """m => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--oa-skin)';
    m.closest('figure').appendChild(probe);
    const skin = getComputedStyle(probe).color;
    probe.remove();
    return [getComputedStyle(m).fill, skin];
}"""


@pytest.mark.parametrize("path", ["points/gb20/", "points/li4/", "points/si3/", "points/ex-ue8/", "points/sp6/", "channels/sp/"])
def test_figure_marker_is_visible_on_a_phone(browser, site_url, path):
    """The marker shows at phone width in light and dark schemes; screenshots are kept for reviewers."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + path)
        figure = page.locator("figure.oa-figure").first
        figure.scroll_into_view_if_needed()
        marker = figure.locator("circle.oa-marker").first
        box = marker.bounding_box()
        assert box and box["width"] >= 5 and box["height"] >= 5, (path, scheme, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        # The body drawing is carried by the page and used by each figure: it must be drawn.
        page.wait_for_function("() => [...document.querySelectorAll('figure.oa-figure use')].every(u => u.getBBox().width > 10)")
        colours = marker.evaluate(SKIN_AND_MARKER)
        assert colours[0] != colours[1] and colours[0] not in ("none", "rgba(0, 0, 0, 0)"), colours
        name = path.strip("/").replace("/", "-")
        figure.screenshot(path=str(SCREENSHOTS / f"figure-{name}-{scheme}.png"))
        context.close()


def test_instant_navigation_keeps_figures_drawn(page, site_url):
    """Material swaps pages in place (navigation.instant); figures must survive the swap,
    from pages at every depth, with no script error on the way."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate("() => { window.sameDocument = true }")
    for path in ["symptoms/stiff-neck/", "points/li4/", "channels/li/", "", "points/", "points/gb20/"]:
        link = page.locator(f".md-content a[href='{site_url}{path}'], .md-header a[href='{site_url}{path}']").first
        if not link.count():
            link = page.locator(f"a[href='{site_url}{path}']").first
        link.click()
        page.wait_for_url(site_url + path)
        assert page.evaluate("() => window.sameDocument === true"), f"{path}: a full page load, not instant navigation"
        if path.count("/") == 2:  # point, symptom and channel pages have figures
            # The address changes first and the content a moment later: wait for the new page's figures.
            page.wait_for_function(
                "() => { const uses = [...document.querySelectorAll('figure.oa-figure use')];"
                " return uses.length > 0 && uses.every(u => u.getBBox().width > 10); }"
            )
    assert errors == []


def test_search_index_waits_for_the_page(browser, site_url):
    """The site's search index (javascripts/search.js) is fetched after the page's own load event,
    so that on a slow connection it does not take bandwidth from the page, and the builder's
    index of every page's text is never downloaded; searching works."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "points/li4/", wait_until="load")
    page.wait_for_load_state("networkidle")
    timing = page.evaluate(
        """() => {
          const entries = performance.getEntriesByType("resource");
          const index = entries.find(e => e.name.endsWith("/api/search.json"));
          const navigation = performance.getEntriesByType("navigation")[0];
          return index && {requested: index.startTime, loaded: navigation.loadEventStart,
                           builders: entries.filter(e => e.name.endsWith("/search/search_index.json")).length};
        }"""
    )
    assert timing, "the search index was never requested"
    assert timing["requested"] >= timing["loaded"], timing
    assert timing["builders"] == 0, "the builder's index of every page was downloaded"
    assert search(page, "GB20")[0][0].split("?")[0] == site_url + "points/gb20/"
    context.close()


def test_landmarks_keep_their_names_after_instant_navigation(page, site_url):
    """Every navigation landmark has a name of its own (axe: landmark-unique), also on pages
    reached by instant navigation, where Material swaps the page's content in place."""
    # Material draws the table of contents twice (in the menu for phones and in its own sidebar);
    # only one is shown at a time, and hidden landmarks are not announced.
    names = """() => [...document.querySelectorAll('nav')].filter(nav => nav.checkVisibility())
      .map(nav => nav.getAttribute('aria-label') || nav.getAttribute('aria-labelledby'))"""
    page.locator(f"a[href='{site_url}points/']").first.click()
    page.wait_for_url(site_url + "points/")
    page.locator(f".md-content a[href='{site_url}points/li4/']").first.click()
    page.wait_for_url(site_url + "points/li4/")
    page.wait_for_function("() => document.querySelector('.md-content h1')?.textContent.startsWith('LI4')")
    labels = page.evaluate(names)
    assert "Breadcrumb" in labels and "Large Intestine (LI)" in labels, labels
    assert None not in labels and len(labels) == len(set(labels)), labels
