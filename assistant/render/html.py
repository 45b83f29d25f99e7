"""The report as one self-contained HTML page: the matrix drawn in SVG, styles inline.

A page to attach to a case, send with an e-mail or print on A4. It needs no
script and fetches nothing: the styles and the drawing are inside the file, and
a Content-Security-Policy forbids anything else. Every text from the rule base
or the user passes through Jinja's autoescaping, so it shows as text and never
becomes markup.

The page and the browser's result page (/result) are laid out by the same macros
(templates/_report_parts.html.j2, through `report_parts`): the summary first, then
a list of the parts, then each part folded in a `<details>` that opens by click,
by keyboard and by a link of the list, without any script. Printed, every part is
printed open but the appendix on how the answers were weighed, which is printed
only when it was opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import jinja2
import markupsafe

from assistant.kept import Kept
from assistant.render.view import STATUS_SIGN, AxisPlace, Item, Matrix, ReportView
from assistant.texts import say

# The drawing's coordinate system (the SVG's viewBox); it scales to the page width.
WIDTH, HEIGHT = 700, 384
GRID_X, GRID_Y, GRID_W, GRID_H = 164, 66, 520, 290
NAME_WIDTH = 27
"""A form name longer than this (in characters) is drawn on two or more lines in its quadrant."""
MIN_SPAN = 8
"""Scores up to this far from zero fill most of a quadrant; a larger score widens the scale."""
REACH = 0.86
"""How far towards a quadrant's outer edge the largest score goes (a share of the half-width)."""

# The narrow drawing, for a phone (360-375 px): the four quadrants side by side at a size their names
# can be read at without scrolling sideways. The poles of the rows stand on end beside them.
NARROW_WIDTH, NARROW_HEIGHT = 360, 318
NARROW_GRID = (50, 52, 306, 260)
NARROW_NAME_WIDTH = 15
"""On the narrow drawing a name is broken into lines of at most this many characters (14 px type)."""
COMPOUND_ENDS = ("samarbeid",)
"""Where a long compound word breaks with a hyphen on the narrow drawing: Leverandør-/samarbeid."""

MARK_CLASS = {"X": "primary", "?": "candidate", "+": "secondary", "": "plain"}


@dataclass(frozen=True)
class Quadrant:
    x: int
    y: int
    w: int
    h: int
    lines: list[str]
    """The form's name, broken into lines that fit the quadrant."""
    kind: str  # primary, candidate, secondary or plain
    middle: int


@dataclass(frozen=True)
class Drawing:
    """The matrix in SVG coordinates, ready for the template."""

    width: int
    height: int
    grid: tuple[int, int, int, int]
    quadrants: list[Quadrant]
    center: tuple[int, int]
    columns: list[tuple[int, str]]  # (x, name)
    rows: list[tuple[int, str]]  # (y, name)
    relation_title: str
    service_title: str
    dot: tuple[float, float] | None
    range_path: str | None
    """The area the open answers could still move the dot over, when they could move it at all."""
    kinds: list[str]
    """The marks the quadrants carry (primary, candidate, secondary), for the legend."""
    narrow: bool = False
    """The phone's layout: the rows' poles stand on end, the names take more lines."""
    line_gap: int = 19
    """The distance between two lines of a form's name."""


