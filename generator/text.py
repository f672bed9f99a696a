"""Characters that data text must not contain, and letters that only look right.

Invisible characters hide or reorder text on screen ("Trojan Source"), some make MkDocs
drop a page's front matter silently (U+0080), and a Cyrillic В in "BL1" reads as BL1 to a
person and as something else to every program. These helpers find them and describe them
in words a contributor can act on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Categories no data text needs: controls (Cc), format characters such as zero-width
# spaces and direction overrides (Cf), private use (Co), unassigned code points and
# non-characters (Cn), and the line and paragraph separators (Zl, Zp).
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Zl", "Zp"})
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # the ASCII part, for the common all-ASCII text

_CATEGORY_NAMES = {
    "Cc": "control",
    "Cf": "format character",
    "Co": "private use",
    "Cn": "unassigned",
    "Zl": "line separator",
    "Zp": "paragraph separator",
}


@dataclass(frozen=True)
class Hidden:
    character: str

    def __str__(self) -> str:
        return describe(self.character)


def describe(character: str) -> str:
    """U+0080 <control>, U+200B ZERO WIDTH SPACE, U+E000 <private use>."""
    code = f"U+{ord(character):04X}"
    category = unicodedata.category(character)
    if category == "Cn" and (0xFDD0 <= ord(character) <= 0xFDEF or ord(character) & 0xFFFE == 0xFFFE):
        return f"{code} <noncharacter>"
    name = unicodedata.name(character, "")
    return f"{code} {name}" if name and category not in ("Cc", "Co", "Cn") else f"{code} <{_CATEGORY_NAMES.get(category, category)}>"


def hidden_characters(text: str, allow: str = "") -> list[Hidden]:
    """Every forbidden character in `text`, in order of first appearance."""
    if text.isascii():
        found = [m.group() for m in _ASCII_CONTROL.finditer(text) if m.group() not in allow]
        return [Hidden(ch) for ch in dict.fromkeys(found)]
    out = []
    for ch in dict.fromkeys(text):
        if ch in allow:
            continue
        if (ord(ch) < 0x80 and _ASCII_CONTROL.match(ch)) or (ord(ch) >= 0x80 and unicodedata.category(ch) in FORBIDDEN_CATEGORIES):
            out.append(Hidden(ch))
    return out


def not_composed(text: str) -> str | None:
    """Why `text` is not in composed form (NFC), in words; None when it is.

    Pinyin typed with a combining tone mark ("e" then U+0301) looks like é but does not
    match é in search or in the name checks.
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return None
    for index, ch in enumerate(text):
        if unicodedata.combining(ch) and index > 0:
            base = text[index - 1]
            composed = unicodedata.normalize("NFC", base + ch)
            name = unicodedata.name(ch, "a combining mark").lower()
            return (
                f"is saved in decomposed form: {base!r} followed by the {name} (U+{ord(ch):04X}) instead of "
                f"the single letter {composed!r}; retype it, or save the file with composed (NFC) characters"
            )
    return "is not in composed (NFC) form; save the file with composed characters"


# Letters of other scripts that look like Latin letters (Unicode's confusables, the ones that matter here).
_LOOKALIKES = dict(
    zip(
        "АВЕЅІЈКМНОРСТХУаеіјорсхуѕԁӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧονρ",
        "ABESIJKMHOPCTXYaeijopcxysdlABEZHIKMNOPTYXovp",
        strict=True,
    )
)


def lookalikes(text: str) -> list[tuple[str, str]]:
    """(character, the Latin letter it looks like) for each non-Latin look-alike in `text`."""
    out = []
    for ch in dict.fromkeys(text):
        if ch.isascii():
            continue
        latin = _LOOKALIKES.get(ch)
        if latin is None:
            folded = unicodedata.normalize("NFKC", ch)  # fullwidth Ｌ → L
            latin = folded if folded.isascii() and folded.isalnum() else None
        if latin:
            out.append((ch, latin))
    return out


def lookalike_message(text: str, what: str) -> str | None:
    """'BL1' contains the Cyrillic capital letter ve (U+0412), which looks like the Latin B; …"""
    found = lookalikes(text)
    if not found:
        return None
    parts = [
        f"the {unicodedata.name(ch, 'character').lower()} (U+{ord(ch):04X}), which looks like the Latin {latin}" for ch, latin in found
    ]
    return f"{text!r} contains {' and '.join(parts)}; {what} use Latin letters and digits only: retype it"
