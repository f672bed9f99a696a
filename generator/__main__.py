"""Command line: python -m generator check | generate | build | serve | schema | new | changes | preview."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .builders import BUILDERS, choose
from .errors import DataError, DataErrors, report_lines
from .pipeline import BuildError, build, check, generate
from .project import Project, SettingsError
from .write import WriteError


def report(errors: list[DataError]) -> None:
    for line in report_lines(errors):
        print(line, file=sys.stderr)


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    data, errors = check(project)
    for notice in data.notices:
        print(notice, file=sys.stderr)
    if errors:
        report(errors)
        return 1
    print(
        f"data OK: {len(data.points)} points, {len(data.symptoms)} symptoms, {len(data.routines)} routines, "
        f"{len(data.channels)} channels, {len(data.categories)} categories, {len(data.references)} references"
    )
    return 0


def cmd_generate(project: Project, args: argparse.Namespace) -> int:
    print(f"generated docs/: {generate(project, choose(args.builder)).summary()}")
    return 0


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    result = build(project, choose(args.builder))
    print(result.summary())
    return 0


def cmd_schema(project: Project, args: argparse.Namespace) -> int:
    from .schema import write_schemas

    changed = write_schemas(project.root / "schema")
    print(f"schema/: {len(changed)} file(s) updated" + (f" ({', '.join(changed)})" if changed else ""))
    return 0


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(project, choose(args.builder), args.dev_addr)


def cmd_preview(project: Project, args: argparse.Namespace) -> int:
    from .dataset import load_dataset
    from .preview import preview

    data, errors = load_dataset(project.data)
    if args.view not in data.figures:
        report(errors or [])
        print(f"no view {args.view!r} in data/figures/", file=sys.stderr)
        return 1
    return preview(data, args.view, args.out, project.docs / "stylesheets" / "extra.css", args.width, args.placements)


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_point, new_symptom

    try:
        if args.kind == "point":
            if not args.hanzi:
                print("a new point needs its name in characters: --hanzi 安眠", file=sys.stderr)
                return 2
            path = new_point(project.data, args.id, args.hanzi)
        else:
            path = new_symptom(project.data, args.id)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(project.root)}: fill in every TODO, then run `make check`")
    return 0


def cmd_changes(project: Project, args: argparse.Namespace) -> int:
    from .changes import main as changes

    print(changes(args.base, project), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Project().root, help="project folder (default: this checkout)")
    parser.add_argument("--builder", choices=sorted(BUILDERS), help="site builder (default: $BUILDER, else mkdocs)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the data and report every error")
    sub.add_parser("generate", help="validate, then write the generated pages into docs/ and the navigation into mkdocs.gen.yml")
    sub.add_parser("build", help="generate, then build the site into site/ (replaced only when the build succeeds)")
    sub.add_parser("schema", help="write the JSON Schema of each data kind into schema/")
    serve_parser = sub.add_parser("serve", help="generate, then serve the site and regenerate when data/ changes")
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    new_parser = sub.add_parser("new", help="start a new data file with every field: new point CODE --hanzi 字 | new symptom ID")
    new_parser.add_argument("kind", choices=["point", "symptom"])
    new_parser.add_argument("id", help="point code (NW-Bitong) or symptom id (jaw-tension)")
    new_parser.add_argument("--hanzi", help="for a point: its name in simplified characters")
    changes_parser = sub.add_parser("changes", help="Markdown summary of added, removed and changed records and pages")
    changes_parser.add_argument("base", type=Path, help="a checkout of the base branch")
    preview_parser = sub.add_parser("preview", help="draw one figure with every point placed on it, as a PNG")
    preview_parser.add_argument("view")
    preview_parser.add_argument("out", type=Path)
    preview_parser.add_argument("--width", type=int, default=700, help="picture width in pixels")
    preview_parser.add_argument("--placements", type=Path, help="YAML {CODE: {figure:, locator:}} to draw as well")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    commands = {
        "check": cmd_check,
        "generate": cmd_generate,
        "build": cmd_build,
        "schema": cmd_schema,
        "serve": cmd_serve,
        "new": cmd_new,
        "changes": cmd_changes,
        "preview": cmd_preview,
    }
    try:
        return commands[args.command](project, args)
    except DataErrors as exc:
        report(exc.errors)
        return 1
    except (WriteError, BuildError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
