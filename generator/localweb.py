"""A built site on this machine: a loopback server for it, a free port, and the Chromium that
looks at it. Shared by `python -m generator preview`, the tests, the benchmarks and the audit.

The server speaks as GitHub Pages does (HTTP/1.1 with keep-alive, text compressed with gzip),
so what a test or an audit measures is what a reader gets.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

# What GitHub Pages sends gzip-compressed.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "application/manifest+json", "image/svg+xml")
# Without these Chromium tries to reach Google's hosts for updates, sync and field trials.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str | None:
    """CHROMIUM_PATH, else Debian's chromium on the PATH; None when there is neither."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".webmanifest": "application/manifest+json"}
    _compressed: dict[str, bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (os.path.isfile(path) and wants_gzip and content_type.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = self._gzip(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    @classmethod
    def _gzip(cls, path: str) -> bytes:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)  # a file changed while served is compressed again
        with cls._lock:
            if key not in cls._compressed:
                cls._compressed[key] = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
            return cls._compressed[key]


@contextlib.contextmanager
def serve(site: Path, port: int = 0, prefix: str = "") -> Iterator[str]:
    """`site` served on 127.0.0.1 (a free port unless given), optionally under a sub-path such as
    /open-acupoints/ (a GitHub project page); yields the site's address, ending in a slash."""
    SiteHandler._compressed = {}
    root = site
    if prefix:
        import tempfile

        holder = Path(tempfile.mkdtemp(prefix="oa-subpath-"))
        (holder / prefix.strip("/")).symlink_to(site.resolve(), target_is_directory=True)
        root = holder
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(SiteHandler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        path = f"/{prefix.strip('/')}/" if prefix else "/"
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()
        if prefix:
            shutil.rmtree(root, ignore_errors=True)
