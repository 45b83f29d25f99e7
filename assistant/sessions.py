"""Saved sessions: every session its own file, written atomically after every change.

A session file is the answers plus a `meta:` block, so it is a valid answers file
for `decide` (DESIGN.md): nothing a person answered is locked inside the program.
The store keeps them in the data folder (`sessions/`), one file per session, named
so a person recognises it (`2026-11-30_0912_gruppe-nord.yaml`); starting afresh
makes a new file and never touches an earlier one. A file the person brought
(`--resume`) is written to only when writing it back would keep everything in it;
otherwise the answers go on in a new session file and the file stays as it was.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from assistant import __version__
from assistant.answers import Answers, as_plain, group_of
from assistant.files import remove_stale_temporaries, write_atomic
from assistant.ids import LANGS, Lang
from assistant.models.rules import RuleBase

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue
    from assistant.errors import Problem

HEADER = "# samarbeid: saved answers. Use with `samarbeid decide FILE` or `samarbeid --resume FILE`.\n"
LEGACY_AUTOSAVE = "autosave.yaml"
"""Where versions before the store kept their one session: adopted into the store when found."""
RECENT = 5
"""How many saved sessions the start offers to continue."""


def session_text(rb: RuleBase, answers: Mapping[str, tuple[str, ...]], lang: Lang,
                 group: str | None = None, now: datetime | None = None) -> str:
    meta: dict[str, str] = {
        "product_version": __version__,
        "rules_version": rb.version,
        "lang": lang,
        "saved": stamp(now),
    }
    if group:
        meta["group"] = group
    return _text(as_plain(answers, rb.questions), meta)


def _text(body: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    return HEADER + yaml.safe_dump({**body, "meta": dict(meta)}, allow_unicode=True, sort_keys=False,
                                   default_flow_style=None)


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")


def save_session(path: Path, rb: RuleBase, answers: Mapping[str, tuple[str, ...]], lang: Lang,
                 group: str | None = None) -> None:
    write_atomic(path, session_text(rb, answers, lang, group))


def slug(text: str) -> str:
    """A name as a file name's part: `Gruppe Nord (Bodø)` -> `gruppe-nord-bodo`."""
    folded = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "o")
                                   .replace("Ø", "O"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    whole = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(whole) <= SLUG_LENGTH:
        return whole
    cut = whole[:SLUG_LENGTH + 1].rsplit("-", 1)[0]  # whole words where there is a word to cut after
    return cut if cut and cut != whole[:SLUG_LENGTH + 1] else whole[:SLUG_LENGTH]


SLUG_LENGTH = 40


def suggested_name(dialogue: Dialogue, suffix: str, today: datetime | None = None) -> str:
    """The name an export proposes: the group (else the role, in the session's language) and the date,
    `samarbeid-gruppe-nord-2026-11-30.html`, `samarbeid-sosial-entreprenor-2026-11-30.md`."""
    role = dialogue.role
    option = dialogue.question(dialogue.role_question).option(role) if role else None
    who = slug(dialogue.group or "") or slug(option.label(dialogue.lang) if option else "")
    day = (today or datetime.now()).strftime("%Y-%m-%d")
    return "-".join(part for part in ("samarbeid", who, day) if part) + f".{suffix}"


@dataclass(frozen=True)
class SavedSession:
    """A session in the store: its file, answers and meta block."""

    path: Path
    answers: Answers
    meta: Mapping[str, Any]

    @property
    def saved(self) -> str | None:
        saved = self.meta.get("saved")
        return saved if isinstance(saved, str) else None

    @property
    def group(self) -> str | None:
        return group_of(self.meta)

    @property
    def lang(self) -> Lang | None:
        lang = self.meta.get("lang")
        return lang if isinstance(lang, str) and lang in LANGS else None


class SessionFile:
    """Where one session is kept: chosen at its first save (a new file in the store) or given
    (a file the session was resumed from, or `--save FILE`); written after every change."""

    def __init__(self, store: SessionStore | None, path: Path | None = None) -> None:
        if store is None and path is None:
            raise ValueError("a session file needs a store or a path")
        self.store = store
        self.path = path

    def __call__(self, dialogue: Dialogue) -> None:
        if self.path is None:
            assert self.store is not None  # __init__ guarantees one of the two
            self.path = self.store.reserve(dialogue.group or dialogue.role)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        save_session(self.path, dialogue.rb, dialogue.answers, dialogue.lang, dialogue.group)


class SessionStore:
    """The sessions in the data folder, one file each; nothing in it is ever written over by a new one."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from assistant.places import data_dir  # platformdirs only when sessions are kept, not for `decide`
            folder = data_dir() / "sessions"
        self.folder = folder
        self.unreadable: list[Problem] = []
        """The saved sessions the last `recent` could not read: left as they are, not offered."""

    def new_file(self) -> SessionFile:
        return SessionFile(self)

    def reserve(self, who: str | None, when: datetime | None = None) -> Path:
        """A new, unused file for a session (made empty at once, so no other session takes the name)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = "_".join(part for part in ((when or datetime.now()).strftime("%Y-%m-%d_%H%M"), slug(who or "")) if part)
        for n in range(1, 10_000):
            path = self.folder / f"{stem}{'' if n == 1 else f'_{n}'}.yaml"
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                continue
            return path
        raise OSError(f"no free session name in {self.folder}")

    def recent(self, rb: RuleBase, limit: int = RECENT) -> list[SavedSession]:
        """The last sessions, newest first, that hold at least one answer this rule base knows.

        A file among them that cannot be read is left where it is, untouched, not offered, and
        its problem kept in `unreadable`, for the front end to say so.
        """
        from assistant.errors import InputError
        from assistant.loading import load_answers

        self.unreadable = []
        self._adopt_legacy()
        if not self.folder.is_dir():
            return []
        remove_stale_temporaries(self.folder)  # left by a save that was killed
        dated = []
        for path in self.folder.glob("*.yaml"):
            try:
                dated.append((-path.stat().st_mtime, path.name, path))
            except OSError:
                continue
        found: list[SavedSession] = []
        for _, _, path in sorted(dated):
            if len(found) == limit:
                break
            try:
                answers, meta, _ = load_answers(path, rb, strict=False)
            except InputError as err:
                self.unreadable.extend(err.problems[:1])
                continue
            except OSError as err:
                self.unreadable.append(_problem(path, err.strerror or str(err)))
                continue
            if answers:
                found.append(SavedSession(path, answers, meta))
        return found

    def _adopt_legacy(self) -> None:
        """Move the one autosave of earlier versions into the store, under a name of its own."""
        legacy = self.folder.parent / LEGACY_AUTOSAVE
        try:
            when = datetime.fromtimestamp(legacy.stat().st_mtime)
        except OSError:
            return
        try:
            target = self.reserve("", when)
            os.replace(legacy, target)
            os.utime(target, (when.timestamp(), when.timestamp()))
        except OSError:
            return


def _problem(path: Path, message: str) -> Problem:
    from assistant.errors import Problem

    return Problem(str(path), None, None, message)


@dataclass(frozen=True)
class Resumed:
    """A session picked up from a file: its answers, meta block, the answers left out (this rule
    base does not know them), and where it goes on being kept."""

    answers: Answers
    meta: Mapping[str, Any]
    left_out: list[Problem]
    keeper: SessionFile
    source: Path

    @property
    def moved(self) -> bool:
        """The answers go on in a new session file; the file they came from is left as it was."""
        return self.keeper.path != self.source


def resume(path: Path, rb: RuleBase, store: SessionStore) -> Resumed:
    """Pick up the session in `path`. It is written to from now on only when that keeps all it holds:
    a file samarbeid wrote, every answer known, writable. A file with the person's own comments or
    header, answers this rule base does not know, or no write access goes on in a new session file."""
    from assistant.loading import load_answers

    answers, meta, left_out = load_answers(path, rb, strict=False)
    keeps_all = not left_out and _written_by_us(path, answers, meta, rb) and os.access(path, os.W_OK)
    return Resumed(answers, meta, left_out, SessionFile(store, path if keeps_all else None), path)


def _written_by_us(path: Path, answers: Answers, meta: Mapping[str, Any], rb: RuleBase) -> bool:
    """Whether the file is exactly what saving these answers and meta block writes: then writing it
    again loses nothing (no comment, no header of the person's own)."""
    from assistant.errors import InputError
    from assistant.yamlsource import read_text

    try:
        text = read_text(path)  # a regular file only, as every reader
    except InputError:
        return False
    try:
        return _text(as_plain(answers, rb.questions), meta) == text
    except yaml.YAMLError:
        return False


def session_line(session: SavedSession, rb: RuleBase, lang: Lang) -> str:
    """A saved session as a person recognises it: who, the group, when, how many answers."""
    from assistant.texts import saved_when, say

    role = session.answers.get(rb.role_question, (None,))[0]
    option = next((o for o in rb.role_options if o.id == role), None)
    parts = [option.label(lang) if option else say("sessions.no_role", lang)]
    if session.group:
        parts.append(session.group)
    parts.append(saved_when(session.saved, lang))
    parts.append(say("sessions.answers", lang, n=len(session.answers)))
    return " · ".join(parts)
