"""What a workshop room's pages show, as plain data: the projector's matrix with the groups on it,
each group's progress, the quiz round as the groups placed it, the tour's slides. (The comparison
is render/compare.py's view, the same as `samarbeid compare` prints.)

Built from the store's rows, the engine and the workshop core (assistant/workshop); phrased in one
language; laid out by the templates. Nothing here decides: where a group sits is the engine's two
axis scores, what a round scores is the quiz's `score`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.engine.flow import next_open, reachable
from assistant.ids import DONT_KNOW, Lang
from assistant.web.words import say

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.models.rules import RuleBase
    from assistant.workshop.quiz import QuizItem

SHOWS = ("matrix", "quiz", "compare")
"""What the projector can show: the groups on the matrix, the quiz round, the comparison."""

# The projector's drawing (the SVG's viewBox): larger than the report's, for a wall and many dots.
WIDTH, HEIGHT = 1000, 640
GRID_X, GRID_Y, GRID_W, GRID_H = 130, 78, 850, 540
MIN_SPAN = 8
"""Scores up to this far from zero fill most of a quadrant; a larger score widens the scale (as the report)."""
REACH = 0.84
"""How far towards a quadrant's outer edge the largest score goes."""
DOT_R = 17
LABEL_LENGTH = 18
"""A group's name beside its dot is cut to this many characters (the list beside the matrix has it whole)."""
CELLS = (("existing", "one_way"), ("existing", "two_way"), ("new", "one_way"), ("new", "two_way"))
"""The quadrants in reading order: rows are the service poles, columns the relation poles (as the report)."""


# ------------------------------------------------------------ the groups
@dataclass(frozen=True)
class GroupLine:
    """One group as the projector shows it: its number, name, how far it is, and where it sits."""

    number: int
    name: str
    answered: int
    reachable: int
    done: bool
    form: str | None
    """The form its answers give so far (None while open)."""
    service: int | None
    relation: int | None
    """Its two axis scores; None until it has answered a question that moves an axis."""

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.reachable) if self.reachable else 0

    @property
    def placed(self) -> bool:
        return self.service is not None and self.relation is not None


def group_line(rb: RuleBase, engine: Engine, number: int, name: str,
               answers: Mapping[str, tuple[str, ...]]) -> GroupLine:
    """A group's line: the engine's quick decision (no full result) and the interview's progress."""
    parties = rb.receivers(answers.get(rb.role_question, (None,))[0])
    ahead = reachable(rb.questions, answers, parties)
    answered = sum(1 for q in ahead if q.id in answers)
    done = bool(answers) and next_open(rb.questions, answers, None, parties) is None
    moved = any(q in answers and answers[q] != (DONT_KNOW,) for q in engine.axes.questions)
    decision = engine.decide(answers)
    service, relation = decision.axes.get("service"), decision.axes.get("relation")
    return GroupLine(number, name, answered, max(len(ahead), answered), done, decision.form,
                     service.score if moved and service else None, relation.score if moved and relation else None)


# ------------------------------------------------------------ the matrix
@dataclass(frozen=True)
class Dot:
    number: int
    name: str
    label: str
    x: float
    y: float
    lx: float
    ly: float
    anchor: str
    """Where the label goes: to the right of the dot ("start") or, near the right edge, to its left ("end")."""


@dataclass
class Cell:
    """One quadrant: its form, its place, and (in the quiz) the groups that placed the relation there."""

    form: str
    name: str
    service: str
    relation: str
    x: int
    y: int
    w: int
    h: int
    kind: str = "plain"
    """plain, or primary (the report's reading, once revealed), or secondary (elements of it)."""
    groups: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    """The groups' names as the quadrant shows them, in lines that fit it."""

    @property
    def middle(self) -> int:
        return self.x + self.w // 2


@dataclass(frozen=True)
class RoomMatrix:
    width: int
    height: int
    grid: tuple[int, int, int, int]
    center: tuple[int, int]
    cells: list[Cell]
    columns: list[tuple[int, str]]
    rows: list[tuple[int, str]]
    relation_title: str
    service_title: str
    dots: list[Dot]


def _names(rb: RuleBase, lang: Lang) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    forms = {f.id: f.name(lang) for f in rb.forms}
    axes = {a.id: a.name(lang) for a in rb.axes.axes}
    poles = {p.id: p.name(lang) for a in rb.axes.axes for p in a.poles}
    return forms, axes, poles


