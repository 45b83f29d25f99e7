"""The server's database schema as numbered migrations, the same for SQLite and PostgreSQL.

Each migration is a few SQL statements written once; the few words the two databases spell
differently (a float is REAL in SQLite, DOUBLE PRECISION in PostgreSQL, whose REAL keeps only six
digits: not enough for a time in seconds) are put in by `Dialect`. The database keeps the number of
the last migration applied in a table of one row, `schema_version`. A store opening a database
(assistant/store.py, assistant/pgstore.py) applies, inside one transaction, every migration after
that number, and refuses a database at a number this program does not know (made by a newer
samarbeid: running on it could undo what the newer one keeps) as `StoreFailed("newer_schema")`.

A database samarbeid made before the migrations has its tables and no `schema_version`: it is taken
on as it is, its missing pieces added (migration 1's statements make only what is not there), and
marked at version 1. A table of one of samarbeid's names that lacks samarbeid's columns is another
program's: `foreign_table` names it, and nothing is touched.

Only the standard library: this is the core.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

VERSION_TABLE = "schema_version"
"""The table of one row that holds the number of the last migration applied."""


@dataclass(frozen=True)
class Dialect:
    """The words one database spells its own way in the migrations' SQL."""

    name: str
    real: str
    """A floating-point number with at least 15 digits (times in seconds since 1970)."""


SQLITE = Dialect("sqlite", real="REAL")
POSTGRES = Dialect("postgres", real="DOUBLE PRECISION")


@dataclass(frozen=True)
class Migration:
    """One step of the schema: its number and its statements, with `{real}` where the dialects differ."""

    number: int
    what: str
    statements: tuple[str, ...]

    def sql(self, dialect: Dialect) -> list[str]:
        return [statement.format(real=dialect.real) for statement in self.statements]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "the sessions and the workshop rooms (issues 13 and 14)", (
        "CREATE TABLE IF NOT EXISTS sessions ("
        " id TEXT PRIMARY KEY, answers TEXT NOT NULL, lang TEXT NOT NULL, grp TEXT,"
        " csrf TEXT NOT NULL, state TEXT NOT NULL, created {real} NOT NULL, updated {real} NOT NULL, room TEXT)",
        "CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated)",
        "CREATE INDEX IF NOT EXISTS sessions_room ON sessions (room, updated)",
        "CREATE TABLE IF NOT EXISTS rooms ("
        " code TEXT PRIMARY KEY, token_hash TEXT NOT NULL, lang TEXT NOT NULL, show TEXT NOT NULL,"
        " created {real} NOT NULL, updated {real} NOT NULL, closed {real})",
        "CREATE INDEX IF NOT EXISTS rooms_updated ON rooms (updated)",
        "CREATE TABLE IF NOT EXISTS groups ("
        " room TEXT NOT NULL, name TEXT NOT NULL, session TEXT NOT NULL, joined {real} NOT NULL,"
        " PRIMARY KEY (room, name))",
        "CREATE TABLE IF NOT EXISTS rounds ("
        " room TEXT NOT NULL, number INTEGER NOT NULL, kase TEXT NOT NULL, relation TEXT NOT NULL,"
        " started {real} NOT NULL, revealed {real}, PRIMARY KEY (room, number))",
        "CREATE TABLE IF NOT EXISTS placements ("
        " room TEXT NOT NULL, number INTEGER NOT NULL, grp TEXT NOT NULL, form TEXT NOT NULL,"
        " placed {real} NOT NULL, PRIMARY KEY (room, number, grp))",
    )),
    Migration(2, "the tries each client has left, shared by every server process (issue 23)", (
        # under a keyed hash of the client's address (store.client_key), never the address
        "CREATE TABLE IF NOT EXISTS tries ("
        " client TEXT PRIMARY KEY, tokens {real} NOT NULL, at {real} NOT NULL, full_at {real} NOT NULL)",
        "CREATE INDEX IF NOT EXISTS tries_full_at ON tries (full_at)",
        # the database's own random keys (the one client_key hashes addresses under)
        "CREATE TABLE IF NOT EXISTS keyring (name TEXT PRIMARY KEY, secret TEXT NOT NULL)",
    )),
)
"""Every migration, in order; the last one's number is the schema this program writes. A new one is
added at the end and never changes one before it: databases out there have applied those."""

LATEST = MIGRATIONS[-1].number

COLUMNS: Mapping[str, frozenset[str]] = {
    "sessions": frozenset({"id", "answers", "lang", "grp", "csrf", "state", "created", "updated"}),  # `room` later
    "rooms": frozenset({"code", "token_hash", "lang", "show", "created", "updated", "closed"}),
    "groups": frozenset({"room", "name", "session", "joined"}),
    "rounds": frozenset({"room", "number", "kase", "relation", "started", "revealed"}),
    "placements": frozenset({"room", "number", "grp", "form", "placed"}),
    "tries": frozenset({"client", "tokens", "at", "full_at"}),
    "keyring": frozenset({"name", "secret"}),
}
"""The columns each of the store's tables has had from its first version: a table of the same name
without them is another program's, and is not touched."""


def foreign_table(found: Mapping[str, Iterable[str]]) -> str | None:
    """The first of samarbeid's table names that the database has without samarbeid's columns, or None.
    `found` maps each of the database's tables to its columns (a table not there may be left out)."""
    for table, needed in COLUMNS.items():
        columns = set(found.get(table, ()))
        if columns and not needed <= columns:
            return table
    return None


def pending(version: int) -> tuple[Migration, ...]:
    """The migrations a database at `version` still needs; raises `NewerSchema` for a version after LATEST."""
    if version > LATEST:
        raise NewerSchema(version)
    return tuple(m for m in MIGRATIONS if m.number > version)


class NewerSchema(Exception):
    """The database was migrated by a newer samarbeid than this one: `found` is its version."""

    def __init__(self, found: int) -> None:
        super().__init__(f"the database is at schema version {found}; this samarbeid knows versions up to {LATEST}")
        self.found = found


class Cursor(Protocol):
    def fetchone(self) -> Any: ...


class Connection(Protocol):
    """What the migrations need of a database connection: sqlite3's and the PostgreSQL store's both fit."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Cursor: ...


def migrate(db: Connection, dialect: Dialect, tables: Mapping[str, Iterable[str]]) -> int:
    """Bring the database to LATEST, inside the caller's transaction (which holds the database against
    another server opening it at the same moment); the version it was at. `tables` maps each of the
    database's tables to its columns, as read in that transaction. Raises `NewerSchema`; the caller has
    refused a foreign table (`foreign_table`) before."""
    version = 0
    if VERSION_TABLE in tables:
        row = db.execute(f"SELECT max(version) FROM {VERSION_TABLE}").fetchone()
        version = int(row[0] or 0)
    todo = pending(version)
    if "room" not in set(tables.get("sessions", ("room",))):
        # a database from before the rooms: the column joins its sessions (before migration 1's index on it)
        db.execute("ALTER TABLE sessions ADD COLUMN room TEXT")
    for migration in todo:
        for statement in migration.sql(dialect):
            db.execute(statement)
    if todo:
        db.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
        db.execute(f"DELETE FROM {VERSION_TABLE}")
        db.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES ({int(todo[-1].number)})")
    return version
