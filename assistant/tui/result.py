"""The result: the summary first (the form, why, what to do first, the risks to deal with, what is
still open), then the details, each part folded until it is opened, and the trace as an appendix.

All content comes from the shared report view (render/view.py): the screen lays it out. Every text
from the rule base is shown as written (Content, never markup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


class Folded(Collapsible):
    """A part of the details, folded: its widgets are made when it is first opened.

    Most readers open one or two parts, and every widget on the screen is styled again whenever the screen
    comes back or its focus moves: the eleven parts' 140 widgets made the result a third slower to show."""

    def __init__(self, make: Callable[[], list[Widget]], *, title: str, id: str) -> None:
        super().__init__(title=title, collapsed=True, id=id)
        self._make: Callable[[], list[Widget]] | None = make

    def watch_collapsed(self, collapsed: bool) -> None:
        if not collapsed and self._make is not None and self.is_mounted:
            make, self._make = self._make, None
            self.query_one(Collapsible.Contents).mount_all(make())


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
        """The first screen: plain sentences, no scores. What must be on it at 80×24 comes first: the form,
        how many questions are unanswered (a partial result says so at once), the three steps; why and the
        risks follow. Before the summary is filled (a result without one), the headline's first sentence
        stands in for the form."""
        app = self.app
        summary: SummaryView = view.summary
        form = summary.form or (view.headline[0] if view.headline else "")

        def heading(key: str) -> Static:
            return Static(Content.styled(summary.headings.get(key) or app.t(f"summary.{key}"), "bold"),
                          classes="summary-heading", id=f"heading-{key.replace('_', '-')}")

        if summary.title:
            yield Static(Content.styled(summary.title, "bold"), id="summary-title")
        yield Static(Content.styled(form, "bold"), id="summary-form")
        # the count at once, under the form; what the open answers could settle follows the risks
        count = summary.unanswered
        if count:
            yield Static(Content.styled(count, "italic"), id="summary-open")
        if summary.first_steps:
            yield heading("first_steps")
            yield Vertical(*(Static(Hanging(Content.styled(f"{n}. ", "bold"), self._summary_item(step)),
                                    classes="first-step")
                             for n, step in enumerate(summary.first_steps, 1)), id="first-steps")
        if summary.reasons:
            yield heading("why")
            yield Vertical(*(Static(Hanging(Content("• "), Content(reason)), classes="reason")
                             for reason in summary.reasons), id="summary-reasons")
        if summary.top_risks:
            yield heading("top_risks")
            yield Vertical(*(Static(Hanging(Content.styled("! ", "bold"), self._summary_item(risk)),
                                    classes="top-risk")
                             for risk in summary.top_risks), id="top-risks")
        if summary.open and summary.open != count:
            yield Static(Content.styled(app.t("tui.still_open"), "bold"), classes="summary-heading")
            yield Static(Content(summary.open), id="summary-open-full")
        if summary.to_find_out:
            lines = [Static(Hanging(Content("• "), Content(line)), classes="find-out") for line in summary.to_find_out]
            yield Collapsible(*lines, title=literal(app.t("tui.to_find_out", n=len(summary.to_find_out))),
                              collapsed=True, id="to-find-out")

    @staticmethod
    def _summary_item(item: Item) -> Content:
        """A step or a risk: its title, and under it (dim) what it meets or why it matters; a trainer's
        step names what it meets and gives each party's step under it, the party in bold."""
        parts: list[str | tuple[str, str]] = [(item.heading, "bold")]
        for line in item.lines:
            parts += ["\n", (f"{line.label}: ", "bold"), line.text] if line.label else ["\n", (line.text, "dim")]
        return Content.assemble(*parts)

    # ------------------------------------------------------------ the details
    def _section(self, section: Section, view: ReportView) -> Folded:
        title = section.title
        if section.key == "form":
            title = self.app.t("tui.form_and_matrix")
        elif section.key == APPENDIX:
            title = self.app.t("tui.appendix_trace")
        return Folded(lambda: self._section_body(section, view), title=literal(title), id=f"section-{section.key}")

    def _section_body(self, section: Section, view: ReportView) -> list[Widget]:
        body: list[Widget] = []
        if section.key == "form":
            body += [Static(Content("\n".join(view.headline)), id="headline"), self._matrix(view)]
        body += [Static(Content(p), classes="paragraph") for p in section.paragraphs]
        if section.groups:  # risks (raised, typical, possible), advice (do, ask Nav): under their headings
            for group in section.groups:
                body.append(Static(Content.styled(group.title, "bold"), classes="group-heading"))
                body += [self._item(item) for item in group.items]
        else:
            body += [self._item(item) for item in section.items]
        return body

    @staticmethod
    def _item(item: Item) -> Static:
        """A detail: its title (a condition's status as a sign, the report's sections) and its lines,
        each a bullet that wraps under itself, with what the line is (its label) in bold."""
        heading = item.heading
        if item.status in STATUS_SIGN:
            heading = f"{STATUS_SIGN[item.status]} {heading}"
        if item.source:
            heading += f"  [{', '.join(item.source)}]"
        lines: list[Visual] = [Content.styled(heading, "bold")]
        lines += [Hanging(Content("  • "), Content.assemble((f"{line.label}: ", "bold"), line.text) if line.label
                          else Content(line.text)) for line in item.lines]
        return Static(Stack(lines), classes="item")

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
        self.call_after_refresh(self._fit_summary)

    def on_resize(self) -> None:
        # measured without -tight; the class is on the summary alone, so taking it off and putting it back
        # restyles the summary's few lines, not the whole result (a resize at every size was 0.4 s)
        self.query_one("#summary").remove_class("-tight")
        self.call_after_refresh(self._fit_summary)

    def _fit_summary(self) -> None:
        """What must be on the first screen is: the form, the unanswered count and the three steps. When
        the steps would end below it (a small terminal; a trainer's steps, with both parties' lines), the
        title and the blank line over the steps give way (the class -tight on #summary)."""
        body = self.query_one("#result-body", VerticalScroll)
        steps = self.query("#first-steps")
        # where the steps end on the first screen, wherever the body is scrolled to now
        if steps and steps.first().region.bottom + body.scroll_offset.y > body.region.bottom:
            self.query_one("#summary").add_class("-tight")
