"""The pure parts: scores from Lighthouse reports, thresholds, and the table (tests/test_audit.py)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from .settings import AXE_MAX_VIOLATIONS, AXE_MODES, CATEGORIES, TARGETS


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
