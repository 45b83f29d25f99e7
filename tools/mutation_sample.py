"""The engine's mutants, run on a fixed random sample: a whole mutmut run of assistant/engine takes hours here.

    python tools/mutation_sample.py names      the sample's mutant names, one a line (after mutants exist)
    python tools/mutation_sample.py table      the last run's figure on the sample, per engine module
    python tools/mutation_sample.py survivors  the sample's mutants that lived, by name

Run in the folder mutmut ran in, after `mutmut run` has made the mutants (a short run, stopped, will do):

    mutmut run --max-children 1 $(python tools/mutation_sample.py names)
    python tools/mutation_sample.py table

The sample is `random.Random(21).sample` of the engine's mutant names in sorted order, `SIZE` of them: the
same source gives the same sample, so a run before and after new tests compares like with like. The figure
is given with its 95 % interval (the normal approximation, without the finite-population correction, which
would narrow it by a few per cent: the same as the figures before it).
"""

from __future__ import annotations

import math
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

MUTMUT = Path(sys.executable).with_name("mutmut")
LINE = re.compile(r"^\s*(?P<name>[\w.ǁ]+__mutmut_\d+): (?P<status>.+)$")
PREFIX = "assistant.engine."
SEED = 21
SIZE = 300


def results() -> dict[str, str]:
    out = subprocess.run([str(MUTMUT), "results", "--all", "true"], capture_output=True, text=True).stdout
    return {found["name"]: found["status"] for found in map(LINE.match, out.splitlines()) if found}


def sample(names: list[str]) -> list[str]:
    engine = sorted(name for name in names if name.startswith(PREFIX))
    return random.Random(SEED).sample(engine, min(SIZE, len(engine)))


def main() -> int:
    what = sys.argv[1] if len(sys.argv) > 1 else "table"
    status = results()
    chosen = sample(list(status))
    if what == "names":
        print("\n".join(chosen))
        return 0
    population = sum(1 for name in status if name.startswith(PREFIX))
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name in chosen:
        by_module[name[len(PREFIX):].split(".")[0]][status[name]] += 1
    if what == "survivors":
        for name in chosen:
            if status[name] not in ("killed", "timeout"):
                print(f"{name}: {status[name]}")
        return 0
    total: Counter[str] = Counter()
    print(f"sample of {len(chosen)} of the engine's {population} mutants (random.Random({SEED}))")
    for module in sorted(by_module):
        total.update(by_module[module])
        _row(f"engine/{module}.py", by_module[module])
    _row("engine/ (sample)", total, interval=True)
    return 0


def _row(label: str, counts: Counter[str], *, interval: bool = False) -> None:
    n = sum(counts.values())
    killed = counts["killed"] + counts["timeout"]
    share = killed / n if n else 0.0
    text = f"{label:28} {n:4} mutants {killed:4} killed {counts['survived']:4} survived " \
           f"{counts['not checked']:4} not run  {100 * share:5.1f} %"
    if interval and n:
        text += f" ± {100 * 1.96 * math.sqrt(share * (1 - share) / n):.1f}"
    print(text)


if __name__ == "__main__":
    sys.exit(main())
