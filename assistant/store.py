"""The server's sessions: one row per browser, behind a small interface, in SQLite by default.

(PostgreSQL, for a server of an organisation, is assistant/pgstore.py's `PostgresStore`: the same
interface and the same SQL, `SqlStore` below; the schema of both is assistant/migrations.py's.)

`samarbeid serve` keeps no session in memory: every request reads the browser's
row, and every answer is written at once, so stopping or killing the server
loses nothing and several server processes can share one database file. The
interface (`Store`) is small on purpose: a shared database (PostgreSQL) stands
in for `SqliteStore` on a deployment over several machines without touching the
front end.

A session is changed in one way only: `change(id, how)`, which reads the row,
lets `how` make the new one and writes it, in one transaction (here `BEGIN
IMMEDIATE` ... `COMMIT`; in PostgreSQL `SELECT ... FOR UPDATE`, `UPDATE`,
`COMMIT`). So two requests of one session at once (two tabs, a double click)
never undo each other's answer: the second reads what the first wrote (issue 19,
F3). A session is made only when a person does something that needs one (a POST);
the store keeps at most `max_sessions`, the least recently changed going first
when there are more (F5). Whatever SQLite says went wrong (a full disk, a
read-only or damaged file, another program holding it) comes out as
`StoreFailed` with a reason the front end can say in plain words (F9, F29).

A row holds the answers as JSON (`{"question": ["option", ...]}`), the language,
the group's name, the session's CSRF token, a little state of the front end's
own (JSON), the workshop room it belongs to (if any), and when it was made and
last changed. Ids and tokens come from `secrets`; an id the store did not make
is never taken on: the caller gets None and begins a fresh session under a new
id. Rows not changed for `max_age` seconds are removed.

The workshop rooms (issue 14) live in the same file, in tables of their own:
`rooms` (the join code, a hash of the trainer's token, the language, what the
projector shows, when it was closed), `groups` (a room's groups by name, each
with the session its device answers in), `rounds` (the case quiz's rounds: the
relation asked about, when it was revealed) and `placements` (where each group
placed a round's relation). What a room may do (who may join, how many, what a
quiz round scores) is decided by assistant/workshop; the store keeps it, whole
or not at all, so a restart of the server loses nothing.

Only the standard library: this is the core, and imports no web framework.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.migrations import LATEST, SQLITE, Dialect, NewerSchema, foreign_table, migrate

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
MAX_SESSIONS = 100_000
"""Sessions kept at most (some 25 MB of database): a workshop season of rooms and people many times
over, and a bound on what a flood of new sessions can take of the disk. When a new one would pass it,
the sessions changed least recently go first."""

DATABASE_ENV = "SAMARBEID_DATABASE_URL"
"""A PostgreSQL database's URL (postgresql://USER:PASSWORD@HOST:PORT/DATABASE) for the server's sessions and
rooms instead of the SQLite file; `samarbeid serve --database URL` says the same."""
DATABASE_SCHEMES = ("postgresql://", "postgres://")
"""The URLs taken for a database: PostgreSQL's own two spellings."""


def is_database_url(url: str) -> bool:
    """Whether `url` names a database this program can keep its sessions in (a PostgreSQL URL)."""
    return url.strip().lower().startswith(DATABASE_SCHEMES)


