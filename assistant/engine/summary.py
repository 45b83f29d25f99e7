"""The summary a person reads first, and what to find out: data only (ids), render/ phrases them.

- why the form: the answers that weighed most on each axis;
- what to do first: the conditions that are not met, the raised risks, then the conditions partly met, then
  the risks typical of the form itself: each raised by an answer or typical of the form (a condition nobody
  knows about is for finding out), at most two of one kind so that the three steps are not all alike;
- what to find out: the unknown answers that would settle most (the form while it is open, then risks and
  conditions), to bring to a first meeting with the other party.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from assistant.models.result import ConditionStatus, FindOut, FirstStep, Reason, RiskHit, Summary

if TYPE_CHECKING:
    from assistant.engine.axes import FormDecision
    from assistant.engine.evaluate import Engine

FIRST_STEPS = 3
TOP_RISKS = 3
REASONS_PER_AXIS = 2
FIND_OUT = 5
SAME_KIND = 2
"""At most this many of the first steps are of one kind (conditions, risks) while others are at hand."""


def _raised(risks: Iterable[RiskHit]) -> list[RiskHit]:
    """The raised risks, those the report names for a form present first (a stable order otherwise)."""
    raised = [r for r in risks if r.status == "raised"]
    return sorted(raised, key=lambda r: 0 if r.forms else 1)


def summarise(engine: Engine, decision: FormDecision, counted: Mapping[str, tuple[str, ...]],
              conditions: tuple[ConditionStatus, ...], risks: tuple[RiskHit, ...]) -> Summary:
    order = {qid: i for i, qid in enumerate(engine.axes.order)}
    reasons: list[Reason] = []
    for axis, reading in decision.axes.items():
        if reading.pole is None:
            continue
        pushes = [
            Reason(axis=axis, pole=ind.pole, question=qid, option=option, points=ind.weight)
            for qid, chosen in counted.items() for option in chosen
            for ind_axis, _, ind in engine.axes.indicators.get((qid, option), ())
            if ind_axis == axis and ind.pole == reading.pole
        ]
        pushes.sort(key=lambda r: (-r.points, order.get(r.question, 0)))
        reasons += pushes[:REASONS_PER_AXIS]

    raised = _raised(risks)
    by_status: dict[str, list[FirstStep]] = {"not_met": [], "partly": []}
    for c in conditions:
        if c.status in by_status:
            by_status[c.status].append(FirstStep(kind="condition", id=c.id, status=c.status))
    # with nothing unmet or raised, the typical risks of the form itself (not of an element of another form)
    # still give something to act on; a condition nobody knows about is for finding out, not a first step
    form = decision.form
    main = {form} if form else set(decision.candidates)
    typical = [FirstStep(kind="risk", id=r.id, status="typical") for r in risks
               if r.status == "typical" and main.intersection(r.forms)]
    ordered = (by_status["not_met"] + [FirstStep(kind="risk", id=r.id, status="raised") for r in raised]
               + by_status["partly"] + typical)
    steps: list[FirstStep] = []
    for step in ordered:
        if len(steps) < FIRST_STEPS and sum(1 for s in steps if s.kind == step.kind) < SAME_KIND:
            steps.append(step)
    for step in ordered:  # too few of the other kind: fill up
        if len(steps) < FIRST_STEPS and step not in steps:
            steps.append(step)
    return Summary(reasons=tuple(reasons), first_steps=tuple(steps),
                   top_risks=tuple(r.id for r in raised[:TOP_RISKS]))


def find_out(engine: Engine, decision: FormDecision, unknown: list[str],
             conditions: tuple[ConditionStatus, ...], risks: tuple[RiskHit, ...],
             mine: set[str] | None = None) -> tuple[FindOut, ...]:
    """The unknown answers that would settle most, most first; those not in `mine` (the questions put to the
    reader's own party) are marked as the other party's to answer."""
    rb = engine.rb
    condition_of = {c.question: c.id for c in rb.conditions}
    status = {c.id: c.status for c in conditions}
    open_form = len(decision.candidates) > 1
    found: list[tuple[tuple[int, int, int], FindOut]] = []
    for index, qid in enumerate(unknown):
        if qid == rb.role_question:
            continue
        settles: list[str] = []
        moves_form = open_form and (qid in engine.relation_questions
                                    or any(low or high for low, high in engine.axes.spread.get(qid, {}).values()))
        if moves_form:
            settles.append("form")
        settles += [r.id for r in risks if r.status in ("possible", "typical") and qid in r.would_settle]
        cid = condition_of.get(qid)
        if cid is not None and status.get(cid) == "unknown":
            settles.append(cid)
        if settles:
            other = mine is not None and qid not in mine
            found.append(((0 if moves_form else 1, -len(settles), index),
                          FindOut(question=qid, settles=tuple(settles), other_party=other)))
    found.sort(key=lambda item: item[0])
    return tuple(item[1] for item in found[:FIND_OUT])
