"""Options that were renamed or merged (questions.yaml `renamed`): a file that still uses one loads, is told
the new ids, and keeps its meaning — never a traceback, never a silent drop (issue 18, item 8)."""

from __future__ import annotations

import json
import subprocess
import sys

from assistant.answers import is_notice, read_answers
from assistant.yamlsource import parse_yaml
from tests.conftest import ROOT


def _read(rule_base, text: str):
    doc = parse_yaml(text, "old.yaml")
    return read_answers(doc.data, rule_base.questions, doc)


def test_an_older_option_is_carried_over_and_said_with_its_line(rule_base):
    answers, _, problems = _read(rule_base, "role: entrepreneur\nemploys: yes_wage_subsidy\nnav_line: both\n")
    assert answers["employs"] == ("from_start",)
    assert answers["money_flow"] == ("wage_subsidy",)  # the subsidy is now an answer about the money
    assert answers["nav_line"] == ("state", "municipal")
    assert [p.line for p in problems] == [2, 3] and all(is_notice(p) for p in problems)
    assert "'employs: yes_wage_subsidy' is an older answer" in problems[0].message
    assert "employs: from_start and money_flow: [wage_subsidy]" in problems[0].message
    assert problems[1].hint == "write nav_line: [state, municipal] in the file to stop this message"


def test_what_an_older_option_adds_joins_the_answers_the_file_gives(rule_base):
    answers, _, _ = _read(rule_base, "money_flow: [grant]\nemploys: yes_wage_subsidy\n")
    assert answers["money_flow"] == ("grant", "wage_subsidy") and answers["employs"] == ("from_start",)
    answers, _, _ = _read(rule_base, "money_flow: [wage_subsidy, purchase]\nemploys: yes_wage_subsidy\n")
    assert answers["money_flow"] == ("wage_subsidy", "purchase")  # nothing twice


def test_an_unknown_option_is_still_a_problem_not_a_notice(rule_base):
    _, _, problems = _read(rule_base, "employs: maybe\n")
    assert problems and not any(is_notice(p) for p in problems)


def _samarbeid(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_decide_reads_an_older_file_and_says_what_it_became(tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text("role: entrepreneur\ntask_defined: own_business\ncloseness: referral\n"
                   "employs: yes_ordinary\nmoney_flow: [none]\n", encoding="utf-8")
    proc = _samarbeid("decide", str(old), "--format", "json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert f"samarbeid: note: {old}:4:10: 'employs: yes_ordinary' is an older answer" in proc.stderr
    result = json.loads(proc.stdout)
    assert result["answers"]["employs"] == "from_start" and result["form"] == "employment"
    assert old.read_text(encoding="utf-8").count("yes_ordinary") == 1  # the file is left as it was


def test_check_refuses_a_renamed_option_that_becomes_nothing_known(tmp_path):
    import shutil
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    (tmp_path / "questions.yaml").write_text(
        text.replace("becomes: {nav_line: [state, municipal]}", "becomes: {nav_line: [state, both_sides]}"),
        encoding="utf-8")
    proc = _samarbeid("check", "--questions", str(tmp_path / "questions.yaml"), "--rules", str(tmp_path / "rules"))
    assert proc.returncode == 2 or proc.returncode == 1
    assert "unknown option 'both_sides' for question 'nav_line'" in proc.stdout + proc.stderr
