"""The dialogue every front end drives: what an answer, back, review and the result mean.

Tested once here; each front end has a thin test that it uses the dialogue
(tests/tui/test_pilot.py, tests/test_plain.py).
"""

from __future__ import annotations

import pytest

from assistant.dialogue import AnswerRefused, Dialogue, Step
from assistant.models.questions import DONT_KNOW


@pytest.fixture
def kept():
    """What the keeper was handed, one entry per save: the answers at that moment."""
    return []


@pytest.fixture
def dialogue(rule_base, engine, kept):
    return Dialogue.begin(rule_base, engine, "entrepreneur", keeper=lambda d: kept.append(dict(d.answers)))


def test_a_new_session_starts_with_the_role_and_is_kept_at_once(dialogue, kept):
    assert dialogue.answers == {"role": ("entrepreneur",)}
    assert kept == [{"role": ("entrepreneur",)}]
    assert dialogue.first_step() == Step("question", "task_defined")


def test_an_answer_leads_to_the_next_open_question_and_is_kept(dialogue, kept):
    assert dialogue.answer("task_defined", ("grant_call",)) == Step("question", "goal")
    assert kept[-1] == {"role": ("entrepreneur",), "task_defined": ("grant_call",)}


def test_back_goes_to_the_previous_question_and_keeps_every_answer(dialogue, kept):
    dialogue.answer("task_defined", ("grant_call",))
    saves = len(kept)
    assert dialogue.back("goal") == Step("question", "task_defined")
    assert dialogue.answers["task_defined"] == ("grant_call",)
    assert len(kept) == saves  # nothing changed, so nothing to save
    assert dialogue.back("task_defined") == Step("question", "role")
    assert dialogue.back("role") == Step("start")


def test_answering_again_after_back_goes_on_to_the_first_open_question(dialogue):
    dialogue.answer("task_defined", ("grant_call",))
    dialogue.answer("goal", ("build_business",))
    dialogue.back("service_status")
    dialogue.back("goal")
    assert dialogue.answer("task_defined", ("grant_call",)) == Step("question", "service_status")


@pytest.mark.parametrize(("qid", "chosen", "reason"), [
    ("task_defined", (), "tui.pick_one"),
    ("task_defined", ("grant_call", "specification"), "dialogue.one_only"),
    ("task_defined", ("no_such_option",), "dialogue.not_an_option"),
    ("task_defined", ("build_business",), "dialogue.not_an_option"),  # an option of another question
    ("money_flow", ("grant", DONT_KNOW), "plain.dont_know_alone"),
    ("no_such_question", ("x",), "dialogue.not_asked"),
    ("funder_follow_up", ("close",), "dialogue.not_asked"),  # asked only when the money is a grant
])
def test_a_choice_that_is_no_answer_is_refused_and_changes_nothing(dialogue, kept, qid, chosen, reason):
    before = dict(dialogue.answers)
    with pytest.raises(AnswerRefused) as refused:
        dialogue.answer(qid, chosen)
    assert refused.value.reason == reason and refused.value.question == qid
    assert dialogue.answers == before and len(kept) == 1


def test_several_answers_are_kept_in_the_questions_order_once_each(dialogue, rule_base):
    for qid in ("task_defined", "goal", "service_status", "who_shapes", "closeness", "contact"):
        dialogue.answer(qid, (DONT_KNOW,))
        assert dialogue.answers[qid] == (DONT_KNOW,)  # "don't know" is kept as the answer it is
    options = dict.fromkeys(rule_base.questions.questions[7].option_ids)
    assert rule_base.questions.questions[7].id == "money_flow"
    first, second = list(options)[:2]
    dialogue.answer("money_flow", [second, first, second])
    assert dialogue.answers["money_flow"] == (first, second)


def test_a_question_opened_from_review_goes_back_to_review(dialogue):
    dialogue.answer("task_defined", ("grant_call",))
    assert dialogue.edit("task_defined") == Step("question", "task_defined")
    assert dialogue.answer("task_defined", ("specification",)) == Step("review")
    dialogue.edit("task_defined")
    assert dialogue.back("task_defined") == Step("review")  # back from an edit: review, the answer kept
    assert dialogue.answers["task_defined"] == ("specification",)
    with pytest.raises(AnswerRefused):
        dialogue.edit("funder_follow_up")  # not asked: not editable


