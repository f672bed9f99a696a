"""A corpus of broken and hostile data: each kind gets one precise error (file, line, column,
field, what was expected), a non-zero exit, and every error in a run is reported at once."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import ROUTINE, SYMPTOM, dump, point
from generator.pipeline import check
from generator.project import Project

LI4 = "points/LI/LI4.yml"


def point_text(**changes) -> str:
    return dump(point("LI4", **changes))


def with_names(**names) -> str:
    record = point("LI4")
    record["names"].update(names)
    return dump(record)


BILLION_LAUGHS = (
    "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    )
    + "\n"
)

# (kind, file under data/, content, expected start of the error: "line:column: field: message")
CASES = [
    ("yaml syntax error", LI4, "code: LI4\nnames: [oops\n", "3:1: YAML syntax error"),
    ("duplicate key", LI4, point_text() + "location: again\n", ": location: duplicate key 'location'"),
    ("tab indentation", LI4, "code: LI4\nnames:\n\tpinyin: Hégǔ\n", "3:1: tab used for indentation"),
    ("not utf-8", LI4, b"code: LI4\nlocation: caf\xe9\n", "2:14: file is not valid UTF-8 text"),
    ("empty file", LI4, "", "1:1: file is empty"),
    ("billion laughs", LI4, BILLION_LAUGHS, "1:4: anchors and aliases"),
    ("python object tag", LI4, "code: !!python/object/apply:os.system [echo]\n", "1:7: code: the tag"),
    ("deep nesting", LI4, "code: " + "[" * 40 + "]" * 40 + "\n", "nested more than 12 levels deep"),
    ("missing required field", LI4, point_text().replace("region: arm-hand\n", ""), "1:1: region: required field is missing"),
    ("unknown field (typo)", LI4, point_text().replace("\nlocation:", "\nlocaton:"), ": locaton: unknown field"),
    ("wrong type", LI4, point_text(self_care="yes"), ": self_care: expected true or false, got the text 'yes'"),
    ("empty text", LI4, point_text(location=""), ": location: must not be empty"),
    ("over-long text", LI4, point_text(location="x" * 2500), ": location: is too long (at most 2000 characters)"),
    (
        "invisible character",
        LI4,
        point_text(location="left\u202eright"),
        "10:15: location: contains U+202E RIGHT-TO-LEFT OVERRIDE; remove it [OA113]",
    ),
    ("duplicate code across files", "points/LI/LI2.yml", point_text(), "1:1: code: file name 'LI2.yml' does not match the code 'LI4'"),
    ("channel disagrees with folder", "points/EX/LI3.yml", dump(point("LI3")), "1:1: code: LI3 belongs in data/points/LI/"),
    (
        "number outside the channel",
        "points/LI/LI9.yml",
        dump(point("LI4") | {"code": "LI9"}),
        "1:1: code: LI has points 1 to 4; 9 is outside that range",
    ),
    ("gap in a channel", "points/LI/LI2.yml", None, "channels[0].point_count: LI should have 4 points; missing LI2"),
    ("dangling symptom", LI4, point_text(symptoms=["stiff-neck", "nope"]), ": symptoms[1]: unknown symptom 'nope'"),
    ("dangling point", LI4, point_text(related=["LI77"]), ": related[0]: unknown point 'LI77'"),
    ("dangling reference", LI4, point_text(sources={"location": "who-1900"}), ": sources.location: unknown reference 'who-1900'"),
    (
        "dangling point in a routine",
        "routines/neck-routine.yml",
        dump(ROUTINE | {"steps": [{"points": ["GB99"], "duration": "1 min", "timing": {"seconds": 60}, "instruction": "Press."}]}),
        "steps[0].points[0]",
    ),
    (
        "dangling symptom in a routine",
        "routines/neck-routine.yml",
        dump(ROUTINE | {"symptoms": ["nowhere"]}),
        ": symptoms[0]: unknown symptom 'nowhere'",
    ),
    ("point related to itself", LI4, point_text(related=["LI4"]), ": related[0]: a point cannot be related to itself"),
    ("characters that are not chinese", LI4, with_names(hanzi="Hegu"), ": names.hanzi: 'Hegu' is not Chinese characters"),
    ("pinyin without tone marks", LI4, with_names(pinyin="Hegu"), ": names.pinyin: 'He' is not a reading of 合"),
    ("misplaced tone mark", LI4, with_names(pinyin="Hegǔ"), ": names.pinyin: 'He' is not a reading of 合"),
    ("pinyin that does not match", LI4, with_names(pinyin="Fēngchí"), ": names.pinyin: 'Fēng' is not a reading of 合"),
    (
        "traditional that does not match",
        LI4,
        with_names(hanzi_traditional="合穀"),
        ": names.hanzi_traditional: 穀 is not the traditional form of 谷",
    ),
    (
        "javascript: url",
        "references.yml",
        dump({"references": [{"key": "who-2008", "citation": "WHO."}, {"key": "evil", "citation": "E.", "url": "javascript:alert(1)"}]}),
        ": references[1].url: 'javascript:alert(1)' is not an https:// address",
    ),
    # Files that used to crash, hang or pass silently: each is one message now.
    ("nested 50,000 levels deep", LI4, "code: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested more than 12 levels deep [OA109]"),
    ("explicit int tag with text", LI4, point_text().replace("self_care: true", 'self_care: !!int "12abc"'), "self_care: the tag"),
    ("explicit float tag with text", LI4, 'code: !!float "abc"\n', "1:7: code: the tag 'tag:yaml.org,2002:float' is not allowed"),
    ("explicit bool tag", LI4, point_text().replace("self_care: true", 'self_care: !!bool "maybe"'), "self_care: the tag"),
    ("5,000-digit number", LI4, point_text() + "x: " + "9" * 5000 + "\n", "has 5000 digits; no value here needs more than 15 [OA112]"),
    ("number too large", LI4, point_text().replace("x: 60", "x: 1.0e400"), "figure.x: the number 1.0e400 is too large [OA112]"),
    ("second document", LI4, point_text() + "---\ncode: LI4\n", "a data file holds one document"),
    ("windows line endings", LI4, point_text().replace("\n", "\r\n"), "1:10: Windows line endings (CR LF)"),
    (
        "escaped C1 control in a name",
        LI4,
        with_names(english="Union\u0080Valley").replace("Union\x80Valley", '"Union\\u0080Valley"'),
        "names.english: contains U+0080 <control>",
    ),
    (
        "escaped line separator",
        LI4,
        point_text(location="a").replace("location: a", 'location: "a\\u2028b"'),
        "location: contains U+2028 LINE SEPARATOR",
    ),
    ("escaped next line", LI4, point_text(location="a").replace("location: a", 'location: "a\\Nb"'), "location: contains U+0085 <control>"),
    ("private use character", LI4, point_text(location="a\ue000b"), "location: contains U+E000 <private use>"),
    (
        "tag character",
        LI4,
        point_text(location="a").replace("location: a", 'location: "a\\U000E0041b"'),
        "location: contains U+E0041 TAG LATIN CAPITAL LETTER A",
    ),
    ("zero-width space", LI4, point_text(location="a\u200bb"), "location: contains U+200B ZERO WIDTH SPACE"),
    (
        "unassigned code point",
        LI4,
        point_text(location="a").replace("location: a", 'location: "a\\U0010FFF0b"'),
        "location: contains U+10FFF0",
    ),
    (
        "cyrillic letter in a code",
        LI4,
        point_text(related=["LI1", "L\u0406"]),
        "related[1]: 'LІ' contains the cyrillic capital letter byelorussian-ukrainian i (U+0406), which looks like the Latin I",
    ),
    ("cyrillic letter in an id", LI4, point_text(symptoms=["stiff-n\u0435ck"]), "looks like the Latin e; codes and ids use Latin letters"),
    (
        "decomposed pinyin",
        LI4,
        with_names(pinyin="He\u0301gu\u030c"),
        "names.pinyin: is saved in decomposed form: 'e' followed by the combining acute accent",
    ),
    (
        "a coordinate that is text",
        LI4,
        point_text(figure={"view": "hand-back", "x": "left", "y": 70}),
        ": figure.x: expected a number, got the text 'left' [OA203]",
    ),
    ("symptom without red flags", "symptoms/stiff-neck.yml", dump(SYMPTOM | {"red_flags": {}}), ": red_flags: name at least one reason"),
    ("data file outside the expected folders", "points/notes.yml", "code: LI4\n", "1:1: file is not where data files go"),
    ("file of another kind in data", "points/LI/readme.txt", "hello", "1:1: file is not where data files go"),
]


def apply(mini, relpath: str, content) -> None:
    path = mini.data / relpath
    if content is None:
        path.unlink()
    else:
        mini.write(relpath, content)


@pytest.mark.parametrize(("kind", "relpath", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_bad_data_gets_a_precise_error(mini, kind, relpath, content, expected):
    apply(mini, relpath, content)
    started = time.perf_counter()
    _, errors = check(Project(mini.root))
    assert time.perf_counter() - started < 10
    messages = [str(e) for e in errors]
    assert any(expected in m for m in messages), messages
    for message in messages:  # every error names a data file, a line and a column
        file, line, column = message.split(":")[:3]
        assert file.startswith("data/") and line.isdigit() and column.isdigit(), message
    # One problem, one error: a file that cannot be read does not also break the files that refer to it.
    assert len(messages) <= 3, messages


def test_symlink_pointing_outside_data(mini, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("code: LI4\n", encoding="utf-8")
    (mini.data / "points/LI/LI3.yml").unlink()
    (mini.data / "points/LI/LI3.yml").symlink_to(secret)
    _, errors = check(Project(mini.root))
    assert "data/points/LI/LI3.yml:1:1: symbolic links are not allowed in data/ [OA116]" in [str(e) for e in errors]


def test_many_kinds_at_once_are_all_reported_and_exit_non_zero(mini):
    at_once = [
        c
        for c in CASES
        if c[0]
        in (
            "wrong type",
            "dangling symptom in a routine",
            "symptom without red flags",
            "javascript: url",
            "data file outside the expected folders",
            "file of another kind in data",
        )
    ]
    for _, relpath, content, _ in at_once:
        apply(mini, relpath, content)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(mini.root), "check"], capture_output=True, text=True)
    assert result.returncode == 1
    for _, _, _, expected in at_once:
        assert expected in result.stderr, expected
    assert "nothing was written" in result.stderr.splitlines()[-1]
    assert len(CASES) >= 25
