"""The case quiz: groups place a relation from the report's cases on the matrix, and score for it.

The trainer picks a relation of one of the six cases (rules/cases.yaml). The groups read a
neutral description of it (the case and the relation, without the report's reading) and place
it on the matrix: a pole on each axis, which is a form. The report's reading is then revealed,
and each group scores 2 for the report's form, 1 for one axis right, 0 otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.ids import DEFAULT_LANG, LANGS, Lang
from assistant.models.rules import RuleBase

if TYPE_CHECKING:
    from assistant.engine import Engine

FIGURE_4: dict[str, tuple[str, str]] = {
    "grant": ("existing", "one_way"),
    "supplier": ("existing", "two_way"),
    "employment": ("new", "one_way"),
    "development": ("new", "two_way"),
}
"""Each form's place on the matrix, (service pole, relation pole): the report's Figur 4 (4.1), as
rules/decision.yaml has it (a test keeps the two the same). `score` needs it without a rule base."""


@dataclass(frozen=True)
class QuizItem:
    """One relation of one case, as a quiz round asks it."""

    case: str
    relation: str
    report_form: str
    """The report's reading: the form it gives the relation (rules/cases.yaml)."""
    mixed: bool = False
    """The relation's answers also show elements of another form: the forms combine in it."""
    secondary: tuple[str, ...] = ()
    """Those other forms (empty unless `mixed`)."""
    source: tuple[str, ...] = ()
    """The report sections the reading rests on."""


def quiz_items(rb: RuleBase, engine: Engine | None = None) -> tuple[QuizItem, ...]:
    """Every relation of every case, in the file's order. `engine` (for the same rule base) saves
    compiling one to find the mixed relations."""
    if engine is None:
        from assistant.engine import Engine

        engine = Engine(rb)
    items = []
    for case_id, rel_id, report_form, answers in engine.relations:
        case = next(c for c in rb.cases if c.id == case_id)
        rel = next(r for r in case.relations if r.id == rel_id)
        secondary = engine.situation(answers).secondary
        items.append(QuizItem(case=case_id, relation=rel_id, report_form=report_form, mixed=bool(secondary),
                              secondary=secondary, source=tuple(rel.source)))
    return tuple(items)


def placement_form(service: str, relation: str, rb: RuleBase) -> str:
    """The form in the matrix's cell at (service pole, relation pole): the decision table."""
    for rule in rb.decision.rules:
        if rule.service == service and rule.relation == relation:
            return rule.form
    raise ValueError(f"no form at service={service!r}, relation={relation!r}")


def score(item: QuizItem, placed_form: str) -> int:
    """2 for the report's form, 1 for the right pole on one axis, 0 for none (or no placement)."""
    if placed_form == item.report_form:
        return 2
    placed, report = FIGURE_4.get(placed_form), FIGURE_4.get(item.report_form)
    if placed is None or report is None:
        return 0
    return 1 if placed[0] == report[0] or placed[1] == report[1] else 0


def scoreboard(rounds: Sequence[tuple[QuizItem, Mapping[str, str]]]) -> list[tuple[str, int]]:
    """Each group's total over the rounds, best first, equal totals by name.

    `rounds` are (item, {group name: placed form}); a group that did not place an item scores 0 for it.
    """
    totals: dict[str, int] = {}
    for item, placed in rounds:
        for group, form in placed.items():
            totals[group] = totals.get(group, 0) + score(item, form)
    return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0].casefold(), pair[0]))


# --- the neutral description
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[«\"'(A-ZÆØÅ0-9])")
READING = {
    "nb": re.compile(r"\b(samarbeidsform\w*|formene|formen)\b", re.IGNORECASE),
    "nn": re.compile(r"\b(samarbeidsform\w*|formene|forma|formen)\b", re.IGNORECASE),
    "en": re.compile(r"\b(collaboration forms?|forms? of collaboration|the forms?)\b", re.IGNORECASE),
}
"""Words with which a description speaks of the report's reading (besides the forms' names); a language
without its own words here is read with bokmål's."""


def _names_reading(sentence: str, rb: RuleBase, lang: Lang) -> bool:
    text = sentence.casefold()
    names = [f.name(other).casefold() for f in rb.forms for other in LANGS]
    reading = READING.get(lang, READING[DEFAULT_LANG])
    return any(name in text for name in names) or reading.search(sentence) is not None


def neutral_description(rb: RuleBase, item: QuizItem, lang: Lang) -> str:
    """What the groups read: the case's name, its summary and the relation's description, as three
    paragraphs (split on blank lines), with every sentence left out that names a form or speaks of how
    the report reads the relation.

    (In the shipped rules only one sentence goes: Vintage Baby's method collaboration ends with the
    report using it as an example of forms blending.)
    """
    case = next(c for c in rb.cases if c.id == item.case)
    rel = next(r for r in case.relations if r.id == item.relation)
    parts = []
    for text in (case.summary(lang), rel.description(lang)):
        kept = [s for s in _SENTENCE.split(" ".join(text.split())) if not _names_reading(s, rb, lang)]
        parts.append(" ".join(kept))
    return "\n\n".join([case.name, *(p for p in parts if p)])
