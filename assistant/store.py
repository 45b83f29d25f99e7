"""The server's sessions: one row per browser, behind a small interface, in SQLite by default.

`samarbeid serve` keeps no session in memory: every request reads the browser's
row, and every answer is written back at once, so stopping or killing the server
loses nothing and several server processes can share one database file. The
interface (`Store`) is small on purpose: a shared database can stand in for
`SqliteStore` on a deployment over several machines without touching the front
end, and the workshop rooms (issue 14) join it as a table of their own.

A row holds the answers as JSON (`{"question": ["option", ...]}`), the language,
the group's name, the session's CSRF token, a little state of the front end's
own (JSON), and when it was made and last changed. Ids and tokens come from
`secrets`; an id the store did not make is never taken on: the caller gets None
and begins a fresh session under a new id. Rows not changed for `max_age`
seconds are removed.

Only the standard library: this is the core, and imports no web framework.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assistant.answers import Answers
    from assistant.models.questions import QuestionSet

MAX_AGE = 30 * 24 * 3600.0
"""Seconds a session is kept after its last change (30 days): long enough to come back to an
interview a few weeks later, short enough that a shared machine does not keep answers for ever."""
SWEEP_EVERY = 3600.0
"""How often (seconds) the store looks for sessions to remove while it runs."""
FILE_NAME = "web.sqlite3"
"""The database's name in the data folder."""

_ID = re.compile(r"[A-Za-z0-9_-]{43}")
"""What `secrets.token_urlsafe(32)` makes: 43 URL-safe characters. Anything else is not looked up."""


@dataclass(frozen=True)
class StoredSession:
    """One browser's session as the store keeps it."""

    id: str
    answers: str
    """The answers as JSON: question id -> list of option ids."""
    lang: str
    group: str | None
    csrf: str
    """The token every form of this session carries; a POST without it is refused."""
    state: str
    """The front end's own notes as JSON (for example the questions seen in review)."""
    created: float
    updated: float


class Store(Protocol):
    """What the web front end needs of a session store."""

    def new_session(self, lang: str) -> StoredSession:
        """A new, empty session under a new random id and token; kept at once."""
        ...

    def session(self, session_id: str) -> StoredSession | None:
        """The session with this id, or None (unknown, malformed, or removed as too old)."""
        ...

    def save(self, session: StoredSession) -> StoredSession:
        """Keep the session as given (its `updated` set to now); returns what was kept."""
        ...

    def remove_old(self, max_age: float | None = None) -> int:
        """Remove the sessions not changed for `max_age` seconds (the store's own by default)."""
        ...

    def close(self) -> None: ...


class SqliteStore:
    """Sessions in one SQLite file (WAL mode), safe to use from many threads and processes.

    One connection, used under a lock: each call is one short statement, so threads wait
    microseconds, and WAL lets another process (a second server on the same file) read
    while this one writes.
    """

    def __init__(self, path: Path | None = None, *, max_age: float = MAX_AGE) -> None:
        if path is None:
            from assistant.places import data_dir

            path = data_dir() / FILE_NAME
        self.path = path
        self.max_age = max_age
        path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not path.exists()
        self._lock = threading.Lock()
        # autocommit: every statement is its own transaction, so a write is whole or not at all
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5.0)
        if is_new:
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)  # people's answers: for the user who runs the server only
        with self._locked() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: a crash of the process loses nothing
            db.execute(
                "CREATE TABLE IF NOT EXISTS sessions ("
                " id TEXT PRIMARY KEY, answers TEXT NOT NULL, lang TEXT NOT NULL, grp TEXT,"
                " csrf TEXT NOT NULL, state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated)")
        self._swept = 0.0

    @contextlib.contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    def new_session(self, lang: str) -> StoredSession:
        now = time.time()
        self._sweep_now_and_then(now)
        session = StoredSession(secrets.token_urlsafe(32), "{}", lang, None, secrets.token_urlsafe(32), "{}", now, now)
        with self._locked() as db:
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _row(session))
        return session

    def session(self, session_id: str) -> StoredSession | None:
        if not _ID.fullmatch(session_id):
            return None
        with self._locked() as db:
            row = db.execute("SELECT id, answers, lang, grp, csrf, state, created, updated FROM sessions"
                             " WHERE id = ? AND updated >= ?", (session_id, time.time() - self.max_age)).fetchone()
        return StoredSession(*row) if row else None

    def save(self, session: StoredSession) -> StoredSession:
        kept = replace(session, updated=time.time())
        with self._locked() as db:
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                       " answers = excluded.answers, lang = excluded.lang, grp = excluded.grp,"
                       " state = excluded.state, updated = excluded.updated", _row(kept))
        return kept

    def remove_old(self, max_age: float | None = None) -> int:
        cutoff = time.time() - (self.max_age if max_age is None else max_age)
        with self._locked() as db:
            return db.execute("DELETE FROM sessions WHERE updated < ?", (cutoff,)).rowcount

    def count(self) -> int:
        """How many sessions are kept (for tests and the bench)."""
        with self._locked() as db:
            return int(db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def close(self) -> None:
        with self._locked() as db:
            db.close()

    def _sweep_now_and_then(self, now: float) -> None:
        if now - self._swept >= SWEEP_EVERY:
            self._swept = now
            self.remove_old()


def _row(s: StoredSession) -> tuple[str, str, str, str | None, str, str, float, float]:
    return (s.id, s.answers, s.lang, s.group, s.csrf, s.state, s.created, s.updated)


# ------------------------------------------------------------ the answers as the store keeps them
def answers_json(answers: Mapping[str, tuple[str, ...]]) -> str:
    return json.dumps({qid: list(chosen) for qid, chosen in answers.items()}, ensure_ascii=False,
                      separators=(",", ":"))


def answers_from_json(text: str, questions: QuestionSet | KnownOptions) -> Answers:
    """The answers a row holds, as far as this question set knows them.

    A row written under another rule base (the server restarted with a changed one) may hold
    a question or an option that is gone: that answer is left out, the others are kept.
    `questions` may be the question set's `known_options`, made once (every request reads a row).
    """
    from assistant.ids import DONT_KNOW

    known = questions if isinstance(questions, dict) else known_options(questions)
    try:
        raw = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    answers: Answers = {}
    for qid, chosen in raw.items():
        found = known.get(qid)
        if found is None or not isinstance(chosen, list) or not chosen:
            continue
        multi, options = found
        if not all(isinstance(o, str) and o in options for o in chosen):
            continue
        if (not multi and len(chosen) > 1) or (DONT_KNOW in chosen and len(chosen) > 1):
            continue
        answers[qid] = tuple(chosen)
    return answers


KnownOptions = dict[str, tuple[bool, frozenset[str]]]
"""Question id -> (takes several answers, the option ids it allows, "don't know" included)."""


def known_options(questions: QuestionSet) -> KnownOptions:
    return {q.id: (q.kind == "multi", frozenset(q.option_ids)) for q in questions.questions}
