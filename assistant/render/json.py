"""The result as JSON, in the shape DESIGN.md fixes (plus a few extra keys).

Each trace step keeps DESIGN.md's keys (`question`, `answer`, `effect` in the
result's language, `source`) and adds its data: `kind` and the fields of that
kind (`axis`, `pole`, `points`, `option`; `low`, `high`; `id`, `status`; `receivers`).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from assistant import __version__
from assistant.models.common import Lang
from assistant.models.result import Result, TraceStep
from assistant.models.rules import RuleBase
from assistant.render.trace import TracePhrases
from assistant.safetext import json_visible

STEP_KEYS = {"question", "answer", "source", "kind"}
"""A step's fields written in DESIGN.md's order; the others follow, as data."""


def _answer(chosen: tuple[str, ...]) -> Any:
    return chosen[0] if len(chosen) == 1 else list(chosen)


def _step(step: TraceStep, phrases: TracePhrases, lang: Lang) -> dict[str, Any]:
    data = step.model_dump(mode="json", exclude=STEP_KEYS)
    return {"question": step.question, "answer": _answer(step.answer), "effect": phrases.phrase(step, lang),
            "source": list(step.source), "kind": step.kind, **data}


def result_dict(rb: RuleBase, result: Result, lang: Lang, *, group: str | None = None,
                made: date | None = None) -> dict[str, Any]:
    """The result as plain data; rule-base and user texts stay raw strings (json.dumps quotes them)."""
    phrases = TracePhrases(rb)
    out: dict[str, Any] = {
        "form": result.form,
        "candidates": list(result.candidates),
        "secondary": list(result.secondary),
        "axes": {
            axis: {"pole": r.pole, "score": r.score, "confidence": r.confidence,
                   "range": [r.low, r.high], "possible": list(r.possible)}
            for axis, r in result.axes.items()
        },
        "conditions": [{"id": c.id, "status": c.status} for c in result.conditions],
        "risks": [{"id": r.id, "because": list(r.because)} for r in result.risks],
        "recommendations": [{"id": r.id, "to": r.to, "because": list(r.because)} for r in result.recommendations],
        "competences": list(result.competences),
        "notes": list(result.notes),
        "trace": [_step(s, phrases, lang) for s in result.trace],
        "what_would_change": [
            {"form": c.form, "change": {q: _answer(a) for q, a in c.change.items()}}
            for c in result.what_would_change
        ],
        "similar_cases": [s.model_dump() for s in result.similar_cases],
        "not_asked": list(result.not_asked),
        "answers": {q: _answer(a) for q, a in result.answers.items()},
        "role": result.role,
        "rules_version": result.rules_version,
        "product_version": __version__,
        "made": (made or date.today()).isoformat(),
        "lang": lang,
    }
    if group:
        out["group"] = group
    return out


def render_json(rb: RuleBase, result: Result, lang: Lang, *, group: str | None = None,
                made: date | None = None) -> str:
    return json_visible(json.dumps(result_dict(rb, result, lang, group=group, made=made), ensure_ascii=False,
                                   indent=2)) + "\n"
