"""A synthetic dataset about ten times the real one, made from the real data, valid under every check.

Each of the 14 channels is copied `copies` times as a new channel with an unused two-letter
code (LU → QA, QB, …), every point with it; each symptom and routine is copied as many
times, and a copied point's symptoms, related points and a copied routine's steps point
into the same copy. Pages per channel, points per symptom and steps per routine stay as
they are, so a page of the large site should weigh what the same page weighs in the real one.
"""

from __future__ import annotations

import string
from pathlib import Path

import yaml

from generator.load import load_document

SCHEMA_LINE = "# yaml-language-server: $schema={}schema/{}.json\n"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Writes shared values out in full: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def _read(path: Path):
    document, errors = load_document(path, path.name)
    if errors:
        raise ValueError(f"{path}: {errors[0]}")
    return document.value


def _write(path: Path, value, kind: str, depth: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(SCHEMA_LINE.format("../" * depth, kind) + text, encoding="utf-8")


def new_codes(taken: set[str], count: int) -> list[str]:
    """`count` two-letter channel codes that no real channel or abbreviation uses."""
    out = []
    for first in "QXZJYW":
        for second in string.ascii_uppercase:
            code = first + second
            if code not in taken:
                out.append(code)
                if len(out) == count:
                    return out
    raise ValueError(f"not enough free channel codes for {count} copies")


def make_synthetic(data: Path, target: Path, copies: int = 9) -> dict[str, int]:
    """Write into `target` (a data/ folder already holding a copy of `data`) `copies` more of everything."""
    channels_file = _read(data / "channels.yml")
    channels = [c for c in channels_file["channels"] if (data / "points" / c["code"]).is_dir() and c["code"] not in ("EX", "NW")]
    taken = {c["code"] for c in channels_file["channels"]} | {a.upper() for c in channels_file["channels"] for a in c.get("alt_codes", [])}
    codes = iter(new_codes(taken, copies * len(channels)))
    symptom_ids = sorted(p.stem for p in (data / "symptoms").glob("*.yml"))
    routine_ids = sorted(p.stem for p in (data / "routines").glob("*.yml"))
    added = {"channels": 0, "points": 0, "symptoms": 0, "routines": 0}

    for copy in range(1, copies + 1):
        suffix = f"-set{copy + 1}"
        rename = {c["code"]: next(codes) for c in channels}

        def point_code(code: str, rename=rename) -> str:
            prefix = code.rstrip(string.digits)
            return rename[prefix] + code[len(prefix) :] if prefix in rename else code

        def copied(codes: list[str], rename=rename) -> list[str]:
            """The copies of these points; extra points (EX-, NW-) are not copied and drop out."""
            return [point_code(c) for c in codes if c.rstrip(string.digits) in rename]

        for channel in channels:
            new = dict(channel, code=rename[channel["code"]], name=f"{channel['name']} {copy + 1}", alt_codes=[])
            channels_file["channels"].append(new)
            added["channels"] += 1
            for source in sorted((data / "points" / channel["code"]).glob("*.yml")):
                point = _read(source)
                point["code"] = point_code(point["code"])
                point["symptoms"] = [s + suffix for s in point.get("symptoms", [])]
                point["modern_uses"] = [dict(u, symptom=u["symptom"] + suffix) for u in point.get("modern_uses", [])]
                point["related"] = [point_code(c) for c in point.get("related", [])]
                _write(target / "points" / new["code"] / f"{point['code']}.yml", point, "point", 3)
                added["points"] += 1
        for symptom_id in symptom_ids:
            symptom = _read(data / "symptoms" / f"{symptom_id}.yml")
            symptom["id"] += suffix
            symptom["name"] = f"{symptom['name']} ({copy + 1})"
            symptom["related"] = [s + suffix for s in symptom.get("related", [])]
            symptom["primary_points"] = copied(symptom.get("primary_points", []))
            _write(target / "symptoms" / f"{symptom['id']}.yml", symptom, "symptom", 2)
            added["symptoms"] += 1
        for routine_id in routine_ids:
            routine = _read(data / "routines" / f"{routine_id}.yml")
            routine["id"] += suffix
            routine["title"] = f"{routine['title']} ({copy + 1})"
            routine["symptoms"] = [s + suffix for s in routine.get("symptoms", [])]
            for step in routine["steps"]:
                step["points"] = copied(step["points"])
            routine["steps"] = [step for step in routine["steps"] if step["points"]]
            _write(target / "routines" / f"{routine['id']}.yml", routine, "routine", 2)
            added["routines"] += 1
    _write(target / "channels.yml", channels_file, "channels", 1)
    return added
