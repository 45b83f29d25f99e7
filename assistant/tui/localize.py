"""Key bindings in the user's language.

Textual reads a screen's BINDINGS from its class, so each screen declares its
keys once (KEYS) and gets one subclass per language with the descriptions
filled in. Nothing else differs between the two.
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import Screen

from assistant.ids import Lang
from assistant.texts import say

S = TypeVar("S", bound=type[Screen])

# key, action, text key, shown in the footer, priority
KeySpec = tuple[str, str, str, bool, bool]

COMMON_KEYS: list[KeySpec] = [
    ("ctrl+p", "app.command_palette", "key.palette", False, True),
    ("ctrl+q", "app.quit", "key.quit", True, True),
]

_made: dict[tuple[type, str], type] = {}


def in_language(cls: S, lang: Lang) -> S:
    """The screen class `cls` with its key descriptions in `lang`."""
    key = (cls, lang)
    if key not in _made:
        specs: list[KeySpec] = [*getattr(cls, "KEYS", []), *COMMON_KEYS]
        bindings = [Binding(k, action, say(text, lang), show=show, priority=prio)
                    for k, action, text, show, prio in specs]
        _made[key] = type(cls.__name__, (cls,), {"BINDINGS": bindings, "__module__": cls.__module__})
    return _made[key]  # type: ignore[return-value]
