"""Several groups' answers side by side: where each lands, where they agree, what they share.

A workshop trainer puts the groups' results next to each other: which forms they chose, where
they agree and differ on each axis, the conditions most often not met or unknown, the risks most
often raised, and a case from the report for each form chosen to start the discussion. This is
data only (ids, names, counts); `render/compare.py` phrases it, and the web room's projector
shows the same `Comparison`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.engine import Engine
from assistant.ids import DONT_KNOW
from assistant.models.common import FORM_IDS
from assistant.models.result import Result

OPEN = "open"
"""The key for groups whose answers leave the form (or an axis's pole) open."""
AXES = ("service", "relation")
POLES = {"service": ("existing", "new"), "relation": ("one_way", "two_way")}


@dataclass(frozen=True)
class GroupResult:
    """One group's result, with how far it has come."""

    name: str
    """The group's name, as given (shown as text everywhere, never as markup)."""
    result: Result
    answered: int
    """Questions with an answer (not "don't know") among those that are asked."""
    reachable: int
    """Questions asked or still reachable: progress is answered / reachable."""

    @property
    def form(self) -> str:
        """The group's form, or "open" while its answers leave it open."""
        return self.result.form or OPEN

    def pole(self, axis: str) -> str:
        """The pole the group leans to on `axis`, or "open" at a score of zero."""
        reading = self.result.axes.get(axis)
        return reading.pole if reading is not None and reading.pole else OPEN

    def score(self, axis: str) -> int:
        reading = self.result.axes.get(axis)
        return reading.score if reading is not None else 0


@dataclass(frozen=True)
class AxisSpread:
    """How the groups spread over one axis."""

    axis: str
    """"service" or "relation"."""
    poles: dict[str, list[str]]
    """Pole id -> the names of the groups leaning there, "open" for a score of zero; in the axis's
    pole order, then "open"; only poles some group is on."""
    low: int
    high: int
    """The lowest and highest score among the groups (0 and 0 without groups)."""
    agree: bool
    """Every group on the same pole (not "open")."""


@dataclass(frozen=True)
class Comparison:
    groups: tuple[GroupResult, ...]
    forms: dict[str, list[str]]
    """Form id (or "open") -> the names of the groups with that form, in FORM_IDS order then "open";
    only the forms some group chose."""
    axes: tuple[AxisSpread, AxisSpread]
    """Service, then relation."""
    conditions: tuple[tuple[str, int, int], ...]
    """(condition id, groups where it is not met, groups where it is unknown) for every condition,
    most often not met first, then most often unknown, then in the rule base's order."""
    risks: tuple[tuple[str, int], ...]
    """(risk id, groups where it is raised), most first, then in the rule base's order; only those raised."""
    prompts: tuple[tuple[str, str, str], ...]
    """(form id, case id, relation id): a relation from the report's cases for each form chosen."""


def group_result(engine: Engine, name: str, answers: Mapping[str, tuple[str, ...]]) -> GroupResult:
    """A group's result, and its progress."""
    result = engine.evaluate(answers)
    answered = sum(1 for chosen in result.answers.values() if chosen and chosen != (DONT_KNOW,))
    return GroupResult(name=name, result=result, answered=answered, reachable=answered + result.unanswered)


def compare(engine: Engine, groups: Sequence[tuple[str, Mapping[str, tuple[str, ...]]]]) -> Comparison:
    """The groups' results side by side; `groups` are (name, answers), in the order to show them."""
    return compare_results(engine, [group_result(engine, name, answers) for name, answers in groups])


def compare_results(engine: Engine, results: Sequence[GroupResult]) -> Comparison:
    """The comparison of results already evaluated (the room keeps each group's result)."""
    rb = engine.rb
    groups = tuple(results)

    forms: dict[str, list[str]] = {}
    for form in (*FORM_IDS, OPEN):
        names = [g.name for g in groups if g.form == form]
        if names:
            forms[form] = names

    def spread(axis: str) -> AxisSpread:
        poles: dict[str, list[str]] = {}
        for pole in (*POLES[axis], OPEN):
            names = [g.name for g in groups if g.pole(axis) == pole]
            if names:
                poles[pole] = names
        scores = [g.score(axis) for g in groups] or [0]
        return AxisSpread(axis=axis, poles=poles, low=min(scores), high=max(scores),
                          agree=len(poles) == 1 and OPEN not in poles)

    conditions = []
    for index, condition in enumerate(rb.conditions):
        statuses = [s.status for g in groups for s in g.result.conditions if s.id == condition.id]
        conditions.append((statuses.count("not_met"), statuses.count("unknown"), index, condition.id))
    conditions.sort(key=lambda c: (-c[0], -c[1], c[2]))

    risks = []
    for index, risk in enumerate(rb.risks):
        raised = sum(1 for g in groups for hit in g.result.risks if hit.id == risk.id and hit.status == "raised")
        if raised:
            risks.append((raised, index, risk.id))
    risks.sort(key=lambda r: (-r[0], r[1]))

    return Comparison(
        groups=groups,
        forms=forms,
        axes=(spread("service"), spread("relation")),
        conditions=tuple((cid, not_met, unknown) for not_met, unknown, _, cid in conditions),
        risks=tuple((rid, raised) for raised, _, rid in risks),
        prompts=prompts(engine, groups, [f for f in forms if f != OPEN]),
    )


def prompts(engine: Engine, groups: Sequence[GroupResult], forms: Sequence[str]) -> tuple[tuple[str, str, str], ...]:
    """A relation from the report's cases for each form: the one most like the answers of the groups
    that chose the form (their results' similar cases), else the first of the form's own examples in
    rules/forms.yaml, else the first in rules/cases.yaml."""
    out = []
    for form in forms:
        relations = [(case, rel) for case, rel, report_form, _ in engine.relations if report_form == form]
        if not relations:
            continue
        likeness: dict[tuple[str, str], float] = {}
        for g in groups:
            if g.form != form:
                continue
            for similar in g.result.similar_cases:
                if similar.report_form == form:
                    key = (similar.case, similar.relation)
                    likeness[key] = likeness.get(key, 0.0) + similar.similarity
        examples = [e.case for e in engine.forms[form].examples]

        def rank(pair: tuple[str, str], examples: list[str] = examples,
                 likeness: dict[tuple[str, str], float] = likeness) -> tuple[float, int]:
            example = examples.index(pair[0]) if pair[0] in examples else len(examples)
            return (-round(likeness.get(pair, 0.0), 6), example)

        case, rel = min(relations, key=rank)  # min keeps the first of equals: the file's order
        out.append((form, case, rel))
    return tuple(out)
