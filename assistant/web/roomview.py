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

from assistant.dialogue import Dialogue
from assistant.ids import DONT_KNOW, Lang
from assistant.render.html import MIN_SPAN, REACH  # the report's scale: a dot sits where the report's would
from assistant.render.view import first_sentence
from assistant.web.words import say

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.models.rules import RuleBase
    from assistant.workshop.quiz import QuizItem

SHOWS = ("matrix", "quiz", "compare", "discuss")
"""What the projector can show: the groups on the matrix, the quiz round, the comparison, and the comparison's
cases from the report to discuss (a screen of their own: with the comparison they would not fit a wall in
large type)."""

# The projector's drawing (the SVG's viewBox): larger than the report's, for a wall and many dots.
WIDTH, HEIGHT = 1000, 640
GRID_X, GRID_Y, GRID_W, GRID_H = 130, 78, 850, 540
DOT_R = 21
LABEL_LENGTH = 18
"""A group's name beside its dot is cut to this many characters (the list beside the matrix has it whole)."""
LABEL_EM = 16.5
"""About how wide a character of a dot's label is, in the drawing's units (room.css sets 26 px, bold). On the
projector at 1920×1080 a unit is drawn 1.05–1.2 px: every text of the drawing is set at 26 units or more, so
that it is 28 px or more on the wall."""
NAME_LINE = 16
"""A form's name longer than this many characters is set on two lines (at a space) in its quadrant: at 28
units, bold, "Development collaboration" would not fit on one."""
NAME_STEP = 34
"""The drawing's units from one line of a quadrant's words to the next."""
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
    given: int = 0
    """How many answers its session holds (the page carries it: a bench or a test can tell which answer
    the projector shows)."""

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.reachable) if self.reachable else 0

    @property
    def placed(self) -> bool:
        return self.service is not None and self.relation is not None


def group_line(rb: RuleBase, engine: Engine, number: int, name: str,
               answers: Mapping[str, tuple[str, ...]]) -> GroupLine:
    """A group's line: the engine's quick decision (no full result) and the interview's progress."""
    dialogue = Dialogue(rb, engine, answers=answers)
    answered, of = dialogue.tally()
    done = bool(answers) and dialogue.complete
    moved = any(q in answers and answers[q] != (DONT_KNOW,) for q in engine.axes.questions)
    decision = engine.decide(answers)
    service, relation = decision.axes.get("service"), decision.axes.get("relation")
    return GroupLine(number, name, answered, of, done, decision.form,
                     service.score if moved and service else None, relation.score if moved and relation else None,
                     len(answers))


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
    name_at: list[tuple[int, str]] = field(default_factory=list)
    """The form's name as the quadrant sets it, line by line (one or two) with each line's baseline: at the
    top of the quadrant, or, in a lower quadrant when there are dots, at its lower edge (away from the
    middle, where groups gather)."""
    chips_y: int = 0
    """The baseline of the first line of group names under the form's name (the quiz)."""
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
    dot_r: int = DOT_R


def _names(rb: RuleBase, lang: Lang) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    forms: dict[str, str] = {f.id: f.name(lang) for f in rb.forms}
    axes: dict[str, str] = {a.id: a.name(lang) for a in rb.axes.axes}
    poles: dict[str, str] = {p.id: p.name(lang) for a in rb.axes.axes for p in a.poles}
    return forms, axes, poles


