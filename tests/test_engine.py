"""Properties of the engine that must hold for every answer, not only for examples."""

from __future__ import annotations

from itertools import combinations, product

from assistant.models.common import FORM_IDS
from tests.budget import examples
from tests.conftest import ROOT


def _answer_sets(rule_base, engine, n: int, seed: int):
    """`n` answer sets over every question the decision reads (the axes' and the relation's), each answer drawn
    from all a person can give: unanswered, "don't know", any option, any set of options of a multiple-choice
    question. Seeded, so a failure can be repeated."""
    import random
    rng = random.Random(seed)
    read = set(engine.axes.questions) | set(engine.relation_questions)
    questions = [q for q in rule_base.questions.questions if q.id in read]
    for _ in range(n):
        answers: dict[str, tuple[str, ...]] = {}
        for q in questions:
            pick = rng.random()
            if pick < 0.15:
                continue
            if pick < 0.25:
                answers[q.id] = ("dont_know",)
            elif q.kind == "multi":
                chosen = tuple(o.id for o in q.options if rng.random() < 0.3)
                answers[q.id] = chosen or (rng.choice(q.options).id,)
            else:
                answers[q.id] = (rng.choice(q.options).id,)
        yield answers


def test_the_decision_never_yields_nothing_nor_a_form_the_answers_deny(rule_base, engine):
    """Over 30 000 answer sets (the first 7 500 in the quick budget of tests/budget.py) to the questions the
    decision reads, the decision gives one primary form or an open set of candidates; the form is a candidate,
    and never one whose relation the answers deny. (`check` proves the axes and the relation over every
    combination; this runs the whole engine on them.)"""
    from assistant.engine.conditions import Facts, truth
    rows = {r.form: r for r in rule_base.decision.rules}
    seen_forms, seen_open, seen_basis = set(), 0, set()
    for answers in _answer_sets(rule_base, engine, examples(30_000, "ANSWER_SETS"), seed=18):
        decision = engine.decide(answers)
        seen_basis.add(decision.basis)
        assert decision.candidates, answers
        if decision.form is None:
            seen_open += 1
            assert len(decision.candidates) >= 2 or decision.basis == "contradiction" \
                or any(r.pole is None for r in decision.axes.values()), answers
        else:
            seen_forms.add(decision.form)
            assert decision.form in decision.candidates
            known = {q: a for q, a in answers.items() if a != ("dont_know",)}
            requires = rows[decision.form].requires
            assert requires is None or truth(requires, Facts(known)) is not False, (decision.form, answers)
    assert seen_forms == set(FORM_IDS) and seen_open
    assert {"axes", "relation", "nearest", "open", "contradiction"} <= seen_basis


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
    for answers in _answer_sets(rule_base, engine, examples(20_000, "ANSWER_SETS"), seed=2026):
        assert engine.decide_form(answers) == engine.decide(answers).form, answers


def _tried_in_turn(size, scores, want, movable, moves, verdict, form, home):
    """counterfactual._of_size as it was before it ranked the changes: each tried in turn, a better one kept
    each time the decision confirms it. The tests put it in place to compare."""
    best = None
    for qids in combinations(movable, size):
        for picks in product(*(moves[q] for q in qids)):
            service = scores["service"] + sum(move.service for move in picks)
            relation = scores["relation"] + sum(move.relation for move in picks)
            margin = min(service * want["service"], relation * want["relation"])
            if margin <= 0 and not any(q in home.relational for q in qids):
                continue
            rank = (sum(move.affinity for move in picks), margin)
            if best is not None and rank <= best[0]:
                continue
            change = {q: move.value for q, move in zip(qids, picks, strict=True)}
            if verdict(change) == form:
                best = (rank, change)
    return best[1] if best is not None else None


