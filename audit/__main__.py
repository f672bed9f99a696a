"""Serve site/ on a free loopback port, run Lighthouse (mobile preset, simulated throttling) on each
page three times (--runs) and keep the median performance score, run axe-core in a real Chromium in
the light and dark colour schemes at phone and desktop width, write everything to
audit-results.json and print a table. Exits 1 when any page misses a target, 2 when it cannot run.

    .venv/bin/python -m audit [--runs N] [--page PATH ...] [--output FILE]

Needs `npm ci --prefix audit` (the Makefile does it) and Chromium ($CHROMIUM_PATH or chromium on the PATH).
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path

from generator.localweb import serve

from .runners import SetupError, chromium, lighthouse_version, run_axe, run_lighthouse, run_lighthouse_playing
from .scores import axe_rules, category_scores, combine_runs, format_table, misses, page_failing_audits
from .settings import AXE_MAX_VIOLATIONS, AXE_MODES, AXE_SCRIPT, LIGHTHOUSE_CLI, PAGES, PLAYING, REPO, REPORTS, RESULTS, RUNS, SITE, TARGETS

# A snapshot scores what is on screen, not how fast the page loaded: no performance target.
PLAYING_TARGETS = {name: target for name, target in TARGETS.items() if name != "performance"}


def audit(pages: list[tuple[str, str]], runs: int, site: Path = SITE, playing: tuple | list = PLAYING) -> dict:
    """Runs everything; returns the results that are written to audit-results.json."""
    if not (site / "index.html").is_file():
        raise SetupError(f"no built site in {site}: run `make build` first")
    for needed in (LIGHTHOUSE_CLI, AXE_SCRIPT):
        if not needed.is_file():
            raise SetupError(f"{needed.relative_to(REPO)} is missing: run `npm ci --prefix audit`")
    browser = chromium()
    REPORTS.mkdir(exist_ok=True)
    for old in REPORTS.glob("*.json"):
        old.unlink()
    results: list[dict] = []
    with serve(site) as address:
        base = address.rstrip("/")
        for name, path in pages:
            reports = []
            for number in range(1, runs + 1):
                output = REPORTS / f"{name}-{number}.json"
                print(f"lighthouse {path} run {number}/{runs}", file=sys.stderr, flush=True)
                reports.append(run_lighthouse(base + path, output, browser))
            per_run = [category_scores(report) for report in reports]
            results.append(
                {
                    "name": name,
                    "path": path,
                    "scores": combine_runs(per_run),
                    "performance_runs": [run["performance"] for run in per_run],
                    "runs": per_run,
                    "failing_audits": page_failing_audits(reports, per_run),
                    "reports": [str((REPORTS / f"{name}-{n}.json").relative_to(REPO)) for n in range(1, runs + 1)],
                }
            )
        for name, path in playing:
            output = REPORTS / f"{name}.json"
            print(f"lighthouse {path} with the player running", file=sys.stderr, flush=True)
            report = run_lighthouse_playing(base + path, output, browser)
            scores = category_scores(report)
            results.append(
                {
                    "name": name,
                    "path": f"{path} playing",
                    "scores": scores,
                    "performance_runs": [],
                    "runs": [scores],
                    "failing_audits": page_failing_audits([report], [scores]),
                    "reports": [str(output.relative_to(REPO))],
                    "targets": PLAYING_TARGETS,
                }
            )
        print("axe-core on every page, light and dark, phone and desktop", file=sys.stderr, flush=True)
        axe = run_axe(base, [path for _, path in pages], browser, [path for _, path in playing])
    axe_version = "?"
    for page in results:
        page["axe"] = {mode: found["violations"] for mode, found in axe[page["path"]].items()}
        page["axe_incomplete"] = {mode: found["incomplete"] for mode, found in axe[page["path"]].items()}
        page["page_errors"] = sorted({error for found in axe[page["path"]].values() for error in found["page_errors"]})
        page["misses"] = misses(page["scores"], page["axe"], page.get("targets", TARGETS))
        axe_version = next(iter(axe[page["path"]].values()))["version"]
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "lighthouse": lighthouse_version(),
        "axe_core": axe_version,
        "chromium": browser,
        "runs_per_page": runs,
        "targets": {**TARGETS, "axe_violations": AXE_MAX_VIOLATIONS},
        "passed": all(not page["misses"] for page in results),
        "pages": results,
    }


def report(results: dict) -> str:
    """The table, then what each page misses, the audits that cost points and the axe details."""
    lines = [
        f"Lighthouse {results['lighthouse']} (mobile, simulated throttling; performance: median of {results['runs_per_page']} runs)"
        f" · axe-core {results['axe_core']} ({', '.join(AXE_MODES)})",
        "",
        format_table(results["pages"]),
    ]
    for page in results["pages"]:
        details = []
        for item in page["failing_audits"]:
            value = f" ({item['value']})" if item["value"] else ""
            details.append(f"  lighthouse {item['category']}: {item['id']} score {item['score']}{value}")
        for rule, modes in axe_rules(page["axe"]).items():
            for mode in modes:
                violation = next(v for v in page["axe"][mode] if v["id"] == rule)
                targets = [node["target"] for node in violation["nodes"]]
                shown = "; ".join(targets[:3]) + (f"; and {len(targets) - 3} more" if len(targets) > 3 else "")
                details.append(f"  axe {rule} [{mode}] {len(targets)} element(s): {shown}")
        for error in page.get("page_errors", []):
            details.append(f"  page error: {error}")
        if details:
            lines += ["", page["path"], *details]
    lines += [
        "",
        "PASS: every page meets every target"
        if results["passed"]
        else "FAIL: " + "; ".join(f"{page['path']} {', '.join(page['misses'])}" for page in results["pages"] if page["misses"]),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"Lighthouse runs per page (median performance; default {RUNS})")
    parser.add_argument("--page", action="append", metavar="PATH", help="audit only this page (repeatable), e.g. /points/li4/")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON results")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    pages, playing = list(PAGES), list(PLAYING)
    if args.page:
        known = {path: name for name, path in PAGES}
        pages = [(known.get(path, path.strip("/").replace("/", "-") or "home"), path) for path in args.page]
        playing = [(name, path) for name, path in PLAYING if path in args.page]
    try:
        results = audit(pages, args.runs, SITE, playing)
    except (SetupError, RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(results))
    print(f"\nresults: {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}")
    return 0 if results["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
