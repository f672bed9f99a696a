"""Shared fixtures: a small but complete project (data, docs, mkdocs.yml) in a temporary folder.

The mini data set is written from Python values so each test can break exactly
one thing and assert on the error it gets.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml

from benchmarks.workspace import GENERATED, REPO, copy_project  # noqa: F401  (fixtures and tests use these)
from generator import localweb

POINT = {
    "code": "LI4",
    "names": {
        "pinyin": "Hégǔ",
        "hanzi": "合谷",
        "hanzi_traditional": "合谷",
        "english": "Union Valley",
        "english_alt": ["Joining Valley"],
    },
    "region": "arm-hand",
    "location": "On the back of the hand, beside the middle of the second metacarpal bone, on the thumb side.",
    "figure": {"view": "hand-back", "x": 60, "y": 70, "landmark": "second-metacarpal"},
    "locator": {"view": "body-front", "x": 30, "y": 150},
    "self_care": True,
    "finding": ["Squeeze thumb and index finger together.", "Press at the top of the bulge of muscle."],
    "technique": {"pressure": "Firm, toward the index-finger bone.", "duration": "1 minute each hand.", "timing": {"seconds": 60}},
    "symptoms": ["stiff-neck"],
    "categories": ["yuan-source"],
    "cautions": ["pregnancy"],
    "related": ["LI1"],
    "sources": {"location": "who-2008"},
}

SYMPTOM = {
    "id": "stiff-neck",
    "name": "Stiff neck",
    "synonyms": {"lay": ["crick in the neck"], "clinical": ["torticollis"], "tcm": ["落枕"]},
    "description": "A neck that is painful to turn.",
    "red_flags": {"emergency": ["Stiff neck with fever and a rash."], "doctor_soon": ["Lasts more than a week."]},
    "evidence": {"grade": "not-reviewed", "summary": "We have not yet reviewed the research on this."},
}

ROUTINE = {
    "id": "neck-routine",
    "title": "Neck routine",
    "summary": "Press two hand points while turning the neck.",
    "symptoms": ["stiff-neck"],
    "total_time": "5 minutes",
    "basis": "classical",
    "steps": [{"points": ["LI4"], "side": "opposite", "duration": "1 minute", "timing": {"seconds": 60}, "instruction": "Press and turn."}],
}

CHANNELS = {
    "channels": [
        {
            "code": "LI",
            "name": "Large Intestine",
            "names": {"pinyin": "Shǒu Yángmíng Dàcháng Jīng", "hanzi": "手阳明大肠经", "hanzi_traditional": "手陽明大腸經"},
            "alt_codes": ["CO"],
            "point_count": 4,
            "limb": "arm",
            "polarity": "yang",
            "description": "A yang channel of the arm.",
            "pathway": "From the index finger to the nose.",
        },
        {
            "code": "EX",
            "name": "Extra points",
            "names": {"pinyin": "Jīngwài Qíxué", "hanzi": "经外奇穴", "hanzi_traditional": "經外奇穴"},
            "point_count": 48,
            "limb": "trunk",
            "polarity": "none",
            "description": "Points outside the channels.",
            "pathway": "None.",
        },
    ]
}


def view(view_id: str, width: int, height: int, **extra) -> dict:
    """A simple rectangular view, enough for placing the mini project's points."""
    return {
        "id": view_id,
        "title": view_id.replace("-", " ").capitalize(),
        "width": width,
        "height": height,
        "outlines": [{"name": "outline", "points": [[10, 10], [width - 10, 10], [width - 10, height - 10], [10, height - 10]]}],
        "landmarks": [{"id": "second-metacarpal", "label": "2nd metacarpal", "phrase": "beside the 2nd metacarpal bone", "x": 70, "y": 60}],
        **extra,
    }


VIEWS = {"hand-back": view("hand-back", 120, 160), "body-front": view("body-front", 100, 200, mirror_x=50)}

SINGLE_FILES = {
    "categories.yml": {"categories": [{"id": "yuan-source", "name": "Yuan-source point", "group": "Points", "description": "Source."}]},
    "cautions.yml": {
        "cautions": [
            {
                "id": "pregnancy",
                "title": "Not in pregnancy",
                "text": "Avoid in pregnancy.",
                "in_lists": True,
                "leave_out_if": "you are or may be pregnant",
                "mentions": ["pregnant", "pregnancy"],
                "switch": "I am or may be pregnant",
            },
            {"id": "broken-skin", "title": "Healthy skin only", "text": "Not on broken skin.", "applies_to_all": True},
        ]
    },
    "references.yml": {"references": [{"key": "who-2008", "citation": "WHO Standard Acupuncture Point Locations, 2008."}]},
    "names.yml": {"readings": [], "traditional": []},
}

