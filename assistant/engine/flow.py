"""Question flow: which questions are asked, given the answers so far."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.engine.conditions import Facts, holds
from assistant.models.common import Receiver
from assistant.models.conditions import Condition, iter_tests
from assistant.models.questions import Question, QuestionSet


def party_of(parties: frozenset[str]) -> Receiver | None:
    """The one party a set of receivers names ("nav" or "entrepreneur"), or None when it names both."""
    if parties == frozenset({"nav"}):
        return "nav"
    if parties == frozenset({"entrepreneur"}):
        return "entrepreneur"
    return None


def asked(questions: QuestionSet, answers: Mapping[str, tuple[str, ...]],
          parties: frozenset[str] | None = None) -> list[Question]:
    """The questions that are asked, in order; with `parties`, only those put to a person speaking for them.

    A `show_if` may only look at earlier questions, and only at answers to
    questions that are themselves asked: hiding a question hides what hangs on it.
    A question not put to the person's party still counts when it has an answer (a file may give one).
    """
    return _walk(questions.questions, answers, parties, [], {})


def asked_again(questions: QuestionSet, answers: Mapping[str, tuple[str, ...]], before: list[Question],
                changed: str) -> list[Question]:
    """`asked(questions, answers)` (for every party) where `before` is what it gave for the same answers but
    the one to `changed`: the questions before `changed` are asked as they were (whether a question is asked
    looks only at the answers to questions before it), and the walk begins at `changed`."""
    order = questions.questions
    at = next((i for i, q in enumerate(order) if q.id == changed), None)
    if at is None:
        return asked(questions, answers)
    earlier = {q.id for q in order[:at]}
    shown = [q for q in before if q.id in earlier]
    return _walk(order[at:], answers, None, shown, {q.id: answers[q.id] for q in shown if q.id in answers})


def _walk(questions: Iterable[Question], answers: Mapping[str, tuple[str, ...]], parties: frozenset[str] | None,
          shown: list[Question], counted: dict[str, tuple[str, ...]]) -> list[Question]:
    """`asked`'s walk over `questions`, adding to `shown` (and to `counted`, the answers that count so far)."""
    for q in questions:
        if q.show_if is None or holds(q.show_if, Facts(counted)):
            if parties is None or q.is_asked_of(parties):
                shown.append(q)
            if q.id in answers:
                counted[q.id] = answers[q.id]
    return shown


def next_open(
    questions: QuestionSet, answers: Mapping[str, tuple[str, ...]], after: str | None = None,
    parties: frozenset[str] | None = None, *, shown: list[Question] | None = None,
) -> Question | None:
    """The next asked question without an answer: after `after` if one is, else the first.
    `shown`: `asked(questions, answers, parties)` when the caller has it already."""
    if shown is None:
        shown = asked(questions, answers, parties)
    ids = [q.id for q in shown]
    start = ids.index(after) + 1 if after in ids else 0
    for q in shown[start:] + shown[:start]:
        if q.id not in answers:
            return q
    return None


def counted_answers(
    questions: QuestionSet, answers: Mapping[str, tuple[str, ...]]
) -> tuple[list[str], dict[str, tuple[str, ...]], list[str]]:
    """The asked question ids, the answers that count (to asked questions), and the ids answered but not asked."""
    shown = [q.id for q in asked(questions, answers)]
    shown_set = set(shown)
    counted = {qid: a for qid, a in answers.items() if qid in shown_set}
    ignored = [q.id for q in questions.questions if q.id in answers and q.id not in shown_set]
    return shown, counted, ignored


def reachable(questions: QuestionSet, answers: Mapping[str, tuple[str, ...]],
              parties: frozenset[str] | None = None, *, counted: list[Question] | None = None) -> list[Question]:
    """The questions that are asked now, or could still be, given the open answers.

    A question whose `show_if` looks at an unanswered (but reachable) question
    may still come; this is what progress is counted against. `counted`: `asked(questions, answers)`
    (for every party) when the caller has it already.
    """
    shown = {q.id for q in (asked(questions, answers) if counted is None else counted)}
    result: list[Question] = []
    possible: set[str] = set()
    for q in questions.questions:
        if q.id in shown:
            ok = True
        else:
            ok = q.show_if is not None and any(
                looked in possible and looked not in answers for looked in _looks_at(q.show_if))
        if ok:
            possible.add(q.id)
            if parties is None or q.is_asked_of(parties):
                result.append(q)
    return result


def progress(questions: QuestionSet, answers: Mapping[str, tuple[str, ...]], qid: str,
             parties: frozenset[str] | None = None, *, counted: list[Question] | None = None) -> tuple[int, int]:
    """Question `qid`'s number among the questions still reachable, and how many those are:
    what "question n of total" says in every front end. `counted` as for `reachable`."""
    ids = [q.id for q in reachable(questions, answers, parties, counted=counted)]
    n = ids.index(qid) + 1 if qid in ids else len(ids)
    return n, max(len(ids), n)


_LOOKS_AT: dict[int, tuple[Condition, tuple[object, ...]]] = {}
"""A `show_if`'s tests' question ids, by the condition's identity (it is frozen): `reachable` runs for
every page the browser shows, and the walk of the condition tree is the same each time."""


def _looks_at(cond: Condition) -> tuple[object, ...]:
    found = _LOOKS_AT.get(id(cond))
    if found is None or found[0] is not cond:
        if len(_LOOKS_AT) > 10_000:  # many rule bases loaded one after another (tests): begin again
            _LOOKS_AT.clear()
        found = _LOOKS_AT[id(cond)] = (cond, tuple(getattr(test, "answer", None) for test, _ in iter_tests(cond, ())))
    return found[1]
