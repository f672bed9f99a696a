"""Derived spellings: code notations and pinyin variants."""

from __future__ import annotations

from conftest import CHANNELS, point
from generator.model import Channel, Point
from generator.names import code_variants, pinyin_variants, point_aliases, split_syllables, strip_tones

LI = Channel.model_validate(CHANNELS["channels"][0])
TE = Channel.model_validate({**CHANNELS["channels"][0], "code": "TE", "alt_codes": ["SJ", "TH", "TW", "TB"], "point_count": 23})


def test_strip_tones():
    assert strip_tones("Hégǔ") == "Hegu"
    assert strip_tones("Nǚ") == "Nu"


def test_split_follows_the_characters():
    assert split_syllables("Bìnào", "臂臑") == ["Bì", "nào"]  # not Bìn + ào
    assert split_syllables("Fù'āi", "腹哀") == ["Fù", "āi"]
    assert split_syllables("Zúsānlǐ", "足三里") == ["Zú", "sān", "lǐ"]
    assert split_syllables("Qwxz", "合谷") is None


def test_pinyin_variants():
    assert pinyin_variants("Hégǔ", "合谷") == ["Hegu", "Hé Gǔ", "He Gu"]
    assert "Huatuojiaji" in pinyin_variants("Huàtuó Jiájǐ", "华佗夹脊")


def test_code_variants_for_a_channel_point():
    li4 = Point.model_validate(point("LI4"))
    variants = code_variants(li4, LI)
    assert {"LI-4", "LI 4", "LI04", "LI-04", "L.I.4", "CO4", "CO-4"} <= set(variants)
    assert "LI4" not in variants


def test_code_variants_use_every_alternative_abbreviation():
    te17 = Point.model_validate(point("LI4") | {"code": "TE17"})
    variants = code_variants(te17, TE)
    for prefix in ("SJ", "TH", "TW", "TB"):
        assert f"{prefix}17" in variants and f"{prefix}-17" in variants
    assert "TE017" not in variants  # zero padding only below 10


def test_extra_point_variants_and_other_codes():
    ex = Point.model_validate(point("EX-UE8") | {"other_codes": ["M-UE-24"]})
    variants = code_variants(ex, None)
    assert {"EX-UE-8", "EX UE8", "EXUE8", "M-UE-24"} <= set(variants)


def test_aliases_include_names_once():
    li4 = Point.model_validate(point("LI4"))
    aliases = point_aliases(li4, LI)
    assert len(aliases) == len(set(aliases))
    assert {"合谷", "Union Valley", "Joining Valley", "Hegu"} <= set(aliases)
    assert "LI4" not in aliases and "Hégǔ" not in aliases
