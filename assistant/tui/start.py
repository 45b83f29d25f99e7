"""Start: what this is, language, role, and an offer to resume a saved session.

Kept to a few light widgets: it is the first frame a user sees.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from assistant.texts import saved_when


class StartScreen(Screen):
    AUTO_FOCUS = "#resume, #role"  # chosen before the first frame: no second styling pass
    KEYS = [("ctrl+l", "switch_language", "key.language", True, True)]

    def __init__(self, resume_count: int = 0, resume_saved: str | None = None) -> None:
        super().__init__()
        self.resume_count = resume_count
        self.resume_saved = resume_saved

    def compose(self) -> ComposeResult:
        app = self.app
        t = app.t
        marked = {"nb": ("[norsk]", "English"), "en": ("norsk", "[English]")}[app.lang]
        with Vertical(id="start-body"):  # scrolls via CSS when the terminal is small
            with Horizontal(id="title-row"):
                yield Static(Content("samarbeid"), id="title")
                # `norsk · English` with the current language marked; a click switches
                yield Static(Content(f"{marked[0]} · {marked[1]}"), id="language")
            yield Static(Content(t("tui.intro")), id="intro")
            yield Static(Content(t("tui.based_on")), id="based-on")
            if self.resume_count:
                yield Static(Content(t("tui.resume_note", saved=saved_when(self.resume_saved, app.lang))), id="resume-note")
                with Horizontal(id="start-buttons"):
                    yield Button(Content(t("tui.resume", n=self.resume_count)), id="resume", variant="primary")
            yield Static(Content.assemble((t("tui.role"), "bold"), "  ", (t("tui.role_hint"), "dim italic")),
                         classes="field-label")
            chosen = app.answers.get("role", (None,))[0]
            roles = OptionList(*[Option(Content(r.label(app.lang)), id=r.id) for r in app.roles], id="role")
            ids = [r.id for r in app.roles]
            if chosen in ids:
                roles.highlighted = ids.index(chosen)
            yield roles
        yield Footer()

    @on(Click, "#language")
    def action_switch_language(self) -> None:
        self.app.set_language("en" if self.app.lang == "nb" else "nb")

    @on(OptionList.OptionSelected, "#role")
    def _role(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.answers["role"] = (event.option_id,)
            self.app.begin(resume=False)

    @on(Button.Pressed, "#resume")
    def _resume(self) -> None:
        self.app.begin(resume=True)
