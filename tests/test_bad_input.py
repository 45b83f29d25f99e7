"""Bad answers files and broken rule files: one clear message naming the file,
the line and the id, exit 2, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


def decide(*args: str) -> subprocess.CompletedProcess[str]:
    """`samarbeid decide ARGS`, in-process (conftest.run_cli: a traceback would show in stderr as ever)."""
    return run_cli("decide", *args)


ANSWERS = {
    "unknown_question": (b"role: entrepreneur\ntask_defind: specification\n",
                         ["bad.yaml:2:1", "unknown question id 'task_defind'", "did you mean 'task_defined'"]),
    "unknown_option": (b"role: entrepreneur\ngoal: jobz\n",
                       ["bad.yaml:2:7", "unknown option 'jobz' for question 'goal'", "did you mean 'jobs'"]),
    "list_for_single": (b"who_shapes: [together, funder_frames]\n",
                        ["bad.yaml:1:13", "'who_shapes' takes one option, not a list"]),
    "number": (b"role: entrepreneur\ncontact: 3\n",
               ["bad.yaml:2:10", "answer to 'contact' must be an option id, not a number (3)"]),
    "mapping": (b"closeness:\n  a: b\n", ["bad.yaml:2:3", "answer to 'closeness' must be an option id, not a mapping"]),
    "dont_know_combined": (b"money_flow: [grant, dont_know]\n",
                           ["bad.yaml:1:13", "'dont_know' cannot be combined with other options for 'money_flow'"]),
    "duplicate_key": (b"role: entrepreneur\ngoal: jobs\nrole: trainer\n",
                      ["bad.yaml:3:1", "the key 'role' appears twice", "first at line 1"]),
    "syntax": (b"role: entrepreneur\ngoal: [jobs\n", ["bad.yaml:", "YAML syntax error"]),
    "empty": (b"", ["bad.yaml:1:1", "the file is empty"]),
    "top_level_list": (b"- role\n- goal\n", ["bad.yaml:1:1", "must be a mapping from question id to option id"]),
    "python_tag": (b"role: !!python/object/apply:os.system ['echo hacked']\n",
                   ["bad.yaml:1:7", "tag '!!python/object/apply:os.system' is not allowed"]),
    "alias": (b"role: &r entrepreneur\ngoal: *r\n",
              ["bad.yaml:2:7", "aliases (*name) and merge keys (<<) are not allowed"]),
    "not_utf8": ("role: entrepreneur\ngoal: jobs # \u00e6\n".encode("latin-1"),
                 ["bad.yaml:2:14", "not UTF-8 text (byte 0xe6)"]),
    "too_large": (b"# " + b"x" * 1_100_000 + b"\n", ["bad.yaml", "file is too large"]),
}


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_bad_answers_file(name, tmp_path):
    content, expected = ANSWERS[name]
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    proc = decide(str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    for words in expected:
        assert words in proc.stderr, proc.stderr


def test_missing_answers_file(tmp_path):
    proc = decide(str(tmp_path / "nowhere.yaml"))
    assert proc.returncode == 2
    assert "nowhere.yaml: file not found" in proc.stderr


def test_python_tag_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "bad.yaml"
    path.write_text(f"role: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    assert decide(str(path)).returncode == 2
    assert not marker.exists()


def test_all_problems_are_reported_together(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("rol: entrepreneur\ngoal: jobz\ncontact: 3\n", encoding="utf-8")
    proc = decide(str(path))
    assert proc.returncode == 2
    assert proc.stderr.count("bad.yaml:") == 3
    assert "3 problems; nothing was done." in proc.stderr


# ------------------------------------------------------------- rule files
def _rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def _line_of(path: Path, text: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return n
    raise AssertionError(f"{text!r} not in {path}")


def _edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def _decide_with(tmp_path: Path, file: str, old: str, new: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`decide` on a copy of the rule base with one edit; the run and the edited file."""
    rules = _rules_copy(tmp_path)
    _edit(rules / file, old, new)
    proc = decide("examples/grant.yaml", "--rules", str(rules))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    return proc, rules / file


