"""The decision proof's figures (issue 11): `samarbeid check --strict` on the shipped
rule base and on a hostile one — the shipped rule base plus ten multiple-choice axis
questions of six options each (tests/wide_rule_base.py, the rule base the tests
prove) — wall time and peak memory, against the issue's bar of under 5 s and under
200 MB for the hostile one.

Each run is a process of its own under a small parent that reports its children's
peak resident memory (`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`), so no other
command of the bench counts towards it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
PARENT = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], capture_output=True).returncode
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, used.ru_utime + used.ru_stime, used.ru_maxrss, code)
"""


def measured(args: list[str]) -> tuple[float, float, float, bool]:
    """Median wall time and CPU time (s), and largest peak memory (MB, 10^6 bytes) of a command over
    RUNS runs after one warm-up, and whether every run exited 0. The CPU time tells a busy machine
    (wall time well above it) from a slow program."""
    times, cpu, peaks, ok = [], [], [], True
    for run in range(RUNS + 1):
        out = subprocess.run([sys.executable, "-c", PARENT, *args], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
        if run:  # the first run warms the caches
            times.append(float(out[0]))
            cpu.append(float(out[1]))
            peaks.append(int(out[2]) * 1024 / 1e6)  # ru_maxrss is in KiB on Linux
        ok = ok and out[3] == "0"
    return statistics.median(times), statistics.median(cpu), max(peaks), ok


def rows() -> list[tuple[str, str, str, str]]:
    sys.path.insert(0, str(ROOT))
    from tests.wide_rule_base import build

    check = [sys.executable, "-m", "assistant", "check", "--strict"]
    _, _, shipped_peak, shipped_ok = measured(check)  # its time: run.py's row
    with tempfile.TemporaryDirectory() as tmp:
        wide = build(Path(tmp), questions=10, options=6)
        wide_time, wide_cpu, wide_peak, wide_ok = measured(
            check + ["--questions", str(wide / "questions.yaml"), "--rules", str(wide / "rules")])
    proved = "" if wide_ok else " (NOT proved: see samarbeid check on tests/wide_rule_base.py's rule base)"
    return [
        ("samarbeid check --strict (the shipped rule base), peak memory", f"{shipped_peak:.0f} MB", "",
         "proved" if shipped_ok else "NOT proved"),
        (f"samarbeid check, 10 more 6-option multiple-choice axis questions (median of {RUNS})",
         f"{wide_time * 1000:.0f} ms", f"CPU {wide_cpu * 1000:.0f} ms",
         "< 5 s: " + ("met" if wide_time < 5.0 else "NOT met") + proved),
        ("samarbeid check, 10 more 6-option multiple-choice axis questions, peak memory", f"{wide_peak:.0f} MB", "",
         "< 200 MB: " + ("met" if wide_peak < 200 else "NOT met")),
    ]


if __name__ == "__main__":
    for row in rows():
        print(row)
