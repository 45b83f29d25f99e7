"""`make bench`: the performance figures of DESIGN.md, measured against the floor.

Prints each figure beside its budget; it asserts nothing (a bench, not a test).
The decision proof's figures on a hostile rule base come from bench/proof.py, the
assistant's from bench/tui.py.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
RUNS = 7


def wall(args: list[str]) -> float:
    """Median wall time of a command over RUNS runs, after one warm-up."""
    subprocess.run(args, cwd=ROOT, capture_output=True, check=True)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def side_by_side(commands: dict[str, tuple[list[str], dict[str, str]]], rounds: int = 11) -> dict[str, list[float]]:
    """Wall times of commands run one after the other in each of `rounds` rounds (after a warm-up
    round), with their own environment: a busy minute on this shared machine falls on all of them
    alike, and a ratio is taken within the round."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for n in range(rounds + 1):
        for name, (args, env) in commands.items():
            start = time.perf_counter()
            subprocess.run(args, cwd=ROOT, capture_output=True, check=True, env={**os.environ, **env})
            if n:
                times[name].append(time.perf_counter() - start)
    return times


def ratio(times: dict[str, list[float]], name: str, floor: str) -> float:
    """The median over the rounds of a command's time over the floor's in the same round."""
    return statistics.median(t / f for t, f in zip(times[name], times[floor], strict=True))


def rule_base_loads(runs: int = RUNS) -> tuple[float, float]:
    """CPU seconds (median) to load the shipped rule base from its YAML (a first start: parsed and
    validated) and from its snapshot (every later start, assistant/snapshot.py), in this process."""
    from assistant.loading import load_rule_base

    yaml_times, snapshot_times = [], []
    with tempfile.TemporaryDirectory(prefix="samarbeid-bench-") as cache:
        os.environ["SAMARBEID_CACHE_DIR"] = cache
        try:
            load_rule_base()  # the imports, the models built, the snapshot made
            for _ in range(runs):
                start = time.process_time()
                load_rule_base(snapshot=False)
                yaml_times.append(time.process_time() - start)
                start = time.process_time()
                load_rule_base()
                snapshot_times.append(time.process_time() - start)
        finally:
            del os.environ["SAMARBEID_CACHE_DIR"]
    return statistics.median(yaml_times), statistics.median(snapshot_times)


def server_starts(runs: int = 5) -> tuple[float, float]:
    """`samarbeid serve`, start to listening (the address printed): the first start with an empty cache
    folder (the rule base from YAML) and the median of the later ones (from its snapshot)."""
    from server import start_server  # bench/server.py's start, in a data folder of our own

    times = []
    with tempfile.TemporaryDirectory(prefix="samarbeid-bench-") as data:
        for _ in range(runs + 1):
            started = time.perf_counter()
            proc, _ = start_server(Path(data))  # its cache is the data folder's (places.cache_dir)
            times.append(time.perf_counter() - started)
            proc.terminate()
            proc.wait(timeout=10)
    return times[0], statistics.median(times[1:])


def decisions_per_second() -> float:
    from assistant.engine import Engine
    from assistant.loading import load_answers, load_rule_base

    rb = load_rule_base()
    engine = Engine(rb)
    samples = [load_answers(ROOT / "examples" / f"{f}.yaml", rb)[0]
               for f in ("grant", "supplier", "employment", "development")]
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 1.0:
        for answers in samples:
            engine.decide_form(answers)
        n += len(samples)
    return n / (time.perf_counter() - start)


