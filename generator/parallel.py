"""Run independent jobs on every core, in forked worker processes.

A forked worker starts with a copy of this process's memory, so the loaded dataset
and the compiled templates cost nothing to share; only each job's result (a page's
text) travels back. Results come back in the order of the jobs, so the output is the
same whether the jobs ran on one core or on several.

Fork is used only on Linux (macOS and Windows start workers from scratch, which would
cost more than it saves) and only from a process with a single thread: forking while
another thread holds a lock can hang the worker (`make serve` watches files in threads,
so it renders here, one job after another).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WORKERS_VARIABLE = "OPEN_ACUPOINTS_WORKERS"  # set to 1 to run serially (the benchmark compares both)
MAX_WORKERS = 8
CHUNKS_PER_WORKER = 4  # small enough to balance the load, large enough to keep messages few


@dataclass(frozen=True)
class Failed:
    """A job that raised. The traceback is kept as text: not every exception can be pickled."""

    job: int
    traceback: str

    def error(self) -> RuntimeError:
        return RuntimeError(f"job {self.job} failed:\n{self.traceback}")


def can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """Workers to use when the caller does not say: the variable, else one per available core."""
    chosen = os.environ.get(WORKERS_VARIABLE, "").strip()
    if chosen:
        return max(1, int(chosen))
    if not can_fork() or threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, MAX_WORKERS)


_jobs: Sequence[Callable[[], object]] = ()  # set before the workers fork; they read it from their copy


def _run_slice(bounds: tuple[int, int]) -> list[object]:
    start, end = bounds
    return [_run_one(index) for index in range(start, end)]


def _run_one(index: int) -> object:
    try:
        return _jobs[index]()
    except Exception:  # a bug in a job: its traceback travels back as text, and the run stops there
        return Failed(index, traceback.format_exc())


def run(jobs: Sequence[Callable[[], object]], workers: int | None = None) -> list[object]:
    """Each job's result, in order; a job that raised gives a Failed instead of stopping the rest."""
    global _jobs
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(jobs) < 2 or not can_fork():
        _jobs = jobs
        try:
            return [_run_one(index) for index in range(len(jobs))]
        finally:
            _jobs = ()
    pieces = min(len(jobs), workers * CHUNKS_PER_WORKER)
    edges = [len(jobs) * i // pieces for i in range(pieces + 1)]
    _jobs = jobs
    # Objects that exist before the fork are left alone by the workers' garbage collector, so
    # their memory pages stay shared instead of being copied into every worker.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            slices = pool.map(_run_slice, list(zip(edges, edges[1:], strict=False)), chunksize=1)
    finally:
        gc.unfreeze()
        _jobs = ()
    return [result for piece in slices for result in piece]
