"""What would change the result: for each other form, a plausible situation that leads to it.

Plausible means: answers that are still unknown are filled in first (finding them out may be all it
takes); otherwise the fewest answers change. Either way the changed answers must describe one coherent
collaboration: they may not make a conflict of rules/axes.yaml hold (an ordering with no money and no
agreement, say). The search runs over the questions the decision reads (those that move the axes and
those the relation rules of rules/decision.yaml test), trying one changed answer, then two, and so on;
among equally small changes it prefers answers that rest on the form's own section or make its relation
hold, then the clearest margin. Each find is confirmed by running the full decision again, so `show_if`
and the relation are respected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import combinations, product
from operator import itemgetter
from typing import NamedTuple

from assistant.engine.axes import POLES, AxisModel
from assistant.models.common import FORM_IDS

Alternative = tuple[tuple[str, ...], dict[str, int]]
"""Another answer to a question, with the change it makes to each axis's score."""


def _alternatives(model: AxisModel, qid: str, current: tuple[str, ...] | None,
                  options: tuple[str, ...], relational: bool) -> list[Alternative]:
    """The other answers a question could take, with the axis change each gives.

    An answer that moves no axis is kept only for a question the relation rules read (it may settle the
    form on its own).
    """
    base = model.contribution(qid, current or ())
    values: list[tuple[str, ...]] = [(o,) for o in options]
    if model.kinds[qid] == "multi" and current:
        values += [tuple(sorted(set(current) | {o})) for o in options if o not in current]
    seen: set[tuple[str, ...]] = set()
    result: list[Alternative] = []
    for value in values:
        if value == current or value in seen:
            continue
        seen.add(value)
        after = model.contribution(qid, value)
        delta = {axis: after[axis] - base[axis] for axis in after}
        if delta["service"] or delta["relation"] or relational:
            result.append((value, delta))
    return result


def what_would_change(
    model: AxisModel,
    answers: Mapping[str, tuple[str, ...]],
    options: Mapping[str, tuple[str, ...]],
    current_form: str | None,
    decide: Callable[[dict[str, tuple[str, ...]]], str | None],
    *,
    coherent: Callable[[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]], bool] | None = None,
    unknown: set[str] | None = None,
    relation: Mapping[str, set[tuple[str, str]]] | None = None,
) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    """[(form, {question: new answer})] for every form other than the current one that can be reached.

    `relation`: for each form, the (question, option) pairs its relation rules test; those questions are
    searched too, and an answer among them counts as resting on the form."""
    relation = relation or {}
    relational = {q for pairs in relation.values() for q, _ in pairs}
    scores = model.scores(answers)
    pole_of = {form: pole for pole, form in model.table.items()}
    order = [q for q in model.order if q in model.questions or q in relational]
    alternatives = {
        qid: _alternatives(model, qid, answers.get(qid), tuple(o for o in options[qid]), qid in relational)
        for qid in order if qid in options
    }
    movable = [qid for qid in order if alternatives.get(qid)]
    verdicts: dict[tuple[tuple[str, tuple[str, ...]], ...], str | None] = {}

    def verdict(change: dict[str, tuple[str, ...]]) -> str | None:
        """The form the answers give with `change` made, or None where the change is not coherent. The
        searches towards each form try many of the same changes; each is decided once."""
        key = tuple(sorted(change.items()))
        if key not in verdicts:
            after = {**answers, **change}
            verdicts[key] = decide(after) if coherent is None or coherent(answers, after) else None
        return verdicts[key]

    found: list[tuple[str, dict[str, tuple[str, ...]]]] = []
    for form in FORM_IDS:
        if form == current_form or form not in pole_of:
            continue
        want = {
            "service": 1 if pole_of[form][0] == POLES["service"][0] else -1,
            "relation": 1 if pole_of[form][1] == POLES["relation"][0] else -1,
        }
        home = Home(model, model.sections.get(form, set()), relation.get(form, set()), relational)
        every = {q: _moves(alternatives[q], q, home) for q in movable}
        useful = {q: _useful(want, every[q]) for q in movable}
        fillable = [q for q in movable if unknown and q in unknown]
        best = None
        if fillable:
            best = _search(scores, want, fillable, every, useful, verdict, form, home)
        if best is None:
            best = _search(scores, want, movable, every, useful, verdict, form, home)
        if best is not None:
            found.append((form, best))
    return found


