"""The server's figures: `samarbeid serve` in its own process, and 1, 10 and 30 simulated people
answering through to a result at once (an async httpx2 client on loopback).

Each simulated person is a browser of its own (its own cookie): it opens the start page,
chooses a role, and answers every question it is asked (a seeded random option, now and
then "don't know") until the result, which it fetches; then it begins again, until it has
done ROUNDS interviews or the level's time is up. Measured per level:

- question pages served per second (GET of a question page, over the level's wall time);
- "answer submitted -> next question served": from sending the answer (POST) to having the
  next question page whole (the redirect followed), p50/p95/p99;
- the server's resident memory (VmRSS) after the level, and its peak (VmHWM).

The client runs on the same two cores as the server, so the figures include its share.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
LEVELS = (1, 10, 30)
ROUNDS = 3
"""Interviews per simulated person and level."""
LEVEL_TIME = 60.0
"""Seconds a level may take at most; the people stop after their current interview."""
ROLES = ("nav_leader_state", "nav_leader_municipal", "nav_employee_state", "entrepreneur", "trainer")
BUDGET_P95_MS = 50.0
BUDGET_PAGES = 300.0
BUDGET_RSS_MIB = 120.0

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_OPTION = re.compile(r'name="answer" id="[^"]+" value="([^"]+)"')


def start_server(data: Path) -> tuple[subprocess.Popen[str], str]:
    """`samarbeid serve --port 0` with its own data folder; the address it prints."""
    env = {**os.environ, "SAMARBEID_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"http://\S+/", line)
    if not found:
        proc.kill()
        raise RuntimeError(f"the server did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return proc, found.group().rstrip("/")


def memory_kib(pid: int) -> tuple[int, int]:
    """The process's resident memory now and at its peak (KiB), from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


class Tally:
    def __init__(self) -> None:
        self.pages = 0
        self.waits: list[float] = []
        self.results = 0
        self.errors = 0


async def person(base: str, seed: int, tally: Tally, deadline: float) -> None:
    """One browser doing ROUNDS interviews, one after the other."""
    rng = random.Random(seed)
    async with httpx2.AsyncClient(base_url=base, timeout=30.0) as client:
        for _ in range(ROUNDS):
            if time.perf_counter() > deadline:
                return
            client.cookies.clear()  # a new browser: a new session
            if not await interview(client, rng, tally):
                return


async def interview(client: httpx2.AsyncClient, rng: random.Random, tally: Tally) -> bool:
    """One interview from the start page to the result; False when a page was not what a browser expects."""
    page = await client.get("/")
    csrf = _CSRF.search(page.text)
    if page.status_code != 200 or csrf is None:
        tally.errors += 1
        return False
    token = csrf.group(1)
    answer = await client.post("/start", data={"csrf": token, "role": rng.choice(ROLES)})
    where = answer.headers.get("location", "")
    page = await client.get(where)
    tally.pages += 1
    while where.startswith("/q/"):
        options = _OPTION.findall(page.text)
        if page.status_code != 200 or not options:
            tally.errors += 1
            return False
        real = [o for o in options if o != "dont_know"]
        chosen = "dont_know" if rng.random() < 0.1 or not real else rng.choice(real)
        sent = time.perf_counter()
        answer = await client.post(where, data={"csrf": token, "answer": chosen})
        where = answer.headers.get("location", "")
        page = await client.get(where)
        if where.startswith("/q/"):
            tally.waits.append(time.perf_counter() - sent)
            tally.pages += 1
    if page.status_code == 200 and 'data-form="' in page.text:
        tally.results += 1
        return True
    tally.errors += 1
    return False


async def level(base: str, people: int) -> tuple[Tally, float]:
    tally = Tally()
    start = time.perf_counter()
    deadline = start + LEVEL_TIME
    await asyncio.gather(*(person(base, 1000 * people + n, tally, deadline) for n in range(people)))
    return tally, time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def measure() -> list[dict[str, float]]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="samarbeid-bench-") as data:
        started = time.perf_counter()
        proc, base = start_server(Path(data))
        ready = time.perf_counter() - started
        try:
            for people in LEVELS:
                tally, wall = asyncio.run(level(base, people))
                rss, peak = memory_kib(proc.pid)
                figures.append({
                    "people": people, "pages_per_s": tally.pages / wall, "pages": tally.pages,
                    "p50": statistics.median(tally.waits) * 1000 if tally.waits else float("nan"),
                    "p95": percentile(tally.waits, 0.95) * 1000, "p99": percentile(tally.waits, 0.99) * 1000,
                    "rss": rss / 1024, "peak": peak / 1024, "results": tally.results, "errors": tally.errors,
                    "wall": wall, "ready": ready,
                })
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return figures


def rows() -> list[tuple[str, str, str, str]]:
    """The server's rows for bench/run.py: (figure, value, ratio, budget)."""
    figures = measure()
    out = [("samarbeid serve: start to listening (address printed)", f"{figures[0]['ready'] * 1000:.0f} ms", "",
            "well under 1 s: " + ("met" if figures[0]["ready"] < 1.0 else "NOT met"))]
    for f in figures:
        n = int(f["people"])
        who = f"{n} {'person' if n == 1 else 'people'}"
        out.append((f"serve, {who}: answer -> next question p50/p95/p99",
                    f"{f['p50']:.0f}/{f['p95']:.0f}/{f['p99']:.0f} ms", "",
                    f"p95 <= {BUDGET_P95_MS:.0f} ms at 30: " + ("met" if f["p95"] <= BUDGET_P95_MS else "NOT met")
                    if n == 30 else ""))
        out.append((f"serve, {who}: question pages per second", f"{f['pages_per_s']:.0f}",
                    f"{int(f['pages'])} pages", f">= {BUDGET_PAGES:.0f} at 30: "
                    + ("met" if f["pages_per_s"] >= BUDGET_PAGES else "NOT met") if n == 30 else ""))
        out.append((f"serve, {who}: server memory (now, peak)", f"{f['rss']:.0f}/{f['peak']:.0f} MiB",
                    f"{int(f['results'])} results, {int(f['errors'])} errors",
                    f"<= {BUDGET_RSS_MIB:.0f} MiB at 30: " + ("met" if f["peak"] <= BUDGET_RSS_MIB else "NOT met")
                    if n == 30 else ""))
    return out


def main() -> None:
    table = rows()
    width = max(len(r[0]) for r in table)
    for name, value, ratio, budget in table:
        print(f"{name.ljust(width)}  {value:>14}  {ratio:>20}  {budget}")


if __name__ == "__main__":
    main()
