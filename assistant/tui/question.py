"""One question at a time, in the person's own voice: numbered options with short explanations,
"don't know", help, progress. A number key chooses (or ticks) the option with that number."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from assistant.ids import DONT_KNOW, Lang
from assistant.models.questions import Question
from assistant.tui.lists import PagingOptionList
from assistant.tui.localize import number_bindings
from assistant.tui.visuals import OptionPrompt, option_prompt

if TYPE_CHECKING:
    from textual import getters

    from assistant.tui.app import SamarbeidApp


class MultiChoice(PagingOptionList):
    """A multiple-choice list drawn like the single-choice one: space or a click ticks, enter confirms."""

    BINDINGS = [Binding("space", "tick", "Choose or unchoose", show=False),
                Binding("enter", "confirm", "Confirm the choices", show=False)]  # in bokmål: localize.py

    class Confirmed(Message):
        """Enter on the list: the question and the options ticked when it was pressed."""

        def __init__(self, question: str, chosen: tuple[str, ...]) -> None:
            super().__init__()
            self.question, self.chosen = question, chosen

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = ""
        self.ticked: list[str] = []
        self._labels: dict[str, tuple[str, str | None]] = {}

    def set_choices(self, question: str, labels: list[tuple[str, str, str | None]], ticked: tuple[str, ...]) -> None:
        self.question = question
        self._labels = {oid: (label, explain) for oid, label, explain in labels}
        self.ticked = [oid for oid, _, _ in labels if oid in ticked]
        self.clear_options()
        self.add_options([Option(self._prompt(oid), id=option_key(question, oid)) for oid, _, _ in labels])

    def _prompt(self, oid: str) -> OptionPrompt:
        label, explain = self._labels[oid]
        box = "[x] " if oid in self.ticked else "[ ] "
        return option_prompt(label, explain, box=box, number=list(self._labels).index(oid) + 1)

    def toggle(self, oid: str) -> None:
        if oid in self.ticked:
            self.ticked.remove(oid)
        else:
            self.ticked.append(oid)
        self.replace_option_prompt(option_key(self.question, oid), self._prompt(oid))

    def action_tick(self) -> None:
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            question, oid = keyed_option(option.id)
            if question == self.question:
                self.toggle(oid)

    @property
    def chosen(self) -> tuple[str, ...]:
        """The ticked options, in the question's order."""
        return tuple(oid for oid in self._labels if oid in self.ticked)

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed(self.question, self.chosen))


def option_key(question: str, option: str) -> str:
    """An option's id in a list: with its question's, so a key meant for one question can never
    be taken as an answer to the next (keys may arrive in a burst, before the list is redrawn)."""
    return f"{question}/{option}"


def keyed_option(key: str | None) -> tuple[str, str]:
    question, _, option = (key or "").partition("/")
    return question, option


NARROW = 10
"""Below this many columns a question or the review keeps room for the screen's scrollbar (the class -narrow,
app.tcss). At 3 or 4 columns the question's text wrapped to 70 lines, so the screen showed its scrollbar, which
left the text no width and so nothing to scroll, so the scrollbar went again: the screen laid out 60 times a
second for as long as it was shown (half a CPU core, idle). Textual (8.2.8) steadies a scrollbar that comes and
goes only in a widget that may scroll both ways; a screen scrolls down only."""


def steady_scrollbar(screen: Screen[None]) -> None:
    """In a terminal narrower than NARROW, the screen keeps its scrollbar's room whether it is shown or not."""
    screen.set_class(screen.size.width < NARROW, "-narrow")


class QuestionScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(SamarbeidApp)

    CSS_PATH = "question.tcss"
    KEYS = [
        ("f1", "toggle_help", "key.help", True, False),
        ("question_mark", "toggle_help", "key.help", False, False),
        ("escape", "back", "key.back", True, False),
        ("ctrl+r", "app.review", "key.review", True, True),
        # in the key panel and the palette, not the footer: at 80 columns it makes room for the number keys
        ("ctrl+t", "app.result", "key.result", False, True),
    ]

    @classmethod
    def more_bindings(cls, lang: Lang) -> list[Binding]:
        return number_bindings(lang)

    def __init__(self, qid: str) -> None:
        super().__init__()
        self.qid = qid

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        yield Static(id="question-text")
        yield Static(id="problem")  # why the last Enter was not taken; gone with the question
        with VerticalScroll(id="question-body"):
            yield PagingOptionList(id="single")
            yield MultiChoice(id="multi")
            yield Static(id="hint")
            yield Static(id="help")
        yield Footer()

    def on_mount(self) -> None:
        steady_scrollbar(self)
        self.show(self.qid)

    def on_resize(self) -> None:
        steady_scrollbar(self)

    @property
    def question(self) -> Question:
        return self.app.question(self.qid)

    def show(self, qid: str) -> None:
        """Put another question on this screen (no new screen: moving on stays fast)."""
        app = self.app
        dialogue = app.dialogue
        assert dialogue is not None, "a question is shown only in a session"
        lang = app.lang
        self.qid = qid
        self.refuse(None)  # a message about the question left does not stay on the next
        q = self.question
        n, total = dialogue.progress(qid)
        self.query_one("#topbar", Static).update(
            Content.assemble(("samarbeid", "bold"), " · ", app.topic_name(q.topic), " · ",
                             app.t("tui.progress", n=n, total=total)))
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=n - 1)
        # in the person's own voice ("your business" to an entrepreneur), neutral to a trainer
        self.query_one("#question-text", Static).update(Content.styled(dialogue.question_text(qid), "bold"))
        help_panel = self.query_one("#help", Static)
        help_panel.update(Content.assemble(
            (app.t("tui.help_title"), "bold"), "\n", q.help(lang, dialogue.voice), "\n\n",
            (app.t("tui.help_source", sections=", ".join(q.source)), "italic")))
        current = dialogue.answers.get(qid, ())
        voice = dialogue.voice
        choices = [(o.id, o.label(lang, voice), o.explain(lang, voice) if o.explain else None) for o in q.options]
        choices.append((DONT_KNOW, app.t("dont_know"), None))
        ids = [oid for oid, _, _ in choices]
        single = self.query_one("#single", OptionList)
        multi = self.query_one("#multi", MultiChoice)
        shown, hidden = (multi, single) if q.kind == "multi" else (single, multi)
        hidden.display = False
        shown.display = True
        if q.kind == "multi":
            multi.set_choices(qid, choices, current)
            hint = app.t("tui.multi_hint_numbers")
        else:
            single.clear_options()
            kept = f"({app.t('tui.chosen')})"  # the answer given before (back, or from review): said, not only coloured
            single.add_options([Option(option_prompt(label, explain, number=n, mark=kept if oid in current else None),
                                       id=option_key(qid, oid))
                                for n, (oid, label, explain) in enumerate(choices, 1)])
            hint = app.t("tui.single_hint_numbers")
        shown.highlighted = ids.index(current[0]) if current and current[0] in ids else 0
        shown.focus()
        self.query_one("#hint", Static).update(Content.styled(hint, "dim italic"))
        self.query_one("#question-body", VerticalScroll).scroll_home(animate=False)

    def refuse(self, reason: str | None) -> None:
        """Say, under the question, why the answer was not taken (None: say nothing)."""
        problem = self.query_one("#problem", Static)
        problem.update(Content.assemble(("! ", "bold"), reason) if reason else "")
        problem.display = reason is not None

    def action_toggle_help(self) -> None:
        panel = self.query_one("#help", Static)
        panel.display = not panel.display
        if panel.display:
            self.query_one("#question-body", VerticalScroll).scroll_end(animate=False)

    def action_back(self) -> None:
        self.app.back_from(self.qid)

    def action_choose_number(self, number: int) -> None:
        """The number key `number`: answer with that option (single choice), or tick or untick it
        (multiple choice), as Enter or space on it would. A number with no option does nothing."""
        ids = self.question.option_ids
        if not 1 <= number <= len(ids):
            self.app.bell()
            return
        oid = ids[number - 1]
        if self.question.kind == "multi":
            multi = self.query_one("#multi", MultiChoice)
            multi.highlighted = number - 1
            multi.toggle(oid)
        else:
            self.query_one("#single", OptionList).highlighted = number - 1
            self.app.answer(self.qid, (oid,))

    @on(OptionList.OptionSelected, "#single")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        question, option = keyed_option(event.option_id)
        if question == self.qid:  # else the key was meant for a question no longer shown: dropped
            self.app.answer(question, (option,))

    @on(OptionList.OptionSelected, "#multi")
    def _ticked(self, event: OptionList.OptionSelected) -> None:
        """A click on a multiple-choice option ticks it."""
        question, option = keyed_option(event.option_id)
        if question == self.qid:
            self.query_one("#multi", MultiChoice).toggle(option)

    @on(MultiChoice.Confirmed)
    def _confirmed(self, event: MultiChoice.Confirmed) -> None:
        if event.question == self.qid:
            self.app.answer(event.question, event.chosen)

