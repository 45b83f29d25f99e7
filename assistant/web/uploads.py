"""An uploaded answers file, read by the same safe loader as `samarbeid decide`.

The bytes go to a private temporary file and through `loading.load_answers`
(regular file, size, UTF-8, safe YAML without aliases or tags, every answer checked
against the questions), strictly as `decide` reads them: any problem refuses the
whole file. The problems name the file as the person chose it, with line and column.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from assistant.errors import InputError, Problem
from assistant.safetext import visible

if TYPE_CHECKING:
    from assistant.answers import Answers
    from assistant.models.rules import RuleBase


@dataclass(frozen=True)
class Uploaded:
    answers: Answers
    meta: dict[str, Any]
    carried: int = 0
    """How many answers were in an older form and carried over to today's options."""


def shown_name(filename: str | None) -> str:
    """The file's own name (no folder a browser may send), shown as written, never obeyed."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    return visible(name)[:80] or "upload.yaml"


def read_upload(data: bytes, filename: str | None, rb: RuleBase) -> Uploaded:
    """The answers and meta block of an uploaded file; InputError (naming the file) if it cannot be used."""
    from assistant.loading import load_answers

    name = shown_name(filename)
    with tempfile.TemporaryDirectory(prefix="samarbeid-upload-") as folder:
        path = Path(folder) / "answers"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            answers, meta, notices = load_answers(path, rb)
        except InputError as err:
            raise InputError([_named(p, str(path), name) for p in err.problems]) from None
    return Uploaded(answers, meta, carried=len(notices))


def _named(problem: Problem, temporary: str, name: str) -> Problem:
    return replace(problem, file=name, message=problem.message.replace(temporary, name))
