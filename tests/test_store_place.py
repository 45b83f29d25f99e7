"""Where the server keeps its sessions, looked at before SQLite opens anything (assistant/store.py).

tests/web/test_store_robust.py starts the real server on each broken place and reads what a person is
told; these tests do the same checks in this process, one reason each, so that `make mutation` (which
maps only what runs in its own process) sees them too. Each asserts what a front end shows: the reason,
the file or folder named, and what the system said.
"""

from __future__ import annotations

import errno
import os
import socket
import sqlite3
from pathlib import Path

import pytest

from assistant.store import SqliteStore, StoreFailed, failure_reason

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and modes are POSIX's")


def _refused(path: Path) -> StoreFailed:
    with pytest.raises(StoreFailed) as failed:
        SqliteStore(path)
    return failed.value


def test_a_new_database_is_made_in_folders_made_for_it(tmp_path):
    path = tmp_path / "a" / "b" / "web.sqlite3"
    store = SqliteStore(path)
    assert path.is_file() and store.path == path
    store.close()
    again = SqliteStore(path)  # the same file opened again: nothing refused, nothing lost
    again.close()


def test_the_default_place_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path / "data"))
    store = SqliteStore()
    assert store.path.parent == tmp_path / "data" and store.path.is_file()
    store.close()


def test_a_data_folder_that_is_a_file_is_named(tmp_path):
    (tmp_path / "data").write_text("a file where the folder should be\n")
    failed = _refused(tmp_path / "data" / "web.sqlite3")
    assert (failed.reason, failed.path, failed.detail) == ("folder_is_file", tmp_path / "data", "")
    assert str(failed) == f"{tmp_path / 'data'}: folder_is_file"


def test_a_data_folder_that_cannot_be_made_says_what_the_system_said(tmp_path, monkeypatch):
    def refused(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refused)
    failed = _refused(tmp_path / "new" / "web.sqlite3")
    assert (failed.reason, failed.path, failed.detail) == ("cannot_make_folder", tmp_path / "new", "Permission denied")
    assert str(failed) == f"{tmp_path / 'new'}: cannot_make_folder (Permission denied)"


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_a_folder_fifo_or_socket_where_a_database_file_should_be_is_named_by_its_kind(tmp_path, suffix):
    database = tmp_path / "web.sqlite3"
    spot = tmp_path / f"web.sqlite3{suffix}"
    spot.mkdir()
    failed = _refused(database)
    assert (failed.reason, failed.path, failed.detail) == ("not_a_file", spot, "a folder")
    spot.rmdir()
    os.mkfifo(spot)
    failed = _refused(database)
    assert (failed.reason, failed.path, failed.detail) == ("not_a_file", spot, "a FIFO")
    spot.unlink()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(spot))
        failed = _refused(database)
    assert (failed.reason, failed.path, failed.detail) == ("not_a_file", spot, "a socket")


def test_a_link_that_loops_is_named_as_one(tmp_path):
    database = tmp_path / "web.sqlite3"
    database.symlink_to(database)
    failed = _refused(database)
    assert (failed.reason, failed.path, failed.detail) == ("not_a_file", database, "a symbolic link that loops")


def test_a_folder_or_file_that_cannot_be_written_is_read_only(tmp_path, monkeypatch):
    """As root, modes do not stop a write: os.access is made to say no, as it does for a user."""
    database = tmp_path / "web.sqlite3"
    SqliteStore(database).close()
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == tmp_path else access(path, mode))
    failed = _refused(database)
    assert (failed.reason, failed.path, failed.detail) == ("read_only", tmp_path, "the folder cannot be written in")
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == database else access(path, mode))
    failed = _refused(database)
    assert (failed.reason, failed.path, failed.detail) == ("read_only", database, "the file cannot be written")
    # a database still to be made needs only the folder
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path).name == "new.sqlite3" else access(
        path, mode))
    SqliteStore(tmp_path / "new.sqlite3").close()


def test_what_sqlite_says_becomes_a_reason_by_its_code_or_else_its_words():
    def error(message: str, code: int | None = None) -> sqlite3.Error:
        err = sqlite3.OperationalError(message)
        if code is not None:
            err.sqlite_errorcode = code  # type: ignore[attr-defined]
        return err

    assert failure_reason(error("x", 13)) == "full"
    assert failure_reason(error("x", 5)) == "busy"
    assert failure_reason(error("x", 8 | (1 << 8))) == "read_only"  # an extended code: its primary part counts
    assert failure_reason(error("x", 26)) == "damaged"
    assert failure_reason(error("database or disk is full", 1)) == "full"  # a code not listed: the words
    assert failure_reason(error("attempt to write a readonly database")) == "read_only"
    assert failure_reason(error("Database Is Locked")) == "busy"
    assert failure_reason(error("file is not a database")) == "damaged"
    assert failure_reason(error("something else")) == "failed"


def test_a_data_folder_replaced_by_a_file_just_after_it_was_made_is_named(tmp_path, monkeypatch):
    """Another program puts a file where the folder is, between making the folder and using it."""
    folder = tmp_path / "data"
    folder.write_text("a file where the folder should be\n")
    monkeypatch.setattr(Path, "mkdir", lambda self, *args, **kwargs: None)  # made, and replaced at once
    failed = _refused(folder / "web.sqlite3")
    assert (failed.reason, failed.path, failed.detail) == ("folder_is_file", folder, "")
