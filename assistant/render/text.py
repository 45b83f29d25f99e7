"""The report as plain text for a terminal or a screen reader, wrapped at 80 columns.

The summary comes first, right under the title; the details follow, the appendix
on how the answers were weighed last. `brief` gives the summary alone.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

from assistant.render.view import Item, Matrix, ReportView, Section, SummaryView
from assistant.texts import say

WIDTH = 80


def wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """`text` in lines of at most WIDTH columns (a word longer than that stands alone), the first line
    begun with `first` (else `indent`), the others with `indent`."""
    return list(_wrapped(text, indent, first if first is not None else indent))


@lru_cache(maxsize=4096)
def _wrapped(text: str, indent: str, first: str) -> tuple[str, ...]:
    """The lines of `wrap`, kept: a report wraps some 300 texts, nearly all the rule base's own, which every
    report repeats (textwrap was three quarters of a text report's time)."""
    return tuple(textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=indent,
                               break_long_words=False, break_on_hyphens=False)) or (first or indent,)


def matrix_lines(matrix: Matrix) -> list[str]:
    cells = [[(f"[{mark}]" if mark == "X" else f"({mark or ' '})") + " " + name for mark, name in row]
             for row in matrix.cells]
    left = max(len(n) for n in matrix.row_names) + 2
    col = max(len(c) for row in cells for c in row + [matrix.column_names[0], matrix.column_names[1]]) + 3
    lines = [" " * left + matrix.column_names[0].ljust(col) + matrix.column_names[1]]
    for name, row in zip(matrix.row_names, cells, strict=False):
        lines.append(name.ljust(left) + row[0].ljust(col) + row[1])
    return lines


def underlined(title: str, rule: str = "-") -> list[str]:
    return [title, rule * len(title)]


def summary_lines(summary: SummaryView) -> list[str]:
    """The summary page: the form, why, what to do first, the risks, what is open, what to find out."""
    out = underlined(summary.title)
    out += wrap(summary.form)
    if summary.reasons:
        out += ["", summary.headings["why"] + ":"]
        for reason in summary.reasons:
            out += wrap(reason, "    ", "  * ")
    if summary.first_steps:
        out += ["", summary.headings["first_steps"] + ":"]
        for n, step in enumerate(summary.first_steps, 1):
            out += wrap(step.heading, "     ", f"  {n}. ")
            for line in step.lines:
                out += wrap(line.plain, "     ")
    if summary.top_risks:
        out += ["", summary.headings["top_risks"] + ":"]
        for risk in summary.top_risks:
            out += wrap(risk.heading, "    ", "  * ")
            for line in risk.lines:
                out += wrap(line.plain, "    ")
    if summary.open:
        out += [""] + wrap(summary.open)
    if summary.to_find_out:
        out += ["", summary.headings["to_find_out"] + ":"]
        for question in summary.to_find_out:
            out += wrap(question, "    ", "  * ")
    return out


def _items(items: list[Item]) -> list[str]:
    out: list[str] = []
    for item in items:
        title = item.heading + (f" [{', '.join(item.source)}]" if item.source and not item.lines else "")
        out += wrap(title, "  ", "* ")
        for item_line in item.lines:
            out += wrap(item_line.plain, "    ", "  - ")
    return out


def section_lines(section: Section) -> list[str]:
    out = underlined(section.title)
    for paragraph in section.paragraphs:
        out += wrap(paragraph)
    if section.groups:
        for n, group in enumerate(section.groups):
            out += ([""] if n else []) + wrap(group.title + ":") + _items(group.items)
    else:
        out += _items(section.items)
    return out


def details_lines(view: ReportView) -> list[str]:
    """Everything after the summary: the form and its scores, the matrix, the sections, the appendix."""
    out = underlined(say("summary.details_title", view.lang))
    for line in view.headline:
        out += wrap(line)
    out.append("")
    out += matrix_lines(view.matrix)
    out += ["", say("report.matrix_legend", view.lang), ""]
    for section in view.sections:
        out += section_lines(section) + [""]
    return out


def render_text(view: ReportView, *, brief: bool = False, summary: bool = True, details: bool = True) -> str:
    """The report; `brief` is the summary page alone. `summary` and `details` pick the parts, for plain mode,
    which shows the summary and then the details when asked (the versions close the part that ends it)."""
    details = details and not brief
    out: list[str] = []
    if summary:
        out += underlined(view.title, "=")
        if view.group:
            out.append(say("report.group", view.lang, name=view.group))
        out += [""] + summary_lines(view.summary) + [""]
        if details:
            out += wrap(view.summary.headings["details"]) + [""]
    if details:
        out += details_lines(view)
    if details or brief:
        out.append(view.footer)
    return "\n".join(out).rstrip("\n") + "\n"
