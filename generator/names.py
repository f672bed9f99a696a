"""Derived spellings: code notations and pinyin variants are computed, never typed.

`LI4` also appears in books as LI-4, LI 4, LI04, L.I.4, and TE5 as SJ5, TH5, TW5, TB5;
`Hégǔ` is also written Hegu, He Gu and Hé Gǔ. Readers search with all of them.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from .model import Channel, Point

_TONELESS = str.maketrans({"ü": "u", "Ü": "U"})


def strip_tones(text: str) -> str:
    """Hégǔ → Hegu; ü becomes u, as readers type it."""
    out = "".join(unicodedata.normalize("NFD", ch)[0] for ch in text)
    return out.translate(_TONELESS)


@cache
def _pinyin_dict() -> dict[str, str]:
    """pypinyin's table of character readings: code point (as text) → "reading,reading".

    Read from the package's data file directly: `import pypinyin` also loads its phrase
    dictionary and segmenter, and its own loader rebuilds the table with integer keys;
    the checks need neither, and loading them was a noticeable part of every run.
    """
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed")
    path = Path(spec.submodule_search_locations[0]) / "pinyin_dict.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def readings(character: str) -> tuple[str, ...]:
    """Every dictionary reading of one character, with tone marks (pypinyin's data)."""
    found = _pinyin_dict().get(str(ord(character)))
    return tuple(found.split(",")) if found else ()


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable that any character has (needed only when a name does not fit its characters)."""
    spellings = {r for rs in _pinyin_dict().values() for r in rs.split(",") if r}
    return frozenset(strip_tones(r).lower() for r in spellings)


def split_syllables(pinyin: str, hanzi: str) -> list[str] | None:
    """Split a pinyin name into one syllable per character, keeping tone marks.

    Hégǔ + 合谷 → [Hé, gǔ]. A split where every syllable is a reading of its
    character wins (so 臂臑 Bìnào is Bì nào, not Bìn ào); otherwise any split
    into valid syllables; None when there is none (checks.py reports that).
    """
    found = _split_syllables(pinyin, hanzi)
    return list(found) if found is not None else None


@cache  # the checks and every page that shows a name ask for the same split
def _split_syllables(pinyin: str, hanzi: str) -> tuple[str, ...] | None:
    letters = strip_tones(re.sub(r"[\s'-]", "", pinyin)).lower()
    plain = re.sub(r"[\s'-]", "", pinyin)
    fits = [{strip_tones(r).lower() for r in readings(ch)} for ch in hanzi]

    def search(strict: bool) -> tuple[int, ...] | None:
        @cache
        def split(start: int, index: int) -> tuple[int, ...] | None:
            if start == len(letters):
                return () if index == len(hanzi) else None
            if index == len(hanzi):
                return None
            for end in range(min(len(letters), start + 6), start, -1):
                piece = letters[start:end]
                if (piece in fits[index]) if strict else (piece in _syllables()):
                    rest = split(end, index + 1)
                    if rest is not None:
                        return (end,) + rest
            return None

        return split(0, 0)

    ends = search(strict=True) or search(strict=False)
    if ends is None:
        return None
    out, start = [], 0
    for end in ends:
        out.append(plain[start:end])
        start = end
    return tuple(out)


@cache
def _opencc():
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified → traditional characters, by OpenCC's general conversion."""
    return _opencc().convert(text)


def pinyin_variants(pinyin: str, hanzi: str) -> list[str]:
    """Hégǔ + 合谷 → [Hegu, Hé Gǔ, He Gu]: the ways readers type a name."""
    return list(_pinyin_variants(pinyin, hanzi))


@cache  # each point's names are asked for by its page, its neighbours' pages and the export
def _pinyin_variants(pinyin: str, hanzi: str) -> tuple[str, ...]:
    plain = strip_tones(pinyin)
    # Toneless as written, and as one word (Huatuo Jiaji → Huatuojiaji): search reads names joined.
    joined = re.sub(r"[\s'-]", "", plain)
    variants = [plain.replace("'", ""), joined[:1].upper() + joined[1:].lower()]
    syllables = split_syllables(pinyin, hanzi) or []
    if syllables:
        spaced = " ".join(s[:1].upper() + s[1:] for s in syllables)
        variants += [spaced, strip_tones(spaced)]
    return tuple(_unique(v for v in variants if v != pinyin))


def channel_prefixes(channel: Channel) -> list[str]:
    return [channel.code] + [c for c in channel.alt_codes if c != channel.code]


def code_variants(point: Point, channel: Channel | None) -> list[str]:
    """LI4 → LI-4, LI 4, LI04, L.I.4, … and the same for every alternative channel code."""
    if point.code.startswith("NW-"):
        return []
    if point.code.startswith("EX-"):
        _, region, number = re.match(r"^(EX)-([A-Z]+)(\d+)$", point.code).groups()
        forms = [f"EX-{region}-{number}", f"EX {region}{number}", f"EX {region} {number}", f"EX{region}{number}"]
        return _unique(f for f in forms if f != point.code) + list(point.other_codes)
    prefixes = channel_prefixes(channel) if channel else [point.channel]
    n = point.number
    forms: list[str] = []
    for prefix in prefixes:
        forms += [f"{prefix}{n}", f"{prefix}-{n}", f"{prefix} {n}"]
        if n < 10:
            forms += [f"{prefix}0{n}", f"{prefix}-0{n}"]
        if prefix == point.channel:
            forms.append(f"{prefix[0]}.{prefix[1]}.{n}")
    return _unique(f for f in forms if f != point.code) + list(point.other_codes)


def point_aliases(point: Point, channel: Channel | None) -> list[str]:
    """Every other way of writing this point: codes, pinyin, characters, English names."""
    names = point.names
    aliases = code_variants(point, channel)
    aliases += pinyin_variants(names.pinyin, names.hanzi)
    aliases += [names.hanzi, names.hanzi_traditional, names.english, *names.english_alt]
    for other in names.other_names:
        aliases.append(other.pinyin)
        if other.hanzi:
            aliases += pinyin_variants(other.pinyin, other.hanzi)
            aliases += [other.hanzi, other.hanzi_traditional or other.hanzi]
        else:
            aliases.append(strip_tones(other.pinyin))
        if other.english:
            aliases.append(other.english)
    return _unique(a for a in aliases if a and a not in (point.code, names.pinyin))


def _unique(items) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
