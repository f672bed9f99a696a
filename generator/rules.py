"""Every rule the data is checked against, with a stable id shown in each error message.

The id's first digit is the stage that found the problem, and errors are reported in that
order, so the root cause of a cascade comes first: 1 reading a file, 2 a field of a
record, 3 a record among the others of its kind, 4 a rule across records.
The table in CONTRIBUTING.md lists the same ids and titles (a test keeps them equal), and
tests/test_rules.py has a failing fixture for each.
"""

from __future__ import annotations

RULES: dict[str, str] = {}


def _rule(rule_id: str, title: str) -> str:
    assert rule_id not in RULES, rule_id
    RULES[rule_id] = title
    return rule_id


# 1: reading a file (load.py, dataset.py)
UNREADABLE = _rule("OA101", "The file can be read: a regular file of at most 256 KiB")
ENCODING = _rule("OA102", "UTF-8 text")
SYNTAX = _rule("OA103", "Valid YAML")
TAB = _rule("OA104", "Indentation with spaces, not tabs")
LINE_ENDINGS = _rule("OA105", "LF line endings, not Windows CR LF")
DUPLICATE_KEY = _rule("OA106", "No key twice in one mapping")
ANCHOR = _rule("OA107", "No anchors or aliases")
TAG = _rule("OA108", "No YAML tags")
DEPTH = _rule("OA109", "Nested at most 12 levels deep")
STRUCTURE = _rule("OA110", "One document, a mapping of field: value")
KEY = _rule("OA111", "Keys are plain words")
NUMBER = _rule("OA112", "Numbers of at most 15 digits")
HIDDEN = _rule("OA113", "No invisible, control, private-use or unassigned characters")
COMPOSED = _rule("OA114", "Text in composed form (NFC)")
PLACE = _rule("OA115", "Data files only where data files go")
SYMLINK = _rule("OA116", "No symbolic links in data/")

# 2: a field of a record (model.py, through dataset.validate)
UNKNOWN_FIELD = _rule("OA201", "Only the fields of the schema")
MISSING = _rule("OA202", "Required fields are present")
TYPE = _rule("OA203", "Each value has its field's type")
FORM = _rule("OA204", "Codes, ids, names and addresses in their expected form")
LOOKALIKE = _rule("OA205", "No look-alike letters from other scripts in codes and ids")
LENGTH = _rule("OA206", "Text neither empty nor too long")
CHOICE = _rule("OA207", "One of the allowed values")
RANGE = _rule("OA208", "Numbers and list lengths within their limits")
VALUE = _rule("OA209", "Fields that belong together are given together")

# 3: a record among the others of its kind (dataset.py)
FILE_NAME = _rule("OA301", "The file is named after its code or id")
FOLDER = _rule("OA302", "A point is in its channel's folder")
TWICE = _rule("OA303", "No code, id or key defined twice")
REQUIRED_FILE = _rule("OA304", "The single data files are all present")

# 4: rules across records (checks.py)
SELF_CARE_FIELDS = _rule("OA401", "Self-care points say how to find and press them; others do not")
IN_CHANNEL = _rule("OA402", "A point's number lies within its channel")
CHANNEL_COMPLETE = _rule("OA403", "Every channel has all of its points")
POINT_REFERENCES = _rule("OA404", "A point refers only to things that exist")
SYMPTOM_REFERENCES = _rule("OA405", "A symptom refers only to things that exist, and names red flags")
ROUTINE_REFERENCES = _rule("OA406", "A routine uses existing self-care points and symptoms")
TODO = _rule("OA407", "No TODO left from a scaffold")
SAFETY_LISTS = _rule("OA408", "The safety lists of cautions.yml hold")
HAS_A_USE = _rule("OA409", "Every point has a use, except landmark-only points")
ENOUGH_POINTS = _rule("OA410", "A symptom page has at least three points")
PINYIN = _rule("OA411", "Pinyin is a reading of the characters")
TRADITIONAL = _rule("OA412", "Traditional characters match the simplified ones")
PLACEMENTS = _rule("OA413", "Figure placements are on real views, inside the body")
GEOMETRY = _rule("OA414", "Figure shapes lie within their view")
ROUTINE_CAUTIONS = _rule("OA415", "A routine's text leaves its points' cautions to the generated block")
ONE_TIER = _rule("OA416", "A red flag's sign belongs to one tier only")
EVIDENCE = _rule("OA417", "Evidence cites systematic reviews with a DOI, and only with a grade")
NO_CURES = _rule("OA418", "No text promises a cure")
TIMER = _rule("OA419", "A timer's numbers and sides agree with the words shown beside it")


def stage(rule_id: str) -> int:
    """1 reading, 2 fields, 3 records, 4 across records; 9 for an error without a rule."""
    return int(rule_id[2]) if rule_id.startswith("OA") and rule_id[2:3].isdigit() else 9
