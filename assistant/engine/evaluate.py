"""From answers to a full result: form, conditions, risks, advice, trace, what-ifs.

`Engine` compiles one rule base once; `evaluate` and `decide_form` are then
pure functions of the answers. No I/O, no user interface, no words: the result
holds ids, numbers and report sections, and render/ phrases them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, NamedTuple

from assistant.answers import Answers, read_answers
from assistant.engine.axes import AxisModel, FormDecision
from assistant.engine.conditions import Facts, any_holds, compile_certain, holds, reasons, truth, unknown_answers
from assistant.engine.counterfactual import what_would_change
from assistant.engine.flow import counted_answers, party_of, reachable
from assistant.engine.relation import RelationModel
from assistant.engine.summary import find_out, summarise
from assistant.models.common import FORM_IDS
from assistant.models.conditions import AnswerTest, Condition, iter_tests
from assistant.models.questions import DONT_KNOW
from assistant.models.result import (
    AxisStep,
    Change,
    ConditionStatus,
    ConditionStep,
    Contradiction,
    ItemStep,
    OpenStep,
    QuietStep,
    ReadingOf,
    RecommendationHit,
    Result,
    RiskHit,
    RoleStep,
    SimilarCase,
    TraceStep,
)
from assistant.models.rules import RECEIVERS, Axis, Form, RuleBase
from assistant.yamlsource import Document

SIMILAR_CASES = 3


def _relation_questions(rb: RuleBase) -> tuple[str, ...]:
    """The questions the decision's relation conditions test, in question order."""
    tested = {q for row in rb.decision.rules if row.requires is not None for q in _tested(row.requires)}
    tested |= {q for rule in rb.decision.relations for q in _tested(rule.when)}
    return tuple(q.id for q in rb.questions.questions if q.id in tested)


def _tested(cond: Condition) -> tuple[str, ...]:
    """The questions a condition tests, in order."""
    found: list[str] = []
    for test, _ in iter_tests(cond, ()):
        if isinstance(test, AnswerTest) and test.answer not in found:
            found.append(test.answer)
    return tuple(found)


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
    contradictions: tuple[Contradiction, ...]
    """Answers that do not fit together, with what each reading gives."""


