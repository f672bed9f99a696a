"""Files that used to crash, hang or mislead the generator: one message each, root cause first,
and nothing an editor or the operating system leaves beside the data gets in the way."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import SYMPTOM, dump, point
from generator.errors import MAX_REPORTED
from generator.pipeline import check
from generator.project import Project


def messages(mini) -> list[str]:
    _, errors = check(Project(mini.root))
    return [str(e) for e in errors]


def run_check(mini, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(mini.root), "check"], capture_output=True, text=True, timeout=timeout
    )


def test_a_bad_url_on_one_reference_is_one_error(mini):
    mini.write("references.yml", {"references": [{"key": "who-2008", "citation": "WHO.", "url": "http://not-https.example"}]})
    assert len(messages(mini)) == 1, messages(mini)


def test_a_bad_point_count_is_one_error(mini):
    channels = dump({"channels": []})
    import copy

    from conftest import CHANNELS

    broken = copy.deepcopy(CHANNELS)
    broken["channels"][0]["point_count"] = "four"
    channels = dump(broken)
    mini.write("channels.yml", channels)
    found = messages(mini)
    assert len(found) == 1 and "channels[0].point_count: expected a whole number" in found[0], found


def test_a_symptom_file_named_apart_from_its_id_is_one_error(mini):
    (mini.data / "symptoms/stiff-neck.yml").unlink()
    mini.write("symptoms/stiff-neck.yml", dump(SYMPTOM | {"id": "stiff-necks"}))
    found = messages(mini)
    assert len(found) == 1 and "file name 'stiff-neck.yml' does not match the id 'stiff-necks'" in found[0], found


def test_a_broken_record_does_not_hide_an_error_of_another_kind(mini):
    """A broken view named `nausea` must not excuse a point that lists an unknown symptom `nausea`."""
    mini.write("figures/nausea.yml", "id: nausea\nwidth: many\n")
    mini.write_point(point("LI4", symptoms=["stiff-neck", "nausea"]))
    found = messages(mini)
    assert any("symptoms[1]: unknown symptom 'nausea'" in m for m in found), found


def test_the_root_cause_is_reported_first(mini):
    mini.write_point(point("LI4", sources={"location": "nowhere"}))
    mini.write("points/LI/LI2.yml", "code: LI2\nnames: [unclosed\n")
    found = messages(mini)
    assert found[0].startswith("data/points/LI/LI2.yml") and "[OA103]" in found[0], found


def test_the_report_is_capped(mini):
    for number in range(1, MAX_REPORTED + 60):
        mini.write(f"points/LI/notes-{number}.txt", "x")
    result = run_check(mini)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert len(lines) == MAX_REPORTED + 2, lines[-3:]
    assert lines[-2].startswith("… and 59 more error(s) not shown")


def test_a_pipe_in_data_is_skipped_with_a_notice(mini):
    os.mkfifo(mini.data / "points/LI/LI9.yml")
    result = run_check(mini, timeout=20)  # a pipe that is opened for reading waits forever for a writer
    assert result.returncode == 0, result.stderr
    assert "data/points/LI/LI9.yml: skipped: not a regular file" in result.stderr


def test_editor_and_system_files_are_ignored(mini):
    points = mini.data / "points/LI"
    for name in (".LI4.yml.swp", "4913", "LI4.yml~", "#LI4.yml#", ".DS_Store"):
        (points / name).write_bytes(b"\x00 not yaml")
    (mini.data / ".idea").mkdir()
    (mini.data / ".idea/workspace.xml").write_text("<xml/>")
    os.symlink("user@host.1234:5678", points / ".#LI4.yml")  # an Emacs lock: a dangling link
    result = run_check(mini)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_crlf_gets_the_same_verdict_as_the_linter(mini):
    """yamllint (make lint, in CI) refuses Windows line endings; make check says so too, in words."""
    path = mini.data / "points/LI/LI4.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    found = messages(mini)
    assert found == [
        "data/points/LI/LI4.yml:1:10: Windows line endings (CR LF); save the file with LF line endings (.editorconfig sets this) [OA105]"
    ]
    lint = subprocess.run([sys.executable, "-m", "yamllint", "--strict", str(path)], capture_output=True, text=True)
    assert lint.returncode != 0 and "new-lines" in lint.stdout


def test_no_message_shows_internal_names(mini):
    """pydantic's names for union branches and its 'Value error,' prefix never reach a contributor."""
    record = point("LI4", figure={"view": "hand-back", "x": "left", "y": [1]}, locator={"view": "body-front", "x": None, "y": True})
    mini.write_point(record)
    for message in messages(mini):
        assert ".float" not in message and ".int" not in message and "Value error" not in message, message
        assert "^" not in message and "(?:" not in message, message  # no regular expression either


