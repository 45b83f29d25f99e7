"""Loading: YAML files -> validated models -> cross-reference checks.

Every problem found is collected with its file, line and column and raised as
one `InputError`; nothing half-loaded is ever returned.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from assistant import paths
from assistant.answers import Answers, is_notice, read_answers
from assistant.errors import InputError, Problem, allowed, did_you_mean
from assistant.models.common import AS_OF_PATTERN, FORM_IDS, Strict
from assistant.models.conditions import AnswerTest, AxisTest, Condition, FormTest, iter_tests
from assistant.models.questions import DONT_KNOW, Question, QuestionSet
from assistant.models.rules import (
    AxesFile,
    CasesFile,
    Competence,
    CompetencesFile,
    ConditionsFile,
    Decision,
    FormsFile,
    FrameworkFile,
    Meta,
    NotesFile,
    Recommendation,
    RecommendationsFile,
    Risk,
    RisksFile,
    RuleBase,
)
from assistant.yamlsource import Document, describe, load_yaml, quoted

if TYPE_CHECKING:  # pydantic is imported where the YAML is validated: a load from the snapshot needs none
    from pydantic import ValidationError

M = TypeVar("M", bound=Strict)

RULE_FILES: dict[str, type[Strict]] = {
    "meta.yaml": Meta,
    "axes.yaml": AxesFile,
    "decision.yaml": Decision,
    "forms.yaml": FormsFile,
    "conditions.yaml": ConditionsFile,
    "recommendations.yaml": RecommendationsFile,
    "competences.yaml": CompetencesFile,
    "risks.yaml": RisksFile,
    "framework.yaml": FrameworkFile,
    "cases.yaml": CasesFile,
    "notes.yaml": NotesFile,
}

QUESTIONS_FILE = "questions.yaml"

CONDITION_KEYS = ("all", "any", "not", "answer", "axis", "form")

POLES = {"service": ("existing", "new"), "relation": ("one_way", "two_way")}

def _doc_path(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any]:
    """Follow pydantic's loc through the raw data, skipping union tags."""
    path: list[Any] = []
    node = data
    for step in loc:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            path.append(step)
            node = node[step]
    return tuple(path), node


def _readable(doc: Document, path: tuple[Any, ...]) -> str:
    parts: list[str] = []
    node = doc.data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
            parts.append(f"[{label}]" if label else f"[{step + 1}]")
        else:
            text = str(step)
            parts.append(f'["{text}"]' if "." in text or " " in text else ("." if parts else "") + text)
        node = node[step] if isinstance(node, (dict, list)) else None
    return "".join(parts) or "the top level"


