"""The program's own words, one gettext catalogue per language, looked up with the standard library.

`assistant/locale/<lang>/LC_MESSAGES/samarbeid.po` holds a language's words: the message id is the key the
code asks for (`"trace.role.nav"`, `"web.503.busy.title"`), the message its text in that language, with
`{name}` where a value goes in. `make catalogues` compiles each `.po` into the `.mo` beside it, which is
what is read here (docs/translating.md). A language is a folder with a compiled catalogue: adding a folder
adds a language, with no change to the code; `SAMARBEID_LOCALE_DIR` points at another folder of them (a
translator's copy, a test's stub language).

Each language's catalogue is read once, the first time one of its words is asked for, with bokmål's as its
fallback: a word a catalogue lacks is said in bokmål, never a crash. A key bokmål lacks is a programming
error and raises KeyError, as a missing dictionary key did before the words were catalogues.

Only the standard library here (no Babel, no pydantic): `assistant.ids` lists the languages from this
module when the terminal app starts, before anything else is loaded.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations

DOMAIN = "samarbeid"
LOCALE_DIR_VARIABLE = "SAMARBEID_LOCALE_DIR"
FALLBACK = "nb"
"""Bokmål, the language every other falls back on (ids.DEFAULT_LANG is this)."""
FIRST = ("nb", "nn", "en")
"""The shipped languages' order of display; any other follows them, sorted by its code."""
SHIPPED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")


def locale_dir() -> str:
    """The folder of catalogues: `SAMARBEID_LOCALE_DIR` where it is set, else the package's own."""
    return os.environ.get(LOCALE_DIR_VARIABLE) or SHIPPED_DIR


def _mo(directory: str, lang: str) -> str:
    return os.path.join(directory, lang, "LC_MESSAGES", f"{DOMAIN}.mo")


def languages(directory: str | None = None) -> tuple[str, ...]:
    """The languages with a compiled catalogue, in their order of display: nb, nn, en, then others sorted.
    A directory listing (once per folder): nothing is read or parsed."""
    return _languages(directory or locale_dir())


@lru_cache(maxsize=8)
def _languages(where: str) -> tuple[str, ...]:
    try:
        names = os.listdir(where)
    except OSError:
        names = []
    found = {name for name in names if os.path.isfile(_mo(where, name))}
    return tuple(lang for lang in FIRST if lang in found) + tuple(sorted(found - set(FIRST)))


@cache
def _catalogue(directory: str, lang: str) -> NullTranslations:
    from gettext import GNUTranslations, NullTranslations

    fallback = None if lang == FALLBACK else _catalogue(directory, FALLBACK)
    try:
        with open(_mo(directory, lang), "rb") as handle:
            catalogue: NullTranslations = GNUTranslations(handle)
    except FileNotFoundError:
        # a language with no catalogue of its own (an old session's) is all bokmål; with no bokmål either
        # (a broken copy of the folder) every key is unknown
        return fallback or NullTranslations()
    if fallback is not None:
        catalogue.add_fallback(fallback)
    return catalogue


def catalogue(lang: str) -> NullTranslations:
    """`lang`'s catalogue, with bokmål's behind it; read once per process and language, from the folder
    `SAMARBEID_LOCALE_DIR` named when the first word was asked for. A code that names no catalogue (a saved
    session's, a cookie's) reads bokmål's: only listed folders are ever opened, and kept."""
    directory = _directory()
    return _catalogue(directory, lang if lang in _languages(directory) else FALLBACK)


_directory = cache(locale_dir)


def message(key: str, lang: str) -> str:
    """The words `key` in `lang`, else in bokmål. A key bokmål does not have raises KeyError.

    gettext gives back the id itself for a message it has in no catalogue of the chain: that is how an
    unknown key shows (no text is its own key: keys are dotted ids)."""
    text = catalogue(lang).gettext(key)
    if text == key:
        raise KeyError(key)
    return text


def known(key: str) -> bool:
    """Whether bokmål's catalogue has `key` (every key the program uses is there)."""
    return catalogue(FALLBACK).gettext(key) != key


def language_name(lang: str) -> str:
    """The language's name for itself (`lang.name`: Bokmål, Nynorsk, English), as a language choice shows it."""
    return message("lang.name", lang)
