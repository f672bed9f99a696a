"""The routine player and the press timer, driven as a reader would on a phone, with the
browser's clock under the test's control; and My points, saved, listed, run and printed."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from generator.pipeline import check
from generator.project import Project
from generator.timer import GET_READY_SECONDS, paired

DATA, _ = check(Project(REPO))
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Wake lock, sound and vibration are recorded rather than used: a headless browser has no screen
# to keep on and no speaker, and the test must see that nothing plays until the reader asks.
RECORDER = """
window.__cues = { wake: 0, released: 0, tones: 0, vibrations: 0 };
Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request: function () {
  window.__cues.wake++;
  var lock = new EventTarget();
  lock.release = function () { window.__cues.released++; lock.dispatchEvent(new Event('release')); return Promise.resolve(); };
  return Promise.resolve(lock);
} } });
navigator.vibrate = function () { window.__cues.vibrations++; return true; };
window.AudioContext = function () {
  var node = { connect: function (next) { return next || node; }, start: function () { window.__cues.tones++; }, stop: function () {},
               frequency: {}, gain: { setValueAtTime: function () {}, exponentialRampToValueAtTime: function () {} } };
  return { currentTime: 0, destination: {}, createOscillator: function () { return node; }, createGain: function () { return node; } };
};
"""


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(**PHONE)
    context.add_init_script(RECORDER)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    yield page
    assert not errors, errors
    context.close()


def said(page) -> str:
    """What the polite live region last announced (after its short delay)."""
    page.clock.run_for(100)
    return page.locator(".oa-player__live").first.inner_text()


def timer(page) -> str:
    return page.get_by_role("timer").first.inner_text()


def seconds(text: str) -> int:
    minutes, secs = text.split(":")
    return int(minutes) * 60 + int(secs)


def focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def cues(page) -> dict:
    return page.evaluate("() => window.__cues")


def test_a_routine_plays_step_by_step(phone, site_url):
    routine = DATA.routines["skull-base-release"].model
    phone.goto(site_url + "routines/skull-base-release/")
    start = phone.get_by_role("button", name="Start")
    assert start.count() == 1 and start.get_attribute("aria-label").startswith("Start routine")
    start.click()
    first = routine.steps[0]
    announced = said(phone)
    assert announced.startswith(f"Step 1 of {len(routine.steps)}: {', '.join(first.points)}."), announced
    assert phone.locator(".oa-player__phase").inner_text().startswith("Get ready")
    # Pressing starts after the time to find the point; the countdown shows one side's time.
    phone.clock.run_for(GET_READY_SECONDS * 1000 + 500)
    total = first.timing.total
    assert total - 1 <= seconds(timer(phone)) <= total
    assert phone.locator(".oa-player__phase").inner_text() == f"Press · round 1 of {first.timing.rounds}"
    phone.clock.run_for(first.timing.press * 1000)
    assert phone.locator(".oa-player__phase").inner_text() == f"Release · round 1 of {first.timing.rounds}"
    phone.clock.run_for(first.timing.release * 1000)
    assert phone.locator(".oa-player__phase").inner_text() == f"Press · round 2 of {first.timing.rounds}"
    # Pausing freezes the countdown; resuming goes on from there.
    phone.get_by_role("button", name="Pause").click()
    frozen = timer(phone)
    phone.clock.run_for(20_000)
    assert timer(phone) == frozen and said(phone) == "Paused."
    phone.get_by_role("button", name="Resume").click()
    phone.clock.run_for(3_000)
    assert seconds(timer(phone)) < seconds(frozen)
    # The rest of the first side, then the switch to the other side is announced.
    phone.clock.run_for(total * 1000)
    assert "other side" in said(phone).lower()
    assert phone.locator(".oa-player__where").inner_text() == "Step 1 of 3 · Other side"
    # Skip, back, and the codes of each step in what is said.
    phone.get_by_role("button", name="Skip to the next step").click()
    assert said(phone).startswith(f"Step 2 of 3: {', '.join(routine.steps[1].points)}.")
    phone.get_by_role("button", name="Back to the previous step").click()
    assert "other side" in said(phone).lower()
    phone.get_by_role("button", name="Stop the routine").click()
    assert said(phone) == "Stopped."
    assert phone.get_by_role("button", name="Start").is_visible()


def test_a_routine_finishes(phone, site_url):
    routine = DATA.routines["desk-neck-and-shoulders"].model
    phone.goto(site_url + "routines/desk-neck-and-shoulders/")
    phone.get_by_role("button", name="Start").click()
    sides = sum(1 if (s.side.value != "both" or s.timing.together) else 2 for s in routine.steps)
    length = sum(s.timing.total * (1 if (s.side.value != "both" or s.timing.together) else 2) for s in routine.steps)
    phone.clock.run_for((length + sides * GET_READY_SECONDS) * 1000 - 3000)
    assert phone.locator(".oa-player__active").is_visible(), "finished early"
    phone.clock.run_for(4000)
    assert said(phone).startswith("Routine finished")
    assert focused(phone.get_by_role("button", name="Start"))


def test_together_steps_run_once(phone, site_url):
    routine = DATA.routines["desk-neck-and-shoulders"].model
    number = next(i for i, s in enumerate(routine.steps) if s.timing.together)
    phone.goto(site_url + "routines/desk-neck-and-shoulders/")
    phone.get_by_role("button", name="Start").click()
    for _ in range(number):
        phone.get_by_role("button", name="Skip to the next step").click()
        if phone.locator(".oa-player__where").inner_text().endswith("Other side"):
            phone.get_by_role("button", name="Skip to the next step").click()
    assert phone.locator(".oa-player__where").inner_text() == f"Step {number + 1} of {len(routine.steps)} · Both sides together"
    assert "same time" in said(phone)


@pytest.mark.parametrize("code", ["LI4", "BL23", "CV12"])
def test_a_point_page_has_a_press_timer(phone, site_url, code):
    point = DATA.points[code].model
    phone.goto(site_url + f"points/{code.lower()}/")
    start = phone.get_by_role("button", name="Start")
    assert start.count() == 1 and start.get_attribute("aria-label").startswith("Start press timer")
    start.click()
    assert said(phone).startswith(f"{code}.")
    where = phone.locator(".oa-player__where").inner_text()
    if not paired(DATA, point):
        expected = "On the midline"
    elif point.technique.timing.together:
        expected = "Both sides together"
    else:
        expected = "First side"
    assert where == expected
    assert cues(phone)["wake"] == 1  # the screen is kept on while the timer runs
    phone.clock.run_for((GET_READY_SECONDS + point.technique.timing.total) * 1000 + 500)
    if expected == "First side":
        assert phone.locator(".oa-player__where").inner_text() == "Other side"
        assert "Switch to the other side" in said(phone)
        phone.clock.run_for((GET_READY_SECONDS + point.technique.timing.total) * 1000)
    assert said(phone).startswith("Done.")
    assert cues(phone)["released"] >= 1
    assert cues(phone)["tones"] == 0 and cues(phone)["vibrations"] == 0  # off until the reader turns them on


def test_sound_and_vibration_only_when_turned_on(phone, site_url):
    phone.goto(site_url + "points/pc6/")
    phone.get_by_label("Sound cues").check()
    phone.get_by_label("Vibration").check()
    phone.get_by_role("button", name="Start").click()
    phone.clock.run_for((GET_READY_SECONDS + 10) * 1000)
    recorded = cues(phone)
    assert recorded["tones"] > 0 and recorded["vibrations"] > 0
    # The choice is remembered on the next page.
    phone.goto(site_url + "points/li4/")
    assert phone.get_by_label("Sound cues").is_checked()


def test_the_player_works_by_keyboard_alone(phone, site_url):
    phone.goto(site_url + "routines/stiff-neck-five-points/")
    start = phone.get_by_role("button", name="Start")
    start.focus()
    phone.keyboard.press("Enter")
    assert focused(phone.get_by_role("button", name="Pause"))
    phone.keyboard.press("Space")
    assert focused(phone.get_by_role("button", name="Resume"))
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")  # Skip
    assert said(phone).startswith("Step 1 of 5, other side") or said(phone).startswith("Step 2 of 5")


def test_leaving_the_page_stops_the_player(phone, site_url):
    phone.goto(site_url + "routines/calm-and-energy/")
    phone.get_by_role("button", name="Start").click()
    assert phone.evaluate("() => window.openAcupointsPlayer.playing()") == 1
    phone.locator(".md-header__button[for=__drawer]").click()
    phone.goto(site_url + "routines/")  # instant navigation keeps the scripts; the player must stop
    phone.locator("article a[href$='skull-base-release/']").first.click()
    phone.wait_for_url("**/skull-base-release/")
    phone.wait_for_function("() => document.querySelector('article h1').textContent.startsWith('Skull-base')")
    assert phone.evaluate("() => window.openAcupointsPlayer.playing()") == 0
    assert phone.get_by_role("button", name="Start").count() == 1


def test_without_javascript_the_page_is_complete(browser, site_url):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + "routines/skull-base-release/")
    assert page.locator(".oa-player").is_hidden()
    steps = DATA.routines["skull-base-release"].model.steps
    assert page.locator("h2[id^=step-]").count() == len(steps)
    assert page.get_by_role("button", name="Start").count() == 0
    context.close()


def test_my_points_saves_lists_plays_and_prints(phone, site_url):
    chosen = ["LI4", "PC6", "GB20"]
    for code in chosen:
        phone.goto(site_url + f"points/{code.lower()}/")
        star = phone.get_by_role("button", name="Save to My points")
        assert star.get_attribute("aria-pressed") == "false"
        star.click()
        assert phone.get_by_role("button", name="Saved in My points").get_attribute("aria-pressed") == "true"
    phone.goto(site_url + "routines/calm-and-energy/")
    phone.get_by_role("button", name="Save to My points").click()
    phone.goto(site_url + "my-points/")
    phone.wait_for_selector(".oa-card svg")
    links = phone.locator(".oa-my-points__list a").all_inner_texts()
    assert links[:3] == [f"{c} {DATA.points[c].model.names.pinyin}" for c in chosen]
    assert links[3] == DATA.routines["calm-and-energy"].model.title
    cards = phone.locator(".oa-card")
    assert cards.count() == 3
    for i, code in enumerate(chosen):
        card = cards.nth(i)
        assert card.locator("ol li").count() == len(DATA.points[code].model.finding)
        size = card.locator("svg use").first.evaluate("u => { const b = u.getBBox(); return b.width * b.height; }")
        assert size > 0, f"{code}'s figure is blank"
    # Run them as a routine: one step per point, in the saved order.
    phone.get_by_role("button", name="Start").click()
    assert said(phone).startswith("Step 1 of 3: LI4.")
    phone.get_by_role("button", name="Stop the routine").click()
    # Reorder, remove.
    phone.get_by_role("button", name="Move PC6 Nèiguān down").click()
    assert phone.locator(".oa-my-points__list a").all_inner_texts()[:3] == [
        f"{c} {DATA.points[c].model.names.pinyin}" for c in ("LI4", "GB20", "PC6")
    ]
    # Printed: one A4 page with the three cards, nothing of the site's frame.
    phone.emulate_media(media="print")
    assert phone.locator(".md-header").is_hidden() and phone.locator(".oa-my-points__list").first.is_hidden()
    assert phone.locator(".oa-card").first.is_visible()
    assert pages(phone.pdf(format="A4")) == 1


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