def validation_problems(doc: Document, err: ValidationError) -> list[Problem]:
    """Pydantic's errors in the file's own words, each at its line."""
    from assistant.models.schema import keys as known_keys

    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for e in err.errors():
        loc = tuple(e["loc"])
        kind = e["type"]
        if kind == "missing":
            path, _ = _doc_path(doc.data, loc[:-1])
            key = loc[-1]
            message = f"missing key '{key}' in {_readable(doc, path)}"
            problem = doc.problem(path, message, f"add '{key}:' to it")
        elif kind == "extra_forbidden":
            path, _ = _doc_path(doc.data, loc)
            key = path[-1] if path else loc[-1]
            parent = path[:-1]
            message = f"unknown key '{key}' in {_readable(doc, parent)}"
            problem = doc.problem(path, message, did_you_mean(str(key), known_keys())
                                  or "docs/rule-format.md lists the keys of each file", key=True)
        else:
            path, value = _doc_path(doc.data, loc)
            where = _readable(doc, path)
            if kind == "model_type" or kind == "dict_type":
                message = f"{where} must be a mapping, not {describe(value)}"
            elif kind == "list_type":
                message = f"{where} must be a list, not {describe(value)}"
            elif kind in ("string_type", "string_too_short"):
                message = f"{where} must be non-empty text" + (
                    f", not {describe(value)}" if not isinstance(value, str) else "")
            elif kind == "literal_error":
                expected = str(e.get("ctx", {}).get("expected", ""))
                choices = [x.strip(" '") for x in expected.replace(" or ", ",").split(",")]
                problem = doc.problem(path, f"{where}: {quoted(str(value))} is not allowed; expected {expected}",
                                      did_you_mean(str(value), choices) or f"choose one of: {', '.join(choices)}")
                if (path, problem.message) not in seen:
                    seen.add((path, problem.message))
                    problems.append(problem)
                continue
            elif kind == "string_pattern_mismatch":
                if e.get("ctx", {}).get("pattern") == AS_OF_PATTERN:
                    message = f"{where}: {quoted(str(value))} is not a date; write the year (2024) or the day " \
                              "(2024-03-14)"
                else:
                    message = f"{where}: {quoted(str(value))} is not a valid id: lower-case letters, digits and _, " \
                              "starting with a letter"
            elif kind in ("int_type", "int_parsing", "int_from_float"):
                message = f"{where} must be a whole number, not {describe(value)}"
            elif kind == "too_short":
                message = f"{where} must not be empty"
            elif kind == "value_error":  # a model's own rule, such as "exactly one of 'is' or 'in'"
                if not isinstance(value, dict) and path:
                    path, value = path[:-1], None  # the tag of a condition: point at the condition itself
                    where = _readable(doc, path)
                message = f"{where}: {e.get('ctx', {}).get('error', e['msg'])}"
            elif kind == "condition_kind":
                keys = ", ".join(f"'{k}'" for k in value) if isinstance(value, dict) else describe(value)
                message = f"{where}: a condition needs one of the keys all, any, not, answer, axis, form; it has {keys}"
                first = next(iter(value), "") if isinstance(value, dict) else ""
                problem = doc.problem(path, message, did_you_mean(str(first), CONDITION_KEYS)
                                      or "see docs/rule-format.md for the condition language")
                if (path, message) not in seen:
                    seen.add((path, message))
                    problems.append(problem)
                continue
            else:
                message = f"{where}: {e['msg']}"
            problem = doc.problem(path, message)
        if (path, problem.message) not in seen:
            seen.add((path, problem.message))
            problems.append(problem)
    return problems


def _validate(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), f"the file must be a mapping at the top, not {describe(doc.data)}")]
    from pydantic import ValidationError

    from assistant.models.schema import validate

    try:
        return validate(model, doc.data), []
    except ValidationError as err:
        return None, validation_problems(doc, err)


def _read(path: Path, display: str, model: type[M]) -> tuple[Document | None, M | None, list[Problem]]:
    try:
        doc = load_yaml(path, display)
    except InputError as err:
        return None, None, _kind(err.problems, "read")
    value, problems = _validate(doc, model)
    return doc, value, _kind(problems, "schema")


def _kind(problems: list[Problem], kind: str) -> list[Problem]:
    return [p if p.kind else replace(p, kind=kind) for p in problems]


def load_questions(path: Path | None = None) -> QuestionSet:
    path = path or paths.default_questions()
    doc, qs, problems = _read(path, str(path), QuestionSet)
    if qs is not None and doc is not None:
        problems += _check_questions(qs, doc)
    if problems or qs is None:
        raise InputError(problems)
    return qs


@dataclass
class Loaded:
    """What reading a rule base gave: the rule base if every file was valid, and every problem."""

    rule_base: RuleBase | None
    docs: dict[str, Document]
    """Each file read, by name (`questions.yaml`, `meta.yaml`, ...), to point at lines."""
    problems: list[Problem]
    unreadable: bool
    """A file could not be read or parsed at all (missing, not UTF-8, YAML syntax, refused tags)."""


