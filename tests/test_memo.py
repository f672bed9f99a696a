"""make serve renders again only the pages whose data files changed (render.PageMemo): after any
edit, the remembered output must be exactly what a fresh run makes."""

from __future__ import annotations

import copy

import pytest

from conftest import CHANNELS, SINGLE_FILES, SYMPTOM, point
from generator.pipeline import run
from generator.project import Project
from generator.render import PageMemo


def edits():
    yield "a point's location", lambda mini: mini.write_point(point("LI2", location="Moved, in plain words."))
    yield (
        "a point's names",
        lambda mini: mini.write_point(
            point("LI3", names={"pinyin": "Sānjiān", "hanzi": "三间", "hanzi_traditional": "三間", "english": "Third Gap"})
        ),
    )
    yield "points gain a symptom", _new_symptom
    yield "a symptom's name", lambda mini: mini.write("symptoms/stiff-neck.yml", SYMPTOM | {"name": "Neck that will not turn"})
    yield (
        "a caution's title",
        lambda mini: mini.write(
            "cautions.yml",
            {
                "cautions": [
                    {**SINGLE_FILES["cautions.yml"]["cautions"][0], "title": "Never in pregnancy"},
                    *SINGLE_FILES["cautions.yml"]["cautions"][1:],
                ]
            },
        ),
    )
    yield "a channel's name", lambda mini: mini.write("channels.yml", _renamed_channel())
    yield "a point's sources", lambda mini: mini.write_point(point("LI2", sources={"location": "who-2008", "other": []}, location="Same."))
    yield "a point's categories", lambda mini: mini.write_point(point("LI3", categories=["yuan-source"]))
    yield "a point's cautions", lambda mini: mini.write_point(point("LI2", cautions=["pregnancy"]))
    yield "a point removed", lambda mini: (mini.data / "points/EX/EX-UE8.yml").unlink()
    yield "a view's title", lambda mini: mini.write("figures/hand-back.yml", _retitled_view())
    yield "a template", lambda mini: _edit_template(mini)


def _new_symptom(mini):
    mini.write("symptoms/earache.yml", SYMPTOM | {"id": "earache", "name": "Earache"})
    for code in ("LI1", "LI2", "LI3"):
        mini.write_point(point(code, symptoms=["stiff-neck", "earache"]))


def _renamed_channel():
    channels = copy.deepcopy(CHANNELS)
    channels["channels"][0]["name"] = "Colon"
    return channels


def _retitled_view():
    from conftest import VIEWS

    return VIEWS["hand-back"] | {"title": "Back of the hand, drawn again"}


def _edit_template(mini):
    path = mini.root / "generator/templates/symptom.md.j2"
    path.write_text(path.read_text(encoding="utf-8").replace("## Points to press", "## Points you can press"), encoding="utf-8")


@pytest.mark.parametrize("edit", list(edits()), ids=[name for name, _ in edits()])
def test_remembered_pages_equal_a_fresh_run_after(mini, edit):
    import importlib

    memo, cache = PageMemo(), {}
    project = Project(mini.root)
    run(project, workers=1, cache=cache, memo=memo)
    edit[1](mini)
    if edit[0] == "a template":
        # The mini project's own generator renders its own templates: run it in its copy.
        import subprocess
        import sys

        code = (
            "from generator.pipeline import run; from generator.project import Project; from generator.render import PageMemo;"
            "import json,sys; m=PageMemo(); p=Project(); run(p, workers=1, memo=m); "
            "t=p.root/'generator/templates/symptom.md.j2'; t.write_text(t.read_text().replace('## Points you can press','## Points to tap'));"
            "a=run(p, workers=1, memo=m).files; b=run(p, workers=1).files; sys.exit(0 if a==b and b'Points to tap' in a['symptoms/stiff-neck.md'] else 1)"
        )
        assert subprocess.run([sys.executable, "-c", code], cwd=mini.root).returncode == 0
        return
    importlib.invalidate_caches()
    remembered = run(project, workers=1, cache=cache, memo=memo).files
    fresh = run(project, workers=1).files
    assert remembered.keys() == fresh.keys()
    assert [path for path in fresh if remembered[path] != fresh[path]] == []
