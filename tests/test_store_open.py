"""Opening the server's database (assistant/store.py, `SqliteStore`), in this process.

tests/web/test_store_robust.py starts the real server on a foreign or old database file and reads what a
person is told; mutation testing (`make mutation`) maps only what runs in its own process, and showed the
checks themselves unproved here: a table of another program's, a file from before the rooms taken on while
another server adds the same column, a file system that keeps no modes, SQLite refusing the file, what the
system says of a path it cannot look at, and a folder or file that can be read but not written. Each test
makes the file or the folder as a person's machine would have it and asserts what the front end shows: the
reason, the file named and what the system said, or that the database opens and nothing is lost.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from assistant.store import SqliteStore, StoreFailed

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes and errno are POSIX's")


def _tables(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: [row[1] for row in db.execute(f"PRAGMA table_info({name})")] for name in names}


@pytest.mark.parametrize("table", ["sessions", "rooms", "groups", "rounds", "placements"])
def test_a_table_another_program_made_is_named_and_the_file_left_as_it_was(tmp_path, table):
    path = tmp_path / "web.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, payload BLOB)")
        db.execute(f"INSERT INTO {table} (payload) VALUES (x'00ff')")
    before = _tables(path)
    with pytest.raises(StoreFailed) as failed:
        SqliteStore(path)
    assert (failed.value.reason, failed.value.path, failed.value.detail) == ("foreign", path, table)
    assert str(failed.value) == f"{path}: foreign ({table})"
    assert _tables(path) == before, "not one table of the other program's is added to or changed"


def test_a_file_from_before_the_rooms_opened_by_two_servers_at_once_takes_the_column_once(tmp_path):
    """Two servers started at once on a file from before the rooms: the migration is one transaction that
    holds the file, so one adds the column and marks the file migrated, the other waits and finds it done;
    both open, and the sessions are all there."""
    path = tmp_path / "web.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, answers TEXT NOT NULL, lang TEXT NOT NULL, grp TEXT,"
                   " csrf TEXT NOT NULL, state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL)")
        db.execute("INSERT INTO sessions VALUES (?, '{}', 'nb', NULL, 'token', '{}', ?, ?)",
                   ("A" * 43, time.time(), time.time()))
    db.close()
    start = threading.Barrier(2)
    opened: list[SqliteStore | BaseException] = []

    def open_one() -> None:
        start.wait()
        try:
            opened.append(SqliteStore(path))
        except BaseException as err:  # said below, with what it was
            opened.append(err)

    both = [threading.Thread(target=open_one) for _ in range(2)]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join()
    stores = [store for store in opened if isinstance(store, SqliteStore)]
    assert len(stores) == 2, opened
    try:
        for store in stores:
            kept = store.session("A" * 43)
            assert kept is not None and kept.csrf == "token" and kept.room is None
        assert stores[0].new_room("ABC234", "hash", "nb", "matrix") is not None
        assert stores[1].room("ABC234") is not None
    finally:
        for store in stores:
            store.close()
    assert _tables(path)["sessions"].count("room") == 1


def test_a_folder_whose_file_system_keeps_no_modes_still_takes_a_new_database(tmp_path, monkeypatch):
    """A USB stick in FAT, a mounted share: chmod fails there, and the server still starts."""

    def no_modes(path, mode, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    monkeypatch.setattr(os, "chmod", no_modes)
    store = SqliteStore(tmp_path / "web.sqlite3")
    try:
        session = store.new_session("nb")
        assert store.session(session.id) == session
    finally:
        store.close()


def test_what_sqlite_says_when_it_cannot_open_the_file_is_said_with_the_file(tmp_path, monkeypatch):
    path = tmp_path / "web.sqlite3"

    def refuses(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", refuses)
    with pytest.raises(StoreFailed) as failed:
        SqliteStore(path)
    assert (failed.value.reason, failed.value.path, failed.value.detail) == (
        "cannot_open", path, "unable to open database file")


def test_a_path_the_system_cannot_look_at_is_named_with_what_the_system_said(tmp_path):
    path = tmp_path / ("x" * 300)  # longer than a file name may be
    with pytest.raises(StoreFailed) as failed:
        SqliteStore(path)
    assert (failed.value.reason, failed.value.path, failed.value.detail) == (
        "not_a_file", path, os.strerror(errno.ENAMETOOLONG))


def test_a_folder_or_file_that_can_be_read_but_not_written_is_read_only(tmp_path, monkeypatch):
    """As a user sees it: the folder (or the file) can be read and entered, only not written. As root
    modes stop nothing, so os.access is made to answer as it would for a user."""
    database = tmp_path / "web.sqlite3"
    SqliteStore(database).close()
    access = os.access

    def read_only(place: Path):
        return lambda path, mode: not mode & os.W_OK if Path(path) == place else access(path, mode)

    monkeypatch.setattr(os, "access", read_only(tmp_path))
    with pytest.raises(StoreFailed) as failed:
        SqliteStore(database)
    assert (failed.value.reason, failed.value.path) == ("read_only", tmp_path)
    monkeypatch.setattr(os, "access", read_only(database))
    with pytest.raises(StoreFailed) as failed:
        SqliteStore(database)
    assert (failed.value.reason, failed.value.path) == ("read_only", database)
