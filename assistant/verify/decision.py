"""The decision proof: every combination of the answers that move the axes gives
exactly one primary form, or an explicit open set of candidates.

The engine's decision (`AxisModel.decide_scores`) depends on six numbers: each
axis's score, and the low and high its open answers could still move it to.
What `prove` looks at — the primary form, and the pairs of poles still possible
when an axis is open — depends on less: on which side of zero each score ends,
and on which side of zero an axis's low and high end only while the other axis
is open. So the proof never goes through the combinations one by one:

1. Each question's answers are grouped into *classes* that move the numbers
   alike and that every later `show_if` sees alike. A multiple-choice
   question's subsets are summed option by option into the few totals they
   reach, with how many subsets reach each and one example; never listed.
2. *Walks* fold the classes question by question, each following two of the
   six numbers (plus what a later `show_if` will look at, and which ways the
   open answers point): both scores; and, only where it could change what is
   proved, one axis's low, or high, while the other's score ends at zero. A
   state keeps how many combinations reach it and one of them as an example.
3. After each question a number is clamped to the range over which the
   questions still to come could move it across zero: beyond it its side is
   settled, and states that differ only there are one.
4. The walks' final states give how many combinations end each way (the split
   by low or high by difference), each way is decided once and checked against
   the rows of decision.yaml under the hit policy. The summary's `states` counts
   the ways both scores end, with the ways an open axis could still move.
5. A gap's or an overlap's example is the first combination (in the order
   `answer_values` lists them) that shows it, as when every combination was
   judged in turn. Where one axis is open, a bounded walk over three numbers
   finds it, for the problems' examples alone.

So the work grows with the number of axis questions, the number of distinct
totals each one's answers reach, and the square of the score range — not with
the product of their answer sets. Past fixed bounds the proof stops at once
with a problem that names the question, rather than running away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations, product
from typing import Any

from assistant.engine.axes import AxisModel
from assistant.engine.conditions import Facts, holds
from assistant.errors import Problem
from assistant.ids import DONT_KNOW
from assistant.models.conditions import AnswerTest, iter_tests
from assistant.models.questions import Question
from assistant.models.rules import RuleBase
from assistant.verify.findings import number
from assistant.yamlsource import Document

Value = tuple[str, ...] | None
"""An answer in the enumeration: options chosen, ("dont_know",), or None for unanswered."""

Effect = tuple[int, int, int, int, int, int]
"""What an answer adds to (service score, relation score, service low, relation low, service high, relation high)."""

ZERO: Effect = (0, 0, 0, 0, 0, 0)

# The bounds past which the proof stops with a problem instead of running on (a few seconds, 100-odd MB).
MAX_CLASSES = 2_000
"""Distinct totals one question's answers may reach (a question of ten options has at most 1 024)."""
MAX_STATES = 300_000
"""States a walk may hold after a question."""
MAX_STEPS = 8_000_000
"""Moves from a state by a class of answers, over all the walks."""
MAX_EXAMPLE_STEPS = 1_000_000
"""The same, for the first examples of problems where one axis is open; past it, other examples."""


def answer_values(q: Question) -> list[Value]:
    """Every answer a user can give to a question: unanswered, don't know, each option or set of options.

    Lists all 2**n sets of a multiple-choice question: for the search in reach.py, not for the proof.
    """
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


Witness = tuple["Witness", str, Value] | None
"""One example combination as a chain: (the answers before, question, answer)."""


def _answers(witness: Witness) -> list[tuple[str, Value]]:
    out: list[tuple[str, Value]] = []
    while witness is not None:
        witness, qid, value = witness
        out.append((qid, value))
    return out[::-1]


def example(witness: Witness) -> str:
    """Answers as an author would write them in an answers file, on one line."""
    parts = []
    for qid, value in _answers(witness):
        if value is None:
            continue
        parts.append(f"{qid}: {value[0]}" if len(value) == 1 else f"{qid}: [{', '.join(value)}]")
    return "{" + ", ".join(parts) + "}" if parts else "{} (nothing answered)"


