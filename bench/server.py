"""The server's figures: `samarbeid serve` in its own process, and 1, 10 and 30 simulated people
answering through to a result at once (a lean HTTP/1.1 client of its own on loopback; the room's
projector and groups use httpx2).

Each simulated person is a browser of its own (its own cookie): it opens the start page,
chooses a role, and answers every question it is asked (a seeded random option, now and
then "don't know") until the result, which it fetches; then it begins again, until it has
done its interviews or the level's time is up. At three levels the people answer as fast as
the client can send (a stress test: 30 such clients are far more than 30 people); at the
last, 30 people pause 0.2-1 s before each answer, as a brisk room would. Measured per level:

- question pages served per second (GET of a question page, over the level's wall time);
- the CPU time the server and the simulated people used per question page;
- "answer submitted -> next question served": from sending the answer (POST) to having the
  next question page whole (the redirect followed), p50/p95/p99;
- the server's resident memory (VmRSS) after the level, and its peak (VmHWM), each with its result pages'
  helper's own memory added.

The workshop room (issue 14): a trainer makes a room, a projector listens to its server-sent
events, and 30 groups join and answer through the interview at once (each pausing 0.2-1 s before
an answer, as a brisk room would; then again without a pause, as a stress test). Measured: from
sending a group's answer to the projector's receiving the update that shows it ("answer ->
projector updated", p50/p95/p99; the page carries each group's count of answers), and the
server's memory with the room and its 30 sessions.

The client runs on the same two cores as the server, so the figures include its share.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

import httpx2

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3
"""Interviews per simulated person and level, when they answer without a pause."""
PAUSE = 1.0
"""The longest pause (seconds) before an answer at the paced level; each pause is 20-100 % of it."""
LEVELS = ((1, ROUNDS, 0.0), (10, ROUNDS, 0.0), (30, ROUNDS, 0.0), (30, 1, PAUSE))
"""(people, interviews each, pause): as fast as the client can go, then 30 at once at a brisk pace,
faster than anyone reads a question."""
LEVEL_TIME = 60.0
"""Seconds a level may take at most; the people stop after their current interview."""
ROLES = ("nav_leader_state", "nav_leader_municipal", "nav_employee_state", "entrepreneur", "trainer")
BUDGET_P95_MS = 50.0
BUDGET_PAGES = 300.0
BUDGET_RSS_MIB = 120.0
ROOM_GROUPS = 30
ROOM_LEVELS = (PAUSE, 0.0)
"""The room's groups pause 0.2-1 s before each answer, then not at all."""
BUDGET_ROOM_P95_S = 1.0
_GIVEN = re.compile(r'data-group="([^"]*)" data-given="(\d+)"')

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_OPTION = re.compile(r'name="answer" id="[^"]+" value="([^"]+)"')


def start_server(data: Path, database: str = "") -> tuple[subprocess.Popen[str], str]:
    """`samarbeid serve --port 0` with its own data folder (on PostgreSQL when `database` is its URL); the
    address it prints."""
    env = {**os.environ, "SAMARBEID_DATA_DIR": str(data), "PYTHONPATH": str(ROOT),
           "SAMARBEID_SESSIONS_PER_CLIENT": "1000000"}  # every simulated person comes from 127.0.0.1
    env.pop("SAMARBEID_DATABASE_URL", None)
    if database:
        env["SAMARBEID_DATABASE_URL"] = database
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"http://\S+/", line)
    if not found:
        proc.kill()
        raise RuntimeError(f"the server did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return proc, found.group().rstrip("/")


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) the process and its child processes (the server's result pages' helper) have
    used so far, from /proc."""
    total = 0
    for one in (pid, *children(pid)):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def memory_kib(pid: int) -> tuple[int, int]:
    """The server's resident memory now and at its peak (KiB), from /proc, with what its child processes add:
    the result pages' helper (assistant/web/results.py) is forked from the server and shares its pages; what
    it adds is its private memory (its pages of its own, now: they only grow), counted in both figures."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    added = sum(private_kib(child) for child in children(pid))
    return int(fields["VmRSS"].split()[0]) + added, int(fields["VmHWM"].split()[0]) + added


