"""The relation proof: no combination of answers gives a form whose defining relation the answers deny,
and every combination gives a form, an open set of candidates, or answers the result names as
contradicting each other.

The relation layer (engine/relation.py) reads the answers only through the conditions of
rules/decision.yaml (each form's `requires`, the `relations`) and rules/axes.yaml (`conflicts`). So:

1. Each question those conditions test has its answers grouped into *classes* that every test on it sees
   alike (unknown first; a multiple-choice question's subsets likewise), one example each.
2. Each condition is a truth table over the classes of its own questions, so a combination is judged by
   a few look-ups. Every combination of classes is judged: that covers every combination of answers.
3. For each combination: a relation rule that holds must not give a form whose relation is denied (the
   rule base would contradict itself); where every form is denied, a conflict must hold (the answers
   contradict each other, and the result says so) — else no form could be given.
4. For each distinct reading (what the conditions say), `RelationModel.settle` is run against every shape
   the axes can end in — each form decided, with few and with all candidates, and each open set, with
   either axis the weaker — and its form must never be one the reading denies, nor its candidates none.

Questions tested only by a conflict that shares no question with the decision are left out: they cannot
change what the relation gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations, product
from typing import Any

from assistant.engine.axes import AXES, POLES, FormDecision
from assistant.engine.conditions import compile_answers
from assistant.engine.evaluate import Engine
from assistant.engine.relation import Reading
from assistant.errors import Problem
from assistant.ids import DONT_KNOW
from assistant.models.common import FORM_IDS
from assistant.models.conditions import AnswerTest, Condition, iter_tests
from assistant.models.result import AxisReading
from assistant.verify.decision import Witness, answer_values, example
from assistant.verify.findings import number
from assistant.yamlsource import Document

Value = tuple[str, ...] | None


def _tested(cond: Condition) -> list[tuple[str, tuple[str, ...]]]:
    return [(t.answer, t.options) for t, _ in iter_tests(cond, ()) if isinstance(t, AnswerTest)]


@dataclass
class RelationProof:
    questions: list[str]
    combinations: int = 0
    classes: int = 0
    settled: dict[str, int] = field(default_factory=dict)
    """How many combinations each relation rule settles, 'axes' for those it leaves to the axes."""
    contradicting: int = 0
    """Combinations where every form is denied and the answers contradict each other."""
    readings: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"questions": self.questions, "combinations": self.combinations, "classes": self.classes,
                "settled": self.settled, "contradicting": self.contradicting, "readings": self.readings}


def prove_relation(engine: Engine, doc: Document) -> RelationProof:
    rb = engine.rb
    rows: dict[str, Any] = {r.form: r for r in rb.decision.rules}
    decision_conditions: list[tuple[str, Condition]] = [
        (f"requires {f}", rows[f].requires) for f in FORM_IDS if f in rows and rows[f].requires is not None
    ] + [(f"relation {r.id}", r.when) for r in rb.decision.relations]
    read = {q for _, cond in decision_conditions for q, _ in _tested(cond)}
    conflicts = [(c.id, c.when) for c in rb.axes.conflicts if {q for q, _ in _tested(c.when)} & read]
    for _, cond in conflicts:
        read |= {q for q, _ in _tested(cond)}
    questions = [q for q in rb.questions.questions if q.id in read]
    proof = RelationProof([q.id for q in questions])

    if not questions:  # no relation is read: the axes alone decide, and their proof covers it
        proof.settled["axes"] = proof.combinations = 1
        return proof

    # 1. classes of answers per question, as every test on it sees them
    classes = _classes(questions, decision_conditions + conflicts)
    proof.classes = sum(len(v) for v in classes.values())

    # 2. truth tables, and 3. every combination of classes: the question with the most classes (the money)
    # is inner, as bit masks over its classes, so that one pass over the others judges it all at once
    inner = max(questions, key=lambda q: len(classes[q.id])).id
    outer = [q for q in questions if q.id != inner]
    width = len(classes[inner])
    full = (1 << width) - 1
    requires = [_Masks(cond, outer, inner, classes) for name, cond in decision_conditions
                if name.startswith("requires")]
    required_forms: list[str] = [f for f in FORM_IDS if f in rows and rows[f].requires is not None]
    rules = [_Masks(r.when, outer, inner, classes) for r in rb.decision.relations]
    contra = [_Masks(cond, outer, inner, classes) for _, cond in conflicts]
    rule_problem: dict[str, tuple[int, str]] = {}
    none_count, none_example = 0, ""
    for combo in product(*(range(len(classes[q.id])) for q in outer)):
        denied = {f: m.false(combo) for f, m in zip(required_forms, requires, strict=True)}
        nothing = full
        for f in FORM_IDS:
            nothing &= denied.get(f, 0)
        if nothing:
            named = 0
            for m in contra:
                named |= m.true(combo)
            proof.contradicting += (nothing & named).bit_count()
            unnamed = nothing & ~named
            if unnamed:
                if not none_count:
                    none_example = _example(outer, inner, classes, combo, unnamed)
                none_count += unnamed.bit_count()
        remaining = full
        for rule, m in zip(rb.decision.relations, rules, strict=True):
            holds_now = m.true(combo)
            bad = holds_now & denied.get(rule.form, 0)
            if bad:
                n, ex = rule_problem.get(rule.id, (0, _example(outer, inner, classes, combo, bad)))
                rule_problem[rule.id] = (n + bad.bit_count(), ex)
            fires = holds_now & ~denied.get(rule.form, 0) & remaining
            if fires:
                proof.settled[rule.id] = proof.settled.get(rule.id, 0) + fires.bit_count()
            remaining &= ~fires
        proof.settled["axes"] = proof.settled.get("axes", 0) + remaining.bit_count()
    proof.combinations = sum(proof.settled.values())
    none_problem = (none_count, none_example) if none_count else None

    # the distinct readings, over the questions and tests of the decision's own conditions alone
    readings = _readings(engine, rb, decision_conditions)
    proof.readings = len(readings)

    for rule_id, (n, ex) in rule_problem.items():
        i = next(k for k, r in enumerate(rb.decision.relations) if r.id == rule_id)
        form = rb.decision.relations[i].form
        proof.problems.append(doc.problem(
            ("relations", i, "when"), f"the relation rule '{rule_id}' holds where the answers deny the relation of "
            f"'{form}' ({number(n)} combinations of answers), for example {ex}",
            f"narrow its 'when', or the 'requires' of {form}, so that they never disagree"))
    if none_problem is not None:
        n, ex = none_problem
        proof.problems.append(doc.problem(
            ("rules",), f"{number(n)} combinations of answers deny the relation of every form and no conflict "
            f"of axes.yaml names them, so no form can be given; for example {ex}",
            "loosen a form's 'requires', or add the contradiction to the conflicts of axes.yaml"))

    # 4. the relation layer against every shape the axes can end in
    shapes = _axes_shapes(engine)
    for reading, shown in readings.items():
        no = {f for f, t in zip(FORM_IDS, reading.requires, strict=True) if t is False}
        for axes in shapes:
            got = engine.relation.settle(axes, reading)
            if got.form is not None and got.form in no:
                proof.problems.append(doc.problem(
                    ("rules",), f"the decision gives '{got.form}', whose relation these answers deny: "
                    f"{shown}", "report this: the relation layer is wrong"))
                return proof
            if not got.candidates and len(no) < len(FORM_IDS):
                proof.problems.append(doc.problem(
                    ("rules",), f"the decision gives no form and no candidates for {shown}",
                    "report this: the relation layer is wrong"))
                return proof
    return proof


def _classes(questions: list[Any], conditions: list[tuple[str, Condition]]) -> dict[str, list[Value]]:
    """Each question's answers grouped as every test of `conditions` on it sees them, one example each
    (unknown first, then in `answer_values` order)."""
    tests: dict[str, list[frozenset[str]]] = {}
    for _, cond in conditions:
        for q, options in _tested(cond):
            if frozenset(options) not in tests.setdefault(q, []):
                tests[q].append(frozenset(options))
    classes: dict[str, list[Value]] = {}
    for q in questions:
        seen: dict[tuple[Any, ...], Value] = {}
        for value in answer_values(q):
            known = value is not None and value != (DONT_KNOW,)
            key = (known, *(known and bool(t.intersection(value or ())) for t in tests.get(q.id, [])))
            seen.setdefault(key, value)
        classes[q.id] = list(seen.values())
    return classes


class _Masks:
    """A condition's truth for every combination of classes: per combination of the outer questions it
    reads, the inner question's classes where it is true, and where it is false, as bit masks."""

    def __init__(self, cond: Condition, outer: list[Any], inner: str, classes: dict[str, list[Value]]):
        truth = compile_answers(cond)
        read = {q for q, _ in _tested(cond)}
        self.positions = tuple(i for i, q in enumerate(outer) if q.id in read)
        mine = [outer[i].id for i in self.positions]
        inner_values = classes[inner] if inner in read else [None]
        self.table: dict[tuple[int, ...], tuple[int, int]] = {}
        for picks in product(*(range(len(classes[q])) for q in mine)):
            answers = {q: v for q, i in zip(mine, picks, strict=True) if (v := classes[q][i]) is not None}
            true = false = 0
            for bit, value in enumerate(inner_values):
                got = truth({**answers, inner: value} if value is not None else answers)
                if got is True:
                    true |= 1 << bit
                elif got is False:
                    false |= 1 << bit
            if inner not in read:  # the same for every inner class
                every = (1 << len(classes[inner])) - 1
                true, false = (every if true else 0), (every if false else 0)
            self.table[picks] = (true, false)

    def true(self, combo: tuple[int, ...]) -> int:
        return self.table[tuple(combo[i] for i in self.positions)][0]

    def false(self, combo: tuple[int, ...]) -> int:
        return self.table[tuple(combo[i] for i in self.positions)][1]


