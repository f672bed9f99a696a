"""`make bench`: how fast the site builds and how much it weighs, on the real data and on a
synthetic dataset ten times larger. Prints figures; asserts nothing (a slow machine is
not a failed test). Every figure is measured in this run, on copies of this checkout.

    python -m benchmarks                 # everything (about ten minutes on two cores)
    python -m benchmarks --quick         # the real data only, one run each
    python -m benchmarks --json out.json # also write the figures as JSON
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import yaml

from generator.navigation import CONFIG_FILE
from generator.parallel import WORKERS_VARIABLE
from generator.write import OWNED

from . import report
from .search_latency import keystroke_latencies, summary
from .serve_latency import edit_latency
from .sizes import site_weights
from .synthetic import make_synthetic
from .timing import ENVIRONMENT, PYTHON, alternate, run
from .workspace import REPO, copy_project

EDITED_POINT = Path("data/points/LI/LI4.yml")
EDITED_PAGE = "points/li4/"


def prepare(target: Path, large: bool) -> Path:
    """A copy of this checkout to measure in, sharing its .venv; `large` adds the synthetic copies."""
    copy_project(target)
    (target / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    if large:
        make_synthetic(REPO / "data", target / "data")
    return target


def clean(project: Path) -> None:
    for name in OWNED:
        shutil.rmtree(project / "docs" / name, ignore_errors=True)
    (project / CONFIG_FILE).unlink(missing_ok=True)


def generator_times(project: Path, repeat: int) -> dict[str, list[float]]:
    command = [PYTHON, "-m", "generator", "generate"]
    serial = {**ENVIRONMENT, WORKERS_VARIABLE: "1"}

    def full() -> float:
        clean(project)
        return run(command, project)

    def full_serial() -> float:
        clean(project)
        return run(command, project, serial)

    # The first run in a fresh copy also compiles modules and templates; it is timed on its
    # own, and the other runs are what a contributor sees after it.
    first = full()
    times = alternate({"full": full, "full, one core": full_serial}, repeat)
    times["first run in a fresh clone"] = [first]
    times["no-op"] = [run(command, project) for _ in range(repeat)]
    return times


def bare_configs(project: Path) -> dict[str, Path]:
    """Two bare Material builds of the same generated Markdown, each in a folder of its own.

    minimal: site_name and theme only, as the issue defines it. MkDocs then lists every page
    in the navigation of every page, which makes that build slow and its pages large.
    same navigation: also our navigation and Material's navigation.prune, nothing else (no
    hooks, Markdown extensions, search settings, theme overrides or strict checks): the
    fairer yardstick for what our configuration costs.
    """
    nav = json.loads((project / CONFIG_FILE).read_text(encoding="utf-8"))["nav"]
    docs = str(project / "docs")
    variants = {
        "bare Material, minimal": {"site_name": "Bare", "docs_dir": docs, "theme": {"name": "material"}},
        "bare Material, same navigation": {
            "site_name": "Bare",
            "docs_dir": docs,
            "theme": {"name": "material", "features": ["navigation.prune"]},
            "nav": nav,
        },
    }
    paths = {}
    for index, (name, variant) in enumerate(variants.items()):
        folder = project / ".bench-bare" / str(index)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(variant, allow_unicode=True), encoding="utf-8")
        paths[name] = folder
    return paths


def build_times(project: Path, repeat: int, minimal: bool) -> dict[str, list[float]]:
    run([PYTHON, "-m", "generator", "generate"], project)  # the bare builds need the generated Markdown
    make = ["make", "--no-print-directory", "build"]
    contenders = {}
    if importlib.util.find_spec("zensical") is not None:  # first, so that site/ is MkDocs' when the weights are taken
        contenders["make build BUILDER=zensical"] = lambda: run([*make, "BUILDER=zensical"], project)
    contenders["make build"] = lambda: run([*make, "BUILDER=mkdocs"], project)
    for name, folder in bare_configs(project).items():
        if name.endswith("minimal") and not minimal:
            continue
        command = [PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(folder / "site")]
        contenders[name] = lambda command=command, folder=folder: run(command, folder)
    return alternate(contenders, repeat)


def measure(name: str, project: Path, repeat: int, large: bool, edits: int) -> dict:
    print(f"\n# {name}: generator ({repeat + 2}× each)", flush=True)
    generator = generator_times(project, repeat + 2)
    print(f"# {name}: make build against bare Material builds ({repeat}× each, taking turns)", flush=True)
    # The minimal bare build puts every page in every page's navigation: on the large set
    # that grows with the square of the pages, so it is measured on the real data only.
    builds = build_times(project, repeat, minimal=not large)
    weights = site_weights(project / "site")
    print(f"# {name}: search, every keystroke of every query on a 4x slower CPU", flush=True)
    search = summary(keystroke_latencies(project / "site"))
    print(f"# {name}: one-point edit while `make serve` runs ({edits} edits)", flush=True)
    serve = edit_latency(project, project / EDITED_POINT, EDITED_PAGE, edits, startup_timeout=900 if large else 180)
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    return {"pages": pages, "generator": generator, "builds": builds, "weights": asdict(weights), "serve": serve, "search": search}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="real data only, one run of each")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing on the real data (median reported)")
    parser.add_argument("--large-repeat", type=int, default=1, help="runs of each timing on the 10x data")
    parser.add_argument("--edits", type=int, default=3, help="saves of one point while the server runs")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat

    started = time.perf_counter()
    results = {"machine": report.machine()}
    with tempfile.TemporaryDirectory(prefix="open-acupoints-bench-") as tmp:
        real = prepare(Path(tmp) / "real", large=False)
        results["real"] = measure("real data", real, repeat, large=False, edits=args.edits)
        if not args.quick:
            big = prepare(Path(tmp) / "large", large=True)
            results["large"] = measure("10x data", big, args.large_repeat, large=True, edits=args.edits)
    results["seconds"] = round(time.perf_counter() - started)
    print()
    print(report.render(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    os.chdir(REPO)
    sys.exit(main())
