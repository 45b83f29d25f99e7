"""The server's sessions and rooms in PostgreSQL, for an organisation that runs samarbeid as a service.

`samarbeid serve --database postgresql://...` (or SAMARBEID_DATABASE_URL) chooses it; SQLite stays the
default, and a SQLite user never imports this module nor psycopg. `PostgresStore` is the same `Store` as
`SqliteStore`, with the same SQL (assistant/store.py's `SqlStore`) and the same schema and migrations
(assistant/migrations.py), and the same guarantees: every change is one transaction, kept before the call
returns; a transaction that reads a row it then changes holds it (`SELECT ... FOR UPDATE`), so two
requests of one session, two groups joining one room, two quiz rounds started at once wait for each
other, in this process or another; whatever PostgreSQL says went wrong comes out as `StoreFailed` with
one of its reasons ("cannot_open" for a server that cannot be reached or refuses the connection, "busy"
for a lock not had in `LOCK_WAIT` seconds, "full", "read_only", "failed" ...).

Connections: a few, opened as threads need them and kept for the next (at most `CONNECTIONS`; a thread
past that waits for one), each in autocommit, so a single statement is its own transaction and several
are one only inside `_transaction`. A connection PostgreSQL has dropped is let go, and the next call
opens another. The URL's password is never said: `path` is the URL without it.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import psycopg

from assistant.migrations import POSTGRES
from assistant.store import MAX_AGE, MAX_SESSIONS, SqlStore, StoreFailed, url_without_password

log = logging.getLogger("samarbeid")

CONNECTIONS = 8
"""Connections to PostgreSQL one server process keeps at most: its threads' store calls are short, so a few
serve many; a thread past them waits (up to `LOCK_WAIT`)."""
LOCK_WAIT = 5.0
"""Seconds a statement waits for a row another transaction holds (and a thread for a free connection)
before the call fails as "busy": as SQLite's busy timeout."""
CONNECT_WAIT = 5
"""Seconds to reach the server before the store says it cannot ("cannot_open")."""
CHANNEL = "samarbeid_rooms"
"""The channel a change of a workshop room is NOTIFYed on, its payload the room's code: every server process
on the database LISTENs, and rings its own live pages of that room (`watch`)."""
RECONNECT_WAIT = 1.0
"""Seconds before the listening connection is opened again after PostgreSQL dropped it (a restart, a
failover): meanwhile the live pages see changes by their own look at the room every second."""
MIGRATION_LOCK = 0x5A3B_A1D0
"""The key of the advisory lock held while the schema is looked at and migrated, so two servers starting
at once on one database migrate it once, one after the other."""

_REASONS = {"53100": "full", "25006": "read_only", "42501": "read_only", "55P03": "busy", "40P01": "busy",
            "40001": "busy", "57014": "busy", "53300": "busy", "XX001": "damaged", "XX002": "damaged",
            "3D000": "cannot_open", "57P03": "cannot_open"}
"""PostgreSQL's SQLSTATE -> the reason said: a full disk, a read-only server or a user without the right to
write, a lock not had in time (or a deadlock, a serialisation failure, a statement cancelled), too many
connections, damaged data, a database that is not there, a server starting up."""
_CLASSES = {"08": "cannot_open", "28": "cannot_open", "57": "cannot_open", "53": "busy"}
"""The same by SQLSTATE's class: a connection failure, a login refused, the server shutting down, out of
resources."""


def failure_reason(err: psycopg.Error) -> str:
    """What went wrong, as one of `StoreFailed`'s reasons."""
    state = err.sqlstate or ""
    if state in _REASONS:
        return _REASONS[state]
    if state[:2] in _CLASSES:
        return _CLASSES[state[:2]]
    if not state and isinstance(err, psycopg.OperationalError):  # no answer at all: refused, unreachable, gone
        return "cannot_open"
    return "failed"


def _passwords(url: str) -> set[str]:
    """The URL's password as written, as libpq reads it (after the user's name up to the first @, or as
    `password=`): its message quotes it so where it cannot read it (a % not followed by two hex digits, as in
    "50%off"). It never quotes a password it could read; the server never does."""
    found = set(re.findall(r"(?i)[?&]password=([^&#]*)", url))
    userinfo = re.match(r"[^:]*://([^@/]*)@", url)  # as libpq looks for it: an @ before any /
    if userinfo:
        found.add(userinfo[1].partition(":")[2])
    return found - {""}


@lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
    """The shared SQL's `?` placeholders as psycopg's `%s` (the statements hold no other `?` or `%`)."""
    return sql.replace("?", "%s")


