"""The engine's result: language-neutral ids and two-language texts.

The JSON renderer turns it into DESIGN.md's contract for one language.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.models.common import Text

Confidence = Literal["clear", "leaning", "open"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class AxisReading(Frozen):
    axis: str
    pole: str | None
    """The pole the answers lean to; None when the score is zero."""
    score: int
    """Signed: positive towards the first pole (existing / one_way)."""
    low: int
    high: int
    """The range the "don't know" and unanswered questions could still move the score over."""
    confidence: Confidence
    possible: tuple[str, ...]
    """Poles still reachable given the open answers."""


class ConditionStatus(Frozen):
    id: str
    status: Literal["met", "partly", "not_met", "unknown"]


class RiskHit(Frozen):
    id: str
    because: tuple[str, ...]


class RecommendationHit(Frozen):
    id: str
    to: str
    because: tuple[str, ...]


class TraceStep(Frozen):
    question: str
    answer: tuple[str, ...]
    effect: Text
    source: tuple[str, ...]
    kind: Literal["axis", "open", "condition", "role", "risk", "recommendation", "element", "none", "not_asked"]


class Change(Frozen):
    form: str
    change: dict[str, tuple[str, ...]]


class SimilarCase(Frozen):
    case: str
    relation: str
    report_form: str
    similarity: float


class Result(Frozen):
    form: str | None
    candidates: tuple[str, ...]
    secondary: tuple[str, ...]
    axes: dict[str, AxisReading]
    conditions: tuple[ConditionStatus, ...]
    risks: tuple[RiskHit, ...]
    recommendations: tuple[RecommendationHit, ...]
    competences: tuple[str, ...]
    trace: tuple[TraceStep, ...]
    what_would_change: tuple[Change, ...]
    similar_cases: tuple[SimilarCase, ...]
    role: str | None
    answers: dict[str, tuple[str, ...]]
    """The answers that counted: those to questions that are asked."""
    not_asked: tuple[str, ...]
    """Questions answered in the file but not asked given the other answers."""
    notes: tuple[str, ...] = ()
    """The practical notes (rules/notes.yaml) that apply: dated facts beyond the report."""
    rules_version: str
