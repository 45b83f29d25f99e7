"""What the PostgreSQL store does of its own (assistant/pgstore.py), against a real PostgreSQL the tests
start (tests/pg.py): what PostgreSQL says went wrong becomes a reason the server can say in plain words;
a row another transaction holds is waited for a while, then "busy"; its few connections are shared by
the threads; a connection PostgreSQL dropped is let go, and the next call opens another; a closed store
refuses. The behaviour it shares with SQLite is tested on both stores in test_store*.py."""

from __future__ import annotations

import contextlib
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

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


@pytest.mark.parametrize(("userinfo", "query", "detail"), [
    ("someone:50%off:now@", "", 'invalid percent-encoded token: "***"'),
    ("someone@", "&Password=50%off", 'invalid percent-encoded token: "***"'),
    ("someone:50%off@x@", "", 'invalid percent-encoded token: "***"'),
    ("someone:d%C3%A9j%C3%A0@", "", 'role "someone" does not exist'),
])
def test_the_password_is_not_said_even_where_libpq_quotes_it(pg_cluster, userinfo, query, detail):
    """A password with a % not written as %25 (after the user's name, with a : in it or an @ after it, or as
    `password=` in any case) is one libpq cannot read, and its message quotes it as written: the store says
    that message, the password left out, as StoreFailed (not a traceback). A password it reads (here
    "déjà") is not said either, where the server refuses the user."""
    url = f"postgresql://{userinfo}/samarbeid?host={pg_cluster.folder}&port=5432{query}"
    with pytest.raises(StoreFailed) as refused:
        PostgresStore(url)
    said = f"{refused.value} {refused.value.detail}"
    assert not any(password in said for password in ("50%off", "déjà", "d%C3%A9j%C3%A0")), said
    assert refused.value.detail.endswith(detail), refused.value.detail
    assert str(refused.value.path).startswith("postgresql://someone@")


def test_a_url_without_a_password_is_said_as_it_is():
    """Nothing in libpq's message is taken for a password where the URL has none (its port, say)."""
    with pytest.raises(StoreFailed) as refused:
        PostgresStore("postgresql://localhost:5999/samarbeid?connect_timeout=2")
    assert refused.value.reason == "cannot_open"
    assert "port 5999 failed" in refused.value.detail and "***" not in refused.value.detail, refused.value.detail


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
        assert waited.value.reason == "busy" and waited.value.detail == "no free connection in 0.5 s"
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
    assert refused.value.reason == "failed" and refused.value.detail == "the store is closed"
    assert refused.value.path == pg_url, "it names the database (its URL has no password here)"


def _wait_for(seen: Callable[[], bool], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while not seen():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@contextlib.contextmanager
def _holding(store: PostgresStore, how_many: int) -> Iterator[list[str]]:
    """`how_many` threads, each in the middle of a change of a session of its own (so each holds one of the
    store's connections) until the block ends: yields the sessions' ids once all hold one, or fails saying
    what the threads got instead."""
    ids = [store.new_session("nb").id for _ in range(how_many)]
    let_go = threading.Event()
    holding: list[str] = []
    refused: list[str] = []

    def slow(now):
        holding.append(now.id)
        let_go.wait(20)
        return now

    def change(session_id: str) -> None:
        try:
            store.change(session_id, slow)
        except StoreFailed as failed:
            refused.append(failed.reason)

    threads = [threading.Thread(target=change, args=(session_id,)) for session_id in ids]
    for thread in threads:
        thread.start()
    try:
        assert _wait_for(lambda: len(holding) == how_many or bool(refused)), "the changes did not begin"
        assert len(holding) == how_many and not refused, \
            f"{how_many} callers at once: {len(holding)} got a connection, the others were refused: {refused}"
        yield ids
    finally:
        let_go.set()
        for thread in threads:
            thread.join(20)


def _serves_exactly(store: PostgresStore, connections: int) -> None:
    """`connections` callers at once each get a connection; one more waits `LOCK_WAIT` for one, then is busy."""
    with _holding(store, connections) as ids:
        began = time.monotonic()
        with pytest.raises(StoreFailed) as waited:
            store.session(ids[0])
        took = time.monotonic() - began
        assert waited.value.reason == "busy" and waited.value.detail == "no free connection in 0.5 s"
        assert waited.value.path == store.path and store.path.startswith("postgresql://")
        assert took >= 0.45, f"gave up after {took:.2f} s, before LOCK_WAIT"
    assert store.session(ids[0]) is not None, "the connections given back serve the next call"


def _backends(admin: psycopg.Connection, name: str = "samarbeid") -> list[int]:
    return [pid for (pid,) in admin.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s"
                                            " AND pid <> pg_backend_pid()", (name,))]


