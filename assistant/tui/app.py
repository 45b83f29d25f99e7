"""The Textual app: holds the session (answers, language, where it is saved) and moves
between screens. Every decision is the engine's; every text comes from the rule
base, texts.py or the shared report view.

Start-up is kept light: the start screen is painted from a first look at
questions.yaml, and the rule base is loaded and checked in a worker thread
right after the first frame. Screens and the engine are imported when needed.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.command import CommandPalette
from textual.theme import Theme

from assistant import paths
from assistant.firstlook import RoleChoice, remember, role_choices
from assistant.ids import Lang
from assistant.texts import listing, say
from assistant.tui.localize import in_language
from assistant.tui.start import StartScreen

if TYPE_CHECKING:
    from assistant.answers import Answers
    from assistant.errors import Problem
    from assistant.models.questions import Question
    from assistant.models.result import Result
    from assistant.models.rules import RuleBase
    from assistant.render.view import ReportView
    from assistant.tui.review import ReviewRow

HIGH_CONTRAST = Theme(
    name="samarbeid-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff4040",
    dark=True,
)
THEMES = {"light": "textual-light", "dark": "textual-dark", "contrast": "samarbeid-contrast"}


def _commands():
    from assistant.tui.commands import AssistantCommands

    return AssistantCommands


class SamarbeidApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "samarbeid"
    COMMANDS = {_commands}  # loaded when the palette opens, not before the first frame

    def __init__(self, lang: Lang = "nb", *, rule_base: RuleBase | None = None, questions: Path | None = None,
                 rules: Path | None = None, answers: Answers | None = None, resume: Path | None = None,
                 session_path: Path | None = None, start_in_questions: bool = False, lang_given: bool = True,
                 theme_name: str = "dark", group: str | None = None) -> None:
        super().__init__()
        self.lang: Lang = lang
        self.lang_given = lang_given
        self.questions_path = questions or paths.default_questions()
        self.rules_path = rules
        self.rb: RuleBase | None = None
        self.answers: Answers = dict(answers or {})
        self.answers_given = answers is not None
        self.resume_path = resume
        self.session_path = session_path or resume
        self.offer_resume: tuple[Answers, str] | None = None
        self.group: str | None = group
        """The group's name in a workshop: saved in the session's meta block, shown on the report."""
        self._offer_group: str | None = None
        self.start_in_questions = start_in_questions or resume is not None
        self.theme_key = theme_name
        self.roles: list[RoleChoice] = [] if rule_base else role_choices(self.questions_path)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.kept: Path | None = None
        """Where a resumed file is kept as it was, when answers in it were left out."""
        self.ready = asyncio.Event()
        self._pending_begin: bool | None = None
        # nothing is saved before a session begins, so a saved one is never overwritten from the start screen
        self.started = self.start_in_questions
        self.seen_in_review: set[str] = set()
        self.editing_from_review = False
        self._result: tuple[tuple, Result] | None = None
        if rule_base is not None:
            self._use(rule_base)

    def _use(self, rb: RuleBase) -> None:
        from assistant.engine import Engine

        self.rb = rb
        self.engine = Engine(rb)
        self.questions = {q.id: q for q in rb.questions.questions}
        self.topics = {t.id: t.name for t in rb.questions.topics}
        self.roles = [RoleChoice(o.id, {"nb": o.label.nb, "en": o.label.en}) for o in rb.questions.questions[0].options]

    # ------------------------------------------------------------ words
    def t(self, key: str, /, **values) -> str:
        return say(key, self.lang, **values)

    def topic_name(self, topic: str) -> str:
        name = self.topics.get(topic)
        return name(self.lang) if name else topic

    def question(self, qid: str) -> Question:
        return self.questions[qid]

    # ------------------------------------------------------------ start
    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.theme != THEMES[self.theme_key]:  # setting it restyles everything: only when it changes
            self.theme = THEMES[self.theme_key]
        if self.rb is not None and self.start_in_questions:
            self._open_questions()
        # let the first frame reach the terminal before the load competes with it for the interpreter;
        # the cycle collector, held back for the start (cli._assistant), works again from then on
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        gc.enable()
        self.set_timer(0.05, self._load)

    @work(thread=True)  # a bug here ends the app with its traceback, rather than a start screen that never loads
    def _load(self) -> None:
        """After the first frame: load and check the rule base and any saved answers."""
        from assistant.errors import InputError
        from assistant.loading import load_rule_base
        from assistant.sessions import group_of, last_session, resume

        try:
            rb = self.rb or load_rule_base(self.questions_path, self.rules_path)
            offer = None
            lang = None
            resumed = None
            if self.resume_path is not None:
                resumed, meta, self.warnings, self.kept = resume(self.resume_path, rb)
                lang = meta.get("lang")
                self.group = self.group or group_of(meta)
            elif not self.answers_given:
                previous, meta = last_session(rb)
                if previous:
                    offer = (previous, str(meta.get("saved", "")))
                    lang = meta.get("lang")
                    self._offer_group = group_of(meta)
        except InputError as err:
            self.call_from_thread(self._failed, err.problems)
            return
        first = rb.questions.questions[0]
        remember(self.questions_path, [RoleChoice(o.id, {"nb": o.label.nb, "en": o.label.en}) for o in first.options])
        self.call_from_thread(self._loaded, rb, resumed, offer, lang)

    def _failed(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.exit(return_code=2)

    def _loaded(self, rb: RuleBase, resumed: Answers | None, offer, lang) -> None:
        if self.rb is None:
            self._use(rb)
        if resumed is not None:
            self.answers = dict(resumed)
        self.offer_resume = offer
        relabel = lang in ("nb", "en") and not self.lang_given and lang != self.lang
        if relabel:
            self.lang = lang
        self.ready.set()
        if self.warnings:  # answers the file holds that this rule base does not know: say so now, not after
            lines = [str(p.line) for p in self.warnings if p.line is not None]
            said = self.t("tui.resume_skipped", n=len(self.warnings), file=Path(self.resume_path or "").name,
                          lines=listing(lines, self.lang) or "?")
            if self.kept is not None:
                said += " " + self.t("tui.resume_kept", kept=self.kept.name)
            self.notify(said, severity="warning", markup=False, timeout=20)
        if self.start_in_questions:
            if isinstance(self.screen, StartScreen):
                self._open_questions()
        elif self._pending_begin is not None:
            self.begin(resume=False)
        elif isinstance(self.screen, StartScreen) and (offer or relabel):
            self._show(self._start_screen())

    def _open_questions(self) -> None:
        nxt = self._first_open()
        if nxt is not None:
            screen = self._question_screen(nxt)
        else:
            from assistant.tui.result import ResultScreen
            screen = in_language(ResultScreen, self.lang)()
        self._show(screen)

    def get_default_screen(self) -> StartScreen:
        """The first frame is the start screen itself: no second screen to lay out."""
        return self._start_screen()

    def _show(self, screen) -> None:
        """Show a screen in place of the current one; the default screen stays beneath.

        (Switching away from the default screen is not allowed, so from there we push.)
        """
        if self.screen is self.screen_stack[0]:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def _start_screen(self) -> StartScreen:
        count, saved = (len(self.offer_resume[0]), self.offer_resume[1]) if self.offer_resume else (0, None)
        return in_language(StartScreen, self.lang)(resume_count=count, resume_saved=saved)

    def _question_screen(self, qid: str):
        from assistant.tui.question import QuestionScreen
        return in_language(QuestionScreen, self.lang)(qid)

    def begin(self, *, resume: bool) -> None:
        """Leave the start screen: resume the saved answers, or start afresh with the chosen role."""
        if self.rb is None:
            self._pending_begin = resume  # still loading: carry on as soon as it is done
            return
        if resume and self.offer_resume:
            self.answers = dict(self.offer_resume[0])
            self.group = self.group or self._offer_group
        else:
            role = self.answers.get("role")
            self.answers = {"role": role} if role else {}
        self.offer_resume = None
        self.started = True
        self._save()
        nxt = self._first_open()
        if nxt is None:
            self.action_result()
        else:
            self._show(self._question_screen(nxt))

    # ------------------------------------------------------------ the flow (the engine decides)
    def _asked(self) -> list[str]:
        from assistant.engine.flow import asked
        return [q.id for q in asked(self.rb.questions, self.answers)]

    def _first_open(self, after: str | None = None) -> str | None:
        from assistant.engine.flow import next_open
        q = next_open(self.rb.questions, self.answers, after)
        return q.id if q else None

    def progress(self, qid: str) -> tuple[int, int]:
        from assistant.engine.flow import progress
        return progress(self.rb.questions, self.answers, qid)

    def answer(self, qid: str, chosen: tuple[str, ...]) -> None:
        self.answers[qid] = chosen
        self._save()
        if self.editing_from_review:
            self.editing_from_review = False
            self.action_review()
            return
        nxt = self._first_open(after=qid)
        if nxt is None:
            self.action_result()
        else:
            self._goto(nxt)

    def back_from(self, qid: str) -> None:
        shown = self._asked()
        earlier = shown[: shown.index(qid)] if qid in shown else shown
        if self.editing_from_review:
            self.editing_from_review = False
            self.action_review()
        elif earlier:
            self._goto(earlier[-1])
        else:
            self._show(self._start_screen())

    def _goto(self, qid: str) -> None:
        from assistant.tui.question import QuestionScreen
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            screen.show(qid)
        else:
            self._show(self._question_screen(qid))

    def edit(self, qid: str) -> None:
        self.editing_from_review = True
        self._goto(qid)

    def review_rows(self) -> list[ReviewRow]:
        from assistant.render.view import answer_label
        from assistant.tui.review import ReviewRow
        shown = set(self._asked())
        rows = []
        for q in self.rb.questions.questions:
            answered = q.id in self.answers
            if q.id in shown:
                status = "answered" if answered else ("unanswered" if q.id in self.seen_in_review else "new")
            elif answered:
                status = "not_relevant"
            else:
                continue
            label = answer_label(self.rb, q.id, self.answers[q.id], self.lang) if answered else None
            rows.append(ReviewRow(q.id, q.text(self.lang), label, status))
        self.seen_in_review = shown
        return rows

    def result(self) -> Result:
        key = tuple(sorted(self.answers.items()))
        if self._result is None or self._result[0] != key:
            self._result = (key, self.engine.evaluate(self.answers))
        return self._result[1]

    def report_view(self) -> ReportView:
        from assistant.render.view import build_view
        return build_view(self.rb, self.result(), self.lang, group=self.group)

    # ------------------------------------------------------------ actions
    def action_review(self) -> None:
        if self.rb is None:
            return
        from assistant.tui.review import ReviewScreen
        self._show(in_language(ReviewScreen, self.lang)())

    def action_result(self) -> None:
        if self.rb is None:
            return
        from assistant.tui.result import ResultScreen
        self._show(in_language(ResultScreen, self.lang)())

    def action_resume_questions(self) -> None:
        self.editing_from_review = False
        nxt = self._first_open()
        if nxt is not None:
            self._goto(nxt)
        else:
            shown = self._asked()
            self._goto(shown[-1])

    def action_restart(self) -> None:
        self.answers = {}
        self.offer_resume = None
        self._save()
        self._show(self._start_screen())

    def set_language(self, lang: Lang) -> None:
        """Switch language and redraw the current screen in it."""
        from assistant.tui.question import QuestionScreen
        from assistant.tui.result import ResultScreen
        from assistant.tui.review import ReviewScreen
        self.lang = lang
        self._save()
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            self._show(self._question_screen(screen.qid))
        elif isinstance(screen, ReviewScreen):
            self.action_review()
        elif isinstance(screen, ResultScreen):
            self.action_result()
        else:
            self._show(self._start_screen())

    def next_theme_name(self) -> str:
        keys = list(THEMES)
        return keys[(keys.index(self.theme_key) + 1) % len(keys)]

    def action_next_theme(self) -> None:
        self.theme_key = self.next_theme_name()
        self.theme = THEMES[self.theme_key]

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            from assistant.tui.commands import LocalizedPalette
            self.push_screen(LocalizedPalette(self.t("tui.no_matches"), id="--command-palette",
                                              placeholder=self.t("tui.palette_placeholder")))

    def action_help_quit(self) -> None:
        self.notify(self.t("tui.quit_hint", key="ctrl+q"), title=self.t("tui.quit_title"), markup=False)

    def action_save_as(self) -> None:
        from assistant.tui.dialogs import PathDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._write(path, None)

        self.push_screen(PathDialog(self.t("tui.path_prompt"), "samarbeid-svar.yaml",
                                    self.t("tui.ok"), self.t("tui.cancel")), chosen)

    def action_export(self, fmt: str | None = None) -> None:
        """Export the result: in `fmt` after asking where, or (None) asking the format too."""
        if self.rb is None:
            return
        from assistant.render import SUFFIX
        from assistant.tui.dialogs import ExportDialog, PathDialog

        if fmt is None:
            def exported(choice: tuple[str, Path] | None) -> None:
                if choice is not None:
                    self._write(choice[1], choice[0])

            self.push_screen(ExportDialog(self.t("tui.export_prompt"), "samarbeid-resultat", self.t("tui.ok"),
                                          self.t("tui.cancel")), exported)
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._write(path, fmt)

        default = f"samarbeid-resultat.{SUFFIX[fmt]}"
        self.push_screen(PathDialog(self.t("tui.path_prompt"), default, self.t("tui.ok"), self.t("tui.cancel")),
                         chosen)

    def action_name_group(self) -> None:
        """Ask for the group's name (workshops); it is saved with the answers and heads the report."""
        from assistant.tui.dialogs import NameDialog

        def named(name: str | None) -> None:
            if name is None:
                return
            self.group = name or None
            self._save()
            if self.group:
                self.notify(self.t("tui.group_set", name=self.group), markup=False)
            else:
                self.notify(self.t("tui.group_cleared"), markup=False)
            from assistant.tui.result import ResultScreen
            if isinstance(self.screen, ResultScreen):
                self.action_result()  # the report's header shows the name

        self.push_screen(NameDialog(self.t("tui.group_prompt"), self.group or "", self.t("tui.ok"),
                                    self.t("tui.cancel")), named)

    def _write(self, path: Path, fmt: str | None) -> None:
        """Write the answers (fmt None) or the result in a format; say where, or why not."""
        from assistant.files import write_atomic
        from assistant.render import render
        from assistant.sessions import session_text
        text = session_text(self.rb, self.answers, self.lang, self.group) if fmt is None else \
            render(self.rb, self.result(), fmt, self.lang, group=self.group)
        try:
            write_atomic(path, text)
        except OSError as err:
            self.notify(self.t("tui.write_failed", path=str(path), reason=err.strerror or str(err)),
                        severity="error", markup=False)
            return
        key = "tui.saved_to" if fmt is None else "tui.exported"
        self.notify(self.t(key, path=str(path.resolve())), markup=False)

    def _save(self) -> None:
        """Autosave after every change; a failed save is shown, never lost silently."""
        if self.rb is None or not self.started:
            return
        from assistant.sessions import save_autosave
        try:
            self.session_path = save_autosave(self.rb, self.answers, self.lang, self.session_path, self.group)
        except OSError as err:
            self.notify(self.t("tui.write_failed", path=str(self.session_path), reason=err.strerror or str(err)),
                        severity="error", markup=False)
