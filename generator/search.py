"""The site's own search index (api/search.json), read by docs/javascripts/search.js.

Readers search with codes in any notation (LI-4, L.I.4, SJ17, "spleen 6"), names with or
without tones, in simplified, traditional or variant characters, English names and their
alternatives, and symptoms as they say them, often misspelt, on a phone. The builders'
search engines index pages as text; this index knows what each page is about: a point's
every name, a symptom's every synonym, a channel's every abbreviation. Terms are normalized
here exactly as the script normalizes a query (`normalize`, `terms`): decomposed, tone marks
removed, lower case, apostrophes dropped, variant characters folded to one, and English
endings (headaches, cramping) reduced to a stem.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from .derive import REGION_NAMES, Facts
from .links import (
    CATEGORIES_INDEX,
    CHANNELS_INDEX,
    POINTS_INDEX,
    REFERENCES_PAGE,
    REGIONS_INDEX,
    ROUTINES_INDEX,
    SYMPTOMS_INDEX,
    category_page,
    channel_page,
    page_url,
    point_page,
    region_page,
    routine_page,
    symptom_page,
)
from .model import Region
from .names import code_variants, pinyin_variants

INDEX_FILE = "api/search.json"
# What Material's own search is given instead of its index of every page (overrides/main.html):
# its worker is silent, and the site's search (docs/javascripts/search.js) shows the results.
STUB_FILE = "api/search-stub.json"
STUB = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": []}, "docs": []}
_MARKS = re.compile("[\u0300-\u036f]")
_APOSTROPHES = re.compile("['’ʼ]")
_SPLIT = re.compile(r"[\W_]+")
# Words that name a channel but are not its name ("Lung Meridian" is the Lung).
_CHANNEL_WORDS = {"meridian", "channel", "vessel", "points", "point"}
KINDS = {"point": "p", "symptom": "s", "channel": "c", "routine": "r", "category": "g", "region": "b", "page": "h"}


def fold_table(facts: Facts) -> dict[str, str]:
    """Each character that stands for another in names → the one search keeps: traditional →
    simplified (from the points' own names), and the variant groups of data/names.yml."""
    table: dict[str, str] = {}
    data = facts.data
    pairs = []
    for point in facts.points:
        pairs.append((point.names.hanzi, point.names.hanzi_traditional))
        pairs += [(o.hanzi, o.hanzi_traditional) for o in point.names.other_names if o.hanzi and o.hanzi_traditional]
    pairs += [(c.names.hanzi, c.names.hanzi_traditional) for c in data.channels.values()]
    for simplified, traditional in pairs:
        for s, t in zip(simplified, traditional, strict=False):
            if s != t:
                table[t] = s
    for group in data.names.variants:
        keep = group.characters[0]
        for character in group.characters[1:]:
            table[character] = keep
    # A character that folds to one that folds again ends at the last.
    return {c: _settle(c, table) for c in table}


def _settle(character: str, table: dict[str, str]) -> str:
    seen = {character}
    while character in table and table[character] not in seen:
        character = table[character]
        seen.add(character)
    return character


def normalize(text: str, fold: dict[str, str]) -> str:
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()
    text = _APOSTROPHES.sub("", text).replace("ü", "u")
    return "".join(fold.get(c, c) for c in text)


def stem(word: str) -> str:
    """headaches → headache → headach, cramping → cramp, allergies → allergy (a light stemmer;
    the script applies the same one to each word of a query)."""
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return word
    for suffix, replacement, shortest in (("ies", "y", 5), ("ing", "", 6), ("ness", "", 6), ("ed", "", 5), ("es", "", 5), ("s", "", 4)):
        if word.endswith(suffix) and len(word) >= shortest and not word.endswith(("ss", "us", "is")):
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


class Normalizer:
    """normalize, terms and joined for one fold table, remembering each text's words: a run reads
    the same names on many pages, and make serve reads the same texts after every save."""

    def __init__(self, fold: dict[str, str]):
        self.fold = fold
        self._words: dict[str, tuple[tuple[str, str], ...]] = {}
        self._joined: dict[str, str] = {}

    def words(self, text: str) -> tuple[tuple[str, str], ...]:
        """(word, stem) for each word of `text`."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = tuple((w, stem(w)) for w in _SPLIT.split(normalize(text, self.fold)) if w)
        return found

    def terms(self, text: str, spelled: dict[str, dict[str, int]] | None = None) -> list[str]:
        out = []
        for word, stemmed in self.words(text):
            out.append(stemmed)
            if spelled is not None:
                counts = spelled.setdefault(stemmed, {})
                counts[word] = counts.get(word, 0) + 1
        return out

    def joined(self, text: str) -> str:
        found = self._joined.get(text)
        if found is None:
            found = self._joined[text] = "".join(w for w, _ in self.words(text))
        return found


_NORMALIZERS: dict[tuple, Normalizer] = {}


def normalizer(fold: dict[str, str]) -> Normalizer:
    key = tuple(sorted(fold.items()))
    if key not in _NORMALIZERS:
        if len(_NORMALIZERS) > 4:
            _NORMALIZERS.clear()
        _NORMALIZERS[key] = Normalizer(fold)
    return _NORMALIZERS[key]


def terms(text: str, fold: dict[str, str]) -> list[str]:
    return normalizer(fold).terms(text)


def joined(text: str, fold: dict[str, str]) -> str:
    """A name as one word: Hé Gǔ, Hegu and hé-gǔ are all 'hegu'."""
    return "".join(_SPLIT.split(normalize(text, fold)))


class _Doc:
    def __init__(self, words: Normalizer, url: str, kind: str, title: str, subtitle: str = "", boost: float = 1.0):
        self.words = words
        self.spelled: list[str] = []  # the texts read, for the words that show a corrected spelling
        self._counts: dict[str, dict[str, int]] | None = None
        self.url, self.kind, self.title, self.subtitle, self.boost = url, kind, title, subtitle, boost
        self.names: dict[str, None] = {}  # terms of its names
        self.text_terms: dict[str, None] = {}  # terms of its text
        self.phrases: dict[str, None] = {}  # whole names, joined
        self.aliases: dict[str, None] = {}  # names to show under the title when the query matches them
        self.marks: list[str] = []

    def name(self, *texts: str, shown: bool = False) -> None:
        for text in texts:
            if not text:
                continue
            # Lone letters and numbers (the L, U and 4 of L.U.4) would match every point: codes are
            # found whole, by the phrases and by the script's reading of notations.
            self.spelled.append(text)
            stems = self.words.terms(text)
            self.names.update(dict.fromkeys(t for t in stems if len(t) > 1 and not t.isdigit()))
            self.phrases[self.words.joined(text)] = None
            self.phrases["".join(stems)] = None  # as a query's stems join: headaches → headach
            if shown and text not in (self.title, self.subtitle):
                self.aliases[text] = None

    def text(self, *texts: str) -> None:
        for text in texts:
            if text:
                self.spelled.append(text)
                self.text_terms.update(dict.fromkeys(t for t in self.words.terms(text) if t not in self.names))

    def spelled_counts(self) -> dict[str, dict[str, int]]:
        """stem → word → how often, over the texts this entry read (kept with the entry)."""
        if self._counts is None:
            self._counts = {}
            for text in self.spelled:
                self.words.terms(text, self._counts)
        return self._counts

    def row(self) -> dict:
        row = {"u": self.url, "k": KINDS[self.kind], "t": self.title, "n": " ".join(self.names), "p": list(self.phrases)}
        if self.subtitle:
            row["s"] = self.subtitle
        if self.text_terms:
            row["w"] = " ".join(self.text_terms)
        if self.aliases:
            row["a"] = list(self.aliases)
        if self.marks:
            row["m"] = self.marks
        if self.boost != 1.0:
            row["b"] = self.boost
        return row


def _channel_names(channel, fold: dict[str, str]) -> list[str]:
    """The names a reader puts before a point's number: 'spleen 6', 'triple warmer 5', 'ren 12'."""
    names = [channel.name, *channel.names.english_alt, channel.names.pinyin]
    out = []
    for name in names:
        words = [w for w in _SPLIT.split(normalize(name, fold)) if w and w not in _CHANNEL_WORDS]
        if words:
            out += [" ".join(words), "".join(words)]
    return out


def hand_written_pages(docs: Path) -> list[tuple[str, str, str]]:
    """(url, title, text) of each hand-written page at the top of docs/."""
    pages = []
    for path in sorted(docs.glob("*.md")):
        source = path.read_text(encoding="utf-8")
        body = source.split("---\n", 2)[2] if source.startswith("---\n") else source
        title_match = re.search(r"^title:\s*(.+)$", source.split("---\n", 2)[1], re.M) if source.startswith("---\n") else None
        heading = re.search(r"^# (.+)$", body, re.M)
        title = (title_match.group(1) if title_match else heading.group(1) if heading else path.stem).strip().strip("\"'")
        text = re.sub(r"\]\([^)]*\)|[#*_>`\[\]!|{}:]+|^\s*[-=]+\s*$", " ", body, flags=re.M)
        pages.append((page_url(path.name) if path.name != "index.md" else "", title, text))
    return pages


# make serve indexes after every save: each point's entry is kept by what it is made from.
_POINT_ENTRIES: dict[tuple, _Doc] = {}


def _point_entry(facts: Facts, words: Normalizer, point) -> _Doc:
    data = facts.data
    record = data.points.get(point.code)
    symptoms = tuple(data.symptoms[s].doc.digest for s in point.symptoms if s in data.symptoms)
    singles = tuple(facts.single("channels.yml", "cautions.yml"))
    key = (id(words), record.doc.digest if record else "", *singles, *symptoms)
    if record is not None and record.doc.digest and key in _POINT_ENTRIES:
        return _POINT_ENTRIES[key]
    channel = data.channels.get(point.channel)
    names = point.names
    entry = _Doc(words, page_url(point_page(point.code)), "point", f"{point.code} · {names.pinyin} {names.hanzi}", names.english)
    entry.name(point.code, *code_variants(point, channel))
    entry.name(names.pinyin, *pinyin_variants(names.pinyin, names.hanzi), names.hanzi, names.hanzi_traditional, names.english)
    entry.name(*names.english_alt, shown=True)
    for other in names.other_names:
        entry.name(other.pinyin, other.hanzi or "", other.hanzi_traditional or "", other.english or "", shown=True)
        if other.hanzi:
            entry.name(*pinyin_variants(other.pinyin, other.hanzi))
    entry.text(point.location, *(data.symptoms[s].model.name for s in point.symptoms if s in data.symptoms))
    entry.marks = [m.id for m in facts.marks(point)]
    if record is not None and record.doc.digest:
        if len(_POINT_ENTRIES) > 4 * len(data.points) + 100:
            _POINT_ENTRIES.clear()
        _POINT_ENTRIES[key] = entry
    return entry


def search_index(facts: Facts, docs: Path) -> dict[str, bytes]:
    data = facts.data
    fold = fold_table(facts)
    words = normalizer(fold)
    rows: list[_Doc] = []

    def doc(*args, **kwargs) -> _Doc:
        entry = _Doc(words, *args, **kwargs)
        rows.append(entry)
        return entry

    codes = {}
    for point in facts.points:
        codes[point.code.lower()] = len(rows)
        rows.append(_point_entry(facts, words, point))
    for symptom in sorted((r.model for r in data.symptoms.values()), key=lambda s: s.id):
        entry = doc(page_url(symptom_page(symptom.id)), "symptom", symptom.name, "", 1.2)
        entry.name(symptom.name)
        entry.name(*symptom.synonyms.lay, *symptom.synonyms.clinical, shown=True)
        for term in symptom.synonyms.tcm:  # 落枕 (làozhěn or luòzhěn, "fallen pillow")
            entry.name(*re.split(r"[(),]| or ", term), shown=False)
        entry.text(symptom.description)
    channels = {}
    for channel in data.channels.values():
        entry = doc(
            page_url(channel_page(channel.code)),
            "channel",
            f"{channel.name} channel ({channel.code})",
            f"{channel.names.pinyin} {channel.names.hanzi}",
            1.1,
        )
        entry.name(
            channel.code, channel.name, channel.names.pinyin, channel.names.hanzi, channel.names.hanzi_traditional, *channel.alt_codes
        )
        entry.name(*channel.names.english_alt, shown=True)
        entry.text(channel.description)
        for name in _channel_names(channel, fold):
            channels[name] = channel.code
    for routine in facts.routines:
        entry = doc(page_url(routine_page(routine.id)), "routine", routine.title, routine.total_time)
        entry.name(routine.title)
        entry.text(routine.summary, *(data.symptoms[s].model.name for s in routine.symptoms if s in data.symptoms))
    for category in data.categories.values():
        entry = doc(page_url(category_page(category.id)), "category", category.name, category.group, 0.9)
        entry.name(category.name)
        entry.text(category.description)
    for region in Region:
        doc(page_url(region_page(region)), "region", f"Points of the {REGION_NAMES[region].lower()}", "", 0.9).name(REGION_NAMES[region])
    for url, title in (
        (POINTS_INDEX, "Points A–Z"),
        (CHANNELS_INDEX, "Channels"),
        (SYMPTOMS_INDEX, "Symptoms A–Z"),
        (ROUTINES_INDEX, "Self-care routines"),
        (CATEGORIES_INDEX, "Point categories"),
        (REGIONS_INDEX, "Points by body region"),
        (REFERENCES_PAGE, "Sources"),
    ):
        doc(page_url(url), "page", title, "", 0.8).name(title)
    for url, title, text in hand_written_pages(docs):
        entry = doc(url, "page", title, "", 0.8)
        entry.name(title)
        entry.text(text)
    spelled: dict[str, dict[str, int]] = {}  # stem → the words it stands for, to say a corrected query in words
    for entry in rows:
        for stem_, counts in entry.spelled_counts().items():
            into = spelled.setdefault(stem_, {})
            for word, count in counts.items():
                into[word] = into.get(word, 0) + count
    prefixes = {}
    for channel in data.channels.values():
        for prefix in [channel.code, *channel.alt_codes]:
            prefixes[prefix.lower()] = channel.code
    index = {
        "version": 1,
        # A stem → the word to show for it ("Showing results for migraine"), where they differ.
        "words": {
            stem_: word for stem_, words in sorted(spelled.items()) if (word := max(words, key=lambda w: (words[w], -len(w)))) != stem_
        },
        "fold": dict(sorted(fold.items())),
        "prefixes": dict(sorted(prefixes.items())),
        "channels": dict(sorted(channels.items())),
        "codes": codes,
        "docs": [r.row() for r in rows],
    }
    return {
        INDEX_FILE: (json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"),
        STUB_FILE: (json.dumps(STUB) + "\n").encode("utf-8"),
    }