class BeyondBounds(Exception):
    """The proof would go past one of its bounds at a question: it stops, and says why."""

    def __init__(self, question: str, why: str):
        super().__init__(question, why)
        self.question = question
        self.why = why


@dataclass(frozen=True)
class AnswerClass:
    """Answers to one question that move the six numbers alike and that later show_ifs see alike."""

    effect: Effect
    seen: tuple[bool, ...]
    """For each answer test a later show_if makes on this question: whether it holds."""
    count: int
    example: Value


def _seen(value: Value, tests: list[tuple[str, ...]]) -> tuple[bool, ...]:
    """What each answer test on the question says of this answer (as `holds` tests an answer)."""
    return tuple(bool(value) and any(o in options for o in value or ()) for options in tests)


def _order(value: Value, position: dict[str, int]) -> tuple[int, ...]:
    """Where an answer comes in `answer_values`: unanswered, don't know, then sets by size and option order."""
    if value is None:
        return (0,)
    if value == (DONT_KNOW,):
        return (1,)
    return (2, len(value), *(position[o] for o in value))


def answer_classes(q: Question, model: AxisModel, tests: list[tuple[str, ...]]) -> list[AnswerClass]:
    """The answers to a question, grouped by what they do to the decision and to later show_ifs, in the
    order of their first answers, each with its first answer (in `answer_values` order) as example.

    A multiple-choice question's subsets are summed one option at a time, so the work grows with the
    distinct totals (bounded by its weights), not with the 2**n subsets.
    """
    position = {o.id: i for i, o in enumerate(q.options)}
    classes: dict[tuple[Effect, tuple[bool, ...]], list[Any]] = {}  # -> [count, first answer]

    def add(effect: Effect, seen: tuple[bool, ...], count: int, value: Value) -> None:
        known = classes.get((effect, seen))
        if known is None:
            classes[(effect, seen)] = [count, value]
        else:
            known[0] += count
            if _order(value, position) < _order(known[1], position):
                known[1] = value

    spread = model.spread.get(q.id)
    open_effect = ZERO if spread is None else (
        0, 0, spread["service"][0], spread["relation"][0], spread["service"][1], spread["relation"][1])
    add(open_effect, _seen(None, tests), 1, None)
    add(open_effect, _seen((DONT_KNOW,), tests), 1, (DONT_KNOW,))
    if q.kind == "single":
        for o in q.options:
            c = model.contribution(q.id, (o.id,))
            s, r = c["service"], c["relation"]
            add((s, r, s, r, s, r), _seen((o.id,), tests), 1, (o.id,))
    else:
        # (service, relation, seen) of the non-empty subsets -> [count, first subset]
        sums: dict[tuple[int, int, tuple[bool, ...]], list[Any]] = {}
        for o in q.options:
            c = model.contribution(q.id, (o.id,))
            cs, cr = c["service"], c["relation"]
            mine = tuple(o.id in options for options in tests)
            grown: dict[tuple[int, int, tuple[bool, ...]], list[Any]] = {k: list(v) for k, v in sums.items()}
            steps = [((cs, cr, mine), 1, (o.id,))]
            steps += [((s + cs, r + cr, tuple(a or b for a, b in zip(seen, mine, strict=True))), n, chosen + (o.id,))
                      for (s, r, seen), (n, chosen) in sums.items()]
            for key, n, chosen in steps:
                known = grown.get(key)
                if known is None:
                    grown[key] = [n, chosen]
                else:
                    known[0] += n
                    if _order(chosen, position) < _order(known[1], position):
                        known[1] = chosen
            if len(grown) > MAX_CLASSES:
                raise BeyondBounds(q.id, f"the answers to '{q.id}' add up to more than {number(MAX_CLASSES)} "
                                   "different scores, the most the proof takes from one question")
            sums = grown
        for (s, r, seen), (n, chosen) in sums.items():
            add((s, r, s, r, s, r), seen, n, chosen)
    found = [AnswerClass(effect, seen, n, value) for (effect, seen), (n, value) in classes.items()]
    return sorted(found, key=lambda c: _order(c.example, position))


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
    proved: bool = True
    """False when the proof stopped at its bounds: the counts above are then nothing it found."""

    def summary(self, hit_policy: str) -> dict[str, Any]:
        return {"hit_policy": hit_policy, "proved": self.proved, "questions": self.questions,
                "combinations": self.combinations, "states": self.states, "forms": self.forms, "open": self.open}


