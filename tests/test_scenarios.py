"""Scenario tests as data: tests/scenarios/*.yaml, answers -> expected decision.

Each file:
    description: what situation this is, and what the report says about it
    answers: {question_id: option_id or [option_ids]}
    expect:
      form: grant | supplier | employment | development | null (open)
      candidates: [...]          exact set, when given
      secondary: [...]           exact set, when given
      risks: [...]               must be raised (the answers make them apply)
      possible_risks: [...]      shown as possible or typical: they hang on unknown answers, or the form names them
      no_risks: [...]            must not be raised
      recommendations: [...]     must be given
      no_recommendations: [...]  must not be given
      conditions: {id: status}   statuses
      not_form: [...]            the form is none of these (a purchase is never a grant)
      contradictions: [...]      exact set of the conflicts that hold (rules/axes.yaml); [] for none.
                                 A scenario that expects none, or leaves it out, is a real situation:
                                 `check` reports any conflict that holds for it.
      addressed: [...]           risks shown as addressed (an answer shows they are dealt with)
      unanswered: n              questions put to this reader still unknown
      no_first_steps: [...]      conditions and risks that are not among the things to do first
      not_shown: [...]           risks the result does not show at all (ruled out: the situation excludes
                                 them, or nothing raises them and no form present names them)
      says: [...]                words the whole report (text, bokmål, in the scenario's role) holds
      never_says: [...]          words it must not hold (a misreading of the report, advice for the wrong case)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers import read_answers
from assistant.render import render
from assistant.yamlsource import load_yaml

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))
EXPECT_KEYS = {"form", "candidates", "secondary", "risks", "possible_risks", "no_risks", "recommendations",
               "no_recommendations", "conditions", "not_form", "contradictions", "addressed", "unanswered",
               "no_first_steps", "not_shown", "says", "never_says"}


def load_scenario(path: Path, rule_base):
    doc = load_yaml(path)
    data = doc.data
    assert set(data) <= {"description", "answers", "expect"}, f"{path.name}: unknown keys"
    assert set(data["expect"]) <= EXPECT_KEYS, f"{path.name}: unknown expect keys"
    answers, _, problems = read_answers(data["answers"], rule_base.questions, doc, ("answers",))
    assert not problems, "\n".join(map(str, problems))
    return answers, data["expect"]


def evaluate(path: Path, rule_base, engine):
    answers, expect = load_scenario(path, rule_base)
    return engine.evaluate(answers), expect


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path, rule_base, engine):
    result, expect = evaluate(path, rule_base, engine)
    risks = {r.id for r in result.risks if r.status == "raised"}
    recs = {r.id for r in result.recommendations}
    if "form" in expect:
        assert result.form == expect["form"]
    if "candidates" in expect:
        assert set(result.candidates) == set(expect["candidates"])
    if "secondary" in expect:
        assert set(result.secondary) == set(expect["secondary"])
    for rid in expect.get("risks", []):
        assert rid in risks, f"risk {rid} should apply; got {sorted(risks)}"
    for rid in expect.get("no_risks", []):
        assert rid not in risks, f"risk {rid} should not apply"
    status = {r.id: r.status for r in result.risks}
    for rid in expect.get("possible_risks", []):
        assert status[rid] in ("possible", "typical"), f"risk {rid} should be shown as open; it is {status[rid]}"
    for rid in expect.get("recommendations", []):
        assert rid in recs, f"recommendation {rid} should be given; got {sorted(recs)}"
    for rid in expect.get("no_recommendations", []):
        assert rid not in recs, f"recommendation {rid} should not be given"
    statuses = {c.id: c.status for c in result.conditions}
    for cid, wanted in expect.get("conditions", {}).items():
        assert statuses[cid] == wanted, f"condition {cid}"
    for form in expect.get("not_form", []):
        assert result.form != form, f"the form must not be {form}"
    if "contradictions" in expect:
        assert {c.id for c in result.contradictions} == set(expect["contradictions"])
    for rid in expect.get("addressed", []):
        assert status[rid] == "addressed", f"risk {rid} should be addressed; it is {status[rid]}"
    if "unanswered" in expect:
        assert result.unanswered == expect["unanswered"]
    first = {step.id for step in result.summary.first_steps}
    for item in expect.get("no_first_steps", []):
        assert item not in first, f"{item} should not be among the things to do first"
    for rid in expect.get("not_shown", []):
        assert status[rid] == "ruled_out", f"risk {rid} should not be shown; it is {status[rid]}"
    if "says" in expect or "never_says" in expect:
        text = " ".join(render(rule_base, result, "text", "nb").split())
        for words in expect.get("says", []):
            assert " ".join(words.split()) in text, f"the report should say: {words}"
        for words in expect.get("never_says", []):
            assert " ".join(words.split()) not in text, f"the report should not say: {words}"


def test_scenarios_cover_the_framework(rule_base, engine):
    """Together the scenarios show every form, an open and a hybrid case, every
    condition status, and every risk and recommendation firing at least once."""
    assert len(SCENARIOS) >= 20
    forms, risks, recs, statuses = set(), set(), set(), set()
    hybrid = open_case = False
    for path in SCENARIOS:
        result, expect = evaluate(path, rule_base, engine)
        forms.add(result.form)
        hybrid |= bool(result.secondary) and "secondary" in expect
        open_case |= result.form is None and expect.get("form", "missing") is None
        risks |= set(expect.get("risks", [])) & {r.id for r in result.risks if r.status == "raised"}
        recs |= set(expect.get("recommendations", [])) & {r.id for r in result.recommendations}
        statuses |= set(expect.get("conditions", {}).values())
    assert {"grant", "supplier", "employment", "development"} <= forms
    assert hybrid, "no scenario asserts a secondary form"
    assert open_case, "no scenario asserts an open decision"
    assert statuses >= {"met", "partly", "not_met", "unknown"}
    assert {r.id for r in rule_base.risks} - risks == set(), "risks never asserted to fire"
    assert {r.id for r in rule_base.recommendations} - recs == set(), "recommendations never asserted"