def url_without_password(url: str) -> str:
    """The URL as it may be said or logged: a password (after the user's name, or as `password=` among the
    parameters) left out, the rest as given."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        return "(a database URL that cannot be read)"
    end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    userinfo, at, host = authority.rpartition("@")
    if at:
        authority = userinfo.split(":", 1)[0] + "@" + host
    return scheme + sep + authority + _PASSWORD_PARAMETER.sub(r"\1***", tail)


_PASSWORD_PARAMETER = re.compile(r"(?i)([?&]password=)[^&#]*")


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
    room: str | None = None
    """The workshop room the session answers in, as a group (its join code); set by `join`, cleared
    when the trainer removes the group, never by `save`."""


@dataclass(frozen=True)
class StoredRoom:
    """A workshop room as the store keeps it."""

    code: str
    """The join code groups type in (and the room's id)."""
    token_hash: str
    """The SHA-256 of the trainer's token, in hex: the token itself is never kept."""
    lang: str
    """The language groups begin in."""
    show: str
    """What the projector shows: the matrix, the comparison or the quiz (the front end's word for it)."""
    created: float
    updated: float
    """Changed on every change to the room, its groups or its quiz (not on a group's answers)."""
    closed: float | None = None
    """When the trainer closed it: no group joins a closed room, and no quiz round is played."""


@dataclass(frozen=True)
class RoomGroup:
    """A group in a room: its name, the session its device answers in, and when it joined."""

    name: str
    session: StoredSession
    joined: float


@dataclass(frozen=True)
class QuizRound:
    """One round of the case quiz: the relation the groups place, and whether it is revealed."""

    number: int
    """1, 2, 3, ... in the order the trainer asked them."""
    case: str
    relation: str
    started: float
    revealed: float | None = None
    placed: dict[str, str] = field(default_factory=dict)
    """Group name -> the form it placed the relation in."""


class StoreFailed(Exception):
    """The database could not be used, said as a reason the front ends put in plain words.

    `reason` is one of: "full" (the disk is full), "read_only" (the file or its folder cannot be
    written), "busy" (another program holds the database), "damaged" (not a database, or a damaged
    one), "foreign" (a table of the same name that samarbeid did not make; `detail` names it),
    "newer_schema" (a newer samarbeid has migrated the database; `detail` names both versions),
    "not_a_file" (a folder, a FIFO, a link that loops ... where the database should be),
    "folder_is_file" and "cannot_make_folder" (the data folder), "cannot_open", "failed" (anything
    else). `path` is the file or folder concerned (for PostgreSQL the database's URL without its
    password), `detail` what the system said.
    """

    def __init__(self, reason: str, path: Path | str, detail: str = "") -> None:
        super().__init__(f"{path}: {reason}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.path = path
        self.detail = detail


_SQLITE_REASONS = {3: "read_only", 5: "busy", 6: "busy", 8: "read_only", 11: "damaged", 13: "full",
                   14: "cannot_open", 26: "damaged"}
"""SQLite's primary result codes (SQLITE_PERM, _BUSY, _LOCKED, _READONLY, _CORRUPT, _FULL, _CANTOPEN,
_NOTADB) -> the reason said."""
_SQLITE_WORDS = (("disk is full", "full"), ("readonly", "read_only"), ("read-only", "read_only"),
                 ("locked", "busy"), ("malformed", "damaged"), ("not a database", "damaged"),
                 ("unable to open", "cannot_open"))
"""The same from the message, for an error that carries no code."""


def failure_reason(err: sqlite3.Error) -> str:
    """What went wrong, as one of `StoreFailed`'s reasons."""
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_REASONS:
        return _SQLITE_REASONS[code & 0xFF]
    text = str(err).lower()
    return next((reason for words, reason in _SQLITE_WORDS if words in text), "failed")


class RoomRefused(Exception):
    """`join` was refused: `reason` says why ("no_such_room", or what the caller's rules said)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Change = Callable[[StoredSession], "StoredSession | None"]
"""A change of a session: the session as stored now -> the session to keep (None: nothing to keep)."""

Admit = Callable[[StoredRoom | None, list[str]], str]
"""The rules for joining: the room (None when no room has the code) and the names taken in it -> the
name to join under; raises to refuse. Called by `join` with the room held, so two groups cannot take
one name or the last place at once."""


class Store(Protocol):
    """What the web front end needs of a session store."""

    def new_session(self, lang: str) -> StoredSession:
        """A new, empty session under a new random id and token; kept at once. When the store holds its
        most, the session changed least recently goes to make room."""
        ...

    def session(self, session_id: str) -> StoredSession | None:
        """The session with this id, or None (unknown, malformed, or removed as too old)."""
        ...

    def change(self, session_id: str, how: Change) -> StoredSession | None:
        """Change one session in one transaction: `how` gets the session as it is stored now and returns
        it changed (or None: nothing to change), and what it returns is kept before any other change of
        the session can read it. Its answers, language, group and state are kept, its `updated` set to
        now; its id, token, room and `created` stay as they are. Returns the session as kept (as it is,
        when `how` changed nothing), or None when there is no such session. `how` must not call the
        store; its exceptions pass, and then nothing is kept."""
        ...

    def remove_old(self, max_age: float | None = None) -> int:
        """Remove the sessions (and rooms) not changed for `max_age` seconds (the store's own by default)."""
        ...

    # ------------------------------------------------------------ workshop rooms
    def new_room(self, code: str, token_hash: str, lang: str, show: str) -> StoredRoom | None:
        """A new room under this code; None when the code is taken (the caller draws another)."""
        ...

    def room(self, code: str) -> StoredRoom | None:
        """The room with this code, or None."""
        ...

    def set_show(self, code: str, show: str) -> None:
        """What the projector shows now."""
        ...

    def close_room(self, code: str) -> None:
        """Close the room (once; closing again keeps the first time)."""
        ...

    def join(self, code: str, lang: str, admit: Admit) -> tuple[StoredSession, str]:
        """A new session for a group joining the room under the name `admit` gives; its exceptions pass."""
        ...

    def groups(self, code: str) -> list[RoomGroup]:
        """The room's groups in the order they joined, each with its session."""
        ...

    def remove_group(self, code: str, name: str) -> bool:
        """Take the group out of the room (its session stays, without the room); False if it was not there."""
        ...

    def new_round(self, code: str, case: str, relation: str) -> QuizRound | None:
        """The quiz's next round, about this relation; None when the room is closed or gone (looked at in
        the same transaction, so a round never starts in a room closed meanwhile)."""
        ...

    def rounds(self, code: str) -> list[QuizRound]:
        """The room's quiz rounds in order, each with its placements."""
        ...

    def place(self, code: str, number: int, group: str, form: str) -> bool:
        """Keep where the group placed the round's relation (again: the new place); False once revealed."""
        ...

    def reveal(self, code: str, number: int) -> None:
        """Reveal the round: no group can place it after this."""
        ...

    def room_stamp(self, code: str) -> tuple[float, float] | None:
        """Changes when anything the projector shows may have changed: the room's last change and its
        groups' last answer; None when there is no such room. One cheap query, for the live views."""
        ...

    def rooms_open(self) -> int:
        """How many workshop rooms are open (made and not closed): a figure for the operators' metrics."""
        ...

    # ------------------------------------------------------------ what every server process shares
    def spend(self, purpose: str, client: str, burst: float, every: float) -> bool:
        """Take one try from the client's bucket for `purpose` (a token bucket: `burst` tries at once, one
        more every `every` seconds); False when it is empty. The bucket is in the database, so every server
        process on it counts the same tries. The client's address is kept only as a keyed hash (`client_key`)
        and only until its bucket is full again."""
        ...

    def watch(self, ring: Callable[[str], None]) -> Callable[[], None]:
        """Call `ring(code)` (from another thread) when a workshop room changes through another server process
        on the same database, for as long as it runs; returns the call that stops watching."""
        ...

    @property
    def where(self) -> str:
        """Where the answers are kept, as said to whoever runs the server: the file, or the database's URL
        without its password."""
        ...

    def close(self) -> None: ...


_SESSION_COLUMNS = "id, answers, lang, grp, csrf, state, created, updated, room"
_ROOM_COLUMNS = "code, token_hash, lang, show, created, updated, closed"


class Connection(Protocol):
    """What the shared SQL needs of a connection: sqlite3's, and the PostgreSQL store's own (which takes
    the same `?` placeholders)."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...


class SqlStore:
    """What the SQLite and the PostgreSQL stores share: the SQL of every read and change, written once.

    A store of either kind gives `_locked` (a connection for one statement, whose errors come out as
    `StoreFailed`) and `_transaction` (a connection in one transaction, whole or not at all), and
    `_FOR_UPDATE`, what a SELECT adds to hold the rows it reads until the transaction ends: nothing in
    SQLite, whose `BEGIN IMMEDIATE` holds the whole file, ` FOR UPDATE` in PostgreSQL. Statements take `?`
    placeholders; the PostgreSQL store turns them into its own.
    """

    _FOR_UPDATE = ""
    path: Path | str
    """The database: its file, or for PostgreSQL its URL without the password."""
    max_age: float
    max_sessions: int
    _swept: float

    def _locked(self) -> contextlib.AbstractContextManager[Connection]:
        raise NotImplementedError

    def _transaction(self) -> contextlib.AbstractContextManager[Connection]:
        raise NotImplementedError

    @property
    def where(self) -> str:
        """Where the answers are kept, as said to whoever runs the server (never with a password)."""
        return str(self.path)

    def _changed(self, db: Connection, code: str) -> None:
        """The room changed, in this transaction: a store whose other processes can be told tells them here
        (PostgreSQL's NOTIFY, sent when the transaction commits). SQLite's are not told: they look."""

    def _migrate(self, db: Connection, dialect: Dialect, tables: Mapping[str, set[str]]) -> None:
        """The schema brought to this program's, in the caller's transaction (assistant/migrations.py)."""
        foreign = foreign_table(tables)
        if foreign is not None:
            raise StoreFailed("foreign", self.path, foreign)
        try:
            migrate(db, dialect, tables)
        except NewerSchema as newer:
            raise StoreFailed("newer_schema", self.path,
                              f"schema version {newer.found}; this samarbeid knows up to {LATEST}") from None

    # ------------------------------------------------------------ sessions
    def new_session(self, lang: str) -> StoredSession:
        now = time.time()
        self._sweep_now_and_then(now)
        session = _fresh(lang, now)
        with self._transaction() as db:
            self._room_for_one(db)
            db.execute(f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _row(session))
        return session

    def session(self, session_id: str) -> StoredSession | None:
        if not _ID.fullmatch(session_id):
            return None
        with self._locked() as db:
            return self._read(db, session_id)

    def change(self, session_id: str, how: Change) -> StoredSession | None:
        if not _ID.fullmatch(session_id):
            return None
        with self._transaction() as db:
            current = self._read(db, session_id, self._FOR_UPDATE)
            if current is None:
                return None
            wanted = how(current)
            if wanted is None:
                return current
            kept = replace(current, answers=wanted.answers, lang=wanted.lang, group=wanted.group,
                           state=wanted.state, updated=max(time.time(), current.updated))
            db.execute("UPDATE sessions SET answers = ?, lang = ?, grp = ?, state = ?, updated = ? WHERE id = ?",
                       (kept.answers, kept.lang, kept.group, kept.state, kept.updated, session_id))
            if kept.room:
                self._changed(db, kept.room)
        return kept

    def _read(self, db: Connection, session_id: str, hold: str = "") -> StoredSession | None:
        row = db.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ? AND updated >= ?{hold}",
                         (session_id, time.time() - self.max_age)).fetchone()
        return StoredSession(*row) if row else None

    def _room_for_one(self, db: Connection) -> None:
        """Make room for one more session when the store holds its most: the sessions changed least
        recently go, those in no workshop room before a room's groups (a group that goes leaves its room)."""
        excess = int(db.execute("SELECT count(*) FROM sessions").fetchone()[0]) - self.max_sessions + 1
        if excess <= 0:
            return
        going = [row[0] for row in db.execute(  # by the index on (room, updated): no sort of every row
            "SELECT id FROM sessions WHERE room IS NULL ORDER BY updated LIMIT ?", (excess,))]
        if len(going) < excess:
            going += [row[0] for row in db.execute(
                "SELECT id FROM sessions WHERE room IS NOT NULL ORDER BY updated LIMIT ?", (excess - len(going),))]
        for sid in going:
            for room, name in db.execute("SELECT room, name FROM groups WHERE session = ?", (sid,)).fetchall():
                db.execute("DELETE FROM placements WHERE room = ? AND grp = ?", (room, name))
                db.execute("DELETE FROM groups WHERE room = ? AND name = ?", (room, name))
            db.execute("DELETE FROM sessions WHERE id = ?", (sid,))

    def remove_old(self, max_age: float | None = None) -> int:
        cutoff = time.time() - (self.max_age if max_age is None else max_age)
        with self._transaction() as db:
            removed = int(db.execute("DELETE FROM sessions WHERE updated < ?", (cutoff,)).rowcount)
            old = "SELECT code FROM rooms WHERE updated < ?"
            for table in ("groups", "rounds", "placements"):
                db.execute(f"DELETE FROM {table} WHERE room IN ({old})", (cutoff,))
            db.execute("DELETE FROM rooms WHERE updated < ?", (cutoff,))
            db.execute("DELETE FROM tries WHERE full_at < ?", (time.time(),))  # full again: as if never seen
        return removed

    def count(self) -> int:
        """How many sessions are kept (for tests and the bench)."""
        with self._locked() as db:
            return int(db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def rooms_open(self) -> int:
        with self._locked() as db:
            return int(db.execute("SELECT count(*) FROM rooms WHERE closed IS NULL").fetchone()[0])

    # ------------------------------------------------------------ workshop rooms
    def new_room(self, code: str, token_hash: str, lang: str, show: str) -> StoredRoom | None:
        now = time.time()
        room = StoredRoom(code, token_hash, lang, show, now, now)
        with self._locked() as db:
            made = db.execute(f"INSERT INTO rooms ({_ROOM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
                              " ON CONFLICT (code) DO NOTHING", (code, token_hash, lang, show, now, now, None))
            if made.rowcount != 1:
                return None
            self._changed(db, code)
        return room

    def room(self, code: str) -> StoredRoom | None:
        with self._locked() as db:
            return self._room(db, code)

    def _room(self, db: Connection, code: str, hold: str = "") -> StoredRoom | None:
        row = db.execute(f"SELECT {_ROOM_COLUMNS} FROM rooms WHERE code = ?{hold}", (code,)).fetchone()
        return StoredRoom(*row) if row else None

    def set_show(self, code: str, show: str) -> None:
        with self._locked() as db:
            db.execute("UPDATE rooms SET show = ?, updated = ? WHERE code = ?", (show, time.time(), code))
            self._changed(db, code)

    def close_room(self, code: str) -> None:
        now = time.time()
        with self._locked() as db:
            db.execute("UPDATE rooms SET closed = coalesce(closed, ?), updated = ? WHERE code = ?", (now, now, code))
            self._changed(db, code)

    def join(self, code: str, lang: str, admit: Admit) -> tuple[StoredSession, str]:
        now = time.time()
        with self._transaction() as db:
            room = self._room(db, code, self._FOR_UPDATE)  # held: no other join of this room until this one ends
            taken = [row[0] for row in db.execute("SELECT name FROM groups WHERE room = ? ORDER BY joined", (code,))]
            name = admit(room, taken)
            if room is None:  # the rules let no one into a room that is not there; nor does the store
                raise RoomRefused("no_such_room")
            self._room_for_one(db)
            session = replace(_fresh(lang, now), group=name, room=code)
            db.execute(f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _row(session))
            db.execute("INSERT INTO groups (room, name, session, joined) VALUES (?, ?, ?, ?)",
                       (code, name, session.id, now))
            db.execute("UPDATE rooms SET updated = ? WHERE code = ?", (now, code))
            self._changed(db, code)
        return session, name

    def groups(self, code: str) -> list[RoomGroup]:
        with self._locked() as db:
            rows = db.execute(f"SELECT g.name, g.joined, {_PREFIXED} FROM groups g JOIN sessions s ON s.id = g.session"
                              " WHERE g.room = ? ORDER BY g.joined, g.name", (code,)).fetchall()
        return [RoomGroup(row[0], StoredSession(*row[2:]), row[1]) for row in rows]

    def remove_group(self, code: str, name: str) -> bool:
        with self._transaction() as db:
            found = db.execute(f"SELECT session FROM groups WHERE room = ? AND name = ?{self._FOR_UPDATE}",
                               (code, name)).fetchone()
            if found is None:
                return False
            db.execute("DELETE FROM groups WHERE room = ? AND name = ?", (code, name))
            db.execute("DELETE FROM placements WHERE room = ? AND grp = ?", (code, name))
            db.execute("UPDATE sessions SET room = NULL WHERE id = ?", (found[0],))
            db.execute("UPDATE rooms SET updated = ? WHERE code = ?", (time.time(), code))
            self._changed(db, code)
        return True

    def new_round(self, code: str, case: str, relation: str) -> QuizRound | None:
        now = time.time()
        with self._transaction() as db:
            room = self._room(db, code, self._FOR_UPDATE)  # held: two rounds started at once get two numbers
            if room is None or room.closed is not None:
                return None
            last = db.execute("SELECT max(number) FROM rounds WHERE room = ?", (code,)).fetchone()[0] or 0
            db.execute("INSERT INTO rounds (room, number, kase, relation, started, revealed) VALUES (?, ?, ?, ?, ?, ?)",
                       (code, last + 1, case, relation, now, None))
            db.execute("UPDATE rooms SET updated = ? WHERE code = ?", (now, code))
            self._changed(db, code)
        return QuizRound(last + 1, case, relation, now)

    def rounds(self, code: str) -> list[QuizRound]:
        with self._locked() as db:
            rounds = [QuizRound(*row) for row in db.execute(
                "SELECT number, kase, relation, started, revealed FROM rounds WHERE room = ? ORDER BY number", (code,))]
            placed = db.execute("SELECT number, grp, form FROM placements WHERE room = ? ORDER BY placed",
                                (code,)).fetchall()
        by_number = {r.number: r for r in rounds}
        for number, group, form in placed:
            if number in by_number:
                by_number[number].placed[group] = form
        return rounds

    def place(self, code: str, number: int, group: str, form: str) -> bool:
        now = time.time()
        with self._transaction() as db:
            found = db.execute(f"SELECT revealed FROM rounds WHERE room = ? AND number = ?{self._FOR_UPDATE}",
                               (code, number)).fetchone()  # held: not revealed until this placing is kept
            member = db.execute("SELECT 1 FROM groups WHERE room = ? AND name = ?", (code, group)).fetchone()
            if found is None or found[0] is not None or member is None:
                return False
            db.execute("INSERT INTO placements (room, number, grp, form, placed) VALUES (?, ?, ?, ?, ?)"
                       " ON CONFLICT (room, number, grp) DO UPDATE SET form = excluded.form, placed = excluded.placed",
                       (code, number, group, form, now))
            db.execute("UPDATE rooms SET updated = ? WHERE code = ?", (now, code))
            self._changed(db, code)
        return True

    def reveal(self, code: str, number: int) -> None:
        now = time.time()
        with self._transaction() as db:
            db.execute("UPDATE rounds SET revealed = coalesce(revealed, ?) WHERE room = ? AND number = ?",
                       (now, code, number))
            db.execute("UPDATE rooms SET updated = ? WHERE code = ?", (now, code))
            self._changed(db, code)

    def room_stamp(self, code: str) -> tuple[float, float] | None:
        with self._locked() as db:
            row = db.execute("SELECT updated, (SELECT coalesce(max(updated), 0) FROM sessions WHERE room = ?)"
                             " FROM rooms WHERE code = ?", (code, code)).fetchone()
        return (float(row[0]), float(row[1])) if row else None

    def _sweep_now_and_then(self, now: float) -> None:
        if now - self._swept >= SWEEP_EVERY:
            self._swept = now
            self.remove_old()

    # ------------------------------------------------------------ what every server process shares
    _tries_key: bytes | None = None

    def spend(self, purpose: str, client: str, burst: float, every: float) -> bool:
        now = time.time()
        key = client_key(self._keyring(), purpose, client)
        with self._transaction() as db:
            row = db.execute(f"SELECT tokens, at FROM tries WHERE client = ?{self._FOR_UPDATE}", (key,)).fetchone()
            allowed, tokens, full_at = take_try((float(row[0]), float(row[1])) if row else None, now, burst, every)
            db.execute("INSERT INTO tries (client, tokens, at, full_at) VALUES (?, ?, ?, ?) ON CONFLICT (client)"
                       " DO UPDATE SET tokens = excluded.tokens, at = excluded.at, full_at = excluded.full_at",
                       (key, tokens, now, full_at))
        return allowed

    def _keyring(self) -> bytes:
        """The database's key for `client_key`: made once, at random, by the first process that needs it."""
        if self._tries_key is None:
            find = "SELECT secret FROM keyring WHERE name = 'tries'"
            with self._locked() as db:
                row = db.execute(find).fetchone()
                if row is None:
                    db.execute("INSERT INTO keyring (name, secret) VALUES ('tries', ?) ON CONFLICT (name) DO NOTHING",
                               (secrets.token_hex(32),))
                    row = db.execute(find).fetchone()
            self._tries_key = bytes.fromhex(row[0])
        return self._tries_key


_PREFIXED = ", ".join(f"s.{c.strip()}" for c in _SESSION_COLUMNS.split(","))


class SqliteStore(SqlStore):
    """Sessions and rooms in one SQLite file (WAL mode), safe to use from many threads and processes.

    One connection, used under a lock: each call is one short statement, or a short transaction
    (`BEGIN IMMEDIATE`, which holds the file's write lock against other processes too), so threads
    wait microseconds, and WAL lets another process (a second server on the same file) read while
    this one writes.

    Opening looks before it touches anything: the data folder must be a folder it can make and write
    in, the database a regular file (never a FIFO, which could block for ever, a folder, or a link that
    loops), a database (not damaged), and its tables samarbeid's own, at a schema version this program
    knows. Anything else is `StoreFailed`, which `samarbeid serve` says in one line with the file and
    what to do.
    """

    path: Path

    def __init__(self, path: Path | None = None, *, max_age: float = MAX_AGE,
                 max_sessions: int = MAX_SESSIONS) -> None:
        if path is None:
            from assistant.places import data_dir

            path = data_dir() / FILE_NAME
        self.path = path
        self.max_age = max_age
        self.max_sessions = max(1, max_sessions)
        is_new = _usable_place(path)
        self._lock = threading.Lock()
        self._swept = 0.0
        self._own: dict[str, float] = {}
        """Room -> when this store last changed it (the room watch leaves those changes out)."""
        try:
            # autocommit: every statement is its own transaction, so a write is whole or not at all
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=OPEN_TIMEOUT)
        except sqlite3.Error as err:
            raise StoreFailed(failure_reason(err), path, str(err)) from None
        try:
            self._open(is_new)
        except BaseException:
            self._db.close()
            raise

    def _open(self, is_new: bool) -> None:
        if is_new:
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)  # people's answers: for the user who runs the server only
        with self._locked() as db:
            _into_wal(db)
            db.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: a crash of the process loses nothing
        with self._transaction() as db:  # a second server opening the file at once waits, then finds it done
            names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            tables = {name: {row[0] for row in db.execute("SELECT name FROM pragma_table_info(?)", (name,))}
                      for name in names}
            self._migrate(db, SQLITE, tables)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """The connection, for this thread alone; what SQLite raises comes out as `StoreFailed`."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as err:
                raise StoreFailed(failure_reason(err), self.path, str(err)) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Several statements, whole or not at all; other processes wait for the write lock."""
        with self._locked() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")  # a full disk may refuse even this: then nothing of it is kept
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise

    def _changed(self, db: Connection, code: str) -> None:
        self._own[code] = time.time()  # after the change's own times: the watch does not ring it again

    def watch(self, ring: Callable[[str], None]) -> Callable[[], None]:
        from assistant.roomwatch import watch_file

        return watch_file(self.path, ring, own=lambda code: self._own.get(code, 0.0))

    def close(self) -> None:
        with self._locked() as db:
            db.close()


OPEN_TIMEOUT = 5.0
"""Seconds a server waits for another that holds the database (as SQLite's own busy timeout)."""


def _into_wal(db: sqlite3.Connection) -> None:
    """The file into WAL mode. Another server opening a file from before WAL at the same moment holds it
    a little while: SQLite says "locked" at once there, without its busy timeout, so this waits as that would."""
    deadline = time.monotonic() + OPEN_TIMEOUT
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if failure_reason(err) != "busy" or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _usable_place(path: Path) -> bool:
    """Look at the data folder and the database before SQLite opens anything; True when the database is
    still to be made. Raises `StoreFailed` for a folder that is a file or cannot be made or written in,
    and for a database (or its -wal, -shm files) that is not a regular file: SQLite would wait for ever
    on a FIFO, and say no more than "disk I/O error" of the rest."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise StoreFailed("folder_is_file", folder) from None
    except OSError as err:
        raise StoreFailed("cannot_make_folder", folder, err.strerror or str(err)) from None
    if not folder.is_dir():
        raise StoreFailed("folder_is_file", folder)
    is_new = True
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = os.stat(name).st_mode
        except FileNotFoundError:
            continue
        except OSError as err:
            what = "a symbolic link that loops" if err.errno == errno.ELOOP else (err.strerror or str(err))
            raise StoreFailed("not_a_file", name, what) from None
        kind = next((words for test, words in _KINDS if test(mode)), None)
        if kind is not None or not stat.S_ISREG(mode):
            raise StoreFailed("not_a_file", name, kind or "not a regular file")
        if name == path:
            is_new = False
    if not os.access(folder, os.W_OK | os.X_OK):  # SQLite keeps its -wal and -shm files beside the database
        raise StoreFailed("read_only", folder, "the folder cannot be written in")
    if not is_new and not os.access(path, os.R_OK | os.W_OK):
        raise StoreFailed("read_only", path, "the file cannot be written")
    return is_new


def client_key(secret: bytes, purpose: str, client: str) -> str:
    """The name a client's bucket is kept under: an HMAC-SHA-256 of what for and its address, under the
    database's own random key, so the database never holds an address and none can be looked up in it."""
    return hmac.new(secret, f"{purpose}\0{client}".encode(), hashlib.sha256).hexdigest()[:32]


def take_try(kept: tuple[float, float] | None, now: float, burst: float, every: float) -> tuple[bool, float, float]:
    """One try from a token bucket kept as (tokens, when they were counted), None for a new one (full):
    (allowed, the tokens left, when the bucket is full again). A clock gone back a little (another
    machine's) gives no tokens."""
    tokens = float(burst) if kept is None else min(float(burst), kept[0] + max(0.0, now - kept[1]) / every)
    allowed = tokens >= 1.0
    if allowed:
        tokens -= 1.0
    return allowed, tokens, now + (burst - tokens) * every


def _fresh(lang: str, now: float) -> StoredSession:
    return StoredSession(secrets.token_urlsafe(32), "{}", lang, None, secrets.token_urlsafe(32), "{}", now, now)


def _row(s: StoredSession) -> tuple[str, str, str, str | None, str, str, float, float, str | None]:
    return (s.id, s.answers, s.lang, s.group, s.csrf, s.state, s.created, s.updated, s.room)


# ------------------------------------------------------------ the answers as the store keeps them
COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, made once: `dumps` with any option makes
an encoder for every call, and every answer writes its session's answers and state."""


def answers_json(answers: Mapping[str, tuple[str, ...]]) -> str:
    return COMPACT_JSON.encode({qid: list(chosen) for qid, chosen in answers.items()})


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
