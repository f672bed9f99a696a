"""Offline: after one visit with a network, the home page, routines, symptoms, the search and
every page the reader opened work with the network off; on a sub-path too; and a new build's
worker replaces the old cache."""

from __future__ import annotations

import json
import re
import time

import pytest

from conftest import REPO
from generator import localweb
from generator.offline import precached, site_digest

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def eventually(page, script: str, seconds: float = 30) -> None:
    """Wait until an async check in the page comes true (wait_for_function does not await a promise)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {script}"
        page.wait_for_timeout(100)


def install(browser, address: str):
    """A phone that visited the home page once and whose service worker now controls it."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.goto(address)
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # the page is controlled by the worker from its next load
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    # The worker has stored its list when it is active; wait until the last entry is there.
    eventually(page, "() => caches.keys().then(k => k.some(n => n.startsWith('open-acupoints-')))")
    return context, page


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


@pytest.fixture(scope="module")
def offline_phone(browser, site_url):
    context, page = install(browser, site_url)
    page.goto(site_url + "points/gb20/")  # a page the reader opened, not in the install list
    page.wait_for_load_state("networkidle")
    context.set_offline(True)
    yield page
    context.close()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("", "Open Acupoints"),
        ("routines/skull-base-release/", "Skull-base release"),
        ("routines/", "Self-care routines"),
        ("symptoms/nausea/", "Nausea"),
        ("symptoms/trouble-sleeping/", "Trouble sleeping"),
        ("symptoms/", "Symptoms A–Z"),
        ("points/gb20/", "GB20 · Fēngchí 风池"),
        ("my-points/", "My points"),
        ("pressing-safely/", "How to press a point safely"),
    ],
)
def test_pages_open_with_the_network_off(offline_phone, site_url, path, title):
    response = offline_phone.goto(site_url + path)
    assert response is not None and response.ok, path
    assert heading(offline_phone) == title
    # Styled: Material's stylesheet came from the cache (an unstyled page has no fixed header).
    assert offline_phone.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")


def test_a_page_never_opened_says_it_is_offline(offline_phone, site_url):
    offline_phone.goto(site_url + "points/ki1/")
    assert "You are offline" in offline_phone.content()
    assert offline_phone.locator("a", has_text="the home page").count() == 1


def test_search_works_offline(offline_phone, site_url):
    offline_phone.goto(site_url + "symptoms/")
    offline_phone.evaluate("() => window.openAcupointsSearch.ready()")
    if not offline_phone.locator(".md-search__input").is_visible():
        offline_phone.locator("label[for=__search]").first.click()
    offline_phone.locator(".md-search__input").type("hegu", delay=20)
    offline_phone.wait_for_selector(".md-search-result__item", timeout=10_000)
    first = offline_phone.locator(".md-search-result__item > a").first.get_attribute("href")
    assert first.split("?")[0].endswith("points/li4/")


def test_instant_navigation_keeps_working_offline(offline_phone, site_url):
    offline_phone.goto(site_url + "routines/")
    offline_phone.locator("article a[href$='skull-base-release/']").first.click()
    offline_phone.wait_for_url("**/routines/skull-base-release/")
    offline_phone.wait_for_function("() => document.querySelector('article h1').textContent.startsWith('Skull-base')")
    assert not offline_phone.errors


def test_the_figures_of_an_opened_page_draw_offline(offline_phone, site_url):
    offline_phone.goto(site_url + "points/gb20/")
    sizes = offline_phone.locator("figure.oa-figure svg use").evaluate_all(
        "uses => uses.map(u => { const b = u.getBBox(); return b.width * b.height; })"
    )
    assert sizes and all(size > 0 for size in sizes)


def test_a_site_on_a_sub_path_works_offline(browser, real_site):
    """A GitHub project page: the site at /<project>/, the worker's scope that folder."""
    with localweb.serve(real_site / "site", localweb.free_port(), prefix="/open-acupoints/") as address:
        context, page = install(browser, address)
        try:
            scope = page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.scope)")
            assert scope == address
            context.set_offline(True)
            page.goto(address + "routines/stiff-neck-distal/")
            assert heading(page) == "Distal routine for a stiff neck"
            page.goto(address + "symptoms/stiff-neck/")
            assert heading(page) == "Stiff neck"
        finally:
            context.close()


def test_the_worker_is_versioned_by_the_build(real_site):
    site = real_site / "site"
    worker = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'var VERSION = "([0-9a-f]+)";', worker).group(1)
    assert version == site_digest(site)
    listed = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", worker, re.S).group(1))
    assert listed == precached(site, [p.relative_to(real_site / "docs").as_posix() for p in (real_site / "docs").rglob("*.md")])
    pages = [u for u in listed if u.startswith(("routines/", "symptoms/"))]
    symptoms = len(list((REPO / "data" / "symptoms").glob("*.yml")))
    routines = len(list((REPO / "data" / "routines").glob("*.yml")))
    assert len(pages) == symptoms + routines + 2  # and the two index pages
    assert all((site / u).exists() for u in listed)


def test_a_new_build_replaces_the_cache(browser, real_site):
    """Install, then serve a copy whose worker names another build: the old cache is removed."""
    import shutil
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "site"
        shutil.copytree(real_site / "site", copy)
        port = localweb.free_port()
        with localweb.serve(copy, port) as address:
            context, page = install(browser, address)
            try:
                first = page.evaluate("() => caches.keys()")
                worker = copy / "sw.js"
                worker.write_text(re.sub(r'var VERSION = "[0-9a-f]+"', 'var VERSION = "0000000000000000"', worker.read_text()))
                page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
                eventually(page, "() => caches.keys().then(k => k.length === 1 && k[0] === 'open-acupoints-0000000000000000')")
                assert first != page.evaluate("() => caches.keys()")
            finally:
                context.close()
