"""Strangers' data reaches every reader's browser: payloads planted in every text field of every
kind of record must stay text in every sink (Markdown, front matter, navigation labels, the
search index and its results, SVG, JSON, scripts), and long words must not break the layout.
Checked in a real browser: no dialog, no request for the payloads' addresses, no element or
event handler from the data, no page wider than a 360 px phone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from conftest import make_mini
from generator import localweb
from generator.dataset import RECORD_FOLDERS, SINGLE_FILES
from generator.load import load_document
from generator.model import Point

MARKER = "zqxpayload"
# Each closes or opens a context of its own: HTML, attributes, script, template, Markdown, URL.
PAYLOAD = (
    f"{MARKER} <img src=x onerror=alert(1)> \"'><svg onload=alert(2)> </script><script>alert(3)</script> "
    "{{7*7}} {% raw %} [a](javascript:alert(4)) ${alert(5)} <a href=//x.invalid/6>y</a>"
)
LONG_WORD = "W" * 190


def _metadata(annotation) -> list:
    """Every constraint anywhere inside an annotation (list[Annotated[str, …]] included)."""
    found = list(getattr(annotation, "__metadata__", ()))
    for inner in typing.get_args(annotation):
        found += _metadata(inner)
    return found


def free_text(info: FieldInfo) -> bool:
    """A field of plain text (Text, ShortText): a string with no required form."""
    return not any(getattr(m, "pattern", None) for m in [*info.metadata, *_metadata(info.annotation)])


def _model_of(annotation):
    """The model class inside an annotation (X, X | None, list[X]), or None."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in typing.get_args(candidate):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _is_text(annotation) -> bool:
    args = typing.get_args(annotation)
    return annotation is str or str in args or any(_is_text(a) for a in args if a is not type(None))


# Words that texts are searched for, not text that is shown: planting the same text there and in
# a routine would be a real error (OA415), not a payload.
NOT_PLANTED = {"mentions"}


def plant(value, model: type[BaseModel], text: str):
    """`value` with `text` in every free-text field the model defines, at any depth."""
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for name, info in model.model_fields.items():
        inner = _model_of(info.annotation)
        if inner is not None and name in out:
            out[name] = [plant(v, inner, text) for v in out[name]] if isinstance(out[name], list) else plant(out[name], inner, text)
        elif _is_text(info.annotation) and free_text(info) and name in out and out[name] is not None and name not in NOT_PLANTED:
            limit = next((m.max_length for m in [*info.metadata, *_metadata(info.annotation)] if getattr(m, "max_length", None)), 2000)
            planted = text[:limit]
            out[name] = [planted for _ in out[name]] if isinstance(out[name], list) else planted
    return out


def planted_project(tmp_path: Path, text: str):
    """The mini project with `text` in every free-text field of every file."""
    mini = make_mini(tmp_path)
    for path in sorted(mini.data.rglob("*.yml")):
        relative = path.relative_to(mini.data)
        model = SINGLE_FILES.get(relative.name) if len(relative.parts) == 1 else None
        model = model or RECORD_FOLDERS.get(relative.parts[0]) or (Point if relative.parts[0] == "points" else None)
        document, errors = load_document(path, str(relative))
        assert not errors, errors
        path.write_text(yaml.safe_dump(plant(document.value, model, text), allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Free text that is not a model field of its own, but a list of plain strings in the mini data.
    return mini


def build(mini) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(mini.root), "build"],
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": "http://127.0.0.1/"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return mini.root / "site"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    return build(planted_project(tmp_path_factory.mktemp("payload"), PAYLOAD))


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Path:
    return build(planted_project(tmp_path_factory.mktemp("long"), LONG_WORD))


def pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else "" for p in site.rglob("index.html"))


def test_the_payload_reached_every_kind_of_page(payload_site):
    """The planting worked: the marker is on point, symptom, routine, channel and list pages."""
    for page in ("points/li4/", "symptoms/stiff-neck/", "routines/neck-routine/", "channels/li/", "categories/yuan-source/"):
        assert MARKER in (payload_site / page / "index.html").read_text(encoding="utf-8"), page


def test_the_json_export_keeps_the_payload_as_data(payload_site):
    points = json.loads((payload_site / "api/points.json").read_text(encoding="utf-8"))["points"]
    li4 = next(p for p in points if p["code"] == "LI4")
    assert li4["location"].startswith(MARKER) and "<img src=x" in li4["location"]


CHECK_PAGE = """() => {
  const handlers = [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name));
  const planted = [...document.querySelectorAll('img[src="x"], svg[onload], a[href^="javascript:"], a[href^="//x.invalid"], a[href*="://x.invalid"]')]
    .map(el => el.outerHTML.slice(0, 80));
  const scripts = [...document.querySelectorAll('script:not([src])')].filter(s => s.textContent.includes('alert(')).length;
  return {handlers, planted, scripts, width: document.documentElement.scrollWidth};
}"""


def visit_every_page(browser, site: Path, width: int = 390):
    """Each page of the site, served, in a phone-sized window: what each page did that it must not."""
    problems = []
    with localweb.serve(site) as base:
        context = browser.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        dialogs, requests = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        for path in pages(site):
            page.goto(base + path)
            found = page.evaluate(CHECK_PAGE)
            if found["handlers"] or found["planted"] or found["scripts"]:
                problems.append((path, found))
            if found["width"] > width:
                problems.append((path, f"page is {found['width']} px wide at {width} px"))
        bad = [u for u in requests if u.rstrip("/").endswith("/x") or "x.invalid" in u or not u.startswith(base)]
        context.close()
    return problems, dialogs, bad, base


def test_no_page_runs_or_loads_anything_from_the_data(browser, payload_site):
    problems, dialogs, requests, _ = visit_every_page(browser, payload_site)
    assert problems == [] and dialogs == [] and requests == [], (problems[:3], dialogs, requests[:5])


def test_searching_the_payload_runs_nothing(browser, payload_site):
    with localweb.serve(payload_site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        dialogs, requests = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "points/li4/")
        searched = 0
        for query in (MARKER, "img", "alert", "script", "Union", "LI4"):
            page.locator("label[for=__search]").first.click()
            box = page.locator(".md-search__input")
            box.fill("")
            box.type(query, delay=20)
            page.wait_for_timeout(600)
            searched += page.locator(".md-search-result__item").count()
            found = page.evaluate(CHECK_PAGE)
            assert not (found["handlers"] or found["planted"] or found["scripts"]), (query, found)
            page.keyboard.press("Escape")
        context.close()
    assert searched > 0, "the searches found nothing: the payload was never shown in results"
    assert dialogs == [] and not [u for u in requests if u.rstrip("/").endswith("/x") or not u.startswith(base)]


def test_long_words_do_not_make_any_page_scroll_sideways(browser, long_site):
    problems, _, _, _ = visit_every_page(browser, long_site, width=360)
    assert [p for p in problems if isinstance(p[1], str)] == []
