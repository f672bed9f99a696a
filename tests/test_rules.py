"""One failing fixture for every rule id (generator/rules.py): each breaks the mini project in
exactly the way its rule forbids, and the rule's id appears in the message it gets. The table
of rules in CONTRIBUTING.md lists the same ids and titles."""

from __future__ import annotations

import copy
import os
import re

import pytest

from conftest import CHANNELS, POINT, REPO, ROUTINE, SYMPTOM, dump, point
from generator.pipeline import check
from generator.project import Project
from generator.rules import RULES

LI4 = "points/LI/LI4.yml"


def write(relpath, content):
    return lambda mini: mini.write(relpath, content)


def remove(relpath):
    return lambda mini: (mini.data / relpath).unlink()


def with_point(**changes):
    return write(LI4, dump(point("LI4", **changes)))


def point_text(old: str, new: str):
    return write(LI4, dump(POINT).replace(old, new, 1))


def symlink(mini):
    target = mini.root / "elsewhere.yml"
    target.write_text(dump(point("LI3")), encoding="utf-8")
    (mini.data / "points/LI/LI3.yml").unlink()
    os.symlink(target, mini.data / "points/LI/LI3.yml")


def channels(**changes):
    data = copy.deepcopy(CHANNELS)
    data["channels"][0].update(changes)
    return write("channels.yml", data)


def view_outside(mini):
    from conftest import VIEWS

    view = copy.deepcopy(VIEWS["hand-back"])
    view["landmarks"][0]["x"] = 500
    mini.write("figures/hand-back.yml", view)


FIXTURES = {
    "OA101": write(LI4, "code: LI4\n" + "# padding\n" * 30_000),
    "OA102": write(LI4, b"code: LI4\nlocation: caf\xe9\n"),
    "OA103": write(LI4, "code: LI4\nnames: [unclosed\n"),
    "OA104": write(LI4, "code: LI4\nnames:\n\tpinyin: x\n"),
    "OA105": write(LI4, dump(POINT).replace("\n", "\r\n")),
    "OA106": write(LI4, dump(POINT) + "region: arm-hand\n"),
    "OA107": write(LI4, "code: &c LI4\nother: *c\n"),
    "OA108": write(LI4, "code: !!str LI4\n"),
    "OA109": write(LI4, "code: " + "[" * 20 + "]" * 20 + "\n"),
    "OA110": write(LI4, "- a list\n- not a mapping\n"),
    "OA111": write(LI4, "code: LI4\n? [a, key]\n: value\n"),
    "OA112": point_text("x: 60", "x: 12345678901234567890"),
    "OA113": with_point(location="left\u2066right"),
    "OA114": with_point(location="Cafe\u0301 corner."),
    "OA115": write("points/notes.yml", "code: LI4\n"),
    "OA116": symlink,
    "OA201": point_text("location:", "locaton:"),
    "OA202": point_text("region: arm-hand\n", ""),
    "OA203": with_point(self_care="yes"),
    "OA204": with_point(related=["LI-1"]),
    "OA205": with_point(related=["L\u0406"]),
    "OA206": with_point(location=""),
    "OA207": with_point(region="elbow"),
    "OA208": with_point(figure={"view": "hand-back", "x": 2500, "y": 70}),
    "OA209": write("routines/neck-routine.yml", dump(ROUTINE | {"steps": [ROUTINE["steps"][0] | {"timing": {"seconds": 60, "press": 3}}]})),
    "OA301": write("points/LI/LI2.yml", dump(point("LI3") | {"code": "LI3"})),
    "OA302": write("points/EX/LI2.yml", dump(point("LI2"))),
    "OA303": write("categories.yml", {"categories": [{"id": "yuan-source", "name": n, "group": "G", "description": "D."} for n in "AB"]}),
    "OA304": remove("names.yml"),
    "OA401": with_point(technique=None),
    "OA402": write("points/LI/LI9.yml", dump(point("LI4") | {"code": "LI9"})),
    "OA403": remove("points/LI/LI2.yml"),
    "OA404": with_point(related=["LI77"]),
    "OA405": write("symptoms/stiff-neck.yml", dump(SYMPTOM | {"related": ["nowhere"]})),
    "OA406": write("routines/neck-routine.yml", dump(ROUTINE | {"symptoms": ["nowhere"]})),
    "OA407": with_point(location="TODO: write the location"),
    "OA408": with_point(cautions=[]),  # the mini project's data requires nothing; see the setup below
    "OA409": with_point(symptoms=[]),
    "OA410": write("symptoms/earache.yml", dump(SYMPTOM | {"id": "earache", "name": "Earache"})),
    "OA411": with_point(names={"pinyin": "Fēngchí", "hanzi": "合谷", "hanzi_traditional": "合谷", "english": "Union Valley"}),
    "OA412": with_point(names={"pinyin": "Hégǔ", "hanzi": "合谷", "hanzi_traditional": "合穀", "english": "Union Valley"}),
    "OA413": with_point(figure={"view": "nowhere", "x": 1, "y": 1}),
    "OA414": view_outside,
    "OA415": write("routines/neck-routine.yml", dump(ROUTINE | {"before": ["LI4 is fine in pregnancy if you go gently."]})),
    "OA416": write(
        "symptoms/stiff-neck.yml",
        dump(SYMPTOM | {"red_flags": {"emergency": ["Numbness or tingling in the arms"], "doctor_soon": ["Pins and needles down an arm"]}}),
    ),
    "OA417": write("symptoms/stiff-neck.yml", dump(SYMPTOM | {"evidence": {"grade": "good", "summary": "Trials agree."}})),
    "OA418": with_point(location="Pressing here cures a stiff neck."),
    "OA419": with_point(technique=POINT["technique"] | {"duration": "2–3 minutes on each hand."}),
}


def setup_oa408(mini):
    cautions = {
        "cautions": [{"id": "pregnancy", "title": "Not in pregnancy", "text": "Avoid.", "required_for": ["LI4"]}],
    }
    mini.write("cautions.yml", cautions)
    mini.write(LI4, dump(point("LI4", cautions=[])))


def setup_oa410(mini):
    mini.write("symptoms/earache.yml", dump(SYMPTOM | {"id": "earache", "name": "Earache"}))
    for code in ("LI1", "LI2"):
        mini.write(f"points/LI/{code}.yml", dump(point(code, symptoms=["earache"])))


FIXTURES["OA408"] = setup_oa408
FIXTURES["OA410"] = setup_oa410


def test_every_rule_has_a_fixture():
    assert sorted(FIXTURES) == sorted(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_rule_fails_its_fixture(mini, rule_id):
    FIXTURES[rule_id](mini)
    _, errors = check(Project(mini.root))
    found = [str(e) for e in errors]
    assert any(e.rule == rule_id for e in errors), found
    assert all(re.search(r" \[OA\d{3}\]$", m) for m in found), found


def test_the_rules_table_in_contributing_matches():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (OA\d{3}) \| ([^|]+?) \|", text, re.M))
    assert table == RULES