def read_rule_base(questions: Path | None = None, rules: Path | None = None, *, table: bool = True) -> Loaded:
    """Read, validate and cross-check the question set and every rule file, collecting all problems.

    With `table`, the decision table is checked as a table (one row per pair of
    poles); `check` turns that off and proves the decision over the answers instead.
    """
    qpath = questions or paths.default_questions()
    rdir = rules or paths.default_rules()
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    if not rdir.is_dir():
        return Loaded(None, docs, [Problem(str(rdir), None, None, "the rules folder does not exist",
                                           "give the folder with meta.yaml, axes.yaml, ... as --rules", "read")],
                      True)
    unreadable = False
    parts: dict[str, Any] = {}
    for name, fpath, model in [(QUESTIONS_FILE, qpath, QuestionSet)] + [
            (name, rdir / name, model) for name, model in RULE_FILES.items()]:
        doc, value, found = _read(fpath, str(fpath), model)
        problems += found
        unreadable = unreadable or any(p.kind == "read" for p in found)
        if doc is not None:
            docs[name] = doc
        parts[name] = value
    unknown = sorted(p.name for p in rdir.glob("*.yaml") if p.name not in RULE_FILES)
    for name in unknown:
        problems.append(Problem(str(rdir / name), None, None, "this file is not part of the rule base",
                                f"the rule files are: {allowed(RULE_FILES)}", kind="schema"))
    if problems or any(v is None for v in parts.values()):
        return Loaded(None, docs, problems, unreadable)
    qs = parts[QUESTIONS_FILE]
    problems += _kind(_check_questions(qs, docs[QUESTIONS_FILE]), "reference")
    rb = RuleBase(
        questions=qs,
        meta=parts["meta.yaml"],
        axes=parts["axes.yaml"],
        decision=parts["decision.yaml"],
        forms=parts["forms.yaml"].forms,
        conditions=parts["conditions.yaml"].conditions,
        recommendations=parts["recommendations.yaml"].recommendations,
        competences=parts["competences.yaml"].competences,
        risks=parts["risks.yaml"].risks,
        framework=parts["framework.yaml"],
        cases=parts["cases.yaml"].cases,
        notes=parts["notes.yaml"],
    )
    problems += _kind(_check_references(rb, docs[QUESTIONS_FILE], docs), "reference")
    if table:
        problems += _kind(decision_table_problems(rb, docs["decision.yaml"]), "decision")
    return Loaded(rb, docs, problems, unreadable)


def load_rule_base(questions: Path | None = None, rules: Path | None = None, *, snapshot: bool = True) -> RuleBase:
    """Load and cross-check the question set and every rule file; raise all problems at once.

    With `snapshot`, a rule base whose files are byte for byte those of an earlier load without any
    problem is read from that load's snapshot (snapshot.py), without parsing and validating the YAML
    again; a rule base loaded from YAML without any problem leaves one. Problems always come from
    the YAML: a snapshot is only ever made of a rule base that had none.
    """
    from assistant import snapshot as snap

    qpath = questions or paths.default_questions()
    rdir = rules or paths.default_rules()
    key = snap.sources_key(qpath, rdir) if snapshot else None
    where = snap.snapshot_path(qpath, rdir) if key else None
    if key and where:
        kept = snap.load(key, where)
        if kept is not None:
            return kept
    loaded = read_rule_base(qpath, rdir)
    if loaded.problems or loaded.rule_base is None:
        raise InputError(loaded.problems)
    if key and where:
        snap.save(loaded.rule_base, key, where)
    return loaded.rule_base


def load_answers(path: Path, rb: RuleBase, *, strict: bool = True) -> tuple[Answers, dict[str, Any], list[Problem]]:
    """An answers file (or saved session) checked against the question set.

    With `strict`, any problem stops the load, but a notice (an older option carried over to its new id,
    `answers.is_notice`), which is returned for the caller to show. Otherwise (resuming a session saved
    with another rule-base version) the known answers are kept and the problems returned, for the caller
    to show as warnings.
    """
    doc = load_yaml(path, str(path))
    answers, meta, problems = read_answers(doc.data, rb.questions, doc)
    if strict and any(not is_notice(p) for p in problems):
        raise InputError([p for p in problems if not is_notice(p)])
    return answers, meta, problems


# ------------------------------------------------------------ cross-checks
def _check_risk(risk: Risk, base: tuple[Any, ...], d: Document, qs: QuestionSet) -> list[Problem]:
    """A risk's other conditions name real questions and options, and an addressed risk says what remains."""
    problems: list[Problem] = []
    for key in ("ruled_out_when", "possible_when", "addressed_when"):
        problems += _check_condition(getattr(risk, key), base + (key,), d, qs)
    if risk.addressed_when is not None and risk.remains is None:
        problems.append(d.problem(base + ("addressed_when",), f"risk '{risk.id}' has addressed_when but no 'remains'",
                                  "say in 'remains' what is left to watch once an answer addresses the risk"))
    if risk.remains is not None and risk.addressed_when is None:
        problems.append(d.problem(base + ("remains",), f"risk '{risk.id}' has 'remains' but no addressed_when",
                                  "give addressed_when, or remove 'remains'"))
    return problems


