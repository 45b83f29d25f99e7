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
from assistant.render import render
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
    if all(a != (DONT_KNOW,) for a in answers.values()):
        # a scenario with every answer known: its last answer (not the role) becomes the unknown one,
        # so that the two inputs differ and the comparison can fail
        last = [q.id for q in asked(rule_base.questions, answers)
                if q.id in answers and q.id != rule_base.role_question][-1]
        answers = {**answers, last: (DONT_KNOW,)}
    omitted_answers = _with_unknowns(rule_base, answers, "omitted")
    dont_know_answers = _with_unknowns(rule_base, answers, "dont_know")
    assert omitted_answers != dont_know_answers  # there is something to compare
    omitted = engine.evaluate(omitted_answers)
    dont_know = engine.evaluate(dont_know_answers)
    left = result_dict(rule_base, omitted, "en")
    right = result_dict(rule_base, dont_know, "en")
    assert left["trace"] != right["trace"] or left["answers"] != right["answers"]  # the one allowed difference
    for key in SAME_FOR_BOTH | {"made"}:
        left.pop(key, None)
        right.pop(key, None)
    assert left == right


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_a_form_shows_its_typical_risks_unless_an_answer_rules_them_out_or_addresses_them(path, rule_base, engine):
    """What the reader sees: each typical risk of the form is in the report by its name, unless the answers
    rule it out, and then it is not; a risk raised or ruled out names answers the person gave."""
    answers, _ = load_scenario(path, rule_base)
    result = engine.evaluate(answers)
    if result.form is None:
        pytest.skip("the form is open")
    report = " ".join(render(rule_base, result, "text", "en").split())
    form = next(f for f in rule_base.forms if f.id == result.form)
    risks = {r.id: r for r in rule_base.risks}
    status = {r.id: r for r in result.risks}
    facts = engine.situation(answers).facts
    assert form.risks
    for typical in form.risks:
        hit = status[typical.id]
        shown = " ".join(risks[typical.id].name("en").split()) in report
        if hit.status == "ruled_out":
            assert not shown, f"{typical.id} is ruled out and still shown"
            rule = risks[typical.id].ruled_out_when
            assert rule is not None and truth(rule, facts) is True, f"{typical.id} left out, no answer rules it out"
            assert hit.because and set(hit.because) <= set(answers), f"{typical.id}: not ruled out by given answers"
            continue
        assert shown, f"{typical.id} ({hit.status}) is a typical risk of {result.form} and not in the report"
        assert result.form in hit.forms, f"{typical.id}: the result does not say which form names it"
        if hit.status == "addressed":
            rule = risks[typical.id].addressed_when
            assert rule is not None and truth(rule, facts) is True, f"{typical.id} addressed, no answer addresses it"
            assert hit.addressed_by and set(hit.addressed_by) <= set(answers), typical.id
            assert risks[typical.id].remains is not None, f"{typical.id}: addressed, nothing said of what remains"
            assert " ".join(risks[typical.id].remains("en").split()) in report, f"{typical.id}: what remains not shown"
        elif hit.status == "raised":
            assert truth(risks[typical.id].applies_when, facts) is True, typical.id
            assert hit.because and set(hit.because) <= set(answers), f"{typical.id}: raised by no answer given"
        else:
            assert hit.status == "typical", f"{typical.id} is {hit.status}"
            assert truth(risks[typical.id].applies_when, facts) is not True, f"{typical.id}: raised, shown as typical"


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
    # a way to each form the collaboration is not (never an empty list: the loop below would pass on one)
    assert sorted(c.form for c in result.what_would_change) == sorted({f.id for f in rule_base.forms} - {result.form})
    for change in result.what_would_change:
        assert change.change, f"{change.form}: a way there that changes nothing"
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
