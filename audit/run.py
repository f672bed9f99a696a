"""`make audit`: Lighthouse and axe-core on five pages of the built site, against fixed targets.

Serves site/ on a free loopback port, runs Lighthouse (mobile preset, simulated throttling) on each
page three times (--runs) and keeps the median performance score, runs axe-core in a real Chromium in
the light and dark colour schemes at phone and desktop width, writes everything to
audit-results.json and prints a table. Exits 1 when any page misses a target, 2 when it cannot run.

    .venv/bin/python audit/run.py [--runs N] [--page PATH ...] [--output FILE]

Needs `npm ci --prefix audit` (the Makefile does it) and Chromium ($CHROMIUM_PATH or /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

AUDIT = Path(__file__).resolve().parent
REPO = AUDIT.parent
SITE = REPO / "site"
NODE_MODULES = AUDIT / "node_modules"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
REPORTS = AUDIT / "reports"
RESULTS = REPO / "audit-results.json"

# One page of each kind the generator writes, and the hand-written home page.
PAGES = (
    ("home", "/"),
    ("point", "/points/li4/"),
    ("channel", "/channels/gb/"),
    ("symptom", "/symptoms/stiff-neck/"),
    ("routine", "/routines/stiff-neck-five-points/"),
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lowest score that passes, per Lighthouse category (0-100), and the most axe violations allowed.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
AXE_MAX_VIOLATIONS = 0
RUNS = 3
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's own best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice")
# Colour scheme (what prefers-color-scheme reports, which picks Material's palette) and window size.
AXE_MODES = {
    "light-phone": {"color_scheme": "light", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "dark-phone": {"color_scheme": "dark", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "light-desktop": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "dark-desktop": {"color_scheme": "dark", "viewport": {"width": 1280, "height": 900}},
}
EXPECTED_SCHEME = {"light": "default", "dark": "slate"}
# Without these Chromium tries to reach Google's hosts for updates, sync and field trials.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# What GitHub Pages sends gzip-compressed; the audit serves the site the same way.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class SetupError(Exception):
    """Something the audit needs is missing: the built site, node_modules, Chromium or node."""


# --- Pure parts: scores, thresholds and the table (tests/test_audit.py) --------------------------


def category_scores(report: dict) -> dict[str, int | None]:
    """The four category scores of one Lighthouse JSON report as 0-100; None where Lighthouse gave none."""
    scores: dict[str, int | None] = {}
    for name in CATEGORIES:
        score = report.get("categories", {}).get(name, {}).get("score")
        scores[name] = None if score is None else round(score * 100)
    return scores


def failing_audits(report: dict) -> list[dict]:
    """The audits that cost points in a category (weight above zero, score below 1), worst first."""
    failing = []
    for name in CATEGORIES:
        for ref in report.get("categories", {}).get(name, {}).get("auditRefs", []):
            result = report.get("audits", {}).get(ref["id"], {})
            score = result.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                failing.append(
                    {
                        "category": name,
                        "id": ref["id"],
                        "score": score,
                        "title": result.get("title", ""),
                        "value": result.get("displayValue", ""),
                    }
                )
    return sorted(failing, key=lambda item: (CATEGORIES.index(item["category"]), item["score"], item["id"]))


def combine_runs(runs: list[dict[str, int | None]]) -> dict[str, int | None]:
    """One score per category from several runs of the same page.

    Performance varies from run to run, so it is the median (rounded down when it falls between two
    scores). The other categories do not depend on timing; should they differ, the lowest is kept.
    A category that some run could not score counts as unscored.
    """
    if not runs:
        return dict.fromkeys(CATEGORIES)
    combined: dict[str, int | None] = {}
    for name in CATEGORIES:
        values = [run.get(name) for run in runs]
        if any(value is None for value in values):
            combined[name] = None
        elif name == "performance":
            combined[name] = int(statistics.median_low(values)) if len(values) % 2 == 0 else int(statistics.median(values))
        else:
            combined[name] = min(values)
    return combined


def axe_rules(axe_by_mode: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Each violated axe rule and the modes (scheme-width) in which it was violated, rules sorted."""
    rules: dict[str, list[str]] = {}
    for mode, violations in axe_by_mode.items():
        for violation in violations:
            rules.setdefault(violation["id"], []).append(mode)
    return dict(sorted(rules.items()))


