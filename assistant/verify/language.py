"""Language: every text has its bokmål (the schema demands it); here, for every language of the program
and every other language the rule base writes texts in, the texts missing it and the texts left identical
to another language's are pointed out, and so are texts with characters a terminal would act on.

A text missing a language is shown in bokmål (models/common.py `Words`): a warning, never an error, but
`check --strict` fails on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.errors import Problem
from assistant.ids import DEFAULT_LANG, LANGS
from assistant.models.common import is_language_code
from assistant.safetext import unsafe_characters
from assistant.yamlsource import Document

MIN_WORDS = 4
"""A text of fewer words is taken for a name or a term («KREM», «Ja», «Samskaping»): the same in two
languages as often as not."""

VOICE_KEYS = {"entrepreneur", "nav", "nav_leader"}
"""A text's words for a reader's voice sit beside its languages (models/common.py `Text`)."""

NAMES = {"nb": "bokmål", "nn": "nynorsk", "en": "English"}
"""The languages' names in `check`'s messages (which speak English to a rule base's author)."""

SAME_AS_BOKMAL: dict[str, frozenset[str]] = {
    "nn": frozenset({
        "Nav i fylket (regionalt nivå)",
        "Kompetanse på prosjektutvikling og samskaping",
        "Samskaping, prøving og feiling, ofte organisert som prosjekt.",
        "Nav bestiller, og vi justerer leveransen i dialog",
        "Nav bestiller, og du justerer leveransen i dialog med Nav",
        "Den kommunale delen av Nav, eller kommunen",
        "Første år, lite erfaring med Nav.",
        "Har prøvd, men er usikker.",
        "Folk på sosialhjelp eller i kvalifiseringsprogrammet",
        "Ja, det er avtalt",
        "Nei, dette er nytt",
        "Dette er på plass.",
        "Reservert konkurranse for ideelle",
        "Ta vare på det lokale handlingsrommet",
    }),
}
"""Sentences written alike in bokmål and in the language, read and kept so: not reported as untranslated.
Short on purpose: a sentence belongs here only when a translator has read it and it is right as it is."""


TRANSLATED_FROM = (DEFAULT_LANG, "en")
"""The languages a text is translated from: a text the same as one of theirs is not translated."""


def name(lang: str) -> str:
    """A language as `check` names it: «nynorsk (nn)»."""
    return f"{NAMES[lang]} ({lang})" if lang in NAMES else f"'{lang}'"


def _is_text(node: dict[Any, Any]) -> bool:
    return isinstance(node.get(DEFAULT_LANG), str) and all(k in VOICE_KEYS or is_language_code(k) for k in node)


def _texts(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every text, and every reader's words of one, with its path."""
    if isinstance(node, dict):
        if _is_text(node):
            yield path, node
            for voice in sorted(VOICE_KEYS & set(node)):
                yield from _texts(node[voice], path + (voice,))
            return
        for key, value in node.items():
            yield from _texts(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, path + (i,))


def _languages_of(text: dict[str, Any]) -> list[str]:
    return [k for k in text if k not in VOICE_KEYS]


def languages(docs: list[Document]) -> list[str]:
    """The languages to check: the program's (LANGS), then any other the rule base writes a text in,
    in the order they first appear."""
    found = list(LANGS)
    for doc in docs:
        for _, text in _texts(doc.data, ()):
            found += [lang for lang in _languages_of(text) if lang not in found]
    return found


def missing_texts(doc: Document, langs: list[str]) -> dict[str, list[Problem]]:
    """For each language, the texts of `doc` that have no words in it (each shown in bokmål)."""
    found: dict[str, list[Problem]] = {lang: [] for lang in langs if lang != DEFAULT_LANG}
    for path, text in _texts(doc.data, ()):
        for lang in found:
            if lang not in text:
                found[lang].append(doc.problem(
                    path, f"no {name(lang)} text: it is shown in bokmål",
                    f"add '{lang}:' beside 'nb:', in {NAMES.get(lang, lang)}", key=bool(path)))
    return found


def _flat(value: str) -> str:
    return " ".join(value.split())


def _exempt(lang: str, path: tuple[Any, ...], flat: str) -> bool:
    """Texts that are the same in two languages by right: the report's section titles (kept as the report's
    headings), a quotation in «guillemets», a name or a term (fewer than MIN_WORDS words), a number, and the
    sentences a translator has kept (SAME_AS_BOKMAL)."""
    return (path[:1] == ("sections",) or (flat.startswith("«") and flat.endswith("»"))
            or len(flat.split()) < MIN_WORDS or not any(c.isalpha() for c in flat)
            or flat in SAME_AS_BOKMAL.get(lang, ()))


def untranslated(doc: Document, langs: list[str] | None = None) -> dict[str, list[Problem]]:
    """For each language, the texts of `doc` whose words are those of a language it is translated from
    (bokmål's, or English left in a nynorsk text): most likely not translated."""
    order = langs or list(LANGS)
    found: dict[str, list[Problem]] = {lang: [] for lang in order if lang != DEFAULT_LANG}
    for path, text in _texts(doc.data, ()):
        written = {lang: _flat(value) for lang in _languages_of(text) if isinstance(value := text[lang], str)}
        for lang in found:
            mine = written.get(lang)
            if mine is None or _exempt(lang, path, mine):
                continue
            same = next((o for o in TRANSLATED_FROM if o != lang and written.get(o) == mine), None)
            if same is not None:
                found[lang].append(doc.problem(
                    path + (lang,), f"the {name(lang)} text is the same as the {name(same)} one",
                    f"translate it into {NAMES.get(lang, lang)}, or check that it was not pasted twice"))
    return found


def acting_characters(doc: Document) -> list[Problem]:
    """Texts holding a control character, an escape sequence or a bidirectional override: shown as
    their escapes (safetext), they are almost certainly a slip of a copy and paste."""
    problems = []
    for path, text in _texts(doc.data, ()):
        for lang in _languages_of(text):
            value = text.get(lang)
            found = unsafe_characters(value) if isinstance(value, str) else []
            if found:
                problems.append(doc.problem(
                    path + (lang,), f"the text holds characters a terminal would act on: {', '.join(found)}",
                    "remove them; they are shown as the escapes above"))
    return problems
