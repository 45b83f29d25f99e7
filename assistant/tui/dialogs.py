"""Small dialogs: where to write a file, the export's format and file, the group's name, yes or no."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from assistant.tui.fields import Field
from assistant.tui.localize import TextualWordsInLanguage


class PathDialog(TextualWordsInLanguage, ModalScreen[Path | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, prompt: str, default: str, ok: str, cancel: str) -> None:
        super().__init__()
        self.prompt, self.default, self.ok, self.cancel = prompt, default, ok, cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.prompt))
            yield Field(value=self.default, id="path")
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


class NameDialog(TextualWordsInLanguage, ModalScreen[str | None]):
    """Asks for a short name (a workshop group's). Returns the name, "" to clear it, None to cancel."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, prompt: str, current: str, ok: str, cancel: str) -> None:
        super().__init__()
        self.prompt, self.current, self.ok, self.cancel = prompt, current, ok, cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.prompt))
            yield Field(value=self.current, id="name", max_length=80)
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.ok), id="ok", variant="primary")
                yield Button(Content(self.cancel), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(" ".join(self.query_one("#name", Input).value.split()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(TextualWordsInLanguage, ModalScreen[tuple[str, Path, bool] | None]):
    """Asks what to export (the full report, or the summary alone), the format and the file; choosing a
    format gives the file its suffix, choosing the summary marks the file's name as the summary's.

    Returns (format, path, brief) or None."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]
    FORMATS = [("html", "HTML"), ("md", "Markdown"), ("json", "JSON")]

    def __init__(self, prompt: str, stem: str, ok: str, cancel: str, *,
                 kinds: tuple[str, str], brief_stem: str = "summary") -> None:
        super().__init__()
        self.prompt, self.stem, self.ok, self.cancel = prompt, stem, ok, cancel
        self.kinds = kinds
        """The words for the full report and for the summary alone."""
        self.brief_stem = brief_stem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.prompt))
            with RadioSet(id="kind"):
                yield RadioButton(Content(self.kinds[0]), value=True, id="kind-full")
                yield RadioButton(Content(self.kinds[1]), id="kind-brief")
            with RadioSet(id="format"):
                for i, (fmt, label) in enumerate(self.FORMATS):
                    yield RadioButton(Content(label), value=i == 0, id=f"format-{fmt}")
            yield Field(value=f"{self.stem}.{self.FORMATS[0][0]}", id="path")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.ok), id="ok", variant="primary")
                yield Button(Content(self.cancel), id="cancel")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @property
    def fmt(self) -> str:
        pressed = self.query_one("#format", RadioSet).pressed_index
        return self.FORMATS[max(pressed, 0)][0]

    @property
    def brief(self) -> bool:
        """Whether the summary alone is chosen."""
        return self.query_one("#kind", RadioSet).pressed_index == 1

    @on(RadioSet.Changed, "#format")
    def _format_chosen(self) -> None:
        """Give the file the chosen format's suffix, if it has one of the formats' suffixes (or none)."""
        field = self.query_one("#path", Input)
        path = Path(field.value.strip() or self.stem)
        if path.suffix.lower().lstrip(".") in {f for f, _ in self.FORMATS} | {""}:
            field.value = str(path.with_suffix(f".{self.fmt}"))

    @on(RadioSet.Changed, "#kind")
    def _kind_chosen(self) -> None:
        """Name the file as the summary's (or the full report's again), if it still has the name proposed."""
        field = self.query_one("#path", Input)
        path = Path(field.value.strip() or self.stem)
        brief_name = f"{self.stem}-{self.brief_stem}"
        if path.stem in (self.stem, brief_name):
            field.value = str(path.with_name((brief_name if self.brief else self.stem) + path.suffix))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        self.dismiss((self.fmt, Path(value).expanduser(), self.brief) if value else None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(TextualWordsInLanguage, ModalScreen[bool]):
    """Asks yes or no (writing over a file); escape and the second button say no. No is the default."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.question))
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.no), id="cancel", variant="primary")
                yield Button(Content(self.yes), id="ok", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#ok")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
