"""Problems found in input files, and the exit codes of the command line.

A problem is data: where it is (file, line, column), what is wrong in the
file's own words, and a hint. Loaders collect problems and raise them together
as one `InputError`, so a user sees everything wrong at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FOUND_PROBLEMS = 1  # `check` found problems, `cases` found a mismatch
    BAD_INPUT = 2  # bad usage or bad input


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    message: str
    hint: str | None = None
    kind: str | None = None
    """What sort of problem, for `check`: read, schema, reference, source, ... (None: not said)."""

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class InputError(Exception):
    """One or more problems that stop a file from being used."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean" hint for a misspelt id, or None when nothing is close."""
    import difflib  # only when something is wrong

    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def allowed(choices: Iterable[str], limit: int = 12) -> str:
    items = list(choices)
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f", … ({len(items)} in all)"
    return shown
