"""The first start: a fresh clone of this repository, `make run`'s install step, then
`samarbeid --version`, timed as one. Run once (it installs a whole .venv); pip's download
cache is used as it is on this machine, as it would be for someone who cloned twice.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 20.0


def first_start() -> tuple[float, float]:
    """Seconds for the install step and for `samarbeid --version` after it, from a fresh clone."""
    with tempfile.TemporaryDirectory(prefix="samarbeid-clone-") as tmp:
        clone = Path(tmp) / "samarbeid"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        start = time.perf_counter()
        subprocess.run(["make", "-s", ".venv/.installed-run"], cwd=clone, check=True, capture_output=True)
        installed = time.perf_counter() - start
        subprocess.run([str(clone / ".venv" / "bin" / "samarbeid"), "--version"], cwd=clone, check=True,
                       capture_output=True)
        return installed, time.perf_counter() - start - installed


def rows() -> list[tuple[str, str, str, str]]:
    installed, version = first_start()
    total = installed + version
    return [
        ("first start: fresh clone, make run's install step", f"{installed:.1f} s", "", ""),
        ("  ... then samarbeid --version (the whole)", f"{total:.1f} s", "",
         f"< {BUDGET:.0f} s on a quiet machine: " + ("met" if total < BUDGET else "NOT met")),
    ]


if __name__ == "__main__":
    for row in rows():
        print("  ".join(part for part in row if part))
