"""The assistant's figures: start to first question in a real terminal (a pty) and
peak memory, each against a minimal Textual app; next question in the headless pilot.
"""

from __future__ import annotations

import asyncio
import os
import pty
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")
MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("ready-marker")
Minimal().run()
"""


def first_frame(args: list[str], marker: bytes, env: dict[str, str], timeout: float = 30.0,
                settle: float = 2.0) -> tuple[float, int]:
    """Seconds from start until `marker` is on the terminal, and the peak memory (KiB) of the run.

    After the marker the program runs on for `settle` seconds (so the assistant has loaded its
    rule base) before it is asked to quit; the memory is the peak over the whole run.
    """
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(args[0], args, env)
    start = time.perf_counter()
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in ANSI.sub(b"", seen):
                    elapsed = time.perf_counter() - start
                    break
        calm = time.perf_counter() + settle
        while time.perf_counter() < calm:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    os.read(fd, 65536)
                except OSError:
                    break
        os.write(fd, b"\x11")  # ctrl+q
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    break
    finally:
        _, status, usage = os.wait4(pid, 0)
        os.close(fd)
    if elapsed is None:
        raise RuntimeError(f"{args} never showed {marker!r}")
    return elapsed, usage.ru_maxrss


def terminal_figures(runs: int = 9) -> dict[str, float]:
    """Medians over interleaved runs (minimal, assistant, minimal, …) after one warm-up each,
    so that drift on a busy machine falls on both alike."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    with tempfile.TemporaryDirectory() as data:
        env["SAMARBEID_DATA_DIR"] = data
        minimal = Path(data) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        programs = {
            "floor": ([sys.executable, str(minimal)], b"ready-marker"),
            "ours": ([sys.executable, "-m", "assistant"], "Hvem er du?".encode()),
        }
        for args, marker in programs.values():
            first_frame(args, marker, env, settle=0.2)
        results: dict[str, list[tuple[float, int]]] = {"floor": [], "ours": []}
        for _ in range(runs):
            for name, (args, marker) in programs.items():
                results[name].append(first_frame(args, marker, env))
    return {
        "floor_start": statistics.median(t for t, _ in results["floor"]),
        "start": statistics.median(t for t, _ in results["ours"]),
        "floor_memory": statistics.median(m for _, m in results["floor"]),
        "memory": statistics.median(m for _, m in results["ours"]),
    }


async def next_question_ms(count: int = 25) -> list[float]:
    """Key press to the next question painted, in the headless pilot.

    The clock starts when the key is sent and stops at the first screen refresh
    after the question screen has put up the new question.
    """
    from assistant.tui.app import SamarbeidApp
    from assistant.tui.question import QuestionScreen

    with tempfile.TemporaryDirectory() as data:
        os.environ["SAMARBEID_DATA_DIR"] = data
        app = SamarbeidApp(answers={"role": ("trainer",)}, start_in_questions=True)
        painted: list[float] = []
        show = QuestionScreen.show

        def timed_show(screen, qid):
            show(screen, qid)
            screen.call_after_refresh(lambda: painted.append(time.perf_counter()))

        QuestionScreen.show = timed_show  # type: ignore[method-assign]
        times = []
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                await app.ready.wait()
                await pilot.pause()
                for _ in range(count):
                    screen = app.screen
                    if not isinstance(screen, QuestionScreen):
                        break
                    if app.question(screen.qid).kind == "multi":
                        await pilot.press("space")  # choose the first option, then time the enter
                    painted.clear()
                    start = time.perf_counter()
                    await pilot.press("enter")
                    await pilot.pause()
                    if painted:
                        times.append((painted[0] - start) * 1000)
        finally:
            QuestionScreen.show = show  # type: ignore[method-assign]
    return times


def rows() -> list[tuple[str, str, str, str]]:
    # an installed samarbeid has bytecode, like the installed Textual it is compared with
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "assistant")], check=True)
    t = terminal_figures()
    steps = asyncio.run(next_question_ms())
    start_ratio = t["start"] / t["floor_start"]
    mem_ratio = t["memory"] / t["floor_memory"]
    worst = max(steps)
    return [
        ("floor: minimal Textual app, start to first frame", f"{t['floor_start'] * 1000:.0f} ms", "", ""),
        ("assistant: start to first question (real terminal)", f"{t['start'] * 1000:.0f} ms",
         f"{start_ratio:.2f} x floor", "<= 1.15 x floor: " + ("met" if start_ratio <= 1.15 else "NOT met")),
        ("floor: minimal Textual app, peak memory", f"{t['floor_memory'] / 1024:.0f} MiB", "", ""),
        ("assistant: peak memory", f"{t['memory'] / 1024:.0f} MiB", f"{mem_ratio:.2f} x floor",
         "<= 1.25 x floor: " + ("met" if mem_ratio <= 1.25 else "NOT met")),
        ("next question, headless pilot (median / worst)", f"{statistics.median(steps):.0f} / {worst:.0f} ms", "",
         "<= 50 ms: " + ("met" if worst <= 50 else "NOT met")),
    ]


if __name__ == "__main__":
    for row in rows():
        print(row)
