"""The one error type every stage reports, so all errors print the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataErrors(Exception):
    """Raised with every error found, never just the first."""

    def __init__(self, errors: list[DataError]):
        super().__init__(f"{len(errors)} error(s) in data")
        self.errors = sorted(set(errors))
