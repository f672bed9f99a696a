"""Milliseconds from each key to its results on screen, in the built site's own search box, on a
phone-sized Chromium with the CPU slowed down four times (a phone-class CPU).

Every query of benchmarks/search_queries.py is typed key by key; for each key the clock runs
from its keydown to the first frame painted after the results for the text then in the box
were shown (javascripts/search.js records both). Reported per kind of query: median and worst.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from generator import localweb

from .search_queries import QUERIES

THROTTLE = 4
BUDGET_MS = 300
KEYDOWNS = """document.addEventListener("keydown", e => {
  if (e.target.classList && e.target.classList.contains("md-search__input")) window.__keydown = performance.now();
}, true);"""


def keystroke_latencies(site: Path) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    by_kind: dict[str, list[float]] = {}
    with localweb.serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=localweb.chromium_path(), args=list(localweb.CHROMIUM_FLAGS))
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        context.add_init_script(KEYDOWNS)
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        page.goto(base + "symptoms/")
        page.evaluate("() => window.openAcupointsSearch.ready()")
        page.locator("label[for=__search]").first.click()
        box = page.locator(".md-search__input")
        for kind, query, _, _ in QUERIES:
            box.fill("")
            typed = ""
            for character in query:
                typed += character
                page.keyboard.type(character)
                page.wait_for_function(
                    "t => { const s = window.openAcupointsSearch.shown(); return s.text === t && s.painted > 0 }", arg=typed, timeout=10_000
                )
                latency = page.evaluate("() => window.openAcupointsSearch.shown().painted - window.__keydown")
                by_kind.setdefault(kind, []).append(latency)
        browser.close()
    return by_kind


def summary(by_kind: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    every = [v for values in by_kind.values() for v in values]
    rows = {kind: {"keys": len(v), "median": statistics.median(v), "worst": max(v)} for kind, v in by_kind.items()}
    rows["all queries"] = {"keys": len(every), "median": statistics.median(every), "worst": max(every)}
    return rows