Memory = tuple[tuple[bool, ...], ...]
"""What later show_ifs see of the answers so far, one entry per question they look at."""

# The six numbers of an Effect, by position
SCORE, LOW, HIGH = {"service": 0, "relation": 1}, {"service": 2, "relation": 3}, {"service": 4, "relation": 5}
# Which ways the open answers leave an axis: its low below its score (down), its high above it (up)
DOWN, UP = {"service": 1, "relation": 4}, {"service": 2, "relation": 8}
SERVICE_BITS, RELATION_BITS = 1 | 2, 4 | 8


def _bits(effect: Effect) -> int:
    ts, tr, ls, lr, hs, hr = effect
    return (1 if ls < ts else 0) | (2 if hs > ts else 0) | (4 if lr < tr else 0) | (8 if hr > tr else 0)


@dataclass(frozen=True)
class Step:
    """One question of the fold: its classes of answers, and what it is when it is not asked."""

    question: Question
    classes: list[AnswerClass]
    remember: bool
    """A later show_if looks at it: states keep what it saw."""
    hidden: AnswerClass
    """All its answers at once, when its show_if does not hold: they move nothing."""


@dataclass(frozen=True)
class Walk:
    """One fold over the questions: the two numbers it follows and the bits it keeps.

    `zero`: the second number must end at zero, so a state that can no longer get there is dropped.
    `best`: a number each state keeps the largest (`sign` 1) or smallest (-1) total of, with an example
    that reaches it — the numbers the walk does not follow, as far as an example needs them.
    """

    first: int
    second: int
    bits: int
    zero: bool = False
    best: int | None = None
    sign: int = 1
    settles: tuple[int, int] = (0, 0)
    """The bits to forget once the first, the second number is settled away from zero (they matter only at zero)."""


Key = tuple[Memory, int, int, int]
"""(memory, first number, second number, bits) of a walk's state."""
Move = tuple[int, int, int, tuple[bool, ...], int, Value, int]
"""What a class of answers does in a walk: (to the first number, to the second, bits, what show_ifs see,
how many answers, an example, to the number whose best the walk keeps)."""


def _bounds(steps: list[Step]) -> list[tuple[Effect, Effect]]:
    """The least and the most the questions from each one on can add to each number; the last entry is (0, 0)."""
    low, high = [0] * 6, [0] * 6
    out: list[tuple[Effect, Effect]] = [(ZERO, ZERO)]
    for step in reversed(steps):
        effects = [c.effect for c in step.classes] + ([ZERO] if step.question.show_if is not None else [])
        for i in range(6):
            low[i] += min(e[i] for e in effects)
            high[i] += max(e[i] for e in effects)
        out.append((_effect(low), _effect(high)))
    return out[::-1]


def _effect(values: list[int]) -> Effect:
    a, b, c, d, e, f = values
    return (a, b, c, d, e, f)


