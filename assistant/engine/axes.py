"""Scoring the two axes from the answers, and deciding the form.

The indicators of rules/axes.yaml are compiled once into a lookup table, so a
form decision is a handful of dictionary look-ups (DESIGN.md asks for at least
50 000 decisions a second).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, NamedTuple

from assistant.models.common import FORM_IDS
from assistant.models.questions import DONT_KNOW
from assistant.models.result import AxisReading, Confidence
from assistant.models.rules import Indicator, RuleBase

AXES = ("service", "relation")
POLES = {"service": ("existing", "new"), "relation": ("one_way", "two_way")}


Basis = Literal["axes", "relation", "nearest", "open", "none", "contradiction"]
"""What settled the form: the axes; a relation rule; the nearest form the answers allow (the axes' own is
denied, or the axes are open and one form is left); still open between candidates; no form the answers
allow ("none"); answers that contradict each other and read two ways ("contradiction")."""


class FormDecision(NamedTuple):
    """The form the answers give, and how (a NamedTuple, as engine.conditions.Facts says why)."""

    form: str | None
    candidates: tuple[str, ...]
    axes: dict[str, AxisReading]
    basis: Basis = "axes"
    rule: str | None = None
    """The relation rule that settled the form (basis "relation")."""
    axes_form: str | None = None
    """The form the axes alone give, where that differs from `form` or the relation was read."""
    denied: tuple[str, ...] = ()
    """The forms whose relation the answers deny (rules/decision.yaml `requires`)."""


class AxisModel:
    """The compiled indicators and decision table of one rule base."""

    def __init__(self, rb: RuleBase):
        self.clear_from = rb.axes.clear_from
        self.kinds = {q.id: q.kind for q in rb.questions.questions}
        self.order = [q.id for q in rb.questions.questions]
        # (question, option) -> [(axis, signed weight, indicator)]
        self.indicators: dict[tuple[str, str], list[tuple[str, int, Indicator]]] = {}
        for ind in rb.axes.indicators:
            sign = 1 if ind.pole == POLES[ind.axis][0] else -1
            self.indicators.setdefault((ind.question, ind.option), []).append((ind.axis, sign * ind.weight, ind))
        weighed = {qid for qid, _ in self.indicators}
        self.questions = [qid for qid in self.order if qid in weighed]
        # question -> option -> what it adds to the (service, relation) scores: `totals` reads only these
        self.weights: dict[str, dict[str, tuple[int, int]]] = {}
        for (qid, option), found in self.indicators.items():
            self.weights.setdefault(qid, {})[option] = (sum(w for axis, w, _ in found if axis == "service"),
                                                        sum(w for axis, w, _ in found if axis == "relation"))
        # keyed by plain pole ids: the readings and the search look rows up by the poles they hold
        self.table: dict[tuple[str, str], str] = {(r.service, r.relation): r.form for r in rb.decision.rules}
        # the same rows by which way each score leans (positive: the axis's first pole), for form_of
        self.leaning: dict[tuple[bool, bool], str | None] = {
            (service, relation): self.table.get((POLES["service"][0 if service else 1],
                                                 POLES["relation"][0 if relation else 1]))
            for service in (True, False) for relation in (True, False)}
        # each form's own sections (e.g. 4.1.4), to prefer answers that rest on them
        self.sections: dict[str, set[str]] = {
            r.form: set(r.source) - set(rb.decision.source) for r in rb.decision.rules
        }
        # the range an unknown answer could still add, per question and axis
        self.spread: dict[str, dict[str, tuple[int, int]]] = {}
        for q in rb.questions.questions:
            if q.id not in self.questions:
                continue
            per_option = [self.contribution(q.id, (o.id,)) for o in q.options]
            spread = {}
            for axis in AXES:
                values = [c[axis] for c in per_option]
                if q.kind == "multi":
                    low, high = sum(v for v in values if v < 0), sum(v for v in values if v > 0)
                else:
                    low, high = min(values + [0]), max(values + [0])
                spread[axis] = (low, high)
            self.spread[q.id] = spread

    def contribution(self, qid: str, chosen: Iterable[str]) -> dict[str, int]:
        out = {"service": 0, "relation": 0}
        for option in chosen:
            for axis, weight, _ in self.indicators.get((qid, option), ()):
                out[axis] += weight
        return out

    def scores(self, answers: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
        service, relation = self.totals(answers)
        return {"service": service, "relation": relation}

    def totals(self, answers: Mapping[str, tuple[str, ...]]) -> tuple[int, int]:
        """The (service, relation) scores: what `scores` gives, as a pair, looking only at the questions
        with indicators."""
        service = relation = 0
        for qid, weights in self.weights.items():
            chosen = answers.get(qid)
            if chosen:
                for option in chosen:
                    weight = weights.get(option)
                    if weight is not None:
                        service += weight[0]
                        relation += weight[1]
        return service, relation

    def form_of(self, answers: Mapping[str, tuple[str, ...]]) -> str | None:
        """Only the primary form (None while an axis is open): the hot path, no readings built."""
        service, relation = self.totals(answers)
        if not service or not relation:
            return None
        return self.leaning[service > 0, relation > 0]

    def decide(self, answers: Mapping[str, tuple[str, ...]], asked: Iterable[str]) -> FormDecision:
        """The form for the answers to the asked questions.

        Hit policy "unique": both poles known -> exactly one row. An axis at
        zero is open, and the result is the explicit set of rows that fit.
        Candidates are the forms the unknown answers could still lead to.
        """
        total = self.scores(answers)
        low = dict(total)
        high = dict(total)
        for qid in asked:
            spread = self.spread.get(qid)
            if spread is None:
                continue
            chosen = answers.get(qid)
            if chosen is None or chosen == (DONT_KNOW,):
                for axis in AXES:
                    low[axis] += spread[axis][0]
                    high[axis] += spread[axis][1]
        return self.decide_scores(total, low, high)

    def decide_scores(self, total: Mapping[str, int], low: Mapping[str, int], high: Mapping[str, int]) -> FormDecision:
        """The decision from each axis's score and the range the open answers could move it over.

        Everything `decide` concludes depends on these six numbers only, which is
        what lets `check` prove the decision over every combination of answers.
        """
        readings: dict[str, AxisReading] = {}
        for axis in AXES:
            first, second = POLES[axis]
            score = total[axis]
            pole: str | None
            confidence: Confidence
            possible = tuple(p for p, ok in ((first, high[axis] > 0), (second, low[axis] < 0)) if ok)
            if score == 0:
                pole, confidence = None, "open"
                possible = possible or (first, second)
            else:
                pole = first if score > 0 else second
                flips = (low[axis] < 0) if score > 0 else (high[axis] > 0)
                confidence = "clear" if abs(score) >= self.clear_from and not flips else "leaning"
            readings[axis] = AxisReading(axis=axis, pole=pole, score=score, low=low[axis], high=high[axis],
                                         confidence=confidence, possible=possible)
        s, r = readings["service"], readings["relation"]
        form = self.table.get((s.pole, r.pole)) if s.pole and r.pole else None
        fitting = {self.table[(sp, rp)] for sp in s.possible for rp in r.possible if (sp, rp) in self.table}
        if form is not None:
            fitting.add(form)
        candidates = tuple(f for f in FORM_IDS if f in fitting)
        return FormDecision(form=form, candidates=candidates, axes=readings, basis="axes" if form else "open")
