"""Advice a person can act on (issue 12), over every scenario in tests/scenarios:

- "don't know" and an omitted answer are the same unknown: identical results;
- a result of a form shows the risks the report names for that form, unless an answer rules them out;
- an entrepreneur always gets something to do, and, where answers are unknown, what to find out;
- "what would change" proposes only situations that hang together;
- `check` fails when a form names no typical risks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.engine.conditions import Facts, truth
from assistant.engine.flow import asked
from assistant.ids import DONT_KNOW
from assistant.render.json import result_dict
from assistant.verify import check
from tests.conftest import ROOT
from tests.test_scenarios import SCENARIOS, load_scenario

IDS = [p.stem for p in SCENARIOS]
SAME_FOR_BOTH = {"trace", "answers"}
"""What may differ: the trace says "you answered don't know", and the answers list shows it."""


def _with_unknowns(rule_base, answers, how: str) -> dict[str, tuple[str, ...]]:
    """The answers with every asked question that has no known answer either left out or answered "don't know"."""
    known = {q: a for q, a in answers.items() if a != (DONT_KNOW,)}
    if how == "omitted":
        return known
    filled = dict(known)
    for _ in range(3):  # a "don't know" never makes a question appear; one pass settles it, the rest confirm
        for q in asked(rule_base.questions, filled):
            filled.setdefault(q.id, (DONT_KNOW,))
    return filled


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_dont_know_and_an_omitted_answer_give_identical_results(path, rule_base, engine):
    answers, _ = load_scenario(path, rule_base)
    omitted = engine.evaluate(_with_unknowns(rule_base, answers, "omitted"))
    dont_know = engine.evaluate(_with_unknowns(rule_base, answers, "dont_know"))
    left = result_dict(rule_base, omitted, "en")
    right = result_dict(rule_base, dont_know, "en")
    for key in SAME_FOR_BOTH | {"made"}:
        left.pop(key, None)
        right.pop(key, None)
    assert left == right


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_a_form_shows_its_typical_risks_unless_an_answer_rules_them_out_or_addresses_them(path, rule_base, engine):
    answers, _ = load_scenario(path, rule_base)
    result = engine.evaluate(answers)
    if result.form is None:
        pytest.skip("the form is open")
    form = next(f for f in rule_base.forms if f.id == result.form)
    risks = {r.id: r for r in rule_base.risks}
    status = {r.id: r for r in result.risks}
    facts = engine.situation(answers).facts
    assert form.risks
    for typical in form.risks:
        hit = status[typical.id]
        if hit.status == "ruled_out":
            rule = risks[typical.id].ruled_out_when
            assert rule is not None and truth(rule, facts) is True, f"{typical.id} left out, no answer rules it out"
            assert hit.because, f"{typical.id}: ruled out without naming the answers that do it"
        elif hit.status == "addressed":
            rule = risks[typical.id].addressed_when
            assert rule is not None and truth(rule, facts) is True, f"{typical.id} addressed, no answer addresses it"
            assert hit.addressed_by, f"{typical.id}: addressed without naming the answers that do it"
            assert risks[typical.id].remains is not None, f"{typical.id}: addressed, nothing said of what remains"
        else:
            assert hit.status in ("raised", "typical"), f"{typical.id} is {hit.status}"


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_an_entrepreneur_gets_something_to_do_and_what_to_find_out(path, rule_base, engine):
    answers, _ = load_scenario(path, rule_base)
    result = engine.evaluate({**answers, rule_base.role_question: ("entrepreneur",)})
    assert result.party == "entrepreneur"
    # its own recommendations, what it can ask Nav for, or the summary's first steps
    doing = [r for r in result.recommendations if (r.to, r.how) in (("entrepreneur", "do"), ("nav", "ask"))]
    assert doing or result.summary.first_steps, "nothing for the entrepreneur to do"
    assert all(r.how == "ask" for r in result.recommendations if r.to == "nav")
    if result.unanswered:
        assert result.to_find_out, f"{result.unanswered} unknown answers and nothing to find out"


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_what_would_change_describes_a_collaboration_that_hangs_together(path, rule_base, engine):
    answers, _ = load_scenario(path, rule_base)
    result = engine.evaluate(answers)
    known = {q: a for q, a in result.answers.items() if a != (DONT_KNOW,)}
    before = Facts(known, forms=frozenset({result.form} - {None}))
    for change in result.what_would_change:
        changed = {**known, **change.change}
        assert engine.decide_form(changed) == change.form
        after = Facts(changed, forms=frozenset({change.form}))
        for conflict in rule_base.axes.conflicts:
            if truth(conflict.when, after) is True:
                assert truth(conflict.when, before) is True, f"{change.form}: the change makes '{conflict.id}' hold"


def test_unknown_answers_are_filled_in_before_known_ones_are_changed(rule_base, engine):
    """With the relation's answers unknown, the way to another form is to find them out, not to change
    what the person said."""
    answers = {"role": ("trainer",), "task_defined": ("specification",), "goal": ("deliver_service",),
               "service_status": ("finished",)}
    result = engine.evaluate(answers)
    assert result.form is None
    changes = {c.form: c for c in result.what_would_change}
    for form in ("grant", "supplier"):  # both sit on the existing pole the answers give
        assert changes[form].change, form
        assert set(changes[form].change) == set(changes[form].was_unknown), changes[form]


def test_check_fails_when_a_form_names_no_typical_risks(tmp_path: Path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "questions.yaml", tmp_path / "questions.yaml")
    forms = tmp_path / "rules" / "forms.yaml"
    text = forms.read_text(encoding="utf-8")
    start = text.index("    risks:")
    end = text.index("    examples:", start)
    forms.write_text(text[:start] + "    risks: []\n" + text[end:], encoding="utf-8")
    report = check(tmp_path / "questions.yaml", tmp_path / "rules")
    messages = [f.problem.message for f in report.findings]
    assert any("names no typical risks" in m for m in messages), messages
    assert report.exit_code() == 1
