"""Properties of the engine that must hold for every answer, not only for examples."""

from __future__ import annotations

import itertools

from assistant.models.common import FORM_IDS
from tests.conftest import ROOT


def _distinct_answers(engine, q) -> list[tuple[str, ...] | None]:
    """A question's answers that can decide differently: one per distinct effect on the two axes, and one
    unknown (no answer; "don't know" is the same unknown). Two answers with the same effect give the same
    decision, so trying one of each covers every answer."""
    kept: dict[object, tuple[str, ...] | None] = {"unknown": None}
    for option in q.option_ids:
        if option == "dont_know":
            continue
        effect = tuple(sorted(engine.axes.contribution(q.id, (option,)).items()))
        kept.setdefault(effect, (option,))
    return list(kept.values())


def test_the_decision_never_yields_nothing(rule_base, engine):
    """Over every combination of answers to the axis questions ("don't know" and
    unanswered included; multiple choice as single picks), the decision gives
    one primary form or an open set of candidates, and the form is a candidate."""
    axis_questions = [q for q in rule_base.questions.questions if q.id in engine.axes.questions]
    choices = [_distinct_answers(engine, q) for q in axis_questions]
    seen_forms, seen_open = set(), 0
    count = 0
    for combo in itertools.product(*choices):
        answers = {q.id: a for q, a in zip(axis_questions, combo, strict=False) if a is not None}
        decision = engine.decide(answers)
        count += 1
        assert decision.candidates, answers
        if decision.form is None:
            seen_open += 1
            assert len(decision.candidates) >= 2 or any(r.pole is None for r in decision.axes.values())
        else:
            seen_forms.add(decision.form)
            assert decision.form in decision.candidates
    assert count > 10_000
    assert seen_forms == set(FORM_IDS) and seen_open


def test_all_dont_know_leaves_every_form_open(engine):
    decision = engine.decide(dict.fromkeys(engine.axes.questions, ("dont_know",)))
    assert decision.form is None
    assert decision.candidates == FORM_IDS
    assert {r.confidence for r in decision.axes.values()} == {"open"}


def test_answers_to_questions_not_asked_do_not_count(engine):
    # funder_follow_up is asked only when the money flow includes a grant
    result = engine.evaluate({"money_flow": ("purchase",), "funder_follow_up": ("reports_only",)})
    assert result.not_asked == ("funder_follow_up",)
    # the grant giver's follow-up does not count: no grant flows, so the risk is ruled out by the money flow
    status = {r.id: r for r in result.risks}["distance_to_funder"]
    assert status.status == "ruled_out" and status.because == ("money_flow",)
    assert [s.kind for s in result.trace if s.question == "funder_follow_up"] == ["not_asked"]


def test_each_role_acts_on_its_own_advice_and_an_entrepreneur_asks_nav_for_the_rest(engine):
    result = engine.evaluate({"role": ("entrepreneur",), "income": ("mostly_nav",), "local_guidelines": ("none",)})
    assert {r.to for r in result.recommendations if r.how == "do"} == {"entrepreneur"}
    assert "business_model" in {r.id for r in result.recommendations if r.how == "do"}
    asks = {r.id for r in result.recommendations if r.how == "ask"}
    assert "clear_guidelines" in asks and {r.to for r in result.recommendations if r.how == "ask"} == {"nav"}
    nav = engine.evaluate({"role": ("nav_leader_municipal",), "income": ("mostly_nav",),
                           "local_guidelines": ("none",)})
    assert {(r.to, r.how) for r in nav.recommendations} == {("nav", "do")}
    assert "clear_guidelines" in {r.id for r in nav.recommendations}
    trainer = engine.evaluate({"role": ("trainer",), "income": ("mostly_nav",), "local_guidelines": ("none",)})
    assert {(r.to, r.how) for r in trainer.recommendations} == {("nav", "do"), ("entrepreneur", "do")}


def test_whose_advice_a_role_gets_is_read_from_the_rule_base(rule_base):
    assert rule_base.role_question == "role" == rule_base.questions.questions[0].id
    assert rule_base.receivers("nav_employee_state") == frozenset({"nav"})
    assert rule_base.receivers("entrepreneur") == frozenset({"entrepreneur"})
    everyone = frozenset({"nav", "entrepreneur"})
    assert rule_base.receivers("trainer") == rule_base.receivers("dont_know") == rule_base.receivers(None) == everyone


def test_the_fast_form_decision_agrees_with_the_full_one(rule_base, engine):
    import itertools
    axis_questions = [q for q in rule_base.questions.questions if q.id in engine.axes.questions][:5]
    choices = [[None, *[(o,) for o in q.option_ids]] for q in axis_questions]
    for combo in itertools.product(*choices):
        answers = {q.id: a for q, a in zip(axis_questions, combo, strict=True) if a is not None}
        assert engine.decide_form(answers) == engine.decide(answers).form


def test_next_open_question_follows_the_flow(rule_base):
    from assistant.engine.flow import asked, next_open
    qs = rule_base.questions
    assert next_open(qs, {}).id == "role"
    answers = {"role": ("trainer",), "task_defined": ("specification",)}
    assert next_open(qs, answers).id == "goal"
    # after a changed later answer, the next open one after it comes first, then any earlier gap
    assert next_open(qs, {**answers, "money_flow": ("grant",)}, after="money_flow").id == "nav_line"
    assert next_open(qs, {"role": ("trainer",), "goal": ("jobs",)}, after="goal").id == "service_status"
    # a question that hangs on an answer is asked only with it (funder_follow_up: money_flow includes a grant)
    unsure = {q.id: ("dont_know",) for q in qs.questions[:8]}
    assert "money_flow" in unsure
    assert "funder_follow_up" not in {q.id for q in asked(qs, unsure)}
    assert "funder_follow_up" in {q.id for q in asked(qs, {**unsure, "money_flow": ("grant",)})}


def test_practical_notes_follow_the_form(rule_base, engine):
    """The dated notes beyond the report come with the forms they are about; privacy always."""
    from assistant.loading import load_answers

    def notes(example: str) -> set[str]:
        answers, _, _ = load_answers(ROOT / "examples" / f"{example}.yaml", rule_base)
        return set(engine.evaluate(answers).notes)

    assert {"wage_subsidy", "work_training_and_mentor", "privacy"} <= notes("employment")
    assert "procurement_thresholds" not in notes("employment")
    assert {"procurement_thresholds", "reserved_for_non_profits", "market_dialogue"} <= notes("supplier")
    assert "social_entrepreneur_grant" in notes("grant") and "wage_subsidy" not in notes("grant")
    assert "innovation_partnership" in notes("development")
    assert all("privacy" in notes(f) for f in ("grant", "supplier", "employment", "development"))
