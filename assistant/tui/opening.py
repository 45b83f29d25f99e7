"""Opening a session in the assistant: after the first frame, load the rule base, the file to
resume and the saved sessions; then begin a new session with a role, go on with a saved one,
or go on with the file given with --resume. The sessions themselves are sessions.py's; the
dialogue is dialogue.py's. A mixin of SamarbeidApp (app.py), which shows the screens.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App

from assistant.firstlook import RoleChoice, remember
from assistant.ids import LANGS, Lang
from assistant.tui.start import StartScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from assistant.answers import Answers
    from assistant.dialogue import Dialogue, Keeper, Step
    from assistant.engine import Engine
    from assistant.errors import Problem
    from assistant.models.rules import RuleBase
    from assistant.sessions import Resumed, SavedSession, SessionFile, SessionStore


def role_choices_of(rb: RuleBase) -> list[RoleChoice]:
    """The roles as the start screen shows them: each label and what it means, in every language."""
    return [RoleChoice(o.id, {lang: o.label.get(lang) or "" for lang in LANGS},
                       {lang: o.explain.get(lang) or "" for lang in LANGS} if o.explain else {})
            for o in rb.role_options]


class SessionOpening(App[None]):
    """How a session begins; the attributes and methods it uses are SamarbeidApp's."""

    rb: RuleBase | None
    engine: Engine | None
    dialogue: Dialogue | None
    session_file: SessionFile | None
    store: SessionStore | None
    saved_sessions: list[SavedSession]
    problems: list[Problem]
    resumed: Resumed | None
    ready: asyncio.Event
    _lang: Lang
    _group: str | None
    _given: Answers | None
    _waiting: tuple[str, Any] | None
    lang_given: bool
    questions_path: Path
    rules_path: Path | None
    resume_path: Path | None
    save_path: Path | None
    start_in_questions: bool
    kept_in: Path | None

    if TYPE_CHECKING:
        @property
        def lang(self) -> Lang: ...
        def t(self, key: str, /, **values: object) -> str: ...
        def go(self, step: Step) -> None: ...
        def _use(self, rb: RuleBase) -> None: ...
        def _show(self, screen: Screen[None]) -> None: ...
        def action_restart(self) -> None: ...
        def _start_screen(self) -> StartScreen: ...
        def _session_path(self) -> Path | None: ...

    @work(thread=True)  # a bug here ends the app with its traceback, rather than a start screen that never loads
    def _load(self) -> None:
        """After the first frame: load and check the rule base, the file to resume, the saved sessions."""
        from assistant.errors import InputError
        from assistant.loading import load_rule_base
        from assistant.sessions import SessionStore, resume

        try:
            rb = self.rb or load_rule_base(self.questions_path, self.rules_path)
            store = SessionStore()
            resumed = resume(self.resume_path, rb, store) if self.resume_path is not None else None
            sessions = store.recent(rb) if not self.start_in_questions else []
        except InputError as err:
            self.call_from_thread(self._failed, err.problems)
            return
        remember(self.questions_path, role_choices_of(rb))
        self.call_from_thread(self._loaded, rb, store, resumed, sessions)

    def _failed(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.exit(return_code=2)

    def _loaded(self, rb: RuleBase, store: SessionStore, resumed: Resumed | None,
                sessions: list[SavedSession]) -> None:
        if self.rb is None:
            self._use(rb)
        self.store = store
        self.saved_sessions = sessions
        self.ready.set()
        if resumed is not None:
            self._resume(resumed)
        elif self.start_in_questions and self.dialogue is None:
            self._begin_given()
        elif self._waiting is not None:
            kind, value = self._waiting
            self._waiting = None
            self.choose_role(value) if kind == "role" else self.continue_session(value)
        elif isinstance(self.screen, StartScreen) and sessions:
            self._show(self._start_screen())
        if store.unreadable:  # never dropped silently: said, and the files left as they are
            self.notify(self.t("sessions.unreadable", n=len(store.unreadable), problem=str(store.unreadable[0])),
                        severity="warning", markup=False, timeout=20)

    def _resume(self, resumed: Resumed) -> None:
        """Go on with a saved session or a file given with --resume; say what was left out of it, and
        where it is kept."""
        from assistant.answers import group_of
        from assistant.sessions import SessionFile
        from assistant.texts import listing

        self.resumed = resumed
        lang = resumed.meta.get("lang")
        keeper = SessionFile(None, self.save_path) if self.save_path else resumed.keeper
        self._start(resumed.answers, keeper, group_of(resumed.meta),
                    lang if isinstance(lang, str) and lang in LANGS and not self.lang_given else self._lang)
        from assistant.answers import is_notice

        carried = [p for p in resumed.left_out if is_notice(p)]
        left_out = [p for p in resumed.left_out if not is_notice(p)]
        if left_out:  # answers the file holds that this rule base does not know
            lines = [str(p.line) for p in left_out if p.line is not None]
            self.notify(self.t("tui.resume_skipped", n=len(left_out), file=resumed.source.name,
                               lines=listing(lines, self.lang) or "?"), severity="warning", markup=False, timeout=20)
        if carried:  # answers in an older form, read as today's options
            lines = [str(p.line) for p in carried if p.line is not None]
            self.notify(self.t("tui.resume_carried", n=len(carried), file=resumed.source.name,
                               lines=listing(lines, self.lang) or "?"), markup=False, timeout=20)
        if keeper.path != resumed.source and self.dialogue is not None:
            self.dialogue.keep()  # the answers are in their new file at once
            self.notify(self.t("sessions.moved", file=resumed.source.name, path=str(keeper.path)),
                        markup=False, timeout=20)

    def _begin_given(self) -> None:
        """Start in the questions with the answers given to the app (tests, the bench)."""
        from assistant.sessions import SessionFile, SessionStore

        keeper = SessionFile(None, self.save_path) if self.save_path else SessionStore().new_file()
        self._start(self._given or {}, keeper, self._group, self._lang)

    def _start(self, answers: Answers, keeper: SessionFile, group: str | None, lang: Lang) -> None:
        from assistant.dialogue import Dialogue

        assert self.rb is not None and self.engine is not None
        self.session_file = keeper
        self.dialogue = Dialogue(self.rb, self.engine, answers=answers, lang=lang, group=group,
                                 keeper=self._keeper(keeper))
        self.go(self.dialogue.first_step())

    def _keeper(self, file: SessionFile) -> Keeper:
        """Save after every change; a failed save is shown, never lost silently."""
        def keep(dialogue: Dialogue) -> None:
            try:
                file(dialogue)
            except OSError as err:
                self.notify(self.t("tui.write_failed", path=str(file.path or (file.store and file.store.folder)),
                                   reason=err.strerror or str(err)), severity="error", markup=False)
            else:
                self.kept_in = file.path
        return keep

    def _wait_for_load(self, choice: tuple[str, Any]) -> None:
        """A choice made on the start screen while the rule base loads: the first waits for the load,
        every later one is dropped. Keys typed after it were typed on the start screen, and must never
        change the role chosen first nor answer a question nobody has seen yet (F1)."""
        if self._waiting is None:
            self._waiting = choice

    def choose_role(self, role: str) -> None:
        """A role chosen on the start screen: a new session, in a file of its own."""
        from assistant.dialogue import Dialogue
        from assistant.sessions import SessionFile

        if self.rb is None or self.store is None:
            self._wait_for_load(("role", role))  # still loading: carry on as soon as it is done
            return
        assert self.engine is not None
        keeper = SessionFile(None, self.save_path) if self.save_path else self.store.new_file()
        self.save_path = None  # a second session after a restart goes to the store
        self.session_file = keeper
        # what the role means was on the start screen, under its label: nothing to cover the question with
        self.dialogue = Dialogue.begin(self.rb, self.engine, role, lang=self._lang, group=self._group,
                                       keeper=self._keeper(keeper))
        self.go(self.dialogue.first_step())

    def continue_session(self, index: int) -> None:
        """A saved session chosen on the start screen: go on where it stopped, in its own file (or, when
        the file holds answers this rule base does not know, in a new one, the file left as it was)."""
        from assistant.errors import InputError
        from assistant.sessions import resume

        if self.rb is None or self.store is None:
            self._wait_for_load(("session", index))
            return
        try:
            resumed = resume(self.saved_sessions[index].path, self.rb, self.store)
        except InputError as err:  # changed or gone since the start screen listed it
            self.notify(str(err.problems[0]), severity="error", markup=False)
            self.action_restart()
            return
        self._resume(resumed)
