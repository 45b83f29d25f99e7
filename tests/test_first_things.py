"""What a person sees first in a result: the order of "do this first" and "find out", and what would change it.

The summary's rules (assistant/engine/summary.py; AFI-rapport 2020:10 names each form's own challenges in
its section, 4.1.1-4.1.4, "creaming" in employment or the rights to what was made in development) and the
proposals of "what would change the result" (assistant/engine/counterfactual.py). Mutation testing
(`make mutation`) showed the goldens and scenarios fixed the result of the shipped cases without stating these
rules: a risk the report names for a form put after a general one, another form's typical risks brought into
a decided form's steps, an open choice between two forms not put first among what to find out, a proposal
that changes an answer to itself, or one that makes answers contradict each other. Each test states the rule.
"""

from __future__ import annotations

import pytest

from assistant.engine.axes import FormDecision
from assistant.engine.summary import find_out, summarise
from assistant.loading import load_answers
from assistant.models.result import ConditionStatus, FirstStep, RiskHit
from tests.conftest import ROOT
from tests.test_scenarios import SCENARIOS, load_scenario


def _decided(form: str | None, *candidates: str) -> FormDecision:
    return FormDecision(form=form, candidates=candidates or ((form,) if form else ()), axes={})


def test_risks_the_report_names_for_the_form_come_before_general_ones(engine):
    risks = (RiskHit(id="general_first_in_the_file", status="raised"),
             RiskHit(id="named_for_the_form", status="raised", forms=("grant",)),
             RiskHit(id="general_second", status="raised"))
    summary = summarise(engine, _decided("grant"), {}, (), risks)
    assert summary.top_risks == ("named_for_the_form", "general_first_in_the_file", "general_second")
    assert summary.first_steps[0] == FirstStep(kind="risk", id="named_for_the_form", status="raised")


def test_a_decided_form_brings_its_own_typical_risks_only(engine):
    """With nothing unmet or raised, "do this first" holds the typical challenges of the form the answers
    give; another form still named among the candidates brings none of its own."""
    risks = (RiskHit(id="supplier_typical", status="typical", forms=("supplier",)),
             RiskHit(id="grant_typical", status="typical", forms=("grant",)))
    decided = summarise(engine, _decided("grant", "grant", "supplier"), {}, (), risks)
    assert [s.id for s in decided.first_steps] == ["grant_typical"]
    still_open = summarise(engine, _decided(None, "grant", "supplier"), {}, (), risks)
    assert {s.id for s in still_open.first_steps} == {"supplier_typical", "grant_typical"}


def test_unmet_conditions_then_raised_risks_then_partly_met_at_most_two_of_a_kind(engine):
    conditions = (ConditionStatus(id="c_partly", status="partly"), ConditionStatus(id="c1", status="not_met"),
                  ConditionStatus(id="c2", status="not_met"), ConditionStatus(id="c3", status="not_met"))
    risks = (RiskHit(id="r1", status="raised"),)
    steps = summarise(engine, _decided("grant"), {}, conditions, risks).first_steps
    assert [(s.kind, s.id) for s in steps] == [("condition", "c1"), ("condition", "c2"), ("risk", "r1")]


def test_an_open_choice_between_two_forms_is_the_first_thing_to_find_out(engine):
    """While two forms are still open, the unknown answer that moves the form comes before one that settles a
    risk only, and says it settles the form; once one form alone is left it does not."""
    moves_form = engine.relation_questions[0]
    risk_only = next(q.id for q in engine.rb.questions.questions
                     if q.id not in engine.relation_questions and not any(engine.axes.spread.get(q.id, {}).values())
                     and q.id != engine.rb.role_question)
    risks = (RiskHit(id="a_risk", status="possible", would_settle=(risk_only,)),)
    unknown = [risk_only, moves_form]
    open_two = find_out(engine, _decided(None, "grant", "supplier"), unknown, (), risks)
    assert [(f.question, f.settles[0]) for f in open_two] == [(moves_form, "form"), (risk_only, "a_risk")]
    decided = find_out(engine, _decided("grant"), unknown, (), risks)
    assert [f.question for f in decided] == [risk_only], "a form decided alone is not for finding out"


CASES = [ROOT / "examples" / f"{name}.yaml" for name in ("grant", "supplier", "employment", "development")]


def _answers(path, rule_base):
    if path.parent.name == "examples":
        return load_answers(path, rule_base)[0]
    return load_scenario(path, rule_base)[0]


@pytest.mark.parametrize("path", CASES + SCENARIOS, ids=lambda p: p.stem)
def test_each_proposed_change_changes_answers_and_gives_its_form_without_a_new_contradiction(path, rule_base,
                                                                                               engine):
    """What the result proposes ("answer X, and it would be a supplier collaboration") is true as said: every
    answer it names is another than the person gave, and made, it gives that form and describes one
    collaboration (no conflict of rules/axes.yaml holds that did not hold before)."""
    answers = _answers(path, rule_base)
    result = engine.evaluate(answers)
    before = {c.id for c in result.contradictions}
    for change in result.what_would_change:
        for question, answer in change.change.items():
            assert result.answers.get(question) != answer, (change, "the answer given already")
        after = engine.evaluate({**answers, **change.change})
        assert after.form == change.form, change
        assert {c.id for c in after.contradictions} <= before, (change, "answers that contradict each other")


def test_no_change_is_proposed_that_would_not_describe_one_collaboration(rule_base, engine, monkeypatch):
    """Where every way to another form would make answers contradict each other, none is proposed: the
    result says nothing would change it rather than propose what cannot be."""
    answers = _answers(CASES[1], rule_base)
    assert engine.evaluate(answers).what_would_change, "the supplier example has other forms within reach"
    monkeypatch.setattr(engine, "_coherence", lambda before: lambda _before, after: False)
    assert engine.evaluate(answers).what_would_change == ()
