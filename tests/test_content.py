"""Content rules on the real data: the seed articles' location errors must not appear, and
the points and topics the project started from are complete and safe."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from generator.checks import symptom_points
from generator.pipeline import check
from generator.project import Project

DATA, ERRORS = check(Project(REPO))
POINTS = {code: record.model for code, record in DATA.points.items()}


def location(code: str) -> str:
    return POINTS[code].location


@pytest.mark.parametrize(
    ("code", "region", "must_say"),
    [
        ("GB20", "neck", [r"occipital bone", r"sternocleidomastoid", r"trapezius", r"GV16"]),
        ("GB14", "head-face", [r"forehead", r"1 B-cun above the eyebrow", r"pupil"]),
        ("BL10", "neck", [r"C2", r"trapezius"]),
        ("BL11", "shoulder-upper-back", [r"T1", r"1\.5 B-cun"]),
        ("TE17", "neck", [r"earlobe", r"mastoid"]),
        ("LI4", "arm-hand", [r"hand", r"second metacarpal"]),
        ("LI6", "arm-hand", [r"forearm", r"3 B-cun", r"LI5", r"LI11"]),
        ("LI10", "arm-hand", [r"forearm", r"2 B-cun", r"LI11"]),
        ("GB21", "shoulder-upper-back", [r"C7", r"acromion", r"midpoint"]),
        ("SI3", "arm-hand", [r"fifth metacarpophalangeal|5th metacarpophalangeal", r"red and white skin"]),
        ("TE3", "arm-hand", [r"fourth and fifth metacarpal|4th and 5th metacarpal"]),
        ("EX-UE8", "arm-hand", [r"2nd and 3rd metacarpal|second and third metacarpal", r"0\.5"]),
        ("PC6", "arm-hand", [r"2 B-cun", r"palmaris longus", r"flexor carpi radialis"]),
        ("ST36", "leg-foot", [r"3 B-cun", r"ST35", r"ST41"]),
        ("SP6", "leg-foot", [r"3 B-cun", r"medial border of the tibia|inner edge of the shinbone", r"malleolus"]),
    ],
)
def test_seed_points_are_where_who_puts_them(code, region, must_say):
    point = POINTS[code]
    assert point.region.value == region
    assert point.sources.location == ("gbt-12346-2006" if code.startswith("EX-") else "who-2008")
    for pattern in must_say:
        assert re.search(pattern, point.location), f"{code} location should mention {pattern!r}"


@pytest.mark.parametrize(
    ("code", "wrong"),
    [
        ("GB20", r"third of the way"),
        ("GB14", r"\bneck\b"),
        ("BL10", r"shoulder blade|scapula"),
        ("BL11", r"base of the skull|skull base"),
        ("LI4", r"forearm"),
        ("LI6", r"web between|thumb and index"),
        ("LI10", r"front of the elbow"),
    ],
)
def test_seed_errors_are_not_repeated_in_locations(code, wrong):
    assert not re.search(wrong, location(code), re.IGNORECASE), f"{code}: {location(code)}"


def test_seed_errors_are_corrected_in_a_note():
    for code in ("GB20", "GB14", "BL10", "BL11", "LI4", "LI6", "LI10", "TE17", "GB21"):
        assert POINTS[code].location_notes, f"{code} should explain the common mistake"


def test_gb21_is_one_point_with_its_pregnancy_caution():
    gb21 = POINTS["GB21"]
    assert "pregnancy" in gb21.cautions
    assert any("same point" in n.note for n in gb21.location_notes)
    assert sum(1 for p in POINTS.values() if p.names.pinyin == "Jiānjǐng") == 1


@pytest.mark.parametrize("code", ["LI4", "SP6", "GB21", "BL60", "BL67"])
def test_pregnancy_cautions(code):
    assert "pregnancy" in POINTS[code].cautions


@pytest.mark.parametrize("code", ["BL1", "ST1", "ST9", "ST17", "CV1", "GV1", "GV28", "EX-HN7"])
def test_unsafe_points_give_no_pressing_instructions(code):
    point = POINTS[code]
    assert point.self_care is False and point.technique is None and not point.finding
    assert point.self_care_note


def test_the_articles_points_are_all_there_and_self_care():
    seed = ["GB20", "GB21", "LI4", "SI3", "TE3", "EX-UE8", "GB14", "BL10", "BL11", "TE17", "LI6", "LI10", "PC6", "ST36", "SP6"]
    seed += [f"SP{n}" for n in range(1, 10)] + [f"LR{n}" for n in range(1, 9)]
    for code in seed:
        assert POINTS[code].self_care, code
        assert len(POINTS[code].finding) >= 2 and POINTS[code].technique.duration, code


def test_every_channel_has_its_complete_point_list():
    counts = {
        "LU": 11,
        "LI": 20,
        "ST": 45,
        "SP": 21,
        "HT": 9,
        "SI": 19,
        "BL": 67,
        "KI": 27,
        "PC": 9,
        "TE": 23,
        "GB": 44,
        "LR": 14,
        "GV": 28,
        "CV": 24,
    }
    for channel, count in counts.items():
        assert [p.number for p in POINTS.values() if p.channel == channel] and all(
            f"{channel}{n}" in POINTS for n in range(1, count + 1)
        ), channel
    assert sum(1 for p in POINTS.values() if p.code.startswith("EX-")) == 48


def test_the_articles_symptoms_have_red_flags_and_points():
    derived = symptom_points(DATA)
    for symptom_id in (
        "stiff-neck",
        "neck-pain",
        "tension-headache",
        "shoulder-pain",
        "upper-back-pain",
        "stress",
        "fatigue",
        "trouble-sleeping",
        "jaw-tension",
        "headache",
    ):
        symptom = DATA.symptoms[symptom_id].model
        assert symptom.red_flags.emergency and symptom.red_flags.doctor_soon, symptom_id
        assert len(derived[symptom_id]) >= 3, symptom_id


def test_stiff_neck_synonyms_cover_lay_clinical_and_tcm_terms():
    synonyms = DATA.symptoms["stiff-neck"].model.synonyms
    everything = " ".join(synonyms.lay + synonyms.clinical + synonyms.tcm).lower()
    for term in ("torticollis", "wry neck", "crick in the neck", "落枕"):
        assert term in everything


def test_the_articles_routines():
    routines = {r.model.id: r.model for r in DATA.routines.values()}
    distal = routines["stiff-neck-distal"]
    assert {step.side.value for step in distal.steps} == {"opposite"}
    codes = {code for step in distal.steps for code in step.points}
    assert {"SP1", "SP3", "SP6", "SP9", "LR4", "TE3", "LI4"} <= codes
    assert all(step.movement for step in distal.steps)
    rhythm = routines["skull-base-release"].steps[0]
    assert rhythm.points == ["GB20"] and "3 seconds" in rhythm.instruction and "1 second" in rhythm.instruction


def test_no_promises_of_cure():
    texts = [p.location + " ".join(p.finding) + (p.self_care_note or "") for p in POINTS.values()]
    texts += [s.model.description + " ".join(s.model.home_care) for s in DATA.symptoms.values()]
    for text in texts:
        assert not re.search(r"\b(cures?|guaranteed?|no risk|miracle)\b", text, re.IGNORECASE), text[:120]


CATEGORY_MEMBERS = {
    "jing-well": "LU11 LI1 ST45 SP1 HT9 SI1 BL67 KI1 PC9 TE1 GB44 LR1",
    "ying-spring": "LU10 LI2 ST44 SP2 HT8 SI2 BL66 KI2 PC8 TE2 GB43 LR2",
    "shu-stream": "LU9 LI3 ST43 SP3 HT7 SI3 BL65 KI3 PC7 TE3 GB41 LR3",
    "jing-river": "LU8 LI5 ST41 SP5 HT4 SI5 BL60 KI7 PC5 TE6 GB38 LR4",
    "he-sea": "LU5 LI11 ST36 SP9 HT3 SI8 BL40 KI10 PC3 TE10 GB34 LR8",
    "yuan-source": "LU9 LI4 ST42 SP3 HT7 SI4 BL64 KI3 PC7 TE4 GB40 LR3",
    "luo-connecting": "LU7 LI6 ST40 SP4 HT5 SI7 BL58 KI4 PC6 TE5 GB37 LR5 GV1 CV15 SP21",
    "xi-cleft": "LU6 LI7 ST34 SP8 HT6 SI6 BL63 KI5 PC4 TE7 GB36 LR6 KI8 KI9 BL59 GB35",
    "back-shu": "BL13 BL14 BL15 BL18 BL19 BL20 BL21 BL22 BL23 BL25 BL27 BL28",
    "front-mu": "LU1 CV17 CV14 LR14 GB24 LR13 CV12 CV5 GB25 ST25 CV4 CV3",
    "lower-he-sea": "ST36 ST37 ST39 BL39 BL40 GB34",
    "influential": "LR13 CV12 CV17 BL17 GB34 LU9 BL11 GB39",
    "confluent": "SP4 PC6 SI3 BL62 GB41 TE5 LU7 KI6",
    "window-of-heaven": "ST9 LI18 TE16 BL10 LU3 SI16 SI17 GV16 CV22 PC1",
    "ma-danyang": "ST36 ST44 LI11 LI4 BL40 BL57 BL60 GB30 GB34 HT5 LU7 LR3",
    "ghost-point": "GV26 LU11 SP1 PC7 BL62 GV16 ST6 CV24 PC8 GV23 CV1 LI11 EX-HN11",
    "command-point": "LI4 ST36 BL40 LU7 PC6 GV26",
    "return-yang": "GV15 SP6 KI3 ST36 KI1 GB30 CV12 LI4 PC8",
}


@pytest.mark.parametrize(("category", "codes"), CATEGORY_MEMBERS.items())
def test_category_members(category, codes):
    members = {code for code, point in POINTS.items() if category in point.categories}
    assert members == set(codes.split())
