"""Evaluating the condition language over answers, axis poles and forms."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from assistant.ids import DONT_KNOW
from assistant.models.conditions import AllOf, AnswerTest, AnyOf, AxisTest, Condition, FormTest, Not, iter_tests

NO_POLES: Mapping[str, str | None] = MappingProxyType({})
"""No axis read yet: a mapping nothing can change, so every Facts without poles can share it."""


class Facts(NamedTuple):
    """What a condition may look at.

    The engine's values are NamedTuples, not frozen dataclasses: as immutable, compared and hashed by
    their fields, but a frozen dataclass compiles six generated methods when it is defined, at every
    start (a fifth of the engine's import), and sets each field through object.__setattr__ when made."""

    answers: Mapping[str, tuple[str, ...]]
    poles: Mapping[str, str | None] = NO_POLES
    forms: frozenset[str] = frozenset()
    """Forms the collaboration shows: primary, secondary, and candidates while open."""
    maybe: frozenset[str] = frozenset()
    """Forms that are candidates while the decision is open: a form test on them is unknown (`truth`)."""


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
                if negated or isinstance(c, AllOf) or truth(part, facts) is True:
                    walk(part, negated)
        elif isinstance(c, Not):
            walk(c.not_, not negated)

    walk(cond, False)
    return tuple(found)


Truth = bool | None
"""Three-valued: True, False, or None when it hangs on an unknown answer (missing or "don't know")."""


def _known(chosen: tuple[str, ...] | None) -> bool:
    return bool(chosen) and chosen != (DONT_KNOW,)


def truth(cond: Condition, facts: Facts) -> Truth:
    """A condition in three-valued (Kleene) logic: an unknown answer, an open axis, a form still open are unknown.

    "Don't know" and an omitted answer are the same unknown, so every use of this gives the same result
    for both (DESIGN.md).
    """
    if isinstance(cond, AnswerTest):
        chosen = facts.answers.get(cond.answer)
        if chosen is None or not _known(chosen):
            return None
        return any(option in cond.options for option in chosen)
    if isinstance(cond, AllOf):
        parts = [truth(part, facts) for part in cond.all]
        if False in parts:
            return False
        return None if None in parts else True
    if isinstance(cond, AnyOf):
        parts = [truth(part, facts) for part in cond.any]
        if True in parts:
            return True
        return None if None in parts else False
    if isinstance(cond, Not):
        inner = truth(cond.not_, facts)
        return None if inner is None else not inner
    if isinstance(cond, AxisTest):
        pole = facts.poles.get(cond.axis)
        return None if pole is None else pole == cond.is_
    if isinstance(cond, FormTest):
        if cond.form in facts.forms and cond.form not in facts.maybe:
            return True
        return None if cond.form in facts.maybe else False
    raise TypeError(f"not a condition: {cond!r}")


def unknown_answers(cond: Condition, facts: Facts) -> tuple[str, ...]:
    """The questions a condition tests whose answers are unknown, in the order tested."""
    found: list[str] = []
    for test, _ in iter_tests(cond, ()):
        if isinstance(test, AnswerTest) and not _known(facts.answers.get(test.answer)) and test.answer not in found:
            found.append(test.answer)
    return tuple(found)


Compiled = Callable[[Mapping[str, tuple[str, ...]]], Truth]
"""A condition over answers alone, made into a function once: `truth` without walking the tree each time."""


def compile_answers(cond: Condition) -> Compiled:
    """A condition that tests answers only, as a function of the answers in three-valued logic (as `truth`):
    for the decision's hot path (DESIGN.md asks for 50 000 decisions a second). Axis and form tests are
    refused: they need more than the answers."""
    if isinstance(cond, AnswerTest):
        qid, options = cond.answer, frozenset(cond.options)

        def answer(answers: Mapping[str, tuple[str, ...]]) -> Truth:
            chosen = answers.get(qid)
            if not chosen or chosen == (DONT_KNOW,):
                return None
            return not options.isdisjoint(chosen)
        return answer
    if isinstance(cond, AllOf):
        return _kleene([compile_answers(p) for p in cond.all], decisive=False)
    if isinstance(cond, AnyOf):
        return _kleene([compile_answers(p) for p in cond.any], decisive=True)
    if isinstance(cond, Not):
        inner = compile_answers(cond.not_)

        def negated(answers: Mapping[str, tuple[str, ...]]) -> Truth:
            value = inner(answers)
            return None if value is None else not value
        return negated
    raise ValueError(f"only answer tests can be compiled, not {cond!r}")


def _kleene(parts: list[Compiled], *, decisive: bool) -> Compiled:
    """`all` (a false part decides) or `any` (a true part decides) in three-valued logic: the decisive
    value as soon as a part has it; else unknown if a part is unknown; else the other value."""

    def combined(answers: Mapping[str, tuple[str, ...]]) -> Truth:
        unknown = False
        for part in parts:
            value = part(answers)
            if value is decisive:
                return decisive
            if value is None:
                unknown = True
        return None if unknown else not decisive

    return combined


Check = Callable[[Mapping[str, tuple[str, ...]]], bool]
"""A condition over answers alone asked one question in two values: whether it is certainly true (or false)."""


def compile_certain(cond: Condition) -> tuple[Check, Check]:
    """Whether a condition that tests answers only is certainly true, and whether certainly false, as two
    functions of the answers: `compile_answers(cond)(answers) is True` and `... is False`, without carrying
    the unknown along (a `not` swaps the two). What the decision and the search for what would change ask
    of the conflicts and the relation conditions, many times a result."""
    if isinstance(cond, AnswerTest):
        return _certain_answer(cond.answer, frozenset(cond.options))
    if isinstance(cond, AllOf):
        parts = [compile_certain(p) for p in cond.all]
        return _all_true(cond.all, [t for t, _ in parts]), any_of([f for _, f in parts])
    if isinstance(cond, AnyOf):
        parts = [compile_certain(p) for p in cond.any]
        return any_of([t for t, _ in parts]), all_of([f for _, f in parts])
    if isinstance(cond, Not):
        true, false = compile_certain(cond.not_)
        return false, true
    raise ValueError(f"only answer tests can be compiled, not {cond!r}")


def _certain_answer(qid: str, options: frozenset[str]) -> tuple[Check, Check]:
    def known_and_true(answers: Mapping[str, tuple[str, ...]]) -> bool:
        chosen = answers.get(qid)
        if not chosen or chosen == (DONT_KNOW,):
            return False
        return not options.isdisjoint(chosen)

    def known_and_false(answers: Mapping[str, tuple[str, ...]]) -> bool:
        chosen = answers.get(qid)
        if not chosen or chosen == (DONT_KNOW,):
            return False
        return options.isdisjoint(chosen)

    def shares_an_option(answers: Mapping[str, tuple[str, ...]]) -> bool:
        # "don't know" is none of these options and no answer shares none with them: known_and_true, quicker
        return not options.isdisjoint(answers.get(qid) or ())

    return (shares_an_option if DONT_KNOW not in options else known_and_true), known_and_false


def _all_true(parts: list[Condition], checks: list[Check]) -> Check:
    """An `all` certainly true, its parts' checks `checks`: the plain answer tests among the parts are looked
    at in one loop, without a call each, then the other parts. In two values, the order the parts are asked
    in changes nothing."""
    plain = [_plain(p) for p in parts]
    tests = [test for test in plain if test is not None]
    others = [check for test, check in zip(plain, checks, strict=True) if test is None]
    if len(tests) < 2:
        return all_of(checks)

    def every(answers: Mapping[str, tuple[str, ...]]) -> bool:
        for qid, options in tests:
            if options.isdisjoint(answers.get(qid) or ()):
                return False
        for check in others:  # noqa: SIM110 (as in all_of)
            if not check(answers):
                return False
        return True
    return every


def all_of(checks: list[Check]) -> Check:
    """Whether every check holds, as one function."""
    if len(checks) == 1:
        return checks[0]

    def every(answers: Mapping[str, tuple[str, ...]]) -> bool:
        for check in checks:  # noqa: SIM110 (a loop: all() over a generator takes five times as long)
            if not check(answers):
                return False
        return True
    return every


def any_of(checks: list[Check]) -> Check:
    """Whether any check holds, as one function."""
    if len(checks) == 1:
        return checks[0]

    def some(answers: Mapping[str, tuple[str, ...]]) -> bool:
        for check in checks:  # noqa: SIM110 (a loop: any() over a generator takes five times as long)
            if check(answers):
                return True
        return False
    return some


def any_holds(conditions: list[tuple[Condition, Check]]) -> Check:
    """Whether any of these conditions certainly holds, each given with its `compile_certain` check, as one
    function. A condition that is (or is an `all` with) a plain answer test holds only where that test
    does: the conditions are grouped by such a test, the one most of them share, and a group's test is
    looked at once, without a call, before its conditions are asked. Which holds first changes nothing."""
    tests = [_plain_tests(cond) for cond, _ in conditions]
    shared: dict[tuple[str, frozenset[str]], int] = {}
    for found in tests:
        for test in found:
            shared[test] = shared.get(test, 0) + 1
    groups: dict[tuple[str, frozenset[str]], list[Check]] = {}
    rest: list[Check] = []
    for (_, check), found in zip(conditions, tests, strict=True):
        if found:
            groups.setdefault(max(found, key=lambda test: shared[test]), []).append(check)
        else:
            rest.append(check)
    guarded = [(qid, options, checks) for (qid, options), checks in groups.items()]
    unguarded = any_of(rest)

    def some(answers: Mapping[str, tuple[str, ...]]) -> bool:
        for qid, options, checks in guarded:
            if not options.isdisjoint(answers.get(qid) or ()):
                for check in checks:
                    if check(answers):
                        return True
        return unguarded(answers)
    return some


def _plain_tests(cond: Condition) -> list[tuple[str, frozenset[str]]]:
    """The plain answer tests a condition needs to hold: itself, or the parts of an `all`."""
    parts = cond.all if isinstance(cond, AllOf) else [cond]
    return [test for test in map(_plain, parts) if test is not None]


def _plain(cond: Condition) -> tuple[str, frozenset[str]] | None:
    """A plain answer test, one without "don't know" among its options (true just where the answer shares an
    option with them), as (question, options); None for any other condition."""
    if isinstance(cond, AnswerTest) and DONT_KNOW not in cond.options:
        return cond.answer, frozenset(cond.options)
    return None
