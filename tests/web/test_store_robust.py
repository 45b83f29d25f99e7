"""The web store under hostile use (issue 19): answers posted at once from one session are all kept
(F3), a GET stores nothing and sessions are capped (F5), a full disk leaves the reading pages working
and says plainly what was not saved (F29), and `samarbeid serve` on a bad data folder says which file
and what to do (F9).

Every test looks at what a person or an operator sees: the HTTP status and the page's words, the
exit code and the message, and the rows the store keeps. The tests of the store's own behaviour run on
both stores, SQLite and PostgreSQL (the `database` fixture of tests/web/conftest.py); a full disk and a
bad data folder are SQLite's.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from itertools import product
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

from assistant.dialogue import Dialogue
from assistant.store import SqliteStore, answers_from_json
from assistant.web.app import create_app
from assistant.web.pages import COOKIE
from tests.conftest import ROOT
from tests.web.conftest import Browser

ROOM = "ABC234"


# ------------------------------------------------------------ a real server in this process
@contextlib.contextmanager
def live(app) -> Iterator[int]:
    """The app served by uvicorn on a free port of 127.0.0.1, in a thread of this process; its port."""
    import uvicorn

    from assistant.web.serve import bind

    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield int(sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


def four_independent_questions(rule_base, engine, answers) -> list[tuple[str, tuple[str, str]]]:
    """Four single-choice questions, each with two options, that stay asked whichever of the two each
    of them has: four "tabs" can answer them in any order and every answer is taken."""
    d = Dialogue(rule_base, engine, answers=answers)
    chosen: list[tuple[str, tuple[str, str]]] = []
    for qid in d.asked()[1:]:
        q = d.question(qid)
        options = [o for o in q.option_ids if o != "dont_know"]
        if q.kind != "single" or len(options) < 2:
            continue
        trial = [*chosen, (qid, (options[0], options[1]))]
        if all(set(ids) <= set(Dialogue(rule_base, engine, answers={**answers, **dict(zip(ids, picks, strict=True))})
                                .asked())
               for ids, picks in ((tuple(t[0] for t in trial), p)
                                  for p in product(*[[(o,) for o in t[1]] for t in trial]))):
            chosen = trial
        if len(chosen) == 4:
            return chosen
    raise AssertionError("the rule base has no four questions that stay asked together")


def post_held(port: int, path: str, cookie: str, body: bytes, ready: threading.Barrier,
              answer: list[tuple[int, str]]) -> None:
    """POST `body` to `path` as a browser on a slow network does: the headers first, the body a moment
    later (after every tab has sent its headers), so the server has begun all four requests at once."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("POST", path)
        conn.putheader("Cookie", f"{COOKIE}={cookie}")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        ready.wait(timeout=30)
        time.sleep(0.03)  # the server reads each request's headers and starts it before its body comes
        conn.send(body)
        response = conn.getresponse()
        response.read()
        answer.append((response.status, response.getheader("location") or ""))
    finally:
        conn.close()


def test_answers_posted_at_once_from_four_tabs_of_one_session_are_all_kept(rule_base, engine, database):
    """F3: four tabs of one session (one cookie) answer four questions at the same moment, 50 times;
    every answer acknowledged with 303 is the one in the store afterwards."""
    from urllib.parse import urlencode

    store = database.open()
    app = create_app(rule_base, engine, store)
    with TestClient(app, raise_server_exceptions=False) as client:
        person = Browser(client)
        person.answer_all(person.begin())
        person.get("/review")
        sid, token = client.cookies[COOKIE], person.token
    kept = answers_from_json(store.session(sid).answers, rule_base.questions)
    questions = four_independent_questions(rule_base, engine, dict(kept))
    lost: list[str] = []
    with live(app) as port:
        for round_ in range(50):
            ready = threading.Barrier(len(questions))
            answers: dict[str, list[tuple[int, str]]] = {qid: [] for qid, _ in questions}
            posted = {qid: options[round_ % 2 == 0] for qid, options in questions}  # a change every round
            tabs = [threading.Thread(target=post_held, args=(
                port, f"/q/{qid}", sid, urlencode({"csrf": token, "answer": posted[qid]}).encode(), ready,
                answers[qid])) for qid, _ in questions]
            for tab in tabs:
                tab.start()
            for tab in tabs:
                tab.join(timeout=60)
            stored = answers_from_json(store.session(sid).answers, rule_base.questions)
            for qid, got in answers.items():
                assert got and got[0][0] == 303 and "error" not in got[0][1], (qid, got)
                if stored.get(qid) != (posted[qid],):
                    lost.append(f"round {round_}: {qid}={posted[qid]} acknowledged, {stored.get(qid)} stored")
    store.close()
    assert lost == [], f"{len(lost)} of {50 * len(questions)} acknowledged answers lost: {lost[:5]}"


