"""`make serve`: regenerate docs/ whenever data/ or the templates change, while the builder's
own server (MkDocs, ProperDocs or Zensical) serves the site and reloads the browser.

- One regeneration at a time, always of the newest state: saves that arrive while a
  regeneration runs make one more run afterwards, never a second one alongside.
- Parsed data files are kept in memory between runs (by their bytes), so a save parses one file.
- Invalid data leaves the last good pages in place and shows the errors in the browser: a
  banner on the reloaded page (api/serve-status.json, read by javascripts/serve-status.js).
- MkDocs runs with --dirty (only changed pages are rebuilt); when the navigation changes
  (mkdocs.gen.yml), or mkdocs.yml or the theme overrides do, it is restarted for a full build.
- New pages are written only while the builder's server is not rebuilding, and after each
  write the next waits for that rebuild to end (its log says when): a page rewritten in the
  middle of MkDocs' dirty rebuild made it crash on a page it had not read ("the server will
  appear stuck").
- The builder's server runs in its own process group and ends with this process: on
  Ctrl-C, on SIGTERM, and (Linux) when this process dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .builders import Builder
from .dataset import is_editor_file
from .errors import DataErrors, report_lines
from .lock import exclusive
from .navigation import CONFIG_FILE
from .pipeline import _write, run
from .project import Project
from .render import PageMemo
from .write import WriteError, WriteReport

DEBOUNCE_SECONDS = 0.2
STATUS_FILE = "api/serve-status.json"


def _die_with_parent() -> None:
    """In the child, before exec: its own process group, and SIGTERM when the parent dies (Linux)."""
    os.setsid()
    with contextlib.suppress(OSError, AttributeError):  # not Linux: no such call, and no need
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


AFTER_WRITE_SECONDS = 10  # the longest wait for the builder to report the rebuild a write caused


class BuilderServer:
    """The builder's development server, in a process group of its own, restartable; it also
    tells from its log whether a rebuild is running."""

    def __init__(self, project: Project, builder: Builder, address: str):
        self.project, self.builder, self.address = project, builder, address
        self.environment = {**builder.environment(), "SITE_URL": f"http://{address}/", "OA_SERVE": "1"}
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.idle = threading.Event()  # no rebuild running
        self.finished = threading.Event()  # a rebuild ended since the last write
        self.started, self.ended = re.compile(builder.log_started), re.compile(builder.log_finished)

    def _start(self) -> None:
        command = self.builder.serve_command(CONFIG_FILE, self.address)
        self.idle.clear()
        self.process = subprocess.Popen(
            command,
            cwd=self.project.root,
            env=self.environment,
            preexec_fn=_die_with_parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        """Pass the server's log on, and follow its rebuilds."""
        for line in process.stdout:
            print(line, end="", flush=True)
            if self.started.search(line):
                self.idle.clear()
            elif self.ended.search(line):
                self.idle.set()
                self.finished.set()
        self.idle.set()  # it ended: nothing to wait for

    def before_write(self) -> None:
        """Wait until no rebuild runs (and the one the last write caused has been seen)."""
        self.finished.wait(AFTER_WRITE_SECONDS)
        self.idle.wait(AFTER_WRITE_SECONDS * 3)

    def after_write(self) -> None:
        self.finished.clear()

    def start(self) -> None:
        with self.lock:
            self._start()

    def restart(self, reason: str) -> None:
        print(f"{reason}: restarting {self.builder.name} for a full build", flush=True)
        with self.lock:
            self._stop()
            self._start()

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

    def _stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        with self.lock:
            self._stop()
            self.process = None


