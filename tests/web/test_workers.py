"""Issue 23, point 2: `samarbeid serve --workers N`, several server processes on one port, over one
SQLite file.

The server runs as a real process; its workers are found in the process tree (the children uvicorn
spawned). To show that each worker answers on its own, one is paused (SIGSTOP) while the other takes
the requests: an answer given through one worker is read back through the other.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.web.conftest import csrf_of, options_of
from tests.web.test_http_server import Server

httpx2 = pytest.importorskip("httpx2")

pytestmark = pytest.mark.xdist_group("serve-process")


def workers_of(pid: int) -> list[int]:
    """The server processes uvicorn spawned for the process `pid` (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and "spawn_main" in command:
            found.append(int(entry.name))
    return sorted(found)


@contextmanager
def paused(pid: int):
    """The process stopped (it takes no connection) for the time of the block."""
    import os

    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the process tree is read from /proc (Linux)")
def test_two_workers_each_answer_share_the_answers_and_stop_on_sigterm(tmp_path):
    server = Server(tmp_path, "--workers", "2")
    stopped = False
    try:
        assert "http://127.0.0.1:" in server.said, "the address is said once, when every worker serves"
        one, two = workers_of(server.proc.pid)  # exactly two
        with paused(two), httpx2.Client(base_url=server.base, timeout=20) as client:  # the first worker alone
            token = csrf_of(client.get("/").text)
            where = client.post("/start", data={"csrf": token, "role": "trainer"}).headers["location"]
            option = options_of(client.get(where).text)[0]
            answered = client.post(where, data={"csrf": token, "answer": option})
            assert answered.status_code == 303
            after = answered.headers["location"]
            cookies = dict(client.cookies)
        with paused(one), httpx2.Client(base_url=server.base, timeout=20, cookies=cookies) as client:  # the second
            assert client.get("/continue").headers["location"] == after, "the answer is kept for every worker"
            assert client.get(after).status_code == 200
            assert client.get("/internal/isready").status_code == 200
        code, out, err = server.stop(signal.SIGTERM)
        stopped = True
    finally:
        if not stopped:
            server.proc.kill()
            server.proc.wait(timeout=10)
    assert code == 0, err
    assert "samarbeid: stoppet. Svarene er lagret i" in out
    assert "Traceback" not in err, err
    assert not [pid for pid in (one, two) if Path(f"/proc/{pid}").exists()], "the workers have ended too"


def test_one_worker_is_todays_server_with_no_children(tmp_path):
    """The default is one process, serving by itself as before: no worker is spawned."""
    server = Server(tmp_path)
    try:
        assert workers_of(server.proc.pid) == []
        with httpx2.Client(base_url=server.base, timeout=10) as client:
            assert client.get("/").status_code == 200
    finally:
        code, out, err = server.stop(signal.SIGTERM)
    assert code == 0 and "samarbeid: stoppet." in out, err


@pytest.mark.parametrize("given", ["0", "-1", "65", "two", "1.5", "\u0662"])
def test_a_number_of_workers_that_is_not_one_is_refused(given, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    run = run_cli("serve", "--lang", "en", f"--workers={given}")
    assert run.returncode == 2
    assert "is not a number of server processes from 1 to 64" in run.stderr and "Traceback" not in run.stderr
    monkeypatch.setenv("SAMARBEID_WORKERS", given)
    run = run_cli("serve", "--lang", "en")
    assert run.returncode == 2
    assert "SAMARBEID_WORKERS" in run.stderr and "from 1 to 64" in run.stderr and "Traceback" not in run.stderr


def _count(text: str, route: str) -> float:
    """The requests answered on `route` with 200, as /internal/metrics says."""
    import re

    labels = f'method="GET",route="{re.escape(route)}",status="200"'
    found = re.search(rf"^samarbeid_http_requests_total\{{{labels}\}} (\S+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the process tree is read from /proc (Linux)")
def test_the_metrics_are_every_workers_together_whichever_answers(tmp_path):
    """Pages served by each worker alone; a scrape reaching either worker counts them all, and the rooms open
    are the database's."""
    server = Server(tmp_path, "--workers", "2")
    try:
        one, two = workers_of(server.proc.pid)
        with paused(two), httpx2.Client(base_url=server.base, timeout=20) as client:
            for _ in range(3):
                assert client.get("/").status_code == 200
            token = csrf_of(client.get("/workshop").text)
            assert client.post("/workshop", data={"csrf": token, "lang": "en"}).status_code == 303
        with paused(one), httpx2.Client(base_url=server.base, timeout=20) as client:
            for _ in range(2):
                assert client.get("/").status_code == 200
            seen_by_two = client.get("/internal/metrics").text
        with paused(two), httpx2.Client(base_url=server.base, timeout=20) as client:
            seen_by_one = client.get("/internal/metrics").text
        for seen in (seen_by_one, seen_by_two):
            assert _count(seen, "/") == 5, "the three pages of the first worker and the two of the second"
            assert "samarbeid_rooms_open 1.0" in seen
            assert "samarbeid_http_request_seconds_bucket" in seen
        folders = list(Path(tmp_path).rglob(".metrics-*"))
        assert len(folders) == 1, "the workers keep their figures in the data folder"
    finally:
        code, _, err = server.stop(signal.SIGTERM)
    assert code == 0 and "Traceback" not in err, err
    assert not list(Path(tmp_path).rglob(".metrics-*")), "and the folder is gone when the server stops"