def _check_condition(
    cond: Condition | None, path: tuple[Any, ...], doc: Document, qs: QuestionSet,
    *, before: set[str] | None = None, answers_only: bool = False,
) -> list[Problem]:
    if cond is None:
        return []
    problems: list[Problem] = []
    by_id = {q.id: q for q in qs.questions}
    for test, tpath in iter_tests(cond, path):
        if isinstance(test, AnswerTest):
            q = by_id.get(test.answer)
            if q is None:
                problems.append(doc.problem(tpath + ("answer",), f"unknown question id '{test.answer}'",
                                            _hint(test.answer, by_id)))
                continue
            if before is not None and test.answer not in before:
                problems.append(doc.problem(
                    tpath + ("answer",),
                    f"show_if refers to '{test.answer}', which is not asked before this question",
                    "a question may only depend on earlier questions",
                ))
            for i, opt in enumerate(test.options):
                if opt == DONT_KNOW:
                    sub = ("is",) if test.is_ is not None else ("in", i)
                    problems.append(doc.problem(
                        tpath + sub, "a condition may not test 'dont_know'",
                        "\"don't know\" and no answer are the same unknown: a test on an unknown answer is "
                        "unknown, which leaves a risk possible and still gives advice; test only real options",
                    ))
                elif opt not in q.option_ids:
                    sub = ("is",) if test.is_ is not None else ("in", i)
                    problems.append(doc.problem(
                        tpath + sub, f"unknown option '{opt}' for question '{q.id}'",
                        did_you_mean(opt, q.option_ids) or f"the options are: {allowed(q.option_ids)}",
                    ))
        elif answers_only and isinstance(test, (AxisTest, FormTest)):
            problems.append(doc.problem(tpath, "only answer tests are allowed here",
                                        "use {answer: QUESTION, is: OPTION}"))
        elif isinstance(test, AxisTest) and test.is_ not in POLES[test.axis]:
            problems.append(doc.problem(tpath + ("is",), f"'{test.is_}' is not a pole of the axis '{test.axis}'",
                                        f"the poles are: {', '.join(POLES[test.axis])}"))
    return problems


def _hint(word: str, known: Collection[str]) -> str:
    """Did you mean …, or else the ids there are."""
    return did_you_mean(word, known) or f"the ids are: {allowed(sorted(known))}"


def _duplicates(ids: list[str], doc: Document, root: tuple[Any, ...], what: str) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for i, item_id in enumerate(ids):
        if item_id in first:
            line, _ = doc.where(root + (first[item_id], "id"))
            problems.append(doc.problem(root + (i, "id"), f"the {what} id '{item_id}' is used twice"
                                        + (f" (first at line {line})" if line else ""),
                                        "ids must be unique: rename one of them"))
        first.setdefault(item_id, i)
    return problems


def _check_questions(qs: QuestionSet, doc: Document) -> list[Problem]:
    problems = _duplicates([q.id for q in qs.questions], doc, ("questions",), "question")
    topics = {t.id for t in qs.topics}
    earlier: set[str] = set()
    for i, q in enumerate(qs.questions):
        base = ("questions", i)
        if q.topic not in topics:
            problems.append(doc.problem(base + ("topic",), f"unknown topic '{q.topic}'",
                                        did_you_mean(q.topic, topics) or f"the topics are: {allowed(topics)}"))
        problems += _duplicates([o.id for o in q.options], doc, base + ("options",), "option")
        for j, o in enumerate(q.options):
            if o.id == DONT_KNOW:
                problems.append(doc.problem(base + ("options", j, "id"),
                                            "'dont_know' is added to every question by the program",
                                            "remove this option"))
        cycle = _show_if_cycle(qs, q.id)
        if cycle:
            problems.append(replace(doc.problem(
                base + ("show_if",), f"show_if cycle: {' → '.join(cycle)}: none of these can be asked first",
                "a question may only depend on earlier questions"), kind="reachability"))
        problems += _check_condition(q.show_if, base + ("show_if",), doc, qs,
                                     before=None if cycle else earlier, answers_only=True)
        earlier.add(q.id)
    return problems + _check_renamed(qs, doc)