# Output that cannot be redirected or poisoned -------------------------------------------------


def test_a_symlinked_output_folder_is_refused(mini, tmp_path):
    from generator.pipeline import generate
    from generator.project import Project
    from generator.write import WriteError

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me", encoding="utf-8")
    (mini.root / "docs" / "api").symlink_to(outside, target_is_directory=True)
    import pytest

    with pytest.raises(WriteError, match="symbolic link"):
        generate(Project(mini.root))
    assert [p.name for p in outside.iterdir()] == ["precious.txt"]


def test_only_the_kinds_of_file_the_generator_writes_are_deleted(mini):
    from generator.pipeline import generate
    from generator.project import Project

    generate(Project(mini.root))
    note = mini.root / "docs/points/notes.txt"
    note.write_text("mine", encoding="utf-8")
    generate(Project(mini.root))
    assert note.read_text(encoding="utf-8") == "mine"


def test_a_write_that_fails_leaves_docs_as_it_was(mini, monkeypatch):
    """A read-only folder or a full disk half-way through: nothing is renamed into place."""
    import tempfile

    import pytest

    from conftest import point, snapshot
    from generator import write
    from generator.pipeline import generate
    from generator.project import Project

    generate(Project(mini.root))
    before = snapshot(mini.root / "docs")
    for code in ("LI1", "LI2", "LI3"):
        mini.write_point(point(code, location=f"A new location for {code}."))
    calls = []
    real = tempfile.mkstemp

    def failing(*args, **kwargs):
        calls.append(kwargs.get("dir"))
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied", str(kwargs.get("dir")))
        return real(*args, **kwargs)

    monkeypatch.setattr(write.tempfile, "mkstemp", failing)
    with pytest.raises(write.WriteError, match="Permission denied; docs/ was left as it was"):
        generate(Project(mini.root))
    assert snapshot(mini.root / "docs") == before  # no page changed, no temporary file left


def test_a_planted_cache_cannot_change_a_page(mini):
    """Nothing outside data/ (a planted parse cache, say) decides what a page says."""
    import marshal

    from conftest import snapshot
    from generator.pipeline import generate
    from generator.project import Project

    generate(Project(mini.root))
    before = snapshot(mini.root / "docs")
    cache = mini.root / ".cache"
    cache.mkdir(exist_ok=True)
    (cache / "parsed-data.marshal").write_bytes(marshal.dumps(("x", {b"\0" * 20: ({"code": "LI4", "location": "poisoned"}, {})})))
    generate(Project(mini.root))
    assert snapshot(mini.root / "docs") == before


# Concurrency -------------------------------------------------------------------------------------


def _generator(mini, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(mini.root), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_builds_at_once_take_turns(mini):
    first, second = _generator(mini, "build"), _generator(mini, "build")
    outputs = [process.communicate(timeout=240) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    assert (mini.root / "site/index.html").is_file() and (mini.root / "site/points/li4/index.html").is_file()
    assert "waiting for" in outputs[0][1] + outputs[1][1]  # the second said it waited
    leftovers = [p.name for p in mini.root.iterdir() if p.name.startswith((".site-", ".build-"))]
    assert leftovers == []


def test_two_generators_at_once_do_not_collide(mini):
    runs = [_generator(mini, "generate") for _ in range(3)]
    outputs = [process.communicate(timeout=120) for process in runs]
    assert [process.returncode for process in runs] == [0, 0, 0], outputs
    assert not list((mini.root / "docs").rglob("*.tmp"))
