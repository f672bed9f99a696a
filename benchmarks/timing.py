"""Wall-clock timing of whole commands, the way a contributor runs them."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

PYTHON = sys.executable
# The environment `make` gives its commands: Python caches compiled modules, as it does
# by default (a machine that turns that off makes every run compile the generator again).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Seconds one command took; a failing command stops the benchmark with its output."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env or ENVIRONMENT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return elapsed


def alternate(contenders: dict[str, Callable[[], float]], repeat: int) -> dict[str, list[float]]:
    """Run each contender `repeat` times, taking turns (A B A B …), so a slow minute on a
    shared machine falls on both and not on one of them."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, contender in contenders.items():
            times[name].append(contender())
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)
