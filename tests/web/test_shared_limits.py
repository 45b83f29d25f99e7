"""The limits on joining, making rooms, guessing codes and making sessions hold across server processes
(issue 23): each is counted in the database, so a second process on the same database gives a client no
more tries, and the database never holds the client's address."""

from __future__ import annotations

from starlette.testclient import TestClient

from assistant.store import SqliteStore, take_try
from assistant.web.app import create_app
from assistant.web.live import Limiter
from assistant.web.quota import session_quota
from tests.web.conftest import Browser

ADDRESS = "203.0.113.77"


def other_process(store: SqliteStore) -> SqliteStore:
    """A second store on the same database, as a second server process opens it."""
    return SqliteStore(store.path)


def test_two_processes_count_the_same_tries(store):
    first = Limiter(burst=3, every=3600).shared(store)
    second = Limiter(burst=3, every=3600).shared(other_process(store))
    assert [first.allow(ADDRESS), second.allow(ADDRESS), first.allow(ADDRESS)] == [True, True, True]
    assert not second.allow(ADDRESS) and not first.allow(ADDRESS), "the fourth try is refused in either process"
    assert second.allow("198.51.100.1"), "another address has its own tries"
    assert Limiter(burst=3, every=3600, purpose="sessions", store=store).allow(ADDRESS), \
        "the tries for one thing are not spent on another"


def test_the_database_holds_no_address(store):
    Limiter(burst=3, every=3600).shared(store).allow(ADDRESS)
    session_quota(5, store).allow(ADDRESS)
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


def test_new_sessions_are_counted_across_processes(rule_base, engine, store):
    """Two servers on one database: an address that made its sessions through one makes none through the other."""
    limit = 2
    apps = [create_app(rule_base, engine, store, sessions_per_client=limit),
            create_app(rule_base, engine, other_process(store), sessions_per_client=limit)]
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
