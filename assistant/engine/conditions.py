"""Evaluating the condition language over answers, axis poles and forms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.models.conditions import AllOf, AnswerTest, AnyOf, AxisTest, Condition, FormTest, Not


@dataclass(frozen=True)
class Facts:
    """What a condition may look at."""

    answers: Mapping[str, tuple[str, ...]]
    poles: Mapping[str, str | None] = field(default_factory=dict)
    forms: frozenset[str] = frozenset()
    """Forms the collaboration shows: primary, secondary, and candidates while open."""


def holds(cond: Condition, facts: Facts) -> bool:
    if isinstance(cond, AnswerTest):
        chosen = facts.answers.get(cond.answer)
        if not chosen:
            return False
        return any(option in cond.options for option in chosen)
    if isinstance(cond, AllOf):
        return all(holds(part, facts) for part in cond.all)
    if isinstance(cond, AnyOf):
        return any(holds(part, facts) for part in cond.any)
    if isinstance(cond, Not):
        return not holds(cond.not_, facts)
    if isinstance(cond, AxisTest):
        return facts.poles.get(cond.axis) == cond.is_
    if isinstance(cond, FormTest):
        return cond.form in facts.forms
    raise TypeError(f"not a condition: {cond!r}")


def reasons(cond: Condition, facts: Facts) -> tuple[str, ...]:
    """The questions whose answers make a holding condition hold, in the order tested."""
    found: list[str] = []

    def walk(c: Condition, negated: bool) -> None:
        if isinstance(c, AnswerTest):
            if c.answer in facts.answers and c.answer not in found:
                found.append(c.answer)
        elif isinstance(c, (AllOf, AnyOf)):
            parts = c.all if isinstance(c, AllOf) else c.any
            for part in parts:
                # under `any`, only the parts that hold are reasons; under `not`, every part is
                if negated or isinstance(c, AllOf) or holds(part, facts):
                    walk(part, negated)
        elif isinstance(c, Not):
            walk(c.not_, not negated)

    walk(cond, False)
    return tuple(found)
