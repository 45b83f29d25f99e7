"""From answers to a full result: form, conditions, risks, advice, trace, what-ifs.

`Engine` compiles one rule base once; `evaluate` and `decide_form` are then
pure functions of the answers. No I/O, no user interface.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from assistant.answers import Answers, read_answers
from assistant.engine.axes import AxisModel, FormDecision
from assistant.engine.conditions import Facts, holds, reasons
from assistant.engine.counterfactual import what_would_change
from assistant.engine.flow import counted_answers
from assistant.models.common import Text
from assistant.models.questions import DONT_KNOW
from assistant.models.result import (
    Change, ConditionStatus, RecommendationHit, Result, RiskHit, SimilarCase, TraceStep,
)
from assistant.models.rules import RuleBase
from assistant.texts import both
from assistant.yamlsource import Document

SIMILAR_CASES = 3


class Situation(NamedTuple):
    shown: list[str]
    counted: dict[str, tuple[str, ...]]
    not_asked: list[str]
    decision: FormDecision
    secondary: tuple[str, ...]
    plain: Facts
    """The counted answers alone (what form elements look at)."""
    facts: Facts
    """Answers, poles and the forms present (what risks and advice look at)."""


class Engine:
    def __init__(self, rb: RuleBase):
        self.rb = rb
        self.axes = AxisModel(rb)
        self.questions = {q.id: q for q in rb.questions.questions}
        self.forms = {f.id: f for f in rb.forms}
        self.options = {q.id: q.option_ids for q in rb.questions.questions}
        # when no axis question hangs on another answer, the flow cannot change the decision
        self.axes_always_asked = all(self.questions[q].show_if is None for q in self.axes.questions)
        self.axis_names = {a.id: a.name for a in rb.axes.axes}
        self.pole_names = {p.id: p.name for a in rb.axes.axes for p in a.poles}
        self.relations: list[tuple[str, str, str, Answers]] = []
        for case in rb.cases:
            for rel in case.relations:
                answers, _, _ = read_answers(rel.answers, rb.questions, Document("cases.yaml", rel.answers))
                self.relations.append((case.id, rel.id, rel.report_form, answers))

    # ------------------------------------------------------------ decision
    def decide(self, answers: Mapping[str, tuple[str, ...]]) -> FormDecision:
        """The form decision alone: the fast path."""
        if self.axes_always_asked:
            shown = self.axes.questions
            return self.axes.decide({q: answers[q] for q in shown if q in answers}, shown)
        shown, counted, _ = counted_answers(self.rb.questions, answers)
        return self.axes.decide(counted, shown)

    def decide_form(self, answers: Mapping[str, tuple[str, ...]]) -> str | None:
        """The primary form alone, or None while the answers leave it open."""
        if self.axes_always_asked:
            return self.axes.form_of(answers)
        shown, counted, _ = counted_answers(self.rb.questions, answers)
        return self.axes.form_of(counted)

    # ------------------------------------------------------------ the whole result
    def situation(self, answers: Mapping[str, tuple[str, ...]]) -> Situation:
        """What the rules look at: the answers that count, the decision, and the forms present."""
        shown, counted, not_asked = counted_answers(self.rb.questions, answers)
        decision = self.axes.decide(counted, shown)
        form = decision.form
        plain = Facts(counted)
        # elements of other forms; while the decision is open the candidates are not "other"
        settled = {form} if form else set(decision.candidates)
        secondary = tuple(
            f.id for f in self.rb.forms
            if f.id not in settled and f.elements is not None and holds(f.elements, plain)
        )
        present = set(secondary) | settled
        facts = Facts(
            counted,
            poles={axis: reading.pole for axis, reading in decision.axes.items()},
            forms=frozenset(present),
        )
        return Situation(shown, counted, not_asked, decision, secondary, plain, facts)

    def role(self, counted: Mapping[str, tuple[str, ...]]) -> str | None:
        """The user's role: the answer to the role question (rules/meta.yaml), if given."""
        return counted.get(self.rb.role_question, (None,))[0]

    def advice(self, counted: Mapping[str, tuple[str, ...]], facts: Facts
               ) -> tuple[tuple[RiskHit, ...], tuple[RecommendationHit, ...], tuple[str, ...]]:
        """The risks that apply, the recommendations for the user's role, and the competences it needs."""
        rb = self.rb
        risks = tuple(
            RiskHit(id=r.id, because=reasons(r.applies_when, facts))
            for r in rb.risks if holds(r.applies_when, facts)
        )
        wanted = rb.receivers(self.role(counted))
        recommendations = tuple(
            RecommendationHit(
                id=r.id, to=r.to,
                because=reasons(r.applies_when, facts) if r.applies_when is not None else (),
            )
            for r in rb.recommendations
            if r.to in wanted and (r.applies_when is None or holds(r.applies_when, facts))
        )
        holders = wanted | {"both"}
        competences = tuple(
            c.id for c in rb.competences
            if c.holder in holders and (c.applies_when is None or holds(c.applies_when, facts))
        )
        return risks, recommendations, competences

    def evaluate(self, answers: Mapping[str, tuple[str, ...]]) -> Result:
        rb = self.rb
        shown, counted, not_asked, decision, secondary, plain, facts = self.situation(answers)
        form = decision.form

        conditions = tuple(
            ConditionStatus(id=c.id, status=c.status.get(counted.get(c.question, (DONT_KNOW,))[0], "unknown"))
            for c in rb.conditions
        )
        risks, recommendations, competences = self.advice(counted, facts)
        role = self.role(counted)
        changes = what_would_change(
            self.axes, counted, {q: self.options[q] for q in shown}, form, self.decide_form,
        )
        return Result(
            form=form,
            candidates=decision.candidates,
            secondary=secondary,
            axes=decision.axes,
            conditions=conditions,
            risks=risks,
            recommendations=recommendations,
            competences=competences,
            trace=self._trace(counted, not_asked, answers, decision, secondary, plain, risks, recommendations, role),
            what_would_change=tuple(Change(form=f, change=c) for f, c in changes),
            similar_cases=self._similar(counted),
            role=role,
            answers=dict(counted),
            not_asked=tuple(not_asked),
            notes=tuple(n.id for n in rb.notes.notes if n.applies_when is None or holds(n.applies_when, facts)),
            rules_version=rb.version,
        )

    # ------------------------------------------------------------ explanation
    def _trace(self, counted, not_asked, answers, decision, secondary, plain, risks, recommendations, role):
        rb = self.rb
        steps: list[TraceStep] = []
        risk_by_id = {r.id: r for r in rb.risks}
        rec_by_id = {r.id: r for r in rb.recommendations}
        cond_by_question = {c.question: c for c in rb.conditions}
        axis_by_id = {a.id: a for a in rb.axes.axes}
        wanted = rb.receivers(role)
        element_reasons = {f: reasons(self.forms[f].elements, plain) for f in secondary
                           if self.forms[f].elements is not None}

        def step(qid: str, chosen: tuple[str, ...], kind: str, effect: Text, source) -> None:
            steps.append(TraceStep(question=qid, answer=chosen, effect=effect, source=tuple(source), kind=kind))

        for q in rb.questions.questions:
            if q.id not in answers:
                continue
            chosen = answers[q.id]
            if q.id in not_asked:
                step(q.id, chosen, "not_asked", both("trace.not_asked"), q.source)
                continue
            before = len(steps)
            if q.id == rb.role_question:
                key = f"trace.role.{next(iter(wanted))}" if len(wanted) == 1 else "trace.role.all"
                step(q.id, chosen, "role", both(key), rb.meta.roles.source)
            for option in chosen:
                for axis, _weight, ind in self.axes.indicators.get((q.id, option), ()):
                    step(q.id, chosen, "axis", both(
                        "trace.axis", effect=ind.effect, axis=self.axis_names[axis],
                        pole=self.pole_names[ind.pole], weight=ind.weight,
                    ), ind.source)
            if chosen == (DONT_KNOW,) and q.id in self.axes.spread:
                for axis, (low, high) in self.axes.spread[q.id].items():
                    if low or high:
                        step(q.id, chosen, "open", both("trace.open", axis=self.axis_names[axis],
                                                        low=low, high=high), axis_by_id[axis].source)
            condition = cond_by_question.get(q.id)
            if condition is not None:
                status = condition.status.get(chosen[0], "unknown")
                step(q.id, chosen, "condition", both("trace.condition", name=condition.name,
                                                      status=both(f"status.{status}")), condition.source)
            for form_id, why in element_reasons.items():
                if q.id in why:
                    form = self.forms[form_id]
                    step(q.id, chosen, "element", both("trace.element", name=form.name), form.source)
            for hit in risks:
                if q.id in hit.because:
                    risk = risk_by_id[hit.id]
                    step(q.id, chosen, "risk", both("trace.risk", name=risk.name), risk.source)
            for hit in recommendations:
                if q.id in hit.because:
                    rec = rec_by_id[hit.id]
                    step(q.id, chosen, "recommendation", both("trace.recommendation", name=rec.title), rec.source)
            if len(steps) == before:
                step(q.id, chosen, "none", both("trace.none"), q.source)
        return tuple(steps)

    def _similar(self, counted: Mapping[str, tuple[str, ...]]) -> tuple[SimilarCase, ...]:
        """The report's relations whose answers agree most with these."""
        scored = []
        for index, (case_id, rel_id, report_form, rel_answers) in enumerate(self.relations):
            if not rel_answers:
                continue
            same = sum(1 for q, a in rel_answers.items() if counted.get(q) == a)
            if same:
                scored.append((-same / len(rel_answers), index, SimilarCase(
                    case=case_id, relation=rel_id, report_form=report_form,
                    similarity=round(same / len(rel_answers), 2))))
        scored.sort(key=lambda item: (item[0], item[1]))
        return tuple(item[2] for item in scored[:SIMILAR_CASES])
