"""The result as JSON, in the shape DESIGN.md fixes (plus a few extra keys)."""

from __future__ import annotations

import json
from typing import Any

from assistant.models.common import Lang
from assistant.models.result import Result


def _answer(chosen: tuple[str, ...]) -> Any:
    return chosen[0] if len(chosen) == 1 else list(chosen)


def result_dict(result: Result, lang: Lang) -> dict[str, Any]:
    return {
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
        "trace": [
            {"question": s.question, "answer": _answer(s.answer), "effect": s.effect(lang),
             "source": list(s.source), "kind": s.kind}
            for s in result.trace
        ],
        "what_would_change": [
            {"form": c.form, "change": {q: _answer(a) for q, a in c.change.items()}}
            for c in result.what_would_change
        ],
        "similar_cases": [s.model_dump() for s in result.similar_cases],
        "not_asked": list(result.not_asked),
        "answers": {q: _answer(a) for q, a in result.answers.items()},
        "role": result.role,
        "rules_version": result.rules_version,
        "lang": lang,
    }


def render_json(result: Result, lang: Lang) -> str:
    return json.dumps(result_dict(result, lang), ensure_ascii=False, indent=2) + "\n"
