"""The decision proof: every combination of the answers that move the axes gives
exactly one primary form, or an explicit open set of candidates.

The engine's decision depends on six numbers only — each axis's score and the
range its open answers could still move it over (`AxisModel.decide_scores`).
So instead of evaluating every combination one by one, the combinations are
folded question by question into those numbers (plus the answers a later
`show_if` looks at), counting how many combinations reach each state and keeping
the first as an example. Every state is then decided once, and checked against
the declared rows of decision.yaml under its hit policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, product
from typing import Any

from assistant.engine.axes import AxisModel
from assistant.engine.conditions import Facts, holds
from assistant.errors import Problem
from assistant.models.conditions import AnswerTest, iter_tests
from assistant.models.questions import DONT_KNOW, Question
from assistant.models.rules import RuleBase
from assistant.verify.findings import number
from assistant.yamlsource import Document

Value = tuple[str, ...] | None
"""An answer in the enumeration: options chosen, ("dont_know",), or None for unanswered."""

MAX_MULTI_OPTIONS = 10  # 2**10 subsets; beyond that a multiple-choice question is not enumerated


def answer_values(q: Question) -> list[Value]:
    """Every answer a user can give to a question: unanswered, don't know, each option or set of options."""
    values: list[Value] = [None, (DONT_KNOW,)]
    ids = [o.id for o in q.options]
    if q.kind == "single":
        values += [(o,) for o in ids]
    else:
        for size in range(1, len(ids) + 1):
            values += list(combinations(ids, size))
    return values


def show_if_refs(q: Question) -> set[str]:
    if q.show_if is None:
        return set()
    return {t.answer for t, _ in iter_tests(q.show_if, ()) if isinstance(t, AnswerTest)}


def with_what_they_hang_on(rb: RuleBase, start: Iterable[str]) -> list[Question]:
    """The questions named, and (transitively) those their show_if looks at, in question order."""
    by_id = {q.id: q for q in rb.questions.questions}
    needed = {qid for qid in start if qid in by_id}
    todo = list(needed)
    while todo:
        for ref in show_if_refs(by_id[todo.pop()]):
            if ref in by_id and ref not in needed:
                needed.add(ref)
                todo.append(ref)
    return [q for q in rb.questions.questions if q.id in needed]


def example(witness: tuple[tuple[str, Value], ...]) -> str:
    """Answers as an author would write them in an answers file, on one line."""
    parts = []
    for qid, value in witness:
        if value is None:
            continue
        parts.append(f"{qid}: {value[0]}" if len(value) == 1 else f"{qid}: [{', '.join(value)}]")
    return "{" + ", ".join(parts) + "}" if parts else "{} (nothing answered)"


@dataclass
class Proof:
    questions: list[str]
    combinations: int = 0
    states: int = 0
    forms: dict[str, int] = field(default_factory=dict)
    """Primary form -> how many combinations give it."""
    open: int = 0
    """Combinations that leave the form open, with an explicit set of candidates."""
    problems: list[Problem] = field(default_factory=list)

    def summary(self, hit_policy: str) -> dict[str, Any]:
        return {"hit_policy": hit_policy, "questions": self.questions, "combinations": self.combinations,
                "states": self.states, "forms": self.forms, "open": self.open}


State = tuple[tuple[tuple[str, Value], ...], int, int, int, int, int, int]
# (remembered answers, service total, relation total, service low, relation low, service high, relation high)


def _states(model: AxisModel, questions: list[Question], remember: set[str]
            ) -> Iterator[tuple[State, int, tuple[tuple[str, Value], ...]]]:
    states: dict[State, tuple[int, tuple[tuple[str, Value], ...]]] = {((), 0, 0, 0, 0, 0, 0): (1, ())}
    for q in questions:
        values = answer_values(q)
        spread = model.spread.get(q.id)
        contributions = {v: model.contribution(q.id, v) for v in values if v is not None and v != (DONT_KNOW,)}
        following: dict[State, tuple[int, tuple[tuple[str, Value], ...]]] = {}

        def add(state: State, count: int, witness) -> None:
            known = following.get(state)
            following[state] = (known[0] + count, known[1]) if known else (count, witness)

        for (memory, ts, tr, ls, lr, hs, hr), (count, witness) in states.items():
            asked = q.show_if is None or holds(q.show_if, Facts({k: v for k, v in memory if v is not None}))
            if not asked:  # every answer to it is ignored: one state, all of its values
                mem = memory + ((q.id, None),) if q.id in remember else memory
                add((mem, ts, tr, ls, lr, hs, hr), count * len(values), witness)
                continue
            for v in values:
                mem = memory + ((q.id, v),) if q.id in remember else memory
                if v is None or v == (DONT_KNOW,):
                    if spread:
                        (sl, sh), (rl, rh) = spread["service"], spread["relation"]
                        add((mem, ts, tr, ls + sl, lr + rl, hs + sh, hr + rh), count, witness + ((q.id, v),))
                    else:
                        add((mem, ts, tr, ls, lr, hs, hr), count, witness + ((q.id, v),))
                else:
                    c = contributions[v]
                    s, r = c["service"], c["relation"]
                    add((mem, ts + s, tr + r, ls + s, lr + r, hs + s, hr + r), count, witness + ((q.id, v),))
        states = following
    for state, (count, witness) in states.items():
        yield state, count, witness