class _Connection:
    """A psycopg connection that takes the shared SQL as written, with `?` placeholders."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.raw = connection

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        return self.raw.execute(_placeholders(sql), params or None)


class PostgresStore(SqlStore):
    """Sessions and rooms in a PostgreSQL database, safe to use from many threads and processes.

    Opening connects (a server that cannot be reached is "cannot_open" at once, not at the first request),
    and brings the schema of the URL's database (in its user's current schema) to this program's, or
    refuses one a newer samarbeid has migrated, as `SqliteStore` does."""

    _FOR_UPDATE = " FOR UPDATE"
    path: str

    def __init__(self, url: str, *, max_age: float = MAX_AGE, max_sessions: int = MAX_SESSIONS,
                 connections: int = CONNECTIONS) -> None:
        self._url = url
        self.path = url_without_password(url)
        self.max_age = max_age
        self.max_sessions = max(1, max_sessions)
        self._swept = 0.0
        self._most = max(1, connections)
        self._idle: list[psycopg.Connection[Any]] = []
        self._opened = 0
        self._free = threading.Condition()
        self._closed = False
        self._backends: set[int] = set()
        """The server processes (PostgreSQL's) of this store's connections: what they NOTIFY, this process
        has rung already (`watch` leaves it out)."""
        try:
            with self._transaction() as db:
                db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
                tables: dict[str, set[str]] = {}
                for table, column in db.execute("SELECT table_name, column_name FROM information_schema.columns"
                                                " WHERE table_schema = current_schema()"):
                    tables.setdefault(table, set()).add(column)
                self._migrate(db, POSTGRES, tables)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ connections
    def _connect(self) -> psycopg.Connection[Any]:
        try:
            connection = psycopg.connect(self._url, autocommit=True, connect_timeout=CONNECT_WAIT,
                                         application_name="samarbeid")
            connection.execute(f"SET lock_timeout = {int(LOCK_WAIT * 1000)}")
        except psycopg.Error as err:
            raise self._failed(err) from None
        self._backends.add(connection.info.backend_pid)
        return connection

    def _take(self) -> psycopg.Connection[Any]:
        """An idle connection, a new one while there are fewer than the most, or the first one given back."""
        with self._free:
            some = self._free.wait_for(lambda: bool(self._idle) or self._opened < self._most or self._closed,
                                       LOCK_WAIT)
            if self._closed:
                raise StoreFailed("failed", self.path, "the store is closed")
            if not some:
                raise StoreFailed("busy", self.path, f"no free connection in {LOCK_WAIT:g} s")
            if self._idle:
                return self._idle.pop()
            self._opened += 1
        try:
            return self._connect()
        except BaseException:
            with self._free:
                self._opened -= 1
                self._free.notify()
            raise

    def _give_back(self, connection: psycopg.Connection[Any]) -> None:
        with self._free:
            if self._closed or connection.closed or connection.broken:
                self._opened -= 1
                with contextlib.suppress(psycopg.Error):  # a closed one no longer says (its pid stays: harmless)
                    self._backends.discard(connection.info.backend_pid)
                with contextlib.suppress(psycopg.Error):
                    connection.close()
            else:
                self._idle.append(connection)
            self._free.notify()

    def _failed(self, err: psycopg.Error) -> StoreFailed:
        detail = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        for password in _passwords(self._url):  # never said, even where a message quotes what it was given
            detail = detail.replace(password, "***")
        return StoreFailed(failure_reason(err), self.path, detail)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[_Connection]:
        """A connection for one statement (or a few, each its own transaction); what PostgreSQL raises
        comes out as `StoreFailed`."""
        connection = self._take()
        try:
            yield _Connection(connection)
        except psycopg.Error as err:
            raise self._failed(err) from None
        finally:
            self._give_back(connection)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[_Connection]:
        """Several statements, whole or not at all: committed when the block ends, rolled back if it raises."""
        with self._locked() as db, db.raw.transaction():
            yield db

    # ------------------------------------------------------------ the live room across processes
    def _changed(self, db: Any, code: str) -> None:
        db.execute("SELECT pg_notify(?, ?)", (CHANNEL, code))  # sent when the transaction commits, not before

    def watch(self, ring: Callable[[str], None]) -> Callable[[], None]:
        """A thread with a connection of its own LISTENs on `CHANNEL` and rings each room it is told of."""
        stop = threading.Event()

        def run() -> None:
            while not stop.is_set():
                try:
                    with psycopg.connect(self._url, autocommit=True, connect_timeout=CONNECT_WAIT,
                                         application_name="samarbeid-rooms") as connection:
                        connection.execute(f"LISTEN {CHANNEL}")
                        while not stop.is_set():
                            for note in connection.notifies(timeout=0.5):
                                if note.pid not in self._backends:  # this process's own pages were rung
                                    ring(note.payload)
                except psycopg.Error as err:
                    log.warning("not told of other processes' room changes for now: %s", self._failed(err))
                    stop.wait(RECONNECT_WAIT)

        threading.Thread(target=run, name="samarbeid-room-listen", daemon=True).start()
        return stop.set

    def close(self) -> None:
        with self._free:
            self._closed = True
            idle, self._idle = self._idle, []
            self._opened -= len(idle)
            self._free.notify_all()
        for connection in idle:
            with contextlib.suppress(psycopg.Error):
                connection.close()

