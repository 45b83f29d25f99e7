"""Bokmål or English left on a page, a report or a screen in nynorsk (issue 22).

What "left" means: a phrase of bokmål (or English) that differs from its nynorsk, from the catalogues and
the rule base, found in what a reader of nynorsk is shown. The report's quotations («…»), the titles of
documents, names and numbers (phrases shorter than MIN_CHARS) and the sentences check's SAME_AS_BOKMAL
keeps alike are not phrases of another language: they are the same in nynorsk, so never "foreign".
"""

from __future__ import annotations

import html
import re

from tests.catalogues import messages
from tests.test_rule_base import _texts

MIN_CHARS = 14
"""A phrase shorter than this (a name, «Ja», «Nei») says nothing about which language a page is in."""


def leaks(shown: str, rule_base, lang: str = "nn") -> list[str]:
    """The phrases of another language in `shown` (HTML or text) for a reader of `lang`."""
    text = _shown(shown, rule_base)
    return sorted(p for p in foreign_phrases(rule_base, lang) if p in text)


_FOUND: dict[tuple[int, str], frozenset[str]] = {}


def foreign_phrases(rule_base, lang: str = "nn") -> frozenset[str]:
    """Phrases of the other languages that differ from `lang`'s: the catalogues' and the rule base's."""
    if (id(rule_base), lang) not in _FOUND:
        _FOUND[(id(rule_base), lang)] = _phrases(rule_base, lang)
    return _FOUND[(id(rule_base), lang)]


def _phrases(rule_base, lang: str) -> frozenset[str]:
    others = [other for other in ("nb", "nn", "en") if other != lang]
    mine_words, found = messages(lang), set()
    pairs = [(mine_words[key], messages(other)[key]) for other in others for key in mine_words]
    for _, text in _texts(rule_base):
        pairs += [(text.get(lang) or "", text.get(other) or "") for other in others]
    own = set()
    for mine, theirs in pairs:
        if mine != theirs:
            found |= _chunks(theirs)
            own |= _chunks(mine)
    return frozenset(found - own)


def _chunks(text: str) -> set[str]:
    chunks = set()
    for part in re.split(r"\{[^}]*\}|«[^»]*»|\n", text):
        part = " ".join(part.split()).strip(" .,:;()–-")
        if len(part) >= MIN_CHARS:
            chunks.add(part.casefold())  # a name is a leak inside a sentence too: «et tilskuddssamarbeid»
    return chunks


def _shown(page: str, rule_base) -> str:
    """What a page says: its text and the words in its attributes (aria-label, title, alt), unescaped, the
    quotations, the documents' titles and the program's name left out."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    words = re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', page)
    text = html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page), *words]))
    text = " ".join(text.split())
    for title in [rule_base.meta.report.title] + [s.title for note in rule_base.notes.notes for s in note.source]:
        text = text.replace(" ".join(title.split()), " ")
    return re.sub(r"«[^»]*»", " ", text).casefold()
