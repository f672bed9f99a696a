"""The real data, built as the site: strict build, JSON export, schema files, search index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from generator.checks import symptom_points
from generator.pipeline import check
from generator.project import Project
from generator.schema import schema_files


def load_json(root: Path, name: str):
    return json.loads((root / "site/api" / name).read_text(encoding="utf-8"))


def test_real_data_is_valid():
    data, errors = check(Project(REPO))
    assert [str(e) for e in errors] == []
    assert len(data.channels) == 15


def test_strict_build_has_every_page(real_site):
    site = real_site / "site"
    data, _ = check(Project(REPO))
    for code in data.points:
        assert (site / "points" / code.lower() / "index.html").is_file(), code
    for symptom_id in data.symptoms:
        assert (site / "symptoms" / symptom_id / "index.html").is_file(), symptom_id
    for channel in data.channels:
        assert (site / "channels" / channel.lower() / "index.html").is_file(), channel
    for routine_id in data.routines:
        assert (site / "routines" / routine_id / "index.html").is_file(), routine_id


def test_points_json_agrees_with_the_data(real_site):
    data, _ = check(Project(REPO))
    exported = {p["code"]: p for p in load_json(real_site, "points.json")["points"]}
    assert set(exported) == set(data.points)
    for code, record in data.points.items():
        point, row = record.model, exported[code]
        assert row["channel"] == point.channel and row["number"] == point.number
        assert (row["pinyin"], row["hanzi"], row["hanzi_traditional"]) == (
            point.names.pinyin,
            point.names.hanzi,
            point.names.hanzi_traditional,
        )
        assert row["english"] == point.names.english and row["english_alt"] == list(point.names.english_alt)
        assert row["location"] == point.location and row["symptoms"] == list(point.symptoms)
        assert row["url"] == f"points/{code.lower()}/"
        assert (real_site / "site" / row["url"] / "index.html").is_file()


def test_symptoms_and_channels_json(real_site):
    data, _ = check(Project(REPO))
    derived = symptom_points(data)
    for row in load_json(real_site, "symptoms.json")["symptoms"]:
        symptom = data.symptoms[row["id"]].model
        assert row["name"] == symptom.name
        assert set(row["points"]) == set(derived[row["id"]])
        assert row["red_flags"] == [*symptom.red_flags.emergency, *symptom.red_flags.urgent, *symptom.red_flags.doctor_soon]
    channels = load_json(real_site, "channels.json")["channels"]
    assert [c["code"] for c in channels] == list(data.channels)
    by_code = {c["code"]: c for c in channels}
    assert by_code["LI"]["points"] == [f"LI{n}" for n in range(1, 21)]
    assert by_code["TE"]["alt_codes"][:4] == ["SJ", "TH", "TW", "TB"]
    assert sum(len(c["points"]) for c in channels if c["code"] != "EX") == 361


def test_schema_files_are_current():
    for name, content in schema_files().items():
        path = REPO / "schema" / name
        assert path.is_file() and path.read_bytes() == content, f"schema/{name} is out of date: run `make schema`"


def test_every_data_file_names_its_schema():
    folders = {"points": "point", "symptoms": "symptom", "routines": "routine", "figures": "view", "diagrams": "diagram"}
    for path in sorted((REPO / "data").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        top = path.relative_to(REPO / "data").parts[0]
        kind = folders.get(top, path.stem)
        depth = len(path.relative_to(REPO).parts) - 1
        assert first == f"# yaml-language-server: $schema={'../' * depth}schema/{kind}.json", path


def test_pages_carry_meta_description_and_edit_link(real_site):
    html = (real_site / "site/points/gb20/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="GB20 Fēngchí (Wind Pool)' in html
    import re

    edit = "https://github.com/open-acupoints/open-acupoints/edit/main/data/points/GB/GB20.yml"
    # The header's edit button (a template override) and the footer's link (the generator) agree.
    assert re.search(rf'<a href="{edit}"[^>]*class="md-content__button', html)
    assert re.search(rf'<a class="data-edit" href="{edit}"|<a href="{edit}" class="data-edit"', html), "footer link"
    assert "Also written (" in html and "GB-20" in html and "Feng Chi" in html and "風池" in html
    # A hand-written page edits its own file.
    about = (real_site / "site/about-data/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/open-acupoints/open-acupoints/edit/main/docs/about-data.md"' in about


def test_no_page_loads_anything_from_another_host(real_site):
    import re

    for page in ("index.html", "points/li4/index.html", "symptoms/stiff-neck/index.html", "channels/te/index.html"):
        html = (real_site / "site" / page).read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="([^"]+)"', html)
        for tag in re.findall(r"<link\b[^>]*>", html):
            rel = re.search(r'rel="([^"]+)"', tag)
            if rel and rel.group(1) not in ("canonical", "alternate"):  # those are not fetched on load
                loaded += re.findall(r'href="([^"]+)"', tag)
        assert loaded, page
        for url in loaded:
            assert not re.match(r"^(?:https?:)?//", url), f"{page} loads {url}"


def sidebar_entries(html: str, prefix: str) -> list[str]:
    """The navigation links of one section on a page, e.g. prefix "../gb" on a GB point page."""
    import re

    return re.findall(rf'<a href="{re.escape(prefix)}([a-z0-9-]*)/" class="md-nav__link">', html)


def test_navigation_stays_the_same_size_however_long_the_lists(real_site):
    from generator.nav_window import LONGEST_LIST, NEIGHBOURS

    site = real_site / "site"
    data, _ = check(Project(REPO))
    gb20 = (site / "points/gb20/index.html").read_text(encoding="utf-8")
    # Pruned: the page carries its own channel, not the other channels' points.
    assert 'href="../bl1/"' not in gb20 and 'href="../st36/"' not in gb20
    # Windowed: GB has 44 points, more than a list shows whole; the page lists those around GB20.
    gb = sidebar_entries(gb20, "../gb")  # the page's own entry is not a link to elsewhere
    assert gb == [f"{n}" for n in range(20 - NEIGHBOURS, 20 + NEIGHBOURS + 1) if n != 20]
    assert '<a href="../../channels/gb/" class="md-nav__link">\n<span class="md-ellipsis">\nShow all 44\n' in gb20
    # A channel short enough is listed whole: all 20 LI points on LI4's page.
    li4 = (site / "points/li4/index.html").read_text(encoding="utf-8")
    assert data.channels["LI"].point_count == 20 <= LONGEST_LIST
    assert sidebar_entries(li4, "../li") == [f"{n}" for n in range(1, 21) if n != 4] and "Show all" not in li4
    # The symptom list is cut the same way, with the way to all of them.
    neck = (site / "symptoms/stiff-neck/index.html").read_text(encoding="utf-8")
    listed = [entry for entry in sidebar_entries(neck, "../") if entry in data.symptoms]
    assert len(data.symptoms) > LONGEST_LIST and len(listed) == 2 * NEIGHBOURS  # and the page itself, not a link
    assert f"Show all {len(data.symptoms)}" in neck


def test_category_region_and_source_pages(real_site):
    site = real_site / "site"
    shu = (site / "categories/shu-stream/index.html").read_text(encoding="utf-8")
    assert len(__import__("re").findall(r'href="\.\./\.\./points/[a-z0-9-]+/"', shu)) == 12
    assert "<br>earth</td>" in shu and "<br>wood</td>" in shu  # phases derived from yin/yang channels
    data, _ = check(Project(REPO))
    listed = []
    for region in ("head-face", "neck", "shoulder-upper-back", "chest-abdomen", "lower-back", "arm-hand", "leg-foot"):
        html = (site / "regions" / region / "index.html").read_text(encoding="utf-8")
        # The tables, not the figure: its markers and key link to the points as well.
        html = __import__("re").sub(r'<figure class="oa-figure".*?</figure>', "", html, flags=__import__("re").S)
        listed += [code.upper() for code in __import__("re").findall(r'href="\.\./\.\./points/([a-z0-9-]+)/"', html)]
    assert sorted(listed) == sorted(c.upper() for c in data.points)  # every point in exactly one region
    sources = (site / "references/index.html").read_text(encoding="utf-8")
    assert 'id="who-2008"' in sources and "Cited by 361 point pages" in sources
    li4 = (site / "points/li4/index.html").read_text(encoding="utf-8")
    assert 'href="../../references/#who-2008"' in li4 and 'href="../../categories/yuan-source/"' in li4
    anmian = (site / "points/nw-anmian/index.html").read_text(encoding="utf-8")
    assert "Not a WHO extra point" in anmian


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path):
    """`make build` swaps in the new site only when the strict build succeeds."""
    import shutil
    import subprocess
    import sys

    from conftest import copy_project

    root = copy_project(tmp_path / "project")
    shutil.copy(REPO / "Makefile", root / "Makefile")
    (root / "requirements.txt").write_text("", encoding="utf-8")
    stamp = root / ".stamp"
    stamp.write_text("", encoding="utf-8")
    make = ["make", "-s", "-C", str(root), "build", f"BIN={Path(sys.executable).parent}", "STAMP=.stamp", "-o", ".stamp"]

    def snapshot():
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "site").rglob("*")) if p.is_file()}

    assert subprocess.run(make, capture_output=True, text=True).returncode == 0
    good = snapshot()
    assert "site/index.html" in good

    (root / "docs/broken.md").write_text("# Broken\n\n[a missing page](nowhere.md)\n", encoding="utf-8")
    failed = subprocess.run(make, capture_output=True, text=True)
    assert failed.returncode != 0 and "nowhere.md" in failed.stdout + failed.stderr, failed.stderr
    (root / "docs/broken.md").unlink()
    assert snapshot() == good

    gb20 = root / "data/points/GB/GB20.yml"
    gb20.write_text(gb20.read_text(encoding="utf-8").replace("\nlocation:", "\nlocaton:"), encoding="utf-8")
    failed = subprocess.run(make, capture_output=True, text=True)
    assert failed.returncode != 0 and "locaton: unknown field" in failed.stderr
    assert snapshot() == good


def test_no_markdown_syntax_leaks_into_pages(real_site):
    """Attribute lists and escapes must all be consumed by Markdown; none may show as text."""
    import re

    for page in sorted((real_site / "site").rglob("index.html")):
        text = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert "{: ." not in text and "{ .data-edit }" not in text, page
        assert not re.search(r"\\[-.,:;()*_]", text), page


def test_the_builders_index_is_left_empty_on_mkdocs(real_site):
    """The site's search reads its own index; on MkDocs a hook leaves every page out of Material's
    (building it cost a fifth of the build, and no reader downloads it)."""
    index = real_site / "site/search/search_index.json"
    if not index.is_file():
        pytest.skip("another builder's index")
    assert json.loads(index.read_text(encoding="utf-8"))["docs"] == []


def test_the_site_index_holds_names_not_boilerplate(real_site):
    """Text repeated on hundreds of pages (general cautions, footers, citations, figure labels)
    would only push the page a reader wants down the list: the site's own index holds what each
    page is about, and the page marks its boilerplate for any builder's text search."""
    index = json.loads((real_site / "site/api/search.json").read_text(encoding="utf-8"))
    li4 = next(d for d in index["docs"] if d["u"] == "points/li4/")
    for name in ("hegu", "合谷", "unionvalley", "joiningvalley", "tigersmouth", "li4"):
        assert name in li4["p"], name
    assert "web" in li4["w"].split() and "edit" not in li4["w"].split()
    # The page a reader sees has all of it; what repeats is marked for builders' text search.
    html = (real_site / "site/points/li4/index.html").read_text(encoding="utf-8")
    import re

    for repeated in ("Edit this data", "Location: World Health Organization", "Along the channel", "Every time you press"):
        element = re.search(r"<(p|h3)\b[^>]*>(?:(?!</\1>).)*?" + re.escape(repeated), html, re.S)
        assert element and "data-search-exclude" in element.group(0).split(">", 1)[0], repeated
    assert "L.I.4" in html and "Also written (" in html
