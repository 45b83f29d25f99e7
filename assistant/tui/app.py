"""The Textual app: shows the places of a Dialogue (start, a question, review, the result)
and carries the person between them. The dialogue decides where an answer or "back"
leads and keeps the session; the engine decides the result; every text comes from the
rule base, texts.py or the shared report view.

Start-up is kept light: the start screen is painted from a first look at
questions.yaml, and the rule base and the saved sessions are loaded in a worker thread
right after the first frame. Screens and the engine are imported when needed.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from assistant import paths
from assistant.firstlook import RoleChoice, last_language, role_choices
from assistant.ids import Lang
from assistant.safetext import visible
from assistant.texts import say
from assistant.tui.chrome import Chrome
from assistant.tui.localize import in_language
from assistant.tui.opening import SessionOpening, role_choices_of
from assistant.tui.start import StartScreen
from assistant.tui.themes import HIGH_CONTRAST, THEMES

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver
    from textual.screen import Screen

    from assistant.answers import Answers
    from assistant.dialogue import Dialogue, Step
    from assistant.engine import Engine
    from assistant.errors import Problem
    from assistant.models.questions import Question
    from assistant.models.result import Result
    from assistant.models.rules import RuleBase
    from assistant.render.view import ReportView
    from assistant.sessions import Resumed, SavedSession, SessionFile, SessionStore


def _commands() -> type[Provider]:
    from assistant.tui.commands import AssistantCommands

    return AssistantCommands


class SamarbeidApp(SessionOpening, Chrome):
    CSS_PATH = "app.tcss"
    TITLE = "samarbeid"
    COMMANDS = {_commands}  # loaded when the palette opens, not before the first frame
    # ctrl+z on every screen, dialogs and the palette too (the screens name it in the user's language)
    BINDINGS = [Binding("ctrl+z", "suspend_process", show=False, priority=True, system=True)]

    def __init__(self, lang: Lang = "nb", *, rule_base: RuleBase | None = None, questions: Path | None = None,
                 rules: Path | None = None, answers: Answers | None = None, resume: Path | None = None,
                 session_path: Path | None = None, start_in_questions: bool = False, lang_given: bool = True,
                 theme_name: str = "dark", group: str | None = None) -> None:
        super().__init__()
        # asked for no language (no --lang), the start speaks the last session's: who worked in English goes on so
        self._lang: Lang = lang if lang_given else last_language() or lang
        self.lang_given = lang_given
        self.questions_path = questions or paths.default_questions()
        self.rules_path = rules
        self.rb: RuleBase | None = None
        self.engine: Engine | None = None
        self.dialogue: Dialogue | None = None
        """The session in progress; None on the start screen before one begins."""
        self.session_file: SessionFile | None = None
        self.kept_in: Path | None = None
        """The file the answers were last saved in (a session left for the start screen included)."""
        self.store: SessionStore | None = None
        self.saved_sessions: list[SavedSession] = []
        self._given = dict(answers) if answers is not None else None
        self.resume_path = resume
        self.resumed: Resumed | None = None
        self.save_path = session_path
        self._group = group
        self.start_in_questions = start_in_questions or resume is not None
        self.theme_key = theme_name
        self.roles: list[RoleChoice] = [] if rule_base else role_choices(self.questions_path)
        self.problems: list[Problem] = []
        self.ready = asyncio.Event()
        self._waiting: tuple[str, Any] | None = None  # a choice made on the start screen while the load was running
        self._review_from: Step | None = None
        """Where review was opened (a question, the result): Esc on review goes back there."""
        if rule_base is not None:
            self._use(rule_base)

    def _use(self, rb: RuleBase) -> None:
        from assistant.engine import Engine

        self.rb = rb
        self.engine = Engine(rb)
        self.topics = {t.id: t.name for t in rb.questions.topics}
        self.roles = role_choices_of(rb)

    # ------------------------------------------------------------ words
    @property
    def lang(self) -> Lang:
        return self.dialogue.lang if self.dialogue else self._lang

    def t(self, key: str, /, **values: Any) -> str:
        """Our words in the session's language, with what they quote (a file's name, a group's) shown as
        written and never obeyed by the terminal."""
        return visible(say(key, self.lang, **values))

    def topic_name(self, topic: str) -> str:
        name = self.topics.get(topic)
        return name(self.lang) if name else topic

    def question(self, qid: str) -> Question:
        assert self.dialogue is not None
        return self.dialogue.question(qid)

    # ------------------------------------------------------------ start
    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.theme != THEMES[self.theme_key]:  # setting it restyles everything: only when it changes
            self.theme = THEMES[self.theme_key]
        if self.rb is not None and self.start_in_questions and self.resume_path is None:
            self._begin_given()
        self.app_resume_signal.subscribe(self, self._redraw)
        # let the first frame reach the terminal before the load competes with it for the interpreter;
        # the cycle collector, held back for the start (cli._assistant), works again from then on
        self.call_after_refresh(self._after_first_frame)

    def _redraw(self, _app: object) -> None:
        """Back from ctrl+z (`fg`): the terminal shows the shell's lines; draw the whole screen again."""
        self.refresh(layout=True)

    def _after_first_frame(self) -> None:
        gc.enable()
        self.set_timer(0.05, self._load)

    def _session_path(self) -> Path | None:
        return self.session_file.path if self.session_file else None

    def goodbye(self) -> str | None:
        """What to say once the terminal is given back: where the answers are kept (and that a file that was
        resumed is as it was, when they went on elsewhere). None when no session was begun."""
        path = self._session_path() or self.kept_in
        if path is None:
            return None
        resumed = self.resumed
        if resumed is not None and resumed.keeper.path == path != resumed.source:
            return self.t("tui.goodbye_moved", file=str(resumed.source), path=str(path))
        return self.t("tui.goodbye", path=str(path))

    def get_driver_class(self) -> type[Driver]:
        """In a terminal on Linux or macOS, Textual's driver with pastes that are never keys and a stop by
        SIGTERM or SIGHUP that gives the terminal back (terminal.py); elsewhere Textual's own."""
        from textual import constants

        if constants.DRIVER is None and sys.platform != "win32":
            from assistant.tui.terminal import GuardedDriver
            return GuardedDriver
        return super().get_driver_class()

    def get_default_screen(self) -> StartScreen:
        """The first frame is the start screen itself: no second screen to lay out."""
        return self._start_screen()

    def _start_screen(self) -> StartScreen:
        sessions: list[str] = []
        if self.rb is not None and self.saved_sessions:  # never before the first frame: sessions imports the models
            from assistant.sessions import session_line

            sessions = [session_line(s, self.rb, self.lang) for s in self.saved_sessions]
        return in_language(StartScreen, self.lang)(sessions)

    # ------------------------------------------------------------ moving (the dialogue decides)
    def go(self, step: Step, came_from: str | None = None) -> None:
        """Show the place a step of the dialogue leads to; `came_from` is the question it leaves, where
        review (after a change made from it) keeps its cursor."""
        self._place(step.to, came_from if step.to == "review" else step.question)

    def _place(self, to: str, question: str | None = None) -> None:
        """Show a place: a question, review (its cursor on `question`), the result, or the start."""
        if to == "question" and question is not None:
            from assistant.tui.question import QuestionScreen
            if isinstance(self.screen, QuestionScreen):
                self.screen.show(question)  # no new screen: moving on stays fast
            else:
                self._show(in_language(QuestionScreen, self.lang)(question))
        elif to == "review":
            from assistant.tui.review import ReviewScreen
            self._show(in_language(ReviewScreen, self.lang)(question))
        elif to == "result":
            from assistant.tui.result import ResultScreen
            self._show(in_language(ResultScreen, self.lang)())
        else:
            self.action_restart()

    def _show(self, screen: Screen[None]) -> None:
        """Show a screen in place of the current one; the default screen stays beneath.

        (Switching away from the default screen is not allowed, so from there we push.)
        """
        if self.screen is self.screen_stack[0]:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def answer(self, qid: str, chosen: tuple[str, ...]) -> None:
        from assistant.dialogue import AnswerRefused

        if self.dialogue is None:
            return
        try:
            step = self.dialogue.answer(qid, chosen)
        except AnswerRefused as refused:
            from assistant.tui.question import QuestionScreen
            self.bell()
            if isinstance(self.screen, QuestionScreen):  # said under the question, and gone with it
                self.screen.refuse(self.t(refused.reason))
            else:
                self.notify(self.t(refused.reason), markup=False, severity="warning")
            return
        self.go(step, came_from=qid)

    def back_from(self, qid: str) -> None:
        if self.dialogue is not None:
            self.go(self.dialogue.back(qid), came_from=qid)

    def edit(self, qid: str) -> None:
        if self.dialogue is not None:
            self.go(self.dialogue.edit(qid))

    def result(self) -> Result:
        assert self.dialogue is not None
        return self.dialogue.result()

    def report_view(self) -> ReportView:
        from assistant.render.view import build_view
        assert self.dialogue is not None and self.rb is not None
        return build_view(self.rb, self.result(), self.lang, group=self.dialogue.group)

    # ------------------------------------------------------------ actions
    def action_review(self) -> None:
        """Review, its cursor on the question shown now; Esc there comes back to where it was opened."""
        if self.dialogue is None:
            return
        here = self._here()
        if here is not None and here.to != "review":
            self._review_from = here
        self._place("review", here.question if here is not None else None)

    def action_leave_review(self) -> None:
        """Esc on review: back where review was opened (the question, or the result); else on with the
        questions, the next open one (the dialogue's carry_on)."""
        if self.dialogue is None:
            return
        came, self._review_from = self._review_from, None
        step = self.dialogue.carry_on()  # and no answer is being changed from review any more
        if came is not None and (came.to == "result" or came.question in self.dialogue.asked()):
            step = came
        self.go(step)

    def _here(self) -> Step | None:
        """The place shown under any dialog or the palette: a question, review (the question its cursor
        is on) or the result; None on the start screen."""
        from textual.screen import ModalScreen

        from assistant.dialogue import Step
        from assistant.tui.question import QuestionScreen
        from assistant.tui.result import ResultScreen
        from assistant.tui.review import ReviewScreen
        for screen in reversed(self.screen_stack):
            if isinstance(screen, QuestionScreen):
                return Step("question", screen.qid)
            if isinstance(screen, ReviewScreen):
                return Step("review", screen.cursor)
            if isinstance(screen, ResultScreen):
                return Step("result")
            if not isinstance(screen, ModalScreen):
                return None
        return None

    def action_result(self) -> None:
        if self.dialogue is not None:
            self._place("result")

    def action_resume_questions(self) -> None:
        if self.dialogue is not None:
            self.go(self.dialogue.carry_on())

    def action_restart(self) -> None:
        """To the start screen: the session is kept in its file and offered there with the others."""
        if self.dialogue is not None:
            self._lang = self.dialogue.lang
            self._group = self.dialogue.group
        self.dialogue = None
        self.session_file = None
        self._review_from = None
        if self.rb is not None and self.store is not None:
            self.saved_sessions = self.store.recent(self.rb)
        self._show(self._start_screen())

    def set_language(self, lang: Lang) -> None:
        """Switch language and redraw the current screen in it (the result is not evaluated again)."""
        from assistant.tui.question import QuestionScreen
        from assistant.tui.result import ResultScreen
        from assistant.tui.review import ReviewScreen
        self._lang = lang
        if self.dialogue is not None:
            self.dialogue.set_language(lang)
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            self._show(in_language(QuestionScreen, lang)(screen.qid))
        elif isinstance(screen, ReviewScreen):
            self._place("review", screen.cursor)
        elif isinstance(screen, ResultScreen):
            self._place("result")
        else:
            self._show(self._start_screen())

    def action_save_as(self) -> None:
        from assistant.tui.writing import ask_and_write
        ask_and_write(self, None)

    def action_export(self, fmt: str | None = None) -> None:
        """Export the result: in `fmt` after asking where, or (None) asking the format too."""
        from assistant.tui.writing import ask_and_write
        ask_and_write(self, fmt or "choose")

    def action_export_brief(self, fmt: str = "html") -> None:
        """Export the summary alone in `fmt`, after asking where."""
        from assistant.tui.writing import ask_and_write
        ask_and_write(self, fmt, brief=True)

    def action_name_group(self) -> None:
        from assistant.tui.writing import ask_group
        ask_group(self)

