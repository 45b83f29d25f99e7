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

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import Binding
from textual.screen import Screen

from assistant.i18n import message
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

# Textual's own key descriptions (8.x) are catalogue entries (textual.*); tests/tui/test_pilot.py checks that
# every widget the screens use is covered, so an upgrade that adds a word is caught
_NOT_IN_A_KEY = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=512)
def textual_words(description: str, lang: Lang) -> str:
    """Textual's own words for a key of its widgets ("Page Down", "Delete character left") in `lang`: the
    catalogue's `textual.page_down`, `textual.delete_character_left` (made from Textual's words), else as
    Textual says them. Like every word of the program they are in the catalogues, so a language is a file."""
    key = "textual." + _NOT_IN_A_KEY.sub("_", description.lower()).strip("_")
    try:
        # only Textual's words as Textual writes them: the program's own, already in `lang` ("quit"), are left
        return message(key, lang) if message(key, "en") == description else description
    except KeyError:
        return description


class TextualWordsInLanguage(_ScreenBase):
    """A screen base (put it first) that shows Textual's own key descriptions in the user's language."""

    if TYPE_CHECKING:
        app = getters.app(SamarbeidApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings
        lang = self.app.lang
        shown = {}
        for key, item in active.items():
            words = item.binding.description
            said = textual_words(words, lang) if words else words
            shown[key] = item if said == words else item._replace(binding=replace(item.binding, description=said))
        return shown

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
