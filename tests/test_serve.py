"""`make serve` under the ways people use it: saves in quick succession, invalid data, a port of
one's own, and stopping it (the builder's server must end with it)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import REPO, point
from generator import localweb


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(mini, tmp_path):
    port = localweb.free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115 (a file, not a pipe that could fill up; closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(mini.root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    process.log = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: fetch(base + "points/li2/"), 120, "the first build")
        yield mini, process, base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()


def _children(pid: int) -> list[int]:
    """Every process whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def test_rapid_saves_end_on_the_newest_text(served):
    mini, process, base = served
    for number in range(1, 6):
        mini.write_point(point("LI2", location=f"Saved version {number} of the location."))
        time.sleep(0.45)
    try:
        wait_until(lambda: "Saved version 5 of the location" in (fetch(base + "points/li2/") or ""), 60, "the last save on the page")
    except AssertionError:
        raise AssertionError(process.log.read_text(encoding="utf-8")[-4000:]) from None
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    output = process.log.read_text(encoding="utf-8")
    for problem in ("Traceback", "IndexError", "job ", "failed"):
        assert problem not in output, output[-3000:]


def test_invalid_data_is_shown_in_the_browser_and_the_last_good_page_kept(served):
    mini, process, base = served
    good = fetch(base + "points/li2/")
    mini.write_point(point("LI2", location=""))
    status = wait_until(
        lambda: json.loads(fetch(base + "api/serve-status.json") or '{"errors": []}')["errors"] or None, 60, "the error status"
    )
    assert any("location: must not be empty" in line for line in status)
    page = fetch(base + "points/li2/")
    same = re.compile(r"livereload\(\d+, \d+\)")  # the server's reload counter changes; nothing else may
    import difflib

    diff = list(difflib.unified_diff(same.sub("", good).splitlines(), same.sub("", page).splitlines(), lineterm="", n=0))
    assert diff == [] and "serve-status.js" in page, diff[:20]  # the banner's script, and the page as it was
    mini.write_point(point("LI2", location="Fixed again."))
    wait_until(lambda: json.loads(fetch(base + "api/serve-status.json") or '{"errors": [1]}')["errors"] == [], 60, "the errors to clear")


def test_stopping_serve_stops_the_builders_server(served):
    _, process, base = served
    children = _children(process.pid)
    assert children, "the builder's server should be a child process"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    wait_until(lambda: all(not os.path.exists(f"/proc/{child}") for child in children), 30, "the builder's server to end")
    assert fetch(base) is None


def test_the_builders_server_ends_when_serve_dies(served):
    """A crash (here SIGKILL, which nothing can catch) must not leave a server with stale pages."""
    _, process, base = served
    children = _children(process.pid)
    process.kill()
    process.wait(timeout=30)
    wait_until(lambda: all(not os.path.exists(f"/proc/{child}") for child in children), 30, "the orphaned server to end")
    assert fetch(base) is None


def test_make_serve_takes_a_port():
    result = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=REPO, capture_output=True, text=True)
    assert "--dev-addr 127.0.0.1:8001" in result.stdout
