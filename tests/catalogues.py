"""The program's words as the catalogues hold them, for the tests: key -> text per language.

Read from the .po files with Babel (a development tool; the program itself reads the compiled .mo with
the standard library's gettext, assistant/i18n.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from assistant.i18n import DOMAIN, SHIPPED_DIR, languages

LOCALE = Path(SHIPPED_DIR)


def po_path(lang: str, directory: Path = LOCALE) -> Path:
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def messages(lang: str, directory: Path = LOCALE) -> dict[str, str]:
    """Every message of `lang`'s .po (the header left out): its key and its text, "" where untranslated."""
    from babel.messages.pofile import read_po

    with po_path(lang, directory).open("rb") as handle:
        catalogue = read_po(handle, locale=None, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in catalogue if m.id}


def program_words(lang: str) -> list[str]:
    """Every text of the program's own words in `lang` (what a spelling check reads)."""
    return list(messages(lang).values())


def shipped() -> tuple[str, ...]:
    return languages(str(LOCALE))
