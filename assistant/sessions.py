"""Saved sessions: the answers plus a `meta:` block, written atomically.

A session file is a valid answers file for `decide` (DESIGN.md), so nothing
a user answered is ever locked inside the program.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from assistant import __version__
from assistant.answers import as_plain
from assistant.files import write_atomic
from assistant.models.common import Lang
from assistant.models.rules import RuleBase

if TYPE_CHECKING:
    from assistant.errors import Problem


def session_text(rb: RuleBase, answers: Mapping[str, tuple[str, ...]], lang: Lang,
                 group: str | None = None, now: datetime | None = None) -> str:
    meta: dict[str, str] = {
        "product_version": __version__,
        "rules_version": rb.version,
        "lang": lang,
        "saved": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if group:
        meta["group"] = group
    body = {**as_plain(answers, rb.questions), "meta": meta}
    head = "# samarbeid: saved answers. Use with `samarbeid decide FILE` or `samarbeid --resume FILE`.\n"
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=None)


def save_session(path: Path, rb: RuleBase, answers: Mapping[str, tuple[str, ...]], lang: Lang,
                 group: str | None = None) -> None:
    write_atomic(path, session_text(rb, answers, lang, group))


def autosave_path() -> Path:
    from assistant.places import data_dir  # platformdirs only when a session is kept, not for `decide`

    return data_dir() / "autosave.yaml"


def last_session(rb: RuleBase) -> tuple[dict[str, tuple[str, ...]], dict]:
    """The autosaved answers and meta block from last time; empty when there are none or they cannot be read.

    Both front ends offer these to continue with; answers the rule base no longer knows are left out.
    """
    from assistant.errors import InputError
    from assistant.loading import load_answers

    path = autosave_path()
    if not path.is_file():
        return {}, {}
    try:
        answers, meta, _ = load_answers(path, rb, strict=False)
    except InputError:
        return {}, {}
    return answers, meta


def keep_original(path: Path) -> Path | None:
    """A copy of a session file as it was, beside it (`mine.yaml` -> `mine.orig.yaml`, or `.orig2` ...
    when that is taken), made before answers this rule base does not know are saved away; None when
    the copy cannot be written."""
    path = Path(path)
    for n in range(1, 1000):
        copy = path.with_name(f"{path.stem}.orig{'' if n == 1 else n}{path.suffix}")
        if copy.exists():
            continue
        try:
            write_atomic(copy, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
        return copy
    return None


def resume(path: Path, rb: RuleBase) -> tuple[dict[str, tuple[str, ...]], dict, list[Problem], Path | None]:
    """The answers and meta block of a saved session, the problems of the answers left out, and
    where the file as it was is kept when some were left out (the next save writes over it)."""
    from assistant.loading import load_answers

    answers, meta, left_out = load_answers(path, rb, strict=False)
    kept = keep_original(path) if left_out else None
    return answers, meta, left_out, kept


def save_autosave(rb: RuleBase, answers: Mapping[str, tuple[str, ...]], lang: Lang, path: Path | None = None,
                  group: str | None = None) -> Path:
    """Save the answers atomically (after every answer); the folder is made if needed."""
    target = path or autosave_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    save_session(target, rb, answers, lang, group)
    return target


def group_of(meta: Mapping[str, object]) -> str | None:
    """The group's name from a session's meta block, if it has one."""
    group = meta.get("group")
    return str(group).strip() or None if group is not None else None