def room_matrix(rb: RuleBase, lang: Lang, groups: Iterable[GroupLine] = ()) -> RoomMatrix:
    """The matrix with a dot for every group that has answered an axis question."""
    forms, axes, poles = _names(rb, lang)
    table = {(r.service, r.relation): r.form for r in rb.decision.rules}
    qw, qh = GRID_W // 2, GRID_H // 2
    cells = []
    for index, (service, relation) in enumerate(CELLS):
        row, column = divmod(index, 2)
        form = table.get((service, relation), "")
        cells.append(Cell(form, forms.get(form, ""), service, relation, GRID_X + column * qw, GRID_Y + row * qh, qw,
                          qh))
    cx, cy = GRID_X + qw, GRID_Y + qh
    placed = [g for g in groups if g.placed]
    span = float(max([MIN_SPAN, *(abs(v) for g in placed for v in (g.service or 0, g.relation or 0))]))
    dots = []
    spots: dict[tuple[float, float], list[GroupLine]] = {}
    for g in placed:
        x = round(cx - (g.relation or 0) * REACH * qw / span, 1)  # positive leans to one-way: the left column
        y = round(cy - (g.service or 0) * REACH * qh / span, 1)  # positive leans to existing: the top row
        spots.setdefault((x, y), []).append(g)
    for (x, y), here in spots.items():
        for i, g in enumerate(here):  # groups on one spot go round it, so each dot shows
            if len(here) > 1:
                angle = 2 * math.pi * i / len(here) - math.pi / 2
                ring = DOT_R * (1.25 if len(here) <= 6 else 1.25 + 0.12 * len(here))
                dx, dy = round(x + ring * math.cos(angle), 1), round(y + ring * math.sin(angle), 1)
            else:
                dx, dy = x, y
            dx = min(max(dx, GRID_X + DOT_R + 2), GRID_X + GRID_W - DOT_R - 2)
            dy = min(max(dy, GRID_Y + DOT_R + 2), GRID_Y + GRID_H - DOT_R - 2)
            right = dx < GRID_X + GRID_W - 200
            label = g.name if len(g.name) <= LABEL_LENGTH else g.name[: LABEL_LENGTH - 1].rstrip() + "…"
            dots.append(Dot(g.number, g.name, label, dx, dy, dx + (DOT_R + 6 if right else -DOT_R - 6), dy + 7,
                            "start" if right else "end"))
    return RoomMatrix(
        width=WIDTH, height=HEIGHT, grid=(GRID_X, GRID_Y, GRID_W, GRID_H), center=(cx, cy), cells=cells,
        columns=[(GRID_X + qw // 2, poles["one_way"]), (GRID_X + qw + qw // 2, poles["two_way"])],
        rows=[(GRID_Y + qh // 2, poles["existing"]), (GRID_Y + qh + qh // 2, poles["new"])],
        relation_title=axes["relation"], service_title=axes["service"], dots=dots)


# ------------------------------------------------------------ the quiz
CHIP_WIDTH = 30
"""Characters of group names on one line of a quadrant."""
CHIP_LINES = 6


def chip_lines(names: list[str], more: Callable[[int], str]) -> list[str]:
    """The names of the groups in a quadrant on lines that fit it (a name too long is cut); when they
    do not all fit, the last line counts the rest (`more(n)`)."""
    lines: list[list[str]] = []
    for name in names:
        name = name if len(name) <= CHIP_WIDTH else name[: CHIP_WIDTH - 1] + "…"
        if lines and len(", ".join([*lines[-1], name])) <= CHIP_WIDTH:
            lines[-1].append(name)
        else:
            lines.append([name])
    if len(lines) > CHIP_LINES:
        rest = sum(len(line) for line in lines[CHIP_LINES - 1:])
        return [", ".join(line) for line in lines[: CHIP_LINES - 1]] + [more(rest)]
    return [", ".join(line) for line in lines]


@dataclass(frozen=True)
class QuizChoice:
    """A relation the trainer can ask about."""

    key: str
    """"case/relation": the value the trainer's form sends."""
    case: str
    label: str
    report_form: str
    mixed: bool


def quiz_key(item: QuizItem) -> str:
    return f"{item.case}/{item.relation}"


def quiz_choices(rb: RuleBase, items: Iterable[QuizItem], lang: Lang) -> list[QuizChoice]:
    """The relations the trainer picks from, with the report's reading (the trainer may know it)."""
    forms, _, _ = _names(rb, lang)
    cases = {c.id: c for c in rb.cases}
    out = []
    for item in items:
        case = cases[item.case]
        relation = next(r for r in case.relations if r.id == item.relation)
        words = " ".join(relation.description(lang).split())
        short = words if len(words) <= 90 else words[:89].rsplit(" ", 1)[0] + " …"
        out.append(QuizChoice(quiz_key(item), case.name, short, forms[item.report_form], item.mixed))
    return out


@dataclass(frozen=True)
class Reading:
    """The report's reading of a relation, revealed: its form, the description, the sections."""

    form: str
    form_name: str
    text: str
    source: str
    secondary: list[str]
    """The names of the other forms whose elements it shows (a mixed relation)."""


def reading(rb: RuleBase, item: QuizItem, lang: Lang) -> Reading:
    forms, _, _ = _names(rb, lang)
    case = next(c for c in rb.cases if c.id == item.case)
    relation = next(r for r in case.relations if r.id == item.relation)
    return Reading(item.report_form, forms[item.report_form], " ".join(relation.description(lang).split()),
                   ", ".join(relation.source), [forms[f] for f in item.secondary if f in forms])


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# ------------------------------------------------------------ the tour
@dataclass
class Slide:
    """One slide of the tour: a title, some paragraphs, lists under headings, a matrix or not."""

    key: str
    title: str
    lead: str = ""
    parts: list[tuple[str, list[str]]] = field(default_factory=list)
    """(heading, points): a list under a heading (the heading may be empty)."""
    matrix: bool = False
    source: str = ""


def tour(rb: RuleBase, lang: Lang) -> list[Slide]:
    """The framework as slides: the two axes, the matrix, each form, the six conditions, the phases."""
    forms = {f.id: f for f in rb.forms}
    cases = {c.id: c.name for c in rb.cases}
    report = rb.meta.report
    slides = [Slide("start", say("room.tour.title", lang), say("room.tour.lead", lang),
                    [("", [f"{report.authors}: «{report.title}». {report.series}, {report.publisher}, "
                           f"{report.year}."])])]
    axes_slide = Slide("axes", say("room.tour.axes", lang), source=", ".join(
        dict.fromkeys(s for a in rb.axes.axes for s in a.source)))
    for axis in rb.axes.axes:
        axes_slide.parts.append((f"{axis.name(lang)}: {axis.question(lang)}",
                                 [f"{p.name(lang)}: {p.description(lang)}" for p in axis.poles]))
    slides.append(axes_slide)
    slides.append(Slide("matrix", say("room.tour.matrix", lang), say("room.tour.matrix_lead", lang), matrix=True,
                        source=", ".join(rb.decision.source)))
    order = [r.form for r in sorted(rb.decision.rules, key=lambda r: CELLS.index((r.service, r.relation)))]
    for fid in order:
        f = forms[fid]
        slide = Slide(f"form-{fid}", f.name(lang), f.summary(lang), source=", ".join(f.source))
        slide.parts.append((say("room.tour.benefits", lang), [b(lang) for b in f.benefits]))
        slide.parts.append((say("room.tour.challenges", lang), [c(lang) for c in f.challenges]))
        if f.examples:
            example = f.examples[0]
            slide.parts.append((say("room.tour.example", lang), [f"{cases.get(example.case, example.case)}: "
                                                                  f"{example.text(lang)}"]))
        slides.append(slide)
    slides.append(Slide("conditions", say("room.tour.conditions", lang), say("room.tour.conditions_lead", lang),
                        [("", [f"{c.name(lang)}: {_first_sentence(c.description(lang))}" for c in rb.conditions])],
                        source=", ".join(dict.fromkeys(s for c in rb.conditions for s in c.source))))
    slides.append(Slide("phases", say("room.tour.phases", lang), say("room.tour.phases_lead", lang),
                        [(", ".join(forms[f].name(lang) for f in p.forms), [" ".join(p.text(lang).split())])
                         for p in rb.framework.phases],
                        source=", ".join(dict.fromkeys(s for p in rb.framework.phases for s in p.source))))
    return slides


def _first_sentence(text: str) -> str:
    words = " ".join(text.split())
    end = words.find(". ")
    return words if end < 0 else words[: end + 1]
