"""Search that finds, as a reader on a phone uses it: the built site's own search box in Chromium at
390 × 844 with the CPU slowed down four times, each query typed key by key, pasted, or composed
with an input method, and Enter pressed right after the last key.

The queries and the page each must find are in benchmarks/search_queries.py; `make bench` times
every keystroke of the same queries (benchmarks/search_latency.py). Hit rates per kind are
printed with `pytest -s tests/test_search.py`.
"""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.search_queries import CODE, NAME, NUMBERED, QUERIES, SPELLING, SYMPTOM, VARIANT

RESULTS: Counter = Counter()
TOTALS: Counter = Counter()
THROTTLE = 4  # a phone-class CPU


def open_search(page):
    if not page.locator(".md-search__input").is_visible():
        page.locator("label[for=__search]").first.click()
    box = page.locator(".md-search__input")
    box.fill("")
    return box


def shown(page) -> str | None:
    """The text the results on screen were computed for (javascripts/search.js)."""
    return page.evaluate("() => window.openAcupointsSearch.shown().text")


def result_paths(page, site_url: str) -> list[str]:
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")
    return list(dict.fromkeys(h.removeprefix(site_url).split("?")[0].split("#")[0] for h in hrefs))


@pytest.fixture(scope="module")
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(site_url + "symptoms/")
    page.evaluate("() => window.openAcupointsSearch.ready()")
    page.cdp = cdp
    yield page
    context.close()


def typed(page, query: str) -> None:
    open_search(page).type(query, delay=25)


def pasted(page, query: str) -> None:
    box = open_search(page)
    page.evaluate("text => navigator.clipboard.writeText(text)", query)
    box.focus()
    page.keyboard.press("Control+V")


def composed(page, query: str) -> None:
    """An input method: the text composed first (no search while composing), then committed."""
    box = open_search(page)
    box.focus()
    page.cdp.send("Input.imeSetComposition", {"text": query[:1], "selectionStart": 1, "selectionEnd": 1})
    page.cdp.send("Input.insertText", {"text": query})


@pytest.mark.parametrize(("kind", "query", "expected", "rank"), QUERIES, ids=[f"{q[0]}:{q[1]}:{q[2]}" for q in QUERIES])
def test_typed(phone, site_url, kind, query, expected, rank):
    typed(phone, query)
    assert shown(phone) == query  # the results on screen belong to the text in the box
    pages = result_paths(phone, site_url)
    TOTALS[kind] += 1
    found = expected in pages[:rank]
    RESULTS[kind] += found
    assert found, f"{query!r}: expected {expected} in the top {rank}, got {pages[:5]}"


@pytest.mark.parametrize(("kind", "query", "expected", "rank"), QUERIES, ids=[f"{q[0]}:{q[1]}:{q[2]}" for q in QUERIES])
def test_pasted(phone, site_url, kind, query, expected, rank):
    pasted(phone, query)
    phone.wait_for_function("q => window.openAcupointsSearch.shown().text === q", arg=query, timeout=5000)
    assert expected in result_paths(phone, site_url)[:rank]


COMPOSED = [q for q in QUERIES if q[0] in (NAME, VARIANT, SYMPTOM) and not q[1].isascii()] + [q for q in QUERIES if q[0] == NUMBERED][:3]


@pytest.mark.parametrize(("kind", "query", "expected", "rank"), COMPOSED, ids=[f"{q[0]}:{q[1]}" for q in COMPOSED])
def test_composed_with_an_input_method(phone, site_url, kind, query, expected, rank):
    composed(phone, query)
    phone.wait_for_function("q => window.openAcupointsSearch.shown().text === q", arg=query, timeout=5000)
    assert expected in result_paths(phone, site_url)[:rank]


# One of each kind, Enter pressed in the same moment as the last key.
ENTERED = [next(q for q in QUERIES if q[0] == kind and q[3] == 1) for kind in (CODE, NAME, NUMBERED, SYMPTOM, VARIANT)] + [
    (CODE, "LI-4", "points/li4/", 1),
    (SPELLING, "migrane", "symptoms/migraine/", 1),
]


@pytest.mark.parametrize(("kind", "query", "expected", "rank"), ENTERED, ids=[f"{q[0]}:{q[1]}" for q in ENTERED])
def test_enter_right_after_the_last_key_opens_the_top_result_of_that_text(phone, site_url, kind, query, expected, rank):
    box = open_search(phone)
    box.type(query, delay=0)
    phone.keyboard.press("Enter")
    phone.wait_for_url(site_url + expected + "**", timeout=10_000)
    phone.goto(site_url + "symptoms/")


def test_a_half_typed_query_shows_what_it_can_and_never_stale_results(phone, site_url):
    """LI- is searched as LI (the channel), and a lone letter runs no search at all."""
    box = open_search(phone)
    box.type("L", delay=0)
    assert shown(phone) == "L" and result_paths(phone, site_url) == []
    box.type("I-", delay=0)
    assert shown(phone) == "LI-" and result_paths(phone, site_url)[0] == "channels/li/"
    box.type("4", delay=0)
    assert shown(phone) == "LI-4" and result_paths(phone, site_url)[0] == "points/li4/"


def test_a_corrected_spelling_says_so(phone):
    typed(phone, "migrane")
    assert phone.locator(".md-search-result__meta").inner_text().startswith("Showing results for migraine")
    typed(phone, "migraine")
    assert "Showing results for" not in phone.locator(".md-search-result__meta").inner_text()


def test_results_fit_a_phone(phone, site_url):
    """Code, pinyin, characters and English name on one line, a few matching names at most, and
    at least four results on screen without scrolling."""
    typed(phone, "pain")
    visible = phone.evaluate(
        "() => [...document.querySelectorAll('.md-search-result__item')].filter(e => e.getBoundingClientRect().bottom <= innerHeight).length"
    )
    assert visible >= 4, visible
    typed(phone, "Hegu")
    title = phone.locator(".md-search-result__item .oa-result-title").first
    assert title.inner_text() == "LI4 · Hégǔ 合谷 · Union Valley"
    box = title.bounding_box()
    line = phone.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)", title.element_handle())
    assert box["height"] <= line * 1.2, "the title wraps"
    detail = phone.locator(".md-search-result__item .oa-result-detail").first.inner_text()
    assert detail.count(",") <= 2 and "LI-4" not in detail  # a few names that matched, not every notation


def teardown_module():
    for kind in TOTALS:
        print(f"\nsearch hit rate, {kind}: {RESULTS[kind]}/{TOTALS[kind]}")