class Folder:
    """The questions of the proof, their classes of answers, and what their show_ifs see."""

    def __init__(self, model: AxisModel, questions: list[Question]):
        tests: dict[str, list[tuple[str, ...]]] = {}
        for q in questions:
            if q.show_if is not None:
                for t, _ in iter_tests(q.show_if, ()):
                    if isinstance(t, AnswerTest) and t.options not in tests.setdefault(t.answer, []):
                        tests[t.answer].append(t.options)
        self.steps: list[Step] = []
        self.remembered: list[tuple[str, dict[tuple[bool, ...], Value]]] = []  # question, what it saw -> example
        for q in questions:
            on_it = tests.get(q.id, [])
            classes = answer_classes(q, model, on_it)
            hidden = AnswerClass(ZERO, _seen(None, on_it), sum(c.count for c in classes), None)
            self.steps.append(Step(q, classes, q.id in tests, hidden))
            if q.id in tests:
                examples: dict[tuple[bool, ...], Value] = {}
                for c in classes:
                    examples.setdefault(c.seen, c.example)
                self.remembered.append((q.id, examples))
        self.bounds = _bounds(self.steps)
        self.shown: dict[tuple[str, Memory], bool] = {}
        self.steps_taken = 0
        self.example_steps = 0

    def asked(self, q: Question, memory: Memory) -> bool:
        if q.show_if is None:
            return True
        known = self.shown.get((q.id, memory))
        if known is None:
            answers: dict[str, tuple[str, ...]] = {}
            # the memory holds only the questions folded so far: it may be the shorter
            for (qid, examples), seen in zip(self.remembered, memory, strict=False):
                value = examples.get(seen)
                if value is not None:  # answers the show_if sees exactly as it sees those behind the memory
                    answers[qid] = value
            known = self.shown[(q.id, memory)] = holds(q.show_if, Facts(answers))
        return known

    def fold(self, walk: Walk) -> dict[Key, list[Any]]:
        """Every combination of answers folded into the walk's clamped states: key -> [count, example, best].

        Each state is kept under one number, ((memory * 16 + bits) * width + first) * width + second
        (both offset to be positive), so that an answer which moves neither bits nor memory, in a state
        it cannot settle, is one addition: most of the work.
        """
        i, j, track, sign = walk.first, walk.second, walk.best is not None, walk.sign
        keep_i, keep_j = ~walk.settles[0], ~walk.settles[1]
        off = 2 + max(abs(v) for low, high in self.bounds for v in (low[i], high[i], low[j], high[j]))
        width = 2 * off + 1
        memories: list[Memory] = [()]
        numbered: dict[Memory, int] = {(): 0}

        def number_of(memory: Memory) -> int:
            n = numbered.get(memory)
            if n is None:
                n = numbered[memory] = len(memories)
                memories.append(memory)
            return n

        states: dict[int, list[Any]] = {off * width + off: [1, None, 0]}
        for k, step in enumerate(self.steps):
            q, remember = step.question, step.remember
            low, high = self.bounds[k + 1]
            moves: list[Move] = [(c.effect[i], c.effect[j], _bits(c.effect) & walk.bits, c.seen, c.count, c.example,
                                  c.effect[walk.best] if walk.best is not None else 0) for c in step.classes]
            hidden: list[Move] = [(0, 0, 0, step.hidden.seen, step.hidden.count, None, 0)]
            self.steps_taken += len(states) * len(moves)
            if self.steps_taken > MAX_STEPS:
                raise BeyondBounds(q.id, f"by the question '{q.id}' the answers reach so many score states that "
                                   f"the proof would take more than {number(MAX_STEPS)} steps")
            # The classes come in order, and the first example to reach a state is kept. Those that set
            # bits are the open answers, which come first; the rest, where neither number can settle,
            # are one addition each to the state's number.
            first = [m for m in moves if remember or m[2]]
            quick = [] if remember else [(da * width + db, n, value, dbest)
                                         for da, db, dbits, _, n, value, dbest in moves if not dbits]
            lo_i, hi_i = min((m[0] for m in moves), default=0), max((m[0] for m in moves), default=0)
            lo_j, hi_j = min((m[1] for m in moves), default=0), max((m[1] for m in moves), default=0)
            # at or beyond top / bottom a number's side of zero is settled: the rest cannot change it
            top_i, bottom_i, top_j, bottom_j = 1 - low[i], -1 - high[i], 1 - low[j], -1 - high[j]
            if walk.zero:  # the second number must end at zero: beyond these it cannot
                top_j, bottom_j = -low[j] + 1, -high[j] - 1
            following: dict[int, list[Any]] = {}
            for key, (count, witness, best) in states.items():
                rest, b = divmod(key, width)
                rest, a = divmod(rest, width)
                at, bits = divmod(rest, 16)
                a, b = a - off, b - off
                memory = memories[at]
                asked = q.show_if is None or self.asked(q, memory)
                fast = asked and quick and bottom_i < a + lo_i and a + hi_i < top_i and \
                    bottom_j < b + lo_j and b + hi_j < top_j
                for da, db, dbits, seen, n, value, dbest in (first if fast else moves if asked else hidden):
                    bits_now = bits | dbits
                    x = a + da
                    if x >= top_i or x <= bottom_i:  # settled: its side of zero is known, which ways it is open not
                        x = top_i if x >= top_i else bottom_i
                        bits_now &= keep_i
                    y = b + db
                    if y >= top_j or y <= bottom_j:
                        if walk.zero:
                            continue
                        y = top_j if y >= top_j else bottom_j
                        bits_now &= keep_j
                    to = number_of(memory + (seen,)) if remember else at
                    new = ((to * 16 + bits_now) * width + x + off) * width + y + off
                    known = following.get(new)
                    if known is None:
                        following[new] = [count * n, (witness, q.id, value), best + dbest]
                    else:
                        known[0] += count * n
                        if track and (best + dbest - known[2]) * sign > 0:
                            known[1], known[2] = (witness, q.id, value), best + dbest
                if fast:
                    for delta, n, value, dbest in quick:  # the same, by addition
                        known = following.get(key + delta)
                        if known is None:
                            following[key + delta] = [count * n, (witness, q.id, value), best + dbest]
                        else:
                            known[0] += count * n
                            if track and (best + dbest - known[2]) * sign > 0:
                                known[1], known[2] = (witness, q.id, value), best + dbest
            if len(following) > MAX_STATES:
                raise BeyondBounds(q.id, f"by the question '{q.id}' the answers reach more than "
                                   f"{number(MAX_STATES)} different score states, the most the proof follows")
            states = following
        out: dict[Key, list[Any]] = {}
        for key, entry in states.items():
            rest, b = divmod(key, width)
            rest, a = divmod(rest, width)
            at, bits = divmod(rest, 16)
            out[(memories[at], a - off, b - off, bits)] = entry
        return out


