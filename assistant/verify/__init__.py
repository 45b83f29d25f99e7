"""`samarbeid check`: validate a rule base and prove what can be proved about it.

The order: read and validate every file (schema, references, sources, all
problems at once); then, on a rule base that loaded, prove the form decision
over every combination of answers, show that every question, form and rule can
be reached, point out untranslated texts, and measure which rules the test
scenarios make fire.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from assistant import paths
from assistant.engine.evaluate import Engine
from assistant.errors import Problem
from assistant.ids import DEFAULT_LANG
from assistant.loading import QUESTIONS_FILE, read_rule_base
from assistant.verify.advice import advice_problems
from assistant.verify.coverage import conflicts_in_real_situations, coverage_rules, fired_by, read_scenarios
from assistant.verify.decision import prove, unreachable_forms
from assistant.verify.findings import CheckReport
from assistant.verify.language import acting_characters, languages, missing_texts, untranslated
from assistant.verify.reach import rules_of, search, steering, unreachable_questions
from assistant.verify.relation import prove_relation


def default_scenarios(questions: Path | None) -> Path | None:
    """tests/scenarios beside the question set, when there is one (a checkout, not an installed package)."""
    folder = (questions or paths.default_questions()).resolve().parent / "tests" / "scenarios"
    return folder if folder.is_dir() else None


def check(questions: Path | None = None, rules: Path | None = None, *, scenarios: Path | None = None,
          strict: bool = False) -> CheckReport:
    report = CheckReport()
    loaded = read_rule_base(questions, rules, table=False)
    report.unreadable = loaded.unreadable
    for p in loaded.problems:
        report.add("error", p.kind or "schema", [p])  # type: ignore[arg-type]
    report.summary["files"] = list(loaded.docs)
    rb = loaded.rule_base
    if rb is None or loaded.problems:
        report.summary["not_proved"] = "the decision proof, reachability and coverage run once the problems " \
            "above are mended"
        return report
    docs = loaded.docs
    engine = Engine(rb)

    # the decision proof, and the forms it reaches
    proof = prove(rb, engine.axes, docs["decision.yaml"])
    report.add("error", "decision", proof.problems)
    report.summary["decision"] = proof.summary(rb.decision.hit_policy)
    if not proof.problems:
        report.add("error", "reachability", unreachable_forms(rb, proof, docs["forms.yaml"]))

    # the relation: no form the answers deny, never nothing
    relation = prove_relation(engine, docs["decision.yaml"])
    report.add("error", "decision", relation.problems)
    report.summary["relation"] = relation.summary()

    # questions
    missing, reachable = unreachable_questions(rb, docs[QUESTIONS_FILE])
    report.add("error", "reachability", missing)
    reach = {"questions": {"reachable": reachable, "total": len(rb.questions.questions)},
             "forms": {"reachable": len(proof.forms) if proof.proved else None, "total": len(rb.forms)}}

    # advice a person can act on: typical risks, first steps, what to ask and find out
    report.add("error", "advice", advice_problems(rb, docs, QUESTIONS_FILE))

    # language: per language, the texts missing it and those left the same as another's
    langs = languages(list(docs.values()))
    by_lang = {lang: {"missing": 0, "same": 0} for lang in langs if lang != DEFAULT_LANG}
    for doc in docs.values():
        absent, same = missing_texts(doc, langs), untranslated(doc, langs)
        for lang, per_lang in by_lang.items():
            report.add("warning", "language", absent[lang] + same[lang])
            per_lang["missing"] += len(absent[lang])
            per_lang["same"] += len(same[lang])
        report.add("warning", "language", acting_characters(doc))
    report.summary["languages"] = by_lang

    # which rules the scenarios make fire (coverage), each scenario evaluated once
    folder = scenarios if scenarios is not None else default_scenarios(questions)
    found = read_scenarios(folder, engine) if folder is not None and folder.is_dir() else None
    every = coverage_rules(rb)
    by_scenario = fired_by(engine, every, found.answers) if found is not None else {}
    report.add("error", "conflict", conflicts_in_real_situations(engine, found, docs))

    # reachability of the conditional rules: fired by a scenario, else by one of the report's
    # cases, else searched for
    conditional = rules_of(rb)
    cases = {f"case {case_id}/{relation_id}": answers for case_id, relation_id, _, answers in engine.relations}
    fired = {**fired_by(engine, [r for r in conditional if r not in by_scenario], cases), **by_scenario}
    presets = steering(engine)
    counts: dict[str, list[int]] = {}
    for rule in conditional:
        tally = counts.setdefault(rule.kind, [0, 0])
        tally[1] += 1
        if rule in fired:
            tally[0] += 1
            continue
        witness, proved = search(engine, rule, presets)
        if witness is not None:
            tally[0] += 1
            continue
        doc = docs[rule.file]
        where = "no answers make its condition hold" if proved else \
            "no answers tried made its condition hold (not every combination could be tried)"
        report.add("error" if proved else "warning", "reachability",
                   [doc.problem(rule.path, f"the {rule.kind} '{rule.id}' can never fire: {where}",
                                "check the question and option ids in its condition, and its not/all parts")])
    for kind, (n, total) in counts.items():
        reach[_plural(kind)] = {"reachable": n, "total": total}
    report.summary["reachable"] = reach

    # coverage across the scenarios
    if found is None:
        report.summary["coverage"] = {"scenarios": 0, "note": "not measured: no tests/scenarios folder beside "
                                      "the questions (give one with --scenarios)"}
    elif not found.answers:  # one error for the folder, not a warning for each rule of the rule base
        report.add("error" if strict else "warning", "coverage", found.problems)
        report.add("error", "coverage", [_no_scenario(found.folder, found.problems)])
        report.summary["coverage"] = {"folder": str(found.folder), "scenarios": 0, "rules": len(every), "fired": 0,
                                      "note": f"no scenario was read from {found.folder}"}
    else:
        report.add("error" if strict else "warning", "coverage", found.problems)
        never = [r for r in every if r not in by_scenario]
        for rule in never:
            doc = docs[rule.file]
            report.add("error" if strict else "warning", "coverage", [doc.problem(
                rule.path, f"no scenario makes the {rule.kind} '{rule.id}' fire",
                f"add a scenario to {folder} whose answers make it fire")])
        report.summary["coverage"] = {
            "folder": str(folder), "scenarios": len(found.answers), "rules": len(every),
            "fired": len(every) - len(never), "never": [f"{r.kind} {r.id}" for r in never],
        }
    if strict:
        report.findings = [replace(f, severity="error") for f in report.findings]
    return report


def _no_scenario(folder: Path, problems: list[Problem]) -> Problem:
    """The problem of a scenarios folder from which no scenario could be read: what it held instead."""
    try:
        with os.scandir(folder):
            pass
    except OSError as err:  # a folder that cannot be listed looks empty to glob
        why = f"cannot read the folder: {err.strerror or err}"
    else:
        why = "none of its .yaml files could be used (see above)" if problems else "it holds no .yaml files"
    return Problem(str(folder), None, None, f"no scenario could be read from this folder: {why}",
                   "give --scenarios a folder of scenario files (tests/scenarios shows the form), or leave it out")


def _plural(kind: str) -> str:
    return {"elements": "form elements"}.get(kind, kind + "s")