def _lines(name: str, width: int = NAME_WIDTH) -> list[str]:
    """A form's name in lines of at most `width` characters; a longer word is broken with a hyphen, before
    the end of a compound where it has one (Sysselsettings-/samarbeid)."""
    words: list[str] = []
    for word in name.split():
        while len(word) > width:
            ends = [len(word) - len(end) for end in COMPOUND_ENDS if word.lower().endswith(end)]
            if ends and 1 < ends[0] < width:
                cut = ends[0]
            else:  # in even pieces, each with its hyphen within the width: no piece of two letters left over
                pieces = -(-len(word) // (width - 1))
                cut = -(-len(word) // pieces)
            words.append(word[:cut] + "-")
            word = word[cut:]
        words.append(word)
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith("-") and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        elif lines and lines[-1].endswith("-") and len(lines[-1]) + len(word) <= width:
            lines[-1] += word
        else:
            lines.append(word)
    return lines or [""]


def _marked(mark: str, lines: list[str]) -> list[str]:
    """A form the collaboration has traits of is marked `+` before its name (the legend says so)."""
    return [f"+ {lines[0]}", *lines[1:]] if mark == "+" else lines


def _scale(*places: AxisPlace | None) -> float:
    values = [abs(v) for p in places if p is not None for v in (p.score, p.low, p.high)]
    return float(max([MIN_SPAN, *values]))


def drawing(matrix: Matrix, *, narrow: bool = False) -> Drawing:
    """Lay the matrix out: rows are the service poles (existing on top), columns the relation
    poles (one-way on the left), and the dot sits where the two scores put the collaboration.
    `narrow` is the phone's layout, 360 units wide."""
    gx, gy, gw, gh = NARROW_GRID if narrow else (GRID_X, GRID_Y, GRID_W, GRID_H)
    qw, qh = gw // 2, gh // 2
    width = NARROW_NAME_WIDTH if narrow else NAME_WIDTH
    quadrants = [
        Quadrant(gx + c * qw, gy + r * qh, qw, qh, _marked(mark, _lines(name, width)), MARK_CLASS[mark],
                 gx + c * qw + qw // 2)
        for r, row in enumerate(matrix.cells)
        for c, (mark, name) in enumerate(row)
    ]
    cx, cy = gx + qw, gy + qh
    service, relation = matrix.service, matrix.relation
    dot = range_path = None
    if service is not None and relation is not None:
        span = _scale(service, relation)

        def x(score: int) -> float:  # positive leans to one-way: the left column
            return round(cx - score * REACH * qw / span, 1)

        def y(score: int) -> float:  # positive leans to existing: the top row
            return round(cy - score * REACH * qh / span, 1)

        dot = (x(relation.score), y(service.score))
        if (relation.low, service.low) != (relation.high, service.high):
            x0, x1, y0, y1 = x(relation.high), x(relation.low), y(service.high), y(service.low)
            range_path = f"M{x0} {y0}H{x1}V{y1}H{x0}Z"
    return Drawing(
        width=NARROW_WIDTH if narrow else WIDTH, height=NARROW_HEIGHT if narrow else HEIGHT,
        grid=(gx, gy, gw, gh), quadrants=quadrants,
        center=(cx, cy),
        columns=[(gx + qw // 2, matrix.column_names[0]), (gx + qw + qw // 2, matrix.column_names[1])],
        rows=[(gy + qh // 2, matrix.row_names[0]), (gy + qh + qh // 2, matrix.row_names[1])],
        relation_title=relation.name if relation else "",
        service_title=service.name if service else "",
        dot=dot, range_path=range_path,
        kinds=[k for k in ("primary", "candidate", "secondary") if any(q.kind == k for q in quadrants)],
        narrow=narrow, line_gap=17 if narrow else 19,
    )


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates of every HTML page the core writes (the report, the comparison of groups)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("assistant.render", "templates"),
        autoescape=True,  # every value is text: rule-base and user strings can never become markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the package's own files: read once, not looked at again for every page (a stat each)
    )
    env.globals.update(kept_item=kept_item, kept_drawing=kept_drawing)
    return env


_LAID_OUT: Kept[tuple[object, ...], markupsafe.Markup] = Kept(4096)
"""Pieces of reports laid out by their macros, by everything they show: a report has some 60 items (conditions,
risks, advice), nearly all of them the rule base's words with a status, which the next report shows again; each
is laid out once (the macros were most of the result page's layout)."""


def kept_item(macro: Callable[..., markupsafe.Markup], item: Item, level: int, words: dict[str, str],
              status_sign: dict[str, str]) -> markupsafe.Markup:
    """`macro(item, level, words, status_sign)` (the template's item_block), kept by what the item shows."""
    key = ("item", item.title, tuple((line.label, line.text) for line in item.lines), tuple(item.source),
           item.status, item.badge, level, words["source"], tuple(status_sign.items()))
    return _LAID_OUT.get(key, lambda: macro(item, level, words, status_sign))


def kept_drawing(macro: Callable[..., markupsafe.Markup], m: Drawing, title_id: str,
                 words: dict[str, str]) -> markupsafe.Markup:
    """`macro(m, title_id, words)` (the template's drawing_svg), kept by the drawing (its dataclass repr has every
    field) and its title."""
    return _LAID_OUT.get(("drawing", repr(m), title_id, words["figure"]), lambda: macro(m, title_id, words))


@lru_cache(maxsize=4)
def stylesheet(*names: str) -> markupsafe.Markup:
    """The pages' own stylesheets (templates/*.css), put inline as they are: they are ours, not user text."""
    env = environment()
    assert env.loader is not None
    return markupsafe.Markup("\n".join(env.loader.get_source(env, name)[0].strip() for name in names))


WORDS = ("matrix", "source", "mark.primary", "mark.candidate", "mark.secondary", "mark.position", "mark.range",
         "contents_hint", "appendix_print")
"""The report's words the parts' macros use, as `words[...]` (each `report.` + the key in texts.py)."""


def report_words(view: ReportView) -> dict[str, str]:
    """The words around the view's own texts: headings, the matrix's legend, the hints of the folded parts."""
    lang = view.lang
    words = {key: say(f"report.{key}", lang) for key in WORDS}
    words["group"] = say("report.group", lang, name=view.group) if view.group else ""
    words["figure"] = say("report.matrix_figure", lang, where=" ".join(view.verdict))
    words["details"] = say("summary.details_title", lang)
    return words


def part_notes(view: ReportView) -> dict[str, str]:
    """A line beside a folded part's heading that says what is in it before it is opened: how many of the
    conditions are met, partly met, not met or unknown ("✔ 1 oppfylt · ◐ 4 delvis oppfylt")."""
    notes: dict[str, str] = {}
    for section in view.sections:
        if section.key == "conditions":
            counts = {status: sum(1 for item in section.items if item.status == status) for status in STATUS_SIGN}
            notes[section.key] = " · ".join(f"{STATUS_SIGN[status]} {n} {say(f'status.{status}', view.lang)}"
                                            for status, n in counts.items() if n)
    return notes


@dataclass(frozen=True)
class ReportParts:
    """The report's body in three pieces, so a page can put its own between them (the result page its
    downloads, right under the summary)."""

    summary: markupsafe.Markup
    """"Kort fortalt": open, read first; printed alone on the first page."""
    contents: markupsafe.Markup
    """The list of the parts, each a link that opens its part."""
    details: markupsafe.Markup
    """The parts, each folded in a `<details>`: the matrix, then the view's sections, the appendix last."""


def report_parts(view: ReportView, *, brief: bool = False) -> ReportParts:
    """The body of the report page and of the result page, laid out by the same macros. `brief` is the
    summary alone (no contents, no parts)."""
    words = report_words(view)
    macros = environment().get_template("_report_parts.html.j2").module
    values = {"view": view, "words": words, "status_sign": STATUS_SIGN}
    summary = macros.summary(brief=brief, **values)  # type: ignore[attr-defined]
    if brief:
        return ReportParts(markupsafe.Markup(summary), markupsafe.Markup(), markupsafe.Markup())
    parts = [("matrix", words["matrix"]), *((section.key, section.title) for section in view.sections)]
    contents = macros.contents(parts=parts, **values)  # type: ignore[attr-defined]
    details = macros.details(m=drawing(view.matrix), narrow=drawing(view.matrix, narrow=True),  # type: ignore[attr-defined]
                             notes=part_notes(view), **values)
    return ReportParts(markupsafe.Markup(summary), markupsafe.Markup(contents), markupsafe.Markup(details))


def render_html(view: ReportView, *, brief: bool = False) -> str:
    """The page; `brief` is the summary page alone."""
    words = report_words(view)
    return environment().get_template("report.html.j2").render(
        view=view, words=words, parts=report_parts(view, brief=brief), css=stylesheet("report.css"))
