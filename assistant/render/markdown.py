"""The report as Markdown. Every text from the rule base or the user is escaped,
so it shows literally and never becomes a link, emphasis or HTML."""

from __future__ import annotations

import re

from assistant.render.view import ReportView
from assistant.texts import say

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def render_markdown(view: ReportView) -> str:
    out: list[str] = [f"# {escape(view.title)}", ""]
    for line in view.headline:
        out.append(escape(line) + "  ")
    out += ["", f"## {escape(say('report.matrix', view.lang))}", ""]
    m = view.matrix
    out.append(f"| | {escape(m.column_names[0])} | {escape(m.column_names[1])} |")
    out.append("| --- | --- | --- |")
    for name, row in zip(m.row_names, m.cells):
        cells = []
        for mark, form in row:
            text = escape(form)
            cells.append(f"**{text}** ✔" if mark == "X" else f"{text} ({escape(mark)})" if mark else text)
        out.append(f"| {escape(name)} | {cells[0]} | {cells[1]} |")
    out += ["", escape(say("report.matrix_legend", view.lang)), ""]
    for section in view.sections:
        out += [f"## {escape(section.title)}", ""]
        for paragraph in section.paragraphs:
            out += [escape(paragraph), ""]
        for item in section.items:
            source = f" ({escape(', '.join(item.source))})" if item.source else ""
            out.append(f"- **{escape(item.title)}**{source}")
            for line in item.lines:
                out.append(f"  - {escape(line)}")
        out.append("")
    out.append(f"_{escape(view.footer)}_")
    return "\n".join(out) + "\n"
