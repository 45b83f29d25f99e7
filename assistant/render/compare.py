"""Several groups side by side (`samarbeid compare`): text, Markdown, HTML and JSON.

`build_compare_view` phrases a `Comparison` in one language: the groups with their form and
progress, the matrix with every group placed, where they agree and differ on each axis, the forms
chosen, the conditions most often not met or unknown, the risks most often raised, and a case from
the report for each form chosen. The layouts only lay it out; the web room's projector can use the
same view. A group's name is a person's text: every layout shows it as text (escaped for Markdown
and HTML, its control characters written as escapes), never as markup.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant import __version__
from assistant.models.common import Lang
from assistant.models.rules import Axis, RuleBase
from assistant.render.html import GRID_H, GRID_W, MIN_SPAN, REACH, Drawing, drawing, environment, stylesheet
from assistant.render.markdown import escape, inline
from assistant.render.text import underlined, wrap
from assistant.render.view import Matrix, made_on
from assistant.safetext import json_visible, visible
from assistant.texts import say
from assistant.workshop.compare import OPEN, Comparison

FORMATS = ("text", "md", "html", "json")


# ------------------------------------------------------------------ the view
@dataclass
class GroupRow:
    number: int
    """The group's number: its dot on the drawing carries it."""
    name: str
    form: str
    """The form's name, or "not settled yet"."""
    progress: str
    answered: int
    reachable: int
    service: int
    relation: int
    """The two axis scores (positive: existing, one-way)."""


@dataclass
class PoleLine:
    pole: str
    """The pole's name, or "Open"."""
    groups: list[str]
    """Each group's name with its points towards the pole: `Gruppe Nord (+5)`."""


@dataclass
class AxisView:
    title: str
    verdict: str
    """Every group leans the same way, they differ, or none has a place yet."""
    poles: list[PoleLine]
    agree: bool


@dataclass
class Line:
    title: str
    text: str


@dataclass
class Prompt:
    title: str
    """The form and the case: `Leverandørsamarbeid: Moving Mamas`."""
    text: str
    """The relation as the report describes it."""
    question: str
    source: list[str]


@dataclass
class CompareView:
    lang: Lang
    title: str
    count: str
    """`3 grupper`."""
    made: str
    footer: str
    headings: dict[str, str]
    groups: list[GroupRow]
    matrix: Matrix
    cells: list[list[list[str]]]
    """The groups in each cell of the matrix (rows service poles, columns relation poles)."""
    unplaced: list[str]
    """The groups with an axis still open: on no cell."""
    axes: list[AxisView]
    forms: list[Line]
    conditions: list[Line]
    risks: list[Line]
    prompts: list[Prompt]
    notes: dict[str, str] = field(default_factory=dict)
    """What a part says when it has nothing to list: conditions, risks, prompts."""


def _counted(n: int, lang: Lang) -> str:
    return say("compare.groups.one", lang) if n == 1 else say("compare.groups.many", lang, n=n)


