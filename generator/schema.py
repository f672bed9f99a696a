"""Export the pydantic models as JSON Schema files (schema/<kind>.json), for editors and reviewers."""

from __future__ import annotations

import json
from pathlib import Path

from .model import SCHEMAS

BASE_ID = "https://open-acupoints.github.io/open-acupoints/schema/"


def schema_files() -> dict[str, bytes]:
    out = {}
    for kind, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{BASE_ID}{kind}.json", **schema}
        out[f"{kind}.json"] = (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return out


def write_schemas(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, content in sorted(schema_files().items()):
        path = folder / name
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
            changed.append(name)
    return changed
