"""Turn a checked Dataset into Markdown pages (path → text), in memory.

Nothing here touches the disk except reading templates; write.py does the writing.
Links are built here, as Markup, from slugs the generator controls; all other
text goes through the escaping finalizer in escape.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .checks import symptom_points
from .dataset import Dataset
from .escape import front_matter_list, front_matter_string, join, link, markdown_text
from .figures import Marker, drawing_file, figure_block, markers_for, render_svg
from .model import Placement, Point, Region
from .names import point_aliases, strip_tones

TEMPLATES = Path(__file__).parent / "templates"

REGION_NAMES = {
    Region.head_face: "Head and face",
    Region.neck: "Neck",
    Region.shoulder_upper_back: "Shoulder and upper back",
    Region.chest_abdomen: "Chest and abdomen",
    Region.lower_back: "Lower back",
    Region.arm_hand: "Arm and hand",
    Region.leg_foot: "Leg and foot",
}

PRIMARY_COUNT = 8  # points listed first on a symptom page that gives no order of its own

SIDE_NAMES = {
    "opposite": "on the side opposite the pain",
    "same": "on the painful side",
    "both": "on both sides",
    "midline": "on the midline",
}


@dataclass(frozen=True)
class SiteInfo:
    repo_url: str
    branch: str = "main"

    def edit_url(self, data_file: str) -> Markup:
        return Markup(quote(f"{self.repo_url}/edit/{self.branch}/{data_file}", safe=":/"))

    def source_url(self, data_file: str) -> Markup:
        return Markup(quote(f"{self.repo_url}/blob/{self.branch}/{data_file}", safe=":/"))

    def report_url(self, page_title: str, page: str, data_file: str) -> Markup:
        """A new issue on the repository's host, prefilled with the page and its data file."""
        title = f"Problem on {page_title}"
        body = (
            f"Page: {page_url(page)}\nData file: {data_file}\n\n"
            "What is wrong (location, name, caution, wording…)?\n\n"
            "What should it say, and what is your source?\n"
        )
        query = urlencode({"title": title, "body": body, "labels": "content"}, quote_via=quote)
        return Markup(f"{self.repo_url}/issues/new?{query}")


# Where each kind of page lives in docs/. write.py owns exactly these folders.
def point_page(code: str) -> str:
    return f"points/{code.lower()}.md"


def channel_page(code: str) -> str:
    return f"channels/{code.lower()}/index.md"


def symptom_page(symptom_id: str) -> str:
    return f"symptoms/{symptom_id}.md"


def routine_page(routine_id: str) -> str:
    return f"routines/{routine_id}.md"


def category_page(category_id: str) -> str:
    return f"categories/{category_id}.md"


def region_page(region: Region) -> str:
    return f"regions/{region.value}.md"


REFERENCES_PAGE = "references/index.md"

# The five transporting points carry a phase, derived from the point's category and
# whether its channel is yin or yang (never typed in the data).
FIVE_PHASES = {
    "yin": {"jing-well": "wood", "ying-spring": "fire", "shu-stream": "earth", "jing-river": "metal", "he-sea": "water"},
    "yang": {"jing-well": "metal", "ying-spring": "water", "shu-stream": "wood", "jing-river": "fire", "he-sea": "earth"},
}


def five_phase(polarity: str, category_id: str) -> str | None:
    return FIVE_PHASES.get(polarity, {}).get(category_id)


def drawing_path(view_id: str) -> str:
    return f"figures/{view_id}.svg"