def build_compare_view(rb: RuleBase, comparison: Comparison, lang: Lang, *, made: date | None = None) -> CompareView:
    """The comparison in `lang`; `made` fixes the date (today unless given, so tests can fix it)."""
    forms = {f.id: f for f in rb.forms}
    poles = {p.id: p for a in rb.axes.axes for p in a.poles}
    axes: dict[str, Axis] = {a.id: a for a in rb.axes.axes}
    total = len(comparison.groups)

    def form_name(fid: str) -> str:
        return forms[fid].name(lang) if fid in forms else say("compare.open", lang)

    groups = [
        GroupRow(n, g.name, form_name(g.form),
                 say("compare.progress", lang, answered=g.answered, reachable=g.reachable),
                 g.answered, g.reachable, g.score("service"), g.score("relation"))
        for n, g in enumerate(comparison.groups, 1)
    ]

    # --- the matrix: the forms chosen marked, each group in the cell of its form
    table = {(r.service, r.relation): r.form for r in rb.decision.rules}
    chosen = set(comparison.forms) - {OPEN}
    cells: list[list[list[str]]] = []
    marks = []
    for service_pole in ("existing", "new"):
        row, mark_row = [], []
        for relation_pole in ("one_way", "two_way"):
            fid = table.get((service_pole, relation_pole), "")
            row.append(list(comparison.forms.get(fid, [])) if fid else [])
            mark_row.append(("X" if fid in chosen else "", form_name(fid) if fid else ""))
        cells.append(row)
        marks.append(mark_row)
    matrix = Matrix(row_names=[poles["existing"].name(lang), poles["new"].name(lang)],
                    column_names=[poles["one_way"].name(lang), poles["two_way"].name(lang)], cells=marks)

    # --- where they agree and differ
    axis_views = []
    for spread in comparison.axes:
        by_name = {g.name: g for g in comparison.groups}
        lines = []
        for pole, names in spread.poles.items():
            pole_name = poles[pole].name(lang) if pole in poles else say("compare.pole_open", lang)
            lines.append(PoleLine(pole_name, [f"{n} ({_points(by_name[n].score(spread.axis))})" for n in names]))
        if spread.agree:
            verdict = say("compare.agree", lang, pole=lines[0].pole)
        elif set(spread.poles) <= {OPEN}:
            verdict = say("compare.all_open", lang)
        else:
            verdict = say("compare.differ", lang)
        axis_views.append(AxisView(axes[spread.axis].name(lang), verdict, lines, spread.agree))

    # --- the forms chosen, the conditions, the risks
    form_lines = [Line(form_name(fid), f"{_counted(len(names), lang)} ({', '.join(names)})")
                  for fid, names in comparison.forms.items()]
    conditions = {c.id: c for c in rb.conditions}
    condition_lines = []
    for cid, not_met, unknown in comparison.conditions:
        counts = [say(key, lang, n=n) for key, n in (("compare.not_met", not_met), ("compare.unknown", unknown)) if n]
        if counts:
            condition_lines.append(Line(conditions[cid].name(lang),
                                        say("compare.of_groups", lang, counts=", ".join(counts), total=total)))
    risks = {r.id: r for r in rb.risks}
    risk_lines = [Line(risks[rid].name(lang), say("compare.raised", lang, n=n, total=total))
                  for rid, n in comparison.risks]

    # --- a case from the report for each form chosen
    cases = {c.id: c for c in rb.cases}
    prompts = []
    for fid, case_id, rel_id in comparison.prompts:
        case = cases[case_id]
        rel = next(r for r in case.relations if r.id == rel_id)
        prompts.append(Prompt(say("compare.prompt_title", lang, form=form_name(fid), case=case.name),
                              rel.description(lang), say("compare.prompt_question", lang), list(rel.source)))

    day = made_on(made or date.today(), lang)
    headings = {key: say(f"compare.{key}", lang) for key in (
        "groups_title", "group", "form", "progress_title", "matrix", "matrix_note", "unplaced", "axes", "forms",
        "conditions", "risks", "prompts", "question", "nobody", "bold_chosen", "matrix_figure", "mark.group",
        "mark.chosen")}
    headings["source"] = say("report.source", lang)
    return CompareView(
        lang=lang,
        title=say("compare.title", lang),
        count=_counted(total, lang),
        made=day,
        footer=say("report.version", lang, product=__version__, rules=rb.version, made=day),
        headings=headings,
        groups=groups,
        matrix=matrix,
        cells=cells,
        unplaced=list(comparison.forms.get(OPEN, [])),
        axes=axis_views,
        forms=form_lines,
        conditions=condition_lines,
        risks=risk_lines,
        prompts=prompts,
        notes={"conditions": say("compare.no_conditions", lang), "risks": say("compare.no_risks", lang),
               "prompts": say("compare.no_prompts", lang)},
    )


def _points(score: int) -> str:
    """A score as points towards the pole it names, as the report writes them: +5, or 0."""
    return f"+{abs(score)}" if score else "0"


# ------------------------------------------------------------------ text
CELL = 34
"""A matrix cell's width in the text layout; longer names wrap within it."""


