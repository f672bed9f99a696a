"""The data model: one pydantic class per data kind.

These classes are the schema. `python -m generator schema` exports them as
JSON Schema into schema/, which editors use to validate and autocomplete.
Rules that need more than one record (does this symptom id exist? is the
channel complete?) live in checks.py, not here.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

# Every constrained form, with the words an error message uses for it (dataset.py): a
# contributor reads "not a point code such as LI4", never a regular expression.
FORMS: dict[str, str] = {}


def form(pattern: str, words: str, **limits) -> StringConstraints:
    FORMS[pattern] = words
    return StringConstraints(pattern=pattern, **limits)


# Invisible characters, controls and decomposed text are refused for every string by the
# loader (load.py, text.py), so the types here need not repeat it.
# Text limits keep a typo (a pasted article, an empty string) from reaching a page.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, form(ID_PATTERN, "an id: lower-case letters and digits in words joined by hyphens, such as stiff-neck", max_length=60)]
POINT_CODE_PATTERN = r"^(?:[A-Z]{2}[1-9][0-9]?|EX-(?:HN|CA|B|UE|LE)[1-9][0-9]?|NW-[A-Z][a-z]+)$"
PointCode = Annotated[str, form(POINT_CODE_PATTERN, "a point code such as LI4, EX-HN3 or NW-Anmian")]
ChannelCode = Annotated[str, form(r"^[A-Z]{2}$", "a channel code of two capital letters, such as LI")]
# Pinyin: letters with tone marks, ü, and the separators used in names (space, hyphen, apostrophe).
Pinyin = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
    form(
        r"^[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ' -]+$",
        "pinyin: Latin letters with tone marks (Hégǔ), and spaces, hyphens or apostrophes between syllables",
    ),
]
HANZI_PATTERN = r"^[\u3400-\u4dbf\u4e00-\u9fff]+$"
# CJK unified ideographs (basic block and extension A) only.
Hanzi = Annotated[str, form(HANZI_PATTERN, "Chinese characters (no letters, spaces or punctuation)", min_length=1, max_length=12)]
OneHanzi = Annotated[str, form(r"^[\u3400-\u4dbf\u4e00-\u9fff]$", "one Chinese character")]
ChannelOrVessel = Annotated[
    str, form(r"^(?:[A-Z]{2}|[a-z]+(?:-[a-z]+)*)$", "a channel code such as GB, or a vessel id such as yang-linking")
]
Url = Annotated[str, form(r"^https://[^\s<>\"']+$", "an https:// address with no spaces, quotes or angle brackets")]
Doi = Annotated[str, form(r"^10\.[0-9]{4,9}/[^\s<>\"']+$", "a DOI such as 10.1002/14651858.CD003281.pub4 (without https://doi.org/)")]


def channel_of(code: str) -> str:
    """The channel a point code belongs to: LI4 → LI; extra points (EX-…, NW-…) → EX."""
    return "EX" if code.startswith(("EX-", "NW-")) else code[:2]


class Strict(BaseModel):
    """Base for every data kind: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Region(StrEnum):
    head_face = "head-face"
    neck = "neck"
    shoulder_upper_back = "shoulder-upper-back"
    chest_abdomen = "chest-abdomen"
    lower_back = "lower-back"
    arm_hand = "arm-hand"
    leg_foot = "leg-foot"


class Basis(StrEnum):
    """Where a use comes from: the classical literature, modern self-care practice, or research."""

    classical = "classical"
    modern_practice = "modern-practice"
    research = "research"


class Side(StrEnum):
    opposite = "opposite"
    same = "same"
    both = "both"
    midline = "midline"


class OtherName(Strict):
    pinyin: Pinyin
    hanzi: Hanzi | None = None
    hanzi_traditional: Hanzi | None = None
    english: ShortText | None = None


class Names(Strict):
    pinyin: Pinyin = Field(description="Pinyin with tone marks, e.g. Fēngchí.")
    hanzi: Hanzi = Field(description="Simplified characters.")
    hanzi_traditional: Hanzi = Field(description="Traditional characters (same as hanzi where they agree).")
    english: ShortText = Field(description="The usual English translation of the name.")
    english_alt: list[ShortText] = Field(default_factory=list, description="Other English translations.")
    other_names: list[OtherName] = Field(
        default_factory=list, description="Other Chinese names the point is known by (e.g. Luozhen for EX-UE8)."
    )