def _check_renamed(qs: QuestionSet, doc: Document) -> list[Problem]:
    """An older option names a question, is not an option any more, and becomes real options; a list only
    for a multiple-choice question."""
    problems: list[Problem] = []
    by_id = {q.id: q for q in qs.questions}
    for i, r in enumerate(qs.renamed):
        base = ("renamed", i)
        q = by_id.get(r.question)
        if q is None:
            problems.append(doc.problem(base + ("question",), f"unknown question id '{r.question}'",
                                        _hint(r.question, by_id)))
        elif r.option in q.option_ids:
            problems.append(doc.problem(base + ("option",), f"'{r.option}' is still an option of '{q.id}'",
                                        "list only options that are no longer offered"))
        for target, becomes in r.becomes.items():
            tq = by_id.get(target)
            if tq is None:
                problems.append(doc.problem(base + ("becomes", target), f"unknown question id '{target}'",
                                            _hint(target, by_id), key=True))
                continue
            options = becomes if isinstance(becomes, list) else [becomes]
            if isinstance(becomes, list) and tq.kind == "single":
                problems.append(doc.problem(base + ("becomes", target),
                                            f"question '{target}' takes one option, not a list"))
            for option in options:
                if option not in tq.option_ids or option == DONT_KNOW:
                    problems.append(doc.problem(base + ("becomes", target), f"unknown option '{option}' for "
                                                f"question '{target}'", _hint(option, tq.option_ids)))
    return problems


def _show_if_refs(q: Question) -> list[str]:
    if q.show_if is None:
        return []
    return [t.answer for t, _ in iter_tests(q.show_if, ()) if isinstance(t, AnswerTest)]


def _show_if_cycle(qs: QuestionSet, start: str) -> list[str]:
    """The shortest way from `start` back to itself through show_if references, or [] when there is none."""
    by_id = {q.id: q for q in qs.questions}
    paths = [[start]]
    seen = {start}
    while paths:
        path = paths.pop(0)
        for ref in _show_if_refs(by_id[path[-1]]) if path[-1] in by_id else []:
            if ref == start:
                return path + [start]
            if ref not in seen:
                seen.add(ref)
                paths.append(path + [ref])
    return []


def _check_sources(sources: list[str], path: tuple[Any, ...], doc: Document, known: set[str]) -> list[Problem]:
    return [
        replace(doc.problem(path + (i,), f"unknown report section '{s}'",
                            did_you_mean(s, known) or "the sections are listed in rules/meta.yaml"), kind="source")
        for i, s in enumerate(sources) if s not in known
    ]


def _check_roles(rb: RuleBase, d: Document, sections: set[str]) -> list[Problem]:
    """meta.yaml's roles: the role question exists, comes first and takes one answer; each option has receivers."""
    roles = rb.meta.roles
    problems = _check_sources(roles.source, ("roles", "source"), d, sections)
    by_id = {q.id: q for q in rb.questions.questions}
    q = by_id.get(roles.question)
    if q is None:
        problems.append(d.problem(("roles", "question"), f"unknown question id '{roles.question}'",
                                  _hint(roles.question, by_id)))
        return problems
    first = rb.questions.questions[0]
    if q.id != first.id:
        problems.append(d.problem(
            ("roles", "question"), f"the role question '{q.id}' is not the first question of {QUESTIONS_FILE} "
            f"(the first is '{first.id}')",
            "the assistant asks for the role first, on its start screen: move the question to the top"))
    if q.kind != "single":
        problems.append(d.problem(("roles", "question"), f"the role question '{q.id}' takes several answers",
                                  "a user has one role: make it 'kind: single'"))
    for option in roles.receivers:
        if option not in q.option_ids:
            problems.append(d.problem(("roles", "receivers", option), f"unknown option '{option}' for question "
                                      f"'{q.id}'", _hint(option, q.option_ids), key=True))
    for option in roles.voices:
        if option not in q.option_ids:
            problems.append(d.problem(("roles", "voices", option), f"unknown option '{option}' for question "
                                      f"'{q.id}'", _hint(option, q.option_ids), key=True))
    missing = [o.id for o in q.options if o.id not in roles.receivers]
    if missing:
        problems.append(d.problem(
            ("roles", "receivers"), f"no receivers for the role{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)} of the question '{q.id}'",
            f"give each role a line under 'receivers': [nav], [entrepreneur] or both, for example  "
            f"{missing[0]}: [nav, entrepreneur]", key=True))
    return problems