def _text_matrix(view: CompareView) -> list[str]:
    m = view.matrix
    left = max(len(n) for n in m.row_names) + 2
    lines = [" " * left + m.column_names[0].ljust(CELL + 2) + m.column_names[1]]
    for r, name in enumerate(m.row_names):
        columns = []
        for c in range(2):
            mark, form = m.cells[r][c]
            entries = [f"{'[X]' if mark else '( )'} {form}"]
            names = view.cells[r][c]
            for group in names:
                entries += textwrap.wrap(group, CELL - 4, initial_indent="  - ", subsequent_indent="    ",
                                         break_long_words=True) or ["  - "]
            if not names:
                entries.append(f"    ({view.headings['nobody']})")
            columns.append(entries)
        height = max(len(col) for col in columns)
        for i in range(height):
            first = columns[0][i] if i < len(columns[0]) else ""
            second = columns[1][i] if i < len(columns[1]) else ""
            lines.append(((name if i == 0 else "").ljust(left) + first.ljust(CELL + 2) + second).rstrip())
        lines.append("")
    if view.unplaced:
        lines += wrap(view.headings["unplaced"] + ": " + ", ".join(view.unplaced))
        lines.append("")
    lines += wrap(f"[X] {view.headings['mark.chosen']}. {view.headings['matrix_note']}")
    return lines


def render_compare_text(view: CompareView) -> str:
    h = view.headings
    out = underlined(view.title, "=")
    out += [f"{view.count} · {view.made}", ""]
    out += underlined(h["groups_title"])
    width = min(max([len(h["group"])] + [len(g.name) for g in view.groups]), 40) + 2
    form_width = max([len(h["form"])] + [len(g.form) for g in view.groups]) + 2
    out.append(f"    {h['group'].ljust(width)}{h['form'].ljust(form_width)}{h['progress_title']}")
    for g in view.groups:
        name = textwrap.wrap(g.name, width - 2, break_long_words=True) or [""]
        out.append(f"{g.number:>2}. {name[0].ljust(width)}{g.form.ljust(form_width)}{g.progress}")
        out += [f"    {rest}" for rest in name[1:]]
    out.append("")
    out += underlined(h["matrix"]) + _text_matrix(view) + [""]
    out += underlined(h["axes"])
    for axis in view.axes:
        out += wrap(f"{axis.title}: {axis.verdict}")
        for line in axis.poles:
            out += wrap(f"{line.pole}: {', '.join(line.groups)}", "    ", "  * ")
        out.append("")
    out += underlined(h["forms"])
    for form in view.forms:
        out += wrap(f"{form.title}: {form.text}", "    ", "  * ")
    out.append("")
    for key, lines in (("conditions", view.conditions), ("risks", view.risks)):
        out += underlined(h[key])
        listed = [w for line in lines for w in wrap(f"{line.title}: {line.text}", "    ", "  * ")]
        out += listed or wrap(view.notes[key])
        out.append("")
    out += underlined(h["prompts"])
    if not view.prompts:
        out += wrap(view.notes["prompts"])
    for prompt in view.prompts:
        out += wrap(f"{prompt.title} [{', '.join(prompt.source)}]", "    ", "  * ")
        out += wrap(prompt.text, "    ")
        out += wrap(f"{h['question']}: {prompt.question}", "    ")
        out.append("")
    out += ["", view.footer]
    return "\n".join(line.rstrip() for line in out).replace("\n\n\n", "\n\n") + "\n"


