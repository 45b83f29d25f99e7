"""Start: what this is, language, the saved sessions to go on with, and the role to begin a new one,
each role with what it means under its label (as on the web), so it is known before it is chosen.

Kept to a few light widgets: it is the first frame a user sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from assistant.i18n import language_name
from assistant.ids import LANGS, Lang
from assistant.tui.lists import PagingOptionList
from assistant.tui.localize import number_bindings
from assistant.tui.visuals import option_prompt

if TYPE_CHECKING:
    from textual import getters

    from assistant.tui.app import SamarbeidApp


def language_row(lang: Lang) -> str:
    """Every language the program speaks, by its own name, the current one in brackets."""
    return " · ".join(f"[{language_name(each)}]" if each == lang else language_name(each) for each in LANGS)


def next_language(lang: Lang) -> Lang:
    """The language after `lang` in LANGS, the first after the last: the start screen's switch goes round."""
    at = LANGS.index(lang) if lang in LANGS else -1
    return LANGS[(at + 1) % len(LANGS)]


class StartScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(SamarbeidApp)

    AUTO_FOCUS = "#sessions, #role"  # chosen before the first frame: no second styling pass
    # below 30 rows (80×24) the roles get the room: no blank top line, and the report's title is left to the help
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    KEYS = [("ctrl+l", "switch_language", "key.language", True, True)]

    @classmethod
    def more_bindings(cls, lang: Lang) -> list[Binding]:
        return number_bindings(lang)

    def __init__(self, sessions: list[str] | None = None) -> None:
        """`sessions`: the saved sessions as a person recognises them, newest first."""
        super().__init__()
        self.sessions = sessions or []

    def compose(self) -> ComposeResult:
        app = self.app
        t = app.t
        with Vertical(id="start-body"):  # scrolls via CSS when the terminal is small
            with Horizontal(id="title-row"):
                yield Static(Content("samarbeid"), id="title")
                # `[Bokmål] · Nynorsk · English`, each in its own words and the current one marked; a click
                # (or ctrl+l) goes on to the next. The first frame names the current language only: each other
                # name is read from that language's own catalogue (some 2 ms each), so they follow a frame later
                yield Static(Content(f"[{language_name(app.lang)}]"), id="language")
            yield Static(Content(t("tui.intro")), id="intro")
            yield Static(Content(t("tui.based_on")), id="based-on")
            if self.sessions:
                yield Static(Content.assemble((t("tui.sessions"), "bold"), "  ",
                                              (t("tui.sessions_hint"), "dim italic")), classes="field-label")
                yield PagingOptionList(*[Option(Content(line), id=f"session-{i}")
                                         for i, line in enumerate(self.sessions)], id="sessions")
            yield Static(Content.assemble((t("tui.role"), "bold"), "  ", (t("tui.role_hint_numbers"), "dim italic")),
                         classes="field-label")
            # numbered as the options of a question are, and explained as they are: a number key chooses the role;
            # the list takes the room left under the introduction and scrolls in it
            with Vertical(id="role-box"):
                yield PagingOptionList(*[Option(option_prompt(r.label(app.lang), r.explain(app.lang), number=n),
                                                id=r.id) for n, r in enumerate(app.roles, 1)], id="role")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._name_every_language)

    def _name_every_language(self) -> None:
        self.query_one("#language", Static).update(Content(language_row(self.app.lang)))

    @on(Click, "#language")
    def action_switch_language(self) -> None:
        self.app.set_language(next_language(self.app.lang))

    def action_choose_number(self, number: int) -> None:
        """The number key `number`: begin with the role that has that number (as Enter on it would)."""
        roles = self.app.roles
        if not 1 <= number <= len(roles):
            self.app.bell()
            return
        self.query_one("#role", OptionList).highlighted = number - 1
        self.app.choose_role(roles[number - 1].id)

    @on(OptionList.OptionSelected, "#role")
    def _role(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.choose_role(event.option_id)

    @on(OptionList.OptionSelected, "#sessions")
    def _session(self, event: OptionList.OptionSelected) -> None:
        self.app.continue_session(event.option_index)
