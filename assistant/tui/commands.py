"""The command palette's commands, in the user's language.

They replace Textual's own system commands, whose titles are English only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from assistant.i18n import language_name
from assistant.ids import LANGS
from assistant.tui.app import SamarbeidApp  # loaded already: the app imports this module when the palette opens
from assistant.tui.lists import page

# a command: its title, its help line, and what it does
Command = tuple[str, str, Callable[[], object]]


class AssistantCommands(Provider):
    @property
    def assistant(self) -> SamarbeidApp:
        """The app as the assistant: Textual's `app` promises only some App (and App[None] is not App[object])."""
        app = self.app
        assert isinstance(app, SamarbeidApp)
        return app

    def _commands(self) -> Iterator[Command]:
        app = self.assistant
        t = app.t
        next_theme = app.next_theme_name()
        for lang in LANGS:  # every other language, each by its own name
            if lang != app.lang:
                name = language_name(lang)
                yield t("cmd.lang", name=name), t("cmd.lang.help", name=name), partial(app.set_language, lang)
        yield t("cmd.review"), t("cmd.review.help"), app.action_review
        yield t("cmd.result"), t("cmd.result.help"), app.action_result
        yield t("cmd.save"), t("cmd.save.help"), app.action_save_as
        yield t("cmd.export_html"), t("cmd.export_html.help"), partial(app.action_export, "html")
        yield t("cmd.export_md"), t("cmd.export_md.help"), partial(app.action_export, "md")
        yield t("cmd.export_json"), t("cmd.export_json.help"), partial(app.action_export, "json")
        yield t("cmd.export_brief"), t("cmd.export_brief.help"), app.action_export_brief
        yield t("cmd.group"), t("cmd.group.help"), app.action_name_group
        yield t("cmd.restart"), t("cmd.restart.help"), app.action_restart
        yield t("cmd.theme", name=t(f"theme.{next_theme}")), t("cmd.theme.help"), app.action_next_theme
        yield t("cmd.keys"), t("cmd.keys.help"), app.action_toggle_keys
        yield t("cmd.quit"), t("cmd.quit.help"), app.action_quit

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class LocalizedPalette(CommandPalette):
    """Textual's command palette with its "No matches found" in the user's language, and PageUp and
    PageDown that work at any height (F13: at a few rows its list has no line to page by).

    Textual has no hook for this text, so this overrides the private method that
    shows it (checked against Textual 8.2.8); the placeholder is a public argument.
    """

    BINDINGS = [Binding("pagedown", "page(1)", "Next page", show=False),
                Binding("pageup", "page(-1)", "Previous page", show=False)]  # in place of Textual's own

    def __init__(self, no_matches: str, *, placeholder: str, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self._no_matches_text = no_matches

    def action_page(self, direction: int) -> None:
        page(self.query_one(CommandList), direction)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self._no_matches_text, style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