# ------------------------------------------------------------------ Markdown
def render_compare_markdown(view: CompareView) -> str:
    h = view.headings
    out = [f"# {inline(view.title)}", "", escape(f"{view.count} · {view.made}"), ""]
    out += [f"## {inline(h['groups_title'])}", ""]
    out += [f"| | {inline(h['group'])} | {inline(h['form'])} | {inline(h['progress_title'])} |",
            "| ---: | --- | --- | --- |"]
    out += [f"| {g.number} | {inline(g.name)} | {inline(g.form)} | {inline(g.progress)} |" for g in view.groups]
    out += ["", f"## {inline(h['matrix'])}", ""]
    m = view.matrix
    out += [f"| | {inline(m.column_names[0])} | {inline(m.column_names[1])} |", "| --- | --- | --- |"]
    for r, name in enumerate(m.row_names):
        cells = []
        for c in range(2):
            mark, form = m.cells[r][c]
            names = view.cells[r][c]
            listed = ", ".join(inline(n) for n in names) if names else f"_{inline(h['nobody'])}_"
            cells.append(f"{'**' + inline(form) + '**' if mark else inline(form)}: {listed}")
        out.append(f"| {inline(name)} | {cells[0]} | {cells[1]} |")
    out.append("")
    if view.unplaced:
        out += [f"{inline(h['unplaced'])}: {', '.join(inline(n) for n in view.unplaced)}", ""]
    out += [escape(f"{h['bold_chosen']} {h['matrix_note']}"), ""]
    out += [f"## {inline(h['axes'])}", ""]
    for axis in view.axes:
        out += [f"### {inline(axis.title)}", "", escape(axis.verdict), ""]
        out += [f"- **{inline(line.pole)}**: {', '.join(inline(g) for g in line.groups)}" for line in axis.poles]
        out.append("")
    out += [f"## {inline(h['forms'])}", ""]
    out += [f"- **{inline(f.title)}**: {inline(f.text)}" for f in view.forms] + [""]
    for key, lines in (("conditions", view.conditions), ("risks", view.risks)):
        out += [f"## {inline(h[key])}", ""]
        out += [f"- **{inline(line.title)}**: {inline(line.text)}" for line in lines] or [escape(view.notes[key])]
        out.append("")
    out += [f"## {inline(h['prompts'])}", ""]
    if not view.prompts:
        out += [escape(view.notes["prompts"]), ""]
    for prompt in view.prompts:
        out += [f"### {inline(prompt.title)}", "", escape(prompt.text), "",
                f"_{inline(h['question'])}:_ {inline(prompt.question)}", "",
                f"{inline(h['source'])}: {inline(', '.join(prompt.source))}", ""]
    out.append(f"_{inline(view.footer)}_")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ HTML
LABEL_CHARS = 22
"""A group's label on the drawing is cut to this many characters (the table above it has the whole name);
to LABEL_CHARS_CROWDED when there are more than CROWDED groups."""
LABEL_CHARS_CROWDED, CROWDED = 14, 8
CHAR_WIDTH = 7.4
"""About how wide a character of a label is, in the drawing's units (13 px type)."""
TITLE_CHAR_WIDTH = 8.6
"""The same for a form's name in its field (15 px, semibold)."""
DOT = 11
"""A group's dot's radius."""


@dataclass(frozen=True)
class GroupDot:
    number: int
    name: str
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    """The label's text-anchor: start (right of the dot), end (left of it) or middle (under or over it)."""


