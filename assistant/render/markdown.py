"""The report as Markdown. Every text from the rule base or the user is escaped,
so it shows literally and never becomes a link, emphasis or HTML."""

from __future__ import annotations

import re

from assistant.render.view import ReportView
from assistant.texts import say

# Characters that can start markup anywhere in a line (emphasis, code, links,
# images, raw HTML, tables, strikethrough); `<`, `>` and `&` become entities.
_INLINE = re.compile(r"([\\`*_\[\]|~])")
# What makes a line a heading, quote, list or rule when it starts the line.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+)")


def inline(text: str) -> str:
    """Text from the rule base or a user, shown literally inside a line of Markdown."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def escape(text: str) -> str:
    """The same, for text that starts a line: it must not become a heading or a list."""
    text = inline(text)
    match = _LINE_START.match(text)
    if match is None:
        return text
    lead, mark = match.groups()
    if mark.isdigit():  # "1." or "1)" starts an ordered list: escape the punctuation after it
        rest = text[match.end():]
        return lead + mark + ("\\" + rest if rest[:1] in (".", ")") else rest)
    return lead + "\\" + text[len(lead):]


def render_markdown(view: ReportView) -> str:
    out: list[str] = [f"# {inline(view.title)}", ""]
    if view.group:
        out += [escape(say("report.group", view.lang, name=view.group)), ""]
    for line in view.headline:
        out.append(escape(line) + "  ")
    out += ["", f"## {inline(say('report.matrix', view.lang))}", ""]
    m = view.matrix
    out.append(f"| | {inline(m.column_names[0])} | {inline(m.column_names[1])} |")
    out.append("| --- | --- | --- |")
    for name, row in zip(m.row_names, m.cells, strict=False):
        cells = []
        for mark, form in row:
            text = inline(form)
            cells.append(f"**{text}** ✔" if mark == "X" else f"{text} ({inline(mark)})" if mark else text)
        out.append(f"| {inline(name)} | {cells[0]} | {cells[1]} |")
    out += ["", escape(say("report.matrix_legend_md", view.lang)), ""]
    for section in view.sections:
        out += [f"## {inline(section.title)}", ""]
        for paragraph in section.paragraphs:
            out += [escape(paragraph), ""]
        for item in section.items:
            source = f" ({inline(', '.join(item.source))})" if item.source else ""
            badge = f": {inline(item.badge)}" if item.badge else ""
            out.append(f"- **{inline(item.title)}**{badge}{source}")
            for item_line in item.lines:
                label = f"_{inline(item_line.label)}:_ " if item_line.label else ""
                out.append(f"  - {label}{inline(item_line.text)}")
        out.append("")
    out.append(f"_{inline(view.footer)}_")
    return "\n".join(out) + "\n"
