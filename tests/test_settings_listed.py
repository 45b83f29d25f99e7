"""Every setting the environment can give is listed where operators look (issue 23: "configuration only
by environment variables, all listed in docs")."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "robustness-and-security.md"


def test_every_samarbeid_variable_the_code_reads_is_in_the_table():
    used = {name for path in (ROOT / "assistant").rglob("*.py")
            for name in re.findall(r"SAMARBEID_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8"))}
    used |= set(re.findall(r"SAMARBEID_[A-Z_]+[A-Z]", (ROOT / "tests" / "budget.py").read_text(encoding="utf-8")))
    listed = set(re.findall(r"^\| `(SAMARBEID_[A-Z_]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.M))
    assert used, "the code reads no variable: the pattern is wrong"
    assert sorted(used - listed) == [], "a variable the code reads is not in docs/robustness-and-security.md"
    assert sorted(listed - used) == [], "the table lists a variable nothing reads"
