"""Running Lighthouse (node) and axe-core (in Chromium through Playwright) on served pages."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.localweb import CHROMIUM_FLAGS, chromium_path

from .settings import (
    AXE_MODES,
    AXE_SCRIPT,
    AXE_TAGS,
    CATEGORIES,
    EXPECTED_SCHEME,
    FLOW_SCRIPT,
    LIGHTHOUSE_CLI,
    NODE_MODULES,
    PLAYING_SECONDS,
    START_BUTTON,
)


class SetupError(Exception):
    """Something the audit needs is missing: the built site, node_modules, Chromium or node."""


def chromium() -> str:
    found = chromium_path()
    if found is None:
        raise SetupError("no Chromium: install Debian's chromium or set CHROMIUM_PATH")
    return found


def run_lighthouse(url: str, output: Path, chromium: str) -> dict:
    """One Lighthouse run with its default mobile settings; returns the JSON report."""
    node = shutil.which("node")
    if node is None:
        raise SetupError("node is not on PATH")
    with tempfile.TemporaryDirectory(prefix="audit-chromium-") as profile:
        # chrome-launcher adds a temporary profile of its own; this one comes later and wins.
        flags = " ".join(["--headless=new", *CHROMIUM_FLAGS, f"--user-data-dir={profile}"])
        command = [
            node,
            str(LIGHTHOUSE_CLI),
            url,
            "--output=json",
            f"--output-path={output}",
            f"--chrome-path={chromium}",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--quiet",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(f"Lighthouse failed on {url} (exit {result.returncode}): {result.stderr.strip()[-2000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def run_lighthouse_playing(url: str, output: Path, chromium: str) -> dict:
    """Lighthouse in snapshot mode on a page whose player was started (audit/flow.mjs)."""
    node = shutil.which("node")
    if node is None:
        raise SetupError("node is not on PATH")
    with tempfile.TemporaryDirectory(prefix="audit-chromium-") as profile:
        flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        command = [node, str(FLOW_SCRIPT), url, str(output), chromium, START_BUTTON, str(PLAYING_SECONDS), json.dumps(flags)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=FLOW_SCRIPT.parent)
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(f"Lighthouse (player running) failed on {url} (exit {result.returncode}): {result.stderr.strip()[-2000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


AXE_RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  const brief = rule => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map(node => ({target: node.target.join(" "), html: node.html.slice(0, 300), summary: node.failureSummary})),
  });
  return {version: axe.version, violations: result.violations.map(brief), incomplete: result.incomplete.map(rule => rule.id)};
}"""


def run_axe(base: str, paths: Iterable[str], chromium: str, playing: Iterable[str] = ()) -> dict[str, dict]:
    """axe-core on each page in each mode of AXE_MODES: {key: {mode: {violations, incomplete, scheme}}}.
    The key is the path; for the paths in `playing`, the page is audited again with its player
    started, under the key `<path> playing`."""
    from playwright.sync_api import sync_playwright

    runs = [(path, path, False) for path in paths] + [(f"{path} playing", path, True) for path in playing]
    results: dict[str, dict] = {key: {} for key, _, _ in runs}
    with sync_playwright() as playwright:
        # Playwright starts Chromium headless with a fresh temporary profile of its own.
        launched = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_FLAGS))
        try:
            for mode, options in AXE_MODES.items():
                context = launched.new_context(**options)
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                for key, path, play in runs:
                    errors.clear()
                    page.goto(base + path, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    if play:
                        page.locator(START_BUTTON).first.click()
                        page.wait_for_timeout(PLAYING_SECONDS * 1000)
                    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                    page.add_script_tag(path=str(AXE_SCRIPT))
                    found = page.evaluate(AXE_RUN, list(AXE_TAGS))
                    found["scheme"] = scheme
                    found["page_errors"] = list(errors)
                    if scheme != EXPECTED_SCHEME[options["color_scheme"]]:
                        raise RuntimeError(f"{path} in {mode}: Material chose the {scheme!r} scheme")
                    results[key][mode] = found
                context.close()
        finally:
            launched.close()
    return results


def lighthouse_version() -> str:
    package = NODE_MODULES / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.is_file() else "?"