def test_a_store_of_three_connections_serves_three_callers_at_once_and_no_more_before_and_after_they_drop(
        pg_url, monkeypatch):
    """Three callers at once each get a connection, a fourth waits and is then "busy"; after PostgreSQL ended
    all three (a restart, a failover, an administrator), a call that finds one dead fails, and then the store
    again serves exactly three at once: it counted out the dead ones, no fewer and no more."""
    monkeypatch.setattr(pgstore, "LOCK_WAIT", 0.5)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        others = set(_backends(admin))
        store = PostgresStore(pg_url, connections=3)
        try:
            session = store.new_session("nb")
            _serves_exactly(store, 3)
            mine = [pid for pid in _backends(admin) if pid not in others]
            assert len(mine) == 3, mine
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY(%s)", (mine,))
            assert _wait_for(lambda: not set(mine) & set(_backends(admin))), "PostgreSQL ended them"
            outcomes: list[str] = []
            while len(outcomes) < 10 and "served" not in outcomes:
                try:
                    assert store.session(session.id) == session
                    outcomes.append("served")
                except StoreFailed as failed:
                    outcomes.append(failed.reason)
            assert outcomes[-1] == "served" and len(outcomes) <= 4, outcomes
            assert set(outcomes[:-1]) <= {"cannot_open"}, outcomes
            _serves_exactly(store, 3)
            assert len(set(_backends(admin)) - others) == 3, "it keeps three, no more"
        finally:
            store.close()


def test_the_room_listener_is_named_says_when_postgresql_dropped_it_and_listens_again(pg_url, caplog):
    """The listening connection is named `samarbeid-rooms` in pg_stat_activity and its thread
    `samarbeid-room-listen` (a daemon: it never keeps a stopping server alive), which is what an administrator
    sees of it in PostgreSQL and in a thread dump. Ended by PostgreSQL, it says so in the log, with
    PostgreSQL's reason, waits a moment (`RECONNECT_WAIT`), listens again and rings the next change; stopped,
    it ends and lets its connection go."""
    here, there = PostgresStore(pg_url), PostgresStore(pg_url)
    here.new_room("ABC234", "hash", "nb", "matrix")
    rung: list[str] = []
    with psycopg.connect(pg_url, autocommit=True) as admin:
        others = set(_backends(admin, "samarbeid-rooms"))
        running = set(threading.enumerate())  # another test's listener may still be ending
        stop = there.watch(rung.append)
        try:
            assert _wait_for(lambda: set(_backends(admin, "samarbeid-rooms")) - others), "it listens"
            (listening,) = set(_backends(admin, "samarbeid-rooms")) - others
            (thread,) = set(threading.enumerate()) - running
            assert thread.name == "samarbeid-room-listen" and thread.daemon
            with caplog.at_level("WARNING", logger="samarbeid"):
                admin.execute("SELECT pg_terminate_backend(%s)", (listening,))
                ended = time.monotonic()
                assert _wait_for(lambda: bool(caplog.records)), "it says it no longer listens"
            (said,) = caplog.records
            assert said.levelname == "WARNING"
            assert said.getMessage().startswith(
                f"not told of other processes' room changes for now: {there.path}: cannot_open ("), said.getMessage()
            assert _wait_for(lambda: set(_backends(admin, "samarbeid-rooms")) - others - {listening}), \
                "it listens again"
            assert time.monotonic() - ended >= 0.9, "not at once: it waits a moment first"
            time.sleep(0.3)
            here.set_show("ABC234", "quiz")
            assert _wait_for(lambda: rung == ["ABC234"], 5), rung
        finally:
            stop()
        thread.join(10)
        assert not thread.is_alive(), "stopped, it ends"
        assert _wait_for(lambda: not set(_backends(admin, "samarbeid-rooms")) - others), "and lets its connection go"
    here.close()
    there.close()


def test_a_store_closed_while_a_call_is_under_way_lets_that_connection_go_when_the_call_ends(pg_url):
    """Closing does not wait for the calls under way: the connection of one is closed as the call ends, so a
    server that stopped keeps none of its connections to PostgreSQL."""
    with psycopg.connect(pg_url, autocommit=True) as admin:
        others = set(_backends(admin))
        store = PostgresStore(pg_url, connections=2)
        with _holding(store, 2):
            assert len(set(_backends(admin)) - others) == 2
            store.close()
            assert len(set(_backends(admin)) - others) == 2, "the calls under way keep theirs"
        assert _wait_for(lambda: not set(_backends(admin)) - others), "and let them go as they end"


