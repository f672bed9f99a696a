"""`python -m generator new point CODE` / `new symptom ID`: start a data file with every field.

The new file follows the schema, so editors validate it at once, and each field
carries a short comment on what to write. Text that still has to be written is
marked TODO; `make check` reports every TODO left, so an unfinished file cannot
reach the site.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Point
from .names import to_traditional

TODO = "TODO"

POINT_TEMPLATE = """\
# yaml-language-server: $schema=../../../schema/point.json
code: {code}
names:
  pinyin: {pinyin}           # from the characters by pypinyin: check the tones against your source
  hanzi: {hanzi}             # simplified characters
  hanzi_traditional: {traditional}  # from OpenCC: check against your source
  english: {TODO}            # the usual translation of the name
  english_alt: []            # other translations
region: {region}             # head-face, neck, shoulder-upper-back, chest-abdomen, lower-back, arm-hand or leg-foot
location: >-
  {TODO}: the WHO 2008 location in your own words, keeping every distance (B-cun or F-cun),
  level (vertebra, rib space, crease) and landmark.
location_notes: []           # - note: where an older or popular description differs
self_care: true              # false for points not to press yourself; then say why in self_care_note
finding:                     # steps to find it on your own body, with finger-width measures
  - {TODO} first step
  - {TODO} second step
technique:
  pressure: {TODO}           # how hard, with which finger, in which direction
  duration: {TODO}           # how long, how many rounds
symptoms: []                 # symptom ids from data/symptoms/, most useful first
other_indications: []        # classical uses that are not an everyday complaint
functions: []                # actions in Chinese medicine, for practitioners
categories: []               # ids from data/categories.yml
cautions: []                 # ids from data/cautions.yml that apply here (pregnancy, over-artery, …)
related: []                  # codes of related points
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
red_flags:
  emergency:                 # call emergency services now if…
    - {TODO} a sign that needs an ambulance
  doctor_soon:               # see a doctor soon if…
    - {TODO} a sign that needs a doctor within days
  self_care:                 # usually fine to look after yourself when…
    - {TODO} when home care is reasonable
home_care: []                # other things that help besides pressing points
related: []                  # ids of related symptoms
sources: []
"""


class ScaffoldError(Exception):
    pass


def new_point(data_dir: Path, code: str, hanzi: str) -> Path:
    if not re.fullmatch(Point.model_fields["code"].metadata[0].pattern, code):
        raise ScaffoldError(f"{code!r} is not a point code (LI4, EX-UE8, NW-Anmian)")
    if not re.fullmatch(r"[\u3400-\u4dbf\u4e00-\u9fff]{1,12}", hanzi):
        raise ScaffoldError(f"{hanzi!r} is not a name in simplified Chinese characters")
    channel = "EX" if code.startswith(("EX-", "NW-")) else code[:2]
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
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", symptom_id):
        raise ScaffoldError(f"{symptom_id!r} is not a symptom id: lower-case words joined by hyphens, e.g. jaw-tension")
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
