"""The report as Markdown. Every text from the rule base or the user is escaped,
so it shows literally and never becomes a link, emphasis or HTML."""

from __future__ import annotations

import re

from assistant.render.view import Item, ReportView, SummaryView
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


def _items(items: list[Item]) -> list[str]:
    out = []
    for item in items:
        source = f" ({inline(', '.join(item.source))})" if item.source else ""
        badge = f": {inline(item.badge)}" if item.badge else ""
        out.append(f"- **{inline(item.title)}**{badge}{source}")
        for item_line in item.lines:
            label = f"_{inline(item_line.label)}:_ " if item_line.label else ""
            out.append(f"  - {label}{inline(item_line.text)}")
    return out


def summary_markdown(summary: SummaryView) -> list[str]:
    """The summary page: the form, why, what to do first, the risks, what is open, what to find out."""
    out = [f"## {inline(summary.title)}", "", f"**{inline(summary.form)}**", ""]
    if summary.reasons:
        out += [f"### {inline(summary.headings['why'])}", ""]
        out += [f"- {inline(reason)}" for reason in summary.reasons] + [""]
    if summary.first_steps:
        out += [f"### {inline(summary.headings['first_steps'])}", ""]
        for n, step in enumerate(summary.first_steps, 1):
            badge = f": {inline(step.badge)}" if step.badge else ""
            out.append(f"{n}. **{inline(step.title)}**{badge}")
            for line in step.lines:
                label = f"_{inline(line.label)}:_ " if line.label else ""
                out.append(f"   - {label}{inline(line.text)}")
        out.append("")
    if summary.top_risks:
        out += [f"### {inline(summary.headings['top_risks'])}", ""] + _items(summary.top_risks) + [""]
    if summary.open:
        out += [escape(summary.open), ""]
    if summary.to_find_out:
        out += [f"### {inline(summary.headings['to_find_out'])}", ""]
        out += [f"- {inline(question)}" for question in summary.to_find_out] + [""]
    return out


def render_markdown(view: ReportView, *, brief: bool = False) -> str:
    """The report; `brief` is the summary page alone."""
    out: list[str] = [f"# {inline(view.title)}", ""]
    if view.group:
        out += [escape(say("report.group", view.lang, name=view.group)), ""]
    out += summary_markdown(view.summary)
    if brief:
        out.append(f"_{inline(view.footer)}_")
        return "\n".join(out) + "\n"
    out += [f"_{inline(view.summary.headings['details'])}_", ""]
    out += [f"## {inline(say('summary.details_title', view.lang))}", ""]
    for line in view.headline:
        out.append(escape(line) + "  ")
    out += ["", f"### {inline(say('report.matrix', view.lang))}", ""]
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
        if section.groups:
            for group in section.groups:
                out += [f"### {inline(group.title)}", ""] + _items(group.items) + [""]
        else:
            out += _items(section.items) + [""]
    out.append(f"_{inline(view.footer)}_")
    return "\n".join(out) + "\n"
