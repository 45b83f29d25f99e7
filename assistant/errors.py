"""Problems found in input files, and the exit codes of the command line.

A problem is data: where it is (file, line, column), what is wrong in the
file's own words, and a hint. Loaders collect problems and raise them together
as one `InputError`, so a user sees everything wrong at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

MAX_PROBLEMS = 20
"""The problems shown for one file; the rest are counted in one line (90 000 unknown keys are not 90 000 lines)."""


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
        """`file:line:column`; a line break in the file's name is written as its escape, as in what it quotes."""
        where = self.file.replace("\n", "\\n").replace("\r", "\\r")
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


@dataclass(frozen=True)
class MoreProblems(Problem):
    """Stands for the problems of a file that are not shown: `… and 89 980 more problems in this file`."""

    count: int = 0


def capped(problems: Iterable[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """The first `limit` problems of each file, in their order, and one line for the rest of that file.

    Capping again changes nothing: a line that stands for more problems is kept and its count added up.
    """
    kept: list[Problem] = []
    shown: dict[str, int] = {}
    more: dict[str, tuple[int, Problem]] = {}  # file -> (where its line goes in `kept`, the first not shown)
    hidden: dict[str, int] = {}
    for problem in problems:
        file = problem.file
        if not isinstance(problem, MoreProblems) and shown.get(file, 0) < limit:
            shown[file] = shown.get(file, 0) + 1
            kept.append(problem)
            continue
        if file not in more:
            more[file] = (len(kept), problem)
            kept.append(problem)  # a place holder, replaced below
        hidden[file] = hidden.get(file, 0) + (problem.count if isinstance(problem, MoreProblems) else 1)
    for file, (index, first) in more.items():
        n = hidden[file]
        many = f"{n:,}".replace(",", " ")  # 89 980, as the reports write counts
        message = f"… and {many} more problem{'s' if n != 1 else ''} in this file"
        if shown.get(file):
            message += f" (the first {shown[file]} are shown)"
        kept[index] = MoreProblems(file, None, None, message, kind=first.kind, count=n)
    return kept


def count(problems: Iterable[Problem]) -> int:
    """How many problems a list stands for, counting those a capped list does not show."""
    return sum(p.count if isinstance(p, MoreProblems) else 1 for p in problems)


class InputError(Exception):
    """One or more problems that stop a file from being used (at most MAX_PROBLEMS shown per file)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = capped(problems)
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