def _readings(engine: Engine, rb: Any, conditions: list[tuple[str, Condition]]) -> dict[Reading, str]:
    """Every distinct reading the answers can give, with an example: over the questions the decision's
    conditions test, grouped as those conditions see them."""
    read = {q for _, cond in conditions for q, _ in _tested(cond)}
    questions = [q for q in rb.questions.questions if q.id in read]
    classes = _classes(questions, conditions)
    found: dict[Reading, str] = {}
    for combo in product(*(classes[q.id] for q in questions)):
        answers = {q.id: v for q, v in zip(questions, combo, strict=True) if v is not None}
        reading = engine.relation.read(answers)
        if reading not in found:
            found[reading] = _line([(q.id, v) for q, v in zip(questions, combo, strict=True)])
    return found


def _line(answers: list[tuple[str, Value]]) -> str:
    witness: Witness = None
    for qid, value in answers:
        witness = (witness, qid, value)
    return example(witness)


def _example(outer: list[Any], inner: str, classes: dict[str, list[Value]], combo: tuple[int, ...],
             mask: int) -> str:
    """The combination `combo` with the inner question's first class in `mask`, as an answers line."""
    bit = (mask & -mask).bit_length() - 1
    return _line([(q.id, classes[q.id][i]) for q, i in zip(outer, combo, strict=True)]
                 + [(inner, classes[inner][bit])])


