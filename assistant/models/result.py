"""The engine's result: language-neutral data (ids, numbers, report sections), no words.

The renderers (render/) phrase it in one language; the JSON renderer turns it
into DESIGN.md's contract. Switching language re-renders the same result.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Confidence = Literal["clear", "leaning", "open"]
StatusId = Literal["met", "partly", "not_met", "unknown"]


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
    status: StatusId


class RiskHit(Frozen):
    id: str
    because: tuple[str, ...]


class RecommendationHit(Frozen):
    id: str
    to: str
    because: tuple[str, ...]


# --- the trace: what each answer did, one step per effect; render/trace.py phrases them
class Step(Frozen):
    question: str
    answer: tuple[str, ...]
    source: tuple[str, ...]
    """The report sections the step rests on."""


class AxisStep(Step):
    """One option moved an axis towards a pole (an indicator of rules/axes.yaml)."""

    kind: Literal["axis"] = "axis"
    option: str
    """The option that did it (one of `answer`); with question and axis it names the indicator."""
    axis: str
    pole: str
    points: int
    """The indicator's weight: the points towards `pole`."""


class OpenStep(Step):
    """A "don't know" left an axis open: the answer could have moved its score from `low` to `high`."""

    kind: Literal["open"] = "open"
    axis: str
    low: int
    high: int


class ConditionStep(Step):
    """The answer gave a condition for good collaboration its status."""

    kind: Literal["condition"] = "condition"
    id: str
    status: StatusId


class RoleStep(Step):
    """The role decided whose recommendations the user gets."""

    kind: Literal["role"] = "role"
    receivers: tuple[str, ...]
    """"nav", "entrepreneur" or both, in that order."""


class ItemStep(Step):
    """The answer made a risk apply, a recommendation relevant, or showed elements of another form."""

    kind: Literal["risk", "recommendation", "element"]
    id: str
    """The risk's, the recommendation's or the form's id."""


class QuietStep(Step):
    """The answer changed nothing ("none"), or did not count: its question is not asked ("not_asked")."""

    kind: Literal["none", "not_asked"]


TraceStep = Annotated[
    AxisStep | OpenStep | ConditionStep | RoleStep | ItemStep | QuietStep, Field(discriminator="kind")
]


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