def test_unknown_key_in_a_rule_file(tmp_path):
    proc, path = _decide_with(tmp_path, "risks.yaml", "    reduce:", "    reduse:")
    line = _line_of(path, "reduse:")
    assert f"risks.yaml:{line}:5: unknown key 'reduse' in risks[" in proc.stderr
    assert "did you mean 'reduce'" in proc.stderr
    assert "missing key 'reduce'" in proc.stderr


def test_missing_bokmal(tmp_path):
    """Bokmål is the one language every text must have (the others fall back on it)."""
    proc, meta = _decide_with(tmp_path, "meta.yaml",
                              '"2.3": {nb: "Utfordringer for samarbeid", nn: "Utfordringer for samarbeid", ',
                              '"2.3": {nn: "Utfordringer for samarbeid", ')
    line = _line_of(meta, '"2.3": {nn:')
    assert f"meta.yaml:{line}:" in proc.stderr and 'missing key \'nb\' in sections["2.3"]' in proc.stderr


def test_a_misspelt_language_is_an_unknown_key(tmp_path):
    """Any code of 2-3 letters may hold a language's text, but not one a slip away from nb, nn or en."""
    proc, meta = _decide_with(tmp_path, "meta.yaml", '"2.3": {nb: "Utfordringer for samarbeid", nn:',
                              '"2.3": {nb: "Utfordringer for samarbeid", nnb:')
    line = _line_of(meta, '"2.3": {nb:')
    assert f"meta.yaml:{line}:" in proc.stderr and "unknown key 'nnb' in sections[\"2.3\"]" in proc.stderr
    assert "did you mean" in proc.stderr


def test_a_missing_translation_falls_back_to_bokmal(tmp_path):
    """A text without its English (or nynorsk) loads: it is shown in bokmål, and `check` warns (test_check)."""
    rules = _rules_copy(tmp_path)
    _edit(rules / "meta.yaml", '"2.3": {nb: "Utfordringer for samarbeid", nn: "Utfordringer for samarbeid", '
                               'en: "Challenges for collaboration"}', '"2.3": {nb: "Utfordringer for samarbeid"}')
    for lang in ("en", "nn"):
        proc = decide("examples/grant.yaml", "--rules", str(rules), "--lang", lang)
        assert proc.returncode == 0, proc.stderr


def test_unknown_question_in_a_condition(tmp_path):
    proc, path = _decide_with(tmp_path, "risks.yaml", "answer: target_group", "answer: target_groups")
    line = _line_of(path, "answer: target_groups")
    assert f"risks.yaml:{line}:" in proc.stderr
    assert "unknown question id 'target_groups'" in proc.stderr and "did you mean 'target_group'" in proc.stderr


def test_unknown_report_section(tmp_path):
    proc, _ = _decide_with(tmp_path, "decision.yaml", 'source: ["4.1", "4.1.3"]', 'source: ["4.1", "4.13"]')
    assert "unknown report section '4.13'" in proc.stderr


def test_decision_table_with_a_gap_and_an_overlap(tmp_path):
    proc, _ = _decide_with(tmp_path, "decision.yaml", "  - form: employment\n    service: new\n    relation: one_way",
                           "  - form: employment\n    service: new\n    relation: two_way")
    assert "two rows decide new + two_way" in proc.stderr
    assert "no row decides new + one_way" in proc.stderr


def test_condition_needs_a_known_kind(tmp_path):
    proc, _ = _decide_with(tmp_path, "risks.yaml", "answer: target_group", "anwser: target_group")
    assert "a condition needs one of the keys all, any, not, answer, axis, form" in proc.stderr


def test_a_line_break_in_a_file_name_keeps_the_message_on_one_line(tmp_path):
    """F31's class: what a message quotes, the file name too, shows a line break as its escape."""
    proc = decide(str(tmp_path / "a\nb.yaml"))
    assert proc.returncode == 2
    assert "a\\nb.yaml: file not found" in proc.stderr
    assert proc.stderr.count("\n") == 1
