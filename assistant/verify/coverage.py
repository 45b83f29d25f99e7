"""Coverage: which rules the test scenarios never make fire.

A scenario (tests/scenarios/*.yaml) is a situation with its answers and what
the report says should come of it. A rule no scenario fires is a rule nobody
has seen work: `check` warns about it, and `--strict` makes that an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.answers import Answers, read_answers
from assistant.engine.evaluate import Engine
from assistant.errors import InputError, Problem
from assistant.ids import DONT_KNOW
from assistant.models.rules import RuleBase
from assistant.verify.reach import Rule, fires, rules_of
from assistant.yamlsource import Document, load_yaml


@dataclass
class Scenarios:
    folder: Path
    answers: dict[str, Answers] = field(default_factory=dict)
    """File name -> its answers."""
    contradictory: set[str] = field(default_factory=set)
    """The files that expect answers contradicting each other; every other is a real situation."""
    problems: list[Problem] = field(default_factory=list)


def read_scenarios(folder: Path, engine: Engine) -> Scenarios:
    found = Scenarios(folder)
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = load_yaml(path, str(path))
        except InputError as err:
            found.problems += err.problems
            continue
        if not isinstance(doc.data, dict) or "answers" not in doc.data:
            found.problems.append(doc.problem((), "a scenario needs an 'answers' mapping"))
            continue
        answers, _, problems = read_answers(doc.data["answers"], engine.rb.questions, doc, ("answers",))
        found.problems += problems
        found.answers[path.name] = answers
        expect = doc.data.get("expect")
        if isinstance(expect, dict) and expect.get("contradictions"):
            found.contradictory.add(path.name)
    return found


def conflicts_in_real_situations(engine: Engine, scenarios: Scenarios | None, docs: dict[str, Document]
                                 ) -> list[Problem]:
    """A conflict of axes.yaml that holds for one of the report's relations (cases.yaml) or for a scenario of
    a real situation rules out a situation that exists: each is a problem."""
    problems = []
    conflicts = {c.id: i for i, c in enumerate(engine.rb.axes.conflicts)}
    sets = [(f"the report's relation {case}/{relation} (cases.yaml)", answers)
            for case, relation, _, answers in engine.relations]
    if scenarios is not None:
        sets += [(f"the scenario {name}", answers) for name, answers in scenarios.answers.items()
                 if name not in scenarios.contradictory]
    for what, answers in sets:
        known = {q: a for q, a in answers.items() if a and a != (DONT_KNOW,)}
        for found in engine.contradictions(known):
            said = ", ".join(f"{q}: {'/'.join(answers[q])}" for q in found.answers)
            problems.append(docs["axes.yaml"].problem(
                ("conflicts", conflicts[found.id], "when"),
                f"the conflict '{found.id}' holds for {what} ({said}), a situation that exists",
                "narrow the conflict so that it holds only for answers that truly cannot go together"))
    return problems


def coverage_rules(rb: RuleBase) -> list[Rule]:
    """Every rule coverage counts: the conditional rules, each row of the decision table, each indicator."""
    found = rules_of(rb)
    found += [Rule("form", row.form, "decision.yaml", ("rules", i), None) for i, row in enumerate(rb.decision.rules)]
    found += [Rule("relation", r.id, "decision.yaml", ("relations", i), None)
              for i, r in enumerate(rb.decision.relations)]
    found += [Rule("indicator", f"{ind.question}: {ind.option}", "axes.yaml", ("indicators", i), None)
              for i, ind in enumerate(rb.axes.indicators)]
    return found


def fired_by(engine: Engine, rules: list[Rule], answer_sets: dict[str, Answers]) -> dict[Rule, str]:
    """For each rule some answer set makes fire, the first such set's name."""
    fired: dict[Rule, str] = {}
    for name, answers in answer_sets.items():
        given = engine.fired(answers)
        for rule in rules:
            if rule in fired:
                continue
            if (rule.kind, rule.id) in given or (rule.kind in ("elements", "note") and fires(engine, rule, answers)):
                fired[rule] = name
    return fired
