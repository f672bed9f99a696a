"""The one error type every stage reports, so all errors print the same way."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import stage

MAX_REPORTED = 200  # a report longer than this hides more than it shows


@dataclass(frozen=True)
class DataError:
    file: str
    line: int
    column: int
    field: str
    message: str
    rule: str = ""

    def sort_key(self) -> tuple:
        """Root causes first (a file that cannot be read before what refers to it), then by place."""
        return (stage(self.rule), self.file, self.line, self.column, self.field, self.message, self.rule)

    def __lt__(self, other: DataError) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} [{self.rule}]" if self.rule else text


def ordered(errors) -> list[DataError]:
    """Each error once, root causes first."""
    return sorted(set(errors))


def report_lines(errors: list[DataError]) -> list[str]:
    """The lines that report these errors: at most MAX_REPORTED of them, then a count."""
    errors = ordered(errors)
    lines = [str(e) for e in errors[:MAX_REPORTED]]
    if len(errors) > MAX_REPORTED:
        lines.append(f"… and {len(errors) - MAX_REPORTED} more error(s) not shown; fix the first ones and run again")
    files = len({e.file for e in errors})
    lines.append(f"{len(errors)} error(s) in {files} file(s); nothing was written.")
    return lines


class DataErrors(Exception):
    """Raised with every error found, never just the first."""

    def __init__(self, errors: list[DataError]):
        super().__init__(f"{len(errors)} error(s) in data")
        self.errors = ordered(errors)
