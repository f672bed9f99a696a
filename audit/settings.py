"""What the audit looks at and what it expects: the pages, the score targets, the axe modes."""

from __future__ import annotations

from pathlib import Path

AUDIT = Path(__file__).resolve().parent
REPO = AUDIT.parent
SITE = REPO / "site"
NODE_MODULES = AUDIT / "node_modules"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
REPORTS = AUDIT / "reports"
RESULTS = REPO / "audit-results.json"

FLOW_SCRIPT = AUDIT / "flow.mjs"

# One page of each kind the generator writes, and the hand-written home page.
PAGES = (
    ("home", "/"),
    ("point", "/points/li4/"),
    ("channel", "/channels/gb/"),
    ("symptom", "/symptoms/stiff-neck/"),
    ("routine", "/routines/stiff-neck-five-points/"),
    ("region", "/regions/head-face/"),
    ("category", "/categories/jing-well/"),
    ("points-a-z", "/points/"),
    ("symptoms-a-z", "/symptoms/"),
    ("my-points", "/my-points/"),
)
# Pages audited again with the player running (its Start button pressed, the countdown going):
# Lighthouse in snapshot mode, which scores what is on screen but not load performance.
PLAYING = (
    ("routine-playing", "/routines/stiff-neck-five-points/"),
    ("point-timer-running", "/points/li4/"),
)
START_BUTTON = ".oa-player__start"
PLAYING_SECONDS = 7  # after Start: past the get-ready countdown, into the pressing
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lowest score that passes, per Lighthouse category (0-100), and the most axe violations allowed.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
AXE_MAX_VIOLATIONS = 0
RUNS = 3
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's own best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice")
# Colour scheme (what prefers-color-scheme reports, which picks Material's palette) and window size.
AXE_MODES = {
    "light-phone": {"color_scheme": "light", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "dark-phone": {"color_scheme": "dark", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "light-desktop": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "dark-desktop": {"color_scheme": "dark", "viewport": {"width": 1280, "height": 900}},
}
EXPECTED_SCHEME = {"light": "default", "dark": "slate"}