AxisEnd = tuple[int, bool, bool]
"""Where an axis ends: the sign of its score, whether its low is below zero, whether its high is above."""
Outcome = tuple[AxisEnd, AxisEnd]
"""Where both axes end: (service, relation)."""

OTHER = {"service": "relation", "relation": "service"}


def _sign(n: int) -> int:
    return (n > 0) - (n < 0)


def _decided(sign: int) -> AxisEnd:
    """A decided axis, when the other is decided too: its low and high then change nothing that is proved."""
    return (sign, sign < 0, sign > 0)


def _open(bits: int, axis: str) -> AxisEnd:
    """An axis whose score ends at zero: its low and high are below and above zero as its open answers point."""
    return (0, bool(bits & DOWN[axis]), bool(bits & UP[axis]))


def _one_open(axis: str, sign: int, turns: bool, bits: int) -> Outcome:
    """`axis` decided with this sign (and whether its low or high can still turn it), the other open."""
    mine = (sign, turns, True) if sign > 0 else (sign, True, turns)
    theirs = _open(bits, OTHER[axis])
    return (mine, theirs) if axis == "service" else (theirs, mine)


def outcomes(folder: Folder, split: Callable[[Outcome], bool] = lambda _: True
             ) -> tuple[dict[Outcome, int], dict[Outcome, Witness], int]:
    """How many combinations of answers end each way, with an example of each, and in how many
    states: the ways both scores end, with the ways the open answers could still move an open axis.

    What `prove` looks at depends on the side of zero each score ends on, and on an axis's low and
    high only while the other axis is open. So instead of one fold over all six numbers, up to five
    walks over two numbers each:

    - both scores, with the bits of which ways the open answers point: every outcome where both axes
      are decided or both open, and how many combinations leave exactly one open;
    - where one axis is decided and the other open, whether the decided one's low (for a positive
      score; its high for a negative one) could still turn it changes which pairs of poles remain.
      Where `split` says that could matter for one of its outcomes, a walk follows that low (high)
      while the other's score ends at zero: how many combinations keep it at or above zero (at or
      below), the rest by difference, with the example of the largest (smallest) score. Where it
      cannot matter, both ways are one outcome, marked as turning.

    The example of an outcome is the first combination (in `answer_values` order, question by question)
    that ends that way, but for the split ones: there it is one that does (`first_examples` finds the
    first).
    """
    counts: dict[Outcome, int] = {}
    examples: dict[Outcome, Witness] = {}

    def add(outcome: Outcome, count: int) -> None:
        counts[outcome] = counts.get(outcome, 0) + count

    one_open: dict[tuple[str, int, int], list[Any]] = {}
    """(the decided axis, the sign of its score, the open axis's bits) -> [combinations, first example]"""
    open_still: dict[tuple[str, int, int], int] = {}
    """(an axis, its DOWN or UP bit, the other's bits) -> combinations with both scores at zero and that bit clear"""
    both = Walk(SCORE["service"], SCORE["relation"], SERVICE_BITS | RELATION_BITS,
                settles=(SERVICE_BITS, RELATION_BITS))
    for (_, ts, tr, bits), (count, witness, _) in folder.fold(both).items():
        s, r = _sign(ts), _sign(tr)
        if s and r:
            outcome = (_decided(s), _decided(r))
        elif s or r:
            key = ("service", s, bits & RELATION_BITS) if s else ("relation", r, bits & SERVICE_BITS)
            one_open.setdefault(key, [0, witness])[0] += count
            continue
        else:
            outcome = (_open(bits, "service"), _open(bits, "relation"))
            for axis, mask in (("service", RELATION_BITS), ("relation", SERVICE_BITS)):
                for bit in (DOWN[axis], UP[axis]):
                    if not bits & bit:
                        key = (axis, bit, bits & mask)
                        open_still[key] = open_still.get(key, 0) + count
        add(outcome, count)
        examples.setdefault(outcome, witness)
    states = len(counts) + len(one_open)

    for axis, sign in sorted({(a, s) for a, s, _ in one_open}):
        other = OTHER[axis]
        mine = {bits: entry for (a, s, bits), entry in one_open.items() if a == axis and s == sign}
        if not any(split(_one_open(axis, sign, turns, bits)) for bits in mine for turns in (False, True)):
            for bits, (count, witness) in mine.items():
                add(_one_open(axis, sign, True, bits), count)
                examples.setdefault(_one_open(axis, sign, True, bits), witness)
            continue
        # a positive score can still turn while its low is below zero, a negative one while its high is above
        follow, bit = (LOW[axis], DOWN[axis]) if sign > 0 else (HIGH[axis], UP[axis])
        mask = RELATION_BITS if other == "relation" else SERVICE_BITS
        walk = Walk(follow, SCORE[other], mask, zero=True, best=SCORE[axis], sign=sign)
        still: dict[int, int] = {}  # the open axis's bits -> combinations whose low (high) cannot turn it
        for (_, end, zero, bits), (count, witness, best) in folder.fold(walk).items():
            if zero:
                continue
            turns = end < 0 if sign > 0 else end > 0
            if not turns:
                still[bits] = still.get(bits, 0) + count
            if _sign(best) == sign:  # the example with the largest (smallest) score is one of these
                examples.setdefault(_one_open(axis, sign, turns, bits), witness)
        for bits in sorted(set(mine) | set(still)):
            kept = still.get(bits, 0) - open_still.get((axis, bit, bits), 0)
            add(_one_open(axis, sign, False, bits), kept)
            add(_one_open(axis, sign, True, bits), mine.get(bits, [0])[0] - kept)

    assert set(examples) <= set(counts), "an example of no combination"
    for outcome, count in counts.items():
        assert count >= 0 and (count > 0) == (outcome in examples), f"the walks disagree on {outcome}"
    return {o: n for o, n in counts.items() if n}, examples, states


