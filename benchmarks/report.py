"""The benchmark's figures as a plain-text report, with the project's targets beside them."""

from __future__ import annotations

import os
import platform
import sys

from .timing import median

KB = 1024
MB = 1024 * 1024

# Targets on the real data (docs/how-fast.md explains each).
GENERATOR_SECONDS = 1.0
BUILD_RATIO = 1.0  # make build, generation included, against bare Material with navigation.prune
POINT_PAGE_BYTES = 40 * KB
SEARCH_INDEX_BYTES = 1.5 * MB
SEARCH_INDEX_GZIP_BYTES = 400 * KB
EDIT_SECONDS = 3.0
SEARCH_MS = 300


def machine() -> dict:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"python": sys.version.split()[0], "platform": platform.platform(), "cores": cores}


def size(n: float) -> str:
    if n >= MB:
        return f"{n / MB:.2f} MB"
    return f"{n / KB:.1f} KB"


def seconds(values: list[float]) -> str:
    spread = f" (runs: {', '.join(f'{v:.2f}' for v in values)})" if len(values) > 1 else ""
    return f"{median(values):.2f} s{spread}"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _weights(w: dict) -> str:
    return f"{size(w['raw'])} raw, {size(w['gzip'])} gzip"


def dataset_lines(name: str, result: dict, targets: bool) -> list[str]:
    lines = [f"## {name}: {result['pages']} generated pages"]

    def row(label: str, value: str, ok: bool | None = None, target: str = "") -> None:
        mark = f"   [{verdict(ok)}: {target}]" if targets and ok is not None else ""
        lines.append(f"  {label:<42} {value}{mark}")

    gen = result["generator"]
    row("generator, full", seconds(gen["full"]), median(gen["full"]) < GENERATOR_SECONDS, f"< {GENERATOR_SECONDS:.0f} s")
    row("generator, full, one core", seconds(gen["full, one core"]))
    row("generator, no-op re-run", seconds(gen["no-op"]), median(gen["no-op"]) < GENERATOR_SECONDS, f"< {GENERATOR_SECONDS:.0f} s")
    row("generator, first run in a fresh clone", seconds(gen["first run in a fresh clone"]))
    builds = result["builds"]
    ours = median(builds["make build"])
    row("make build", seconds(builds["make build"]))
    for name_, times in builds.items():
        if name_ == "make build":
            continue
        row(name_, seconds(times))
        if name_.startswith("bare"):
            ratio = ours / median(times)
            target = name_.endswith("same navigation")
            row(f"  ratio make build / {name_}", f"{ratio:.2f}", ratio <= BUILD_RATIO if target else None, f"<= {BUILD_RATIO}")
    w = result["weights"]
    row("site", f"{w['files']} files, {size(w['total'])}")
    row("HTML pages", f"{w['html']['pages']}")
    row("  median page", _weights(w["html"]["median"]))
    row("  largest page", f"{_weights(w['html']['largest'])} ({w['html']['largest_page']})")
    points = w["points"]
    row("  median point page", _weights(points["median"]), points["median"]["raw"] <= POINT_PAGE_BYTES, "<= 40 KB raw")
    row("  largest point page", f"{_weights(points['largest'])} ({points['largest_page']})")
    index = w["search_index"]
    ok = index["raw"] <= SEARCH_INDEX_BYTES and index["gzip"] <= SEARCH_INDEX_GZIP_BYTES
    row("search index", _weights(index), ok, "<= 1.5 MB raw, 400 KB gzip")
    for kind, weight in sorted(w["point_assets"].items()):
        row(f"  {kind} a point page loads", _weights(weight))
    serve = result["serve"]
    row("edit one point → page rebuilt (make serve)", seconds(serve), median(serve) <= EDIT_SECONDS, f"<= {EDIT_SECONDS:.0f} s")
    for kind, figures in result.get("search", {}).items():
        value = f"median {figures['median']:.0f} ms, worst {figures['worst']:.0f} ms ({figures['keys']} keys)"
        row(f"search, key → results: {kind}", value, figures["worst"] <= SEARCH_MS, f"<= {SEARCH_MS} ms, 4x slower CPU")
    return lines


def growth_lines(real: dict, large: dict) -> list[str]:
    """Large ÷ real: pages grow about tenfold; a page's weight must not."""
    factor = large["pages"] / real["pages"]

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}×"

    rw, lw = real["weights"], large["weights"]
    lines = [f"## growth, 10x data ÷ real data (pages: {factor:.1f}×)"]
    rows = [
        ("generator, full", ratio(median(large["generator"]["full"]), median(real["generator"]["full"]))),
        ("make build", ratio(median(large["builds"]["make build"]), median(real["builds"]["make build"]))),
        ("site size", ratio(lw["total"], rw["total"])),
        ("median page (raw)", ratio(lw["html"]["median"]["raw"], rw["html"]["median"]["raw"])),
        ("median point page (raw)", ratio(lw["points"]["median"]["raw"], rw["points"]["median"]["raw"])),
        ("largest point page (raw)", ratio(lw["points"]["largest"]["raw"], rw["points"]["largest"]["raw"])),
        ("search index (raw)", ratio(lw["search_index"]["raw"], rw["search_index"]["raw"])),
        ("one-point edit in make serve", ratio(median(large["serve"]), median(real["serve"]))),
    ]
    lines += [f"  {label:<42} {value}" for label, value in rows]
    return lines


def render(results: dict) -> str:
    m = results["machine"]
    lines = [f"# Open Acupoints benchmark: Python {m['python']}, {m['cores']} cores, {m['platform']}", ""]
    lines += dataset_lines("real data", results["real"], targets=True)
    if "large" in results:
        lines += [""] + dataset_lines("10x data", results["large"], targets=False)
        lines += [""] + growth_lines(results["real"], results["large"])
    lines += ["", f"(benchmark took {results['seconds']} s)"]
    return "\n".join(lines)
