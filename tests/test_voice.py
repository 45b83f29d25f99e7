"""Every word in the reader's own voice (issue 18): what each role reads never names the reader in the
third person.

An entrepreneur is "you" / "your business", never "entreprenøren" / "the entrepreneur" (nor "den"/"it"
standing for them); a Nav leader is never "lederen" / "the leader"; a Nav employee is "you" / "your
office". Checked on what each role is asked (`samarbeid questions --role`) and on the whole result a role
reads for every scenario, in both languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answers import read_answers
from assistant.render import render
from assistant.render.questions import questions_for_role
from assistant.yamlsource import load_yaml

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))

# What may not stand for the reader, per voice and language. Plural and generic words ("entreprenørene i
# studien", "entrepreneurs") are the report speaking of entrepreneurs in general, and allowed.
THIRD_PERSON = {
    "entrepreneur": {
        "nb": [r"\bentreprenøren\b", r"\bentreprenørens\b", r"\bden har utformet\b", r"\bvil den gjøre det\b",
               r"\bsin egen virksomhet\b"],
        "nn": [r"\bentreprenøren\b", r"\bentreprenøren sitt\b", r"\bsi eiga verksemd\b", r"\bsitt eige\b"],
        "en": [r"\bthe entrepreneur\b", r"\bthe entrepreneur's\b", r"\bit designed itself\b", r"\bits own business\b",
               r"\bdoes \(or will\) the entrepreneur\b"],
    },
    "nav_leader": {
        "nb": [r"\blederen\b", r"\bkontorlederen\b", r"\blederens\b"],
        "nn": [r"\bleiaren\b", r"\bkontorleiaren\b", r"\bleiaren sin\b"],
        "en": [r"\bthe leader\b", r"\bthe office leader\b", r"\bthe leader's\b"],
    },
}


def _offending(text: str, voice: str | None, lang: str) -> list[str]:
    if voice is None:
        return []
    found = []
    for pattern in THIRD_PERSON.get(voice, {}).get(lang, []):
        for m in re.finditer(pattern, text, re.IGNORECASE):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            found.append(text[line_start:line_end if line_end != -1 else None].strip())
    return found


def _roles(rule_base) -> list[str]:
    return [o.id for o in rule_base.role_options]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_role_is_asked_in_its_own_words(rule_base, lang):
    problems = []
    for role in _roles(rule_base):
        voice = rule_base.voice(role)
        out = questions_for_role(rule_base, role, lang)
        problems += [f"{role}: {line}" for line in _offending(out, voice, lang)]
    assert not problems, "third person for the reader:\n" + "\n".join(dict.fromkeys(problems))


def test_the_voices_are_those_of_the_roles(rule_base):
    """An entrepreneur reads the entrepreneur's words, every leader the leader's, a Nav employee the Nav
    words; a trainer and Nav's county level read the neutral words, answering for a case or for offices."""
    assert rule_base.voice("entrepreneur") == "entrepreneur"
    assert {rule_base.voice(r) for r in ("nav_leader", "nav_leader_state", "nav_leader_municipal")} == {"nav_leader"}
    assert {rule_base.voice(r) for r in ("nav_employee_state", "nav_employee_municipal")} == {"nav"}
    assert rule_base.voice("trainer") is None and rule_base.voice("nav_county") is None
    assert rule_base.receivers("nav_leader") == frozenset({"nav"})
    assert rule_base.receivers("nav_county") == frozenset({"nav"})


def test_a_trainer_is_told_to_answer_for_a_case_and_pointed_to_the_room(rule_base):
    role = next(q for q in rule_base.questions.questions if q.id == rule_base.role_question)
    trainer = next(o for o in role.options if o.id == "trainer")
    assert "case" in trainer.explain("nb").lower() and "case" in trainer.explain("en").lower()
    assert "workshop" in role.help("nb") and "samarbeid serve" in role.help("en")


@pytest.fixture(scope="module")
def every_result(rule_base, engine) -> list[tuple[str, str, str, object]]:
    """Each scenario's answers with each role that has a voice, evaluated once for both languages (the
    evaluation, what would change included, is most of the time; the language is only the rendering)."""
    results = []
    for path in SCENARIOS:
        doc = load_yaml(path)
        for role in _roles(rule_base):
            voice = rule_base.voice(role)
            if voice is None:
                continue
            raw = {**doc.data["answers"], "role": role}
            answers, _, _ = read_answers(raw, rule_base.questions, doc, ("answers",))
            results.append((path.stem, role, voice, engine.evaluate(answers)))
    return results


@pytest.mark.xdist_group("voice")  # every language on one worker, which evaluates every_result once
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_role_reads_its_result_in_its_own_words(rule_base, every_result, lang):
    """The whole report (text) each role reads, for the answers of every scenario with that role."""
    problems = []
    for name, role, voice, result in every_result:
        text = render(rule_base, result, "text", lang)
        problems += [f"{name} as {role}: {line}" for line in _offending(text, voice, lang)]
    unique = list(dict.fromkeys(problems))
    assert not unique, f"{len(unique)} lines name the reader in the third person:\n" + "\n".join(unique[:60])
