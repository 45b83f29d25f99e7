"""Answers: what a user chose, checked against the question set.

An answers mapping goes from question id to one option id, or to a list of
option ids for a multiple-choice question. Internally every answer is a tuple
of option ids. A saved session adds a `meta:` block, which is kept aside.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assistant.errors import MAX_PROBLEMS, Problem, allowed, capped, did_you_mean
from assistant.ids import DONT_KNOW
from assistant.models.questions import QuestionSet
from assistant.yamlsource import Document, describe, quoted

Answers = dict[str, tuple[str, ...]]

META_KEY = "meta"


def read_answers(
    raw: Any, questions: QuestionSet, doc: Document, base: tuple[Any, ...] = ()
) -> tuple[Answers, dict[str, Any], list[Problem]]:
    """Check a raw answers mapping; return the answers, the meta block and the problems.

    Every problem names the question id and, through `doc`, the line. Known
    answers are kept even when others are wrong, so a caller may choose to go on.
    The problems are capped (errors.capped): the first MAX_PROBLEMS, then one line for the rest.
    """
    problems: list[Problem] = []

    def suggest(word: str, choices: Iterable[str]) -> str | None:
        """did_you_mean, for the problems that are shown (it is slow on 90 000 unknown keys)."""
        return did_you_mean(word, choices) if len(problems) < MAX_PROBLEMS else None

    answers: Answers = {}
    meta: dict[str, Any] = {}
    if raw is None:
        return answers, meta, problems
    if not isinstance(raw, dict):
        problems.append(doc.problem(
            base, f"an answers file must be a mapping from question id to option id, not {describe(raw)}",
            "write one line per question, like  role: entrepreneur",
        ))
        return answers, meta, problems
    by_id = {q.id: q for q in questions.questions}
    raw, carried = _carry_over(raw, questions, doc, base)
    problems += carried
    for qid, value in raw.items():
        path = base + (qid,)
        if qid == META_KEY:
            if isinstance(value, dict):
                meta = value
            else:
                problems.append(doc.problem(path, f"'meta' must be a mapping, not {describe(value)}"))
            continue
        question = by_id.get(qid)
        if question is None:
            hint = suggest(qid, by_id) or "run `samarbeid questions` to list the question ids"
            problems.append(doc.problem(path, f"unknown question id {quoted(qid)}", hint, key=True))
            continue
        if value is None:
            continue  # left blank: unanswered
        chosen = value if isinstance(value, list) else [value]
        if isinstance(value, list) and question.kind == "single":
            problems.append(doc.problem(
                path, f"question '{qid}' takes one option, not a list",
                f"choose one of: {allowed(question.option_ids)}",
            ))
            continue
        good: list[str] = []
        for i, item in enumerate(chosen):
            item_path = path + (i,) if isinstance(value, list) else path
            if not isinstance(item, str):
                problems.append(doc.problem(
                    item_path, f"the answer to '{qid}' must be an option id, not {describe(item)}",
                    f"choose from: {allowed(question.option_ids)}",
                ))
                continue
            if item not in question.option_ids:
                suggestion = suggest(item, question.option_ids)
                hint = f"{suggestion} The options are: {allowed(question.option_ids)}" if suggestion else \
                    f"the options are: {allowed(question.option_ids)}"
                problems.append(doc.problem(item_path, f"unknown option {quoted(item)} for question '{qid}'", hint))
                continue
            if item in good:
                problems.append(doc.problem(item_path, f"option {quoted(item)} is given twice for '{qid}'"))
                continue
            good.append(item)
        if DONT_KNOW in good and len(good) > 1:
            problems.append(doc.problem(
                path, f"'{DONT_KNOW}' cannot be combined with other options for '{qid}'",
                "keep either 'dont_know' or the options you know",
            ))
            continue
        if good and len(good) == len(chosen):
            answers[qid] = tuple(good)
    return answers, meta, capped(problems)


def group_of(meta: Mapping[str, object]) -> str | None:
    """The group's name from a session's meta block, if it has one (shown as written, never obeyed)."""
    from assistant.safetext import visible

    group = meta.get("group")
    return visible(" ".join(str(group).split()))[:80] or None if group is not None else None


CARRIED_OVER = "carried_over"
"""The kind of a problem that is only a notice: an older option id, carried over to its new one."""


def is_notice(problem: Problem) -> bool:
    """Whether a problem only tells the reader something (a carried-over option) and stops nothing."""
    return problem.kind == CARRIED_OVER


def _carry_over(raw: dict[str, Any], questions: QuestionSet, doc: Document, base: tuple[Any, ...]
                ) -> tuple[dict[str, Any], list[Problem]]:
    """The answers with every renamed option (questions.yaml `renamed`) replaced by what it becomes, and a
    notice for each, naming the new ids. A single answer the file gives itself is never overwritten."""
    renamed = {(r.question, r.option): r for r in questions.renamed}
    if not renamed:
        return raw, []
    kinds = {q.id: q.kind for q in questions.questions}
    out = dict(raw)
    notices: list[Problem] = []
    added: dict[str, list[str]] = {}
    for qid, value in raw.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            r = renamed.get((qid, item)) if isinstance(item, str) else None
            if r is None:
                continue
            mine = [x for x in (out[qid] if isinstance(out[qid], list) else [out[qid]]) if x != item]
            out[qid] = mine if isinstance(value, list) else (mine[0] if mine else None)
            for target, becomes in r.becomes.items():
                added.setdefault(target, []).extend(becomes if isinstance(becomes, list) else [becomes])
            said = " and ".join(f"{t}: {b if isinstance(b, str) else '[' + ', '.join(b) + ']'}"
                                for t, b in r.becomes.items())
            line, column = doc.where(base + (qid,))
            notices.append(Problem(doc.file, line, column, f"'{qid}: {item}' is an older answer "
                                   f"(before version {r.since}); it is read as {said}",
                                   f"write {said} in the file to stop this message", kind=CARRIED_OVER))
    for target, options in added.items():
        given = out.get(target)
        if kinds.get(target) == "multi":
            have = given if isinstance(given, list) else [given] if given is not None else []
            out[target] = have + [o for o in options if o not in have]
        elif given is None:
            out[target] = options[0]
    return out, notices


def as_plain(answers: Mapping[str, tuple[str, ...]], questions: QuestionSet) -> dict[str, Any]:
    """Answers in the file format: single answers as text, multiple as lists, in question order."""
    kinds = {q.id: q.kind for q in questions.questions}
    out: dict[str, Any] = {}
    for q in questions.questions:
        if q.id in answers:
            chosen = answers[q.id]
            out[q.id] = list(chosen) if kinds[q.id] == "multi" else chosen[0]
    return out
