"""What makes two red flags the same sign, for the rule that a sign belongs to one tier only.

A sign is a symptom word of SIGNS (numbness, tingling, a fever, bleeding …) in a body part of
PARTS. Two flags in different tiers that share a sign are the same sign, unless one of them
says what sets it apart: how fast it came (suddenly, over weeks), how much (severe, a little),
how widely (both arms, one arm), or with what and when ("with breathlessness", "after an
injury", "in pregnancy"). Stiff neck listed "numbness, tingling or weakness in the arms" as
an emergency and "pins and needles spreading down an arm" as see a doctor soon: the same sign.
"""

from __future__ import annotations

import re
from functools import lru_cache

SIGNS = {
    "numbness": r"\bnumb(ness)?\b",
    "tingling": r"\btingl\w*|pins and needles",
    "weakness": r"\bweak(ness|er|ening)?\b",
    "fever": r"\bfever\w*|high temperature|\btemperature\b",
    "weight loss": r"weight loss|losing weight|lose weight",
    "vision": r"\bvision\b|\bsight\b|blurred|seeing",
    "bleeding": r"\bblood\w*|\bbleed\w*",
    "breathlessness": r"breathless\w*|short of breath|breathing",
    "chest pain": r"chest (pain|tightness)|pain in the chest",
    "vomiting": r"\bvomit\w*",
    "swelling": r"\bswell\w*|\bswollen\b",
    "rash": r"\brash\b",
    "fainting": r"\bfaint\w*|collaps\w*|pass(ed)? out",
    "confusion": r"\bconfus\w*",
    "jaundice": r"yellow\w* (skin|eyes)|jaundice",
}
PARTS = {
    "arm": r"\barms?\b|\bhands?\b|\bfingers?\b",
    "leg": r"\blegs?\b|\bfeet\b|\bfoot\b|\bcalf\b|\bcalves\b|\btoes?\b",
    "face": r"\bface\b|\bfacial\b",
    "eye": r"\beyes?\b",
    "chest": r"\bchest\b",
    "back": r"\bback\b",
    "head": r"\bhead\b",
}
# Pairs of words that set two flags of one sign apart: either side, but not both in one flag.
CONTRASTS = [
    (
        r"\bsudden\w*|\bquick\w*|\brapid\w*|within (minutes|hours)|\bhours\b",
        r"\bslow\w*|\bgradual\w*|\bweeks\b|\bmonths\b|over time|creep\w*",
    ),
    (r"\bboth\b", r"\bone\b"),
    (r"\bsevere\b|\bvery\b|worst|a lot|\bheavy\b|\blarge\b|won't stop|non-stop", r"\bmild\b|\bslight\w*|a little|\bstreaks?\b|\bsmall\b"),
]
# A flag that names what comes with it or when it happens is a situation of its own.
CIRCUMSTANCE = re.compile(r"\b(with|after|when|while|in pregnancy|if you|that (has|have) not)\b|\(possible", re.I)


@lru_cache(maxsize=65536)  # a flag is compared with every other flag of its symptom
def _signs(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in SIGNS.items() if re.search(pattern, text, re.I))


@lru_cache(maxsize=65536)
def _parts(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in PARTS.items() if re.search(pattern, text, re.I))


def _set_apart(a: str, b: str) -> bool:
    if CIRCUMSTANCE.search(a) or CIRCUMSTANCE.search(b):
        return True
    for first, second in CONTRASTS:
        for x, y in ((first, second), (second, first)):
            if re.search(x, a, re.I) and re.search(y, b, re.I) and not re.search(x, b, re.I):
                return True
    return False


def same_sign(a: str, b: str) -> set[str]:
    """The signs two flags share in the same body part, unless one sets itself apart; empty if none."""
    shared, parts = _signs(a) & _signs(b), _parts(a) & _parts(b)
    if not shared or not parts or _set_apart(a, b):
        return set()
    return {f"{sign} ({', '.join(sorted(parts))})" for sign in shared}
