"""Small drawing pieces shared by the screens: text with a hanging indent."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """`lead` (an option's number or tick box, a step's number, a bullet) at the start of the first
    line and `body` beside it; the body's wrapped lines start under its first word, not under the lead."""

    def __init__(self, lead: Content, body: Content) -> None:
        self.lead, self.body = lead, body
        self.indent = lead.cell_length

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
