"""Review: every answer on one screen; choose one to change it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class ReviewRow:
    qid: str
    text: str
    answer: str | None
    status: str  # answered | unanswered | new | not_relevant

    @property
    def status_key(self) -> str:
        return {"new": "tui.new_relevant", "not_relevant": "tui.not_relevant"}.get(self.status, "tui.not_answered")


class ReviewScreen(Screen):
    CSS_PATH = "review.tcss"
    KEYS = [
        ("escape", "app.resume_questions", "key.back", True, False),
        ("ctrl+t", "app.result", "key.result", True, True),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        yield Static(Content.assemble(("samarbeid", "bold"), " · ", app.t("tui.review_title")), id="topbar")
        yield Static(Content.styled(app.t("tui.review_hint"), "dim italic"), id="review-hint")
        options = []
        for row in app.review_rows():
            answer = row.answer or app.t(row.status_key)
            style = {"answered": "", "new": "bold", "unanswered": "italic", "not_relevant": "dim strike"}[row.status]
            prompt = Content.assemble((row.text, "bold" if row.status != "not_relevant" else "dim"), "\n  → ",
                                      (answer, style or "not bold"))
            if row.status == "not_relevant":
                prompt = Content.assemble(prompt, "  ", (app.t("tui.not_relevant"), "dim italic"))
            options.append(Option(prompt, id=row.qid, disabled=row.status == "not_relevant"))
        yield OptionList(*options, id="review-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#review-list")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.edit(event.option_id)