class Home:
    """What rests on a form: the report sections of its own (e.g. 4.1.4), and the answers its relation
    rules test."""

    def __init__(self, model: AxisModel, sections: set[str], pairs: set[tuple[str, str]], relational: set[str]):
        self.model = model
        self.sections = sections
        self.pairs = pairs
        self.relational = relational
        """Every question a relation rule reads (of any form): changing one may settle the form on its own."""
        self.resting: dict[tuple[str, str], int] = {}
        """Each option's share of `affinity`, worked out once."""

    def affinity(self, qid: str, value: tuple[str, ...]) -> int:
        """How many of the answer's indicators rest on the form's own section, and of its options the form's
        relation rules test."""
        total = 0
        for option in value:
            share = self.resting.get((qid, option))
            if share is None:
                share = self.resting[(qid, option)] = sum(
                    1 for _, _, ind in self.model.indicators.get((qid, option), ())
                    if self.sections.intersection(ind.source)) + ((qid, option) in self.pairs)
            total += share
        return total


class Move(NamedTuple):
    """One changed answer as the search weighs it towards a form: the alternative's answer, what it adds to
    each axis's score, and its affinity to the form (`Home.affinity`), worked out once per form."""

    value: tuple[str, ...]
    service: int
    relation: int
    affinity: int


def _moves(alternatives: list[Alternative], qid: str, home: Home) -> list[Move]:
    return [Move(value, delta["service"], delta["relation"], home.affinity(qid, value))
            for value, delta in alternatives]


def _useful(want: Mapping[str, int], moves: list[Move]) -> list[Move]:
    """The alternatives worth trying towards a form: those that move at least one axis its way, and that
    no other alternative beats on both axes and on resting on the form's own section. Equal ones are all
    kept, since coherence may take one and refuse another."""
    scored = []
    for move in moves:
        gain = (move.service * want["service"], move.relation * want["relation"], move.affinity)
        if gain[0] > 0 or gain[1] > 0 or gain[2] > 0:
            scored.append((gain, move))
    return [move for gain, move in scored
            if not any(other != gain and all(o >= g for o, g in zip(other, gain, strict=True))
                       for other, _ in scored)]


def _search(
    scores: Mapping[str, int],
    want: Mapping[str, int],
    movable: list[str],
    every: Mapping[str, list[Move]],
    useful: Mapping[str, list[Move]],
    verdict: Callable[[dict[str, tuple[str, ...]]], str | None],
    form: str,
    home: Home,
) -> dict[str, tuple[str, ...]] | None:
    """The fewest changed answers that give `form`, or None.

    Among changes of one size it takes the one resting most on the form's own sections, then the clearest
    margin. At each size the answers that help are tried first (those that move an axis the form's way and
    are not beaten by another answer to the same question); for small sizes every answer is tried too
    when those will not do.
    """
    helping = [q for q in movable if useful[q]]
    for size in range(1, len(movable) + 1):
        found = _of_size(size, scores, want, helping, useful, verdict, form, home)
        if found is None and size <= EVERY_ANSWER_UP_TO:
            found = _of_size(size, scores, want, movable, every, verdict, form, home)
        if found is not None:
            return found
    return None


EVERY_ANSWER_UP_TO = 2
"""Up to this many changes every answer is tried, also those set aside as not helping (coherence may want
one of them); beyond it only the helping ones, which keeps the search quick."""


def _of_size(
    size: int,
    scores: Mapping[str, int],
    want: Mapping[str, int],
    movable: list[str],
    moves: Mapping[str, list[Move]],
    verdict: Callable[[dict[str, tuple[str, ...]]], str | None],
    form: str,
    home: Home,
) -> dict[str, tuple[str, ...]] | None:
    """The best change of exactly `size` answers that gives `form`, or None.

    The best is the one with the highest (affinity, margin) among those the decision confirms, the first
    tried among equals. Every change is ranked first (cheap: sums), and the decision runs on them from the
    best rank down, stopping at the first it confirms: the same change as trying them all in turn, for a
    fraction of the decisions. (`sort` is stable, also in reverse: equals keep the order they were tried in.)
    """
    want_service, want_relation = want["service"], want["relation"]
    ranked: list[tuple[tuple[int, int], tuple[str, ...], tuple[Move, ...]]] = []
    for qids in combinations(movable, size):
        relational = any(q in home.relational for q in qids)
        for picks in product(*(moves[q] for q in qids)):
            service, relation, affinity = scores["service"], scores["relation"], 0
            for move in picks:
                service += move.service
                relation += move.relation
                affinity += move.affinity
            margin = min(service * want_service, relation * want_relation)
            if margin <= 0 and not relational:
                continue  # the axes will not give the form, and no answer the relation reads changes
            ranked.append(((affinity, margin), qids, picks))
    ranked.sort(key=itemgetter(0), reverse=True)
    for _, qids, picks in ranked:
        change = {q: move.value for q, move in zip(qids, picks, strict=True)}
        if verdict(change) == form:
            return change
    return None