def test_a_change_of_a_session_is_one_transaction_across_threads(database):
    """F3 in the store: many threads change one session at once, each adding its own key; none is lost."""
    import json

    store = database.open()
    session = store.new_session("nb")

    def add(key: str):
        def how(current):
            from dataclasses import replace

            state = json.loads(current.state)
            state[key] = True
            return replace(current, state=json.dumps(state))
        return how

    def work(n: int) -> None:
        for i in range(25):
            store.change(session.id, add(f"{n}-{i}"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(json.loads(store.session(session.id).state)) == 6 * 25


def test_no_quiz_round_starts_in_a_room_closed_meanwhile(database):
    """F3 for rooms: the trainer's page read the room open, the room was closed before the round was
    stored; the store refuses the round in the same transaction that looks at the room."""
    store = database.open()
    store.new_room(ROOM, "hash", "nb", "matrix")
    store.close_room(ROOM)
    assert store.new_round(ROOM, "krem", "development_partnership") is None
    assert store.rounds(ROOM) == []
    assert store.new_round("NOROOM", "krem", "development_partnership") is None


# ------------------------------------------------------------ F5: a GET stores nothing
COOKIELESS = ("/", "/tour", "/tour/1", "/tour/3", f"/tour/2?room={ROOM}", "/join", f"/join?code={ROOM}",
              "/join?code=ZZZZZZ", "/workshop", f"/room/{ROOM}/screen", f"/room/{ROOM}/trainer",
              f"/room/{ROOM}/download", "/review", "/result", "/continue", "/next", "/q/role", "/q/goal",
              "/group", "/download/report.html", "/nowhere", "/static/web.css")


async def test_a_thousand_cookieless_gets_and_heads_store_nothing(app, store):
    """F5: GET and HEAD without a cookie on every page (the start, the tour, joining, the workshop, the
    projector, ...) store no session and change no room: 1 000 of them, and the store is as it was.

    The requests go to the app in this test's event loop (httpx's ASGI transport, the app's lifespan
    around them, a server error answered as a 500 page as TestClient's raise_server_exceptions=False
    does): the same requests as through TestClient, without its hop to another thread and back for
    each, which was half of this test's time."""
    store.new_room(ROOM, "hash", "nb", "matrix")
    room_before = store.room(ROOM)
    transport = httpx2.ASGITransport(app=app, raise_app_exceptions=False)
    async with app.router.lifespan_context(app), httpx2.AsyncClient(transport=transport,
                                                                     base_url="http://testserver") as client:
        statuses = set()
        for n in range(1000):
            client.cookies.clear()
            path = COOKIELESS[n % len(COOKIELESS)]
            got = await client.request("GET" if n % 2 == 0 else "HEAD", path, follow_redirects=False)
            statuses.add(got.status_code)
            assert got.status_code < 500, (path, got.status_code)
            assert f"{COOKIE}=" not in got.headers.get("set-cookie", ""), path
    assert store.count() == 0
    assert store.room(ROOM) == room_before
    assert {200, 303} <= statuses


def test_a_session_is_stored_on_the_first_post_that_needs_one(person, store):
    """F5: the start page stores nothing; choosing a role makes the one session and sets its cookie."""
    start = person.get("/")
    assert start.status_code == 200 and store.count() == 0
    assert f"{COOKIE}=" not in start.headers.get("set-cookie", "")
    moved = person.post("/start", {"role": "entrepreneur"})
    assert moved.status_code == 303 and moved.headers["location"].startswith("/q/")
    assert f"{COOKIE}=" in moved.headers["set-cookie"] and store.count() == 1
    sid = person.client.cookies[COOKIE]
    assert store.session(sid).answers == '{"role":["entrepreneur"]}'
    person.get(moved.headers["location"])
    assert store.count() == 1, "the next pages go on in the same session"


def test_the_language_is_chosen_before_a_session_without_storing_one(person, store):
    """F5: the language switch on the start page keeps the choice in a cookie of its own; the session
    made later begins in it."""
    person.get("/")
    moved = person.post("/lang", {"lang": "en", "next": "/"})
    assert moved.status_code == 303 and store.count() == 0
    assert '<html lang="en">' in person.get("/").text
    person.post("/start", {"role": "trainer"})
    assert store.session(person.client.cookies[COOKIE]).lang == "en"


def test_new_sessions_per_client_address_are_limited(rule_base, engine, store):
    """F5: one address makes at most its day's number of sessions (here 3); the next is refused with
    429 and a page that says why, and nothing more is stored."""
    app = create_app(rule_base, engine, store, sessions_per_client=3)
    for n in range(4):
        with TestClient(app, raise_server_exceptions=False) as client:
            browser = Browser(client)
            browser.get("/")
            moved = browser.post("/start", {"role": "entrepreneur"})
            if n < 3:
                assert moved.status_code == 303
            else:
                assert moved.status_code == 429
                assert "nye økter" in moved.text and "Traceback" not in moved.text
                assert f"{COOKIE}=" not in moved.headers.get("set-cookie", "")
    assert store.count() == 3
    store.new_room(ROOM, "hash", "nb", "matrix")
    with TestClient(app, raise_server_exceptions=False) as client:
        browser = Browser(client)
        browser.get(f"/join?code={ROOM}")
        assert browser.post("/join", {"code": ROOM, "name": "Nord"}).status_code == 429, "joining makes one too"
    assert store.count() == 3 and store.groups(ROOM) == []


def test_the_store_keeps_at_most_its_cap_the_oldest_untouched_going_first(database):
    """F5: a store capped at 5 sessions keeps 5; the sessions changed least recently go first."""
    store = database.open(max_sessions=5)
    made = [store.new_session("nb") for _ in range(5)]
    time.sleep(0.01)
    store.change(made[0].id, lambda s: s)  # the first is touched again: it stays
    more = [store.new_session("nb") for _ in range(3)]
    assert store.count() == 5
    kept = {s.id for s in [*made, *more] if store.session(s.id) is not None}
    assert kept == {made[0].id, made[4].id, *(s.id for s in more)}
    store.close()


# ------------------------------------------------------------ F29: a full disk
class FullDisk:
    """The store's connection on a full disk: reads work, and every write fails as SQLite fails it."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def execute(self, sql: str, *args):
        if sql.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE", "REPLACE"}:
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.db, name)


def test_on_a_full_disk_the_reading_pages_work_and_a_post_says_it_was_not_saved(app, store, person, caplog,
                                                                             rule_base):
    """F29: with every write failing (the disk is full), the start page, review, a question and the result
    still show; an answer is refused with 503 and a page that says the disk is full and the answer was
    not saved; nothing is half kept, no traceback is logged, and it all works again once there is room."""
    first = person.begin()
    where = person.post(first, {"answer": "dont_know"}).headers["location"]
    sid = person.client.cookies[COOKIE]
    before = store.session(sid).answers
    real = store._db
    store._db = FullDisk(real)
    try:
        with caplog.at_level(logging.INFO, logger="samarbeid"):
            for path in ("/", "/review", where, "/result", "/tour/1", "/join", "/workshop"):
                assert person.get(path).status_code == 200, path
            for path in ("/", "/tour/1", "/join", "/workshop"):
                with TestClient(app, raise_server_exceptions=False) as stranger:
                    assert stranger.get(path).status_code == 200, f"{path} without a cookie"
            refused = person.post(where, {"answer": "dont_know"})
            assert refused.status_code == 503
            assert "disken" in refused.text and "ikke lagret" in refused.text
            assert "Traceback" not in refused.text and "OperationalError" not in refused.text
            with TestClient(app, raise_server_exceptions=False) as stranger:
                newcomer = Browser(stranger)
                newcomer.get("/")
                moved = newcomer.post("/start", {"role": "entrepreneur"})
                assert moved.status_code == 503 and f"{COOKIE}=" not in moved.headers.get("set-cookie", "")
                newcomer.post("/lang", {"lang": "en", "next": "/"})
                english = newcomer.post("/start", {"role": "entrepreneur"})
                assert english.status_code == 503 and "disk is full" in english.text and "not saved" in english.text
    finally:
        store._db = real
    assert store.session(sid).answers == before
    assert not any(r.exc_info for r in caplog.records), "a full disk is said in one line, not a traceback"
    assert any("full" in r.getMessage() for r in caplog.records), "the operator is told"
    assert person.post(where, {"answer": "dont_know"}).status_code == 303, "with room again, it is saved"


def test_a_real_database_size_limit_is_told_as_a_full_disk(tmp_path):
    """F29: SQLite's own "database or disk is full" (a page limit) comes out of the store as "full"."""
    from assistant.store import StoreFailed

    store = SqliteStore(tmp_path / "web.sqlite3")
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreFailed) as failed:
        for _ in range(2000):
            store.new_session("nb")
    assert failed.value.reason == "full"
    store.close()


# ------------------------------------------------------------ F9: serve on a bad data folder
def _sqlite_file(path: Path, sql: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(sql)
        db.commit()


def _truncated(path: Path) -> None:
    store = SqliteStore(path)
    for _ in range(400):
        store.new_session("nb")
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _make(case: str, data: Path) -> Path:
    """The bad data folder `case` under `data`; the folder to give SAMARBEID_DATA_DIR."""
    db = data / "web.sqlite3"
    data.mkdir()
    if case == "random_bytes":
        db.write_bytes(bytes((n * 151 + 7) % 256 for n in range(8192)))
    elif case == "truncated":
        _truncated(db)
    elif case == "text":
        db.write_text("this is not a database\n" * 50)
    elif case == "folder":
        db.mkdir()
    elif case == "fifo":
        os.mkfifo(db)
    elif case == "symlink_loop":
        db.symlink_to(db.name)
    elif case == "foreign_sessions":
        _sqlite_file(db, "CREATE TABLE sessions (id INTEGER PRIMARY KEY, payload BLOB)")
    elif case == "data_is_a_file":
        data.rmdir()
        data.write_text("a file where the folder should be\n")
    elif case == "read_only_folder":
        data.chmod(0o555)
    elif case == "read_only_database":
        _sqlite_file(db, "CREATE TABLE notes (x)")
        db.chmod(0o444)
    elif case == "cannot_be_made":
        data.chmod(0o555)
        return data / "inner"
    return data


AS_ROOT = "as root the permission is not checked (DAC override): this failure cannot be made here"
BAD_FOLDERS = {
    "random_bytes": ("web.sqlite3", "not a database samarbeid can read"),
    "truncated": ("web.sqlite3", "not a database samarbeid can read"),
    "text": ("web.sqlite3", "not a database samarbeid can read"),
    "folder": ("web.sqlite3", "not a regular file (a folder)"),
    "fifo": ("web.sqlite3", "not a regular file (a FIFO)"),
    "symlink_loop": ("web.sqlite3", "a symbolic link that"),
    "foreign_sessions": ("web.sqlite3", "table 'sessions' was not made by samarbeid"),
    "data_is_a_file": ("", "the data folder is a file"),
    "read_only_folder": ("", "read-only"),
    "read_only_database": ("web.sqlite3", "read-only"),
    "cannot_be_made": ("", "cannot be made"),
}
NEEDS_A_USER = {"read_only_folder", "read_only_database", "cannot_be_made"}


@pytest.mark.parametrize("case", list(BAD_FOLDERS))
def test_serve_on_a_bad_data_folder_names_the_file_and_what_to_do(case, tmp_path):
    """F9: `samarbeid serve` on a damaged, foreign or unusable data folder says in one line which file
    and what to do, exits 2, never hangs and never shows a traceback."""
    if case in NEEDS_A_USER and os.geteuid() == 0:
        pytest.skip(AS_ROOT)
    data = _make(case, tmp_path / "data")
    named, words = BAD_FOLDERS[case]
    env = {**os.environ, "SAMARBEID_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"serve did not stop on {case}: {out} {err}")
    finally:
        for folder in (tmp_path / "data",):
            with contextlib.suppress(OSError):
                folder.chmod(0o755)
    assert proc.returncode == 2, (proc.returncode, out, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(data / named if named else data) in lines[0], err
    assert words in lines[0], err
    assert "SAMARBEID_DATA_DIR" in lines[0] or "chmod" in lines[0], "it says what to do"


def test_the_sessions_per_client_are_set_by_the_environment(monkeypatch, tmp_path):
    """F5: SAMARBEID_SESSIONS_PER_CLIENT sets the day's number for `samarbeid serve` (here 2); a value
    that is not a number is one line and exit 2."""
    from tests.conftest import run_cli

    monkeypatch.setenv("SAMARBEID_SESSIONS_PER_CLIENT", "2")
    from assistant.web.serve import build

    app, store = build(None, None, "nb", tmp_path / "web.sqlite3")
    with TestClient(app, raise_server_exceptions=False) as client:
        statuses = []
        for _ in range(3):
            client.cookies.clear()
            browser = Browser(client)
            browser.get("/")
            statuses.append(browser.post("/start", {"role": "trainer"}).status_code)
    store.close()
    assert statuses == [303, 303, 429]
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path / "data"))
    for bad in ("many", "0", "9" * 5000):
        monkeypatch.setenv("SAMARBEID_SESSIONS_PER_CLIENT", bad)
        run = run_cli("serve", "--port", "0")
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
        assert len(run.stderr.strip().splitlines()) == 1 and "SAMARBEID_SESSIONS_PER_CLIENT" in run.stderr
