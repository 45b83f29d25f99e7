"""Small dialogs: where to write a file, the export's format and file, the group's name, yes or no.

A file's name without a folder is written in the folder the dialog names (the data folder, where the
sessions are); a path is written where it says. Enter anywhere in a dialog but on Cancel says OK.
"""

from __future__ import annotations

import os
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


def placed(text: str, folder: Path) -> Path:
    """Where a file typed in a dialog goes: a plain name in `folder`; a path (absolute, from ~, or with a
    folder in it) where it says, a relative one from the current folder."""
    given = Path(text).expanduser()
    separators = {os.sep, "/"} | ({os.altsep} if os.altsep else set())
    if given.is_absolute() or any(sep in text for sep in separators):
        return given
    return folder / given


class ChoiceRadio(RadioButton):
    """A radio button whose choice shows by more than colour: the chosen one has its dot (●), the others
    none, and the chosen one's label ends with a word that says so ("valgt"), for a screen reader too."""

    def __init__(self, label: str, chosen_word: str, *, value: bool = False, id: str | None = None) -> None:
        self._words = label, chosen_word  # before RadioButton's own __init__, which sets the value
        super().__init__(Content(label), value=value, id=id)
        self._mark(value)

    def watch_value(self) -> None:
        super().watch_value()  # the class -on, and the Changed the set listens for
        self._mark(self.value)

    def _mark(self, value: bool) -> None:
        label, chosen_word = self._words
        self.BUTTON_INNER = "●" if value else " "
        self.label = Content.assemble(label, (f" ({chosen_word})", "italic")) if value else Content(label)


class ChoiceSet(RadioSet, inherit_bindings=False):
    """Radio buttons as a form's are in a browser: the arrow keys choose (not only move), space chooses,
    and Enter is left to the dialog, which takes it as OK. The cursor starts on the chosen button."""

    BINDINGS = [Binding("down,right", "choose(1)", "Next option", show=False),
                Binding("up,left", "choose(-1)", "Previous option", show=False),
                Binding("space", "toggle_button", "Toggle", show=False)]  # in bokmål: localize.py

    def on_mount(self) -> None:
        self.call_later(self._to_chosen)  # after RadioSet's own mount, which puts it on the first

    def _to_chosen(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_choose(self, direction: int) -> None:
        if direction > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


class PathDialog(TextualWordsInLanguage, ModalScreen[Path | None]):
    """Asks where to write a file (the answers saved as, the result in a format chosen already)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, prompt: str, default: str, ok: str, cancel: str, *, folder: Path) -> None:
        super().__init__()
        self.prompt, self.default, self.ok, self.cancel = prompt, default, ok, cancel
        self.folder = folder
        """Where a plain name is written."""

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
        field = self.query_one("#path", Input)
        if not field.value.strip():  # no name: nothing to write to; the dialog stays
            self.app.bell()
            field.focus()
            return
        self.dismiss(placed(field.value.strip(), self.folder))

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
    # Enter on the choices (the field and OK have their own) exports; on Cancel it cancels
    BINDINGS = [Binding("escape", "cancel", show=False), Binding("enter", "ok", show=False)]
    FORMATS = [("html", "HTML"), ("md", "Markdown"), ("json", "JSON")]

    def __init__(self, prompt: str, stem: str, ok: str, cancel: str, *,
                 kinds: tuple[str, str], brief_stem: str = "summary", chosen: str = "chosen",
                 folder: Path) -> None:
        super().__init__()
        self.prompt, self.stem, self.ok, self.cancel = prompt, stem, ok, cancel
        self.kinds = kinds
        """The words for the full report and for the summary alone."""
        self.brief_stem = brief_stem
        self.chosen = chosen
        """The word after the chosen format and kind ("valgt")."""
        self.folder = folder
        """Where a plain name is written."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.prompt))
            with ChoiceSet(id="kind"):
                yield ChoiceRadio(self.kinds[0], self.chosen, value=True, id="kind-full")
                yield ChoiceRadio(self.kinds[1], self.chosen, id="kind-brief")
            with ChoiceSet(id="format"):
                for i, (fmt, label) in enumerate(self.FORMATS):
                    yield ChoiceRadio(label, self.chosen, value=i == 0, id=f"format-{fmt}")
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
    def action_ok(self) -> None:
        field = self.query_one("#path", Input)
        if not field.value.strip():  # no name: nothing to write to; the dialog stays
            self.app.bell()
            field.focus()
            return
        self.dismiss((self.fmt, placed(field.value.strip(), self.folder), self.brief))

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
