"""`samarbeid check`'s closing lines say what was proved and measured, and nothing it was not (issue 19).

A scenarios folder from which no scenario could be read is said in the coverage line, as an error; a
decision proof stopped at its bounds is "not proved", never "proved over 0 combinations".
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from assistant import verify
from assistant.verify import check
from assistant.verify.findings import report_json, report_text
from tests.conftest import ROOT, run_cli
from tests.wide_rule_base import build


def _folder(tmp_path: Path, kind: str) -> Path:
    """A scenarios folder holding nothing a scenario can be read from."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(folder / "s.yaml")
    elif kind == "zero":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        (folder / "s.yaml").symlink_to("/dev/zero")
    elif kind == "broken":
        (folder / "s.yaml").write_text("answers: [role\n", encoding="utf-8")
    elif kind == "text":
        (folder / "s.txt").write_text("answers: {role: trainer}\n", encoding="utf-8")
    elif kind == "no_answers":
        (folder / "s.yaml").write_text("expect: {form: grant}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", ["empty", "fifo", "zero", "broken", "text", "no_answers"])
def test_a_scenarios_folder_with_no_scenario_says_so_in_the_coverage_line(tmp_path, kind, monkeypatch):
    """F8: `check --scenarios EMPTY` (or a folder of only a FIFO, a /dev/zero link, broken YAML or a .txt)
    stopped with KeyError: 'note' in the text format."""
    folder = _folder(tmp_path, kind)
    made = []  # the report the program's check made: --format json writes report_json of it (cli.py)
    monkeypatch.setattr(verify, "check", lambda *args, **kwargs: made.append(check(*args, **kwargs)) or made[-1])
    proc = run_cli("check", "--scenarios", str(folder))
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == 1, proc.stdout
    assert f"Coverage: no scenario was read from {folder}" in proc.stdout
    assert f"{folder}: error [coverage] no scenario could be read from this folder" in proc.stdout
    assert "no scenario makes" not in proc.stdout  # not 93 warnings that say the same
    [report] = made
    data = json.loads(report_json(report))  # what `check --scenarios FOLDER --format json` writes
    assert data["ok"] is False and data["summary"]["coverage"]["scenarios"] == 0


def test_a_scenarios_folder_with_one_good_scenario_is_measured(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "scenarios" / sorted(os.listdir(ROOT / "tests" / "scenarios"))[0], folder)
    (folder / "broken.yaml").write_text("answers: [role\n", encoding="utf-8")
    proc = run_cli("check", "--scenarios", str(folder))
    assert f"Coverage across 1 scenarios in {folder}:" in proc.stdout
    assert "no scenario could be read" not in proc.stdout


@pytest.fixture(scope="module")
def beyond_bounds(tmp_path_factory):
    """A rule base whose decision proof stops at its bounds: thirty options with weights up to 5."""
    root = build(tmp_path_factory.mktemp("wide"), questions=1, options=30, weights=5)
    return check(root / "questions.yaml", root / "rules")


def test_a_proof_stopped_at_its_bounds_is_not_proved_in_the_summary(beyond_bounds):
    """F22: the summary said "proved over 0 combinations … (0 distinct score states): ; open 0"."""
    text = report_text(beyond_bounds)
    assert "the decision cannot be proved within bounds" in text
    [axes] = [line for line in text.splitlines() if line.startswith("The axes' decision")]
    assert axes.startswith("The axes' decision (unique): not proved (bounds exceeded)"), axes
    assert "proved over" not in axes and "open 0" not in axes
    [relation] = [line for line in text.splitlines() if line.startswith("The relation")]
    assert "by the axes" in relation and "(the axes' decision is not proved)" in relation, relation
    [reach] = [line for line in text.splitlines() if line.startswith("Reachable:")]
    assert "forms: not proved" in reach and "0/4 forms" not in reach, reach
    summary = json.loads(report_json(beyond_bounds))["summary"]
    assert summary["decision"]["proved"] is False and summary["reachable"]["forms"]["reachable"] is None


def test_a_proved_decision_says_proved(rule_base):
    text = report_text(check(ROOT / "questions.yaml", ROOT / "rules"))
    assert "The axes' decision (unique) proved over " in text and "not proved" not in text


def test_a_scenarios_folder_that_cannot_be_listed_says_so(tmp_path, refuse_listing):
    """F8 with F10's cause: a folder that cannot be listed is said as such, not as "no .yaml files". As root a
    mode of 000 does not stop the listing, so os.scandir is made to fail for that folder only."""
    folder = _folder(tmp_path, "empty")
    refuse_listing(folder)
    text = report_text(check(ROOT / "questions.yaml", ROOT / "rules", scenarios=folder))
    assert f"{folder}: error [coverage] no scenario could be read from this folder: cannot read the folder: " \
           "Permission denied" in text
