"""Language: every text is in nb and in en (the schema demands both, non-empty);
here, texts left untranslated — the same words in both — are pointed out, and so are
texts with characters a terminal would act on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.errors import Problem
from assistant.safetext import unsafe_characters
from assistant.yamlsource import Document

MIN_WORDS = 4  # names like «KREM» or «Hverdagsvikar» are the same in both languages


VOICE_KEYS = {"entrepreneur", "nav", "nav_leader"}
"""A text's words for a reader's voice sit beside its nb and en (models/common.py `Text`)."""


def _texts(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every text, and every reader's words of one, with its path."""
    if isinstance(node, dict):
        if {"nb", "en"} <= set(node) <= {"nb", "en"} | VOICE_KEYS:
            yield path, node
            for voice in VOICE_KEYS & set(node):
                yield from _texts(node[voice], path + (voice,))
            return
        for key, value in node.items():
            yield from _texts(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, path + (i,))


def untranslated(doc: Document) -> list[Problem]:
    problems = []
    for path, text in _texts(doc.data, ()):
        nb, en = text["nb"], text["en"]
        if isinstance(nb, str) and isinstance(en, str) and len(nb.split()) >= MIN_WORDS \
                and " ".join(nb.split()) == " ".join(en.split()):
            problems.append(doc.problem(path + ("en",), "the English text is the same as the Norwegian one",
                                        "translate it, or check that it was not pasted twice"))
    return problems


def acting_characters(doc: Document) -> list[Problem]:
    """Texts holding a control character, an escape sequence or a bidirectional override: shown as
    their escapes (safetext), they are almost certainly a slip of a copy and paste."""
    problems = []
    for path, text in _texts(doc.data, ()):
        for lang in ("nb", "en"):
            value = text.get(lang)
            found = unsafe_characters(value) if isinstance(value, str) else []
            if found:
                problems.append(doc.problem(
                    path + (lang,), f"the text holds characters a terminal would act on: {', '.join(found)}",
                    "remove them; they are shown as the escapes above"))
    return problems