def place_groups(view: CompareView, m: Drawing) -> list[GroupDot]:
    """Every group as a numbered dot where its two scores put it (the report's scale; a dot that would
    cover another moved just beside it), and each label put beside its dot where it stays in the
    drawing's grid and covers no other label, dot or form name (as far as that goes)."""
    qw, qh = GRID_W // 2, GRID_H // 2
    cx, cy = m.center
    span = float(max([MIN_SPAN, *(abs(v) for g in view.groups for v in (g.service, g.relation))]))
    step = 2 * DOT + 2
    ring = [(0, 0)] + [(dx * n, dy * n) for n in range(1, 8)
                       for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1))]
    dots: list[tuple[GroupRow, float, float]] = []
    for g in view.groups:
        x0, y0 = cx - g.relation * REACH * qw / span, cy - g.service * REACH * qh / span
        # a dot that would cover another moves to the nearest free place around its own
        for dx, dy in ring:
            x, y = x0 + dx * step, y0 + dy * step
            if all((x - ox) ** 2 + (y - oy) ** 2 >= (2 * DOT + 1) ** 2 for _, ox, oy in dots):
                break
        else:
            x, y = x0, y0
        dots.append((g, x, y))
    taken: list[tuple[float, float, float, float]] = [(x - DOT, y - DOT, x + DOT, y + DOT) for _, x, y in dots]
    for q in m.quadrants:  # the forms' names
        for i, line in enumerate(q.lines):
            w, top = len(line) * TITLE_CHAR_WIDTH, q.y + 32 + 19 * i
            taken.append((q.middle - w / 2, top - 14, q.middle + w / 2, top + 5))
    placed = []
    gx, gy, gw, gh = m.grid
    cut = LABEL_CHARS if len(dots) <= CROWDED else LABEL_CHARS_CROWDED
    for g, x, y in dots:
        label = g.name if len(g.name) <= cut else g.name[:cut - 1].rstrip() + "…"
        w = len(label) * CHAR_WIDTH
        options: list[tuple[bool, int, int, int, float, float, str, tuple[float, float, float, float]]] = []
        side, below, above = DOT + 4, y + DOT + 10, y - DOT - 10
        for lx, ly, anchor in ((x + side, y, "start"), (x - side, y, "end"), (x, below, "middle"), (x, above, "middle"),
                               (x + side, below, "start"), (x - side, below, "end"),
                               (x + side, above, "start"), (x - side, above, "end")):
            start = {"start": lx, "end": lx - w, "middle": lx - w / 2}[anchor]
            box = (start, ly - 8, start + w, ly + 8)
            fits = box[0] >= gx and box[2] <= gx + gw and box[1] >= gy and box[3] <= gy + gh
            clash = sum(1 for t in taken if box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3])
            crosses = (box[0] < cx < box[2]) + (box[1] < cy < box[3])  # reads as if in another field
            options.append((not fits, clash, crosses, len(options), lx, ly, anchor, box))
        *_, lx, ly, anchor, box = min(options)
        taken.append(box)
        placed.append(GroupDot(g.number, g.name, label, round(x, 1), round(y, 1), round(lx, 1), round(ly, 1), anchor))
    return placed


def render_compare_html(view: CompareView) -> str:
    m = drawing(view.matrix)
    return environment().get_template("compare.html.j2").render(
        view=view, m=m, dots=place_groups(view, m), css=stylesheet("report.css", "compare.css"))


# ------------------------------------------------------------------ JSON
def compare_dict(comparison: Comparison, rb: RuleBase, lang: Lang) -> dict[str, Any]:
    """The comparison as data: ids, names, counts."""
    groups = []
    for g in comparison.groups:
        r = g.result
        groups.append({
            "name": g.name,
            "form": r.form,
            "candidates": list(r.candidates),
            "secondary": list(r.secondary),
            "axes": {axis: {"pole": reading.pole, "score": reading.score, "confidence": reading.confidence}
                     for axis, reading in r.axes.items()},
            "answered": g.answered,
            "reachable": g.reachable,
            "raised": [hit.id for hit in r.risks if hit.status == "raised"],
            "conditions": {c.id: c.status for c in r.conditions},
        })
    return {
        "groups": groups,
        "forms": comparison.forms,
        "axes": {s.axis: {"poles": s.poles, "low": s.low, "high": s.high, "agree": s.agree} for s in comparison.axes},
        "conditions": [{"id": cid, "not_met": not_met, "unknown": unknown}
                       for cid, not_met, unknown in comparison.conditions],
        "risks": [{"id": rid, "raised": n} for rid, n in comparison.risks],
        "prompts": [{"form": f, "case": c, "relation": rel} for f, c, rel in comparison.prompts],
        "product_version": __version__,
        "rules_version": rb.version,
        "lang": lang,
    }


# ------------------------------------------------------------------ any format
def render_compare(rb: RuleBase, comparison: Comparison, fmt: str, lang: Lang, *, made: date | None = None) -> str:
    """The comparison in a format; `made` fixes the date (default today). What the groups and the rule
    base wrote is shown, and no character in it acts (safetext)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "json":
        text = json.dumps(compare_dict(comparison, rb, lang), ensure_ascii=False, indent=2)
        return json_visible(text) + "\n"
    view = build_compare_view(rb, comparison, lang, made=made)
    if fmt == "md":
        return visible(render_compare_markdown(view))
    if fmt == "html":
        return visible(render_compare_html(view))
    return visible(render_compare_text(view))
