"""`samarbeid check`: the shipped rule base passes and proves itself; a broken one
is reported in full, with file, line and what to do."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.loading import read_rule_base
from assistant.verify import check
from tests.conftest import ROOT, run_cli

SCENARIOS = ROOT / "tests" / "scenarios"
samarbeid = run_cli  # in-process; test_text_output_... starts the real program


@pytest.fixture
def copy(tmp_path):
    """A copy of the shipped rule base to break, with a helper to edit one of its files."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "questions.yaml", tmp_path / "questions.yaml")

    def edit(name: str, old: str, new: str) -> Path:
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return tmp_path, edit


def run_check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return samarbeid("check", "--questions", str(root / "questions.yaml"), "--rules", str(root / "rules"), *extra)


@pytest.fixture(scope="module")
def shipped():
    """`samarbeid check --strict --format json` on the shipped rule base, run once for the tests that read
    what it says (--strict changes no summary: it makes warnings errors, and the shipped rule base has none)."""
    return samarbeid("check", "--strict", "--format", "json")


def test_the_shipped_rule_base_passes_strict_check_and_says_what_it_proved(rule_base, shipped):
    proc = shipped
    assert proc.returncode == 0, proc.stdout
    data = json.loads(proc.stdout)
    assert data["ok"] is True and data["problems"] == []
    proof = data["summary"]["decision"]
    # every combination of the answers that move the axes: unanswered, don't know, each option
    # (for a question that takes several: each non-empty set of options)
    axis_questions = {ind.question for ind in rule_base.axes.indicators}
    expected = 1
    for q in rule_base.questions.questions:
        if q.id in axis_questions:
            expected *= 2 + (2 ** len(q.options) - 1 if q.kind == "multi" else len(q.options))
    assert sorted(proof["questions"]) == sorted(axis_questions)
    assert proof["combinations"] == expected
    assert sum(proof["forms"].values()) + proof["open"] == expected
    assert set(proof["forms"]) == {"grant", "supplier", "employment", "development"}
    reach = data["summary"]["reachable"]
    assert reach["questions"] == {"reachable": len(rule_base.questions.questions),
                                  "total": len(rule_base.questions.questions)}
    assert reach["risks"]["reachable"] == reach["risks"]["total"] == len(rule_base.risks)
    coverage = data["summary"]["coverage"]
    assert coverage["scenarios"] == len(list(SCENARIOS.glob("*.yaml")))
    assert coverage["never"] == [] and coverage["fired"] == coverage["rules"]


