"""`decide --lang en` and `--lang nb` each give the whole report in one language."""

from __future__ import annotations

import re

import pytest

from assistant.loading import load_answers
from assistant.render import render
from assistant.texts import TEXTS
from tests.test_rule_base import _texts

FORMS = ["grant", "supplier", "employment", "development"]


def _phrases(rule_base, lang):
    """Distinctive texts of one language: those that differ from their translation."""
    pairs = [(t.nb, t.en) for path, t in _texts(rule_base) if "sections" not in path]
    pairs += list(TEXTS.values())
    other = 1 if lang == "nb" else 0
    out = set()
    for pair in pairs:
        mine, theirs = pair[0 if lang == "nb" else 1], pair[other]
        if mine != theirs:
            for chunk in re.split(r"\{[^}]*\}", mine):
                chunk = chunk.strip()
                if len(chunk) >= 16:
                    out.add(chunk)
    return out


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_report_is_in_one_language(form, lang, rule_base, engine):
    from tests.conftest import ROOT
    answers, _, _ = load_answers(ROOT / "examples" / f"{form}.yaml", rule_base)
    result = engine.evaluate(answers)
    text = render(rule_base, result, "text", lang) + render(rule_base, result, "md", lang) + \
        render(rule_base, result, "json", lang)
    flat = " ".join(text.split())
    # names kept in their own language: a practical note's sources (documents), and what the texts
    # quote in «guillemets» (the report's words, a scheme's Norwegian name)
    for note in rule_base.notes.notes:
        for source in note.source:
            flat = flat.replace(" ".join(source.title.split()), "")
    flat = re.sub(r"«[^»]*»", "", flat)
    foreign = _phrases(rule_base, "en" if lang == "nb" else "nb") - _phrases(rule_base, lang)
    leaks = sorted(p for p in foreign if " ".join(p.split()) in flat)
    assert leaks == []
    own = [p for p in _phrases(rule_base, lang) if " ".join(p.split()) in flat]
    assert len(own) > 40