def decision_table_problems(rb: RuleBase, d: Document) -> list[Problem]:
    """The decision table as a table: under hit policy 'unique', one row for each pair of poles."""
    problems: list[Problem] = []
    rows: dict[tuple[str, str], int] = {}
    for i, rule in enumerate(rb.decision.rules):
        pair = (rule.service, rule.relation)
        if pair in rows:
            problems.append(d.problem(("rules", i), f"two rows decide {pair[0]} + {pair[1]} (rows {rows[pair] + 1} "
                                      f"and {i + 1}); hit policy 'unique' allows one",
                                      "remove one of them"))
        rows.setdefault(pair, i)
    for s_pole in POLES["service"]:
        for r_pole in POLES["relation"]:
            if (s_pole, r_pole) not in rows:
                problems.append(d.problem(("rules",), f"no row decides {s_pole} + {r_pole}: such answers would "
                                          "give no form", "add a row for it"))
    return problems


def _check_references(rb: RuleBase, qdoc: Document, docs: dict[str, Document]) -> list[Problem]:
    problems: list[Problem] = []
    qs = rb.questions
    by_id = {q.id: q for q in qs.questions}
    sections = set(rb.meta.sections)
    case_ids = {c.id for c in rb.cases}
    risk_ids = {r.id for r in rb.risks}

    for i, question in enumerate(qs.questions):
        problems += _check_sources(question.source, ("questions", i, "source"), qdoc, sections)
    problems += _check_roles(rb, docs["meta.yaml"], sections)

    d = docs["axes.yaml"]
    for i, axis in enumerate(rb.axes.axes):
        if tuple(p.id for p in axis.poles) != POLES[axis.id]:
            problems.append(d.problem(("axes", i, "poles"), f"the poles of '{axis.id}' must be "
                                      f"{' and '.join(POLES[axis.id])}, in that order"))
        problems += _check_sources(axis.source, ("axes", i, "source"), d, sections)
    problems += _duplicates([a.id for a in rb.axes.axes], d, ("axes",), "axis")
    for i, ind in enumerate(rb.axes.indicators):
        base = ("indicators", i)
        q = by_id.get(ind.question)
        if q is None:
            problems.append(d.problem(base + ("question",), f"unknown question id '{ind.question}'",
                                      _hint(ind.question, by_id)))
        elif q.option(ind.option) is None:
            problems.append(d.problem(base + ("option",), f"unknown option '{ind.option}' for question '{q.id}'",
                                      _hint(ind.option, q.option_ids)))
        if ind.pole not in POLES[ind.axis]:
            problems.append(d.problem(base + ("pole",), f"'{ind.pole}' is not a pole of the axis '{ind.axis}'",
                                      f"the poles are: {', '.join(POLES[ind.axis])}"))
        problems += _check_sources(ind.source, base + ("source",), d, sections)

    problems += _duplicates([c.id for c in rb.axes.conflicts], d, ("conflicts",), "conflict")
    for i, conflict in enumerate(rb.axes.conflicts):
        problems += _check_condition(conflict.when, ("conflicts", i, "when"), d, qs, answers_only=True)
        problems += _check_sources(conflict.source, ("conflicts", i, "source"), d, sections)

    d = docs["decision.yaml"]
    problems += _check_sources(rb.decision.source, ("source",), d, sections)
    for i, rule in enumerate(rb.decision.rules):
        problems += _check_sources(rule.source, ("rules", i, "source"), d, sections)
        problems += _check_condition(rule.requires, ("rules", i, "requires"), d, qs, answers_only=True)
        if (rule.requires is None) != (rule.denied is None):
            has, lacks = ("requires", "denied") if rule.requires is not None else ("denied", "requires")
            problems.append(d.problem(("rules", i, has), f"the row for '{rule.form}' has '{has}' but no '{lacks}'",
                                      "'requires' is the relation the form is defined by; 'denied' says in words "
                                      "why the form is not the result when the answers deny it: give both"))
    problems += _duplicates([r.id for r in rb.decision.relations], d, ("relations",), "relation rule")
    for i, relation in enumerate(rb.decision.relations):
        problems += _check_condition(relation.when, ("relations", i, "when"), d, qs, answers_only=True)
        problems += _check_sources(relation.source, ("relations", i, "source"), d, sections)
    d = docs["forms.yaml"]
    problems += _duplicates([f.id for f in rb.forms], d, ("forms",), "form")
    missing = [f for f in FORM_IDS if f not in {x.id for x in rb.forms}]
    if missing:
        problems.append(d.problem(("forms",), f"the forms {', '.join(missing)} are missing"))
    for i, form in enumerate(rb.forms):
        base = ("forms", i)
        problems += _check_sources(form.source, base + ("source",), d, sections)
        problems += _check_condition(form.elements, base + ("elements",), d, qs, answers_only=True)
        for j, typical in enumerate(form.risks):
            if typical.id not in risk_ids:
                problems.append(d.problem(base + ("risks", j, "id"), f"unknown risk id '{typical.id}'",
                                          _hint(typical.id, risk_ids)))
            problems += _check_sources(typical.source, base + ("risks", j, "source"), d, sections)
        for j, ex in enumerate(form.examples):
            if ex.case not in case_ids:
                problems.append(d.problem(base + ("examples", j, "case"), f"unknown case id '{ex.case}'",
                                          _hint(ex.case, case_ids)))

    d = docs["conditions.yaml"]
    problems += _duplicates([c.id for c in rb.conditions], d, ("conditions",), "condition")
    for i, c in enumerate(rb.conditions):
        base = ("conditions", i)
        problems += _check_sources(c.source, base + ("source",), d, sections)
        q = by_id.get(c.question)
        if q is None:
            problems.append(d.problem(base + ("question",), f"unknown question id '{c.question}'",
                                      _hint(c.question, by_id)))
            continue
        if set(c.status) != set(q.option_ids):
            problems.append(d.problem(base + ("status",), "status must give a status for each option of "
                                      f"'{q.id}': {allowed(q.option_ids)}"))
        missing_forms = [f for f in FORM_IDS if f not in c.why]
        if missing_forms:
            problems.append(d.problem(base + ("why",), f"'why' has no text for {', '.join(missing_forms)}"))

    with_conditions: tuple[tuple[str, str, Sequence[Recommendation | Competence | Risk]], ...] = (
        ("recommendations.yaml", "recommendations", rb.recommendations),
        ("competences.yaml", "competences", rb.competences),
        ("risks.yaml", "risks", rb.risks),
    )
    for fname, key, items in with_conditions:
        d = docs[fname]
        problems += _duplicates([x.id for x in items], d, (key,), key.rstrip("s"))
        for i, item in enumerate(items):
            base = (key, i)
            problems += _check_sources(item.source, base + ("source",), d, sections)
            problems += _check_condition(item.applies_when, base + ("applies_when",), d, qs)
            if isinstance(item, Risk):
                problems += _check_risk(item, base, d, qs)

    d = docs["framework.yaml"]
    fw = rb.framework
    problems += _check_sources(fw.definition.source, ("definition", "source"), d, sections)
    problems += _check_sources(fw.partnership.source, ("partnership", "source"), d, sections)
    for i, ph in enumerate(fw.phases):
        problems += _check_sources(ph.source, ("phases", i, "source"), d, sections)

    d = docs["notes.yaml"]
    problems += _duplicates([n.id for n in rb.notes.notes], d, ("notes",), "note")
    for i, note in enumerate(rb.notes.notes):
        problems += _check_condition(note.applies_when, ("notes", i, "applies_when"), d, qs)

    d = docs["cases.yaml"]
    problems += _duplicates([c.id for c in rb.cases], d, ("cases",), "case")
    for i, case in enumerate(rb.cases):
        base = ("cases", i)
        problems += _check_sources(case.source, base + ("source",), d, sections)
        problems += _duplicates([r.id for r in case.relations], d, base + ("relations",), "relation")
        for j, rel in enumerate(case.relations):
            rbase = base + ("relations", j)
            problems += _check_sources(rel.source, rbase + ("source",), d, sections)
            _, _, found = read_answers(rel.answers, qs, d, rbase + ("answers",))
            problems += found
    return problems
