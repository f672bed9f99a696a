"""Changing a field is one checked edit: every field of every data model is exported (or left
out with a reason), is in the scaffold of a new file (or left out with a reason), and the
scaffold checks codes and ids with the model's own patterns."""

from __future__ import annotations

import json

import pytest
import yaml

from generator import model
from generator.export import FLATTENED, NOT_EXPORTED
from generator.pipeline import run
from generator.project import Project
from generator.scaffold import NOT_SCAFFOLDED, POINT_TEMPLATE, SYMPTOM_TEMPLATE

# Each exported file, the list in it and the model of its entries.
EXPORTS = [
    ("api/points.json", "points", model.Point),
    ("api/symptoms.json", "symptoms", model.Symptom),
    ("api/routines.json", "routines", model.Routine),
    ("api/channels.json", "channels", model.Channel),
    ("api/channels.json", "vessels", model.Vessel),
    ("api/categories.json", "categories", model.Category),
    ("api/cautions.json", "cautions", model.Caution),
    ("api/references.json", "references", model.Reference),
    ("api/views.json", "views", model.View),
    ("api/views.json", "diagrams", model.Diagram),
]


@pytest.fixture(scope="module")
def exported():
    from conftest import REPO

    files = run(Project(REPO)).files
    return {path: json.loads(content) for path, content in files.items() if path.startswith("api/")}


@pytest.mark.parametrize(("path", "key", "kind"), EXPORTS, ids=[f"{e[2].__name__}" for e in EXPORTS])
def test_every_model_field_is_exported_or_deliberately_not(exported, path, key, kind):
    rows = exported[path][key]
    assert rows, f"{path} has no {key}"
    keys = set().union(*(row.keys() for row in rows))
    name = kind.__name__
    for field in kind.model_fields:
        carried = FLATTENED.get(name, {}).get(field)
        if field in NOT_EXPORTED.get(name, {}):
            assert field not in keys
        elif carried:
            assert set(carried) <= keys, f"{name}.{field} should be exported as {carried}"
        else:
            assert field in keys, f"{name}.{field} is neither exported nor in export.NOT_EXPORTED with a reason"


@pytest.mark.parametrize(
    ("template", "kind", "scaffold"), [(POINT_TEMPLATE, model.Point, "point"), (SYMPTOM_TEMPLATE, model.Symptom, "symptom")]
)
def test_every_model_field_is_in_the_scaffold_or_deliberately_not(template, kind, scaffold):
    text = template.format(
        code="LI4", TODO="TODO", region="arm-hand", source="who-2008", hanzi="合谷", pinyin="Hégǔ", traditional="合谷", id="x", name="X"
    )
    written = yaml.safe_load(text)
    for field in kind.model_fields:
        if field not in NOT_SCAFFOLDED[scaffold]:
            assert field in written, f"{kind.__name__}.{field} is missing from the scaffold of a new {scaffold}"
    for field, info in kind.model_fields.items():
        inner = getattr(info.annotation, "model_fields", None)
        if inner and isinstance(written.get(field), dict):
            for sub in inner:
                assert sub in written[field], f"{kind.__name__}.{field}.{sub} is missing from the scaffold"


def test_the_scaffold_uses_the_models_patterns(tmp_path):
    from generator.scaffold import ScaffoldError, new_point, new_symptom

    with pytest.raises(ScaffoldError, match="not a point code such as LI4"):
        new_point(tmp_path, "LI-4", "合谷")
    with pytest.raises(ScaffoldError, match="not an id"):
        new_symptom(tmp_path, "Jaw Tension")
    assert new_point(tmp_path, "EX-UE99", "合谷").parent.name == model.channel_of("EX-UE99") == "EX"
