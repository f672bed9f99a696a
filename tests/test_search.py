"""Search that finds: queries typed into the built site's own search box in a real browser.

Each query names the page it must find and the rank it must reach (1 = first result).
Codes rank their point first; names, symptoms and channels land in the top 3.
Hit rates per category are printed with `pytest -s tests/test_search.py`.
"""

from __future__ import annotations

from collections import Counter

import pytest

CODE, NAME, SYMPTOM, CHANNEL, AMBIGUOUS = "code", "name", "symptom", "channel", "ambiguity"

QUERIES = [
    # Codes in every notation; an exact code ranks its point first.
    (CODE, "LI4", "points/li4/", 1),
    (CODE, "li4", "points/li4/", 1),
    (CODE, "LI-4", "points/li4/", 1),
    (CODE, "LI 4", "points/li4/", 1),
    (CODE, "LI04", "points/li4/", 1),
    (CODE, "L.I.4", "points/li4/", 1),
    (CODE, "SJ17", "points/te17/", 1),
    (CODE, "TH17", "points/te17/", 1),
    (CODE, "TW5", "points/te5/", 1),
    (CODE, "TB3", "points/te3/", 1),
    (CODE, "TE 3", "points/te3/", 1),
    (CODE, "UB40", "points/bl40/", 1),
    (CODE, "B-60", "points/bl60/", 1),
    (CODE, "LV3", "points/lr3/", 1),
    (CODE, "LIV 3", "points/lr3/", 1),
    (CODE, "K1", "points/ki1/", 1),
    (CODE, "KD3", "points/ki3/", 1),
    (CODE, "P6", "points/pc6/", 1),
    (CODE, "PC-6", "points/pc6/", 1),
    (CODE, "HE7", "points/ht7/", 1),
    (CODE, "Ren 12", "points/cv12/", 1),
    (CODE, "RN17", "points/cv17/", 1),
    (CODE, "Du 20", "points/gv20/", 1),
    (CODE, "DU26", "points/gv26/", 1),
    (CODE, "GV-14", "points/gv14/", 1),
    (CODE, "EX-UE8", "points/ex-ue8/", 1),
    (CODE, "ex-ue-8", "points/ex-ue8/", 1),
    (CODE, "EX-HN3", "points/ex-hn3/", 1),
    (CODE, "EX-B2", "points/ex-b2/", 1),
    (CODE, "ST36", "points/st36/", 1),
    (CODE, "st 36", "points/st36/", 1),
    (CODE, "SP6", "points/sp6/", 1),
    (CODE, "GB20", "points/gb20/", 1),
    (CODE, "GB 21", "points/gb21/", 1),
    (CODE, "TE1", "points/te1/", 1),
    (CODE, "BL1", "points/bl1/", 1),
    # Names: pinyin with and without tones and spaces, characters, English names.
    (NAME, "Hegu", "points/li4/", 1),
    (NAME, "He Gu", "points/li4/", 1),
    (NAME, "Hégǔ", "points/li4/", 1),
    (NAME, "合谷", "points/li4/", 1),
    (NAME, "Fengchi", "points/gb20/", 1),
    (NAME, "Feng Chi", "points/gb20/", 1),
    (NAME, "风池", "points/gb20/", 1),
    (NAME, "風池", "points/gb20/", 1),
    (NAME, "Zusanli", "points/st36/", 1),
    (NAME, "Zu San Li", "points/st36/", 1),
    (NAME, "足三里", "points/st36/", 1),
    (NAME, "Sanyinjiao", "points/sp6/", 1),
    (NAME, "三陰交", "points/sp6/", 1),
    (NAME, "Neiguan", "points/pc6/", 1),
    (NAME, "內關", "points/pc6/", 1),
    (NAME, "Jianjing", "points/gb21/", 1),
    (NAME, "Houxi", "points/si3/", 1),
    (NAME, "後谿", "points/si3/", 1),
    (NAME, "Wailaogong", "points/ex-ue8/", 1),
    (NAME, "Taichong", "points/lr3/", 1),
    (NAME, "Yintang", "points/ex-hn3/", 1),
    (NAME, "Union Valley", "points/li4/", 3),
    (NAME, "Joining Valley", "points/li4/", 3),
    (NAME, "Wind Pool", "points/gb20/", 3),
    (NAME, "Leg Three Miles", "points/st36/", 3),
    (NAME, "Three Yin Intersection", "points/sp6/", 3),
    (NAME, "Inner Pass", "points/pc6/", 3),
    (NAME, "Huatuo Jiaji", "points/ex-b2/", 1),
    # Symptoms by name and synonym: the symptom page in the top 3.
    (SYMPTOM, "stiff neck", "symptoms/stiff-neck/", 3),
    (SYMPTOM, "torticollis", "symptoms/stiff-neck/", 3),
    (SYMPTOM, "wry neck", "symptoms/stiff-neck/", 3),
    (SYMPTOM, "crick in the neck", "symptoms/stiff-neck/", 3),
    (SYMPTOM, "cervicalgia", "symptoms/neck-pain/", 3),
    (SYMPTOM, "neck pain", "symptoms/neck-pain/", 3),
    (SYMPTOM, "motion sickness", "symptoms/nausea/", 3),
    (SYMPTOM, "morning sickness", "symptoms/nausea/", 3),
    (SYMPTOM, "sleeplessness", "symptoms/trouble-sleeping/", 3),
    (SYMPTOM, "insomnia", "symptoms/trouble-sleeping/", 3),
    (SYMPTOM, "period pain", "symptoms/menstrual-cramps/", 3),
    (SYMPTOM, "dysmenorrhoea", "symptoms/menstrual-cramps/", 3),
    (SYMPTOM, "TMJ", "symptoms/jaw-tension/", 3),
    (SYMPTOM, "teeth grinding", "symptoms/jaw-tension/", 3),
    (SYMPTOM, "carpal tunnel", "symptoms/wrist-pain/", 3),
    (SYMPTOM, "tennis elbow", "symptoms/elbow-pain/", 3),
    (SYMPTOM, "plantar fasciitis", "symptoms/heel-pain/", 3),
    (SYMPTOM, "vertigo", "symptoms/dizziness/", 3),
    (SYMPTOM, "tension headache", "symptoms/tension-headache/", 3),
    (SYMPTOM, "migraine", "symptoms/migraine/", 3),
    (SYMPTOM, "tired eyes", "symptoms/eye-strain/", 3),
    (SYMPTOM, "burnout", "symptoms/stress/", 3),
    (SYMPTOM, "exhaustion", "symptoms/fatigue/", 3),
    (SYMPTOM, "lumbago", "symptoms/lower-back-pain/", 3),
    (SYMPTOM, "allergic rhinitis", "symptoms/hay-fever/", 3),
    (SYMPTOM, "失眠", "symptoms/trouble-sleeping/", 3),
    # Channels by any of their names.
    (CHANNEL, "San Jiao", "channels/te/", 3),
    (CHANNEL, "Triple Burner", "channels/te/", 3),
    (CHANNEL, "Triple Heater", "channels/te/", 3),
    (CHANNEL, "Triple Warmer", "channels/te/", 3),
    (CHANNEL, "Conception Vessel", "channels/cv/", 3),
    (CHANNEL, "Governing Vessel", "channels/gv/", 3),
    (CHANNEL, "Urinary Bladder", "channels/bl/", 3),
    (CHANNEL, "Gall Bladder", "channels/gb/", 3),
    (CHANNEL, "Pericardium", "channels/pc/", 3),
    (CHANNEL, "Large Intestine", "channels/li/", 3),
    # Known ambiguities: both meanings findable, explained where they arise.
    (AMBIGUOUS, "Luozhen", "points/ex-ue8/", 3),
    (AMBIGUOUS, "Luozhen", "symptoms/stiff-neck/", 3),
    (AMBIGUOUS, "落枕", "points/ex-ue8/", 3),
    (AMBIGUOUS, "落枕", "symptoms/stiff-neck/", 3),
    (AMBIGUOUS, "Liver", "channels/lr/", 3),
]

RESULTS: Counter = Counter()
TOTALS: Counter = Counter()


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def results_for(page, query: str) -> list[str]:
    """Type the whole query at once into an emptied search box; the results that appear are for it alone."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.press("End")  # Material searches on key events
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=5000)
    page.wait_for_timeout(100)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [h.split("?")[0].split("#")[0] for h in hrefs]


@pytest.mark.parametrize(("category", "query", "expected", "rank"), QUERIES, ids=[f"{q[0]}:{q[1]}" for q in QUERIES])
def test_query(search_page, site_url, category, query, expected, rank):
    pages = list(dict.fromkeys(results_for(search_page, query)))  # one entry per page, best first
    TOTALS[category] += 1
    found = site_url + expected in pages[:rank]
    RESULTS[category] += found
    assert found, f"{query!r}: expected {expected} in the top {rank}, got {[p.removeprefix(site_url) for p in pages[:5]]}"


def test_there_are_enough_queries():
    assert len(QUERIES) >= 80


def teardown_module():
    for category in TOTALS:
        print(f"\nsearch hit rate, {category}: {RESULTS[category]}/{TOTALS[category]}")