class LocationNote(Strict):
    note: Text = Field(description="A labelled note, e.g. where an older or popular description differs.")
    source: Id | None = Field(default=None, description="Reference key for the description the note discusses.")


class Timing(Strict):
    """How long to press, for a timer: steady pressure for `seconds`, or a rhythm of `press`
    seconds on and `release` seconds off, `rounds` times. On one point, on one side."""

    seconds: StrictInt | None = Field(default=None, ge=5, le=900, description="Steady pressure: how many seconds.")
    press: StrictInt | None = Field(default=None, ge=1, le=60, description="A rhythm: seconds of pressing in each round.")
    release: StrictInt | None = Field(default=None, ge=0, le=30, description="A rhythm: seconds of rest in each round.")
    rounds: StrictInt | None = Field(default=None, ge=1, le=60, description="A rhythm: how many rounds.")
    together: StrictBool = Field(
        default=False, description="Both sides are pressed at the same time (the timer runs once, not once per side)."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Timing:
        rhythm = (self.press, self.release, self.rounds)
        if self.seconds is not None and any(v is not None for v in rhythm):
            raise ValueError("give either seconds (steady pressure) or press, release and rounds (a rhythm), not both")
        if self.seconds is None and any(v is None for v in rhythm):
            raise ValueError("give seconds (steady pressure), or all of press, release and rounds (a rhythm)")
        return self

    @property
    def total(self) -> int:
        """Seconds on one side."""
        return self.seconds if self.seconds is not None else self.rounds * (self.press + self.release)


class Technique(Strict):
    position: Text | None = Field(default=None, description="How to sit or lie.")
    pressure: Text = Field(description="How hard, with which finger, in which direction.")
    duration: Text = Field(description="How long, how many rounds.")
    rhythm: Text | None = Field(default=None, description="Press/release pattern, if any.")
    movement: Text | None = Field(default=None, description="Movement that helps while pressing.")
    timing: Timing = Field(description="The duration and rhythm as numbers, per side, for the press timer.")


# A position in a view's own units: x from its left edge, y down from its top (as in SVG).
Coordinate = Annotated[
    StrictFloat | StrictInt,
    Field(ge=0, le=2000),
    # Said as JSON Schema says it: pydantic would write the limits as "ge"/"le", which no validator reads.
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 2000}),
]


class Placement(Strict):
    """Where a point is drawn: a view (figures/<view>.yml) and x, y in that view's own coordinates."""

    view: Id = Field(description="Figure id, e.g. hand-back (figures/hand-back.yml).")
    x: Coordinate = Field(description="Across the view, in its own units from the left edge (0 to the view's width).")
    y: Coordinate = Field(description="Down the view, in its own units from the top edge (0 to the view's height).")
    landmark: Id | None = Field(default=None, description="A landmark of the view to label next to the point.")
    one_side: StrictBool = Field(
        default=False, description="The point exists on one side only (EX-HN12 left, EX-HN13 right): do not mirror it."
    )


class ModernUse(Strict):
    """A use that is not a classical indication of the point: a modern practice or a research finding."""

    symptom: Id = Field(description="Symptom id (data/symptoms/<id>.yml).")
    basis: Basis = Field(description="modern-practice or research (classical uses go in symptoms).")
    note: Text = Field(description="What the practice is and where it comes from.")
    source: Id | None = Field(
        default=None, description="Reference key of where it comes from; leave out when no published source is known."
    )


class Sources(Strict):
    location: Id = Field(description="Reference key for the location (normally who-2008).")
    other: list[Id] = Field(default_factory=list, description="Other reference keys used for this point.")


