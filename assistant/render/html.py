"""The report as one self-contained HTML page: the matrix drawn in SVG, styles inline.

A page to attach to a case, send with an e-mail or print on A4. It needs no
script and fetches nothing: the styles and the drawing are inside the file, and
a Content-Security-Policy forbids anything else. Every text from the rule base
or the user passes through Jinja's autoescaping, so it shows as text and never
becomes markup.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache

import jinja2
import markupsafe

from assistant.render.view import STATUS_SIGN, AxisPlace, Matrix, ReportView
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


def _lines(name: str) -> list[str]:
    return textwrap.wrap(name, NAME_WIDTH, break_long_words=False) or [""]


def _scale(*places: AxisPlace | None) -> float:
    values = [abs(v) for p in places if p is not None for v in (p.score, p.low, p.high)]
    return float(max([MIN_SPAN, *values]))


def drawing(matrix: Matrix) -> Drawing:
    """Lay the matrix out: rows are the service poles (existing on top), columns the relation
    poles (one-way on the left), and the dot sits where the two scores put the collaboration."""
    qw, qh = GRID_W // 2, GRID_H // 2
    quadrants = [
        Quadrant(GRID_X + c * qw, GRID_Y + r * qh, qw, qh,
                 _lines(("+ " if mark == "+" else "") + name), MARK_CLASS[mark], GRID_X + c * qw + qw // 2)
        for r, row in enumerate(matrix.cells)
        for c, (mark, name) in enumerate(row)
    ]
    cx, cy = GRID_X + qw, GRID_Y + qh
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
        width=WIDTH, height=HEIGHT, grid=(GRID_X, GRID_Y, GRID_W, GRID_H), quadrants=quadrants,
        center=(cx, cy),
        columns=[(GRID_X + qw // 2, matrix.column_names[0]), (GRID_X + qw + qw // 2, matrix.column_names[1])],
        rows=[(GRID_Y + qh // 2, matrix.row_names[0]), (GRID_Y + qh + qh // 2, matrix.row_names[1])],
        relation_title=relation.name if relation else "",
        service_title=service.name if service else "",
        dot=dot, range_path=range_path,
        kinds=[k for k in ("primary", "candidate", "secondary") if any(q.kind == k for q in quadrants)],
    )


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates of every HTML page the core writes (the report, the comparison of groups)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("assistant.render", "templates"),
        autoescape=True,  # every value is text: rule-base and user strings can never become markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=4)
def stylesheet(*names: str) -> markupsafe.Markup:
    """The pages' own stylesheets (templates/*.css), put inline as they are: they are ours, not user text."""
    env = environment()
    assert env.loader is not None
    return markupsafe.Markup("\n".join(env.loader.get_source(env, name)[0].strip() for name in names))


def render_html(view: ReportView, *, brief: bool = False) -> str:
    """The page; `brief` is the summary page alone."""
    lang = view.lang
    words = {key: say(f"report.{key}", lang) for key in (
        "matrix", "source", "mark.primary", "mark.candidate", "mark.secondary", "mark.position", "mark.range")}
    words["group"] = say("report.group", lang, name=view.group) if view.group else ""
    words["figure"] = say("report.matrix_figure", lang, where=" ".join(view.headline))
    words["details"] = say("summary.details_title", lang)
    words["scroll_hint"] = say("summary.scroll_hint", lang)
    return environment().get_template("report.html.j2").render(
        view=view, m=drawing(view.matrix), words=words, status_sign=STATUS_SIGN, css=stylesheet("report.css"),
        brief=brief)