def test_review_marks_what_is_new_and_what_no_longer_counts(dialogue):
    dialogue.answer("task_defined", ("grant_call",))
    rows = {r.question: r for r in dialogue.review_rows()}
    assert rows["task_defined"].status == "answered" and rows["task_defined"].answer == ("grant_call",)
    assert rows["goal"].status == "new" and rows["goal"].answer is None
    assert {r.question: r.status for r in dialogue.review_rows()}["goal"] == "unanswered"  # seen once: not new
    for qid in ("goal", "service_status", "who_shapes", "closeness", "contact"):
        dialogue.answer(qid, (DONT_KNOW,))
    dialogue.answer("money_flow", ("grant",))
    dialogue.answer("funder_follow_up", ("close",))
    dialogue.review_rows()
    dialogue.answer("money_flow", ("purchase",))  # the follow-up question is no longer asked
    statuses = {r.question: r.status for r in dialogue.review_rows()}
    assert statuses["funder_follow_up"] == "not_relevant"


def test_progress_counts_the_questions_still_reachable(dialogue):
    assert dialogue.progress("task_defined")[0] == 2
    for qid in ("task_defined", "goal", "service_status", "who_shapes", "closeness", "contact"):
        dialogue.answer(qid, (DONT_KNOW,))
    n, open_total = dialogue.progress("money_flow")
    assert n == 8
    dialogue.answer("money_flow", ("purchase",))  # no grant: the grant giver's follow-up can no longer come
    n, total = dialogue.progress("money_flow")
    assert n == 8 and total < open_total


def test_the_result_is_evaluated_again_only_when_an_answer_changes(dialogue, engine, monkeypatch):
    calls = []
    real = engine.evaluate
    monkeypatch.setattr(engine, "evaluate", lambda answers: calls.append(1) or real(answers))
    first = dialogue.result()
    assert dialogue.result() is first
    dialogue.set_language("en")  # words change, the result does not
    dialogue.set_group("Gruppe Nord")
    assert dialogue.result() is first and len(calls) == 1
    dialogue.answer("task_defined", ("specification",))
    assert dialogue.result() is not first and len(calls) == 2


def test_language_and_group_are_kept_with_the_session(dialogue, kept):
    dialogue.set_group("  Gruppe   Nord ")
    assert dialogue.group == "Gruppe Nord" and len(kept) == 2
    dialogue.set_language("en")
    assert dialogue.lang == "en" and len(kept) == 3


def test_a_session_is_complete_when_every_asked_question_has_an_answer(dialogue):
    step = dialogue.first_step()
    while step.to == "question":
        assert not dialogue.complete
        step = dialogue.answer(step.question, (DONT_KNOW,))
    assert step == Step("result") and dialogue.complete and dialogue.unanswered() == 0
    assert dialogue.carry_on() == Step("question", dialogue.asked()[-1])


# ------------------------------------------------------------ what the person is shown of their way
# (added for `make mutation`: each pins something a front end shows, which mutmut found no test held)

@pytest.fixture
def grant(rule_base):
    from assistant.loading import load_answers
    from tests.conftest import ROOT

    answers, _, _ = load_answers(ROOT / "examples" / "grant.yaml", rule_base)
    return answers


def test_the_tally_counts_each_answer_once_up_to_all_the_questions_put(rule_base, engine, grant):
    walked = Dialogue.begin(rule_base, engine, "entrepreneur")
    assert walked.tally() == (1, 28)  # the role answered, of 28 an entrepreneur may be asked (the projector's bar)
    assert Dialogue.begin(rule_base, engine, "nav_employee_state").tally() == (1, 30)
    steps = 0
    while (qid := walked.next_open()) is not None:
        before = walked.tally()[0]
        walked.answer(qid, grant.get(qid, (DONT_KNOW,)))
        steps += 1
        assert walked.tally()[0] == before + 1
    answered, total = walked.tally()
    assert answered == total == steps + 1 == len(walked.asked())
    assert walked.unanswered() == 0 and walked.complete
    assert walked.first_step() == Step("result")


