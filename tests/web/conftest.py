"""The web front end under test: the app over the shipped rule base and a store in a temporary folder,
driven through Starlette's TestClient as a browser would (cookies kept, redirects followed by hand)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from assistant.store import SqliteStore, Store
from assistant.web.app import create_app
from tests.conftest import ROOT, find_chromium

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
OPTION = re.compile(r'<input class="choice-input" type="(radio|checkbox)" name="answer" id="[^"]+" value="([^"]+)"')


CHROMIUM = find_chromium()
"""The system's Chromium for the browser tests (Playwright's own download is not used); None skips them."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system's Chromium, with no way out to the network but to this machine, asking for bokmål as a
    Norwegian's browser does (its Accept-Language picks a first visit's language; the pages' tests start
    in bokmål and switch)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--lang=nb-NO",
                     "--accept-lang=nb-NO,nb,no"]}


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def options_of(html: str) -> list[str]:
    return [value for _, value in OPTION.findall(html)]


@dataclass
class Browser:
    """One person's browser: a TestClient with its own cookie jar, and the token its pages carry."""

    client: TestClient
    token: str = ""
    visited: list[str] = field(default_factory=list)

    def get(self, path: str):
        page = self.client.get(path, follow_redirects=False)
        self.visited.append(path)
        found = CSRF.search(page.text) if "text/html" in page.headers.get("content-type", "") else None
        if found:
            self.token = found.group(1)
        return page

    def post(self, path: str, data: dict, **kwargs):
        return self.client.post(path, data={"csrf": self.token, **data}, follow_redirects=False, **kwargs)

    def begin(self, role: str = "entrepreneur") -> str:
        """From the start page to the first question; the question's path."""
        assert self.get("/").status_code == 200
        moved = self.post("/start", {"role": role})
        assert moved.status_code == 303
        return moved.headers["location"]

    def answer_all(self, where: str, pick=lambda qid, options: options[0], limit: int = 80) -> str:
        """Answer every question from `where` on; where the last answer leads (the result)."""
        for _ in range(limit):
            if not where.startswith("/q/"):
                return where
            page = self.get(where)
            assert page.status_code == 200, page.text[:500]
            moved = self.post(where, {"answer": pick(where[3:], options_of(page.text))})
            assert moved.status_code == 303
            where = moved.headers["location"]
        raise AssertionError("the interview did not end")


@pytest.fixture
def store(tmp_path: Path):
    kept = SqliteStore(tmp_path / "web.sqlite3")
    yield kept
    kept.close()


@dataclass
class Database:
    """The database of one test, of the kind it runs for ("sqlite" or "postgres"): `open` opens a store on it
    (again: another store on the same database, as a second server would), `sql` runs a statement on it
    behind the store's back (with `?` placeholders), as another program or an older samarbeid would."""

    kind: str
    opener: Callable[..., Store]
    run: Callable[[str, tuple], list[tuple]]
    opened: list[Store] = field(default_factory=list)

    def open(self, **options) -> Store:
        store = self.opener(**options)
        self.opened.append(store)
        return store

    def sql(self, statement: str, params: tuple = ()) -> list[tuple]:
        return self.run(statement, params)


def _sqlite_run(path: Path) -> Callable[[str, tuple], list[tuple]]:
    def run(statement: str, params: tuple) -> list[tuple]:
        db = sqlite3.connect(path)
        try:
            with db:
                return db.execute(statement, params).fetchall()
        finally:
            db.close()

    return run


def _postgres_run(url: str) -> Callable[[str, tuple], list[tuple]]:
    def run(statement: str, params: tuple) -> list[tuple]:
        import psycopg

        with psycopg.connect(url, autocommit=True) as db:
            cursor = db.execute(statement.replace("?", "%s"), params or None)
            return cursor.fetchall() if cursor.description else []

    return run


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path: Path):
    """The test's database, once in SQLite and once in PostgreSQL (a throwaway cluster the tests start: see
    tests/pg.py); every store opened on it is closed at the end."""
    if request.param == "postgres":
        from assistant.pgstore import PostgresStore

        url = request.getfixturevalue("pg_url")
        found = Database("postgres", lambda **options: PostgresStore(url, **options), _postgres_run(url))
    else:
        path = tmp_path / "web.sqlite3"
        found = Database("sqlite", lambda **options: SqliteStore(path, **options), _sqlite_run(path))
    yield found
    for store in found.opened:
        store.close()


@pytest.fixture
def app(rule_base, engine, store):
    return create_app(rule_base, engine, store)


@pytest.fixture
def person(app):
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Browser(client)


@pytest.fixture
def new_person(app):
    """Another person's browser on the same server."""
    clients = []

    def make() -> Browser:
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return Browser(client)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`samarbeid serve --port 0` in a process of its own, over a data folder of its own: the address.
    For the modules that drive pages in Chromium (a module may define its own, as the room's does)."""
    data = tmp_path_factory.mktemp("web-data")
    env = {**os.environ, "SAMARBEID_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found = re.search(r"http://\S+?/", proc.stdout.readline())
    if not found:
        proc.kill()
        pytest.fail(f"the server did not start: {proc.stderr.read()}")
    yield found.group().rstrip("/")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert "Traceback" not in err, err