def modes_label(modes: list[str], every: Iterable[str] = AXE_MODES) -> str:
    """A short name for a set of modes: "" for all of them, "dark" or "phone" for one scheme or width."""
    every = list(every)
    if set(modes) == set(every):
        return ""
    for part in sorted({piece for mode in every for piece in mode.split("-")}):
        if set(modes) == {mode for mode in every if part in mode.split("-")}:
            return part
    return ", ".join(modes)


def page_failing_audits(reports: list[dict], per_run: list[dict[str, int | None]]) -> list[dict]:
    """The audits that cost points on a page: performance ones from the run with the median score,
    the others from every run (each once)."""
    if not reports:
        return []
    order = sorted(range(len(reports)), key=lambda i: per_run[i]["performance"] or 0)
    median_run = order[(len(order) - 1) // 2]
    found: dict[tuple[str, str], dict] = {}
    for index, report in enumerate(reports):
        for item in failing_audits(report):
            if item["category"] != "performance" or index == median_run:
                found.setdefault((item["category"], item["id"]), item)
    return sorted(found.values(), key=lambda item: (CATEGORIES.index(item["category"]), item["score"], item["id"]))


def misses(scores: dict[str, int | None], axe_by_mode: dict[str, list[dict]], targets: dict[str, int] = TARGETS) -> list[str]:
    """What a page misses, one line each: a category below its target or unscored, axe violations."""
    found = []
    for name, target in targets.items():
        score = scores.get(name)
        if score is None:
            found.append(f"{name}: no score")
        elif score < target:
            found.append(f"{name} {score} < {target}")
    rules = axe_rules(axe_by_mode)
    if len(rules) > AXE_MAX_VIOLATIONS:
        found.append(f"axe: {len(rules)} violated rule(s): {', '.join(rules)}")
    return found


def format_table(pages: list[dict]) -> str:
    """Page × the four Lighthouse scores and the axe violations, as fixed-width text."""
    header = ["page", "perf", "a11y", "best-pr", "seo", "axe", "result"]
    rows = []
    for page in pages:
        scores = page["scores"]
        perf = _cell(scores["performance"])
        runs = page.get("performance_runs", [])
        if len(runs) > 1:
            perf += " (" + "/".join(_cell(run) for run in runs) + ")"
        rules = axe_rules(page["axe"])
        named = [rule + (f" ({label})" if (label := modes_label(modes)) else "") for rule, modes in rules.items()]
        axe = str(len(rules)) + (": " + ", ".join(named) if named else "")
        rows.append(
            [
                page["path"],
                perf,
                _cell(scores["accessibility"]),
                _cell(scores["best-practices"]),
                _cell(scores["seo"]),
                axe,
                "pass" if not page["misses"] else "FAIL",
            ]
        )
    targets = [
        "target",
        f">={TARGETS['performance']}",
        str(TARGETS["accessibility"]),
        str(TARGETS["best-practices"]),
        str(TARGETS["seo"]),
        str(AXE_MAX_VIOLATIONS),
        "",
    ]
    widths = [max(len(row[i]) for row in [header, targets, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows), rule, line(targets)])


def _cell(score: int | None) -> str:
    return "-" if score is None else str(score)


# --- The server ---------------------------------------------------------------------------------


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/ as GitHub Pages does: HTTP/1.1 with keep-alive, text compressed with gzip."""

    protocol_version = "HTTP/1.1"
    _compressed: dict[str, bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (os.path.isfile(path) and wants_gzip and content_type.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = self._gzip(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    @classmethod
    def _gzip(cls, path: str) -> bytes:
        with cls._lock:
            if path not in cls._compressed:
                cls._compressed[path] = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
            return cls._compressed[path]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """site/ served at the root of a free port on 127.0.0.1; yields the address without a trailing slash."""
    SiteHandler._compressed = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- Lighthouse and axe -------------------------------------------------------------------------


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise SetupError("no Chromium: install Debian's chromium or set CHROMIUM_PATH")


def run_lighthouse(url: str, output: Path, chromium: str) -> dict:
    """One Lighthouse run with its default mobile settings; returns the JSON report."""
    node = shutil.which("node")
    if node is None:
        raise SetupError("node is not on PATH")
    with tempfile.TemporaryDirectory(prefix="audit-chromium-") as profile:
        # chrome-launcher adds a temporary profile of its own; this one comes later and wins.
        flags = " ".join(["--headless=new", *CHROMIUM_FLAGS, f"--user-data-dir={profile}"])
        command = [
            node,
            str(LIGHTHOUSE_CLI),
            url,
            "--output=json",
            f"--output-path={output}",
            f"--chrome-path={chromium}",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--quiet",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(f"Lighthouse failed on {url} (exit {result.returncode}): {result.stderr.strip()[-2000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


AXE_RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  const brief = rule => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map(node => ({target: node.target.join(" "), html: node.html.slice(0, 300), summary: node.failureSummary})),
  });
  return {version: axe.version, violations: result.violations.map(brief), incomplete: result.incomplete.map(rule => rule.id)};
}"""


def run_axe(base: str, paths: Iterable[str], chromium: str) -> dict[str, dict]:
    """axe-core on each page in each mode of AXE_MODES: {path: {mode: {violations, incomplete, scheme}}}."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {path: {} for path in paths}
    with sync_playwright() as playwright:
        # Playwright starts Chromium headless with a fresh temporary profile of its own.
        launched = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_FLAGS))
        try:
            for mode, options in AXE_MODES.items():
                context = launched.new_context(**options)
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                for path in results:
                    errors.clear()
                    page.goto(base + path, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                    page.add_script_tag(path=str(AXE_SCRIPT))
                    found = page.evaluate(AXE_RUN, list(AXE_TAGS))
                    found["scheme"] = scheme
                    found["page_errors"] = list(errors)
                    if scheme != EXPECTED_SCHEME[options["color_scheme"]]:
                        raise RuntimeError(f"{path} in {mode}: Material chose the {scheme!r} scheme")
                    results[path][mode] = found
                context.close()
        finally:
            launched.close()
    return results


def lighthouse_version() -> str:
    package = NODE_MODULES / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.is_file() else "?"


def audit(pages: list[tuple[str, str]], runs: int, site: Path = SITE) -> dict:
    """Runs everything; returns the results that are written to audit-results.json."""
    if not (site / "index.html").is_file():
        raise SetupError(f"no built site in {site}: run `make build` first")
    for needed in (LIGHTHOUSE_CLI, AXE_SCRIPT):
        if not needed.is_file():
            raise SetupError(f"{needed.relative_to(REPO)} is missing: run `npm ci --prefix audit`")
    chromium = chromium_path()
    REPORTS.mkdir(exist_ok=True)
    for old in REPORTS.glob("*.json"):
        old.unlink()
    results: list[dict] = []
    with serve(site) as base:
        for name, path in pages:
            reports = []
            for number in range(1, runs + 1):
                output = REPORTS / f"{name}-{number}.json"
                print(f"lighthouse {path} run {number}/{runs}", file=sys.stderr, flush=True)
                reports.append(run_lighthouse(base + path, output, chromium))
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
        print("axe-core on every page, light and dark, phone and desktop", file=sys.stderr, flush=True)
        axe = run_axe(base, [path for _, path in pages], chromium)
    axe_version = "?"
    for page in results:
        page["axe"] = {mode: found["violations"] for mode, found in axe[page["path"]].items()}
        page["axe_incomplete"] = {mode: found["incomplete"] for mode, found in axe[page["path"]].items()}
        page["page_errors"] = sorted({error for found in axe[page["path"]].values() for error in found["page_errors"]})
        page["misses"] = misses(page["scores"], page["axe"])
        axe_version = next(iter(axe[page["path"]].values()))["version"]
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "lighthouse": lighthouse_version(),
        "axe_core": axe_version,
        "chromium": chromium,
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
    pages = list(PAGES)
    if args.page:
        known = {path: name for name, path in PAGES}
        pages = [(known.get(path, path.strip("/").replace("/", "-") or "home"), path) for path in args.page]
    try:
        results = audit(pages, args.runs, SITE)
    except (SetupError, RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(results))
    print(f"\nresults: {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}")
    return 0 if results["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
