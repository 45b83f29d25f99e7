"""Small drawing pieces shared by the screens: text with a hanging indent, and an option's label with
its explanation under it (the options of a question, the roles on the start screen)."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual

from assistant.tui.localize import NUMBER_KEYS


class Hanging(Visual):
    """`lead` (an option's number or tick box, a step's number, a bullet) at the start of the first
    line and `body` beside it; the body's wrapped lines start under its first word, not under the lead."""

    def __init__(self, lead: Content, body: Content) -> None:
        self.lead, self.body = lead, body
        self.indent = lead.cell_length

    def __str__(self) -> str:
        """The text as a person reads it (the lead, then the body), as a Content's str is."""
        return self.lead.plain + self.body.plain

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        body = self.body.render_strips(max(1, width - self.indent), None, style, options)
        lead = Strip.join(self.lead.render_strips(self.indent, 1, style, options)[:1])
        lead = lead.extend_cell_length(self.indent, style.rich_style)
        blank = Strip.blank(self.indent, style.rich_style)
        strips = [Strip.join([lead if i == 0 else blank, line]) for i, line in enumerate(body)]
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.body.get_optimal_width(rules, container_width - self.indent)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.body.get_height(rules, max(1, width - self.indent))


class Stack(Visual):
    """Visuals one under the other in one widget: a detail's title and its bulleted lines, each
    wrapping under itself (a widget per line would cost a widget per line of the whole report)."""

    def __init__(self, parts: list[Visual]) -> None:
        self.parts = parts

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        strips = [strip for part in self.parts for strip in part.render_strips(width, None, style, options)]
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((part.get_optimal_width(rules, container_width) for part in self.parts), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(part.get_height(rules, width) for part in self.parts)


class OptionPrompt(Visual):
    """An option's label and, under it, its explanation with every line indented (a hanging indent),
    at whatever width the list has: wrapped lines stay clear of the labels and tick boxes."""

    def __init__(self, label: Visual, explain: Content | None, indent: int) -> None:
        self.least = indent + 1
        """The narrowest width it is laid out at: a terminal narrower than that clips rather than fails."""
        self.label, self.explain = label, explain
        self.parts: list[Visual] = [label]
        if explain is not None:
            self.parts.append(Padding(explain, Spacing(0, 0, 0, indent)))

    def __str__(self) -> str:
        """The label's line, and under it the explanation, as a person reads them."""
        return str(self.label) + (f"\n{self.explain.plain}" if self.explain is not None else "")

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        width = max(width, self.least)
        strips = [strip for part in self.parts for strip in part.render_strips(width, None, style, options)]
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(part.get_optimal_width(rules, container_width) for part in self.parts)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(part.get_height(rules, max(width, self.least)) for part in self.parts)


def number_lead(number: int | None) -> Content:
    """The number shown before an option ("1 "), or as much blank space past the ninth."""
    if number is None:
        return Content("")
    return Content.styled(f"{number} ", "bold") if number <= NUMBER_KEYS else Content("  ")


def option_prompt(label: str, explain: str | None, box: str | None = None, number: int | None = None,
                  mark: str | None = None) -> OptionPrompt:
    """A single choice's prompt, or with `box` ("[x] ") a multiple choice's; with its `number` before it,
    and `mark` after the label (the answer kept: "(valgt)"), which says it in words, not by colour alone."""
    lead = Content.assemble(number_lead(number), Content.styled(box or "", "bold"))
    text = Content.styled(label, "bold")
    if mark:
        text = Content.assemble(text, "  ", Content.styled(mark, "italic"))
    shown: Visual = Hanging(lead, text) if lead.cell_length else text
    return OptionPrompt(shown, Content.styled(explain, "dim") if explain else None, max(lead.cell_length, 2))
