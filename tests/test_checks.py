"""Validation and cross-record rules on the mini project: each broken input names file, line and field."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import POINT, SYMPTOM, dump, point
from generator.pipeline import check
from generator.project import Project


def errors_of(mini) -> list[str]:
    """Each error as printed, without its rule id (tests/test_rules.py checks those)."""
    _, errors = check(Project(mini.root))
    return [str(e).rsplit(" [OA", 1)[0] for e in errors]


def only_error(mini) -> str:
    errors = errors_of(mini)
    assert len(errors) == 1, errors
    return errors[0]


def test_mini_project_is_valid(mini):
    assert errors_of(mini) == []


def line_of(path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_missing_required_field(mini):
    record = point("LI4")
    del record["location"]
    mini.write_point(record)
    assert only_error(mini) == "data/points/LI/LI4.yml:1:1: location: required field is missing"


def test_unknown_field_names_its_line(mini):
    path = mini.write_point(point("LI4", locaton="typo"))
    error = only_error(mini)
    assert error.startswith(f"data/points/LI/LI4.yml:{line_of(path, 'locaton')}:1: locaton: unknown field")


def test_wrong_type(mini):
    path = mini.write_point(point("LI4", self_care="sometimes"))
    error = only_error(mini)
    assert error.startswith(f"data/points/LI/LI4.yml:{line_of(path, 'self_care')}:1: self_care:")
    assert error.endswith("self_care: expected true or false, got the text 'sometimes'")


def test_empty_and_overlong_text(mini):
    record = point("LI4", location="   ")
    record["names"]["english"] = "x" * 300
    path = mini.write_point(record)
    errors = errors_of(mini)
    assert f"data/points/LI/LI4.yml:{line_of(path, 'location')}:1: location: must not be empty" in errors
    assert f"data/points/LI/LI4.yml:{line_of(path, 'english:')}:3: names.english: is too long (at most 200 characters)" in errors


def test_nested_list_item_position(mini):
    record = point("LI4")
    record["finding"] = ["ok", ""]
    path = mini.write_point(record)
    line = line_of(path, "- ''")
    assert only_error(mini) == f"data/points/LI/LI4.yml:{line}:3: finding[1]: must not be empty"


def test_file_name_must_match_code(mini):
    mini.write_point(point("LI4"), name="LI04")
    errors = errors_of(mini)
    assert any("data/points/LI/LI04.yml:1:1: code: file name 'LI04.yml' does not match the code 'LI4'" in e for e in errors)


def test_folder_must_match_channel(mini):
    (mini.data / "points/EX/EX-UE8.yml").rename(mini.data / "points/LI/EX-UE8.yml")
    assert "EX-UE8 belongs in data/points/EX/, not data/points/LI/" in only_error(mini)


def test_duplicate_code_across_files(mini):
    mini.write("points/LI/LI4.yml", dump(point("LI4")))
    mini.write("points/LI/LI4.yml.bak", "x")  # not a .yml file: out of place
    (mini.data / "points/CO").mkdir()
    mini.write("points/CO/LI4.yml", dump(point("LI4")))
    errors = errors_of(mini)
    assert any("points/CO/LI4.yml:1:1: code: LI4 belongs in data/points/LI/" in e for e in errors)
    assert any("data/points/LI/LI4.yml:1:1: code: LI4 is already defined in data/points/CO/LI4.yml" in e for e in errors)
    assert any("LI4.yml.bak:1:1: file is not where data files go" in e for e in errors)


def test_number_outside_channel_range(mini):
    record = point("LI4")
    record["code"] = "LI9"
    mini.write_point(record)
    errors = errors_of(mini)
    assert any("data/points/LI/LI9.yml:1:1: code: LI has points 1 to 4; 9 is outside that range" in e for e in errors)


def test_gap_in_channel(mini):
    (mini.data / "points/LI/LI2.yml").unlink()
    error = only_error(mini)
    assert error.startswith("data/channels.yml:")
    assert "channels[0].point_count: LI should have 4 points; missing LI2" in error


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("symptoms", ["stiff-neck", "no-such-symptom"], "symptoms[1]: unknown symptom 'no-such-symptom'"),
        ("related", ["LI1", "LI99"], "related[1]: unknown point 'LI99'"),
        ("related", ["LI4"], "related[0]: a point cannot be related to itself"),
        ("categories", ["yuan-source", "nonsense"], "categories[1]: unknown category 'nonsense'"),
        ("cautions", ["pregnancy", "pregnancy"], "cautions[1]: 'pregnancy' is listed twice"),
        ("meeting_of", ["LI", "moon-vessel"], "meeting_of[1]: unknown channel or vessel 'moon-vessel'"),
        ("sources", {"location": "nowhere-1999"}, "sources.location: unknown reference 'nowhere-1999'"),
    ],
)
def test_dangling_references(mini, field, value, message):
    path = mini.write_point(point("LI4", **{field: value}))
    error = only_error(mini)
    if isinstance(value, list):  # block list: item k is on the k-th line below the key, after "- "
        index = int(message.split("[", 1)[1].split("]", 1)[0])
        where = f"{line_of(path, field + ':') + 1 + index}:3"
    else:
        where = f"{line_of(path, 'location: nowhere')}:3"
    assert (
        error == f"data/points/LI/LI4.yml:{where}: {message} (not in data/references.yml)"
        or error == (f"data/points/LI/LI4.yml:{where}: {message}")
        or error.startswith(f"data/points/LI/LI4.yml:{where}: {message} (not in")
    ), error


def test_self_care_point_needs_instructions(mini):
    record = point("LI4")
    del record["technique"]
    mini.write_point(record)
    assert only_error(mini) == "data/points/LI/LI4.yml:1:1: technique: required when self_care is true"


def test_not_self_care_point_gives_no_instructions(mini):
    path = mini.write_point(point("LI4", self_care=False))
    errors = errors_of(mini)
    assert f"data/points/LI/LI4.yml:{line_of(path, 'self_care')}:1: self_care: self_care is false, so self_care_note must say why" in errors
    assert (
        f"data/points/LI/LI4.yml:{line_of(path, 'technique')}:1: technique: must be left out when self_care is false (no pressing instructions)"
        in errors
    )


def test_symptom_rules(mini):
    mini.write_point(point("LI1", symptoms=[]))
    symptom = dict(SYMPTOM, related=["stiff-neck", "nowhere"], primary_points=["LI1"], red_flags={"self_care": ["Mild."]})
    path = mini.write("symptoms/stiff-neck.yml", symptom)
    errors = errors_of(mini)
    assert (
        f"data/symptoms/stiff-neck.yml:{line_of(path, 'red_flags')}:1: red_flags: name at least one reason to call emergency services or see a doctor"
        in errors
    )
    assert any("related[0]: a symptom cannot be related to itself" in e for e in errors)
    assert any("related[1]: unknown symptom 'nowhere'" in e for e in errors)
    assert any("primary_points[0]: LI1 does not list 'stiff-neck' in its symptoms" in e for e in errors)


def test_symptom_without_points(mini):
    mini.write("symptoms/earache.yml", dict(SYMPTOM, id="earache", name="Earache"))
    assert (
        only_error(mini) == "data/symptoms/earache.yml:1:1: id: no point lists this symptom; add it to the symptoms of at least one point"
    )


def test_routine_rules(mini):
    mini.write_point(point("LI1", self_care=False, self_care_note="Not here.", finding=[], technique=None))
    routine = {
        "id": "neck-routine",
        "title": "T",
        "summary": "S",
        "symptoms": ["nope"],
        "total_time": "1 minute",
        "basis": "classical",
        "steps": [{"points": ["LI1", "LI77"], "duration": "1 minute", "timing": {"seconds": 60}, "instruction": "Press."}],
    }
    mini.write("routines/neck-routine.yml", routine)
    errors = errors_of(mini)
    assert any("routines/neck-routine.yml" in e and "symptoms[0]: unknown symptom 'nope'" in e for e in errors)
    assert any("steps[0].points[0]: LI1 is not a self-care point and cannot be in a routine" in e for e in errors)
    assert any("steps[0].points[1]: unknown point 'LI77'" in e for e in errors)


def test_symlink_in_data_is_refused(mini, tmp_path):
    outside = tmp_path / "secret.yml"
    outside.write_text(dump(POINT), encoding="utf-8")
    os.symlink(outside, mini.data / "points/LI/LI5.yml")
    assert only_error(mini) == "data/points/LI/LI5.yml:1:1: symbolic links are not allowed in data/"


def test_every_error_is_reported_at_once(mini):
    mini.write_point(point("LI4", locaton="typo"))
    mini.write("points/LI/LI3.yml", "code: LI3\ncode: LI3\n")
    mini.write("symptoms/stiff-neck.yml", dict(SYMPTOM, name=""))
    files = {e.split(":")[0] for e in errors_of(mini)}
    assert {"data/points/LI/LI4.yml", "data/points/LI/LI3.yml", "data/symptoms/stiff-neck.yml"} <= files


def test_check_command_exit_status_and_output(mini):
    command = [sys.executable, "-m", "generator", "--root", str(mini.root), "check"]
    ok = subprocess.run(command, capture_output=True, text=True, cwd=mini.root)
    assert ok.returncode == 0 and ok.stdout.startswith("data OK: 5 points, 1 symptoms"), ok.stderr
    mini.write_point(point("LI4", locaton="typo"))
    bad = subprocess.run(command, capture_output=True, text=True, cwd=mini.root)
    assert bad.returncode == 1
    assert "data/points/LI/LI4.yml:" in bad.stderr and "locaton: unknown field" in bad.stderr
    assert bad.stderr.strip().endswith("1 error(s) in 1 file(s); nothing was written.")


def names_error(mini, **names) -> tuple[str, object]:
    """The first error about these names (one per wrong syllable or character)."""
    record = point("LI4")
    record["names"].update(names)
    path = mini.write_point(record)
    errors = errors_of(mini)
    assert errors and all(e.startswith("data/points/LI/LI4.yml:") for e in errors), errors
    return errors[0], path


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ({"pinyin": "Hegu"}, "names.pinyin: 'He' is not a reading of 合 (expected one of: gě, hé"),
        ({"pinyin": "Hégu"}, "names.pinyin: 'gu' is not a reading of 谷"),
        ({"pinyin": "Hěgǔ"}, "names.pinyin: 'Hě' is not a reading of 合"),
        ({"pinyin": "Hégǔxué"}, "names.pinyin: 'Hégǔxué' does not split into 2 pinyin syllables, one for each of 合谷"),
        ({"hanzi_traditional": "合穀"}, "names.hanzi_traditional: 穀 is not the traditional form of 谷 (OpenCC gives 谷)"),
        (
            {"hanzi": "风池", "pinyin": "Fēngchí", "hanzi_traditional": "风池"},
            "names.hanzi_traditional: 风 is not the traditional form of 风 (OpenCC gives 風)",
        ),
        ({"hanzi_traditional": "合谷穴"}, "names.hanzi_traditional: 合谷穴 has 3 characters; 合谷 has 2"),
    ],
)
def test_names_must_agree(mini, names, message):
    error, path = names_error(mini, **names)
    field = "hanzi_traditional" if "traditional" in message else "pinyin"
    assert error.startswith(f"data/points/LI/LI4.yml:{line_of(path, field + ':')}:3: {message}"), error


def test_characters_must_be_chinese(mini):
    error, _ = names_error(mini, hanzi="He谷")
    assert "names.hanzi: 'He谷' is not Chinese characters" in error


def test_accepted_forms_are_data_with_reasons(mini):
    record = point("LI4")
    record["names"].update(pinyin="Hěgǔ", hanzi_traditional="合穀")
    mini.write_point(record)
    assert len(errors_of(mini)) == 2
    mini.write(
        "names.yml",
        {
            "readings": [{"character": "合", "pinyin": ["hě"], "reason": "Test."}],
            "traditional": [{"simplified": "谷", "traditional": ["穀"], "reason": "Test."}],
        },
    )
    assert errors_of(mini) == []


SAFETY_CAUTIONS = {
    "not_self_care": ["LI2"],
    "cautions": [
        {"id": "pregnancy", "title": "Not in pregnancy", "text": "Avoid.", "required_for": ["LI4", "LI3"]},
        {"id": "carotid", "title": "Neck pulse", "text": "Never.", "forbids_self_care": True},
        {"id": "nipple", "title": "Marker", "text": "Landmark only.", "forbids_self_care": True, "marker_only": True},
        {"id": "broken-skin", "title": "Healthy skin only", "text": "Not on broken skin.", "applies_to_all": True},
    ],
}


def test_safety_lists_are_enforced(mini):
    mini.write("cautions.yml", SAFETY_CAUTIONS)
    mini.write_point(point("LI1", cautions=["carotid"]))
    errors = errors_of(mini)
    assert any(
        "points/LI/LI3.yml" in e and "cautions: must include 'pregnancy' (data/cautions.yml requires it for LI3)" in e for e in errors
    )
    assert any("points/LI/LI1.yml" in e and "self_care: must be false: the caution 'carotid' rules out pressing" in e for e in errors)
    assert any(
        "points/LI/LI2.yml" in e and "self_care: must be false: data/cautions.yml lists this point under not_self_care" in e for e in errors
    )
    assert len(errors) == 3, errors


def test_unknown_point_in_a_safety_list(mini):
    mini.write("cautions.yml", dict(SAFETY_CAUTIONS, not_self_care=["LI19"]))
    mini.write_point(point("LI3", cautions=["pregnancy"]))
    errors = errors_of(mini)
    assert any(e.startswith("data/cautions.yml:") and "not_self_care[0]: unknown point 'LI19'" in e for e in errors), errors


def test_every_point_needs_a_use_unless_it_is_a_landmark(mini):
    mini.write_point(point("LI3", symptoms=[]))
    assert only_error(mini).endswith("symptoms: list at least one symptom id (the nearest everyday complaint)")
    mini.write("cautions.yml", dict(SAFETY_CAUTIONS, not_self_care=[]))
    mini.write_point(
        point(
            "LI3",
            symptoms=[],
            cautions=["nipple", "pregnancy"],
            self_care=False,
            self_care_note="Landmark only.",
            finding=[],
            technique=None,
        )
    )
    assert errors_of(mini) == []


def test_a_symptom_page_needs_three_points(mini):
    mini.write("symptoms/earache.yml", dict(SYMPTOM, id="earache", name="Earache"))
    mini.write_point(point("LI1", symptoms=["stiff-neck", "earache"]))
    mini.write_point(point("LI2", symptoms=["stiff-neck", "earache"]))
    assert only_error(mini) == "data/symptoms/earache.yml:1:1: id: only 2 point(s) list this symptom; a symptom page needs at least 3"
    mini.write_point(point("LI3", symptoms=["earache"]))
    assert errors_of(mini) == []


def test_text_with_a_colon_gets_a_hint(mini):
    path = mini.write("points/LI/LI4.yml", dump(point("LI4")).replace("- Squeeze thumb and index finger together.", "- Note: squeeze"))
    error = only_error(mini)
    assert error.startswith(f"data/points/LI/LI4.yml:{line_of(path, 'Note: squeeze')}:3: finding[0]: expected text, got a mapping")
    assert "put the text in quotes" in error


def test_scaffolded_files_follow_the_schema_and_list_what_is_left(mini):
    from generator.scaffold import new_point, new_symptom

    new_point(mini.data, "NW-Bitong", "鼻通")
    new_symptom(mini.data, "eye-twitching")
    errors = errors_of(mini)
    point_errors = [e for e in errors if "NW-Bitong" in e]
    assert any("names.english: unfinished: replace the TODO text" in e for e in point_errors)
    assert any("finding[1]: unfinished: replace the TODO text" in e for e in point_errors)
    # Every error is about something to fill in, never about the file's structure.
    expected = ("unfinished", "list at least one symptom", "no point lists", "unknown reference 'gbt-12346-2006'", "add a figure")
    assert all(any(reason in e for reason in expected) for e in errors), errors
    text = (mini.data / "points/EX/NW-Bitong.yml").read_text(encoding="utf-8")
    assert "pinyin: Bítōng" in text and "hanzi_traditional: 鼻通" in text
