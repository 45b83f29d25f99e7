"""Review: every answer on one screen; choose one to change it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from assistant.render.view import answer_label
from assistant.tui.lists import PagingOptionList

if TYPE_CHECKING:
    from textual import getters

    from assistant.tui.app import SamarbeidApp

STATUS_WORDS = {"new": "tui.new_relevant", "not_relevant": "tui.not_relevant"}
"""The texts key for an unanswered row's status (any other: not answered)."""


class ReviewScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(SamarbeidApp)

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
        dialogue = app.dialogue
        assert dialogue is not None and app.rb is not None, "review is shown only in a session"
        for row in dialogue.review_rows():
            text = dialogue.question_text(row.question)  # as the person was asked it
            answer = answer_label(app.rb, row.question, row.answer, app.lang, dialogue.voice) if row.answer else \
                app.t(STATUS_WORDS.get(row.status, "tui.not_answered"))
            style = {"answered": "", "new": "bold", "unanswered": "italic", "not_relevant": "dim strike"}[row.status]
            prompt = Content.assemble((text, "bold" if row.status != "not_relevant" else "dim"), "\n  → ",
                                      (answer, style or "not bold"))
            if row.status == "not_relevant":
                prompt = Content.assemble(prompt, "  ", (app.t("tui.not_relevant"), "dim italic"))
            options.append(Option(prompt, id=row.question, disabled=row.status == "not_relevant"))
        yield PagingOptionList(*options, id="review-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#review-list")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.edit(event.option_id)
