"""Review: every answer on one screen; choose one to change it. The cursor starts on the question
review was opened from, or the one just changed; Esc goes back where review was opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from assistant.render.view import answer_label
from assistant.tui.lists import PagingOptionList
from assistant.tui.question import steady_scrollbar

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
        ("escape", "app.leave_review", "key.back", True, False),
        ("ctrl+t", "app.result", "key.result", True, True),
    ]

    def __init__(self, cursor: str | None = None) -> None:
        """`cursor`: the question to put the cursor on (else the first)."""
        super().__init__()
        self._start_at = cursor

    @property
    def cursor(self) -> str | None:
        """The question the cursor is on."""
        review = self.query_one("#review-list", OptionList)
        if review.highlighted is None:
            return self._start_at
        return review.get_option_at_index(review.highlighted).id

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

    def on_resize(self) -> None:
        steady_scrollbar(self)

    def on_mount(self) -> None:
        steady_scrollbar(self)
        review = self.query_one("#review-list", OptionList)
        review.focus()
        if self._start_at is not None:
            try:
                review.highlighted = review.get_option_index(self._start_at)
            except OptionDoesNotExist:  # a question review does not list
                return
            # once laid out: scrolled so the question is in sight (a long review at 80×24)
            self.call_after_refresh(review.scroll_to_highlight)

    @on(OptionList.OptionSelected, "#review-list")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.edit(event.option_id)
