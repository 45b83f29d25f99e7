"""Key bindings in the user's language.

Textual reads a screen's BINDINGS from its class, so each screen declares its
keys once (KEYS) and gets one subclass per language with the descriptions
filled in. Nothing else differs between the languages.

The keys Textual's own widgets bring (an option list's "Page Down", an input's
"Delete character left", the screen's "Focus Next") show in the key panel with
English words. Screens take `TextualWordsInLanguage` first among their bases,
which puts those words in bokmål or nynorsk wherever the screen's bindings are shown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import Binding
from textual.screen import Screen

from assistant.ids import Lang
from assistant.texts import say

if TYPE_CHECKING:
    from textual import getters
    from textual.binding import ActiveBinding

    from assistant.tui.app import SamarbeidApp

    # to the type checker the mixin below is the screen it is mixed into
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

S = TypeVar("S", bound=type[Screen[Any]])

# Textual's own key descriptions (8.x) in bokmål; tests/tui/test_pilot.py checks that every
# widget the screens use is covered, so an upgrade that adds a word is caught
TEXTUAL_WORDS_NB: dict[str, str] = {
    "Copy selected text": "Kopier merket tekst",
    "Cut selected text": "Klipp ut merket tekst",
    "Paste text from the clipboard": "Lim inn fra utklippstavlen",
    "Delete all to the left": "Slett alt til venstre",
    "Delete all to the right": "Slett alt til høyre",
    "Delete character left": "Slett tegnet til venstre",
    "Delete character right": "Slett tegnet til høyre",
    "Delete left to start of word": "Slett ordet til venstre",
    "Delete right to start of word": "Slett ordet til høyre",
    "Go to start": "Gå til starten",
    "Go to end": "Gå til slutten",
    "Move cursor left": "Markøren til venstre",
    "Move cursor left a word": "Markøren ett ord til venstre",
    "Move cursor left and select": "Merk ett tegn til venstre",
    "Move cursor left a word and select": "Merk ett ord til venstre",
    "Move cursor right a word": "Markøren ett ord til høyre",
    "Move cursor right and select": "Merk ett tegn til høyre",
    "Move cursor right a word and select": "Merk ett ord til høyre",
    "Move cursor right or accept the completion suggestion": "Markøren til høyre, eller godta forslaget",
    "Select all": "Merk alt",
    "Select line start": "Merk til starten av linjen",
    "Select line end": "Merk til slutten av linjen",
    "Submit": "Bekreft",
    "Up": "Opp",
    "Down": "Ned",
    "First": "Første",
    "Last": "Siste",
    "Page Up": "Side opp",
    "Page Down": "Side ned",
    "Page Left": "Side til venstre",
    "Page Right": "Side til høyre",
    "Scroll Up": "Rull opp",
    "Scroll Down": "Rull ned",
    "Scroll Left": "Rull til venstre",
    "Scroll Right": "Rull til høyre",
    "Scroll Home": "Rull til toppen",
    "Scroll End": "Rull til bunnen",
    "Select": "Velg",
    "Next option": "Neste valg",
    "Previous option": "Forrige valg",
    "Toggle": "Slå av eller på",
    "Toggle collapsible": "Vis eller skjul delen",
    "Press button": "Trykk på knappen",
    "Focus Next": "Neste felt",
    "Focus Previous": "Forrige felt",
    "Quit": "Avslutt",
    # the multiple-choice list's own keys (question.MultiChoice)
    "Choose or unchoose": "Velg eller velg bort",
    "Confirm the choices": "Bekreft valgene",
}

TEXTUAL_WORDS_NN: dict[str, str] = {
    "Copy selected text": "Kopier merkt tekst",
    "Cut selected text": "Klipp ut merkt tekst",
    "Paste text from the clipboard": "Lim inn frå utklippstavla",
    "Delete all to the left": "Slett alt til venstre",
    "Delete all to the right": "Slett alt til høgre",
    "Delete character left": "Slett teiknet til venstre",
    "Delete character right": "Slett teiknet til høgre",
    "Delete left to start of word": "Slett ordet til venstre",
    "Delete right to start of word": "Slett ordet til høgre",
    "Go to start": "Gå til starten",
    "Go to end": "Gå til slutten",
    "Move cursor left": "Markøren til venstre",
    "Move cursor left a word": "Markøren eitt ord til venstre",
    "Move cursor left and select": "Merk eitt teikn til venstre",
    "Move cursor left a word and select": "Merk eitt ord til venstre",
    "Move cursor right a word": "Markøren eitt ord til høgre",
    "Move cursor right and select": "Merk eitt teikn til høgre",
    "Move cursor right a word and select": "Merk eitt ord til høgre",
    "Move cursor right or accept the completion suggestion": "Markøren til høgre, eller godta framlegget",
    "Select all": "Merk alt",
    "Select line start": "Merk til starten av lina",
    "Select line end": "Merk til slutten av lina",
    "Submit": "Stadfest",
    "Up": "Opp",
    "Down": "Ned",
    "First": "Første",
    "Last": "Siste",
    "Page Up": "Side opp",
    "Page Down": "Side ned",
    "Page Left": "Side til venstre",
    "Page Right": "Side til høgre",
    "Scroll Up": "Rull opp",
    "Scroll Down": "Rull ned",
    "Scroll Left": "Rull til venstre",
    "Scroll Right": "Rull til høgre",
    "Scroll Home": "Rull til toppen",
    "Scroll End": "Rull til botnen",
    "Select": "Vel",
    "Next option": "Neste val",
    "Previous option": "Førre val",
    "Toggle": "Slå av eller på",
    "Toggle collapsible": "Vis eller skjul delen",
    "Press button": "Trykk på knappen",
    "Focus Next": "Neste felt",
    "Focus Previous": "Førre felt",
    "Quit": "Avslutt",
    # the multiple-choice list's own keys (question.MultiChoice)
    "Choose or unchoose": "Vel eller vel bort",
    "Confirm the choices": "Stadfest vala",
}

TEXTUAL_WORDS: dict[str, dict[str, str]] = {"nb": TEXTUAL_WORDS_NB, "nn": TEXTUAL_WORDS_NN}
"""Textual's words by language; a language not here (English) reads Textual's own."""


class TextualWordsInLanguage(_ScreenBase):
    """A screen base (put it first) that shows Textual's own key descriptions in the user's language."""

    if TYPE_CHECKING:
        app = getters.app(SamarbeidApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings
        words = TEXTUAL_WORDS.get(self.app.lang)
        if words is None:
            return active
        return {key: item._replace(binding=replace(item.binding, description=words.get(
                    item.binding.description, item.binding.description)))
                for key, item in active.items()}

# key, action, text key, shown in the footer, priority
KeySpec = tuple[str, str, str, bool, bool]

COMMON_KEYS: list[KeySpec] = [
    ("ctrl+p", "app.command_palette", "key.palette", False, True),
    ("ctrl+q", "app.quit", "key.quit", True, True),
    # back to the shell, as in any terminal program; `fg` comes back (F25). Where a process cannot be
    # suspended (Windows) Textual's action does nothing
    ("ctrl+z", "app.suspend_process", "key.suspend", False, True),
]

NUMBER_KEYS = 9
"""Options 1 to 9 have a number key; a tenth and later ones are chosen with the arrows."""


def number_bindings(lang: Lang) -> list[Binding]:
    """The number keys, each running the screen's `choose_number(n)`: named once, as the range "1–9",
    in the footer and the key panel."""
    shown = f"1–{NUMBER_KEYS}"
    return [Binding(str(n), f"choose_number({n})", say("key.number", lang), show=n == 1, key_display=shown,
                    system=n > 1) for n in range(1, NUMBER_KEYS + 1)]


_made: dict[tuple[type, str], type] = {}


def in_language(cls: S, lang: Lang) -> S:
    """The screen class `cls` with its key descriptions in `lang`."""
    key = (cls, lang)
    if key not in _made:
        specs: list[KeySpec] = [*getattr(cls, "KEYS", []), *COMMON_KEYS]
        bindings = [Binding(k, action, say(text, lang), show=show, priority=prio)
                    for k, action, text, show, prio in specs]
        more = getattr(cls, "more_bindings", None)
        if more is not None:  # keys that need more than a KeySpec says (a range shown once), first in the footer
            bindings = more(lang) + bindings
        _made[key] = type(cls.__name__, (TextualWordsInLanguage, cls),
                          {"BINDINGS": bindings, "__module__": cls.__module__})
    return _made[key]  # type: ignore[return-value]