class Point(Strict):
    code: PointCode = Field(description="WHO code, e.g. GB20, EX-UE8.")
    other_codes: list[ShortText] = Field(
        default_factory=list,
        description="Codes in other systems that cannot be derived from the channel (e.g. M-UE-24).",
    )
    names: Names
    region: Region = Field(description="Body region, for browsing.")
    location: Text = Field(description="WHO 2008 location, in your own words.")
    location_notes: list[LocationNote] = Field(default_factory=list)
    self_care: StrictBool = Field(description="Is pressing this point yourself reasonable?")
    self_care_note: Text | None = Field(default=None, description="Required when self_care is false: why not. Optional advice otherwise.")
    finding: list[Text] = Field(default_factory=list, description="Steps to find the point on yourself.")
    technique: Technique | None = None
    symptoms: list[Id] = Field(default_factory=list, description="Symptom ids (data/symptoms/<id>.yml) of the point's classical uses.")
    modern_uses: list[ModernUse] = Field(
        default_factory=list, description="Uses from modern self-care practice or research, kept apart from the classical ones."
    )
    other_indications: list[ShortText] = Field(default_factory=list, description="Classical indications that are not an everyday symptom.")
    functions: list[ShortText] = Field(default_factory=list, description="TCM actions, for practitioners.")
    categories: list[Id] = Field(default_factory=list, description="Category ids (data/categories.yml).")
    meeting_of: list[ChannelOrVessel] = Field(
        default_factory=list,
        description="Channel codes (GB) and vessel ids (yang-linking) that meet at this point; see data/channels.yml.",
    )
    cautions: list[Id] = Field(default_factory=list, description="Caution ids (data/cautions.yml).")
    caution_note: Text | None = Field(default=None, description="A caution specific to this point.")
    related: list[PointCode] = Field(default_factory=list)
    figure: Placement | None = Field(default=None, description="The point on its best detail view.")
    locator: Placement | None = Field(default=None, description="The point on a whole-body view (body-front, body-back or body-side).")
    sources: Sources

    @cached_property  # asked for on every list of every page
    def channel(self) -> str:
        return channel_of(self.code)

    @cached_property
    def number(self) -> int:
        """Position along the channel (EX-UE8 → 8); 0 for non-WHO extra points."""
        match = re.search(r"\d+$", self.code)
        return int(match.group()) if match else 0


class RedFlags(Strict):
    """Four tiers, as national health services use them; a sign belongs to one tier only."""

    emergency: list[Text] = Field(default_factory=list, description="Call emergency services now if…")
    urgent: list[Text] = Field(default_factory=list, description="Get medical help today (the same day) if…")
    doctor_soon: list[Text] = Field(default_factory=list, description="See a doctor soon (within days or weeks) if…")
    self_care: list[Text] = Field(default_factory=list, description="Usually fine to look after yourself when…")


class Grade(StrEnum):
    good = "good"
    some = "some"
    little = "little"
    not_reviewed = "not-reviewed"


class Evidence(Strict):
    grade: Grade = Field(description="good, some, little (little or no evidence) or not-reviewed.")
    summary: Text = Field(description="One honest sentence on what systematic reviews found about acupressure for this.")
    sources: list[Id] = Field(default_factory=list, description="Reference keys of the systematic reviews (each with a doi).")


class Synonyms(Strict):
    lay: list[ShortText] = Field(default_factory=list)
    clinical: list[ShortText] = Field(default_factory=list)
    tcm: list[ShortText] = Field(default_factory=list)


class Symptom(Strict):
    id: Id
    name: ShortText
    synonyms: Synonyms
    description: Text
    red_flags: RedFlags
    home_care: list[Text] = Field(default_factory=list, description="Other things that help, besides pressing points.")
    related: list[Id] = Field(default_factory=list, description="Related symptom ids.")
    primary_points: list[PointCode] = Field(
        default_factory=list,
        description="Optional order of the best self-care points; each must list this symptom in its indications.",
    )
    evidence: Evidence = Field(description="What systematic reviews say about acupressure for this symptom.")
    sources: list[Id] = Field(default_factory=list)


class RoutineStep(Strict):
    points: list[PointCode] = Field(min_length=1)
    side: Side = Side.both
    duration: ShortText
    timing: Timing = Field(description="The duration and rhythm as numbers, per side, for the routine player.")
    instruction: Text
    movement: Text | None = None


class Routine(Strict):
    id: Id
    title: ShortText
    summary: Text
    symptoms: list[Id] = Field(min_length=1)
    total_time: ShortText
    basis: Basis = Field(description="classical, modern-practice or research: where the routine comes from.")
    basis_note: Text | None = Field(default=None, description="Where the routine comes from, in a sentence.")
    before: list[Text] = Field(default_factory=list, description="What to know before starting.")
    steps: list[RoutineStep] = Field(min_length=1)
    after: list[Text] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list)