def test_a_connection_postgresql_refuses_is_not_counted_as_one_the_store_has(pg_cluster, monkeypatch):
    """The store's user may open only so many connections (its role's CONNECTION LIMIT), and another program
    took the rest: a call that needs a new one is refused at once ("cannot_open", as the server refused it),
    and the store does not count the connection it did not get. Once they are free again it serves as many
    callers at once as it may have, and no more."""
    monkeypatch.setattr(pgstore, "LOCK_WAIT", 0.5)
    role = "r_" + secrets.token_hex(6)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT 8")
        admin.execute(f"CREATE SCHEMA {role} AUTHORIZATION {role}")
        url = f"postgresql://{role}@/postgres?host={pg_cluster.folder}&port=5432&options=-csearch_path%3D{role}"
        store = PostgresStore(url, connections=3)
        taken: list[psycopg.Connection] = []
        try:
            with _holding(store, 2):
                taken = [psycopg.connect(url) for _ in range(8 - 2)]  # all the role may have left
                with pytest.raises(StoreFailed) as refused:
                    store.new_session("nb")
                assert refused.value.reason == "cannot_open", refused.value  # at connecting psycopg gives no SQLSTATE
                assert "too many connections for role" in refused.value.detail
            for connection in taken:
                connection.close()
            _serves_exactly(store, 3)
        finally:
            for connection in taken:
                connection.close()
            store.close()
            admin.execute(f"DROP SCHEMA {role} CASCADE")
            admin.execute(f"DROP ROLE {role}")


def test_a_server_that_does_not_answer_is_given_up_on_after_connect_wait(tmp_path, monkeypatch):
    """Something listens where PostgreSQL should be but never answers (a server hung, a firewall that takes the
    connection and drops its packets): the store gives up after `CONNECT_WAIT` seconds, "cannot_open", rather
    than hang the server's start. (libpq waits at least 2 seconds, whatever it is told.)"""
    monkeypatch.setattr(pgstore, "CONNECT_WAIT", 2)
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.bind(str(tmp_path / ".s.PGSQL.5999"))
    silent.listen(8)
    outcome: list[BaseException] = []

    def open_it() -> None:
        try:
            PostgresStore(f"postgresql://someone@/samarbeid?host={tmp_path}&port=5999")
        except BaseException as err:  # what it raised is the outcome looked at
            outcome.append(err)

    began = time.monotonic()
    opening = threading.Thread(target=open_it, daemon=True)
    opening.start()
    opening.join(30)
    took = time.monotonic() - began
    silent.close()  # a store still waiting would now be told the connection ended
    assert not opening.is_alive(), "it gave up"
    (refused,) = outcome
    assert isinstance(refused, StoreFailed) and refused.reason == "cannot_open", refused
    assert took >= 1.9, f"it gave up after {took:.2f} s, before CONNECT_WAIT"


class _Gate:
    """A Unix socket of its own in front of the cluster's, as a network between the store and PostgreSQL: open,
    it passes each connection through; shut, it takes new ones and never answers (a server hung, a link
    that drops its packets)."""

    def __init__(self, folder: Path, cluster_folder: Path) -> None:
        self.folder, self._target = folder, str(cluster_folder / ".s.PGSQL.5432")
        self.open = True
        self._listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listening.bind(str(folder / ".s.PGSQL.5432"))
        self._listening.listen(16)
        self._kept: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listening.accept()
            except OSError:
                return
            self._kept.append(client)
            if self.open:
                server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                server.connect(self._target)
                self._kept.append(server)
                for a, b in ((client, server), (server, client)):
                    threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._listening.close()
        for kept in self._kept:
            kept.close()


def test_the_room_listener_gives_up_on_a_server_that_does_not_answer_and_listens_once_it_does(
        pg_cluster, tmp_path, monkeypatch, caplog):
    """Its connection ended, the listener connects again; where the server does not answer (a failover under
    way) it gives up after `CONNECT_WAIT` seconds and says so, and tries again, rather than wait for ever:
    once the server answers, it listens and rings the next change."""
    monkeypatch.setattr(pgstore, "CONNECT_WAIT", 2)
    gate = _Gate(tmp_path, pg_cluster.folder)
    url = pg_cluster.new_schema().replace(f"host={pg_cluster.folder}", f"host={tmp_path}")
    here, there = PostgresStore(url), PostgresStore(url)
    rung: list[str] = []
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        others = set(_backends(admin, "samarbeid-rooms"))
        stop = there.watch(rung.append)
        try:
            assert _wait_for(lambda: set(_backends(admin, "samarbeid-rooms")) - others), "it listens"
            (listening,) = set(_backends(admin, "samarbeid-rooms")) - others
            here.new_room("ABC234", "hash", "nb", "matrix")
            with caplog.at_level("WARNING", logger="samarbeid"):
                gate.open = False
                admin.execute("SELECT pg_terminate_backend(%s)", (listening,))
                assert _wait_for(lambda: len(caplog.records) >= 2, 20), "it gave up on the server not answering"
                gate.open = True
            assert f"{there.path}: cannot_open (connection timeout expired" in caplog.records[1].getMessage(), \
                caplog.records[1].getMessage()
            assert _wait_for(lambda: set(_backends(admin, "samarbeid-rooms")) - others - {listening}, 20), \
                "it listens again"
            time.sleep(0.3)
            here.set_show("ABC234", "quiz")
            assert _wait_for(lambda: "ABC234" in rung, 5), rung
        finally:
            stop()
            here.close()
            there.close()
            gate.close()
