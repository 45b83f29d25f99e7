"""One question at a time: options with short explanations, "don't know", help, progress."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from assistant.models.questions import DONT_KNOW, Question


class MultiChoice(SelectionList[str]):
    """A multiple-choice list: space toggles, enter confirms."""

    BINDINGS = [Binding("enter", "confirm", show=False)]

    class Confirmed(Message):
        pass

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())


def option_prompt(label: str, explain: str | None) -> Content:
    if explain:
        return Content.assemble((label, "bold"), "\n", ("  " + explain, "dim"))
    return Content.assemble((label, "bold"))


class QuestionScreen(Screen):
    KEYS = [
        ("f1", "toggle_help", "key.help", True, False),
        ("question_mark", "toggle_help", "key.help", False, False),
        ("escape", "back", "key.back", True, False),
        ("ctrl+r", "app.review", "key.review", True, True),
        ("ctrl+t", "app.result", "key.result", True, True),
    ]

    def __init__(self, qid: str) -> None:
        super().__init__()
        self.qid = qid

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
        yield Static(id="question-text")
        with VerticalScroll(id="question-body"):
            yield OptionList(id="single")
            yield MultiChoice(id="multi")
            yield Static(id="hint")
            yield Static(id="help")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.qid)

    @property
    def question(self) -> Question:
        return self.app.question(self.qid)

    def show(self, qid: str) -> None:
        """Put another question on this screen (no new screen: moving on stays fast)."""
        app = self.app
        lang = app.lang
        self.qid = qid
        q = self.question
        n, total = app.progress(qid)
        self.query_one("#topbar", Static).update(
            Content.assemble(("samarbeid", "bold"), " · ", app.topic_name(q.topic), " · ",
                             app.t("tui.progress", n=n, total=total)))
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=n - 1)
        self.query_one("#question-text", Static).update(Content.assemble((q.text(lang), "bold")))
        help_panel = self.query_one("#help", Static)
        help_panel.update(Content.assemble(
            (app.t("tui.help_title"), "bold"), "\n", q.help(lang), "\n\n",
            (app.t("tui.help_source", sections=", ".join(q.source)), "italic")))
        current = app.answers.get(qid, ())
        labels = [(o.id, option_prompt(o.label(lang), o.explain(lang) if o.explain else None)) for o in q.options]
        labels.append((DONT_KNOW, option_prompt(app.t("dont_know"), None)))
        single = self.query_one("#single", OptionList)
        multi = self.query_one("#multi", MultiChoice)
        if q.kind == "multi":
            single.display = False
            multi.display = True
            multi.clear_options()
            multi.add_options([Selection(prompt, oid, oid in current) for oid, prompt in labels])
            multi.highlighted = 0
            multi.focus()
            hint = app.t("tui.multi_hint")
        else:
            multi.display = False
            single.display = True
            single.clear_options()
            single.add_options([Option(prompt, id=oid) for oid, prompt in labels])
            ids = [oid for oid, _ in labels]
            single.highlighted = ids.index(current[0]) if current and current[0] in ids else 0
            single.focus()
            hint = app.t("tui.single_hint")
        self.query_one("#hint", Static).update(Content.styled(hint, "dim italic"))
        self.query_one("#question-body", VerticalScroll).scroll_home(animate=False)

    def action_toggle_help(self) -> None:
        panel = self.query_one("#help", Static)
        panel.display = not panel.display
        if panel.display:
            self.query_one("#question-body", VerticalScroll).scroll_end(animate=False)

    def action_back(self) -> None:
        self.app.back_from(self.qid)

    @on(OptionList.OptionSelected, "#single")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.answer(self.qid, (event.option_id,))

    @on(MultiChoice.Confirmed)
    def _confirmed(self) -> None:
        multi = self.query_one("#multi", MultiChoice)
        chosen = tuple(v for v in (o.value for o in (multi.get_option_at_index(i) for i in range(multi.option_count)))
                       if v in multi.selected)
        if not chosen:
            self.app.notify(self.app.t("tui.pick_one"), markup=False, severity="warning")
            return
        if DONT_KNOW in chosen and len(chosen) > 1:
            self.app.notify(self.app.t("plain.dont_know_alone"), markup=False, severity="warning")
            return
        self.app.answer(self.qid, chosen)
