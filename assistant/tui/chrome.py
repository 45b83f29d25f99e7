"""The assistant's own chrome, apart from any session: its themes, the key panel, the command
palette in the user's language and the quit hint. A mixin of SamarbeidApp (app.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.command import CommandPalette

from assistant.tui.themes import THEMES


def can_be_resumed() -> bool:
    """Whether a shell with job control can bring the assistant back after a stop: some process of its
    group (itself, or a script that started it) has a parent in another group of the same session, the
    shell. Otherwise the group is "orphaned" (started straight by tmux, ssh or a terminal), and nothing
    would ever continue it."""
    try:
        group, session = os.getpgrp(), os.getsid(0)
        parent: int | None = os.getppid()
        for _ in range(64):  # up through the scripts of our own group
            if parent is None or parent <= 1 or os.getsid(parent) != session:
                return False
            if os.getpgid(parent) != group:
                return True
            parent = _parent_of(parent)
    except (OSError, AttributeError):  # AttributeError: no process groups (Windows)
        return False
    return False


def _parent_of(pid: int) -> int | None:
    """The parent of process `pid`, where /proc tells it (Linux); None elsewhere."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rpartition(")")[2].split()[1])  # after the name, which may hold anything: state, ppid
    except (OSError, ValueError, IndexError):
        return None


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
        (straight from tmux or ssh), a stopped assistant would stay stopped for good: it says so and
        carries on instead."""
        if sys.platform == "win32" or self.is_headless or self.is_web or can_be_resumed():
            super().action_suspend_process()  # the driver stops the job (terminal.py); nothing where none can stop
        else:
            self.notify(self.t("tui.no_suspend", key="ctrl+q"), severity="warning", markup=False)

    def action_help_quit(self) -> None:
        self.notify(self.t("tui.quit_hint", key="ctrl+q"), title=self.t("tui.quit_title"), markup=False)