# The simplest valid points for LI1–LI3 and EX-UE8, so the LI channel is complete.
NAMES = {
    "LI1": ("Shāngyáng", "商阳", "商陽", "Shang Yang"),
    "LI2": ("Èrjiān", "二间", "二間", "Second Space"),
    "LI3": ("Sānjiān", "三间", "三間", "Third Space"),
    "EX-UE8": ("Wàiláogōng", "外劳宫", "外勞宮", "Outer Palace of Toil"),
}


def point(code: str, **changes) -> dict:
    record = copy.deepcopy(POINT)
    if code != "LI4":
        pinyin, hanzi, traditional, english = NAMES[code]
        record.update(code=code, names={"pinyin": pinyin, "hanzi": hanzi, "hanzi_traditional": traditional, "english": english})
        record.update(related=["LI4"], categories=[], cautions=[])
    record.update(changes)
    return record


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path: to compare two builds byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def dump(value: dict) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


class MiniProject:
    """A throwaway copy of the project with a small valid data set."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"

    def write(self, relpath: str, value: dict | str | bytes) -> Path:
        path = self.data / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value if isinstance(value, str) else dump(value), encoding="utf-8")
        return path

    def write_point(self, record: dict, folder: str | None = None, name: str | None = None) -> Path:
        code = record["code"]
        folder = folder or ("EX" if code.startswith("EX-") else code[:2])
        return self.write(f"points/{folder}/{name or code}.yml", record)


@pytest.fixture
def mini(tmp_path: Path) -> MiniProject:
    return make_mini(tmp_path)


def make_mini(tmp_path: Path) -> MiniProject:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=GENERATED)
    # The real home page links to symptoms and routines the mini data does not have.
    (root / "docs/index.md").write_text(
        "# Open Acupoints\n\nSee [stiff neck](symptoms/stiff-neck.md) and [LI4](points/li4.md).\n", encoding="utf-8"
    )
    # The real cun page shows diagrams (data/diagrams/) drawn on views the mini data does not have.
    cun = root / "docs/measuring-cun.md"
    cun.write_text(re.sub(r"^!\[[^\n]*\]\(figures/[^)]+\)\n\n", "", cun.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    project = MiniProject(root)
    project.write("channels.yml", CHANNELS)
    for name, value in SINGLE_FILES.items():
        project.write(name, value)
    for code in ("LI1", "LI2", "LI3", "LI4", "EX-UE8"):
        changes = {"region": "arm-hand"}
        project.write_point(point(code, **changes))
    for view_id, value in VIEWS.items():
        project.write(f"figures/{view_id}.yml", value)
    project.write("symptoms/stiff-neck.yml", SYMPTOM)
    project.write("routines/neck-routine.yml", ROUTINE)
    return project


@pytest.fixture(scope="session")
def site_port() -> int:
    """The loopback port the built site will be served on (site_url), chosen before the build."""
    return localweb.free_port()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, site_port) -> Path:
    """The real data, generated and built (strict) with the chosen builder once per test run.

    Built for the address the tests serve it at: Material's instant navigation only takes
    over links within site_url, so the browser tests see the site as readers do.
    """
    import os
    import subprocess
    import sys

    root = copy_project(tmp_path_factory.mktemp("real") / "project")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": f"http://127.0.0.1:{site_port}/"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright. Skips without a browser, except under CI=true."""
    import os

    from playwright.sync_api import Error, sync_playwright

    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    with sync_playwright() as playwright:
        try:
            # None: Playwright's own download, where one was installed (GitHub Actions).
            launched = playwright.chromium.launch(executable_path=localweb.chromium_path(), args=list(localweb.CHROMIUM_FLAGS))
        except Error as exc:
            if in_ci:
                pytest.fail(f"CI=true but no browser could be started: {exc}")
            pytest.skip(f"no Chromium available ({exc.message.splitlines()[0]}); set CHROMIUM_PATH")
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_url(real_site, site_port):
    """The built real site, served on its loopback port as GitHub Pages serves it."""
    with localweb.serve(real_site / "site", site_port) as address:
        yield address