def _axes_shapes(engine: Engine) -> list[FormDecision]:
    """Every way the axes can end, as far as the relation layer can tell them apart: each form decided with
    only itself and with every form as candidates; each set of two or more forms open; each with either
    axis the weaker (which the nearest form turns on)."""
    shapes = []
    pole_of = {form: pair for pair, form in engine.axes.table.items()}
    def reading(axis: str, pole: str | None, weaker: str | None) -> AxisReading:
        score = 0 if pole is None else (1 if weaker == axis else 2) * (1 if pole == POLES[axis][0] else -1)
        return AxisReading(axis=axis, pole=pole, score=score, low=score, high=score,
                           confidence="open" if pole is None else "leaning", possible=POLES[axis])

    for weaker in ("service", "relation", None):
        for form in FORM_IDS:
            if form not in pole_of:
                continue
            axes = {axis: reading(axis, pole, weaker) for axis, pole in zip(AXES, pole_of[form], strict=True)}
            shapes.append(FormDecision(form=form, candidates=(form,), axes=axes))
            shapes.append(FormDecision(form=form, candidates=FORM_IDS, axes=axes))
        open_axes = {axis: reading(axis, None, weaker) for axis in AXES}
        for size in range(2, len(FORM_IDS) + 1):
            for subset in combinations(FORM_IDS, size):
                shapes.append(FormDecision(form=None, candidates=subset, axes=open_axes, basis="open"))
    return shapes
