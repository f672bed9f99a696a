"""`make serve`: regenerate docs/ whenever data/ or the templates change, while `mkdocs serve` runs.

The generator runs here, outside MkDocs, and writes only files whose content
changed; MkDocs watches docs/ and rebuilds once per edit. Invalid data prints
its errors and leaves the last good pages in place.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .build import Project, build
from .errors import DataErrors

DEBOUNCE_SECONDS = 0.2


def _rebuild(project: Project) -> None:
    started = time.perf_counter()
    try:
        result = build(project)
    except DataErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s); the site keeps the last good pages.", file=sys.stderr, flush=True)
        return
    print(f"regenerated in {time.perf_counter() - started:.2f} s: {result.summary()}", flush=True)


class _Debounced(FileSystemEventHandler):
    def __init__(self, project: Project):
        self.project = project
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event):
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, _rebuild, args=(self.project,))
            self.timer.daemon = True
            self.timer.start()


def serve(project: Project, dev_addr: str) -> int:
    _rebuild(project)
    observer = Observer()
    handler = _Debounced(project)
    observer.schedule(handler, str(project.data), recursive=True)
    observer.schedule(handler, str(project.root / "generator" / "templates"), recursive=True)
    observer.start()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr, "--livereload"]
    environment = {**os.environ, "SITE_URL": f"http://{dev_addr}/"}
    try:
        return subprocess.call(command, cwd=project.root, env=environment)
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()