def children(pid: int) -> list[int]:
    """The process's child processes, from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def private_kib(pid: int) -> int:
    """The memory only this process holds (KiB): its private pages, clean and dirty."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return sum(int(line.split()[1]) for line in lines if line.startswith(("Private_Clean:", "Private_Dirty:")))


# ------------------------------------------------------------ a lean HTTP/1.1 client
class Browser:
    """One simulated browser over one kept-alive connection: HTTP/1.1 written and read by hand, its
    cookies kept, gzip asked for and undone. Far cheaper than a general client (httpx2 took more of the
    two cores than the server did), so the figures show the server's work, not the client's."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        """(status, the Location header, the body undone from gzip)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept-Encoding: gzip"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        length, location, gzipped, closing = 0, "", False, False
        for line in head[1:]:
            name, _, value = line.partition(":")
            name, value = name.lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "location":
                location = value
            elif name == "content-encoding":
                gzipped = value == "gzip"
            elif name == "connection":
                closing = value.lower() == "close"
            elif name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        data = await self.reader.readexactly(length) if length else b""
        if closing:
            await self.close()
        return status, location, zlib.decompress(data, 16 + zlib.MAX_WBITS) if gzipped else data

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


class Tally:
    def __init__(self) -> None:
        self.pages = 0
        self.waits: list[float] = []
        self.results = 0
        self.errors = 0


async def person(base: str, seed: int, tally: Tally, deadline: float, rounds: int, pause: float) -> None:
    """One browser doing `rounds` interviews, one after the other (each a new browser: a new session)."""
    rng = random.Random(seed)
    where = urlsplit(base)
    for _ in range(rounds):
        if time.perf_counter() > deadline:
            return
        browser = Browser(where.hostname or "127.0.0.1", where.port or 80)
        try:
            if not await interview(browser, rng, tally, pause):
                return
        finally:
            await browser.close()


async def interview(browser: Browser, rng: random.Random, tally: Tally, pause: float = 0.0) -> bool:
    """One interview from the start page to the result; False when a page was not what a browser expects."""
    status, _, page = await browser.request("GET", "/")
    csrf = _CSRF.search(page.decode())
    if status != 200 or csrf is None:
        tally.errors += 1
        return False
    token = csrf.group(1)
    _, where, _ = await browser.request("POST", "/start", {"csrf": token, "role": rng.choice(ROLES)})
    status, _, page = await browser.request("GET", where)
    tally.pages += 1
    while where.startswith("/q/"):
        options = _OPTION.findall(page.decode())
        if status != 200 or not options:
            tally.errors += 1
            return False
        real = [o for o in options if o != "dont_know"]
        chosen = "dont_know" if rng.random() < 0.1 or not real else rng.choice(real)
        if pause:
            await asyncio.sleep(rng.uniform(0.2 * pause, pause))  # reading and choosing
        sent = time.perf_counter()
        _, where, _ = await browser.request("POST", where, {"csrf": token, "answer": chosen})
        status, _, page = await browser.request("GET", where)
        if where.startswith("/q/"):
            tally.waits.append(time.perf_counter() - sent)
            tally.pages += 1
    if status == 200 and b'data-form="' in page:
        tally.results += 1
        return True
    tally.errors += 1
    return False


async def level(base: str | list[str], people: int, rounds: int = ROUNDS,
                pause: float = 0.0) -> tuple[Tally, float]:
    """`people` at once; given several servers, each person goes to one, in turn (as a load balancer sends them)."""
    bases = [base] if isinstance(base, str) else base
    tally = Tally()
    start = time.perf_counter()
    deadline = start + LEVEL_TIME
    await asyncio.gather(*(person(bases[n % len(bases)], 1000 * people + n, tally, deadline, rounds, pause)
                           for n in range(people)))
    return tally, time.perf_counter() - start