def first_examples(folder: Folder, axis: str, sign: int) -> dict[Outcome, Witness] | None:
    """The first combination of each outcome where `axis` is decided this way and the other axis open.

    A walk over three numbers (the axis's score, its low or high, the other's score), keeping only the
    first combination to reach each state: for the examples of problems alone. None past its bound
    (shared by all the calls on one folder).
    """
    other = OTHER[axis]
    score, end, zero = SCORE[axis], LOW[axis] if sign > 0 else HIGH[axis], SCORE[other]
    mask = RELATION_BITS if other == "relation" else SERVICE_BITS
    states: dict[tuple[Memory, int, int, int, int], Witness] = {((), 0, 0, 0, 0): None}
    for k, step in enumerate(folder.steps):
        q = step.question
        low, high = folder.bounds[k + 1]
        folder.example_steps += len(states) * len(step.classes)
        if folder.example_steps > MAX_EXAMPLE_STEPS:
            return None
        following: dict[tuple[Memory, int, int, int, int], Witness] = {}
        for (memory, t, e, z, bits), witness in states.items():
            for c in step.classes if folder.asked(q, memory) else [step.hidden]:
                effect = c.effect
                t2, e2, z2 = t + effect[score], e + effect[end], z + effect[zero]
                if (t2 + high[score] < 1 if sign > 0 else t2 + low[score] > -1) or \
                        not -high[zero] <= z2 <= -low[zero]:
                    continue  # the score can no longer end on its side, or the other's at zero
                t2 = max(min(t2, 1 - low[score]), -1 - high[score])
                e2 = max(min(e2, 1 - low[end]), -1 - high[end])
                key = (memory + (c.seen,) if step.remember else memory, t2, e2, z2, bits | (_bits(effect) & mask))
                if key not in following:
                    following[key] = (witness, q.id, c.example)
        states = following
    found: dict[Outcome, Witness] = {}
    for (_, _, e, _, bits), witness in states.items():
        found.setdefault(_one_open(axis, sign, e < 0 if sign > 0 else e > 0, bits), witness)
    return found


