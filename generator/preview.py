"""`python -m generator preview VIEW OUT.png`: draw one view with every point placed on it, for
whoever edits outlines or coordinates. Uses Chromium through Playwright (CHROMIUM_PATH or
`chromium` on the PATH)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .dataset import Dataset
from .figures import FigureSpec, Marker, markers_for, render_svg


def preview(data: Dataset, view_id: str, out: Path, css: Path, width: int = 700, placements: Path | None = None) -> int:
    """placements: an optional YAML file {CODE: {figure: {...}, locator: {...}}} drawn as well (work in progress)."""
    import yaml

    from .model import Placement

    view = data.figures[view_id].model
    markers: list[Marker] = []
    extra = yaml.safe_load(placements.read_text(encoding="utf-8")) if placements else {}
    for record in data.points.values():
        p = record.model
        staged = (extra or {}).get(p.code, {})
        for key, placement in (("figure", p.figure), ("locator", p.locator)):
            if key in staged:
                placement = Placement.model_validate(staged[key])
            if placement and placement.view == view_id:
                markers += markers_for(view, placement, "oa-preview", label=p.code)
    svg = render_svg(FigureSpec(view, "oa-preview", markers, view.title, f"{len(markers)} markers", "preview"))
    landmarks = "".join(
        f'<circle cx="{m.x}" cy="{m.y}" r="2" fill="#1565c0"/><text x="{m.x + 3}" y="{m.y + 3}" font-size="7" fill="#1565c0">{m.id}</text>'
        for m in view.landmarks
    )
    svg = str(svg).replace("</svg>", landmarks + "</svg>")  # str: Markup.replace would escape the landmarks
    style = f"{css.read_text(encoding='utf-8')} body{{margin:8px}} .oa-preview{{width:{width}px}}"
    page = f"<html><head><style>{style}</style></head><body>{svg}</body></html>"
    from playwright.sync_api import sync_playwright

    from .localweb import CHROMIUM_FLAGS, chromium_path

    executable = chromium_path()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        source = Path(folder) / "preview.html"
        source.write_text(page, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_FLAGS))
        tab = browser.new_page(viewport={"width": width + 16, "height": 400})
        tab.goto(source.as_uri())
        tab.locator("svg").screenshot(path=str(out))
        browser.close()
    print(f"{out}: {view.title}, {len(markers)} markers")
    return 0