class Regenerator:
    """Runs the pipeline on request, one run at a time, always for the newest files."""

    def __init__(self, project: Project, builder: Builder, on_done, server: BuilderServer | None = None):
        self.project, self.builder, self.on_done, self.server = project, builder, on_done, server
        self.cache: dict = {}
        self.memo = PageMemo()
        self.written: dict[str, bytes] = {}
        self.wanted = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="regenerate", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def request(self) -> None:
        self.wanted.set()

    def _loop(self) -> None:
        while True:
            self.wanted.wait()
            time.sleep(DEBOUNCE_SECONDS)  # an editor's save is several events
            self.wanted.clear()
            self.on_done(regenerate(self.project, self.builder, self.cache, self.memo, self.written, self.server))

    def once(self) -> WriteReport | None:
        return regenerate(self.project, self.builder, self.cache, self.memo, self.written)


def regenerate(
    project: Project, builder: Builder, cache: dict, memo: PageMemo, written: dict[str, bytes], server: BuilderServer | None = None
) -> WriteReport | None:
    """One run of the pipeline for make serve; `cache`, `memo` and `written` carry what earlier
    runs in this process parsed, rendered and wrote."""
    started = time.perf_counter()
    try:
        with exclusive(project.lock_file, "serve"):
            output = run(project, builder, workers=1, cache=cache, memo=memo)
            output.files[STATUS_FILE] = _status_content([])
            if server is not None:
                server.before_write()
            report = _write(project, output, written)
            written.clear()
            written.update(output.files)
            if server is not None and (report.written or report.removed):
                server.after_write()
    except DataErrors as exc:
        lines = report_lines(exc.errors)
        for line in lines:
            print(line, file=sys.stderr)
        print("the site keeps the last good pages", file=sys.stderr, flush=True)
        if server is not None:
            server.before_write()
        _status(project, lines)
        written.pop(STATUS_FILE, None)  # it now differs from what the last good run wrote
        if server is not None:
            server.after_write()
        return None
    except WriteError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        _status(project, [str(exc)])
        written.clear()  # some files may be as they were, some not: compare with the disk next time
        return None
    print(f"regenerated in {time.perf_counter() - started:.2f} s: {report.summary()}", flush=True)
    return report


def _status_content(errors: list[str]) -> bytes:
    return (json.dumps({"errors": errors}, ensure_ascii=False) + "\n").encode("utf-8")


def _status(project: Project, errors: list[str]) -> None:
    """Show the errors of a failed run in the browser: only this one file changes, so the
    pages stay as they were, and the builder's server reloads the page, which shows them."""
    path = project.docs / STATUS_FILE
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_status_content(errors))
        os.replace(temporary, path)


def needs_full_build(report: WriteReport | None) -> bool:
    """A dirty build cannot update the navigation on pages it does not rebuild."""
    return report is not None and (CONFIG_FILE in report.written or bool(report.removed))


class _Changes(FileSystemEventHandler):
    """Calls `action` for a change to a file that matters (not an editor's swap file)."""

    def __init__(self, action, only: Path | None = None):
        self.action, self.only = action, str(only) if only else None

    def on_any_event(self, event: FileSystemEvent):
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if self.only is not None:
            if self.only in paths:
                self.action()
            return
        if any(p and not is_editor_file(Path(p).name) for p in paths):
            self.action()


def serve(project: Project, builder: Builder, address: str) -> int:
    server = BuilderServer(project, builder, address)
    config_changed = threading.Event()

    def done(report: WriteReport | None) -> None:
        if needs_full_build(report) or config_changed.is_set():
            config_changed.clear()
            server.restart("the navigation or the site configuration changed")

    regenerator = Regenerator(project, builder, done, server)
    regenerator.once()

    def site_config_changed():
        config_changed.set()
        regenerator.request()

    observer = Observer()
    on_data = _Changes(regenerator.request)
    observer.schedule(on_data, str(project.data), recursive=True)
    observer.schedule(on_data, str(project.root / "generator" / "templates"), recursive=True)
    on_config = _Changes(site_config_changed)
    if (project.root / "overrides").is_dir():
        observer.schedule(on_config, str(project.root / "overrides"), recursive=True)
    observer.schedule(_Changes(site_config_changed, project.root / "mkdocs.yml"), str(project.root), recursive=False)

    def stop(signum, frame):
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    observer.start()
    regenerator.start()
    server.start()
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
        observer.stop()
        observer.join()
