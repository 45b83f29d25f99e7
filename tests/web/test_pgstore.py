"""What the PostgreSQL store does of its own (assistant/pgstore.py), against a real PostgreSQL the tests
start (tests/pg.py): what PostgreSQL says went wrong becomes a reason the server can say in plain words;
a row another transaction holds is waited for a while, then "busy"; its few connections are shared by
the threads; a connection PostgreSQL dropped is let go, and the next call opens another; a closed store
refuses. The behaviour it shares with SQLite is tested on both stores in test_store*.py."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import psycopg
import psycopg.errors
import pytest

from assistant import pgstore
from assistant.pgstore import PostgresStore, failure_reason
from assistant.store import StoreFailed


@pytest.mark.parametrize(("state", "reason"), [
    ("53100", "full"), ("25006", "read_only"), ("42501", "read_only"), ("55P03", "busy"), ("40P01", "busy"),
    ("40001", "busy"), ("57014", "busy"), ("53300", "busy"), ("XX001", "damaged"), ("XX002", "damaged"),
    ("3D000", "cannot_open"), ("57P03", "cannot_open"),
    ("08006", "cannot_open"), ("28P01", "cannot_open"), ("57P01", "cannot_open"), ("53200", "busy"),
    ("42P01", "failed"), ("23505", "failed"),
])
def test_what_postgresql_says_becomes_a_reason(state, reason):
    error = psycopg.errors.lookup(state)("said")
    assert failure_reason(error) == reason


def test_no_answer_at_all_is_cannot_open_and_anything_else_failed():
    assert failure_reason(psycopg.OperationalError("connection refused")) == "cannot_open"
    assert failure_reason(psycopg.InterfaceError("the connection is closed")) == "failed"


def test_a_server_that_cannot_be_reached_is_said_at_once_without_the_password(tmp_path):
    url = f"postgresql://someone:hunter2@/samarbeid?host={tmp_path}&port=5999&connect_timeout=2"
    with pytest.raises(StoreFailed) as refused:
        PostgresStore(url)
    assert refused.value.reason == "cannot_open"
    assert "hunter2" not in str(refused.value) and "hunter2" not in refused.value.detail
    assert str(refused.value.path).startswith("postgresql://someone@/samarbeid")


def test_a_row_held_by_another_transaction_is_waited_for_then_busy(pg_url, monkeypatch):
    monkeypatch.setattr(pgstore, "LOCK_WAIT", 0.5)
    store = PostgresStore(pg_url)
    try:
        session = store.new_session("nb")
        with psycopg.connect(pg_url) as other:  # another process holds the row in an open transaction
            other.execute("SELECT id FROM sessions WHERE id = %s FOR UPDATE", (session.id,))
            began = time.monotonic()
            with pytest.raises(StoreFailed) as held:
                store.change(session.id, lambda now: replace(now, state='{"a":1}'))
            waited = time.monotonic() - began
        assert held.value.reason == "busy"
        assert 0.4 <= waited < 3, f"waited {waited:.2f} s for the row"
        kept = store.change(session.id, lambda now: replace(now, state='{"a":2}'))  # let go: the change goes through
        assert kept is not None and kept.state == '{"a":2}'
    finally:
        store.close()


def test_the_threads_share_the_stores_few_connections(pg_url, monkeypatch):
    """With one connection, a second thread waits for it while the first holds it; past the wait it is busy."""
    monkeypatch.setattr(pgstore, "LOCK_WAIT", 0.5)
    store = PostgresStore(pg_url, connections=1)
    try:
        session = store.new_session("nb")
        holding, let_go = threading.Event(), threading.Event()

        def slow(now):
            holding.set()
            let_go.wait(5)
            return replace(now, state='{"slow":1}')

        first = threading.Thread(target=store.change, args=(session.id, slow))
        first.start()
        assert holding.wait(5)
        with pytest.raises(StoreFailed) as waited:
            store.session(session.id)
        assert waited.value.reason == "busy" and "no free connection" in waited.value.detail
        threading.Timer(0.2, let_go.set).start()
        assert store.session(session.id) is not None, "the connection given back serves the next call"
        first.join(5)
        assert store.session(session.id).state == '{"slow":1}'
    finally:
        let_go.set()
        store.close()


@pytest.mark.parametrize("connections", [1, 8])
def test_a_connection_postgresql_dropped_is_let_go_and_the_next_call_opens_another(pg_url, connections, monkeypatch):
    """With one connection, or several: the ended ones are counted out, so the store never waits for a connection
    it no longer has (it would say "busy" after LOCK_WAIT)."""
    monkeypatch.setattr(pgstore, "LOCK_WAIT", 0.5)
    store = PostgresStore(pg_url, connections=connections)
    try:
        session = store.new_session("nb")
        with psycopg.connect(pg_url, autocommit=True) as admin:
            ended = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name ="
                                  " 'samarbeid' AND pid <> pg_backend_pid()").fetchall()
        assert ended, "the store's connections were ended from outside (as a restart or a failover does)"
        outcomes = []
        for _ in range(3):
            try:
                outcomes.append(store.session(session.id))
            except StoreFailed as failed:
                outcomes.append(failed.reason)
        assert outcomes[-1] == session, outcomes
        assert all(o == session or o in ("cannot_open", "failed") for o in outcomes), outcomes
        for _ in range(2 * connections + 2):  # every connection it has is one it can use
            assert store.session(session.id) == session
    finally:
        store.close()


def test_a_closed_store_refuses(pg_url):
    store = PostgresStore(pg_url)
    store.close()
    with pytest.raises(StoreFailed) as refused:
        store.new_session("nb")
    assert refused.value.reason == "failed"
