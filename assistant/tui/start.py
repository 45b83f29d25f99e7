"""Start: what this is, language, role, and an offer to resume a saved session."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, RadioButton, RadioSet, Static


class StartScreen(Screen):
    KEYS: list = []

    def __init__(self, resume_count: int = 0, resume_saved: str | None = None) -> None:
        super().__init__()
        self.resume_count = resume_count
        self.resume_saved = resume_saved

    def compose(self) -> ComposeResult:
        app = self.app
        t = app.t
        role = app.rb.questions.questions[0]
        chosen = app.answers.get(role.id, (None,))[0]
        with VerticalScroll(id="start-body"):
            with Horizontal(id="title-row"):
                yield Static(Content("samarbeid"), id="title")
                with RadioSet(id="language", compact=True):
                    yield RadioButton(Content("norsk (bokmål)"), value=app.lang == "nb", name="nb")
                    yield RadioButton(Content("English"), value=app.lang == "en", name="en")
            yield Static(Content(t("tui.intro")), id="intro")
            yield Static(Content(t("tui.based_on")), id="based-on")
            yield Label(Content(t("tui.role")), classes="field-label")
            with RadioSet(id="role", compact=True):
                for option in role.options:
                    yield RadioButton(Content(option.label(app.lang)), value=option.id == chosen, name=option.id)
            if self.resume_count:
                yield Static(Content(t("tui.resume_note", saved=self.resume_saved or "")), id="resume-note")
            with Horizontal(id="start-buttons"):
                if self.resume_count:
                    yield Button(Content(t("tui.resume", n=self.resume_count)), id="resume", variant="primary")
                    yield Button(Content(t("tui.fresh")), id="fresh")
                else:
                    yield Button(Content(t("tui.start")), id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#role", RadioSet).focus()

    @on(RadioSet.Changed, "#language")
    def _language(self, event: RadioSet.Changed) -> None:
        lang = event.pressed.name
        if lang and lang != self.app.lang:
            self._keep_role()
            self.app.set_language(lang)

    @on(RadioSet.Changed, "#role")
    def _role(self) -> None:
        self._keep_role()
        self.query_one("#start-buttons Button", Button).focus()

    def _keep_role(self) -> None:
        pressed = self.query_one("#role", RadioSet).pressed_button
        if pressed is not None and pressed.name:
            self.app.answers["role"] = (pressed.name,)

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self._keep_role()
        self.app.begin(resume=False)

    @on(Button.Pressed, "#resume")
    def _resume(self) -> None:
        self.app.begin(resume=True)

    @on(Button.Pressed, "#fresh")
    def _fresh(self) -> None:
        self._keep_role()
        self.app.begin(resume=False)
