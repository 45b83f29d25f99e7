"""Two `samarbeid serve` processes on one database, as two replicas behind a load balancer (issue 23):
a group answers through one while the projector listens on the other and sees the group move; one is
killed mid-answer and nothing answered is lost; a second join under the same name through the other is
refused; the trainer's link made through one works through the other."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.web.conftest import csrf_of, options_of

httpx2 = pytest.importorskip("httpx2")

CODE = re.compile(r'<dd class="join-code">([A-Z0-9]{6})</dd>')
SEEN_WITHIN = 1.0
"""Seconds from a group's answer through one process to the projector on the other showing it (PostgreSQL
tells the other process by LISTEN/NOTIFY; on SQLite it looks at the file's data_version five times a second)."""


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0", "--lang", "en"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found = re.search(r"http://(\S+?)/", proc.stdout.readline() if proc.stdout else "")
    if not found:
        proc.kill()
        pytest.fail(f"the server did not start: {proc.communicate()[1]}")
    return proc, f"http://{found.group(1)}"


def _stop(proc: subprocess.Popen[str]) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    return proc.communicate(timeout=20)[1]


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path: Path) -> dict[str, str]:
    """The environment two server processes share a database by."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAMARBEID_DATA_DIR": str(tmp_path)}
    env.pop("SAMARBEID_DATABASE_URL", None)
    if request.param == "postgres":
        env["SAMARBEID_DATABASE_URL"] = request.getfixturevalue("pg_url")
    return env


def _join(client, code: str, name: str):
    token = csrf_of(client.get(f"/join?code={code}").text)
    return client.post("/join", data={"csrf": token, "code": code, "name": name})


def _answered(screen_html: str, name: str) -> int:
    """The count of answers the projector shows for the group (its progress bar's value), -1 if none."""
    found = re.search(rf'data-group="{re.escape(name)}".*?<progress max="\d+" value="(\d+)"', screen_html, re.S)
    return int(found.group(1)) if found else -1


@pytest.mark.xdist_group("serve-process")
def test_two_processes_share_one_room(database):
    a, base_a = _serve(database)
    b, base_b = _serve(database)
    try:
        with httpx2.Client(base_url=base_a, timeout=20) as trainer_a, \
                httpx2.Client(base_url=base_b, timeout=20) as trainer_b, \
                httpx2.Client(base_url=base_a, timeout=20) as group, \
                httpx2.Client(base_url=base_b, timeout=20) as second:
            token = csrf_of(trainer_a.get("/workshop").text)
            made = trainer_a.post("/workshop", data={"csrf": token, "lang": "en"})
            page = trainer_a.get(made.headers["location"]).text
            code = CODE.search(page).group(1)
            link = re.search(rf"http://[^/\s\"]+(/room/{code}/t/[\w-]+)", page).group(1)
            assert trainer_b.get(link).status_code in (200, 303), "the trainer's link works through the other process"
            assert trainer_b.get(f"/room/{code}/trainer").status_code == 200

            assert _join(group, code, "Nord").status_code == 303
            refused = _join(second, code, "Nord")
            assert refused.status_code != 303 and "Nord" in refused.text, "the name is taken, in either process"

            csrf = csrf_of(group.get("/").text)
            where = group.post("/start", data={"csrf": csrf, "role": "entrepreneur"}).headers["location"]
            updates: list[tuple[float, str]] = []
            listening, done = threading.Event(), threading.Event()

            def listen() -> None:
                with httpx2.Client(base_url=base_b, timeout=30) as projector, \
                        projector.stream("GET", f"/room/{code}/events?view=screen") as stream:
                    listening.set()
                    for line in stream.iter_lines():
                        if line.startswith("data: {"):
                            updates.append((time.monotonic(), json.loads(line[6:])["html"]))
                        if done.is_set() or b.poll() is not None:
                            return

            watcher = threading.Thread(target=listen, daemon=True)
            watcher.start()
            assert listening.wait(10)
            deadline = time.monotonic() + 10
            while not updates and time.monotonic() < deadline:  # the projector's first picture
                time.sleep(0.02)
            assert updates, "the projector on the other process shows the room"
            before = _answered(updates[-1][1], "Nord")
            assert before >= 1, "the projector shows the group, and the role it chose"

            option = options_of(group.get(where).text)[0]
            answered_at = time.monotonic()
            where = group.post(where, data={"csrf": csrf, "answer": option}).headers["location"]
            deadline = answered_at + 10
            while time.monotonic() < deadline and not any(_answered(html, "Nord") > before for _, html in updates):
                time.sleep(0.01)
            done.set()
            moved = [when for when, html in updates if _answered(html, "Nord") > before]
            assert moved, "the group's answer through A reached the projector on B"
            seen = moved[0] - answered_at
            assert seen <= SEEN_WITHIN, f"the projector saw the answer after {seen:.2f} s"

            for _ in range(3):  # answers through A ...
                option = options_of(group.get(where).text)[0]
                where = group.post(where, data={"csrf": csrf, "answer": option}).headers["location"]
            a.kill()  # ... which dies without a word, as in a crash
            a.wait(timeout=10)
            group_on_b = httpx2.Client(base_url=base_b, timeout=20, cookies=dict(group.cookies))
            with group_on_b:
                assert group_on_b.get("/continue").headers["location"] == where, "nothing answered through A is lost"
    finally:
        for proc in (a, b):
            err = _stop(proc)
            assert "Traceback" not in err, err
