"""Jobs on every core (generator/parallel.py): same results, same order, same errors as on one."""

from __future__ import annotations

import os
import shutil
from functools import partial

import pytest

from conftest import point, snapshot
from generator import parallel
from generator.errors import DataErrors
from generator.pipeline import generate
from generator.project import Project

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="forked workers are used on Linux only")


def square(n: int) -> int:
    return n * n


def fails() -> None:
    raise ValueError("this job breaks")


@needs_fork
def test_jobs_run_in_other_processes_and_come_back_in_order():
    jobs = [partial(square, n) for n in range(50)] + [os.getpid]
    results = parallel.run(jobs, workers=2)
    assert results[:50] == [n * n for n in range(50)]
    assert results[50] != os.getpid()


def test_one_worker_runs_here():
    assert parallel.run([os.getpid, os.getpid], workers=1) == [os.getpid()] * 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_job_is_reported_with_its_traceback(workers):
    results = parallel.run([partial(square, 3), fails, partial(square, 4)], workers=workers)
    assert results[0] == 9 and results[2] == 16
    assert isinstance(results[1], parallel.Failed)
    assert "ValueError: this job breaks" in results[1].traceback


def test_the_variable_chooses_the_number_of_workers(monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    assert parallel.default_workers() == 1
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "3")
    assert parallel.default_workers() == 3


@needs_fork
def test_pages_are_the_same_on_one_core_and_on_several(mini, tmp_path):
    generate(Project(mini.root), workers=1)
    one = snapshot(mini.root / "docs")
    generate(Project(mini.root), workers=2)  # nothing changed: nothing may be rewritten differently
    assert snapshot(mini.root / "docs") == one
    for name in ("points", "symptoms", "api"):
        shutil.rmtree(mini.root / "docs" / name)
    generate(Project(mini.root), workers=2)
    assert snapshot(mini.root / "docs") == one


@needs_fork
@pytest.mark.parametrize("workers", [1, 2])
def test_failed_checks_win_over_pages_rendered_meanwhile(mini, workers):
    """Pages are rendered while the checks run; when a check fails, only its error is reported."""
    mini.write_point(point("LI4", related=["LI99"], symptoms=["no-such-symptom"]))
    with pytest.raises(DataErrors) as caught:
        generate(Project(mini.root), workers=workers)
    messages = [str(e) for e in caught.value.errors]
    assert any("LI99" in m for m in messages) and any("no-such-symptom" in m for m in messages), messages
    assert not (mini.root / "docs" / "points").exists()