def room_matrix(rb: RuleBase, lang: Lang, groups: Iterable[GroupLine] = ()) -> RoomMatrix:
    """The matrix with a dot for every group that has answered an axis question."""
    forms, axes, poles = _names(rb, lang)
    table: dict[tuple[str, str], str] = {(r.service, r.relation): r.form for r in rb.decision.rules}
    qw, qh = GRID_W // 2, GRID_H // 2
    placed = [g for g in groups if g.placed]
    cells = []
    for index, (service, relation) in enumerate(CELLS):
        row, column = divmod(index, 2)
        form = table.get((service, relation), "")
        left, top = GRID_X + column * qw, GRID_Y + row * qh
        name = forms.get(form, "")
        lines = name_lines(name)
        first = top + qh - 24 - NAME_STEP * (len(lines) - 1) if placed and service == "new" else top + 42
        cells.append(Cell(form, name, service, relation, left, top, qw, qh,
                          name_at=[(first + NAME_STEP * i, line) for i, line in enumerate(lines)],
                          chips_y=top + 42 + NAME_STEP * len(lines) + 8))
    cx, cy = GRID_X + qw, GRID_Y + qh
    span = float(max([MIN_SPAN, *(abs(v) for g in placed for v in (g.service or 0, g.relation or 0))]))
    points: list[list[float]] = []
    bounds: list[tuple[float, float, float, float]] = []
    for g in placed:
        across, down = g.relation or 0, g.service or 0
        # positive relation leans to one-way (the left column), positive service to existing (the top row)
        points.append([cx - across * REACH * qw / span, cy - down * REACH * qh / span])
        bounds.append((*_range(across, cx, GRID_X, GRID_X + GRID_W), *_range(down, cy, GRID_Y, GRID_Y + GRID_H)))
    _spread(points, bounds, 2 * DOT_R + 4)
    # the forms' names: at the top of the upper quadrants, at the bottom of the lower (the template's places)
    taken: list[tuple[float, float, float, float]] = []
    for c in cells:
        half = 9 * max((len(line) for _, line in c.name_at), default=0)  # 28 units, bold: some 17.5 a character
        taken.append((c.middle - half, c.name_at[0][0] - 28, c.middle + half, c.name_at[-1][0] + 8))
    taken += [(x - DOT_R - 2, y - DOT_R - 2, x + DOT_R + 2, y + DOT_R + 2) for x, y in points]
    dots = []
    for g, (x, y) in zip(placed, points, strict=True):
        x, y = round(x, 1), round(y, 1)
        label = g.name if len(g.name) <= LABEL_LENGTH else g.name[: LABEL_LENGTH - 1].rstrip() + "…"
        w = LABEL_EM * len(label)
        spots = [("start", x + DOT_R + 6, y + 9, (x + DOT_R + 4, y - 16, x + DOT_R + 6 + w, y + 16)),
                 ("end", x - DOT_R - 6, y + 9, (x - DOT_R - 6 - w, y - 16, x - DOT_R - 4, y + 16)),
                 ("middle", x, y - DOT_R - 8, (x - w / 2, y - DOT_R - 34, x + w / 2, y - DOT_R - 4)),
                 ("middle", x, y + DOT_R + 28, (x - w / 2, y + DOT_R + 4, x + w / 2, y + DOT_R + 34))]
        own = (x - DOT_R - 2, y - DOT_R - 2, x + DOT_R + 2, y + DOT_R + 2)
        free = [spot for spot in spots if _inside(spot[3]) and not any(
            _overlap(spot[3], box) for box in taken if box != own)]
        if free:  # else the dot keeps its number alone, and the list beside the matrix has the name
            anchor, lx, ly, box = free[0]
            taken.append(box)
        else:
            anchor, lx, ly, label = "start", x, y, ""
        dots.append(Dot(g.number, g.name, label, x, y, round(lx, 1), round(ly, 1), anchor))
    return RoomMatrix(
        width=WIDTH, height=HEIGHT, grid=(GRID_X, GRID_Y, GRID_W, GRID_H), center=(cx, cy), cells=cells,
        columns=[(GRID_X + qw // 2, poles["one_way"]), (GRID_X + qw + qw // 2, poles["two_way"])],
        rows=[(GRID_Y + qh // 2, poles["existing"]), (GRID_Y + qh + qh // 2, poles["new"])],
        relation_title=axes["relation"], service_title=axes["service"], dots=dots)


def name_lines(name: str) -> list[str]:
    """A form's name on the lines its quadrant sets it on: one, or, when long, two (at the space nearest
    the middle)."""
    if len(name) <= NAME_LINE or " " not in name:
        return [name]
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(len(name) / 2 - i))
    return [name[:cut], name[cut + 1:]]


def _range(score: int, center: int, low: int, high: int) -> tuple[float, float]:
    """Where a dot may be pushed along one axis: within its own half (its pole: a positive score is the
    left or top half), or near the middle line when its score is zero (the axis still open)."""
    edge = DOT_R + 2
    if score > 0:
        return (low + edge, center - edge)
    if score < 0:
        return (center + edge, high - edge)
    return (center - 1.5 * DOT_R, center + 1.5 * DOT_R)


def _spread(points: list[list[float]], bounds: list[tuple[float, float, float, float]], gap: float) -> None:
    """Push the dots apart until none covers another (or a number of rounds has passed), each kept within
    its bounds (x0, x1, y0, y1): groups in the same place stay near it, and on their side of each axis."""
    n = len(points)
    for _ in range(80):
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = points[j][0] - points[i][0], points[j][1] - points[i][1]
                d = math.hypot(dx, dy)
                if d >= gap:
                    continue
                if d < 0.01:  # on the very same spot: apart in a direction of their own, the same every time
                    angle = 2 * math.pi * (j * 7 + i) / 13
                    dx, dy, d = math.cos(angle), math.sin(angle), 1.0
                push = (gap - d) / 2 + 0.1
                for k, sign in ((i, -1), (j, 1)):
                    x0, x1, y0, y1 = bounds[k]
                    points[k][0] = min(max(points[k][0] + sign * push * dx / d, x0), x1)
                    points[k][1] = min(max(points[k][1] + sign * push * dy / d, y0), y1)
                moved = True
        if not moved:
            return


def _inside(box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return GRID_X <= x0 <= x1 <= GRID_X + GRID_W and GRID_Y <= y0 <= y1 <= GRID_Y + GRID_H


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# ------------------------------------------------------------ the quiz
CHIP_WIDTH = 22
"""Characters of group names on one line of a quadrant (27 units, bold)."""
CHIP_LINES = 5


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


def names_line(names: list[str], limit: int, more: Callable[[int], str]) -> str:
    """The names, comma-separated, within about `limit` characters; the ones that do not fit are counted
    (`more(n)`)."""
    shown: list[str] = []
    for i, name in enumerate(names):
        if shown and len(", ".join([*shown, name])) > limit:
            return ", ".join(shown) + " " + more(len(names) - i)
        shown.append(name)
    return ", ".join(shown)


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
                        [("", [f"{c.name(lang)}: {first_sentence(c.description(lang))}" for c in rb.conditions])],
                        source=", ".join(dict.fromkeys(s for c in rb.conditions for s in c.source))))
    slides.append(Slide("phases", say("room.tour.phases", lang), say("room.tour.phases_lead", lang),
                        [(", ".join(forms[f].name(lang) for f in p.forms), [" ".join(p.text(lang).split())])
                         for p in rb.framework.phases],
                        source=", ".join(dict.fromkeys(s for p in rb.framework.phases for s in p.source))))
    return slides