def run(main: Coroutine[Any, Any, T]) -> T:
    """The simulated people on uvloop where it is installed (as the server runs): less of the
    two cores goes to the client."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


# ------------------------------------------------------------ the floor
FLOOR_CLIENTS = 30
"""Kept-alive connections asking for the same question page again and again, at once."""
FLOOR_SECONDS = 3.0
FLOOR_ROUNDS = 3
"""samarbeid and the floor are measured one after the other, this many times (the machine's load
moves from second to second: each round's ratio is taken within the round, and the median shown)."""
BUDGET_FLOOR_RATE = 0.5
"""samarbeid's question pages per second, at least this share of the floor's."""
BUDGET_FLOOR_CPU = 2.0
"""samarbeid's CPU per question page, at most this many times the floor's."""


def start_floor(template: Path) -> tuple[subprocess.Popen[str], str]:
    """bench/floor.py over the saved page; the address it prints."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "floor.py"), str(template)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("http://"):
        proc.kill()
        raise RuntimeError(f"the floor did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return proc, line.strip().rstrip("/")


async def a_question(base: str) -> tuple[dict[str, str], str, str, str]:
    """A session five answers in: its cookies, the question it is at, that page and its form token."""
    where = urlsplit(base)
    browser = Browser(where.hostname or "127.0.0.1", where.port or 80)
    _, _, page = await browser.request("GET", "/")
    found = _CSRF.search(page.decode())
    assert found, "the start page has no form"
    token = found.group(1)
    _, path, page = await browser.request("POST", "/start", {"csrf": token, "role": "entrepreneur"})
    for _ in range(6):
        _, _, page = await browser.request("GET", path)
        options = [o for o in _OPTION.findall(page.decode()) if o != "dont_know"]
        _, path, _ = await browser.request("POST", path, {"csrf": token, "answer": options[0]})
    _, _, page = await browser.request("GET", path)
    await browser.close()
    return browser.cookies, path, page.decode(), token


def floor_template(page: str, token: str, path: str) -> str:
    """The page as a Jinja2 template: its form token and its question are the variables."""
    assert not any(mark in page for mark in ("{{", "{%", "{#")), "the page would not be a plain template"
    qid = path.rsplit("/", 1)[1]
    return page.replace(token, "{{ csrf }}").replace(f"/q/{qid}", "/q/{{ qid }}")


async def hammer(base: str, path: str, cookies: dict[str, str], clients: int, seconds: float) -> tuple[int, int]:
    """`clients` browsers asking for `path` without a pause for `seconds`: (pages got whole, errors)."""
    where = urlsplit(base)
    end = time.perf_counter() + seconds

    async def one() -> tuple[int, int]:
        browser = Browser(where.hostname or "127.0.0.1", where.port or 80)
        browser.cookies = dict(cookies)
        got = errors = 0
        while time.perf_counter() < end:
            status, _, _ = await browser.request("GET", path)
            got, errors = (got + 1, errors) if status == 200 else (got, errors + 1)
        await browser.close()
        return got, errors

    done = await asyncio.gather(*(one() for _ in range(clients)))
    return sum(d[0] for d in done), sum(d[1] for d in done)


def against_floor(proc: subprocess.Popen[str], base: str) -> dict[str, float]:
    """A question page asked for again and again from samarbeid and from the floor, side by side."""
    cookies, path, page, token = run(a_question(base))
    with tempfile.TemporaryDirectory(prefix="samarbeid-bench-floor-") as folder:
        template = Path(folder) / "question.html.j2"
        template.write_text(floor_template(page, token, path), encoding="utf-8")
        floor, floor_base = start_floor(template)
        try:
            figures: dict[str, list[float]] = {"rate": [], "cpu": [], "floor_rate": [], "floor_cpu": [],
                                               "rate_ratio": [], "cpu_ratio": [], "errors": []}
            for _ in range(FLOOR_ROUNDS):
                for name, server, at, jar in (("", proc, base, cookies), ("floor_", floor, floor_base, {})):
                    cpu, start = cpu_seconds(server.pid), time.perf_counter()
                    got, errors = run(hammer(at, path, jar, FLOOR_CLIENTS, FLOOR_SECONDS))
                    wall, cpu = time.perf_counter() - start, cpu_seconds(server.pid) - cpu
                    figures[name + "rate"].append(got / wall)
                    figures[name + "cpu"].append(cpu * 1000 / max(1, got))
                    figures["errors"].append(errors)
                figures["rate_ratio"].append(figures["rate"][-1] / figures["floor_rate"][-1])
                figures["cpu_ratio"].append(figures["cpu"][-1] / figures["floor_cpu"][-1])
        finally:
            floor.terminate()
            floor.wait(timeout=10)
    out = {key: statistics.median(values) for key, values in figures.items()}
    out["errors"] = sum(figures["errors"])
    out["bytes"] = len(page.encode())
    out["gzip_bytes"] = len(zlib.compress(page.encode()))
    return out


def measure() -> tuple[list[dict[str, float]], dict[str, float]]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="samarbeid-bench-") as data:
        started = time.perf_counter()
        proc, base = start_server(Path(data))
        ready = time.perf_counter() - started
        try:
            floor = against_floor(proc, base)
            for people, rounds, pause in LEVELS:
                cpu, client = cpu_seconds(proc.pid), time.process_time()
                tally, wall = run(level(base, people, rounds, pause))
                cpu, client = cpu_seconds(proc.pid) - cpu, time.process_time() - client
                rss, peak = memory_kib(proc.pid)
                figures.append({
                    "people": people, "pause": pause, "pages_per_s": tally.pages / wall, "pages": tally.pages,
                    "p50": statistics.median(tally.waits) * 1000 if tally.waits else float("nan"),
                    "p95": percentile(tally.waits, 0.95) * 1000, "p99": percentile(tally.waits, 0.99) * 1000,
                    "rss": rss / 1024, "peak": peak / 1024, "results": tally.results, "errors": tally.errors,
                    "wall": wall, "ready": ready, "cpu_ms": cpu * 1000 / max(1, tally.pages),
                    "client_ms": client * 1000 / max(1, tally.pages),
                })
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return figures, floor


# ------------------------------------------------------------ the workshop room
class RoomTally:
    def __init__(self) -> None:
        self.sent: dict[str, list[tuple[int, float]]] = {}
        """Group -> (its count of answers after an answer, when the answer was sent), not yet shown."""
        self.waits: list[float] = []
        self.events = 0
        self.answers = 0
        self.errors = 0


async def projector(base: str, code: str, tally: RoomTally, ready: asyncio.Event) -> None:
    """The projector's page: it listens to the room's events and notes when each answer shows."""
    async with httpx2.AsyncClient(base_url=base, timeout=None, trust_env=False) as client, \
            client.stream("GET", f"/room/{code}/events?view=screen") as stream:
        ready.set()
        async for line in stream.aiter_lines():
            if not line.startswith("data: "):
                continue
            now = time.perf_counter()
            tally.events += 1
            for name, given in _GIVEN.findall(json.loads(line[6:])["html"]):
                waiting = tally.sent.get(html.unescape(name), [])
                while waiting and waiting[0][0] <= int(given):
                    tally.waits.append(now - waiting.pop(0)[1])


async def group(base: str, code: str, name: str, rng: random.Random, tally: RoomTally, pause: float) -> None:
    """One group's device: it joins the room and answers the interview through to the result."""
    async with httpx2.AsyncClient(base_url=base, timeout=30.0, trust_env=False) as client:
        page = await client.get(f"/join?code={code}")
        joined = await client.post("/join", data={"csrf": _CSRF.findall(page.text)[0], "code": code, "name": name})
        page = await client.get("/")
        found = _CSRF.search(page.text)
        if joined.status_code != 303 or found is None:
            tally.errors += 1
            return
        token, given = found.group(1), 1
        mine = tally.sent.setdefault(name, [])
        mine.append((given, time.perf_counter()))
        answer = await client.post("/start", data={"csrf": token, "role": rng.choice(ROLES)})
        where = answer.headers.get("location", "")
        while where.startswith("/q/"):
            options = [o for o in _OPTION.findall((await client.get(where)).text) if o != "dont_know"]
            if not options:
                tally.errors += 1
                return
            if pause:
                await asyncio.sleep(rng.uniform(0.2 * pause, pause))
            given += 1
            mine.append((given, time.perf_counter()))
            answer = await client.post(where, data={"csrf": token, "answer": rng.choice(options)})
            tally.answers += 1
            where = answer.headers.get("location", "")


async def room_level(base: str, groups: int, pause: float) -> RoomTally:
    tally = RoomTally()
    async with httpx2.AsyncClient(base_url=base, timeout=30.0, trust_env=False) as trainer:
        page = await trainer.get("/workshop")
        made = await trainer.post("/workshop", data={"csrf": _CSRF.findall(page.text)[0], "lang": "nb"})
        code = made.headers["location"].split("/")[2]
    ready = asyncio.Event()
    listening = asyncio.create_task(projector(base, code, tally, ready))
    await asyncio.wait_for(ready.wait(), 10)
    rng = random.Random(groups * 7 + int(pause * 10))
    await asyncio.gather(*(group(base, code, f"Gruppe {n + 1}", random.Random(rng.random()), tally, pause)
                           for n in range(groups)))
    await asyncio.sleep(2.0)  # the last answers' updates
    listening.cancel()
    tally.errors += sum(len(waiting) for waiting in tally.sent.values())  # answers the projector never showed
    return tally


def measure_room() -> list[dict[str, float]]:
    """Each level on a server of its own (a room's 30 joins from one address are what the join limit
    lets through at once)."""
    figures = []
    for pause in ROOM_LEVELS:
        with tempfile.TemporaryDirectory(prefix="samarbeid-bench-room-") as data:
            proc, base = start_server(Path(data))
            try:
                cpu = cpu_seconds(proc.pid)
                start = time.perf_counter()
                tally = run(room_level(base, ROOM_GROUPS, pause))
                wall = time.perf_counter() - start
                rss, peak = memory_kib(proc.pid)
                figures.append({"pause": pause, "answers": tally.answers, "events": tally.events,
                                "p50": statistics.median(tally.waits) if tally.waits else float("nan"),
                                "p95": percentile(tally.waits, 0.95), "p99": percentile(tally.waits, 0.99),
                                "errors": tally.errors, "rss": rss / 1024, "peak": peak / 1024, "wall": wall,
                                "cpu_ms": (cpu_seconds(proc.pid) - cpu) * 1000 / max(1, tally.answers)})
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    return figures


def room_rows() -> list[tuple[str, str, str, str]]:
    out = []
    for f in measure_room():
        who = f"{ROOM_GROUPS} groups" + (f" pausing {0.2 * f['pause']:.1f}-{f['pause']:.0f} s" if f["pause"]
                                         else ", no pause")
        out.append((f"room, {who}: answer -> projector updated p50/p95/p99",
                    f"{f['p50'] * 1000:.0f}/{f['p95'] * 1000:.0f}/{f['p99'] * 1000:.0f} ms",
                    f"{int(f['answers'])} answers, {int(f['events'])} events, {int(f['errors'])} errors",
                    f"p95 <= {BUDGET_ROOM_P95_S:.0f} s: " + verdict(f["p95"] <= BUDGET_ROOM_P95_S)))
        out.append((f"room, {who}: server CPU per answer, memory (now, peak)",
                    f"{f['cpu_ms']:.1f} ms, {f['rss']:.0f}/{f['peak']:.0f} MiB", f"{f['wall']:.0f} s",
                    f"<= {BUDGET_RSS_MIB:.0f} MiB: " + verdict(f["peak"] <= BUDGET_RSS_MIB) if f["pause"] else ""))
    return out


# ------------------------------------------------------------ one server process or two, SQLite or PostgreSQL
DEPLOYMENT_PEOPLE = 30


def measure_deployment(processes: int, database: str, others: Callable[[], float]) -> dict[str, float]:
    """30 people without a pause spread over `processes` servers on one database (a fresh SQLite file, or
    the PostgreSQL whose URL `database` is): pages per second, p95, and the CPU per page of the servers and
    of the database's own processes (`others`: their CPU seconds so far)."""
    with tempfile.TemporaryDirectory(prefix="samarbeid-bench-deploy-") as data:
        servers = [start_server(Path(data), database) for _ in range(processes)]
        try:
            cpu, other = sum(cpu_seconds(proc.pid) for proc, _ in servers), others()
            tally, wall = run(level([base for _, base in servers], DEPLOYMENT_PEOPLE))
            cpu, other = sum(cpu_seconds(proc.pid) for proc, _ in servers) - cpu, others() - other
        finally:
            for proc, _ in servers:
                proc.terminate()
                proc.wait(timeout=10)
    pages = max(1, tally.pages)
    return {"pages_per_s": tally.pages / wall, "p95": percentile(tally.waits, 0.95) * 1000,
            "cpu_ms": cpu * 1000 / pages, "db_ms": other * 1000 / pages, "errors": tally.errors}


def tree_cpu(root: int) -> float:
    """The CPU seconds of a process and its children so far (PostgreSQL: the postmaster and its backends)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(stat.parent.name) == root or int(fields[1]) == root:
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


class Postgres:
    """A throwaway PostgreSQL cluster (the tests' own, tests/pg.py, fsync off): its URL, its CPU, its stop."""

    def __init__(self) -> None:
        sys.path.insert(0, str(ROOT))
        from tests.pg import start_cluster

        self.cluster = start_cluster()
        self.url = self.cluster.new_schema()
        self.postmaster = int((self.cluster.folder / "data" / "postmaster.pid").read_text().split()[0])

    def cpu(self) -> float:
        return tree_cpu(self.postmaster)

    def stop(self) -> None:
        self.cluster.stop()


def postgres() -> Postgres | None:
    """The cluster, or None (said on standard error) where it cannot be started here."""
    try:
        return Postgres()
    except (Exception, SystemExit) as err:  # any reason it cannot start is said, and its rows left out
        print(f"bench: no PostgreSQL rows: {err}", file=sys.stderr)
    except BaseException as err:  # pytest's skip, which tests/pg.py raises where PostgreSQL is missing
        if isinstance(err, KeyboardInterrupt):
            raise
        print(f"bench: no PostgreSQL rows: {err}", file=sys.stderr)
    return None


def deployment_rows() -> list[tuple[str, str, str, str]]:
    out = []
    cluster = postgres()
    try:
        for name, database, others in (("SQLite", "", lambda: 0.0),
                                       ("PostgreSQL", cluster.url if cluster else None,
                                        cluster.cpu if cluster else lambda: 0.0)):
            if database is None:
                continue
            for processes in (1, 2):
                f = measure_deployment(processes, database, others)
                server = f"CPU {f['cpu_ms']:.1f}" + (f" + database {f['db_ms']:.1f}" if database else "")
                out.append((f"serve x{processes} on {name}, {DEPLOYMENT_PEOPLE} people, no pause: pages/s, p95",
                            f"{f['pages_per_s']:.0f}/s, {f['p95']:.0f} ms",
                            f"{server} ms/page" + (f", {int(f['errors'])} errors" if f["errors"] else ""),
                            f"p95 <= {BUDGET_P95_MS:.0f} ms: " + verdict(f["p95"] <= BUDGET_P95_MS)))
    finally:
        if cluster:
            cluster.stop()
    return out


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def rows() -> list[tuple[str, str, str, str]]:
    """The server's rows for bench/run.py: (figure, value, ratio, budget)."""
    figures, floor = measure()
    ready = figures[0]["ready"]
    # a fresh data folder, so a first start (the rule base from YAML, its snapshot made): the budget is for a
    # start from the snapshot, bench/run.py's row
    out = [("(for reference) samarbeid serve, fresh data folder: start to listening", f"{ready * 1000:.0f} ms", "",
            "a first start"),
           (f"floor: a minimal Starlette app, the same page as a template ({floor['bytes'] / 1024:.1f} KiB): "
            "pages/s, CPU/page",
            f"{floor['floor_rate']:,.0f}/s, {floor['floor_cpu']:.2f} ms", "", ""),
           (f"serve: a question page again and again, {FLOOR_CLIENTS} connections: pages per second",
            f"{floor['rate']:,.0f}/s", f"{floor['rate_ratio']:.2f} x floor",
            f">= {BUDGET_FLOOR_RATE} x floor: " + verdict(floor["rate_ratio"] >= BUDGET_FLOOR_RATE)
            + (f" ({int(floor['errors'])} errors)" if floor["errors"] else "")),
           ("serve: CPU per question page (server process CPU / pages)", f"{floor['cpu']:.2f} ms",
            f"{floor['cpu_ratio']:.2f} x floor",
            f"<= {BUDGET_FLOOR_CPU:.0f} x floor: " + verdict(floor["cpu_ratio"] <= BUDGET_FLOOR_CPU))]
    for f in figures:
        n = int(f["people"])
        who = f"{n} {'person' if n == 1 else 'people'}" + (f" pausing {0.2 * f['pause']:.1f}-{f['pause']:.0f} s"
                                                           if f["pause"] else ", no pause")
        at_30 = n == 30
        out.append((f"serve, {who}: answer -> next question p50/p95/p99",
                    f"{f['p50']:.0f}/{f['p95']:.0f}/{f['p99']:.0f} ms", "",
                    f"p95 <= {BUDGET_P95_MS:.0f} ms: " + verdict(f["p95"] <= BUDGET_P95_MS) if at_30 else ""))
        if f["pause"]:
            continue
        out.append((f"serve, {who}: question pages per second", f"{f['pages_per_s']:.0f}",
                    f"{int(f['pages'])} pages", f">= {BUDGET_PAGES:.0f}: " + verdict(f["pages_per_s"] >= BUDGET_PAGES)
                    if at_30 else ""))
        out.append((f"serve, {who}: CPU per question (answer + next page)", f"{f['cpu_ms']:.1f} ms",
                    f"client {f['client_ms']:.1f} ms", "server / simulated people"))
        out.append((f"serve, {who}: server memory (now, peak)", f"{f['rss']:.0f}/{f['peak']:.0f} MiB",
                    f"{int(f['results'])} results, {int(f['errors'])} errors",
                    f"<= {BUDGET_RSS_MIB:.0f} MiB: " + verdict(f["peak"] <= BUDGET_RSS_MIB) if at_30 else ""))
    return out if "--quick" in sys.argv else [*out, *room_rows(), *deployment_rows()]


def main() -> None:
    global LEVELS
    if "--quick" in sys.argv:  # the floor and 30 people (without a pause, and pausing) only: for work on the server
        LEVELS = ((30, ROUNDS, 0.0), (30, 1, PAUSE))
    if "--room" in sys.argv:  # the workshop room's figures alone
        table = room_rows()
    elif "--deployments" in sys.argv:  # one process or two, on SQLite and on PostgreSQL, alone
        table = deployment_rows()
    else:
        table = rows()
    width = max(len(r[0]) for r in table)
    for name, value, ratio, budget in table:
        print(f"{name.ljust(width)}  {value:>14}  {ratio:>20}  {budget}")


if __name__ == "__main__":
    main()