def page_url(page: str) -> str:
    """docs path → site URL relative to the site root (points/li4.md → points/li4/)."""
    if page.endswith("index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def relative(from_page: str, to_page: str) -> str:
    """The link from one docs page to another (both normalised paths under docs/).

    posixpath.relpath gives the same answer, but resolves both against the working
    directory first; with ten thousand links per run that cost a third of a second.
    """
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def point_title(point: Point) -> str:
    return f"{point.code} · {point.names.pinyin} {point.names.hanzi}"


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept next to them, as Python keeps .pyc files: compiling the
    templates took a tenth of every run. Jinja checks each template's source against
    its cached copy, and a folder that cannot be written to only means no cache."""

    def __init__(self):
        folder = TEMPLATES / "__pycache__"
        with contextlib.suppress(OSError):
            folder.mkdir(exist_ok=True)
        super().__init__(str(folder), "%s.jinja.cache")

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_TemplateCache(),
        autoescape=False,  # Markdown, not HTML: escape.markdown_text does the escaping.
        finalize=markdown_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fm"] = front_matter_string
    env.filters["fm_list"] = front_matter_list
    env.filters["join"] = join
    # Load every template now, before any page is rendered: workers forked later share
    # them instead of each loading its own (parallel.py).
    for name in env.list_templates(filter_func=lambda name: name.endswith(".j2")):
        env.get_template(name)
    return env


class Renderer:
    def __init__(self, data: Dataset, site: SiteInfo):
        self.data = data
        self.site = site
        self.env = _environment()
        self.by_symptom = symptom_points(data)
        self.points = data.sorted_points()
        self.by_channel: dict[str, list[Point]] = {}
        for point in self.points:
            self.by_channel.setdefault(point.channel, []).append(point)
        self.routines_of: dict[str, list[str]] = {}
        for record in sorted(data.routines.values(), key=lambda r: r.model.id):
            for code in dict.fromkeys(c for step in record.model.steps for c in step.points):
                self.routines_of.setdefault(code, []).append(record.model.id)

    # Links -----------------------------------------------------------------
    def point_link(self, here: str, code: str, full: bool = True) -> Markup:
        point = self.data.points[code].model
        text = point_title(point) if full else point.code
        return link(text, relative(here, point_page(code)))

    def symptom_link(self, here: str, symptom_id: str) -> Markup:
        return link(self.data.symptoms[symptom_id].model.name, relative(here, symptom_page(symptom_id)))

    def channel_link(self, here: str, code: str) -> Markup:
        channel = self.data.channels[code]
        return link(f"{channel.name} ({code})", relative(here, channel_page(code)))

    def category_link(self, here: str, category_id: str, point: Point | None = None) -> Markup:
        category = self.data.categories[category_id]
        text = category.name
        channel = self.data.channels.get(point.channel) if point else None
        phase = five_phase(channel.polarity, category_id) if channel else None
        if phase:
            text += f" ({phase})"
        return link(text, relative(here, category_page(category_id)))

    def reference_link(self, here: str, key: str) -> Markup:
        return link(self.data.references[key].citation, relative(here, REFERENCES_PAGE) + f"#{key}")

    def routine_link(self, here: str, routine_id: str) -> Markup:
        return link(self.data.routines[routine_id].model.title, relative(here, routine_page(routine_id)))

    def data_links(self, record, page: str, title: str) -> dict[str, Markup | str]:
        rel = record.doc.path.relative_to(self.data.root.parent).as_posix()
        return {
            "file": rel,
            "edit": self.site.edit_url(rel),
            "view": self.site.source_url(rel),
            "report": self.site.report_url(title, page, rel),
        }

    # Pages -----------------------------------------------------------------
    def page_jobs(self) -> list[tuple[str, Callable[[], str]]]:
        """Every page as (docs path, how to render it): independent, so they can run on any core."""
        jobs: list[tuple[str, Callable[[], str]]] = []
        for point in self.points:
            jobs.append((point_page(point.code), partial(self.render_point, point)))
        for code in self.data.channels:
            jobs.append((channel_page(code), partial(self.render_channel, code)))
        for symptom_id in sorted(self.data.symptoms):
            jobs.append((symptom_page(symptom_id), partial(self.render_symptom, symptom_id)))
        for routine_id in sorted(self.data.routines):
            jobs.append((routine_page(routine_id), partial(self.render_routine, routine_id)))
        jobs += [
            ("points/index.md", self.render_points_index),
            ("channels/index.md", self.render_channels_index),
            ("symptoms/index.md", self.render_symptoms_index),
            ("routines/index.md", self.render_routines_index),
        ]
        for category_id in self.data.categories:
            jobs.append((category_page(category_id), partial(self.render_category, category_id)))
        jobs.append(("categories/index.md", self.render_categories_index))
        for region in Region:
            jobs.append((region_page(region), partial(self.render_region, region)))
        jobs += [("regions/index.md", self.render_regions_index), (REFERENCES_PAGE, self.render_references)]
        for view_id, record in self.data.figures.items():
            jobs.append((drawing_path(view_id), partial(drawing_file, record.model)))
        return jobs

    def render_all(self) -> dict[str, str]:
        return {path: render() for path, render in self.page_jobs()}

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def render_point(self, point: Point) -> str:
        here = point_page(point.code)
        record = self.data.points[point.code]
        channel = self.data.channels.get(point.channel)
        siblings = self.by_channel[point.channel]
        index = next(i for i, p in enumerate(siblings) if p is point)  # `is`: model equality compares every field
        general = [c for c in self.data.cautions.values() if c.applies_to_all]
        aliases = point_aliases(point, channel)
        routines = [self.routine_link(here, routine_id) for routine_id in self.routines_of.get(point.code, [])]
        return self._render(
            "point.md.j2",
            point=point,
            title=point_title(point),
            description=_point_description(point),
            aliases=[a for a in aliases if a not in (point.names.english, *point.names.english_alt)],
            tags=[point.code, point.names.pinyin, *aliases],
            region=REGION_NAMES[point.region],
            channel=channel,
            channel_link=self.channel_link(here, point.channel) if channel else None,
            neighbours=self._neighbours(here, siblings, index),
            figure=self.point_figure(here, point),
            symptoms=[self.symptom_link(here, s) for s in point.symptoms],
            modern_uses=[
                {
                    "symptom": self.symptom_link(here, u.symptom),
                    "use": u,
                    "source": self.reference_link(here, u.source) if u.source else None,
                }
                for u in point.modern_uses
            ],
            categories=[self.category_link(here, c, point) for c in point.categories],
            meeting=[self._meeting_name(m) for m in point.meeting_of],
            cautions=[self.data.cautions[c] for c in point.cautions],
            general_cautions=general,
            related=[self.point_link(here, code) for code in point.related],
            routines=routines,
            location_source=self.data.references[point.sources.location],
            references=[self.reference_link(here, k) for k in [point.sources.location, *point.sources.other]],
            data=self.data_links(record, here, point_title(point)),
            disclaimer=link("Not medical advice", relative(here, "medical-disclaimer.md")),
            safety=link("how to press safely", relative(here, "pressing-safely.md")),
            cun=link("cun", relative(here, "measuring-cun.md")),
        )

    def _file_links(self, data_file: str, page: str, title: str) -> dict[str, Markup | str]:
        return {"file": data_file, "edit": self.site.edit_url(data_file), "report": self.site.report_url(title, page, data_file)}

    def _neighbours(self, here: str, siblings: list[Point], index: int) -> Markup | None:
        parts = []
        if index > 0:
            parts.append(Markup("← ") + self.point_link(here, siblings[index - 1].code))
        if index + 1 < len(siblings):
            parts.append(self.point_link(here, siblings[index + 1].code) + Markup(" →"))
        return Markup(" · ").join(parts) if parts else None

    # Figures ----------------------------------------------------------------
    @staticmethod
    def _drawing(here: str, view_id: str) -> str:
        # Raw HTML is not rewritten by MkDocs: the URL is relative to the built page's URL
        # (points/li4/), not to its Markdown file (points/li4.md).
        return "../" * page_url(here).count("/") + drawing_path(view_id)

    def _view(self, view_id: str):
        return self.data.figures[view_id].model

    def point_figure(self, here: str, point: Point) -> Markup | None:
        """The point on its detail view, and on a small whole-body locator when the detail is not one."""
        if point.figure is None:
            return None
        view = self._view(point.figure.view)
        landmark = next((m for m in view.landmarks if m.id == point.figure.landmark), None)
        marks = markers_for(view, point.figure)
        sides = " Both sides of the body are marked." if len(marks) > 1 else ""
        near = f", near the {landmark.label}" if landmark else ""
        svgs = [
            render_svg(
                view,
                marks,
                f"{point.code} {point.names.pinyin} on the {view.title.lower()}",
                f"A dot marks {point.code}{near}.{sides}",
                "oa-detail",
                f"fig-{point.code.lower()}",
                landmark=point.figure.landmark,
                drawing=self._drawing(here, view.id),
            )
        ]
        if point.locator is not None and point.locator.view != point.figure.view:
            body = self._view(point.locator.view)
            svgs.append(
                render_svg(
                    body,
                    markers_for(body, point.locator),
                    f"Where {point.code} is on the whole body",
                    f"{body.title}, with {point.code} marked.",
                    "oa-locator",
                    f"loc-{point.code.lower()}",
                    drawing=self._drawing(here, body.id),
                )
            )
        return figure_block(svgs, f"{point.code} {point.names.pinyin}{near}.")

    def overview_figures(self, here: str, points: list[Point], caption: str, figure_id: str, numbered: bool, path: bool) -> Markup | None:
        """Several points on the whole-body views: numbered in list order, optionally joined in order."""
        by_view: dict[str, list[tuple[Placement, str]]] = {}
        for index, point in enumerate(points, start=1):
            placement = point.locator or (point.figure if point.figure and point.figure.view.startswith("body-") else None)
            if placement is None:
                continue
            label = str(index) if numbered else str(point.number or point.code)
            by_view.setdefault(placement.view, []).append((placement, label))
        if not by_view:
            return None
        svgs = []
        for view_id in ("body-front", "body-back", "body-side"):
            if view_id not in by_view:
                continue
            view = self._view(view_id)
            marks = [Marker(p.x, p.y, label) for p, label in by_view[view_id]]
            svgs.append(
                render_svg(
                    view,
                    marks,
                    f"{caption}: {view.title.lower()}",
                    f"{len(marks)} point{'' if len(marks) == 1 else 's'} marked on the {view.title.lower()}.",
                    "oa-overview",
                    f"{figure_id}-{view_id}",
                    path=marks if path else None,
                    drawing=self._drawing(here, view_id),
                )
            )
        return figure_block(svgs, caption)

    def step_figure(self, here: str, codes: list[str], number: int) -> Markup | None:
        """A routine step's points on the detail view of its first point."""
        points = [self.data.points[c].model for c in codes]
        if not points[0].figure:
            return None
        view = self._view(points[0].figure.view)
        marks = [m for p in points if p.figure and p.figure.view == view.id for m in markers_for(view, p.figure, p.code, both_sides=False)]
        names = ", ".join(p.code for p in points)
        description = f"{names} on the {view.title.lower()}."
        svg = render_svg(
            view, marks, f"Step {number}: {names}", description, "oa-detail", f"step-{number}", drawing=self._drawing(here, view.id)
        )
        return figure_block([svg], f"Step {number}: {names}.")

    def _meeting_name(self, key: str) -> str:
        if key in self.data.channels:
            return f"{self.data.channels[key].name} ({key})"
        return self.data.vessels[key].name

    def render_channel(self, code: str) -> str:
        here = channel_page(code)
        channel = self.data.channels[code]
        points = self.by_channel.get(code, [])
        rows = self._point_rows(here, points)
        return self._render(
            "channel.md.j2",
            channel=channel,
            rows=rows,
            figure=self.overview_figures(
                here,
                points,
                f"The {channel.name} channel, its points numbered in order",
                f"ch-{code.lower()}",
                numbered=False,
                path=code != "EX",
            ),
            description=f"The {channel.name} channel ({code}): its pathway and all {len(points)} of its points.",
            data=self._file_links("data/channels.yml", here, f"the {channel.name} channel"),
        )

    def render_symptom(self, symptom_id: str) -> str:
        here = symptom_page(symptom_id)
        record = self.data.symptoms[symptom_id]
        symptom = record.model
        codes = self.by_symptom.get(symptom_id, [])
        ordered = list(symptom.primary_points) + [c for c in codes if c not in symptom.primary_points]
        self_care = [c for c in ordered if self.data.points[c].model.self_care]
        professional = [c for c in ordered if not self.data.points[c].model.self_care]
        # The points to start with: the symptom's own order, or the first few in channel order.
        first = [c for c in symptom.primary_points if c in self_care] or self_care[:PRIMARY_COUNT]
        others = [c for c in self_care if c not in first]
        routines = [
            self.routine_link(here, r.model.id)
            for r in sorted(self.data.routines.values(), key=lambda r: r.model.id)
            if symptom_id in r.model.symptoms
        ]
        shown = [self.data.points[c].model for c in first]
        synonyms = symptom.synonyms
        tags = [symptom.name, *synonyms.lay, *synonyms.clinical, *synonyms.tcm]
        tags += [strip_tones(t) for t in synonyms.tcm if strip_tones(t) != t]  # luòzhěn → luozhen
        return self._render(
            "symptom.md.j2",
            symptom=symptom,
            tags=tags,
            figure=self.overview_figures(
                here, shown, f"Points for {symptom.name.lower()}, numbered as in the list", f"sy-{symptom_id}", numbered=True, path=False
            ),
            description=f"{symptom.name}: when to see a doctor, and acupressure points people use for it. {symptom.description}",
            points=[
                {
                    "link": self.point_link(here, c),
                    "where": self.data.points[c].model.names.english,
                    "region": REGION_NAMES[self.data.points[c].model.region],
                }
                for c in first
            ],
            others=[self.point_link(here, c, full=False) for c in others],
            professional=[self.point_link(here, c, full=False) for c in professional],
            related=[self.symptom_link(here, s) for s in symptom.related],
            routines=routines,
            data=self.data_links(record, here, symptom.name),
            disclaimer=link("Not medical advice", relative(here, "medical-disclaimer.md")),
            safety=link("How to press a point safely", relative(here, "pressing-safely.md")),
        )

    def render_routine(self, routine_id: str) -> str:
        here = routine_page(routine_id)
        record = self.data.routines[routine_id]
        routine = record.model
        steps = [
            {
                "figure": self.step_figure(here, step.points, number),
                "points": [self.point_link(here, code) for code in step.points],
                "side": SIDE_NAMES[step.side.value],
                "duration": step.duration,
                "instruction": step.instruction,
                "movement": step.movement,
            }
            for number, step in enumerate(routine.steps, start=1)
        ]
        return self._render(
            "routine.md.j2",
            routine=routine,
            steps=steps,
            symptoms=[self.symptom_link(here, s) for s in routine.symptoms],
            references=[self.reference_link(here, k) for k in routine.sources],
            data=self.data_links(record, here, routine.title),
            disclaimer=link("Not medical advice", relative(here, "medical-disclaimer.md")),
        )

    def render_points_index(self) -> str:
        here = "points/index.md"
        letters: dict[str, list] = {}
        for point in sorted(self.points, key=lambda p: (p.names.pinyin.lower(), p.code)):
            letters.setdefault(point.names.pinyin[0].upper(), []).append(
                {
                    "link": link(f"{point.names.pinyin} {point.names.hanzi}", relative(here, point_page(point.code))),
                    "code": point.code,
                    "english": point.names.english,
                }
            )
        return self._render("points_index.md.j2", letters=letters, count=len(self.points))

    def render_channels_index(self) -> str:
        here = "channels/index.md"
        rows = [
            {
                "link": self.channel_link(here, code),
                "names": c.names,
                "count": len(self.by_channel.get(code, [])),
                "alt": c.alt_codes,
                "limb": c.limb,
                "polarity": c.polarity,
            }
            for code, c in self.data.channels.items()
        ]
        return self._render("channels_index.md.j2", rows=rows)

    def render_symptoms_index(self) -> str:
        here = "symptoms/index.md"
        letters: dict[str, list] = {}
        for s in sorted((r.model for r in self.data.symptoms.values()), key=lambda s: s.name.lower()):
            synonyms = (s.synonyms.lay + s.synonyms.clinical)[:4]
            letters.setdefault(s.name[0].upper(), []).append({"link": self.symptom_link(here, s.id), "synonyms": synonyms})
        return self._render("symptoms_index.md.j2", letters=letters, count=len(self.data.symptoms))

    def _point_rows(self, here: str, points: list[Point], category_id: str | None = None) -> list[dict]:
        rows = []
        for p in points:
            channel = self.data.channels.get(p.channel)
            rows.append(
                {
                    "link": self.point_link(here, p.code, full=False),
                    "pinyin": p.names.pinyin,
                    "hanzi": p.names.hanzi,
                    "english": p.names.english,
                    "region": REGION_NAMES[p.region],
                    "self_care": p.self_care,
                    "phase": five_phase(channel.polarity, category_id) if channel and category_id else None,
                }
            )
        return rows

    def render_category(self, category_id: str) -> str:
        here = category_page(category_id)
        category = self.data.categories[category_id]
        points = [p for p in self.points if category_id in p.categories]
        rows = self._point_rows(here, points, category_id)
        return self._render(
            "category.md.j2",
            category=category,
            rows=rows,
            show_phase=any(r["phase"] for r in rows),
            description=f"{category.name}: what the category means and the {len(points)} points that belong to it.",
            data=self._file_links("data/categories.yml", here, category.name),
        )

    def render_categories_index(self) -> str:
        here = "categories/index.md"
        groups: dict[str, list] = {}
        for category in self.data.categories.values():
            count = sum(1 for p in self.points if category.id in p.categories)
            groups.setdefault(category.group, []).append(
                {"link": link(category.name, relative(here, category_page(category.id))), "count": count}
            )
        return self._render("categories_index.md.j2", groups=groups)

    def render_region(self, region: Region) -> str:
        here = region_page(region)
        points = [p for p in self.points if p.region == region]
        sections = []
        for code in self.data.channels:
            members = [p for p in points if p.channel == code]
            if members:
                sections.append({"channel": self.channel_link(here, code), "rows": self._point_rows(here, members)})
        return self._render(
            "region.md.j2",
            name=REGION_NAMES[region],
            count=len(points),
            self_care=sum(1 for p in points if p.self_care),
            sections=sections,
        )

    def render_regions_index(self) -> str:
        here = "regions/index.md"
        rows = [
            {"link": link(REGION_NAMES[r], relative(here, region_page(r))), "count": sum(1 for p in self.points if p.region == r)}
            for r in Region
        ]
        return self._render("regions_index.md.j2", rows=rows)

    def render_references(self) -> str:
        cited: dict[str, int] = {}
        for p in self.points:
            for key in {p.sources.location, *p.sources.other}:
                cited[key] = cited.get(key, 0) + 1
        return self._render(
            "references.md.j2",
            references=list(self.data.references.values()),
            cited=cited,
            data=self._file_links("data/references.yml", REFERENCES_PAGE, "Sources"),
        )

    def render_routines_index(self) -> str:
        here = "routines/index.md"
        rows = [
            {"link": self.routine_link(here, r.model.id), "summary": r.model.summary, "time": r.model.total_time}
            for r in sorted(self.data.routines.values(), key=lambda r: r.model.title)
        ]
        return self._render("routines_index.md.j2", rows=rows)


def _point_description(point: Point) -> str:
    return (
        f"{point.code} {point.names.pinyin} ({point.names.english}): where it is, how to find it on yourself"
        + (", how to press it" if point.self_care else "")
        + " and what it is used for."
    )
