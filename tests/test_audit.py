"""`make audit`'s own parts (audit/), on made-up Lighthouse and axe results: no node, no browser;
and the loopback server every browser test, benchmark and audit uses (generator/localweb.py)."""

from __future__ import annotations

import gzip
import http.client
import json
import types

import pytest

import audit.__main__ as orchestration
from audit import runners, scores, settings
from conftest import REPO
from generator import localweb

# The audit's parts as one namespace, the names the tests use.
audit = types.SimpleNamespace(**{**vars(settings), **vars(scores), **vars(runners), **vars(orchestration), "serve": localweb.serve})


def lighthouse_report(performance=0.97, accessibility=1.0, best_practices=1.0, seo=1.0, failing=()):
    """The parts of a Lighthouse JSON report that the audit reads. `failing`: (category, audit id, score, weight)."""
    scores = {"performance": performance, "accessibility": accessibility, "best-practices": best_practices, "seo": seo}
    audits = {"passing-audit": {"score": 1, "title": "Fine"}, "manual-audit": {"score": None, "title": "Check by hand"}}
    refs = {name: [{"id": "passing-audit", "weight": 3}, {"id": "manual-audit", "weight": 0}] for name in scores}
    for category, audit_id, score, weight in failing:
        audits[audit_id] = {
            "score": score,
            "title": audit_id.replace("-", " "),
            "displayValue": "1.2 s" if category == "performance" else "",
        }
        refs[category].append({"id": audit_id, "weight": weight})
    return {
        "categories": {name: {"score": score, "auditRefs": refs[name]} for name, score in scores.items()},
        "audits": audits,
    }


def violation(rule: str, *targets: str) -> dict:
    return {"id": rule, "impact": "serious", "help": rule, "nodes": [{"target": t, "html": "<a>", "summary": "Fix it"} for t in targets]}


def test_category_scores_are_percentages_and_none_when_lighthouse_gave_none():
    report = lighthouse_report(performance=0.914, accessibility=0.925, best_practices=None)
    assert audit.category_scores(report) == {"performance": 91, "accessibility": 92, "best-practices": None, "seo": 100}
    assert audit.category_scores({}) == dict.fromkeys(audit.CATEGORIES)


def test_failing_audits_are_the_weighted_ones_below_one_worst_first():
    report = lighthouse_report(
        failing=[
            ("accessibility", "color-contrast", 0, 7),
            ("accessibility", "aria-dialog-name", 0.5, 7),
            ("performance", "largest-contentful-paint", 0.62, 25),
            ("seo", "informative-only", 0, 0),  # no weight: costs no points
        ]
    )
    found = audit.failing_audits(report)
    assert [(item["category"], item["id"]) for item in found] == [
        ("performance", "largest-contentful-paint"),
        ("accessibility", "color-contrast"),
        ("accessibility", "aria-dialog-name"),
    ]
    assert found[0]["value"] == "1.2 s" and found[1]["score"] == 0


def test_performance_is_the_median_run_and_the_rest_the_lowest():
    runs = [
        {"performance": 83, "accessibility": 100, "best-practices": 96, "seo": 100},
        {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100},
        {"performance": 86, "accessibility": 100, "best-practices": 100, "seo": 100},
    ]
    assert audit.combine_runs(runs) == {"performance": 86, "accessibility": 100, "best-practices": 96, "seo": 100}
    # An even number of runs: the lower of the two middle scores, never a fraction.
    assert audit.combine_runs(runs[:2])["performance"] == 83
    assert audit.combine_runs(runs[1:2]) == runs[1]
    # One run without a score leaves the category unscored.
    assert audit.combine_runs([*runs, {**runs[0], "seo": None}])["seo"] is None
    assert audit.combine_runs([]) == dict.fromkeys(audit.CATEGORIES)


def test_the_median_run_gives_the_performance_audits_every_run_the_others():
    reports = [
        lighthouse_report(0.80, failing=[("performance", "slow-run", 0.2, 10)]),
        lighthouse_report(0.99, failing=[("best-practices", "errors-in-console", 0, 1)]),
        lighthouse_report(0.90, failing=[("performance", "median-run", 0.7, 10), ("best-practices", "errors-in-console", 0, 1)]),
    ]
    per_run = [audit.category_scores(report) for report in reports]
    found = audit.page_failing_audits(reports, per_run)
    assert [(item["category"], item["id"]) for item in found] == [("performance", "median-run"), ("best-practices", "errors-in-console")]
    assert audit.page_failing_audits([], []) == []