def prove(rb: RuleBase, model: AxisModel, doc: Document) -> Proof:
    """Fold every combination of the axis answers into score states and decide each one."""
    questions = with_what_they_hang_on(rb, model.questions)
    remember = set().union(*(show_if_refs(q) for q in questions))
    proof = Proof([q.id for q in questions])
    too_many = [q.id for q in questions if q.kind == "multi" and len(q.options) > MAX_MULTI_OPTIONS]
    if too_many:
        proof.problems.append(doc.problem(("rules",), f"the decision cannot be proved: {', '.join(too_many)} "
                                          f"has more than {MAX_MULTI_OPTIONS} options to combine",
                                          "split the question"))
        return proof

    rows = rb.decision.rules
    unique = rb.decision.hit_policy == "unique"
    gaps: dict[Any, tuple[int, str]] = {}
    overlaps: dict[tuple[str, str], tuple[int, str, bool]] = {}
    for (_, ts, tr, ls, lr, hs, hr), count, witness in _states(model, questions, remember):
        proof.states += 1
        proof.combinations += count
        decision = model.decide_scores({"service": ts, "relation": tr}, {"service": ls, "relation": lr},
                                       {"service": hs, "relation": hr})
        s, r = decision.axes["service"], decision.axes["relation"]
        pairs = [(s.pole, r.pole)] if s.pole and r.pole else list(product(s.possible, r.possible))
        decided = len(pairs) == 1
        matched = 0
        for pair in pairs:
            hits = [i for i, row in enumerate(rows) if (row.service, row.relation) == pair]
            matched += len(hits)
            if unique and len(hits) > 1:
                n, ex, from_decided = overlaps.get(pair, (0, example(witness), decided))
                if decided and not from_decided:  # a decided example shows the overlap best
                    ex, from_decided = example(witness), True
                overlaps[pair] = (n + count, ex, from_decided)
        if not matched:
            key = pairs[0] if len(pairs) == 1 else "open"
            n, ex = gaps.get(key, (0, example(witness)))
            gaps[key] = (n + count, ex)
            continue
        if decision.form is not None:
            proof.forms[decision.form] = proof.forms.get(decision.form, 0) + count
        else:
            proof.open += count
    proof.forms = {f.id: proof.forms[f.id] for f in rb.forms if f.id in proof.forms}

    for key, (n, ex) in gaps.items():
        if key == "open":
            what = "leave the form open with no candidates at all"
            hint = "every pair of poles needs a row"
        else:
            what = f"give no form: no row decides {key[0]} + {key[1]}"
            hint = f"add a row with service: {key[0]}, relation: {key[1]}"
        proof.problems.append(doc.problem(
            ("rules",), f"gap: {number(n)} combinations of answers {what}; for example {ex}", hint, key=True))
    for pair, (n, ex, _) in overlaps.items():
        hits = [i for i, row in enumerate(rows) if (row.service, row.relation) == pair]
        forms = ", ".join(rows[i].form for i in hits)
        proof.problems.append(doc.problem(
            ("rules", hits[1]),
            f"overlap: rows {' and '.join(str(i + 1) for i in hits)} both decide {pair[0]} + {pair[1]} ({forms}); "
            f"hit policy 'unique' allows one. {number(n)} combinations of answers reach it, for example {ex}",
            "remove one of the rows",
        ))
    return proof


def unreachable_forms(rb: RuleBase, proof: Proof, doc: Document) -> list[Problem]:
    """Forms that no combination of answers gives as the primary form."""
    problems = []
    for i, form in enumerate(rb.forms):
        if form.id not in proof.forms:
            problems.append(doc.problem(("forms", i, "id"), f"the form '{form.id}' can never result: "
                                        "no combination of answers decides it", "check decision.yaml and the "
                                        "indicators in axes.yaml that point to its poles"))
    return problems