def _in_order(folder: Folder, counts: dict[Outcome, int], examples: dict[Outcome, Witness]
              ) -> dict[Outcome, tuple[int, Witness]]:
    """The outcomes in the order of their examples, as `answer_values` lists the combinations."""
    positions = {s.question.id: {o.id: i for i, o in enumerate(s.question.options)} for s in folder.steps}

    def first(outcome: Outcome) -> list[tuple[int, ...]]:
        return [_order(value, positions[qid]) for qid, value in _answers(examples[outcome])]

    return {outcome: (counts[outcome], examples[outcome]) for outcome in sorted(counts, key=first)}


def _numbers(end: AxisEnd) -> tuple[int, int, int]:
    """Score, low and high that end this way (what decide_scores compares with zero)."""
    sign, down, up = end
    return sign, -1 if down else 0, 1 if up else 0


def decide(model: AxisModel, outcome: Outcome) -> tuple[str | None, list[tuple[str, str]]]:
    """The primary form where the axes end this way, and the pairs of poles still possible (one if decided)."""
    (ts, ls, hs), (tr, lr, hr) = _numbers(outcome[0]), _numbers(outcome[1])
    decision = model.decide_scores({"service": ts, "relation": tr}, {"service": ls, "relation": lr},
                                   {"service": hs, "relation": hr})
    s, r = decision.axes["service"], decision.axes["relation"]
    pairs = [(s.pole, r.pole)] if s.pole and r.pole else list(product(s.possible, r.possible))
    return decision.form, pairs


