"""Plain ids and names shared everywhere; nothing here imports pydantic, so the
terminal assistant can paint its first frame before the rule base is loaded."""

from __future__ import annotations

from typing import Literal

from assistant.i18n import FALLBACK, languages
from assistant.i18n import language_name as language_name

Lang = str
"""A language code (`nb`, `nn`, `en`, …): a plain string, so a language is added without changing a type."""
LANGS: tuple[Lang, ...] = languages()
"""The program's languages, in their order of display: those with a catalogue (assistant/i18n.py, a
directory listing): nb, nn, en, then any other by its code. A fourth language is a folder, not code."""
DEFAULT_LANG: Lang = FALLBACK
"""Every text missing in a language is shown in bokmål."""
DONT_KNOW = "dont_know"

Voice = Literal["entrepreneur", "nav", "nav_leader"]
"""Whose words a text is in: "you / your business" to an entrepreneur, "you / your office" to Nav, and to
a Nav leader also "you" for the leader. A trainer and Nav's county level read the neutral words (None)."""
VOICES: tuple[Voice, ...] = ("entrepreneur", "nav", "nav_leader")
VOICE_FALLBACK: dict[str, tuple[Voice, ...]] = {
    "entrepreneur": ("entrepreneur",), "nav": ("nav",), "nav_leader": ("nav_leader", "nav")}
"""The words each voice reads, first found first: a Nav leader reads the Nav words where no leader's are."""
