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


MINIMAL_DEFERRED = "import gc\ngc.disable()\n" + MINIMAL.replace(
    "        yield Static(\"ready-marker\")",
    "        yield Static(\"ready-marker\")\n\n    def on_mount(self):\n        self.call_after_refresh(gc.enable)")


def one_cpu() -> int | None:
    """The CPU every measured program runs on: the same one for all, so that a difference
    between two cores (on a shared virtual machine, up to a fifth) is not taken for ours."""
    try:
        return max(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return None


def first_frame(args: list[str], marker: bytes, env: dict[str, str], timeout: float = 30.0,
                settle: float = 0.0, cpu: int | None = None) -> tuple[float, int]:
    """Seconds from start until `marker` is on the terminal, and the peak memory (KiB) of the run.

    After the marker the program runs on for `settle` seconds (for the memory figure: the
    assistant loads its rule base after the first frame) before it is asked to quit; the
    memory is the peak over the whole run.
    """
    pid, fd = pty.fork()
    if pid == 0:
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})
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
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    if elapsed is None:
        raise RuntimeError(f"{args} never showed {marker!r}")
    return elapsed, usage.ru_maxrss


def assistant_command() -> list[str]:
    """What `make run` starts: the installed `samarbeid` script, else `python -m assistant`."""
    script = Path(sys.executable).with_name("samarbeid")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]


def terminal_figures(rounds: int = 25, memory_runs: int = 3) -> dict[str, float]:
    """Start-up times as medians over `rounds` rounds; in each round the minimal app, the
    assistant and the minimal app with the assistant's start-up GC deferral run one after
    the other on the same CPU, and the ratio is taken within the round, so that a slow
    minute on a shared machine falls on all three alike. Memory comes from separate runs
    that go on for two seconds after the first frame, while the assistant loads its rules."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    cpu = one_cpu()
    with tempfile.TemporaryDirectory() as data:
        env["SAMARBEID_DATA_DIR"] = data
        minimal = Path(data) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        deferred = Path(data) / "minimal_deferred.py"
        deferred.write_text(MINIMAL_DEFERRED, encoding="utf-8")
        programs = {
            "floor": ([sys.executable, str(minimal)], b"ready-marker"),
            "ours": (assistant_command(), b"Hvem er du?"),
            "floor_deferred": ([sys.executable, str(deferred)], b"ready-marker"),
        }
        memory: dict[str, list[int]] = {"floor": [], "ours": []}
        for _ in range(memory_runs):  # also the warm-up: the assistant remembers its roles after a load
            for name in memory:
                args, marker = programs[name]
                memory[name].append(first_frame(args, marker, env, settle=2.0, cpu=cpu)[1])
        times: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(rounds):
            for name, (args, marker) in programs.items():
                times[name].append(first_frame(args, marker, env, cpu=cpu)[0])
    median = statistics.median
    return {
        "floor_start": median(times["floor"]),
        "start": median(times["ours"]),
        "floor_deferred_start": median(times["floor_deferred"]),
        "ratio": median(o / f for o, f in zip(times["ours"], times["floor"], strict=True)),
        "overhead_ratio": median(o / f for o, f in zip(times["ours"], times["floor_deferred"], strict=True)),
        "floor_memory": median(memory["floor"]),
        "memory": median(memory["ours"]),
        "rounds": rounds,
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
    start_ratio = t["ratio"]
    mem_ratio = t["memory"] / t["floor_memory"]
    worst = max(steps)
    rounds = t["rounds"]
    return [
        ("floor: minimal Textual app, start to first frame", f"{t['floor_start'] * 1000:.0f} ms", "", ""),
        (f"assistant: start to first question (real terminal, median of {rounds})", f"{t['start'] * 1000:.0f} ms",
         f"{start_ratio:.2f} x floor", "<= 1.15 x floor: " + ("met" if start_ratio <= 1.15 else "NOT met")),
        ("(for reference) minimal app, GC deferred like the assistant", f"{t['floor_deferred_start'] * 1000:.0f} ms",
         "", ""),
        ("(for reference) assistant against that", "", f"{t['overhead_ratio']:.2f} x", ""),
        ("floor: minimal Textual app, peak memory", f"{t['floor_memory'] / 1024:.0f} MiB", "", ""),
        ("assistant: peak memory", f"{t['memory'] / 1024:.0f} MiB", f"{mem_ratio:.2f} x floor",
         "<= 1.25 x floor: " + ("met" if mem_ratio <= 1.25 else "NOT met")),
        ("next question, headless pilot (median / worst)", f"{statistics.median(steps):.0f} / {worst:.0f} ms", "",
         "<= 50 ms: " + ("met" if worst <= 50 else "NOT met")),
    ]


if __name__ == "__main__":
    for row in rows():
        print(row)