def test_unanswered_counts_the_questions_put_and_not_yet_answered(rule_base, engine, grant):
    assert Dialogue.begin(rule_base, engine, "entrepreneur").unanswered() == 22
    assert Dialogue(rule_base, engine, answers=grant).unanswered() == 1  # the example leaves tender_experience
    left_out = {q: a for q, a in grant.items() if q != "contact"}
    assert Dialogue(rule_base, engine, answers=left_out).unanswered() == 2


def test_question_numbers_and_words_follow_the_person(rule_base, engine):
    entrepreneur = Dialogue.begin(rule_base, engine, "entrepreneur")
    nav = Dialogue.begin(rule_base, engine, "nav_employee_state", lang="en")
    assert entrepreneur.progress("task_defined") == (2, 28) and nav.progress("task_defined") == (2, 30)
    assert entrepreneur.question_text("service_status") == "Er tjenesten du tilbyr, ferdig utformet?"
    assert nav.question_text("service_status") != entrepreneur.question_text("service_status")
    assert nav.question_text("service_status").endswith("?") and " the " in nav.question_text("service_status")


def test_an_answer_goes_on_after_its_own_question_not_to_an_earlier_gap(rule_base, engine, grant):
    gap = {q: a for q, a in grant.items() if q != "goal"}
    d = Dialogue(rule_base, engine, answers={q: a for q, a in gap.items() if q not in ("contact", "closeness")})
    assert d.answer("closeness", grant["closeness"]) == Step("question", "contact")
    assert d.first_step() == Step("question", "goal")  # the gap is still where a new start begins


def test_edit_from_review_returns_to_review_once_then_the_way_goes_on(rule_base, engine, grant):
    d = Dialogue(rule_base, engine, answers={q: a for q, a in grant.items() if q != "contact"})
    assert d.edit("goal") == Step("question", "goal")
    assert d.answer("goal", ("jobs",)) == Step("review")
    assert d.answer("contact", grant["contact"]) != Step("review")  # editing is over
    d.edit("goal")
    assert d.back("goal") == Step("review")
    assert d.back("goal") == Step("question", "task_defined")  # back is back again
    d.edit("goal")
    assert d.carry_on() == Step("question", "tender_experience")  # the next open question
    assert d.answer("goal", ("build_business",)) != Step("review")


def test_back_from_a_question_no_longer_asked_goes_to_the_last_asked(dialogue):
    assert dialogue.back("not_a_question") == Step("question", "cond_funding_schemes")
    assert dialogue.back("task_defined") == Step("question", "role")
    assert dialogue.back("role") == Step("start")


def test_opening_a_question_not_asked_is_refused_by_name(dialogue):
    with pytest.raises(AnswerRefused) as refused:
        dialogue.edit("local_guidelines")  # put to Nav only
    assert (refused.value.reason, refused.value.question) == ("dialogue.not_asked", "local_guidelines")
    assert str(refused.value) == "dialogue.not_asked (local_guidelines)"


def test_the_group_name_is_one_line_of_80_and_language_and_group_are_kept(rule_base, engine, kept):
    d = Dialogue.begin(rule_base, engine, "trainer", group="Nord", keeper=lambda d: kept.append((d.lang, d.group)))
    assert d.group == "Nord" and kept == [("nb", "Nord")]
    result = d.result()
    d.set_group("  Gruppe\n  Sør " + "x" * 100)
    assert d.group == ("Gruppe Sør " + "x" * 100)[:80] and len(d.group) == 80
    d.set_language("en")
    assert kept[-2:] == [("nb", d.group), ("en", d.group)]
    assert d.result() is result  # neither changes an answer: the result is not worked out again
    d.set_group(None)
    assert d.group is None
    d.set_group("   ")
    assert d.group is None


def test_a_session_opened_with_answers_has_its_result_at_once(rule_base, engine, grant):
    assert Dialogue(rule_base, engine, answers=grant).result().form == "grant"


def test_review_lists_every_question_asked_or_answered_to_the_last(rule_base, engine, grant):
    d = Dialogue(rule_base, engine, answers=grant)
    rows = d.review_rows()
    assert set(d.asked()) <= {r.question for r in rows}
    assert rows[-1].question == "cond_funding_schemes" and rows[-1].status == "answered"
    assert len(rows) == len({q for q in grant if q != "role"} | set(d.asked()) | {"role"})
