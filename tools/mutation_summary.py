"""The last `make mutation` run, per module: how many of mutmut's mutants the tests killed.

    python tools/mutation_summary.py            the table (run in the folder mutmut ran in)
    python tools/mutation_summary.py --survivors  and the mutants that lived, by name

Reads `mutmut results --all true`. Killed counts mutants a test failed on (a timeout is counted apart:
the mutant made a test hang, which a person would notice too). "No tests" are mutants no test in the
selection reaches; they count as not killed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

MUTMUT = Path(sys.executable).with_name("mutmut")
LINE = re.compile(r"^\s*(?P<name>[\w.ǁ]+?)__mutmut_\d+: (?P<status>.+)$")


def module_of(name: str) -> str:
    """assistant.engine.flow.x_asked -> assistant/engine/flow.py"""
    parts = name.split(".")
    while parts and (parts[-1].startswith(("x_", "xǁ"))):
        parts.pop()
    return "/".join(parts) + ".py"


def main() -> int:
    out = subprocess.run([str(MUTMUT), "results", "--all", "true"], capture_output=True, text=True).stdout
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for line in out.splitlines():
        found = LINE.match(line)
        if not found:
            continue
        module = module_of(found["name"])
        by_module[module][found["status"]] += 1
        if found["status"] not in ("killed", "timeout"):
            survivors[module].append(line.strip())
    total: Counter[str] = Counter()
    print(f"{'module':36} {'mutants':>7} {'killed':>7} {'timeout':>7} {'survived':>8} {'no tests':>8} {'other':>5}"
          f" {'killed %':>8}")
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        _row(module, counts)
    _row("all", total)
    if "--survivors" in sys.argv:
        for module in sorted(survivors):
            print(f"\n{module}:")
            print("\n".join(f"  {line}" for line in survivors[module]))
    return 0


def _row(module: str, counts: Counter[str]) -> None:
    n = sum(counts.values())
    other = n - counts["killed"] - counts["timeout"] - counts["survived"] - counts["no tests"]
    share = 100 * (counts["killed"] + counts["timeout"]) / n if n else 0.0
    print(f"{module:36} {n:7} {counts['killed']:7} {counts['timeout']:7} {counts['survived']:8} "
          f"{counts['no tests']:8} {other:5} {share:7.1f}%")


if __name__ == "__main__":
    sys.exit(main())
