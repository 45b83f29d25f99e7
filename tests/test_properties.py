"""Properties that must hold for every input, tried on many generated ones (hypothesis).

- A random walk through questions.yaml — answering, saying "don't know",
  going back to change an answer, stopping anywhere — always gives a valid
  result, and every front end's renderer can show it.
- A random mutation of a rule file always gives problems (when it breaks the
  file) and never an exception.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.engine import Engine
from assistant.engine.flow import asked, asked_again, next_open
from assistant.ids import DONT_KNOW
from assistant.loading import RULE_FILES, load_rule_base
from assistant.render import render
from assistant.verify import check
from assistant.yamlsource import load_yaml
from tests.budget import examples

ROOT = Path(__file__).resolve().parent.parent
RULE_BASE = load_rule_base(ROOT / "questions.yaml", ROOT / "rules")
ENGINE = Engine(RULE_BASE)
# examples per run (tests/budget.py: the profile of make test or make test-thorough); more for a longer hunt:
# WALKS=2000 MUTATIONS=1000 make test-thorough
WALKS = examples(100, "WALKS")
MUTATIONS = examples(25, "MUTATIONS")
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
DESIGN_KEYS = {"form", "candidates", "secondary", "axes", "conditions", "risks", "recommendations", "trace",
               "what_would_change", "rules_version", "lang"}


def _answer(data, question) -> tuple[str, ...]:
    ids = [o.id for o in question.options]
    if data.draw(st.integers(0, 5), label="dont know?") == 0:
        return (DONT_KNOW,)
    if question.kind == "multi":
        return tuple(data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True),
                               label=question.id))
    return (data.draw(st.sampled_from(ids), label=question.id),)


@settings(max_examples=WALKS, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.data())
def test_a_random_walk_always_gives_a_valid_result(data):
    rule_base, engine = RULE_BASE, ENGINE
    questions = rule_base.questions
    answers: dict[str, tuple[str, ...]] = {}
    while (q := next_open(questions, answers)) is not None:
        move = data.draw(st.sampled_from(["answer"] * 8 + ["change", "stop"]), label="move")
        if move == "stop":
            break
        if move == "change" and answers:
            changed = data.draw(st.sampled_from(sorted(answers)), label="change")
            q = next(x for x in questions.questions if x.id == changed)
        answers[q.id] = _answer(data, q)

    result = engine.evaluate(answers)
    shown = {x.id for x in asked(questions, answers)}
    if result.form is None:
        assert result.candidates, "an open decision names its candidates"
    else:
        assert result.form in result.candidates
    assert result.form == engine.decide_form(answers)
    assert set(result.answers) <= shown and set(result.not_asked) == set(answers) - shown
    assert [c.id for c in result.conditions] == [c.id for c in rule_base.conditions]
    for hit in result.risks:
        assert set(hit.because) <= set(result.answers)
    for change in result.what_would_change:
        assert engine.decide_form({**answers, **change.change}) == change.form
    for lang in ("nb", "en"):
        assert set(json.loads(render(rule_base, result, "json", lang))) >= DESIGN_KEYS
        assert render(rule_base, result, "text", lang).strip()
        assert render(rule_base, result, "md", lang).strip()


# ------------------------------------------------------------------ mutations
def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path into a YAML value, leaves and containers."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, path + (i,))
    return found


def _get(node: Any, path: tuple) -> Any:
    for step in path:
        node = node[step]
    return node


def _set(node: Any, path: tuple, value: Any) -> None:
    _get(node, path[:-1])[path[-1]] = value


FILES = ["questions.yaml"] + [f"rules/{name}" for name in RULE_FILES]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, where PyYAML has it: some ten times faster
ORIGINAL = {name: load_yaml(ROOT / name).data for name in FILES}


def _check_mutated(name: str, data: Any):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "rules", root / "rules")
        shutil.copy(ROOT / "questions.yaml", root / "questions.yaml")
        (root / name).write_text(yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False),
                                 encoding="utf-8")
        return check(root / "questions.yaml", root / "rules", scenarios=ROOT / "tests" / "scenarios")


def _targets(kind: str, data: Any) -> list[tuple]:
    if kind == "wrong type":  # a text becomes a mapping: no text field takes one
        return [p for p in _paths(data) if p and isinstance(_get(data, p), str)]
    if kind == "no id":  # an item loses its id: every item needs one
        return [p for p in _paths(data) if isinstance(_get(data, p), dict) and "id" in _get(data, p)]
    return _paths(data)  # anything may become anything


@st.composite
def mutation(draw, kind: str):
    name = draw(st.sampled_from([f for f in FILES if _targets(kind, ORIGINAL[f])]))
    data = copy.deepcopy(ORIGINAL[name])
    path = draw(st.sampled_from(_targets(kind, data)))
    if kind == "wrong type":
        value: Any = {"unexpected": [1]}
    elif kind == "no id":
        del _get(data, path)["id"]
        return name, path, data
    else:
        value = draw(st.none() | st.booleans() | st.integers() | st.text(max_size=8)
                     | st.lists(st.text(max_size=4), max_size=2) | st.dictionaries(st.text(max_size=4), st.none()))
    if path:
        _set(data, path, value)
    else:
        data = value
    return name, path, data


@settings(max_examples=WALKS, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.data())
def test_asked_again_after_one_answer_changed_is_asked_worked_out_whole(data):
    """Any answers (to questions asked or not), one of them given, changed or taken away: what is asked
    worked out from the question changed on (`asked_again`, as the browser does after an answer) is what is
    asked worked out from the start."""
    questions = RULE_BASE.questions.questions
    answers = {q.id: _answer(data, q) for q in questions if data.draw(st.booleans(), label=f"has {q.id}")}
    before = asked(RULE_BASE.questions, answers)
    changed = data.draw(st.sampled_from(questions), label="changed")
    after = dict(answers)
    if data.draw(st.integers(0, 4), label="taken away?") == 0:
        after.pop(changed.id, None)
    else:
        after[changed.id] = _answer(data, changed)
    assert asked_again(RULE_BASE.questions, after, before, changed.id) == asked(RULE_BASE.questions, after)


@settings(max_examples=MUTATIONS, deadline=None, suppress_health_check=FIXTURES)
@given(mutated=st.one_of(mutation("wrong type"), mutation("no id")))
def test_a_breaking_mutation_always_gives_a_problem_at_a_line(mutated):
    name, path, data = mutated
    report = _check_mutated(name, data)
    errors = report.errors()
    assert errors, f"{name} at {path}: no problem found"
    assert any(f.problem.file.endswith(name) and f.problem.line for f in errors), [str(f.problem) for f in errors]
    assert report.exit_code() == 1


@settings(max_examples=MUTATIONS, deadline=None, suppress_health_check=FIXTURES)
@given(mutated=mutation("anything"))
def test_any_mutation_gives_a_report_never_an_exception(mutated):
    name, _path, data = mutated
    report = _check_mutated(name, data)
    assert report.exit_code() in (0, 1, 2)
    for f in report.findings:
        assert f.problem.message and f.problem.file