def decide_imports_textual() -> bool:
    code = ("import sys, io, contextlib\nfrom assistant.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['decide', 'examples/grant.yaml'])\n"
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


def own_rows() -> list[tuple[str, str, str, str]]:
    """This file's rows: `decide`, the rule base's load, the server's start, `check`, the engine."""
    py = sys.executable
    # an installed samarbeid has bytecode, like the pydantic and yaml of the floor (bench/tui.py does the same)
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "assistant")], check=True)
    decide_args = [py, "-m", "assistant", "decide", "examples/supplier.yaml", "--format", "json"]
    with tempfile.TemporaryDirectory(prefix="samarbeid-bench-") as cache:
        # the snapshot in a cache folder of its own, made by the warm-up round and read in the others;
        # a cache folder that cannot be made (under a file): every run parses and validates the YAML
        (Path(cache) / "a-file").write_text("\n", encoding="utf-8")
        times = side_by_side({
            # the floor of `decide` (issue 21): what any program that validates YAML with pydantic imports
            "floor": ([py, "-c", "from pydantic import BaseModel; import yaml"], {}),
            "pydantic_yaml": ([py, "-c", "import pydantic, yaml"], {}),
            "decide": (decide_args, {"SAMARBEID_CACHE_DIR": cache}),
            "decide_yaml": (decide_args, {"SAMARBEID_CACHE_DIR": str(Path(cache) / "a-file" / "none")}),
        })
    median = statistics.median
    floor, decide = median(times["floor"]), median(times["decide"])
    decide_ratio = ratio(times, "decide", "floor")
    check = wall([py, "-m", "assistant", "check", "--strict"])
    rate = decisions_per_second()
    load_yaml, load_snapshot = rule_base_loads()
    serve_first, serve_later = server_starts()
    rows = [
        ("floor: python -c 'from pydantic import BaseModel; import yaml'", f"{floor * 1000:.0f} ms", "", ""),
        ("(for reference) python -c 'import pydantic, yaml'", f"{median(times['pydantic_yaml']) * 1000:.0f} ms",
         f"{ratio(times, 'pydantic_yaml', 'floor'):.2f} x floor", ""),
        ("samarbeid decide (json), rule base from its snapshot", f"{decide * 1000:.0f} ms",
         f"{decide_ratio:.2f} x floor", "<= 1.5 x floor: " + ("met" if decide_ratio <= 1.5 else "NOT met")),
        ("(for reference) the same, no snapshot (a first start)", f"{median(times['decide_yaml']) * 1000:.0f} ms",
         f"{ratio(times, 'decide_yaml', 'floor'):.2f} x floor", ""),
        ("rule base load, CPU: from YAML / from its snapshot",
         f"{load_yaml * 1000:.0f} / {load_snapshot * 1000:.0f} ms",
         f"{load_yaml / max(load_snapshot, 1e-9):.1f} x faster", ""),
        ("samarbeid serve: start to listening, rule base from its snapshot", f"{serve_later * 1000:.0f} ms", "",
         "<= 0.5 s: " + ("met" if serve_later <= 0.5 else "NOT met")),
        ("(for reference) the same, first start (from YAML)", f"{serve_first * 1000:.0f} ms", "", ""),
        ("samarbeid check --strict (the shipped rule base)", f"{check * 1000:.0f} ms", "",
         "<= 2 s: " + ("met" if check <= 2.0 else "NOT met")),
        ("decide imports textual", str(decide_imports_textual()), "", "never"),
        ("form decisions per second, pure engine", f"{rate:,.0f}", "", ">= 50 000: " + ("met" if rate >= 50_000
                                                                                        else "NOT met")),
    ]
    return rows


def main() -> None:
    rows = own_rows()
    from proof import rows as proof_rows
    from tui import rows as tui_rows
    rows += proof_rows()
    rows += tui_rows()
    from server import rows as server_rows  # `samarbeid serve`: bench/server.py
    rows += server_rows()
    from install import rows as install_rows  # a fresh clone's first start: bench/install.py
    rows += install_rows()
    width = max(len(r[0]) for r in rows)
    for name, value, ratio, budget in rows:
        print(f"{name.ljust(width)}  {value:>10}  {ratio:>13}  {budget}")


if __name__ == "__main__":
    main()