def test_where_the_flow_hides_a_question_the_decision_reads_the_fast_paths_agree_with_the_full_ones(tmp_path,
                                                                                                    monkeypatch):
    """In a rule base where questions the decision reads are asked only on an earlier answer (the shipped one
    has none, so `Engine.always_asked` holds there), the fast form decision still agrees with the full one, and
    the ranked search for what would change with trying each change in turn."""
    import random

    from assistant.engine import Engine, counterfactual
    from assistant.loading import load_rule_base
    from tests.wide_rule_base import build

    root = build(tmp_path, questions=3, options=3, show_if="{answer: money_flow, in: [grant, purchase]}")
    wide = load_rule_base(root / "questions.yaml", root / "rules")
    engine = Engine(wide)
    assert not engine.always_asked
    sets = list(_answer_sets(wide, engine, examples(8_000, "ANSWER_SETS"), seed=31))
    for answers in sets:
        assert engine.decide_form(answers) == engine.decide(answers).form, answers
    rng = random.Random(32)
    sample = rng.sample(sets, min(len(sets), examples(120, "CHANGE_SETS")))
    ranked = [engine.evaluate(answers).what_would_change for answers in sample]
    monkeypatch.setattr(counterfactual, "_of_size", _tried_in_turn)
    assert [engine.evaluate(answers).what_would_change for answers in sample] == ranked


def test_the_two_valued_conditions_agree_with_the_three_valued_ones(rule_base, engine):
    """The conflicts and the relation conditions, compiled to say only whether they are certainly true or
    false (what the decision asks of them), agree with the three-valued compiled ones over random answers;
    so does asking whether any of them holds (any_holds)."""
    import random

    from assistant.engine.conditions import any_holds, compile_answers, compile_certain
    conditions = [c.when for c in rule_base.axes.conflicts] + [r.when for r in rule_base.decision.relations]
    conditions += [r.requires for r in rule_base.decision.rules if r.requires is not None]
    compiled = [(compile_answers(c), *compile_certain(c)) for c in conditions]
    # any_holds groups conditions by a test they share: over all of them, and over some (as coherence asks)
    rng = random.Random(5)
    groups = [list(range(len(conditions)))] + [rng.sample(range(len(conditions)), k) for k in (1, 3, 6, 9, 12)]
    anyone = [(group, any_holds([(conditions[i], compiled[i][1]) for i in group])) for group in groups]
    for answers in _answer_sets(rule_base, engine, examples(20_000, "ANSWER_SETS"), seed=4):
        values = [three_valued(answers) for three_valued, _, _ in compiled]
        for value, (_, certainly_true, certainly_false) in zip(values, compiled, strict=True):
            assert (certainly_true(answers), certainly_false(answers)) == (value is True, value is False), answers
        for group, holds in anyone:
            assert holds(answers) is any(values[i] is True for i in group), (group, answers)


def test_the_ranked_search_for_what_would_change_finds_what_trying_each_in_turn_finds(rule_base, engine, monkeypatch):
    """counterfactual.py ranks every change of a size and confirms them best first, which saves most of the
    decisions; trying them in turn (keeping a better one each time the decision confirms it) must find the
    same change for every form, over random answer sets."""
    import random

    from assistant.engine import counterfactual

    rng = random.Random(61)
    sets = list(_answer_sets(rule_base, engine, examples(400, "CHANGE_SETS"), seed=60))
    for answers in sets:  # also answers to the questions around the decision, that coherence may look at
        for q in rule_base.questions.questions:
            if q.id not in answers and rng.random() < 0.5:
                answers[q.id] = (rng.choice(q.options).id,)
    ranked = [engine.evaluate(answers).what_would_change for answers in sets]
    monkeypatch.setattr(counterfactual, "_of_size", _tried_in_turn)
    assert [engine.evaluate(answers).what_would_change for answers in sets] == ranked
    assert sum(len(changes) for changes in ranked) > len(sets), "the searches found changes to compare"


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
    assert "social_entrepreneur_grant" in notes("grant") and "procurement_thresholds" not in notes("grant")
    assert "innovation_partnership" in notes("development")
    assert all("privacy" in notes(f) for f in ("grant", "supplier", "employment", "development"))