def prove(rb: RuleBase, model: AxisModel, doc: Document) -> Proof:
    """Fold every combination of the axis answers into how each axis ends, and decide each way once."""
    questions = with_what_they_hang_on(rb, model.questions)
    try:
        folder = Folder(model, questions)
        counts, examples, states = outcomes(folder, lambda outcome: not _plain(rb, model, outcome))
    except BeyondBounds as err:
        proof = Proof([q.id for q in questions], proved=False)
        proof.problems.append(doc.problem(
            ("rules",), f"the decision cannot be proved within bounds: {err.why}",
            "give the axis questions fewer options, smaller weights in axes.yaml, or split them"))
        return proof
    proof = judge(rb, model, _in_order(folder, counts, examples), doc, questions)
    proof.states = states
    if proof.problems:
        # A problem's example is the first combination that shows it. The walks know the first of each
        # outcome but where one axis is open; look for those where they could be a problem's example.
        for axis, sign in _open_in_problems(rb, model, counts):
            found = first_examples(folder, axis, sign)
            if found is None:
                break
            examples.update(found)
        proof = judge(rb, model, _in_order(folder, counts, examples), doc, questions)
        proof.states = states
    return proof


def _plain(rb: RuleBase, model: AxisModel, outcome: Outcome) -> bool:
    """The axes ending this way meet a row, and no pair of poles they leave meets two under 'unique'."""
    rows: list[tuple[str, str]] = [(row.service, row.relation) for row in rb.decision.rules]
    hits = [rows.count(pair) for pair in decide(model, outcome)[1]]
    return sum(hits) > 0 and max(hits, default=0) <= 1  # the one hit policy, 'unique'


def _open_in_problems(rb: RuleBase, model: AxisModel, counts: dict[Outcome, int]) -> list[tuple[str, int]]:
    """(axis, sign) of the outcomes with that axis decided and the other open that are in a gap, or in an
    overlap where they leave one pair of poles or no outcome that leaves one pair does (whose example
    is shown)."""
    rows: list[tuple[str, str]] = [(row.service, row.relation) for row in rb.decision.rules]
    decided = {pairs[0] for pairs in (decide(model, o)[1] for o in counts) if len(pairs) == 1}
    needed: set[tuple[str, int]] = set()
    for service, relation in counts:
        for axis, mine, theirs in (("service", service, relation), ("relation", relation, service)):
            if not mine[0] or theirs[0]:
                continue
            pairs = decide(model, (service, relation))[1]
            gap = not any(pair in rows for pair in pairs)
            lone = any(rows.count(pair) > 1 and (len(pairs) == 1 or pair not in decided)  # under 'unique'
                       for pair in pairs)
            if gap or lone:
                needed.add((axis, mine[0]))
    return sorted(needed)


def judge(rb: RuleBase, model: AxisModel, ends: dict[Outcome, tuple[int, Witness]], doc: Document,
          questions: list[Question]) -> Proof:
    """Decide each way the axes can end, in order, against the rows of decision.yaml under the hit policy."""
    proof = Proof([q.id for q in questions])
    rows = rb.decision.rules
    unique = rb.decision.hit_policy == "unique"
    gaps: dict[Any, tuple[int, str]] = {}
    overlaps: dict[tuple[str, str], tuple[int, str, bool]] = {}
    for outcome, (count, witness) in ends.items():
        proof.combinations += count
        form, pairs = decide(model, outcome)
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
        if form is not None:
            proof.forms[form] = proof.forms.get(form, 0) + count
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
