"""Where every generated page lives, and every link to a page or to the repository.

This is the one place that builds links: page paths under docs/, their URLs in the built
site, relative links between pages, and the edit and report links of a data file.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from markupsafe import Markup

from .escape import link
from .model import Region


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


POINTS_INDEX = "points/index.md"
CHANNELS_INDEX = "channels/index.md"
SYMPTOMS_INDEX = "symptoms/index.md"
ROUTINES_INDEX = "routines/index.md"
CATEGORIES_INDEX = "categories/index.md"
REGIONS_INDEX = "regions/index.md"
REFERENCES_PAGE = "references/index.md"
MY_POINTS_PAGE = "my-points/index.md"
# Hand-written pages that generated pages link to.
DISCLAIMER = "medical-disclaimer.md"
PRESSING_SAFELY = "pressing-safely.md"
MEASURING = "measuring-cun.md"


def page_url(page: str) -> str:
    """docs path → site URL relative to the site root (points/li4.md → points/li4/)."""
    if page.endswith("index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def relative(from_page: str, to_page: str) -> str:
    """The Markdown link from one docs page to another (both normalised paths under docs/).

    posixpath.relpath gives the same answer, but resolves both against the working
    directory first, for each of the thousands of links a run makes.
    """
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def site_relative(from_page: str, site_path: str) -> str:
    """A URL for raw HTML (which MkDocs does not rewrite) from the built page of `from_page`
    to `site_path` under the site root: relative to the page's URL (points/li4/), not to its
    Markdown file (points/li4.md)."""
    return "../" * page_url(from_page).count("/") + site_path


@dataclass(frozen=True)
class Repository:
    """The repository the data lives in: where "Edit this data" and "Report a problem" go."""

    url: str
    branch: str = "main"

    def edit_url(self, repo_path: str) -> Markup:
        return Markup(quote(f"{self.url}/edit/{self.branch}/{repo_path}", safe=":/"))

    def report_url(self, page_title: str, page: str, repo_path: str) -> Markup:
        """A new issue on the repository's host, prefilled with the page and its data file."""
        body = (
            f"Page: {page_url(page)}\nData file: {repo_path}\n\n"
            "What is wrong (location, name, caution, wording…)?\n\n"
            "What should it say, and what is your source?\n"
        )
        query = urlencode({"title": f"Problem on {page_title}", "body": body, "labels": "content"}, quote_via=quote)
        return Markup(f"{self.url}/issues/new?{query}")

    def data_links(self, repo_path: str, page: str, title: str) -> dict[str, Markup | str]:
        """What a page's footer needs: the data file it comes from, and links to edit it or report a problem."""
        return {"file": repo_path, "edit": self.edit_url(repo_path), "report": self.report_url(title, page, repo_path)}


class PageLinks:
    """Links from one page (`here`) to the others, as Markdown with escaped text."""

    def __init__(self, facts, here: str):
        self.facts, self.data, self.here = facts, facts.data, here

    def to(self, page: str) -> str:
        return relative(self.here, page)

    def point(self, code: str, full: bool = True) -> Markup:
        point = self.data.points[code].model
        return link(point_title(point) if full else point.code, self.to(point_page(code)))

    def symptom(self, symptom_id: str) -> Markup:
        return link(self.data.symptoms[symptom_id].model.name, self.to(symptom_page(symptom_id)))

    def channel(self, code: str) -> Markup:
        channel = self.data.channels[code]
        return link(f"{channel.name} ({code})", self.to(channel_page(code)))

    def category(self, category_id: str, point=None) -> Markup:
        category = self.data.categories[category_id]
        phase = self.facts.five_phase(point, category_id) if point is not None else None
        return link(category.name + (f" ({phase})" if phase else ""), self.to(category_page(category_id)))

    def region(self, region: Region) -> Markup:
        from .derive import REGION_NAMES

        return link(REGION_NAMES[region], self.to(region_page(region)))

    def reference(self, key: str) -> Markup:
        return link(self.data.references[key].citation, self.to(REFERENCES_PAGE) + f"#{key}")

    def routine(self, routine_id: str) -> Markup:
        return link(self.data.routines[routine_id].model.title, self.to(routine_page(routine_id)))

    def page(self, text: str, page: str) -> Markup:
        return link(text, self.to(page))

    def site(self, site_path: str) -> str:
        return site_relative(self.here, site_path)

    def record_links(self, record, title: str) -> dict[str, Markup | str]:
        repo_path = record.doc.path.relative_to(self.data.root.parent).as_posix()
        return self.facts.repository.data_links(repo_path, self.here, title)

    def file_links(self, repo_path: str, title: str) -> dict[str, Markup | str]:
        return self.facts.repository.data_links(repo_path, self.here, title)


def point_title(point) -> str:
    return f"{point.code} · {point.names.pinyin} {point.names.hanzi}"
