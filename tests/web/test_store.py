"""The server's session store (assistant/store.py, assistant/pgstore.py), and `samarbeid serve` as a real
process: killed in the middle of an interview and started again, the same browser goes on.

The store's own tests run on both stores, SQLite and PostgreSQL (the `database` fixture of
tests/web/conftest.py); those about SQLite's file run on SQLite only."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from dataclasses import replace

import pytest

from assistant.store import SqliteStore, answers_from_json, answers_json
from tests.conftest import ROOT, run_cli
from tests.web.conftest import csrf_of, options_of


@pytest.fixture
def store(database):
    """A store of the kind the test runs for, on its own database."""
    return database.open()


def test_sessions_get_random_ids_and_unknown_ids_find_nothing(store):
    a, b = store.new_session("nb"), store.new_session("en")
    assert a.id != b.id and a.csrf != b.csrf and a.id != a.csrf
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", a.id)
    assert store.session(a.id) == a
    for unknown in ("", "A" * 43, a.id[:-1], a.id + "x", "' OR 1=1 --", "../../etc/passwd", "\x00" * 43):
        assert store.session(unknown) is None, unknown


def test_a_changed_session_is_read_back_as_changed(store):
    session = store.new_session("nb")
    kept = store.change(session.id, lambda now: replace(now, answers='{"role":["trainer"]}', lang="en",
                                                        group="Gruppe Nord", state='{"seen":["role"]}'))
    assert (kept.answers, kept.lang, kept.group, kept.state) == (
        '{"role":["trainer"]}', "en", "Gruppe Nord", '{"seen":["role"]}'), "every part of the change is kept"
    assert kept.updated >= session.updated
    assert store.session(session.id) == kept
    assert store.session(session.id).csrf == session.csrf, "the token stays with the session"


def test_old_sessions_are_removed_and_not_found_meanwhile(database):
    store = database.open(max_age=3600)
    old, new = store.new_session("nb"), store.new_session("nb")
    database.sql("UPDATE sessions SET updated = ? WHERE id = ?", (time.time() - 7200, old.id))
    assert store.session(old.id) is None, "too old is gone for the pages at once"
    assert store.remove_old() == 1
    assert store.count() == 1 and store.session(new.id) is not None


def test_the_database_is_in_wal_mode_and_for_its_owner_only(tmp_path):
    store = SqliteStore(tmp_path / "web.sqlite3")
    store.close()
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600


def test_many_threads_change_at_once_and_nothing_is_lost(store):
    sessions = [store.new_session("nb") for _ in range(8)]

    def work(n: int) -> None:
        mine = sessions[n]
        for i in range(40):
            store.change(mine.id, lambda now, i=i: replace(now, answers=f'{{"role":["r{n}-{i}"]}}'))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n, s in enumerate(sessions):
        assert store.session(s.id).answers == f'{{"role":["r{n}-39"]}}'


def test_a_second_store_on_the_same_database_sees_the_first_ones_writes(database, store):
    session = store.change(store.new_session("nb").id, lambda now: replace(now, answers='{"role":["trainer"]}'))
    other = database.open()
    assert other.session(session.id) == session


def test_answers_are_kept_as_json_and_read_back_as_far_as_the_questions_know_them(rule_base):
    answers = {"role": ("entrepreneur",), "money_flow": ("grant", "purchase")}
    assert answers_from_json(answers_json(answers), rule_base.questions) == answers
    stale = '{"role":["entrepreneur"],"gone":["x"],"goal":["no_such_option"],"contact":["often","rarely"],' \
            '"money_flow":["grant","dont_know"],"closeness":"not a list"}'
    assert answers_from_json(stale, rule_base.questions) == {"role": ("entrepreneur",)}
    assert answers_from_json("not json", rule_base.questions) == {}
    assert answers_from_json("[1, 2]", rule_base.questions) == {}


def test_each_stored_answer_is_judged_on_its_own(rule_base):
    """A row's bad answer (from another rule base, or written by hand) costs that answer only, wherever it
    stands: an option that is gone, two for a question that takes one, "don't know" beside an answer, an
    empty list. "Don't know" alone is an answer."""
    good = '"role":["entrepreneur"]'
    for bad in ('"gone":["x"]', '"goal":["no_such_option"]', '"contact":["rarely","regular"]',
                '"money_flow":["grant","dont_know"]', '"closeness":"not a list"', '"goal":[]'):
        assert answers_from_json("{" + bad + "," + good + "}", rule_base.questions) == {"role": ("entrepreneur",)}, bad
    assert answers_from_json('{"goal":[]}', rule_base.questions) == {}, "an empty list is no answer"
    assert answers_from_json('{"contact":["dont_know"]}', rule_base.questions) == {"contact": ("dont_know",)}


def test_a_store_keeps_at_most_its_number_of_sessions_and_at_least_one(database):
    for most, kept in ((1, 1), (0, 1), (2, 2)):
        store = database.open(max_sessions=most)
        store.remove_old(max_age=-1)  # the test before's sessions go
        made = [store.new_session("nb") for _ in range(3)]
        assert store.count() == kept and store.session(made[-1].id) is not None, most


def test_a_store_opened_with_a_smaller_limit_comes_down_to_it_sessions_outside_rooms_first(database):
    store = database.open()
    store.new_room("ABC234", "hash", "nb", "matrix")
    made = []
    for name in ("Nord", "outside", "Sør", "outside", "Vest"):
        time.sleep(0.01)
        made.append(store.new_session("nb") if name == "outside" else
                    store.join("ABC234", "nb", lambda room, taken, name=name: _admit(room, taken, name))[0])
    store.close()
    smaller = database.open(max_sessions=3)
    newest = smaller.new_session("nb")  # one in: six would be three too many
    assert smaller.count() == 3
    assert [s.id for s in made if smaller.session(s.id)] == [made[2].id, made[4].id], \
        "both outside a room go, then the oldest group"
    assert [g.name for g in smaller.groups("ABC234")] == ["Sør", "Vest"] and smaller.session(newest.id)


def test_remove_old_takes_the_age_it_is_given(database):
    store = database.open()  # keeps 30 days by its own rule
    old, new = store.new_session("nb"), store.new_session("nb")
    database.sql("UPDATE sessions SET updated = ? WHERE id = ?", (time.time() - 7200, old.id))
    assert store.remove_old(max_age=3600) == 1
    assert store.count() == 1 and store.session(new.id) is not None


def test_old_sessions_are_swept_when_the_first_is_made_and_then_once_an_hour(database, monkeypatch):
    """The sweep is not made on every new session (it reads the whole table), nor forgotten."""
    from types import SimpleNamespace

    from assistant import store as module

    clock = [1_000_000.0]
    monkeypatch.setattr(module, "time", SimpleNamespace(time=lambda: clock[0], monotonic=time.monotonic,
                                                        sleep=time.sleep))
    store = database.open(max_age=60)
    store.new_session("nb")  # the first sweep: nothing to remove yet
    clock[0] += 120
    store.new_session("nb")  # the first is too old now, but the last sweep was two minutes ago
    assert store.count() == 2
    clock[0] += module.SWEEP_EVERY - 120  # an hour after the first sweep
    store.new_session("nb")
    assert store.count() == 1, "the two made an hour ago are swept"


# ------------------------------------------------------------ `samarbeid serve` as a process
def _serve(data, *args: str) -> tuple[subprocess.Popen, str, str]:
    env = {**os.environ, "SAMARBEID_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    found = re.search(r"http://(\S+?)/", line)
    if not found:
        proc.kill()
        pytest.fail(f"no address printed: {line!r} {proc.stderr.read()}")
    return proc, f"http://{found.group(1)}", line


@pytest.mark.xdist_group("serve-process")
def test_killing_the_server_mid_interview_loses_nothing(tmp_path):
    httpx2 = pytest.importorskip("httpx2")
    proc, base, _ = _serve(tmp_path)
    try:
        with httpx2.Client(base_url=base, timeout=20) as client:
            token = csrf_of(client.get("/").text)
            where = client.post("/start", data={"csrf": token, "role": "trainer"}).headers["location"]
            for _ in range(3):
                option = options_of(client.get(where).text)[0]
                where = client.post(where, data={"csrf": token, "answer": option}).headers["location"]
            cookies = dict(client.cookies)
    finally:
        proc.kill()  # as a crash or a power cut of the process: no clean shutdown
        proc.wait(timeout=10)
    proc, base, said = _serve(tmp_path, "--host", "0.0.0.0")
    assert base.startswith("http://127.0.0.1:") and "fra nettverket" in said
    try:
        with httpx2.Client(base_url=base, timeout=20, cookies=cookies) as client:
            assert client.get("/continue").headers["location"] == where
            page = client.get(where)
            assert page.status_code == 200 and "av" in page.text
            assert "Fortsett der du slapp" in client.get("/").text
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "stoppet. Svarene er lagret i" in out
    assert "alle som når denne maskinen" in err, "another host than localhost is warned about"
    assert "Traceback" not in err


def test_a_port_in_use_is_said_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        run = run_cli("serve", "--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert run.returncode == 2
    assert "cannot listen there" in run.stderr and "Traceback" not in run.stderr
    bad = run_cli("serve", "--port", "70000", "--lang", "en")
    assert bad.returncode == 2 and "not a port number" in bad.stderr


# ------------------------------------------------------------ workshop rooms in the store
def _admit(room, taken, name="Nord"):
    from assistant.workshop.rooms import JoinRefused, check_join

    if room is None:
        raise JoinRefused("no_such_room")
    return check_join(name, taken, room.closed is not None, len(taken))


def test_a_room_its_groups_and_its_quiz_survive_a_new_store_on_the_same_database(database, store):
    assert store.new_room("ABC234", "hash", "en", "matrix") is not None
    assert store.new_room("ABC234", "other", "nb", "matrix") is None, "a code is never given twice"
    session, name = store.join("ABC234", "en", _admit)
    assert name == "Nord"
    store.change(session.id, lambda now: replace(now, answers='{"role":["trainer"]}'))
    number = store.new_round("ABC234", "krem", "development_partnership").number
    assert store.place("ABC234", number, "Nord", "development")
    store.reveal("ABC234", number)
    store.set_show("ABC234", "quiz")
    store.close()
    again = database.open()
    room = again.room("ABC234")
    assert room is not None and room.show == "quiz" and room.token_hash == "hash" and room.lang == "en"
    [group] = again.groups("ABC234")
    assert group.name == "Nord" and group.session.answers == '{"role":["trainer"]}' and group.session.room == "ABC234"
    [kept] = again.rounds("ABC234")
    assert kept.placed == {"Nord": "development"} and kept.revealed is not None
    assert not again.place("ABC234", number, "Nord", "grant"), "a revealed round takes no placement"


def test_changing_a_session_never_puts_it_back_in_a_room_it_was_removed_from(store):
    store.new_room("ABC234", "hash", "nb", "matrix")
    session, _ = store.join("ABC234", "nb", _admit)
    assert store.remove_group("ABC234", "Nord")
    # a change that hands back the session as a request read it before: its room is not written back
    kept = store.change(session.id, lambda now: replace(session, answers='{"role":["trainer"]}'))
    assert kept.answers == '{"role":["trainer"]}'
    assert kept.room is None and store.session(session.id).room is None and store.groups("ABC234") == []


def test_groups_joining_at_once_never_share_a_name_or_pass_the_limit(store):
    from assistant.workshop.rooms import MAX_GROUPS, JoinRefused

    store.new_room("ABC234", "hash", "nb", "matrix")
    joined, refused = [], []

    def join(name: str) -> None:
        try:
            joined.append(store.join("ABC234", "nb", lambda room, taken: _admit(room, taken, name)))
        except JoinRefused as why:
            refused.append(why.reason)

    def all_at_once(names: list[str]) -> None:
        threads = [threading.Thread(target=join, args=(name,)) for name in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    all_at_once([f"Gruppe {n % 10}" for n in range(60)])  # ten names, six groups each want them
    assert len(joined) == 10 and refused == ["name_taken"] * 50
    all_at_once([f"Other {n}" for n in range(40)])
    names = [g.name for g in store.groups("ABC234")]
    assert len(names) == len(set(names)) == MAX_GROUPS == len(joined)
    assert set(refused) == {"name_taken", "room_full"}


def test_old_rooms_go_with_their_groups_and_rounds(database):
    store = database.open(max_age=3600)
    for code in ("OLD234", "NEW234"):
        store.new_room(code, "hash", "nb", "matrix")
        store.join(code, "nb", _admit)
        store.new_round(code, "krem", "development_partnership")
    database.sql("UPDATE rooms SET updated = ? WHERE code = 'OLD234'", (time.time() - 7200,))
    store.remove_old()
    assert store.room("OLD234") is None and store.rounds("OLD234") == [] and store.groups("OLD234") == []
    assert store.room("NEW234") is not None and len(store.groups("NEW234")) == 1
    assert store.room_stamp("OLD234") is None and store.room_stamp("NEW234") is not None


def test_a_database_from_before_the_rooms_is_taken_on_with_its_sessions(tmp_path):
    path = tmp_path / "web.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, answers TEXT NOT NULL, lang TEXT NOT NULL, grp TEXT,"
                   " csrf TEXT NOT NULL, state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL)")
        db.execute("INSERT INTO sessions VALUES (?, '{}', 'nb', NULL, 'token', '{}', ?, ?)",
                   ("A" * 43, time.time(), time.time()))
    store = SqliteStore(path)
    kept = store.session("A" * 43)
    assert kept is not None and kept.room is None and kept.csrf == "token"
    assert store.new_room("ABC234", "hash", "nb", "matrix") is not None
    store.close()
