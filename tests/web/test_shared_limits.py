"""What several server processes on one database share (issue 23), on SQLite and on PostgreSQL: the limits
on joining, making rooms, guessing codes and making sessions are counted in the database, so a second
process gives a client no more tries, and the database never holds the client's address; a room changed
through one process is told to the other at once."""

from __future__ import annotations

import threading
import time

from starlette.testclient import TestClient

from assistant.store import take_try
from assistant.web.app import create_app
from assistant.web.live import Limiter
from assistant.web.quota import session_quota
from tests.web.conftest import Browser

ADDRESS = "203.0.113.77"


def test_two_processes_count_the_same_tries(database):
    store = database.open()
    first = Limiter(burst=3, every=3600).shared(store)
    second = Limiter(burst=3, every=3600).shared(database.open())
    assert [first.allow(ADDRESS), second.allow(ADDRESS), first.allow(ADDRESS)] == [True, True, True]
    assert not second.allow(ADDRESS) and not first.allow(ADDRESS), "the fourth try is refused in either process"
    assert second.allow("198.51.100.1"), "another address has its own tries"
    assert Limiter(burst=3, every=3600, purpose="sessions", store=store).allow(ADDRESS), \
        "the tries for one thing are not spent on another"


def test_the_database_holds_no_address(database):
    store = database.open()
    Limiter(burst=3, every=3600).shared(store).allow(ADDRESS)
    session_quota(5, store).allow(ADDRESS)
    kept = database.sql("SELECT client, tokens FROM tries")
    assert len(kept) == 2 and all(ADDRESS not in client for client, _ in kept), kept
    assert sorted(tokens for _, tokens in kept) == [2.0, 4.0]


def test_the_sqlite_file_holds_no_address(store):
    Limiter(burst=3, every=3600).shared(store).allow(ADDRESS)
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    kept = b"".join(f.read_bytes() for f in files if f.exists())
    store.close()
    kept += store.path.read_bytes()
    assert ADDRESS.encode() not in kept and b"203.0.113" not in kept


def test_a_bucket_fills_again_with_time():
    allowed, tokens, full_at = take_try(None, 100.0, 2, 10.0)
    assert allowed and tokens == 1.0 and full_at == 110.0
    allowed, tokens, _ = take_try((tokens, 100.0), 100.0, 2, 10.0)
    assert allowed and tokens == 0.0
    assert take_try((0.0, 100.0), 105.0, 2, 10.0)[0] is False, "half a try is not a try"
    assert take_try((0.0, 100.0), 110.0, 2, 10.0)[0] is True
    assert take_try((0.0, 100.0), 50.0, 2, 10.0)[0] is False, "a clock gone back gives nothing"
    assert take_try((0.0, 0.0), 1e9, 2, 10.0)[1] == 1.0, "a bucket never holds more than its burst"


def test_new_sessions_are_counted_across_processes(rule_base, engine, database):
    """Two servers on one database: an address that made its sessions through one makes none through the other."""
    limit = 2
    store = database.open()
    apps = [create_app(rule_base, engine, store, sessions_per_client=limit),
            create_app(rule_base, engine, database.open(), sessions_per_client=limit)]
    statuses = []
    for n in range(limit + 1):
        with TestClient(apps[n % 2], raise_server_exceptions=False) as client:
            browser = Browser(client)
            browser.get("/")
            statuses.append(browser.post("/start", {"role": "entrepreneur"}).status_code)
    assert statuses == [303] * limit + [429]
    assert store.count() == limit


def test_a_full_disk_keeps_the_count_in_memory(store, monkeypatch):
    """When the database cannot keep the count (a full disk), joining still has its limit, kept meanwhile in
    the process."""
    from assistant.store import StoreFailed

    def full(*args, **kwargs):
        raise StoreFailed("full", store.path)

    monkeypatch.setattr(store, "spend", full)
    limiter = Limiter(burst=2, every=3600).shared(store)
    assert [limiter.allow(ADDRESS) for _ in range(3)] == [True, True, False]


def test_a_room_changed_through_one_process_is_told_to_the_other(database):
    """The other process's live pages are rung within a second of a join, a group's answer and a trainer's
    action through this one (PostgreSQL: NOTIFY and LISTEN; SQLite: the file's data_version, looked at)."""
    from dataclasses import replace

    from tests.web.test_store import _admit

    here, there = database.open(), database.open()
    here.new_room("ABC234", "hash", "nb", "matrix")
    rung: list[tuple[float, str]] = []
    heard = threading.Event()

    def ring(code: str) -> None:
        rung.append((time.monotonic(), code))
        heard.set()

    stop = there.watch(ring)
    try:
        time.sleep(0.6)  # the watcher is listening
        for change in (lambda: here.join("ABC234", "nb", _admit),
                       lambda: here.change(here.groups("ABC234")[0].session.id,
                                           lambda now: replace(now, answers='{"role":["trainer"]}')),
                       lambda: here.set_show("ABC234", "quiz")):
            heard.clear()
            rung.clear()
            changed = time.monotonic()
            change()
            assert heard.wait(1.0), "the other process was told within a second"
            assert ("ABC234" in [code for _, code in rung])
            assert rung[0][0] - changed < 1.0
    finally:
        stop()


def test_the_sqlite_watch_reads_a_file_whose_folder_has_a_uris_own_characters(tmp_path):
    """A data folder named with %, ? and # (which a file: URI would read as its own) is watched all the same."""
    from assistant.store import SqliteStore
    from tests.web.test_store import _admit

    folder = tmp_path / "data 100% ?#x"
    here, there = SqliteStore(folder / "web.sqlite3"), SqliteStore(folder / "web.sqlite3")
    here.new_room("ABC234", "hash", "nb", "matrix")
    heard = threading.Event()
    stop = there.watch(lambda code: heard.set())
    try:
        time.sleep(0.5)
        here.join("ABC234", "nb", _admit)
        assert heard.wait(2.0), "the other store was told"
    finally:
        stop()
        here.close()
        there.close()


def test_a_process_is_not_told_again_of_its_own_changes_and_of_anothers_once(database):
    """The pages of the process that changed the room were rung by it at once: its watch leaves that change
    out, so a busy room does not wake every page a second time. Another process's change is rung once, not
    at every look while the watch looks back."""
    from tests.web.test_store import _admit

    here, there = database.open(), database.open()
    here.new_room("ABC234", "hash", "nb", "matrix")
    rung: list[str] = []
    stop = here.watch(rung.append)
    try:
        time.sleep(0.6)
        here.join("ABC234", "nb", _admit)
        here.set_show("ABC234", "quiz")
        time.sleep(1.0)
        assert rung == [], "its own changes"
        there.set_show("ABC234", "matrix")
        deadline = time.monotonic() + 2
        while not rung and time.monotonic() < deadline:
            time.sleep(0.02)
        here.spend("rooms", "192.0.2.9", 5, 60)  # more writes of this process: the watch looks again
        time.sleep(1.0)
        assert rung == ["ABC234"], "another's change, once"
    finally:
        stop()