@pytest.mark.parametrize(
    ("scores", "axe", "expected"),
    [
        ({"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}, {}, []),
        ({"performance": 94, "accessibility": 100, "best-practices": 100, "seo": 100}, {}, ["performance 94 < 95"]),
        ({"performance": 100, "accessibility": 99, "best-practices": 100, "seo": None}, {}, ["accessibility 99 < 100", "seo: no score"]),
        (
            {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100},
            {"light-phone": [], "dark-phone": [violation("link-in-text-block", "p > a")]},
            ["axe: 1 violated rule(s): link-in-text-block"],
        ),
    ],
)
def test_misses_against_the_targets(scores, axe, expected):
    assert audit.misses(scores, axe) == expected


def test_the_targets_are_the_agreed_ones():
    assert audit.TARGETS == {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert audit.AXE_MAX_VIOLATIONS == 0
    assert [path for _, path in audit.PAGES] == [
        "/",
        "/points/li4/",
        "/channels/gb/",
        "/symptoms/stiff-neck/",
        "/routines/stiff-neck-five-points/",
        "/regions/head-face/",
        "/categories/jing-well/",
        "/points/",
        "/symptoms/",
        "/my-points/",
    ]
    assert [path for _, path in audit.PLAYING] == ["/routines/stiff-neck-five-points/", "/points/li4/"]


def test_axe_rules_and_their_modes():
    axe = {
        "light-phone": [violation("color-contrast", "a")],
        "dark-phone": [violation("color-contrast", "a"), violation("link-in-text-block", "p > a")],
        "light-desktop": [violation("color-contrast", "a")],
        "dark-desktop": [violation("color-contrast", "a"), violation("link-in-text-block", "p > a"), violation("target-size", "nav a")],
    }
    rules = audit.axe_rules(axe)
    assert list(rules) == ["color-contrast", "link-in-text-block", "target-size"]
    assert audit.modes_label(rules["color-contrast"]) == ""
    assert audit.modes_label(rules["link-in-text-block"]) == "dark"
    assert audit.modes_label(rules["target-size"]) == "dark-desktop"
    assert audit.modes_label(["light-desktop", "dark-desktop"]) == "desktop"
    assert audit.modes_label(["light-phone", "dark-desktop"]) == "light-phone, dark-desktop"


def page_result(path, scores, runs, axe):
    return {"path": path, "scores": scores, "performance_runs": runs, "axe": axe, "misses": audit.misses(scores, axe)}


def test_the_table_shows_every_page_the_runs_and_the_axe_rules():
    good = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
    bad = {"performance": 86, "accessibility": 93, "best-practices": 96, "seo": 100}
    table = audit.format_table(
        [
            page_result("/", good, [98, 97, 99], {"light-phone": []}),
            page_result("/points/li4/", bad, [83, 86, 99], {"light-phone": [violation("color-contrast", "a")], "dark-phone": []}),
        ]
    )
    lines = table.splitlines()
    assert lines[0].split() == ["page", "perf", "a11y", "best-pr", "seo", "axe", "result"]
    assert lines[2].split() == ["/", "98", "(98/97/99)", "100", "100", "100", "0", "pass"]
    assert lines[3].split() == ["/points/li4/", "86", "(83/86/99)", "93", "96", "100", "1:", "color-contrast", "(light-phone)", "FAIL"]
    assert lines[-1].split() == ["target", ">=95", "100", "100", "100", "0"]
    # Columns line up: every cell of a column starts at the same place.
    assert len({line.index("100") for line in lines[2:3] + lines[-1:]}) == 1


def test_the_report_names_what_failed():
    bad = {"performance": 86, "accessibility": 93, "best-practices": 100, "seo": 100}
    page = page_result("/points/li4/", bad, [86], {"dark-phone": [violation("link-in-text-block", "p > a", "li > a")]})
    page["failing_audits"] = audit.failing_audits(lighthouse_report(0.86, 0.93, failing=[("accessibility", "color-contrast", 0, 7)]))
    page["page_errors"] = ["TypeError: nope"]
    results = {"lighthouse": "12.8.2", "axe_core": "4.14.1", "runs_per_page": 1, "passed": False, "pages": [page]}
    text = audit.report(results)
    assert "lighthouse accessibility: color-contrast score 0" in text
    assert "axe link-in-text-block [dark-phone] 2 element(s): p > a; li > a" in text
    assert "page error: TypeError: nope" in text
    assert (
        text.splitlines()[-1]
        == "FAIL: /points/li4/ performance 86 < 95, accessibility 93 < 100, axe: 1 violated rule(s): link-in-text-block"
    )


def test_no_built_site_is_a_setup_error(tmp_path, capsys, monkeypatch):
    with pytest.raises(audit.SetupError, match="make build"):
        audit.audit(list(audit.PAGES), 1, site=tmp_path)
    monkeypatch.setattr(orchestration, "SITE", tmp_path)
    assert orchestration.main(["--runs", "1"]) == 2
    assert "make build" in capsys.readouterr().err


def test_the_server_serves_the_site_at_the_root_compressed_like_github_pages(tmp_path):
    (tmp_path / "points/li4").mkdir(parents=True)
    page = "<!doctype html><title>LI4</title>" + "text " * 200
    (tmp_path / "points/li4/index.html").write_text(page, encoding="utf-8")
    (tmp_path / "favicon.png").write_bytes(b"\x89PNG" + b"\0" * 100)
    with audit.serve(tmp_path) as base:
        connection = http.client.HTTPConnection(base.removeprefix("http://").rstrip("/"), timeout=10)
        connection.request("GET", "/points/li4/", headers={"Accept-Encoding": "gzip, deflate"})
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(body).decode() == page and int(response.getheader("Content-Length")) == len(body)
        # Kept alive: the same connection answers again, uncompressed when not asked for gzip.
        connection.request("GET", "/points/li4/index.html")
        response = connection.getresponse()
        assert response.getheader("Content-Encoding") is None and response.read().decode() == page
        connection.request("GET", "/favicon.png", headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        assert response.getheader("Content-Encoding") is None and response.read().startswith(b"\x89PNG")
        connection.request("GET", "/points/li4")
        response = connection.getresponse()
        response.read()
        assert response.status == 301 and response.getheader("Location") == "/points/li4/"
        connection.close()


def test_the_results_file_is_ignored_by_git_and_the_lock_pins_exact_versions():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"audit/node_modules/", "audit/reports/", "audit-results.json"} <= set(ignored)
    package = json.loads((REPO / "audit/package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "audit/package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert version[0].isdigit(), f"{name} is not pinned to one version: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    # No package's install script runs when make audit installs them.
    assert "npm ci --prefix audit --no-audit --no-fund --ignore-scripts" in (REPO / "Makefile").read_text(encoding="utf-8")
