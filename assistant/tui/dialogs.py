"""A small dialog that asks where to write a file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class PathDialog(ModalScreen[Path | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, prompt: str, default: str, ok: str, cancel: str) -> None:
        super().__init__()
        self.prompt, self.default, self.ok, self.cancel = prompt, default, ok, cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.prompt))
            yield Input(value=self.default, id="path")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.ok), id="ok", variant="primary")
                yield Button(Content(self.cancel), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
