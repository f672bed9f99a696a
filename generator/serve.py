"""`make serve`: regenerate docs/ whenever data/ or the templates change, while `mkdocs serve` runs.

The generator runs here, outside MkDocs, and writes only files whose content
changed. MkDocs watches docs/ and, started with `--dirty`, re-renders only the
pages whose Markdown changed: an edit to one point rebuilds a handful of pages
in well under a second instead of all of them. A dirty build keeps every other
page's navigation as it was, so when the navigation itself changes (a point
added, removed or renamed: docs/.nav.yml is rewritten) or mkdocs.yml or the
theme overrides change, MkDocs is restarted for one full build. Invalid data
prints its errors and leaves the last good pages in place.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import Project, build
from .errors import DataErrors
from .write import WriteReport

DEBOUNCE_SECONDS = 0.2
NAV_FILE = ".nav.yml"


class MkDocsServer:
    """The `mkdocs serve` child process, restartable."""

    def __init__(self, project: Project, dev_addr: str):
        self.command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr, "--livereload", "--dirty"]
        self.cwd = project.root
        self.environment = {**os.environ, "SITE_URL": f"http://{dev_addr}/", "NO_MKDOCS_2_WARNING": "1"}
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        with self.lock:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.environment)

    def restart(self, reason: str) -> None:
        print(f"{reason}: restarting MkDocs for a full build", flush=True)
        with self.lock:
            if self.process and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.environment)

    def wait(self) -> int:
        while True:
            with self.lock:
                process = self.process
            if process is None:
                return 0
            code = process.wait()
            with self.lock:
                if process is self.process:  # not replaced by a restart meanwhile
                    return code

    def stop(self) -> None:
        with self.lock:
            if self.process and self.process.poll() is None:
                self.process.terminate()
                self.process.wait()


def regenerate(project: Project) -> WriteReport | None:
    started = time.perf_counter()
    try:
        result = build(project)
    except DataErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s); the site keeps the last good pages.", file=sys.stderr, flush=True)
        return None
    print(f"regenerated in {time.perf_counter() - started:.2f} s: {result.summary()}", flush=True)
    return result


def needs_full_build(report: WriteReport | None) -> bool:
    """A dirty build cannot update the navigation on pages it does not rebuild."""
    return report is not None and (NAV_FILE in report.written or bool(report.removed))


class _Debounced(FileSystemEventHandler):
    """Runs `action` once, shortly after the last of a burst of file events (an editor's save is several)."""

    def __init__(self, action):
        self.action = action
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent):
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.action)
            self.timer.daemon = True
            self.timer.start()


def serve(project: Project, dev_addr: str) -> int:
    regenerate(project)
    mkdocs = MkDocsServer(project, dev_addr)

    def data_changed():
        if needs_full_build(regenerate(project)):
            mkdocs.restart("the navigation changed")

    def site_config_changed():
        mkdocs.restart("mkdocs.yml or the theme changed")

    observer = Observer()
    on_data = _Debounced(data_changed)
    observer.schedule(on_data, str(project.data), recursive=True)
    observer.schedule(on_data, str(project.root / "generator" / "templates"), recursive=True)
    on_config = _Debounced(site_config_changed)
    overrides: Path = project.root / "overrides"
    if overrides.is_dir():
        observer.schedule(on_config, str(overrides), recursive=True)
    observer.schedule(_OnlyFile(on_config, project.root / "mkdocs.yml"), str(project.root), recursive=False)
    observer.start()
    mkdocs.start()
    try:
        return mkdocs.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()
        mkdocs.stop()


class _OnlyFile(FileSystemEventHandler):
    """Passes on events for one file in a watched folder (mkdocs.yml in the project root)."""

    def __init__(self, inner: FileSystemEventHandler, path: Path):
        self.inner, self.path = inner, str(path)

    def on_any_event(self, event: FileSystemEvent):
        if self.path in (event.src_path, getattr(event, "dest_path", "")):
            self.inner.on_any_event(event)
