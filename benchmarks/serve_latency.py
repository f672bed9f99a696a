"""Seconds from saving a point's YAML to the rebuilt page, while `make serve` runs.

The server is the real one (`python -m generator serve`, what `make serve` starts); the
clock stops when the page it serves carries the edited text, which is when the browser's
live reload would show it.
"""

from __future__ import annotations

import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from generator.localweb import free_port

from .timing import ENVIRONMENT, PYTHON

POLL_SECONDS = 0.05
_LOCATION = re.compile(r"^location: (?:[>|]-?\n\s+)?", re.M)  # the start of the location text, folded or plain


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def edit_latency(project: Path, point_file: Path, page: str, edits: int, startup_timeout: float) -> list[float]:
    """Start the server in `project`, then change `point_file`'s location `edits` times."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    original = point_file.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [PYTHON, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENVIRONMENT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    latencies = []
    try:
        wait_for(url, "</html>", startup_timeout)
        for number in range(1, edits + 1):
            marker = f"benchmark edit {number} {time.time_ns()}"
            edited = _LOCATION.sub(lambda m, marker=marker: f"{m.group(0)}{marker}. ", original, count=1)
            if edited == original:
                raise ValueError(f"{point_file} has no 'location:' line to edit")
            saved = time.perf_counter()
            point_file.write_text(edited, encoding="utf-8")
            wait_for(url, marker, timeout=60)
            latencies.append(time.perf_counter() - saved)
            time.sleep(0.5)  # let the server settle before the next save
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        point_file.write_text(original, encoding="utf-8")
    return latencies