class Engine:
    def __init__(self, rb: RuleBase):
        self.rb = rb
        self.axes = AxisModel(rb)
        self.questions = {q.id: q for q in rb.questions.questions}
        # by plain id: a result names its forms as strings
        self.forms: dict[str, Form] = {f.id: f for f in rb.forms}
        self.options = {q.id: q.option_ids for q in rb.questions.questions}
        self.relation = RelationModel(rb)
        self.conflicts = [(c, compile_certain(c.when)[0]) for c in rb.axes.conflicts]
        """The conflicts of rules/axes.yaml, each with its condition compiled: whether it certainly holds."""
        self.conflicting = any_holds([(c.when, holds_now) for c, holds_now in self.conflicts])
        """Whether any conflict certainly holds."""
        self.relation_questions = _relation_questions(rb)
        self.relation_pairs: dict[str, set[tuple[str, str]]] = {}
        """For each form, the (question, option) pairs its relation rules test: answers that rest on it."""
        for rule in rb.decision.relations:
            for test, _ in iter_tests(rule.when, ()):
                if isinstance(test, AnswerTest):
                    self.relation_pairs.setdefault(rule.form, set()).update((test.answer, o) for o in test.options)
        """The questions the relation conditions test (rules/decision.yaml), in question order."""
        # when no question the decision reads hangs on another answer, the flow cannot change the decision
        self.always_asked = all(self.questions[q].show_if is None
                                for q in (*self.axes.questions, *self.relation_questions))
        self.typical: dict[str, set[str]] = {f.id: {t.id for t in f.risks} for f in rb.forms}
        """Each form's typical risks (rules/forms.yaml)."""
        self.relations: list[tuple[str, str, str, Answers]] = []
        for case in rb.cases:
            for rel in case.relations:
                answers, _, _ = read_answers(rel.answers, rb.questions, Document("cases.yaml", rel.answers))
                self.relations.append((case.id, rel.id, rel.report_form, answers))

    # ------------------------------------------------------------ decision
    def decide(self, answers: Mapping[str, tuple[str, ...]]) -> FormDecision:
        """The form decision alone: the axes, then the relation (engine/relation.py), then answers that
        contradict each other."""
        return self._decide(answers)[0]

    def _decide(self, answers: Mapping[str, tuple[str, ...]], *, read_contradictions: bool = True
                ) -> tuple[FormDecision, tuple[Contradiction, ...]]:
        if self.always_asked:
            shown, counted = self.axes.questions, answers
            axes = self.axes.decide({q: answers[q] for q in shown if q in answers}, shown)
        else:
            shown, counted, _ = counted_answers(self.rb.questions, answers)
            axes = self.axes.decide(counted, shown)
        decision = self.relation.settle(axes, self.relation.read(counted))
        if not read_contradictions:
            return decision, ()
        found = self.contradictions(counted)
        return self.read_both_ways(decision, found), found

    def contradictions(self, counted: Mapping[str, tuple[str, ...]]) -> tuple[Contradiction, ...]:
        """The conflicts of rules/axes.yaml that hold for these answers, each with what the report would make
        of it, one answer at a time taken as right: every answer that conflicts with it (in any conflict that
        holds) is set aside."""
        found = []
        for conflict_id, questions, readings in self._held(counted):
            taken = []
            for kept, aside in readings:
                other, _ = self._decide({k: v for k, v in counted.items() if k not in aside},
                                        read_contradictions=False)
                taken.append(ReadingOf(kept=kept, without=aside, form=other.form, candidates=other.candidates))
            found.append(Contradiction(id=conflict_id, answers=questions, readings=tuple(taken)))
        return tuple(found)

    def _held(self, counted: Mapping[str, tuple[str, ...]]
              ) -> list[tuple[str, tuple[str, ...], list[tuple[str, tuple[str, ...]]]]]:
        """The conflicts that hold for these answers: each its id, its answers (in question order), and the
        readings to make of it, each an answer taken as right with the answers it sets aside."""
        order = self.axes.order
        held = []
        for conflict, holds_now in self.conflicts:
            if holds_now(counted):
                held.append((conflict.id, tuple(sorted(reasons(conflict.when, Facts(counted)), key=order.index))))
        against: dict[str, set[str]] = {}
        for _, questions in held:
            for q in questions:
                against.setdefault(q, set()).update(o for o in questions if o != q)
        return [(conflict_id, questions, [(kept, tuple(q for q in order if q in against[kept])) for kept in questions])
                for conflict_id, questions in held]

    @staticmethod
    def read_both_ways(decision: FormDecision, found: tuple[Contradiction, ...]) -> FormDecision:
        """Answers that contradict each other never give a form silently: where setting one or the other
        answer aside gives another form, the form is open between what the readings give."""
        readings = [r for c in found for r in c.readings]
        if not readings:
            return decision
        forms = {r.form for r in readings}
        if forms == {decision.form} and decision.form is not None:
            return decision
        reached = {f for r in readings for f in ((r.form,) if r.form else r.candidates)}
        candidates = tuple(f for f in FORM_IDS if f in reached)
        return decision._replace(form=None, candidates=candidates, basis="contradiction")

    def decide_form(self, answers: Mapping[str, tuple[str, ...]]) -> str | None:
        """The primary form alone, or None while the answers leave it open: the hot path."""
        counted = self._counted(answers)
        form = self._form_alone(answers, counted)
        if form is None or not self.conflicting(counted):
            return form
        # answers that contradict each other: the form stands only where every reading gives it (read_both_ways)
        for _, _, readings in self._held(counted):
            for _, aside in readings:
                without = {k: v for k, v in counted.items() if k not in aside}
                if self._form_alone(without, self._counted(without)) != form:
                    return None
        return form

    def _counted(self, answers: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
        """The answers `_decide` reads the relation and the conflicts from."""
        return answers if self.always_asked else counted_answers(self.rb.questions, answers)[1]

    def _form_alone(self, answers: Mapping[str, tuple[str, ...]], counted: Mapping[str, tuple[str, ...]]
                    ) -> str | None:
        """The form before contradictions are read, `_decide(answers, read_contradictions=False)`'s, without
        the whole decision where the relation and the axes tell it (`counted`: the answers `_decide` counts)."""
        ruled = self.relation.ruled(counted)
        if ruled is not None:
            return ruled
        found = self.relation.form_of(counted, self.axes.form_of(counted))
        if found is True:  # the axes are open, or land on a form the answers deny: the whole decision
            return self._decide(answers, read_contradictions=False)[0].form
        return found if isinstance(found, str) else None

    # ------------------------------------------------------------ the whole result
    def situation(self, answers: Mapping[str, tuple[str, ...]]) -> Situation:
        """What the rules look at: the answers that count, the decision, and the forms present.

        "Don't know" is an unknown answer, like an omitted one: it is dropped here, so every rule sees
        the two alike (DESIGN.md).
        """
        known = {q: a for q, a in answers.items() if a and a != (DONT_KNOW,)}
        shown, counted, _ = counted_answers(self.rb.questions, known)
        shown_ids = set(shown)  # a "don't know" to a question that is not asked is not asked either
        not_asked = [q.id for q in self.rb.questions.questions if q.id in answers and q.id not in shown_ids]
        contradictions = self.contradictions(counted)
        decision = self.read_both_ways(self.relation.settle(self.axes.decide(counted, shown),
                                                            self.relation.read(counted)), contradictions)
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
            maybe=frozenset() if form else frozenset(decision.candidates),
        )
        return Situation(shown, counted, not_asked, decision, secondary, plain, facts, contradictions)

    def role(self, counted: Mapping[str, tuple[str, ...]]) -> str | None:
        """The user's role: the answer to the role question (rules/meta.yaml), if given."""
        return counted.get(self.rb.role_question, (None,))[0]

    def risk_statuses(self, situation: Situation, open_ids: set[str] | None = None) -> tuple[RiskHit, ...]:
        """Every risk with its status: raised, addressed, typical of a form present, possible, or ruled out.

        - ruled out: the situation the answers describe excludes it (`ruled_out_when`), which outweighs the
          rest; or nothing raises it, no form present names it, and no answer leaves it open;
        - addressed: it is raised or typical, and an answer shows it is being dealt with (`addressed_when`);
        - raised: the answers make it apply (`applies_when`);
        - typical: a form present names it and no answer settles it;
        - possible: it hangs on unknown answers, or the answers make it worth watching (`possible_when`).

        `open_ids` are the questions still reachable without a known answer, when the caller has them."""
        facts = situation.facts
        form = situation.decision.form
        present = ([form] if form else []) + list(situation.secondary)
        reachable_ids = open_ids if open_ids is not None else self._open_questions(situation)
        out = []
        for r in self.rb.risks:
            typical = tuple(f for f in present if r.id in self.typical[f])
            raised = truth(r.applies_when, facts)
            excluded = truth(r.ruled_out_when, facts) if r.ruled_out_when is not None else False
            if excluded is True:  # an answer that excludes the risk outweighs one that raises it
                assert r.ruled_out_when is not None  # excluded is False without one
                out.append(RiskHit(id=r.id, status="ruled_out", because=reasons(r.ruled_out_when, facts),
                                   forms=typical))
                continue
            if (raised is True or typical) and r.addressed_when is not None \
                    and truth(r.addressed_when, facts) is True:
                out.append(RiskHit(id=r.id, status="addressed", forms=typical,
                                   because=reasons(r.applies_when, facts) if raised is True else (),
                                   addressed_by=reasons(r.addressed_when, facts)))
                continue
            if raised is True:
                out.append(RiskHit(id=r.id, status="raised", because=reasons(r.applies_when, facts), forms=typical))
                continue
            hanging = unknown_answers(r.applies_when, facts)
            settle = hanging
            for extra in (r.ruled_out_when, r.addressed_when):
                if extra is not None:
                    settle += tuple(q for q in unknown_answers(extra, facts) if q not in settle)
            settle = tuple(q for q in settle if q in reachable_ids)
            # unknown only through answers no question will ask (their show_if does not hold) is not open
            still_open = raised is None and (not hanging or any(q in reachable_ids for q in hanging))
            if typical:
                out.append(RiskHit(id=r.id, status="typical", would_settle=settle, forms=typical))
            elif still_open:
                out.append(RiskHit(id=r.id, status="possible", would_settle=settle))
            elif r.possible_when is not None and truth(r.possible_when, facts) is True:
                out.append(RiskHit(id=r.id, status="possible", because=reasons(r.possible_when, facts),
                                   would_settle=settle))
            else:
                answered = tuple(q for q in _tested(r.applies_when) if q in facts.answers)
                out.append(RiskHit(id=r.id, status="ruled_out", because=answered))
        return tuple(out)

    def _open_questions(self, situation: Situation) -> set[str]:
        """The questions still reachable without a known answer."""
        return {q.id for q in reachable(self.rb.questions, situation.counted) if q.id not in situation.counted}

    def advice(self, counted: Mapping[str, tuple[str, ...]], facts: Facts
               ) -> tuple[tuple[RecommendationHit, ...], tuple[str, ...]]:
        """The recommendations for the user's role, and the competences it needs.

        A recommendation is given unless the answers rule it out: one that hangs on an unknown answer is
        given too, unless only the other party could give that answer. A party gets the report's
        recommendations to it (do); an entrepreneur also gets those to Nav that it can ask the office for
        (ask); a trainer gets all.
        """
        rb = self.rb
        wanted = rb.receivers(self.role(counted))
        party = party_of(wanted)
        recommendations = []
        for r in rb.recommendations:
            how: Literal["do", "ask"]
            if r.to in wanted:
                how = "do"
            elif party == "entrepreneur" and r.ask is not None:
                how = "ask"
            else:
                continue
            if r.applies_when is None or self._given(r.applies_when, facts, wanted):
                because = reasons(r.applies_when, facts) if r.applies_when is not None else ()
                recommendations.append(RecommendationHit(id=r.id, to=r.to, because=because, how=how))
        holders = wanted | {"both"}
        competences = tuple(
            c.id for c in rb.competences
            if c.holder in holders and (c.applies_when is None or self._given(c.applies_when, facts, wanted))
        )
        return tuple(recommendations), competences

    def _given(self, cond: Condition, facts: Facts, parties: frozenset[str]) -> bool:
        """Whether advice whose condition is `cond` is given: unless the answers rule it out, and not when it
        hangs only on answers the reader is never asked (the other party's to give): the reader could not
        tell whether it applies."""
        found = truth(cond, facts)
        if found is not None:
            return found
        hanging = unknown_answers(cond, facts)
        return not hanging or any(self.questions[q].is_asked_of(parties) for q in hanging)

    def fired(self, answers: Mapping[str, tuple[str, ...]]) -> set[tuple[str, str | None]]:
        """What a set of answers makes fire, for `check`'s coverage: raised risks, advice, elements, the form."""
        situation = self.situation(answers)
        recommendations, competences = self.advice(situation.counted, situation.facts)
        given: set[tuple[str, str | None]] = {("risk", r.id) for r in self.risk_statuses(situation)
                                               if r.status == "raised"}
        given |= {("recommendation", r.id) for r in recommendations}
        given |= {("competence", c) for c in competences} | {("elements", f) for f in situation.secondary}
        given |= {("form", situation.decision.form), ("relation", situation.decision.rule)}
        given |= {("conflict", c.id) for c in situation.contradictions}
        given |= {("indicator", f"{q}: {o}") for q, a in situation.counted.items() for o in a}
        return given

    def evaluate(self, answers: Mapping[str, tuple[str, ...]]) -> Result:
        rb = self.rb
        situation = self.situation(answers)
        shown, counted, not_asked, decision, secondary, plain, facts, contradictions = situation
        form = decision.form

        conditions = tuple(
            ConditionStatus(id=c.id, status=c.status.get(counted.get(c.question, (DONT_KNOW,))[0], "unknown"))
            for c in rb.conditions
        )
        unknown = [q.id for q in reachable(rb.questions, counted) if q.id not in counted]
        parties = rb.receivers(self.role(counted))
        mine = {q.id for q in reachable(rb.questions, counted, parties)}
        risks = self.risk_statuses(situation, set(unknown))
        recommendations, competences = self.advice(counted, facts)
        role = self.role(counted)
        changes = what_would_change(
            self.axes, counted, {q: self.options[q] for q in shown}, form, self.decide_form,
            coherent=self._coherence(counted), unknown=set(unknown), relation=self.relation_pairs,
        )
        raised = tuple(r for r in risks if r.status == "raised")
        shown_ids = set(shown)
        return Result(
            form=form,
            candidates=decision.candidates,
            secondary=secondary,
            axes=decision.axes,
            basis=decision.basis,
            relation_rule=decision.rule,
            axes_form=decision.axes_form,
            denied=decision.denied,
            contradictions=contradictions,
            conditions=conditions,
            risks=risks,
            recommendations=recommendations,
            competences=competences,
            trace=self._trace(not_asked, answers, secondary, plain, raised, recommendations, role),
            what_would_change=tuple(
                Change(form=f, change=c, was_unknown=tuple(q for q in c if q in unknown)) for f, c in changes
            ),
            similar_cases=self._similar(counted),
            role=role,
            answers={q: a for q, a in answers.items() if q in shown_ids},
            not_asked=tuple(not_asked),
            notes=tuple(n.id for n in rb.notes.notes
                        if n.applies_when is None or truth(n.applies_when, facts) is not False),
            summary=summarise(self, decision, counted, conditions, risks),
            unanswered=sum(1 for q in unknown if q in mine),
            to_find_out=find_out(self, decision, unknown, conditions, risks, mine),
            party=party_of(rb.receivers(role)),
            voice=rb.voice(role),
            rules_version=rb.version,
        )

    def _coherence(self, before: Mapping[str, tuple[str, ...]]
                   ) -> Callable[[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]], bool]:
        """Whether changed answers still describe one collaboration: they make no conflict of rules/axes.yaml
        hold that did not hold for the answers `before`. What held before is worked out once."""
        fresh = any_holds([(c.when, holds_now) for c, holds_now in self.conflicts if not holds_now(before)])

        def coherent(_before: Mapping[str, tuple[str, ...]], after: Mapping[str, tuple[str, ...]]) -> bool:
            return not fresh(after)

        return coherent

    # ------------------------------------------------------------ explanation
    def _trace(self, not_asked: Iterable[str], answers: Mapping[str, tuple[str, ...]], secondary: tuple[str, ...],
               plain: Facts, risks: tuple[RiskHit, ...], recommendations: tuple[RecommendationHit, ...],
               role: str | None) -> tuple[TraceStep, ...]:
        """What each answer did, as data: the renderers phrase each step (render/trace.py)."""
        rb = self.rb
        steps: list[TraceStep] = []
        risk_by_id = {r.id: r for r in rb.risks}
        rec_by_id = {r.id: r for r in rb.recommendations}
        axis_by_id: dict[str, Axis] = {a.id: a for a in rb.axes.axes}
        element_reasons = {f: reasons(elements, plain) for f in secondary
                           if (elements := self.forms[f].elements) is not None}
        skipped = set(not_asked)
        wanted = rb.receivers(role)

        for q in rb.questions.questions:
            if q.id not in answers:
                continue
            chosen = answers[q.id]
            at: dict[str, Any] = {"question": q.id, "answer": chosen}
            if q.id in skipped:
                steps.append(QuietStep(kind="not_asked", source=tuple(q.source), **at))
                continue
            before = len(steps)
            if q.id == rb.role_question:
                steps.append(RoleStep(receivers=tuple(r for r in RECEIVERS if r in wanted),
                                      source=tuple(rb.meta.roles.source), **at))
            for option in chosen:
                for axis, _weight, ind in self.axes.indicators.get((q.id, option), ()):
                    steps.append(AxisStep(option=option, axis=axis, pole=ind.pole, points=ind.weight,
                                          source=tuple(ind.source), **at))
            if chosen == (DONT_KNOW,) and q.id in self.axes.spread:
                for axis, (low, high) in self.axes.spread[q.id].items():
                    if low or high:
                        steps.append(OpenStep(axis=axis, low=low, high=high,
                                              source=tuple(axis_by_id[axis].source), **at))
            for condition in rb.conditions:
                if condition.question == q.id:
                    steps.append(ConditionStep(id=condition.id, status=condition.status.get(chosen[0], "unknown"),
                                               source=tuple(condition.source), **at))
            for form_id, why in element_reasons.items():
                if q.id in why:
                    steps.append(ItemStep(kind="element", id=form_id, source=tuple(self.forms[form_id].source), **at))
            for hit in risks:
                if q.id in hit.because:
                    steps.append(ItemStep(kind="risk", id=hit.id, source=tuple(risk_by_id[hit.id].source), **at))
            for rec in recommendations:
                if q.id in rec.because:
                    steps.append(ItemStep(kind="recommendation", id=rec.id, source=tuple(rec_by_id[rec.id].source),
                                          **at))
            if len(steps) == before:
                steps.append(QuietStep(kind="none", source=tuple(q.source), **at))
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
