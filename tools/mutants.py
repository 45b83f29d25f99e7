"""The test review's nine deliberate bugs (docs/development.md, "Mutants"), each tried against the tests.

    python tools/mutants.py               every mutant, each with the tests that guard what it breaks
    python tools/mutants.py M5 M6         only those
    python tools/mutants.py --full M5     with the whole suite instead (as `make test` runs it; slow)

Each mutant is applied alone to a copy of the tree (the files git knows, in a temporary folder) and
pytest runs there, stopping at the first failure. A mutant is CAUGHT when a test fails, and the first
failing test is named; MISSED when every test passes: the tests cannot see that bug. The mutants follow
the review of December 2026 (kept outside this repository), written against today's code: the text
each replaces must occur exactly once, so a mutant that no longer fits the code says so instead of
silently testing nothing. Not part of `make test`: it runs pytest nine times.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    what: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTANTS = [
    Mutant("M1", "decision.yaml: the grant row's relation one_way -> two_way (overlaps the supplier row)",
           "rules/decision.yaml",
           "  - form: grant\n    service: existing\n    relation: one_way\n",
           "  - form: grant\n    service: existing\n    relation: two_way\n",
           ("tests/test_scenarios.py",)),
    Mutant("M1b", "decision.yaml: grant and supplier rows swap relations (the table stays unique)",
           "rules/decision.yaml",
           "  - form: grant\n    service: existing\n    relation: one_way\n",
           "  - form: grant\n    service: existing\n    relation: two_way\n",
           ("tests/test_rule_base.py", "tests/test_scenarios.py")),
    Mutant("M2", "risks.yaml: distance_to_funder no longer needs funder_follow_up is reports_only",
           "rules/risks.yaml",
           "        - {answer: money_flow, is: grant}\n        - {answer: funder_follow_up, is: reports_only}\n",
           "        - {answer: money_flow, is: grant}\n",
           ("tests/test_scenarios.py", "tests/test_reports.py")),
    Mutant("M3", "Dialogue.back forgets the answer of the question it goes back to",
           "assistant/dialogue.py",
           '        return Step("question", earlier[-1]) if earlier else Step("start")\n',
           '        if earlier:\n            self._answers.pop(earlier[-1], None)\n'
           '        return Step("question", earlier[-1]) if earlier else Step("start")\n',
           ("tests/test_dialogue.py", "tests/test_plain.py")),
    Mutant("M4", "the web's POST routes skip the CSRF check",
           "assistant/web/pages.py",
           "                secrets.compare_digest(token.encode(), known.encode()) for known in expected):\n"
           "            raise HTTPException(403)\n",
           "                secrets.compare_digest(token.encode(), known.encode()) for known in expected):\n"
           "            pass\n",
           ("tests/web/test_routes.py",)),
    Mutant("M5", "files.write_atomic writes in place (no temporary file, no rename)",
           "assistant/files.py",
           "    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)\n",
           "    with open(target, 'w', encoding='utf-8', newline='\\n') as handle:\n"
           "        handle.write(text)\n        return\n"
           "    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)\n",
           ("tests/test_files.py",)),
    Mutant("M6", "texts.py report.form_is: nb and en swapped",
           "assistant/texts.py",
           '    "report.form_is": ("Samarbeidet er først og fremst {name}.", "The collaboration is mainly {name}."),\n',
           '    "report.form_is": ("The collaboration is mainly {name}.", "Samarbeidet er først og fremst {name}."),\n',
           ("tests/test_languages.py",)),
    Mutant("M7", "report.html.j2: the group's name marked safe (not escaped)",
           "assistant/render/templates/report.html.j2",
           "{{ words.group }}",
           "{{ words.group|safe }}",
           ("tests/test_reports.py",)),
    Mutant("M8", "counterfactual.what_would_change returns []",
           "assistant/engine/counterfactual.py",
           ") -> list[tuple[str, dict[str, tuple[str, ...]]]]:\n",
           ") -> list[tuple[str, dict[str, tuple[str, ...]]]]:\n    return []\n",
           ("tests/test_advice.py",)),
]


def _second_swap(tree: Path) -> None:
    """M1b's other half: the supplier row takes the grant row's old relation."""
    path = tree / "rules" / "decision.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  - form: supplier\n    service: existing\n    relation: two_way\n"
    assert text.count(old) == 1, "M1b: the supplier row is not where it was"
    path.write_text(text.replace(old, old.replace("two_way", "one_way")), encoding="utf-8")


def copy_tree(into: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, into / name)


def apply(mutant: Mutant, tree: Path) -> None:
    path = tree / mutant.file
    text = path.read_text(encoding="utf-8")
    found = text.count(mutant.old)
    if found != 1:
        raise SystemExit(f"{mutant.name}: the text it replaces occurs {found} times in {mutant.file}; "
                         "update the mutant to today's code")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    if mutant.name == "M1b":
        _second_swap(tree)


def run(mutant: Mutant, full: bool, workers: int) -> tuple[bool, str, float]:
    with tempfile.TemporaryDirectory(prefix=f"mutant-{mutant.name}-") as scratch:
        tree, home = Path(scratch) / "tree", Path(scratch) / "home"
        tree.mkdir()
        home.mkdir()
        copy_tree(tree)
        apply(mutant, tree)
        env = {**os.environ, "PYTHONPATH": str(tree), "HOME": str(home), "SAMARBEID_DATA_DIR": str(home / "data"),
               "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("UPDATE_GOLDEN", None)
        args = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-rfE", "-n", str(workers)]
        args += [] if full else list(mutant.tests)
        started = time.monotonic()
        proc = subprocess.run(args, cwd=tree, env=env, capture_output=True, text=True)
        took = time.monotonic() - started
    first = re.search(r"^(?:FAILED|ERROR) (\S+)", proc.stdout, re.MULTILINE)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr.strip()[-300:]
    if proc.returncode == 0:
        return False, last, took
    return True, (first.group(1) if first else last), took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutants to try (default: all nine)")
    parser.add_argument("--full", action="store_true", help="run the whole suite for each mutant")
    parser.add_argument("-n", "--workers", type=int, default=2, help="pytest-xdist workers (default 2)")
    options = parser.parse_args()
    chosen = [m for m in MUTANTS if not options.names or m.name in options.names]
    missed = 0
    for mutant in chosen:
        caught, detail, took = run(mutant, options.full, options.workers)
        missed += not caught
        print(f"{mutant.name:4} {'CAUGHT' if caught else 'MISSED'} {took:6.1f} s  {mutant.what}\n"
              f"     {'by ' if caught else ''}{detail}", flush=True)
    print(f"{len(chosen) - missed} of {len(chosen)} caught")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
