"""`make bench`: the performance figures of DESIGN.md, measured against the floor.

Prints each figure beside its budget; it asserts nothing (a bench, not a test).
The decision proof's figures on a hostile rule base come from bench/proof.py, the
assistant's from bench/tui.py.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
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


def main() -> None:
    py = sys.executable
    floor = wall([py, "-c", "import pydantic, yaml"])
    base_model = wall([py, "-c", "from pydantic import BaseModel; import yaml"])
    decide = wall([py, "-m", "assistant", "decide", "examples/supplier.yaml", "--format", "json"])
    check = wall([py, "-m", "assistant", "check", "--strict"])
    rate = decisions_per_second()
    rows = [
        ("floor: python -c 'import pydantic, yaml'", f"{floor * 1000:.0f} ms", "", ""),
        ("(for reference) from pydantic import BaseModel", f"{base_model * 1000:.0f} ms",
         f"{base_model / floor:.2f} x floor", ""),
        ("samarbeid decide (json)", f"{decide * 1000:.0f} ms", f"{decide / floor:.2f} x floor",
         "<= 1.5 x floor: " + ("met" if decide <= 1.5 * floor else "NOT met")),
        ("samarbeid check --strict (the shipped rule base)", f"{check * 1000:.0f} ms", "",
         "<= 2 s: " + ("met" if check <= 2.0 else "NOT met")),
        ("decide imports textual", str(decide_imports_textual()), "", "never"),
        ("form decisions per second, pure engine", f"{rate:,.0f}", "", ">= 50 000: " + ("met" if rate >= 50_000
                                                                                        else "NOT met")),
    ]
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
