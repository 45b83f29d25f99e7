"""The decision proof on hostile rule bases (issue 11): many multiple-choice axis
questions are proved without going through their combinations one by one, gaps
are still found with answers that show them, the counts agree with every
combination enumerated where that is possible, and a rule base past the proof's
bounds gets a clear problem instead of a check that runs away.

No test here measures time: `make bench` does (bench/proof.py). The timeouts only keep
a regression from hanging the suite: a real `python -m assistant check` process's for the
rule base past the bounds, an alarm in this process (`hang_guard`) for the checks run in it.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import product
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.engine import Engine
from assistant.engine.axes import AxisModel
from assistant.engine.flow import asked
from assistant.ids import DONT_KNOW
from assistant.loading import read_rule_base
from assistant.models.schema import condition
from assistant.verify import check, decision
from tests.conftest import run_cli
from tests.test_check import _example
from tests.wide_rule_base import build

ROOT = Path(__file__).resolve().parent.parent
HANG = 600  # seconds: only against a hang; the bench measures the time


class Hang(BaseException):
    """The check ran longer than HANG seconds (a BaseException: no `except Exception` on the way stops it)."""


@contextmanager
def hang_guard(seconds: int = HANG) -> Iterator[None]:
    """In this process what a subprocess's timeout is to a real one: past `seconds` the check is stopped
    with Hang (an alarm: it interrupts the proof's Python loops). Only the main thread gets signals (so
    do pytest and its xdist workers); elsewhere the check runs unguarded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Hang(f"the check ran longer than {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def run_check(root: Path, *, process: bool = False) -> tuple[int, dict]:
    """`samarbeid check --format json` on the rule base at `root`: in this process (conftest.run_cli) under
    hang_guard, or with `process` as a real `python -m assistant` process with a timeout."""
    command = ["check", "--questions", str(root / "questions.yaml"), "--rules", str(root / "rules"), "--format",
               "json"]
    if process:
        proc = subprocess.run([sys.executable, "-m", "assistant", *command], cwd=ROOT, capture_output=True, text=True,
                              timeout=HANG, check=False)
    else:
        with hang_guard():
            proc = run_cli(*command)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def every_combination(root: Path, rb=None) -> int:
    """How many combinations of axis answers there are, by multiplication: none are listed."""
    if rb is None:
        rb = read_rule_base(root / "questions.yaml", root / "rules", table=False).rule_base
    axis_questions = {ind.question for ind in rb.axes.indicators}
    total = 1
    for q in rb.questions.questions:
        if q.id in axis_questions:
            total *= 2 + (2 ** len(q.options) - 1 if q.kind == "multi" else len(q.options))
    return total


def test_ten_more_multiple_choice_axis_questions_are_proved(tmp_path):
    root = build(tmp_path, questions=10, options=6)
    code, data = run_check(root)
    assert code == 0, data["problems"]
    assert data["ok"] is True and data["problems"] == []
    proof = data["summary"]["decision"]
    assert [f"wide_{i}" for i in range(10)] == proof["questions"][-10:]
    assert proof["combinations"] == every_combination(root) > 10 ** 24
    assert sum(proof["forms"].values()) + proof["open"] == proof["combinations"]
    assert set(proof["forms"]) == {"grant", "supplier", "employment", "development"}


def test_a_gap_among_ten_more_questions_is_found_with_answers_that_show_it(tmp_path):
    root = build(tmp_path, questions=10, options=6, drop_row="development")
    code, data = run_check(root)
    assert code == 1
    [gap] = [p for p in data["problems"] if p["message"].startswith("gap:")]
    assert "no row decides new + two_way" in gap["message"]
    assert gap["hint"] == "add a row with service: new, relation: two_way"
    rb = read_rule_base(root / "questions.yaml", root / "rules", table=False).rule_base
    assert data["summary"]["decision"]["combinations"] == every_combination(root, rb)
    # the example, given to the engine, decides both axes (new, two-way) and no form comes of it
    answers = _example(gap["message"])
    assert any(qid.startswith("wide_") for qid in answers) or answers == {}
    result = Engine(rb).decide(answers)
    assert (result.axes["service"].pole, result.axes["relation"].pole) == ("new", "two_way")
    assert result.form is None


def test_axis_questions_asked_only_when_another_answer_holds_are_proved(tmp_path):
    """The wide questions hang on money_flow (itself an axis question): the proof remembers what
    their show_if looks at, and a question not asked counts every one of its answers once."""
    root = build(tmp_path, questions=4, options=6, show_if="{answer: money_flow, is: grant}")
    with hang_guard():
        report = check(root / "questions.yaml", root / "rules")
    assert report.errors() == []
    proof = report.summary["decision"]
    assert proof["combinations"] == every_combination(root)
    assert sum(proof["forms"].values()) + proof["open"] == proof["combinations"]


def test_a_rule_base_past_the_bounds_gets_a_problem_not_a_run_away_check(tmp_path):
    # thirty options with weights up to 5 reach more distinct scores than the proof takes from one question
    root = build(tmp_path, questions=1, options=30, weights=5)
    code, data = run_check(root, process=True)  # the real program: its timeout guards against a run-away check
    assert code == 1
    [problem] = [p for p in data["problems"] if "cannot be proved" in p["message"]]
    assert problem["message"].startswith("the decision cannot be proved within bounds: the answers to 'wide_0' "
                                         "add up to more than 2 000 different scores")
    assert problem["file"].endswith("decision.yaml") and problem["hint"]
    assert "not_proved" not in data["summary"] and data["summary"]["decision"]["combinations"] == 0


def test_the_bound_on_steps_names_the_question_where_it_is_reached(tmp_path, monkeypatch):
    root = build(tmp_path, questions=4, options=6)
    monkeypatch.setattr(decision, "MAX_STEPS", 50_000)
    with hang_guard():
        report = check(root / "questions.yaml", root / "rules")
    [problem] = [f.problem for f in report.errors() if f.kind == "decision"]
    assert problem.message.startswith("the decision cannot be proved within bounds: by the question 'wide_")
    assert "the proof would take more than 50 000 steps" in problem.message


def test_a_multiple_choice_question_is_summed_not_listed(rule_base):
    """money_flow has 6 options: 63 sets of options, don't know and unanswered in a handful of classes."""
    model = AxisModel(rule_base)
    [money_flow] = [q for q in rule_base.questions.questions if q.id == "money_flow"]
    classes = decision.answer_classes(money_flow, model, [])
    assert sum(c.count for c in classes) == 2 ** 6 - 1 + 2
    assert len(classes) < 2 ** 5
    for c in classes:  # each class's example is its first answer, and moves the axes as the class says
        if c.example not in (None, (DONT_KNOW,)):
            moved = model.contribution("money_flow", c.example)
            assert c.effect[:2] == (moved["service"], moved["relation"])


# ------------------------------------------------------------ against every combination
POLES = {"service": ("existing", "new"), "relation": ("one_way", "two_way")}
FORMS = {("existing", "one_way"): "grant", ("existing", "two_way"): "supplier", ("new", "one_way"): "employment",
         ("new", "two_way"): "development"}


def _random_rule_base(rng: random.Random) -> SimpleNamespace:
    """A small rule base with what the proof reads: questions (some asked only when an earlier answer
    holds), indicators, a decision table with a row missing or doubled now and then."""
    questions, indicators = [], []
    for i in range(rng.randint(1, 4)):
        options = [SimpleNamespace(id=f"o{k}") for k in range(rng.randint(2, 4))]
        show_if = None
        if questions and rng.random() < 0.5:
            ref = rng.choice(questions)
            ids = [o.id for o in ref.options] + [DONT_KNOW]
            test = {"answer": ref.id, "is": rng.choice(ids)} if rng.random() < 0.5 else \
                {"answer": ref.id, "in": rng.sample(ids, 2)}
            show_if = condition({"not": test} if rng.random() < 0.3 else test)
        questions.append(SimpleNamespace(id=f"q{i}", kind=rng.choice(["single", "multi"]), options=options,
                                         show_if=show_if))
        for o in options:
            for axis, poles in POLES.items():
                if rng.random() < 0.6:
                    indicators.append(SimpleNamespace(question=f"q{i}", option=o.id, axis=axis,
                                                      pole=rng.choice(poles), weight=rng.randint(1, 3)))
    rows = [SimpleNamespace(service=s, relation=r, form=f, source=[]) for (s, r), f in FORMS.items()]
    if rng.random() < 0.3:
        del rows[rng.randrange(4)]
    elif rng.random() < 0.3:
        i, j = rng.sample(range(len(rows)), 2)
        rows[j] = SimpleNamespace(service=rows[i].service, relation=rows[i].relation, form=rows[j].form, source=[])
    return SimpleNamespace(questions=SimpleNamespace(questions=questions),
                           axes=SimpleNamespace(clear_from=3, indicators=indicators),
                           decision=SimpleNamespace(rules=rows, source=[], hit_policy="unique"),
                           forms=[SimpleNamespace(id=f) for f in FORMS.values()])


def _ends(model: AxisModel, rb: SimpleNamespace, answers: dict[str, tuple[str, ...]],
          decided: dict | None = None) -> decision.Outcome:
    """How the engine's decision for these answers ends, as the proof counts it. `decided` keeps each
    decision by what it was given (the answers to the questions shown, and those shown): combinations
    that differ only in the answers to questions not shown are given the same, and decided once."""
    shown = [q.id for q in asked(rb.questions, answers)]
    given = {q: answers[q] for q in shown if q in answers and q in model.questions}
    if decided is None:
        return _outcome(model.decide(given, shown).axes)
    key = (tuple(given.items()), tuple(shown))
    if key not in decided:
        decided[key] = _outcome(model.decide(given, shown).axes)
    return decided[key]


def _outcome(reading) -> decision.Outcome:
    s, r = ((decision._sign(x.score), x.low < 0, x.high > 0) for x in (reading["service"], reading["relation"]))
    return (decision._decided(s[0]), decision._decided(r[0])) if s[0] and r[0] else (s, r)


class Doc:
    def problem(self, path, message, hint=None, key=False):
        return message


@pytest.mark.parametrize("seed", range(4))
def test_the_proof_counts_what_every_combination_gives(seed):
    """On small random rule bases: each way the axes end is reached by as many combinations as
    enumerating them all finds, each example ends that way, and the problems and their examples are
    those that judging every combination in turn (in the order answer_values lists them) gives."""
    rng = random.Random(seed)
    for _ in range(60):
        rb = _random_rule_base(rng)
        model = AxisModel(rb)
        questions = decision.with_what_they_hang_on(rb, model.questions)
        enumerated: dict[decision.Outcome, list] = {}  # in the order of their first combination
        decided: dict = {}
        for combo in product(*(decision.answer_values(q) for q in questions)):
            answers = {q.id: v for q, v in zip(questions, combo, strict=True) if v is not None}
            end = _ends(model, rb, answers, decided)
            if end not in enumerated:  # its example: the first combination that ends so
                enumerated[end] = [0, _chain(zip((q.id for q in questions), combo, strict=True))]
            enumerated[end][0] += 1
        counts, examples, _ = decision.outcomes(decision.Folder(model, questions))  # every outcome split
        assert counts == {end: n for end, (n, _) in enumerated.items()}
        for end, witness in examples.items():
            answers = {qid: v for qid, v in decision._answers(witness) if v is not None}
            assert _ends(model, rb, answers) == end
        proof = decision.prove(rb, model, Doc())
        expected = decision.judge(rb, model, {end: (n, w) for end, (n, w) in enumerated.items()}, Doc(), questions)
        assert (proof.combinations, proof.forms, proof.open) == (expected.combinations, expected.forms, expected.open)
        assert proof.problems == expected.problems
        # a state: where both scores end, and which ways an open axis could still move
        assert proof.states == len({(s[:1] if s[0] else s, r[:1] if r[0] else r) for s, r in enumerated})


def _chain(answers):
    witness = None
    for qid, value in answers:
        witness = (witness, qid, value)
    return witness
