"""`python -m generator new point CODE` / `new symptom ID`: start a data file with every field.

The new file follows the schema, so editors validate it at once, and each field
carries a short comment on what to write. Text that still has to be written is
marked TODO; `make check` reports every TODO left, so an unfinished file cannot
reach the site.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import FORMS, HANZI_PATTERN, ID_PATTERN, POINT_CODE_PATTERN, channel_of
from .names import to_traditional

TODO = "TODO"

POINT_TEMPLATE = """\
# yaml-language-server: $schema=../../../schema/point.json
code: {code}
other_codes: []              # codes in other systems that cannot be derived from the channel (M-UE-24)
names:
  pinyin: {pinyin}           # from the characters by pypinyin: check the tones against your source
  hanzi: {hanzi}             # simplified characters
  hanzi_traditional: {traditional}  # from OpenCC: check against your source
  english: {TODO}            # the usual translation of the name
  english_alt: []            # other translations
  other_names: []            # - {{pinyin: Hǔkǒu, hanzi: 虎口, hanzi_traditional: 虎口, english: Tiger's Mouth}}
region: {region}             # head-face, neck, shoulder-upper-back, chest-abdomen, lower-back, arm-hand or leg-foot
location: >-
  {TODO}: the WHO 2008 location in your own words, keeping every distance (B-cun or F-cun),
  level (vertebra, rib space, crease) and landmark.
location_notes: []           # - note: where an older or popular description differs
self_care: true              # false for points not to press yourself; then say why in self_care_note
self_care_note: null         # required when self_care is false; optional advice otherwise
finding:                     # steps to find it on your own body, with finger-width measures
  - {TODO} first step
  - {TODO} second step
technique:
  position: null             # how to sit or lie, if it matters
  pressure: {TODO}           # how hard, with which finger, in which direction
  duration: {TODO}           # how long, how many rounds, as readers see it
  rhythm: null               # a press/release pattern, if any
  movement: null             # a movement that helps while pressing, if any
  timing: {{seconds: 60}}      # the duration as numbers for the timer: {{seconds: 60}} or {{press: 5, release: 2, rounds: 10}}
symptoms: []                 # symptom ids from data/symptoms/ of its classical uses, most useful first
modern_uses: []              # - {{symptom: id, basis: modern-practice, note: where it comes from, source: key}}
other_indications: []        # classical uses that are not an everyday complaint
functions: []                # actions in Chinese medicine, for practitioners
categories: []               # ids from data/categories.yml
meeting_of: []               # channel codes (GB) and vessel ids (yang-linking) that meet here
cautions: []                 # ids from data/cautions.yml that apply here (pregnancy, over-artery, …)
caution_note: null           # a caution specific to this point
related: []                  # codes of related points
# figure: {{view: hand-back, x: 97, y: 224, landmark: second-metacarpal}}  the point on its close-up view (data/figures/)
# locator: {{view: body-back, x: 22.4, y: 354.9}}                          and on a whole-body view
sources:
  location: {source}         # key in data/references.yml
  other: []
"""

SYMPTOM_TEMPLATE = """\
# yaml-language-server: $schema=../../schema/symptom.json
id: {id}
name: {name}
synonyms:
  lay: []                    # how people say it: crick in the neck
  clinical: []               # medical terms: torticollis
  tcm: []                    # terms of Chinese medicine, with characters and pinyin
description: >-
  {TODO}: two to four plain sentences: what it is, common causes, how it differs from similar complaints.
red_flags:                   # each sign in one tier only
  emergency:                 # call emergency services now if…
    - {TODO} a sign that needs an ambulance
  urgent: []                 # get medical help today (the same day) if…
  doctor_soon:               # see a doctor soon if…
    - {TODO} a sign that needs a doctor within days or weeks
  self_care:                 # usually fine to look after yourself when…
    - {TODO} when home care is reasonable
home_care: []                # other things that help besides pressing points
related: []                  # ids of related symptoms
primary_points: []           # optional: the order of the points to start with
evidence:                    # what systematic reviews say about acupressure for it
  grade: not-reviewed        # good, some, little or not-reviewed
  summary: >-
    We have not yet reviewed the research on acupressure for this.
  sources: []                # keys in data/references.yml of reviews with a doi
sources: []
"""

# Fields a new file leaves out on purpose, and why.
NOT_SCAFFOLDED = {
    "point": {
        "figure": "placed by measuring on a view once the location is written (python -m generator preview); make check asks for it",
        "locator": "as figure",
    },
    "symptom": {},
}


class ScaffoldError(Exception):
    pass


def new_point(data_dir: Path, code: str, hanzi: str) -> Path:
    if not re.fullmatch(POINT_CODE_PATTERN, code):
        raise ScaffoldError(f"{code!r} is not {FORMS[POINT_CODE_PATTERN]}")
    if not re.fullmatch(HANZI_PATTERN, hanzi) or len(hanzi) > 12:
        raise ScaffoldError(f"{hanzi!r} is not {FORMS[HANZI_PATTERN]}")
    channel = channel_of(code)
    path = data_dir / "points" / channel / f"{code}.yml"
    _refuse_existing(path)
    region = {"EX-HN": "head-face", "EX-CA": "chest-abdomen", "EX-B": "lower-back", "EX-UE": "arm-hand", "EX-LE": "leg-foot"}
    guess = next((r for prefix, r in region.items() if code.startswith(prefix)), "arm-hand")
    source = "gbt-12346-2006" if channel == "EX" else "who-2008"
    names = {"hanzi": hanzi, "pinyin": suggested_pinyin(hanzi), "traditional": to_traditional(hanzi)}
    return _write(path, POINT_TEMPLATE.format(code=code, TODO=TODO, region=guess, source=source, **names))


def suggested_pinyin(hanzi: str) -> str:
    """合谷 → Hégǔ: the most common reading of each character, joined, first letter capital."""
    from pypinyin import Style, pinyin

    joined = "".join(syllable[0] for syllable in pinyin(hanzi, style=Style.TONE))
    return joined[:1].upper() + joined[1:]


def new_symptom(data_dir: Path, symptom_id: str) -> Path:
    if not re.fullmatch(ID_PATTERN, symptom_id) or len(symptom_id) > 60:
        raise ScaffoldError(f"{symptom_id!r} is not {FORMS[ID_PATTERN]}")
    path = data_dir / "symptoms" / f"{symptom_id}.yml"
    _refuse_existing(path)
    name = symptom_id.replace("-", " ").capitalize()
    return _write(path, SYMPTOM_TEMPLATE.format(id=symptom_id, name=name, TODO=TODO))


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise ScaffoldError(f"{path} already exists; edit it instead")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
