"""The assistant's own chrome, apart from any session: its themes, the key panel, the command
palette in the user's language and the quit hint. A mixin of SamarbeidApp (app.py)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from textual.app import App
from textual.command import CommandPalette

from assistant.tui.themes import THEMES


def can_be_resumed() -> bool:
    """Whether a shell with job control started the assistant, and so can bring it back after a stop:
    its process group is not the shell's, in the shell's session (else the group is "orphaned", and
    nothing would ever continue it)."""
    try:
        shell = os.getppid()
        return os.getpgid(shell) != os.getpgrp() and os.getsid(shell) == os.getsid(0)
    except (OSError, AttributeError):  # AttributeError: no process groups (Windows)
        return False


class Chrome(App[None]):
    """Actions the palette and the keys reach on every screen; the attributes are SamarbeidApp's."""

    theme_key: str

    if TYPE_CHECKING:
        def t(self, key: str, /, **values: object) -> str: ...

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
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App[None]
            from assistant.tui.commands import LocalizedPalette
            self.push_screen(LocalizedPalette(self.t("tui.no_matches"), id="--command-palette",
                                              placeholder=self.t("tui.palette_placeholder")))

    def action_suspend_process(self) -> None:
        """ctrl+z: back to the shell, and `fg` comes back (F25). Started where no shell can bring it back
        (no job control: run from tmux or ssh directly, or by a script), a stopped assistant would
        stay stopped for good: it says so and carries on instead."""
        if sys.platform == "win32" or can_be_resumed():
            super().action_suspend_process()
        else:
            self.notify(self.t("tui.no_suspend", key="ctrl+q"), severity="warning", markup=False)

    def action_help_quit(self) -> None:
        self.notify(self.t("tui.quit_hint", key="ctrl+q"), title=self.t("tui.quit_title"), markup=False)
