"""The result: the matrix, conditions, risks, advice, why, what would change, similar cases.

All content comes from the shared report view (render/view.py): the screen lays it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Collapsible, Footer, Static

from assistant.render.view import STATUS_SIGN, ReportView, Section
from assistant.tui.matrix import MatrixView, axis_bar

if TYPE_CHECKING:
    from textual import getters

    from assistant.tui.app import SamarbeidApp

OPEN_SECTIONS = {"form", "conditions", "risks", "recommendations", "what_would_change"}


class ResultScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(SamarbeidApp)

    CSS_PATH = "result.tcss"
    KEYS = [
        ("escape", "app.resume_questions", "key.back", True, False),
        ("ctrl+r", "app.review", "key.review", True, True),
        ("ctrl+e", "app.export", "key.export", True, True),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        view: ReportView = app.report_view()
        result = app.result()
        group: list[str | tuple[str, str]] = []
        if view.group:
            group = [" · ", (app.t("report.group", name=view.group), "bold")]
        yield Static(Content.assemble(("samarbeid", "bold"), " · ", view.title, *group), id="topbar")
        with VerticalScroll(id="result-body"):
            yield Static(Content("\n".join(view.headline)), id="headline")
            assert app.rb is not None, "the result is shown only once the rule base is loaded"
            poles = {p.id: p.name(app.lang) for a in app.rb.axes.axes for p in a.poles}
            pad = max(len(poles["existing"]), len(poles["one_way"]))
            bars = [
                axis_bar(poles["existing"].ljust(pad), poles["new"], result.axes["service"].score),
                axis_bar(poles["one_way"].ljust(pad), poles["two_way"], result.axes["relation"].score),
            ]
            yield MatrixView(view.matrix, app.t("tui.matrix_legend"), bars, id="matrix")
            for section in view.sections:
                yield self._section(section)
        yield Footer()

    def _section(self, section: Section) -> Collapsible:
        body: list[Static] = [Static(Content(p), classes="paragraph") for p in section.paragraphs]
        for item in section.items:
            title = item.heading
            if item.status in STATUS_SIGN:
                title = f"{STATUS_SIGN[item.status]} {title}"
            if item.source:
                title += f"  [{', '.join(item.source)}]"
            parts: list[str | tuple[str, str]] = [(title, "bold")]
            for line in item.lines:
                parts += ["\n  • ", line.plain]
            body.append(Static(Content.assemble(*parts), classes="item"))
        return Collapsible(*body, title=section.title, collapsed=section.key not in OPEN_SECTIONS,
                           id=f"section-{section.key}")

    def on_mount(self) -> None:
        self.query_one("#result-body", VerticalScroll).focus()
