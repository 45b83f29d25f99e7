"""The schema's versions (assistant/migrations.py) in both stores, and `samarbeid serve --database` as a
real process on PostgreSQL: it serves, keeps an answer there, and says plainly what it cannot use.

The PostgreSQL cluster is the tests' own (tests/pg.py); each test has a fresh schema in it."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from assistant.migrations import LATEST, MIGRATIONS, SQLITE, VERSION_TABLE
from assistant.store import SqliteStore, StoreFailed
from tests.conftest import ROOT, run_cli
from tests.web.conftest import csrf_of, options_of

OLD_SESSIONS = ("CREATE TABLE sessions (id TEXT PRIMARY KEY, answers TEXT NOT NULL, lang TEXT NOT NULL, grp TEXT,"
                " csrf TEXT NOT NULL, state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL{room})")


def _version(database) -> list[tuple]:
    return database.sql(f"SELECT version FROM {VERSION_TABLE}")


def test_a_fresh_database_reaches_the_latest_version_and_opening_again_changes_nothing(database):
    store = database.open()
    session = store.new_session("nb")
    assert _version(database) == [(LATEST,)], "one row, at the last migration"
    tables = {row[0] for row in database.sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'" if database.kind == "sqlite" else
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    assert tables == {"sessions", "rooms", "groups", "rounds", "placements", "tries", "keyring", VERSION_TABLE}
    store.close()
    again = database.open()  # applying the migrations twice: nothing to do, nothing lost
    assert _version(database) == [(LATEST,)]
    assert again.session(session.id) == session


def test_a_database_at_version_1_gains_version_2_and_keeps_its_rows(database):
    """The database of the samarbeid before the shared limits (version 1): the tries and the keyring join it."""
    store = database.open()
    session = store.new_session("nb")
    store.close()
    database.sql("DROP TABLE tries")
    database.sql("DROP TABLE keyring")
    database.sql(f"UPDATE {VERSION_TABLE} SET version = 1")
    again = database.open()
    assert _version(database) == [(2,)]
    assert again.session(session.id) == session
    assert again.spend("rooms", "192.0.2.1", 1, 60) and not again.spend("rooms", "192.0.2.1", 1, 60)


def test_a_database_a_newer_samarbeid_migrated_is_refused_naming_both_versions(database):
    database.open().close()
    database.sql(f"UPDATE {VERSION_TABLE} SET version = ?", (LATEST + 1,))
    with pytest.raises(StoreFailed) as refused:
        database.open()
    assert refused.value.reason == "newer_schema"
    assert refused.value.detail == f"schema version {LATEST + 1}; this samarbeid knows up to {LATEST}"
    assert _version(database) == [(LATEST + 1,)], "the newer one's database is left as it is"


@pytest.mark.parametrize("with_room", [True, False], ids=["with-rooms", "before-rooms"])
def test_a_sqlite_file_the_old_code_made_is_migrated_with_its_rows(tmp_path, with_room):
    """A web.sqlite3 from before the versions: no schema_version, and (older still) no sessions.room. Its
    sessions, rooms and groups are all there after, and it is at the latest version."""
    path = tmp_path / "web.sqlite3"
    now = time.time()
    with sqlite3.connect(path) as db:
        db.execute(OLD_SESSIONS.format(room=", room TEXT" if with_room else ""))
        db.execute("INSERT INTO sessions (id, answers, lang, grp, csrf, state, created, updated)"
                   " VALUES (?, '{\"role\":[\"trainer\"]}', 'nn', 'Nord', 'token', '{}', ?, ?)", ("A" * 43, now, now))
        if with_room:
            for statement in MIGRATIONS[0].sql(SQLITE):
                db.execute(statement)
            db.execute("INSERT INTO rooms VALUES ('ABC234', 'hash', 'nb', 'matrix', ?, ?, NULL)", (now, now))
            db.execute("INSERT INTO groups VALUES ('ABC234', 'Nord', ?, ?)", ("A" * 43, now))
            db.execute("UPDATE sessions SET room = 'ABC234'")
    db.close()
    store = SqliteStore(path)
    try:
        kept = store.session("A" * 43)
        assert kept is not None and (kept.answers, kept.lang, kept.group, kept.csrf) == (
            '{"role":["trainer"]}', "nn", "Nord", "token")
        if with_room:
            assert kept.room == "ABC234" and [g.name for g in store.groups("ABC234")] == ["Nord"]
        else:
            assert kept.room is None and store.new_room("ABC234", "hash", "nb", "matrix") is not None
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        assert db.execute(f"SELECT version FROM {VERSION_TABLE}").fetchall() == [(LATEST,)]
    db.close()


# ------------------------------------------------------------ `samarbeid serve --database` as a process
def _serve(env: dict[str, str], *args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0", *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    found = re.search(r"http://\S+?/", line)
    if not found:
        proc.kill()
        pytest.fail(f"no address printed: {line!r} {proc.stderr.read()}")
    return proc, found.group().rstrip("/")


@pytest.mark.xdist_group("serve-process")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_with_a_database_url_serves_and_keeps_the_answer_in_postgresql(pg_cluster, tmp_path, workers):
    """One server process, or two (each worker opens the database --database names, not a file of its own)."""
    httpx2 = pytest.importorskip("httpx2")
    import psycopg

    url = pg_cluster.new_schema()
    with_password = url.replace("samarbeid@", "samarbeid:very-secret@")  # trust: the password is not asked for
    proc, base = _serve({"SAMARBEID_DATA_DIR": str(tmp_path)}, "--database", with_password, "--workers", workers)
    try:
        with httpx2.Client(base_url=base, timeout=20) as client:
            token = csrf_of(client.get("/").text)
            where = client.post("/start", data={"csrf": token, "role": "trainer"}).headers["location"]
            option = options_of(client.get(where).text)[0]
            assert client.post(where, data={"csrf": token, "answer": option}).status_code == 303
            assert client.get("/internal/isready").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert "very-secret" not in out + err, "the password is never printed"
    assert "stoppet. Svarene er lagret i postgresql://samarbeid@/" in out
    with psycopg.connect(url) as db:
        [(answers,)] = db.execute("SELECT answers FROM sessions").fetchall()
    assert f'"{where[3:]}":["{option}"]' in answers and '"role":["trainer"]' in answers
    assert not (tmp_path / "web.sqlite3").exists(), "no SQLite file beside it"


def test_a_url_that_is_not_postgresql_is_refused_with_exit_2_and_without_its_password(monkeypatch, tmp_path):
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SAMARBEID_DATABASE_URL", raising=False)
    run = run_cli("serve", "--port", "0", "--database", "mysql://user:hunter2@db.example.org/x")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "--database" in run.stderr and "is not a PostgreSQL URL" in run.stderr and "postgresql://" in run.stderr
    assert "hunter2" not in run.stderr and "mysql://user@db.example.org/x" in run.stderr
    monkeypatch.setenv("SAMARBEID_DATABASE_URL", "sqlite:///tmp/x")
    run = run_cli("serve", "--port", "0")
    assert run.returncode == 2 and "SAMARBEID_DATABASE_URL" in run.stderr and "is not a PostgreSQL URL" in run.stderr


def test_a_database_that_cannot_be_reached_is_one_line_without_the_password(monkeypatch, tmp_path, pg_cluster):
    """A cluster that is not there (a socket folder with no server in it): exit 2, one line that names the
    URL without its password and says what to check; no traceback."""
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    nowhere = f"postgresql://samarbeid:hunter2@/postgres?host={tmp_path}&port=5432"
    run = run_cli("serve", "--port", "0", "--database", nowhere)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "hunter2" not in run.stderr, run.stderr
    assert f"postgresql://samarbeid@/postgres?host={tmp_path}" in lines[0] and "cannot be reached" in lines[0]


def test_serve_on_a_newer_database_says_so_in_one_line(monkeypatch, tmp_path, pg_cluster):
    url = pg_cluster.new_schema()
    from assistant.pgstore import PostgresStore

    PostgresStore(url).close()
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"UPDATE {VERSION_TABLE} SET version = %s", (LATEST + 5,))
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    run = run_cli("serve", "--port", "0", "--database", url)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert f"a newer samarbeid has changed this database (schema version {LATEST + 5}; this samarbeid knows up to " \
           f"{LATEST})" in run.stderr


def test_a_server_on_sqlite_never_loads_psycopg(tmp_path):
    """SQLite's users never import the PostgreSQL driver: the server built over a data folder has not loaded it."""
    code = ("import sys\nfrom pathlib import Path\nfrom assistant.web.serve import build\n"
            f"app, store = build(None, None, 'nb', Path({str(tmp_path / 'web.sqlite3')!r}))\n"
            "store.new_session('nb'); store.close()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg_binary', 'assistant')"
            " and ('psycopg' in m or m == 'assistant.pgstore')))")
    env = {k: v for k, v in os.environ.items() if k != "SAMARBEID_DATABASE_URL"}
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