class ChannelNames(Strict):
    pinyin: Pinyin
    hanzi: Hanzi
    hanzi_traditional: Hanzi
    english_alt: list[ShortText] = Field(default_factory=list)


class Channel(Strict):
    code: ChannelCode
    name: ShortText
    names: ChannelNames
    alt_codes: list[ShortText] = Field(default_factory=list, description="Other abbreviations (SJ, TH for TE…).")
    point_count: StrictInt = Field(ge=1, le=100)
    limb: ShortText = Field(description="arm, leg or trunk")
    polarity: ShortText = Field(description="yin or yang")
    description: Text
    pathway: Text


class Vessel(Strict):
    id: Id
    name: ShortText
    names: ChannelNames


class ChannelsFile(Strict):
    channels: list[Channel]
    vessels: list[Vessel] = Field(default_factory=list, description="Extraordinary vessels, for meeting_of.")


class Category(Strict):
    id: Id
    name: ShortText
    group: ShortText = Field(description="Heading this category is listed under.")
    description: Text


class CategoriesFile(Strict):
    categories: list[Category]


class Caution(Strict):
    id: Id
    title: ShortText
    text: Text
    applies_to_all: StrictBool = Field(default=False, description="Shown on every point where self-care is reasonable.")
    required_for: list[PointCode] = Field(default_factory=list, description="Points that must carry this caution (checked by make check).")
    forbids_self_care: StrictBool = Field(default=False, description="A point with this caution must have self_care false.")
    marker_only: StrictBool = Field(default=False, description="A point with this caution is a landmark only and lists no uses.")
    in_lists: StrictBool = Field(
        default=False,
        description="Marked beside the point wherever it is listed (symptom pages, routines, channel and A–Z lists), "
        "for a caution a reader must see before choosing a point, such as pregnancy.",
    )
    leave_out_if: ShortText | None = Field(
        default=None, description="For a routine's 'Leave out if…' block: the condition, e.g. 'you are or may be pregnant'."
    )
    mentions: list[ShortText] = Field(
        default_factory=list,
        description="Words by which a text speaks of this caution (pregnant, pregnancy): a routine whose points carry "
        "it must leave it to the generated 'Leave out if…' block, never repeat or contradict it.",
    )
    switch: ShortText | None = Field(
        default=None,
        description="A statement a reader can switch on once for the whole site, e.g. 'I am or may be pregnant'; "
        "points with this caution are then set apart in every list and routine.",
    )


class CautionsFile(Strict):
    cautions: list[Caution]
    not_self_care: list[PointCode] = Field(
        default_factory=list,
        description="Points that must never get pressing instructions (eye socket, inside the mouth, …).",
    )


class Reference(Strict):
    key: Id
    citation: Text
    url: Url | None = None
    doi: Doi | None = Field(default=None, description="The DOI, e.g. 10.1002/14651858.CD003281.pub4 (required for a systematic review).")
    note: Text | None = None


class ReferencesFile(Strict):
    references: list[Reference]


class AcceptedReading(Strict):
    character: OneHanzi
    pinyin: list[Pinyin] = Field(min_length=1)
    reason: Text


class AcceptedTraditional(Strict):
    simplified: OneHanzi
    traditional: list[OneHanzi] = Field(min_length=1)
    reason: Text


class CharacterVariants(Strict):
    """Characters that readers type for one another in point names (谿 and 溪, 俞, 腧 and 輸)."""

    characters: list[OneHanzi] = Field(min_length=2, description="The forms; search treats them as one (the first is the one it keeps).")
    reason: Text


class NamesFile(Strict):
    """Accepted forms the name checks (pypinyin, OpenCC) do not know, each with its reason, and
    the variant characters search treats as one."""

    readings: list[AcceptedReading] = Field(default_factory=list)
    traditional: list[AcceptedTraditional] = Field(default_factory=list)
    variants: list[CharacterVariants] = Field(default_factory=list)


Point2D = Annotated[list[Coordinate], Field(min_length=2, max_length=2)]


class Shape(Strict):
    name: Id
    points: list[Point2D] = Field(min_length=3, description="Corners of a closed outline, drawn as a smooth curve.")


