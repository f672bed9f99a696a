"""The benchmark's own parts (benchmarks/): the synthetic data is valid, the weights are right."""

from __future__ import annotations

import gzip
import shutil

import pytest

from benchmarks.serve_latency import _LOCATION
from benchmarks.sizes import Weight, page_assets, page_weights
from benchmarks.synthetic import make_synthetic
from conftest import REPO
from generator.dataset import load_dataset
from generator.pipeline import check
from generator.project import Project


def test_synthetic_data_is_valid_and_scales_every_kind(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    real, _ = load_dataset(REPO / "data")
    added = make_synthetic(REPO / "data", data, copies=2)
    big, errors = check(Project(tmp_path))
    assert errors == [], errors[:5]
    copied = sum(1 for p in real.points.values() if p.model.channel not in ("EX", "NW"))
    assert added["points"] == 2 * copied and len(big.points) == len(real.points) + 2 * copied
    assert len(big.symptoms) == 3 * len(real.symptoms) and len(big.routines) == 3 * len(real.routines)
    assert len(big.channels) == len(real.channels) + 2 * 14


def test_weights_of_pages_and_of_what_a_page_loads(tmp_path):
    site = tmp_path / "site"
    for name, size in [("a", 100), ("b", 300), ("c", 200)]:
        (site / "points" / name).mkdir(parents=True)
        (site / "points" / name / "index.html").write_text("x" * size)
    weights = page_weights(site, sorted(site.glob("points/*/index.html")))
    assert (weights.pages, weights.median.raw, weights.largest.raw, weights.largest_page) == (3, 200, 300, "points/b/")
    (site / "assets").mkdir()
    (site / "assets/app.js").write_text("js" * 50)
    (site / "assets/main.css").write_text("c" * 70)
    (site / "figures").mkdir()
    (site / "figures/hand.svg").write_text("<svg/>")
    page = site / "points/a/index.html"
    page.write_text(
        '<link rel="stylesheet" href="../../assets/main.css"><script src="../../assets/app.js"></script>'
        '<svg><use href="../../figures/hand.svg#drawing"/></svg><svg><use href="../../figures/hand.svg#drawing"/></svg>'
    )
    assets = page_assets(site, page)
    assert assets["JavaScript"] == Weight(100, len(gzip.compress(b"js" * 50, 6, mtime=0)))
    assert assets["CSS"].raw == 70 and assets["drawings"].raw == 6  # the same file counts once
    page.write_text('<script src="https://cdn.example.com/x.js"></script>')
    with pytest.raises(ValueError, match="another host"):
        page_assets(site, page)


@pytest.mark.parametrize(
    ("text", "edited"),
    [
        ("code: LI4\nlocation: >-\n  On the hand.\n", "code: LI4\nlocation: >-\n  EDIT. On the hand.\n"),
        ("code: LI4\nlocation: On the hand.\n", "code: LI4\nlocation: EDIT. On the hand.\n"),
    ],
)
def test_the_serve_benchmark_edits_the_location_text(text, edited):
    assert _LOCATION.sub(lambda m: m.group(0) + "EDIT. ", text, count=1) == edited
