"""The report as plain text for a terminal or a screen reader, wrapped at 80 columns."""

from __future__ import annotations

import textwrap

from assistant.render.view import Matrix, ReportView
from assistant.texts import say

WIDTH = 80


def wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_long_words=False, break_on_hyphens=False) or [first or indent]


def matrix_lines(matrix: Matrix) -> list[str]:
    cells = [[(f"[{mark}]" if mark == "X" else f"({mark or ' '})") + " " + name for mark, name in row]
             for row in matrix.cells]
    left = max(len(n) for n in matrix.row_names) + 2
    col = max(len(c) for row in cells for c in row + [matrix.column_names[0], matrix.column_names[1]]) + 3
    lines = [" " * left + matrix.column_names[0].ljust(col) + matrix.column_names[1]]
    for name, row in zip(matrix.row_names, cells, strict=False):
        lines.append(name.ljust(left) + row[0].ljust(col) + row[1])
    return lines


def render_text(view: ReportView) -> str:
    out: list[str] = [view.title, "=" * len(view.title)]
    if view.group:
        out.append(say("report.group", view.lang, name=view.group))
    out.append("")
    for line in view.headline:
        out += wrap(line)
    out.append("")
    out += matrix_lines(view.matrix)
    out += ["", say("report.matrix_legend", view.lang), ""]
    for section in view.sections:
        out += [section.title, "-" * len(section.title)]
        for paragraph in section.paragraphs:
            out += wrap(paragraph)
        for item in section.items:
            title = item.heading + (f" [{', '.join(item.source)}]" if item.source and not item.lines else "")
            out += wrap(title, "  ", "* ")
            for item_line in item.lines:
                out += wrap(item_line.plain, "    ", "  - ")
        out.append("")
    out.append(view.footer)
    return "\n".join(out) + "\n"