class Line(Strict):
    name: Id
    points: list[Point2D] = Field(min_length=2, description="An open line (a crease, a bone edge, a muscle border).")


class Area(Strict):
    """A part of a whole-body view that is a link to its region's page (the home page's body map)."""

    region: Region = Field(description="The body region the area belongs to (a region can have several areas: both arms).")
    points: list[Point2D] = Field(min_length=3, description="Corners of the area, in the view's coordinates.")


class Landmark(Strict):
    id: Id
    label: ShortText = Field(description="The name drawn on the figure, e.g. Navel.")
    phrase: ShortText = Field(
        description="Where a point is by this landmark, as a caption says it after the point's code: "
        "'near the navel', 'between the eyebrows', 'below the armpit' (lower case unless a name).",
    )
    x: Coordinate
    y: Coordinate


class View(Strict):
    """One figure: outlines drawn by the project, in the view's own coordinate system."""

    id: Id
    title: ShortText
    width: Annotated[StrictInt, Field(ge=50, le=2000)]
    height: Annotated[StrictInt, Field(ge=50, le=2000)]
    mirror_x: Coordinate | None = Field(
        default=None, description="For a view of both sides of the body: the midline, to mark both sides of a point."
    )
    outlines: list[Shape] = Field(min_length=1, description="Closed shapes; every point must lie inside one of them.")
    lines: list[Line] = Field(default_factory=list)
    landmarks: list[Landmark] = Field(default_factory=list)
    regions: list[Area] = Field(
        default_factory=list, description="On body-front and body-back: the areas of the home page's body map, each a link to a region."
    )
    credit: Text | None = Field(default=None, description="Where the outline comes from, if not drawn by the project.")


class Span(Strict):
    """A measured distance, drawn as a bar with a tick at each end."""

    points: list[Point2D] = Field(
        min_length=2, description="Where the bar runs, in its panel's coordinates: two ends, or more points along a curve (over the head)."
    )
    label: ShortText | None = Field(default=None, description="Drawn beside the bar, e.g. '12 cun'.")


class Panel(Strict):
    """One drawing of a diagram: a view's outlines, or shapes of its own, and what is measured on it."""

    view: Id | None = Field(default=None, description="Draw the outlines of this view (data/figures/<view>.yml).")
    width: Annotated[StrictInt, Field(ge=10, le=2000)] | None = Field(default=None, description="The panel's size when it has no view.")
    height: Annotated[StrictInt, Field(ge=10, le=2000)] | None = None
    outlines: list[Shape] = Field(default_factory=list, description="Closed shapes of its own (fingers).")
    lines: list[Line] = Field(default_factory=list, description="Open lines of its own (creases).")
    x: Coordinate = Field(default=0, description="Where the panel's top left corner is in the diagram.")
    y: Coordinate = Field(default=0, description="Where the panel's top left corner is in the diagram.")
    scale: Annotated[StrictFloat | StrictInt, Field(gt=0, le=4)] = Field(default=1, description="How much the panel is enlarged.")
    spans: list[Span] = Field(default_factory=list)
    caption: list[ShortText] = Field(default_factory=list, max_length=3, description="Lines drawn under the panel.")

    @model_validator(mode="after")
    def _size(self) -> Panel:
        if self.view is None and (self.width is None or self.height is None):
            raise ValueError("give a view to draw, or the panel's width and height")
        return self


class Diagram(Strict):
    """A drawing for a hand-written page (docs/figures/<id>.svg), such as the cun measures."""

    id: Id
    title: ShortText = Field(description="The drawing's title.")
    description: Text = Field(description="What it shows, in sentences: read out by screen readers in place of the drawing.")
    width: Annotated[StrictInt, Field(ge=50, le=2000)]
    height: Annotated[StrictInt, Field(ge=50, le=2000)]
    panels: list[Panel] = Field(min_length=1)


SCHEMAS: dict[str, type[BaseModel]] = {
    "point": Point,
    "symptom": Symptom,
    "routine": Routine,
    "channels": ChannelsFile,
    "categories": CategoriesFile,
    "cautions": CautionsFile,
    "references": ReferencesFile,
    "names": NamesFile,
    "view": View,
    "diagram": Diagram,
}
