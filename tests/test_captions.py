"""Captions and figure descriptions read as sentences: every one the site has (point, step,
channel, symptom, region figures and the body map), and every landmark's phrase they are made of."""

from __future__ import annotations

import html
import re

import pytest

from conftest import REPO
from generator.derive import REGION_NAMES
from generator.model import POINT_CODE_PATTERN
from generator.pipeline import check
from generator.project import Project

DATA, _ = check(Project(REPO))
CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
DESCRIPTION = re.compile(r"<desc id=\"[^\"]+\">(.*?)</desc>", re.S)
PREPOSITIONS = "between below above on in at under over behind beside by along inside outside toward just from near with"
NEAR_A_PREPOSITION = re.compile(rf"\bnear the (?:{'|'.join(PREPOSITIONS.split())})\b", re.I)
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)
CODE = re.compile(POINT_CODE_PATTERN.strip("^$"))
VERTEBRA = re.compile(r"[CTLS]\d{1,2}")  # "level with the T12 vertebra"
# Names of people and things in the landmark phrases: capitals that belong mid-sentence.
EPONYMS = {"Achilles", "Adam's"}


def proper_names() -> set[str]:
    """Words that keep their capital anywhere: pinyin names, channel, vessel and region names."""
    names = set(EPONYMS)
    for record in DATA.points.values():
        names.update(re.split(r"[ -]", record.model.names.pinyin))
    for item in [*DATA.channels.values(), *DATA.vessels.values()]:
        names.update(item.name.split())
    for region in REGION_NAMES.values():
        names.update(region.split())
    return names


NAMES = proper_names()


def sentence_problems(text: str) -> list[str]:
    problems = []
    if not text.endswith("."):
        problems.append("does not end with a period")
    if DOUBLED.search(text):
        problems.append(f"says {DOUBLED.search(text).group(0)!r}")
    if NEAR_A_PREPOSITION.search(text):
        problems.append(f"says {NEAR_A_PREPOSITION.search(text).group(0)!r}")
    # A capital is right at the start of the text and of each sentence; elsewhere only in a code or a name.
    for sentence in re.split(r"(?<=\.)\s+", text):
        for word in re.findall(r"[\w'’]+(?:-[\w'’]+)*", sentence)[1:]:
            if word[0].isupper() and not (CODE.fullmatch(word) or VERTEBRA.fullmatch(word) or word in NAMES):
                problems.append(f"has a capital mid-sentence: {word!r}")
    return problems


def texts_of_the_site(site) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("index.html")):
        page = path.read_text(encoding="utf-8")
        texts = [re.sub(r"<[^>]+>", "", t) for t in CAPTION.findall(page) + DESCRIPTION.findall(page)]
        if texts:
            found[path.parent.relative_to(site).as_posix()] = [html.unescape(t).strip() for t in texts]
    return found


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("CV12 Zhōngwǎn, near the navel.", None),
        ("GB20 Fēngchí, below the Base of the skull.", "capital mid-sentence"),
        ("A dot marks LI4, near the the wrist crease.", "'the the'"),
        ("A dot marks EX-HN3, near the between the eyebrows.", "'near the between'"),
        ("Points for stiff neck", "period"),
        ("The Gallbladder channel starts at GB1 Tóngzǐliáo and ends at GB44. It ends here at GB44, in a square.", None),
        ("BL23 Shènshù, level with the L2 vertebra, beside the Achilles tendon.", None),
    ],
)
def test_the_sentence_rules(text, problem):
    problems = sentence_problems(text)
    assert (problems == []) if problem is None else any(problem in p for p in problems), problems


def test_every_landmark_phrase_fits_in_a_sentence():
    """'A dot marks LI4, {phrase}.': a phrase starts in lower case, with no full stop of its own."""
    for view in DATA.figures.values():
        for landmark in view.model.landmarks:
            phrase = landmark.phrase
            where = f"{view.model.id}: {landmark.id}: {phrase!r}"
            assert phrase[0].islower() and not phrase.endswith("."), where
            assert not sentence_problems(f"A dot marks LI4, {phrase}."), (where, sentence_problems(f"A dot marks LI4, {phrase}."))


def test_every_caption_and_description_on_the_site_is_a_sentence(real_site):
    found = texts_of_the_site(real_site / "site")
    kinds = {path.split("/")[0] for path in found}
    assert {"points", "channels", "symptoms", "routines", "regions", "."} <= kinds, kinds  # ".": the home page's body map
    assert len(found) > len(DATA.points)
    problems = [f"{path}: {text!r}: {', '.join(p)}" for path, texts in found.items() for text in texts if (p := sentence_problems(text))]
    assert not problems, f"{len(problems)} captions or descriptions:\n" + "\n".join(problems[:30])
