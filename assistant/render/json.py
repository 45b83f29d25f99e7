"""The result as JSON, in the shape DESIGN.md fixes (plus a few extra keys).

Every risk of the rule base is listed with its status (ruled out ones too); the
summary is phrased in the result's language (`reasons`, `first_steps`), with
its data beside it (`steps`, `top_risks`). `brief` keeps the summary page's keys:
the form, the summary, `unanswered` and `to_find_out`.

Each trace step keeps DESIGN.md's keys (`question`, `answer`, `effect` in the
result's language, `source`) and adds its data: `kind` and the fields of that
kind (`axis`, `pole`, `points`, `option`; `low`, `high`; `id`, `status`; `receivers`).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from typing import Any

from assistant import __version__
from assistant.models.common import Lang, Voice
from assistant.models.record import Frozen
from assistant.models.result import Result, TraceStep
from assistant.models.rules import RuleBase
from assistant.render.trace import TracePhrases
from assistant.render.view import Item, party_of
from assistant.safetext import json_visible

STEP_KEYS = {"question", "answer", "source", "kind"}
"""A step's fields written in DESIGN.md's order; the others follow, as data."""


def _data(model: Frozen, leave: Collection[str] = ()) -> dict[str, Any]:
    """A flat result model's fields as JSON data, in the model's order (text, numbers, tuples of text as
    lists)."""
    return {name: list(value) if type(value) is tuple else value
            for name, value in model.__dict__.items() if name not in leave}


def _answer(chosen: tuple[str, ...]) -> Any:
    return chosen[0] if len(chosen) == 1 else list(chosen)


def _step(step: TraceStep, phrases: TracePhrases, lang: Lang, voice: Voice | None) -> dict[str, Any]:
    data = _data(step, leave=STEP_KEYS)
    return {"question": step.question, "answer": _answer(step.answer), "effect": phrases.phrase(step, lang, voice),
            "source": list(step.source), "kind": step.kind, **data}


def summary_dict(rb: RuleBase, result: Result, lang: Lang) -> dict[str, Any]:
    """The summary in words (`headline`: the form in a sentence, `reasons`, `first_steps`, `open`) and as
    data (`steps`, `top_risks`)."""
    from assistant.render.view import build_summary

    view = build_summary(rb, result, lang)
    return {
        "headline": view.form,
        "reasons": view.reasons,
        "first_steps": [_step_line(item, party_of(result) is None) for item in view.first_steps],
        "steps": [_data(step) for step in result.summary.first_steps],
        "top_risks": list(result.summary.top_risks),
        "open": view.open,
    }


def _step_line(item: Item, trainer: bool) -> str:
    """One thing to do first in a line: the party's step, or (a trainer) what it is about and each party's step."""
    if not trainer:
        return item.title
    return " ".join([item.heading.rstrip(".") + ".", *(line.plain for line in item.lines)])


def to_find_out(rb: RuleBase, result: Result, lang: Lang) -> list[dict[str, Any]]:
    """DESIGN.md's `{question, settles}`, with the question as one to bring along (`text`)."""
    qs = {q.id: q for q in rb.questions.questions}
    out = []
    for find in result.to_find_out:
        q = qs.get(find.question)
        text = (q.find_out(lang, result.voice) if q.find_out is not None else q.text_for(result.voice, lang)) \
            if q else find.question
        out.append({"question": find.question, "settles": list(find.settles), "text": text,
                    "other_party": find.other_party})
    return out


def result_dict(rb: RuleBase, result: Result, lang: Lang, *, group: str | None = None,
                made: date | None = None, brief: bool = False) -> dict[str, Any]:
    """The result as plain data; rule-base and user texts stay raw strings (json.dumps quotes them)."""
    head: dict[str, Any] = {
        "form": result.form,
        "candidates": list(result.candidates),
        "secondary": list(result.secondary),
        "basis": result.basis,
        "relation_rule": result.relation_rule,
        "denied": list(result.denied),
        "contradictions": [{"id": c.id, "answers": list(c.answers),
                            "readings": [{"kept": r.kept, "without": list(r.without), "form": r.form,
                                          "candidates": list(r.candidates)} for r in c.readings]}
                           for c in result.contradictions],
    }
    summary: dict[str, Any] = {
        "summary": summary_dict(rb, result, lang),
        "unanswered": result.unanswered,
        "to_find_out": to_find_out(rb, result, lang),
    }
    tail: dict[str, Any] = {
        "party": result.party,
        "voice": result.voice,
        "rules_version": result.rules_version,
        "product_version": __version__,
        "made": (made or date.today()).isoformat(),
        "lang": lang,
    }
    if group:
        tail["group"] = group
    if brief:
        return {**head, **summary, **tail}
    phrases = TracePhrases(rb)
    details: dict[str, Any] = {
        "axes": {
            axis: {"pole": r.pole, "score": r.score, "confidence": r.confidence,
                   "range": [r.low, r.high], "possible": list(r.possible)}
            for axis, r in result.axes.items()
        },
        "conditions": [{"id": c.id, "status": c.status} for c in result.conditions],
        "risks": [{"id": r.id, "status": r.status, "because": list(r.because), "would_settle": list(r.would_settle),
                   "addressed_by": list(r.addressed_by), "forms": list(r.forms)} for r in result.risks],
        "recommendations": [{"id": r.id, "to": r.to, "how": r.how, "because": list(r.because)}
                            for r in result.recommendations],
        "competences": list(result.competences),
        "notes": list(result.notes),
        "trace": [_step(s, phrases, lang, result.voice) for s in result.trace],
        "what_would_change": [
            {"form": c.form, "change": {q: _answer(a) for q, a in c.change.items()}}
            for c in result.what_would_change
        ],
        "similar_cases": [_data(s) for s in result.similar_cases],
        "not_asked": list(result.not_asked),
        "answers": {q: _answer(a) for q, a in result.answers.items()},
        "role": result.role,
    }
    return {**head, **details, **summary, **tail}


def render_json(rb: RuleBase, result: Result, lang: Lang, *, group: str | None = None,
                made: date | None = None, brief: bool = False) -> str:
    data = result_dict(rb, result, lang, group=group, made=made, brief=brief)
    return json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
