"""The generator: determinism, only-changed writes, stale-page removal, ownership, escaping."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from conftest import point, snapshot
from generator.errors import DataErrors
from generator.pipeline import generate
from generator.project import Project
from generator.write import OWNED


def test_two_builds_are_byte_identical(mini, tmp_path):
    generate(Project(mini.root))
    first = snapshot(mini.root / "docs")
    # Rebuild from a copy whose files were created in the opposite order.
    other = tmp_path / "other"
    other.mkdir()
    from conftest import make_mini

    copy = make_mini(other)
    files = sorted(copy.data.rglob("*.yml"), reverse=True)
    contents = {f: f.read_bytes() for f in files}
    for f in files:
        f.unlink()
    for f in files:
        f.write_bytes(contents[f])
    generate(Project(copy.root))
    assert snapshot(copy.root / "docs") == first


def test_second_build_writes_nothing(mini):
    generate(Project(mini.root))
    page = mini.root / "docs/points/li4.md"
    before = page.stat().st_mtime_ns
    report = generate(Project(mini.root))
    assert report.written == [] and report.removed == []
    assert report.unchanged > 10
    assert page.stat().st_mtime_ns == before


def test_only_the_changed_page_is_rewritten(mini):
    generate(Project(mini.root))
    mini.write_point(point("LI2", location="A new location in plain words."))
    report = generate(Project(mini.root))
    assert report.written == ["api/points.json", "api/search.json", "points/li2.md"]


def test_stale_pages_are_removed(mini):
    generate(Project(mini.root))
    assert (mini.root / "docs/routines/neck-routine.md").exists()
    (mini.data / "routines/neck-routine.yml").unlink()
    report = generate(Project(mini.root))
    assert "routines/neck-routine.md" in report.removed
    assert not (mini.root / "docs/routines/neck-routine.md").exists()


def test_hand_written_pages_are_never_touched(mini):
    docs = mini.root / "docs"
    hand_written = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    extra = docs / "my-notes.md"
    extra.write_text("# Mine\n", encoding="utf-8")
    generate(Project(mini.root))
    generate(Project(mini.root))
    for path, content in hand_written.items():
        assert path.read_bytes() == content, path
    assert extra.read_text(encoding="utf-8") == "# Mine\n"


def test_bad_data_writes_nothing(mini):
    generate(Project(mini.root))
    before = snapshot(mini.root / "docs")
    mini.write_point(point("LI4", location=""))
    with pytest.raises(DataErrors) as raised:
        generate(Project(mini.root))
    assert any(e.field == "location" for e in raised.value.errors)
    assert snapshot(mini.root / "docs") == before


def test_build_command_fails_with_errors_listed(mini):
    mini.write_point(point("LI4", location=""))
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(mini.root), "build"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "data/points/LI/LI4.yml:" in result.stderr and "location: must not be empty" in result.stderr
    assert not (mini.root / "docs/points").exists()


AWKWARD = (
    "a < b & c > d, {{not a template}} {% raw %} *stars* _under_ `tick` [link](http://x) <script>alert(1)</script> # not a heading | pipe"
)


def test_data_text_is_escaped_in_markdown(mini):
    record = point("LI4", location=AWKWARD)
    record["names"]["english"] = "<b>Bold</b> | [x](y)"
    mini.write_point(record)
    generate(Project(mini.root))
    page = (mini.root / "docs/points/li4.md").read_text(encoding="utf-8")
    body = page.split("---\n", 2)[2]
    assert "<script>" not in page and "<b>" not in page.replace('"<b>Bold</b> | [x](y)"', "")  # raw only in search tags
    assert "{{not" not in body and "{%" not in body
    assert "[link](http" not in page
    assert "\\*stars\\*" in page
    # Newlines in data cannot start new Markdown blocks.
    mini.write_point(point("LI4", location="line one\n\n# Heading from data\n\n- item"))
    generate(Project(mini.root))
    page = (mini.root / "docs/points/li4.md").read_text(encoding="utf-8")
    assert "\n# Heading from data" not in page and "line one \\# Heading from data - item" in page
    # Punctuation that would open a block is escaped where a value starts a line.
    for text, escaped in [("- a list?", "\\- a list?"), ("1986. A year", "1986\\. A year"), ("> a quote", "\\> a quote")]:
        mini.write_point(point("LI4", location=text))
        generate(Project(mini.root))
        assert f"\n{escaped}\n" in (mini.root / "docs/points/li4.md").read_text(encoding="utf-8"), text


def test_awkward_text_appears_literally_in_html(mini):
    record = point("LI4", location=AWKWARD)
    record["names"]["english"] = '<b>Bold</b> "quoted" & <script>x</script>'
    mini.write_point(record)
    symptom = dict(__import__("conftest").SYMPTOM, name='Stiff <img src=x onerror="alert(1)"> neck')
    mini.write("symptoms/stiff-neck.yml", symptom)
    generate(Project(mini.root))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=mini.root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    html = (mini.root / "site/points/li4/index.html").read_text(encoding="utf-8")
    expected = (
        "a &lt; b &amp; c &gt; d, {{not a template}} {% raw %} *stars* _under_ `tick` [link](http://x) "
        "&lt;script&gt;alert(1)&lt;/script&gt; # not a heading | pipe"
    )
    assert expected in html
    assert "<script>alert" not in html and "<script>x" not in html and "<b>Bold" not in html
    head = html.split("</head>")[0]
    assert 'content="LI4 Hégǔ (&lt;b&gt;Bold&lt;/b&gt; &quot;quoted&quot; &amp; &lt;script&gt;x&lt;/script&gt;)' in head
    # The symptom name reaches navigation, titles and links, escaped everywhere.
    for page in ("symptoms/stiff-neck/index.html", "symptoms/index.html", "points/li4/index.html"):
        text = (mini.root / "site" / page).read_text(encoding="utf-8")
        assert "<img src=x" not in text, page
        assert "Stiff &lt;img src=x onerror=" in text, page


def test_front_matter_cannot_be_broken_by_data(mini):
    record = point("LI4")
    record["names"]["english"] = 'Quote " and colon: ---\ntitle: hacked'
    mini.write_point(record)
    generate(Project(mini.root))
    page = (mini.root / "docs/points/li4.md").read_text(encoding="utf-8")
    front = yaml.safe_load(page.split("---\n")[1])
    assert set(front) == {"title", "description", "data_file", "tags", "search"}
    assert front["title"] == "LI4 · Hégǔ 合谷"
    assert "Quote &quot; and colon: --- title: hacked" in front["description"]


def test_export_matches_the_data(mini):
    generate(Project(mini.root))
    points = json.loads((mini.root / "docs/api/points.json").read_text(encoding="utf-8"))["points"]
    li4 = next(p for p in points if p["code"] == "LI4")
    assert li4["channel"] == "LI" and li4["number"] == 4 and li4["url"] == "points/li4/"
    assert li4["pinyin"] == "Hégǔ" and li4["hanzi"] == "合谷"
    assert {"LI-4", "LI 4", "LI04", "Hegu", "He Gu", "CO4"} <= set(li4["aliases"])
    assert li4["cautions"] == ["pregnancy", "broken-skin"]
    symptoms = json.loads((mini.root / "docs/api/symptoms.json").read_text(encoding="utf-8"))["symptoms"]
    assert symptoms[0]["id"] == "stiff-neck" and symptoms[0]["points"] == ["LI1", "LI2", "LI3", "LI4", "EX-UE8"]
    channels = json.loads((mini.root / "docs/api/channels.json").read_text(encoding="utf-8"))["channels"]
    assert channels[0]["points"] == ["LI1", "LI2", "LI3", "LI4"] and channels[0]["url"] == "channels/li/"


def test_generator_refuses_to_write_outside_its_folders(mini):
    from generator.write import write_outputs

    with pytest.raises(ValueError, match="refusing to write index.md"):
        write_outputs(mini.root / "docs", {"index.md": b"overwritten"})


def test_changes_report_lists_records_and_pages(mini, tmp_path):
    from conftest import make_mini
    from generator.changes import report

    (tmp_path / "base").mkdir()
    base = make_mini(tmp_path / "base")
    mini.write_point(point("LI2", location="A corrected location in plain words."))
    (mini.data / "routines/neck-routine.yml").unlink()
    text = report(Project(base.root), Project(mini.root))
    assert "- **Removed (1):** `data/routines/neck-routine.yml`" in text
    assert "- **Changed (1):** `data/points/LI/LI2.yml`" in text
    assert "`routines/neck-routine/`" in text and "`points/li2/`" in text
    assert "`points/li3/`" not in text  # unchanged pages are not listed


ROOT = Project().root


GENERATED_AT_ROOT = ("mkdocs.gen.yml", "site", ".generator.lock")


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout")
@pytest.mark.parametrize("path", [f"docs/{name}" for name in OWNED] + list(GENERATED_AT_ROOT))
def test_generated_output_is_ignored_and_untracked(path):
    """Generated files are never committed: git ignores everything the generator writes, and
    make clean removes it."""
    probe = f"{path}/probe.md" if path.startswith("docs/") or path == "site" else path
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", probe], check=False)
    assert ignored.returncode == 0, f"{path} is not in .gitignore"
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", path], capture_output=True, text=True, check=True)
    assert tracked.stdout == "", f"generated files are committed: {tracked.stdout.split()[:3]}"
    name = path.removeprefix("docs/")
    assert f" {name}" in (ROOT / "Makefile").read_text(encoding="utf-8"), f"make clean does not remove {path}"


def test_search_tags_are_inert_html():
    """Material inserts tags into its result list as HTML: a tag from data must arrive escaped."""
    import json

    from generator.escape import front_matter_list

    payload = "<img src=x onerror=alert(1)> & Tiger's Mouth"
    (tag,) = json.loads(str(front_matter_list([payload])))
    assert tag == "&lt;img src=x onerror=alert(1)&gt; &amp; Tiger's Mouth"
