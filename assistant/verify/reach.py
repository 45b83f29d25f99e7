"""Reachability: every question can be shown, every rule can fire.

A rule "fires" when its condition holds: a risk or a recommendation applies, a
competence is needed, a form's elements show. Each is first looked for among
the known answer sets (scenarios and the report's cases); what none of them
fires is searched for over the answers its condition looks at, combined with
answers that steer the axes to each form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from assistant.engine.conditions import holds, truth
from assistant.engine.evaluate import Engine
from assistant.engine.flow import asked
from assistant.errors import Problem
from assistant.ids import DONT_KNOW
from assistant.models.conditions import AnswerTest, AxisTest, Condition, FormTest, iter_tests
from assistant.models.questions import Question
from assistant.models.rules import RuleBase
from assistant.verify.decision import answer_values, show_if_refs, with_what_they_hang_on
from assistant.yamlsource import Document

MAX_COMBINATIONS = 20_000

Answers = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Rule:
    """One rule that can fire, where it stands, and its condition (None: always)."""

    kind: str  # risk, recommendation, competence, elements, form, indicator
    id: str
    file: str
    path: tuple[Any, ...]
    condition: Condition | None = field(compare=False)


def rules_of(rb: RuleBase) -> list[Rule]:
    found = [Rule("risk", r.id, "risks.yaml", ("risks", i, "id"), r.applies_when) for i, r in enumerate(rb.risks)]
    found += [Rule("recommendation", r.id, "recommendations.yaml", ("recommendations", i, "id"), r.applies_when)
              for i, r in enumerate(rb.recommendations)]
    found += [Rule("competence", c.id, "competences.yaml", ("competences", i, "id"), c.applies_when)
              for i, c in enumerate(rb.competences)]
    found += [Rule("elements", f.id, "forms.yaml", ("forms", i, "elements"), f.elements)
              for i, f in enumerate(rb.forms) if f.elements is not None]
    found += [Rule("note", n.id, "notes.yaml", ("notes", i, "id"), n.applies_when)
              for i, n in enumerate(rb.notes.notes)]
    return found


def _values(q: Question) -> list[tuple[str, ...] | None]:
    """Answers worth trying for a question: all for a single choice, each option alone or all for a multiple."""
    if q.kind == "single" or len(q.options) <= 5:
        return answer_values(q)
    ids = tuple(o.id for o in q.options)
    return [None, (DONT_KNOW,)] + [(o,) for o in ids] + [ids]


def _combinations(questions: list[Question]) -> tuple[list[Answers], bool]:
    """Every combination of answers to these questions (capped); and whether that was all of them."""
    choices = [_values(q) for q in questions]
    total = 1
    for c in choices:
        total *= len(c)
    out: list[Answers] = []
    for combo in product(*choices):
        out.append({q.id: v for q, v in zip(questions, combo, strict=True) if v is not None})
        if len(out) >= MAX_COMBINATIONS:
            break
    return out, total <= MAX_COMBINATIONS


def unreachable_questions(rb: RuleBase, doc: Document) -> tuple[list[Problem], int]:
    """Questions whose show_if no combination of earlier answers satisfies."""
    problems: list[Problem] = []
    reachable = 0
    for i, q in enumerate(rb.questions.questions):
        if q.show_if is None:
            reachable += 1
            continue
        earlier = with_what_they_hang_on(rb, show_if_refs(q))
        combos, _ = _combinations(earlier)
        if any(q in asked(rb.questions, answers) for answers in combos):
            reachable += 1
            continue
        problems.append(doc.problem(("questions", i, "show_if"), f"the question '{q.id}' is never asked: no "
                                    "answers to the questions its show_if looks at make it hold",
                                    "loosen the show_if, or remove the question"))
    return problems, reachable


def steering(engine: Engine) -> list[Answers]:
    """Answer sets that push the axes to each form, and one that leaves them open."""
    model = engine.axes
    questions = {q.id: q for q in engine.rb.questions.questions}
    presets: list[Answers] = [{}]
    for row in engine.rb.decision.rules:
        want = {"service": 1 if row.service == "existing" else -1, "relation": 1 if row.relation == "one_way" else -1}
        preset: Answers = {}
        for qid in model.questions:
            best, score = None, 0
            for option in questions[qid].options:
                c = model.contribution(qid, (option.id,))
                s = c["service"] * want["service"] + c["relation"] * want["relation"]
                if s > score:
                    best, score = option.id, s
            if best is not None:
                preset[qid] = (best,)
        presets.append(preset)
    return presets


def fires(engine: Engine, rule: Rule, answers: Mapping[str, tuple[str, ...]]) -> bool:
    if rule.condition is None:
        return True
    situation = engine.situation(answers)
    # a form's elements look at the answers alone; risks and advice also at the axes and forms.
    # Firing means the answers make it hold, not that it hangs on an unknown one.
    if rule.kind == "elements":
        return holds(rule.condition, situation.plain)
    return truth(rule.condition, situation.facts) is True


def search(engine: Engine, rule: Rule, presets: list[Answers]) -> tuple[Answers | None, bool]:
    """Answers that make the rule fire, and whether the search covered every combination it looked at."""
    if rule.condition is None:
        return {}, True
    tests = [t for t, _ in iter_tests(rule.condition, ())]
    refs = [t.answer for t in tests if isinstance(t, AnswerTest)]
    steers = any(isinstance(t, (AxisTest, FormTest)) for t in tests)
    combos, complete = _combinations(with_what_they_hang_on(engine.rb, refs))
    for preset in presets if steers else [{}]:
        for combo in combos:
            answers = {**preset, **combo}
            if fires(engine, rule, answers):
                return answers, True
    return None, complete and not steers