def test_text_output_ends_with_the_proof_and_no_problems():
    proc = subprocess.run([sys.executable, "-m", "assistant", "check"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0
    assert "The axes' decision (unique) proved over" in proc.stdout
    assert "The relation proved over" in proc.stdout and "no form the answers deny, never nothing" in proc.stdout
    assert proc.stdout.rstrip().endswith("No problems found.")


def _example(message: str) -> dict[str, tuple[str, ...]]:
    """The example answers a message gives, as answers."""
    found = re.search(r"for example \{(.*?)\}(?: |$)", message)
    assert found, message
    answers: dict[str, tuple[str, ...]] = {}
    for part in re.findall(r"(\w+): (\[[^\]]*\]|\w+)", found.group(1)):
        qid, value = part
        answers[qid] = tuple(v.strip() for v in value.strip("[]").split(",")) if value.startswith("[") else (value,)
    return answers


def test_a_gap_is_found_with_answers_that_show_it(copy):
    root, edit = copy
    text = (root / "rules" / "decision.yaml").read_text(encoding="utf-8")
    row = text[text.index("  - form: development\n"):text.index("\nrelations:")]
    edit("rules/decision.yaml", row, "")
    proc = run_check(root, "--format", "json")
    assert proc.returncode == 1
    [gap] = [p for p in json.loads(proc.stdout)["problems"] if p["message"].startswith("gap:")]
    assert gap["file"].endswith("decision.yaml") and gap["line"] is not None
    assert "no row decides new + two_way" in gap["message"]
    assert gap["hint"] == "add a row with service: new, relation: two_way"
    # with this rule base the example's axes are decided (new, two-way), yet no form comes of it
    rb = read_rule_base(root / "questions.yaml", root / "rules", table=False).rule_base
    decision = Engine(rb).decide(_example(gap["message"]))
    assert (decision.axes["service"].pole, decision.axes["relation"].pole) == ("new", "two_way")
    assert decision.form is None


def test_an_overlap_is_found_with_answers_that_reach_both_rows(copy):
    root, edit = copy
    edit("rules/decision.yaml", "  - form: supplier\n    service: existing\n    relation: two_way",
         "  - form: supplier\n    service: existing\n    relation: one_way")
    proc = run_check(root)
    assert proc.returncode == 1
    [line] = [line for line in proc.stdout.splitlines() if "overlap:" in line]
    assert re.search(r"decision\.yaml:\d+:5: error \[decision\] overlap: rows 1 and 2 both decide existing \+ "
                     r"one_way \(grant, supplier\); hit policy 'unique' allows one", line), line
    rb = read_rule_base(root / "questions.yaml", root / "rules", table=False).rule_base
    decision = Engine(rb).decide(_example(line))
    assert (decision.axes["service"].pole, decision.axes["relation"].pole) == ("existing", "one_way")


def test_every_problem_is_reported_not_only_the_first(copy):
    root, edit = copy
    edit("rules/risks.yaml", "    source:", "    sourse:")
    edit("rules/recommendations.yaml", "to: nav", "to: navv")
    edit("questions.yaml", "topic: ", "topik: ")
    proc = run_check(root)
    assert proc.returncode == 1
    assert re.search(r"risks\.yaml:\d+:\d+: error \[schema\] unknown key 'sourse' in risks\[\w+\]", proc.stdout)
    assert "did you mean 'source'?" in proc.stdout
    assert re.search(r"recommendations\.yaml:\d+:\d+: error \[schema\] recommendations\[\w+\]\.to: 'navv' is "
                     r"not allowed", proc.stdout)
    assert re.search(r"questions\.yaml:\d+:\d+: error \[schema\] unknown key 'topik'", proc.stdout)


def test_a_file_that_cannot_be_read_exits_2_and_the_others_are_still_checked(copy):
    root, edit = copy
    (root / "rules" / "cases.yaml").write_bytes(b"cases: [\n")
    edit("rules/risks.yaml", "    source:", "    sourse:")
    proc = run_check(root)
    assert proc.returncode == 2
    assert re.search(r"cases\.yaml:\d+:\d+: error \[read\] YAML syntax error", proc.stdout)
    assert "unknown key 'sourse'" in proc.stdout
    assert "Could not read every file" in proc.stdout


def test_a_question_that_is_never_asked_and_a_rule_that_never_fires(copy):
    root, edit = copy
    impossible = "{all: [{answer: goal, is: jobs}, {answer: goal, is: new_solution}]}"
    edit("questions.yaml", "show_if: {answer: money_flow, is: grant}", f"show_if: {impossible}")
    risks = (root / "rules" / "risks.yaml").read_text(encoding="utf-8")
    first = re.search(r"applies_when:.*(\n      .*)*", risks)
    assert first
    (root / "rules" / "risks.yaml").write_text(
        risks[:first.start()] + f"applies_when: {impossible}" + risks[first.end():], encoding="utf-8")
    proc = run_check(root)
    assert proc.returncode == 1
    assert re.search(r"questions\.yaml:\d+:\d+: error \[reachability\] the question '\w+' is never asked", proc.stdout)
    assert re.search(r"risks\.yaml:\d+:\d+: error \[reachability\] the risk '\w+' can never fire", proc.stdout)


def test_a_show_if_cycle_is_named(copy):
    root, edit = copy
    # the first question that others depend on now depends on one of them
    edit("questions.yaml", "  - id: money_flow\n",
         "  - id: money_flow\n    show_if: {answer: funder_follow_up, is: close}\n")
    proc = run_check(root)
    assert proc.returncode == 1
    assert re.search(r"questions\.yaml:\d+:\d+: error \[reachability\] show_if cycle: money_flow → funder_follow_up → "
                     r"money_flow: none of these can be asked first", proc.stdout)


def test_coverage_warns_and_strict_makes_it_an_error(tmp_path):
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(SCENARIOS / "grant_municipal_fund_close_follow_up.yaml", scenarios)
    report = check(scenarios=scenarios)
    never = [f.problem.message for f in report.warnings() if f.kind == "coverage"]
    assert "no scenario makes the form 'development' fire" in never
    assert any(m.startswith("no scenario makes the risk ") for m in never)
    assert report.exit_code() == 0
    # --strict: the program's exit code is check(scenarios=scenarios, strict=True).exit_code() (cli.py)
    proc = samarbeid("check", "--strict", "--scenarios", str(scenarios))
    assert proc.returncode == 1
    assert re.search(r"decision\.yaml:\d+:\d+: error \[coverage\] no scenario makes the form 'development' fire",
                     proc.stdout)


def _risk_name(text: str) -> re.Match[str]:
    """A risk's name on one line, in its three languages."""
    found = re.search(r'name: \{nb: "([^"]+)", nn: "([^"]+)", en: "([^"]+)"\}', text)
    assert found, "a risk name on one line"
    return found


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_an_untranslated_text_is_a_warning(copy):
    root, edit = copy
    name = _risk_name((root / "rules" / "risks.yaml").read_text(encoding="utf-8"))
    nb = f"{name.group(1)} og mer"
    edit("rules/risks.yaml", name.group(0), f'name: {{nb: "{nb}", nn: "{name.group(2)} og meir", en: "{nb}"}}')
    report = check(root / "questions.yaml", root / "rules")
    [warning] = [f for f in report.warnings() if f.kind == "language"]
    assert warning.problem.message == "the English (en) text is the same as the bokmål (nb) one"
    assert warning.problem.file.endswith("risks.yaml")
    assert warning.problem.line == _line(root / "rules" / "risks.yaml", f'name: {{nb: "{nb}"')


def test_nynorsk_left_as_bokmal_or_as_english_is_a_warning(copy):
    root, edit = copy
    risks = root / "rules" / "risks.yaml"
    first = _risk_name(risks.read_text(encoding="utf-8"))
    nb = f"{first.group(1)} og mer"
    edit("rules/risks.yaml", first.group(0), f'name: {{nb: "{nb}", nn: "{nb}", en: "{first.group(3)}"}}')
    second = next(m for m in re.finditer(r'label: \{nb: "([^"]+)", nn: "([^"]+)", en: "([^"]+)"\}',
                                         (root / "questions.yaml").read_text(encoding="utf-8"))
                  if len(m.group(3).split()) >= 4)
    edit("questions.yaml", second.group(0),
         f'label: {{nb: "{second.group(1)}", nn: "{second.group(3)}", en: "{second.group(3)}"}}')
    report = check(root / "questions.yaml", root / "rules")
    found = sorted((f.problem.file.rsplit("/", 1)[-1], f.problem.line, f.problem.message)
                   for f in report.warnings() if f.kind == "language")
    assert found == [
        ("questions.yaml", _line(root / "questions.yaml", f'nn: "{second.group(3)}"'),
         "the nynorsk (nn) text is the same as the English (en) one"),
        ("risks.yaml", _line(risks, f'nn: "{nb}"'), "the nynorsk (nn) text is the same as the bokmål (nb) one")]
    assert report.summary["languages"]["nn"] == {"missing": 0, "same": 2}
    assert check(root / "questions.yaml", root / "rules", strict=True).exit_code() == 1


def test_names_quotations_section_titles_and_the_kept_sentences_are_not_untranslated(copy):
    """Short names, «quotations», the report's section titles and SAME_AS_BOKMAL: the shipped rule base
    has each of them the same in nynorsk as in bokmål, and none is reported."""
    root, _ = copy
    meta = (root / "rules" / "meta.yaml").read_text(encoding="utf-8")
    questions = (root / "questions.yaml").read_text(encoding="utf-8")
    assert 'nb: "Utfordringer for samarbeid", nn: "Utfordringer for samarbeid"' in meta
    assert "«Prosjektenes evige forbannelse»" in (root / "rules" / "risks.yaml").read_text(encoding="utf-8")
    assert 'nb: "Dette er på plass.", nn: "Dette er på plass."' in questions or \
        questions.count("Dette er på plass.") >= 2
    report = check(root / "questions.yaml", root / "rules")
    assert [f for f in report.findings if f.kind == "language"] == []


def test_a_text_missing_nynorsk_is_a_warning_with_its_line_and_strict_fails(copy):
    root, edit = copy
    name = _risk_name((root / "rules" / "risks.yaml").read_text(encoding="utf-8"))
    edit("rules/risks.yaml", name.group(0), f'name: {{nb: "{name.group(1)}", en: "{name.group(3)}"}}')
    edit("questions.yaml", '\n          nn: "Du leier kontoret, både den statlege og den kommunale delen."', "")
    report = check(root / "questions.yaml", root / "rules")
    found = sorted((f.problem.file.rsplit("/", 1)[-1], f.problem.line, f.problem.message)
                   for f in report.warnings() if f.kind == "language")
    assert found == [
        ("questions.yaml", _line(root / "questions.yaml", 'nb: "Du leder kontoret, både den statlige') - 1,
         "no nynorsk (nn) text: it is shown in bokmål"),
        ("risks.yaml", _line(root / "rules" / "risks.yaml", f'name: {{nb: "{name.group(1)}", en:'),
         "no nynorsk (nn) text: it is shown in bokmål")]
    assert report.summary["languages"] == {"nn": {"missing": 2, "same": 0}, "en": {"missing": 0, "same": 0}}
    assert report.exit_code() == 0
    proc = run_check(root, "--strict")
    assert proc.returncode == 1
    assert re.search(r"risks\.yaml:\d+:\d+: error \[language\] no nynorsk \(nn\) text: it is shown in bokmål",
                     proc.stdout)
    assert "hint: add 'nn:' beside 'nb:', in nynorsk" in proc.stdout
    assert "Texts by language: nn 2 missing, 0 the same as another language's; en 0 missing" in proc.stdout


def test_the_shipped_rule_base_has_every_text_in_nynorsk(shipped):
    summary = json.loads(shipped.stdout)["summary"]  # check()'s summary, as the program writes it
    assert summary["languages"]["nn"] == {"missing": 0, "same": 0}
    assert summary["languages"]["en"] == {"missing": 0, "same": 0}


def test_the_role_question_and_whose_advice_each_role_gets_come_from_the_rule_base(copy):
    """rules/meta.yaml's `roles` decide it, not the code: rename the role question and let a
    trainer get only the entrepreneurs' advice, and check, the result and the trace follow."""
    root, edit = copy
    edit("questions.yaml", "  - id: role\n    topic: role\n", "  - id: who\n    topic: role\n")
    edit("rules/recommendations.yaml", "{answer: role,", "{answer: who,")
    edit("rules/risks.yaml", "{answer: role,", "{answer: who,")
    edit("rules/meta.yaml", "  question: role\n", "  question: who\n")
    edit("rules/meta.yaml", "    trainer: [nav, entrepreneur]\n", "    trainer: [entrepreneur]\n")
    proc = run_check(root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    answers = root / "answers.yaml"
    answers.write_text("who: trainer\ntask_defined: grant_call\nincome: mostly_nav\nlocal_guidelines: none\n",
                       encoding="utf-8")
    proc = samarbeid("decide", str(answers), "--format", "json", "--questions", str(root / "questions.yaml"),
                     "--rules", str(root / "rules"))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["role"] == "trainer"
    # speaking for the entrepreneurs alone, the role acts on their advice and can ask Nav for Nav's
    assert result["recommendations"] and {r["to"] for r in result["recommendations"] if r["how"] == "do"} \
        == {"entrepreneur"}
    assert all(r["how"] == "ask" for r in result["recommendations"] if r["to"] == "nav")
    step = next(s for s in result["trace"] if s["kind"] == "role")
    assert step["question"] == "who" and step["receivers"] == ["entrepreneur"]
    assert step["source"] == ["3.5", "3.4.5", "4.2"]
    assert step["effect"] == "Du får anbefalingene rapporten gir til entreprenørene."


def test_a_conflict_that_rules_out_a_real_situation_is_reported(copy):
    """The old `referral_without_hiring` ruled out Nav referring people to training with no hire (Vintage
    Baby's and Moving Mamas' participants, 3.2): put back, check names the scenarios of real situations it
    holds for, and the relation of the report's cases, and fails."""
    root, edit = copy
    edit("rules/axes.yaml", "conflicts:\n", "conflicts:\n"
         "  - id: referral_without_hiring\n"
         "    when: {all: [{answer: closeness, is: referral}, {answer: employs, is: \"no\"}]}\n"
         "    text: {nb: \"Henvisning uten ansettelse.\", en: \"Referral without a hire.\"}\n"
         "    source: [\"4.1.3\"]\n")
    proc = run_check(root, "--scenarios", str(SCENARIOS), "--format", "json")
    assert proc.returncode == 1
    found = [p for p in json.loads(proc.stdout)["problems"] if p["kind"] == "conflict"]
    said = " ".join(p["message"] for p in found)
    assert "the conflict 'referral_without_hiring' holds for the scenario " \
           "supplier_language_practice_referrals_no_hire.yaml (closeness: referral, employs: no)" in said
    assert all(p["file"].endswith("axes.yaml") and p["line"] for p in found)
    # a scenario that expects answers contradicting each other is not a real situation: not reported
    assert "open_own_business_yet_no_hiring" not in said


def test_a_relation_rule_that_gives_a_form_its_answers_deny_is_found(copy):
    """The relation proof: `funded` without its 'not a purchase' would make a grant of what Nav buys, which
    the grant's own relation denies (4.1.1); check finds it with answers that show it."""
    root, edit = copy
    edit("rules/decision.yaml", "        - {not: {answer: money_flow, is: purchase}}\n        - {answer: closeness, "
         "is: funding_reporting}", "        - {answer: closeness, is: funding_reporting}")
    proc = run_check(root)
    assert proc.returncode == 1
    [line] = [line for line in proc.stdout.splitlines() if "relation rule 'funded'" in line]
    assert re.search(r"decision\.yaml:\d+:\d+: error \[decision\] the relation rule 'funded' holds where the answers "
                     r"deny the relation of 'grant'", line), line
    example = _example(line)
    assert "purchase" in example["money_flow"] and example["closeness"] == ("funding_reporting",)
    # the engine never gives the denied form all the same
    rb = read_rule_base(root / "questions.yaml", root / "rules", table=False).rule_base
    assert Engine(rb).decide(example).form != "grant"


def test_the_relation_proof_says_what_it_proved(shipped):
    relation = json.loads(shipped.stdout)["summary"]["relation"]
    assert relation["questions"] == ["task_defined", "goal", "service_status", "who_shapes", "closeness",
                                     "money_flow", "employs"]
    assert sum(relation["settled"].values()) == relation["combinations"] > 100_000
    assert set(relation["settled"]) == {"axes", "joint_development", "nav_buys", "funded", "hiring"}
    assert relation["contradicting"] > 0  # every form denied only where the answers contradict each other
