"""The command palette's commands, in the user's language.

They replace Textual's own system commands, whose titles are English only.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class AssistantCommands(Provider):
    def _commands(self):
        app = self.app
        t = app.t
        next_theme = app.next_theme_name()
        yield t("cmd.lang"), t("cmd.lang.help"), partial(app.set_language, "en" if app.lang == "nb" else "nb")
        yield t("cmd.review"), t("cmd.review.help"), app.action_review
        yield t("cmd.result"), t("cmd.result.help"), app.action_result
        yield t("cmd.save"), t("cmd.save.help"), app.action_save_as
        yield t("cmd.export_md"), t("cmd.export_md.help"), partial(app.action_export, "md")
        yield t("cmd.export_json"), t("cmd.export_json.help"), partial(app.action_export, "json")
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
