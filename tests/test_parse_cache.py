"""The parse cache (generator/parse_cache.py): a hit is exactly a fresh parse, and never hides an error."""

from __future__ import annotations

import marshal

from conftest import point
from generator import parse_cache
from generator.build import Project, build, checked_dataset
from generator.dataset import CACHE_FOLDER, load_dataset
from generator.load import load_document
from generator.parse_cache import FILE_NAME, ParseCache

GOOD = "code: GB20\nnames:\n  pinyin: Fēngchí\nfinding:\n  - one\n  - two\nx: 1.5\nflag: true\nnothing: null\n"


def test_a_cached_parse_equals_a_fresh_one(tmp_path):
    path = tmp_path / "GB20.yml"
    path.write_text(GOOD, encoding="utf-8")
    fresh, _ = load_document(path, "data/points/GB/GB20.yml")
    first = ParseCache(tmp_path / "cache")
    load_document(path, "data/points/GB/GB20.yml", first)
    first.save()
    second = ParseCache(tmp_path / "cache")
    cached, errors = load_document(path, "data/points/GB/GB20.yml", second)
    assert errors == [] and second.new and not second.missed  # it came from the cache
    assert cached.value == fresh.value and cached.positions == fresh.positions
    assert cached.where(("finding", 1)) == (6, 5)


def test_a_changed_file_is_parsed_again_and_its_error_reported(tmp_path):
    path = tmp_path / "GB20.yml"
    path.write_text(GOOD, encoding="utf-8")
    cache = ParseCache(tmp_path / "cache")
    load_document(path, "GB20.yml", cache)
    cache.save()
    path.write_text(GOOD + "x: 2\n", encoding="utf-8")  # a duplicate key now
    doc, errors = load_document(path, "GB20.yml", ParseCache(tmp_path / "cache"))
    assert doc is None and "duplicate key 'x'" in errors[0].message


def test_a_broken_or_foreign_cache_is_ignored(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    path = tmp_path / "GB20.yml"
    path.write_text(GOOD, encoding="utf-8")
    for content in [b"not marshal", marshal.dumps(("another version", {})), marshal.dumps([1, 2])]:
        (folder / FILE_NAME).write_bytes(content)
        cache = ParseCache(folder)
        assert cache.old == {}
        doc, errors = load_document(path, "GB20.yml", cache)
        assert errors == [] and doc.value["names"]["pinyin"] == "Fēngchí"
    # An entry of the wrong shape under the right key is a miss, not a crash.
    (folder / FILE_NAME).write_bytes(marshal.dumps((parse_cache._version(), {parse_cache.key(GOOD.encode()): "junk"})))
    doc, errors = load_document(path, "GB20.yml", ParseCache(folder))
    assert errors == [] and doc.value["code"] == "GB20"


def test_the_cache_holds_only_this_runs_files(mini):
    load_dataset(mini.data)
    cache_file = mini.root / CACHE_FOLDER / FILE_NAME
    before = len(marshal.loads(cache_file.read_bytes())[1])
    (mini.data / "points/LI/LI2.yml").unlink()
    load_dataset(mini.data)
    assert len(marshal.loads(cache_file.read_bytes())[1]) == before - 1


def test_builds_agree_with_and_without_the_cache(mini):
    mini.write_point(point("LI4", related=["LI99"]))
    uncached = checked_dataset(mini.data)[1]
    load_dataset(mini.data)  # fills the cache
    assert checked_dataset(mini.data)[1] == uncached  # the cross-file error is still found
    mini.write_point(point("LI4"))
    build(Project(mini.root))
    first = {p.name: p.read_bytes() for p in (mini.root / "docs/points").iterdir()}
    (mini.root / CACHE_FOLDER / FILE_NAME).unlink()
    build(Project(mini.root))
    assert {p.name: p.read_bytes() for p in (mini.root / "docs/points").iterdir()} == first
