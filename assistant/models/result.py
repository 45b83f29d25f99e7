"""The engine's result: language-neutral data (ids, numbers, report sections), no words.

The renderers (render/) phrase it in one language; the JSON renderer turns it
into DESIGN.md's contract. Switching language re-renders the same result.
"""

from __future__ import annotations

from typing import Literal

from assistant.ids import Voice
from assistant.models.record import Frozen

Confidence = Literal["clear", "leaning", "open"]
StatusId = Literal["met", "partly", "not_met", "unknown"]


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


RiskStatusId = Literal["raised", "possible", "typical", "addressed", "ruled_out"]


class RiskHit(Frozen):
    """One risk of the rule base and how it stands for these answers (every risk has one, DESIGN.md).

    raised: the answers make it apply (`because`); possible: it hangs on answers that are unknown
    (`would_settle`), or the answers make it worth watching (`because`); typical: the report names it
    as a challenge of a form present and no answer settles it; addressed: raised or typical, and an
    answer shows it is being dealt with (`addressed_by`; the risk's `remains` says what is left);
    ruled_out: the situation the answers describe excludes it (kept in the JSON, never shown).
    """

    id: str
    status: RiskStatusId = "raised"
    because: tuple[str, ...] = ()
    """The questions whose answers raise it (raised), or rule it out (ruled_out)."""
    would_settle: tuple[str, ...] = ()
    """The unknown answers it depends on (possible, typical): what to find out."""
    forms: tuple[str, ...] = ()
    """The forms present that name it as typical (typical; also set when raised or possible)."""
    addressed_by: tuple[str, ...] = ()
    """The questions whose answers show it is being dealt with (addressed)."""

    @property
    def shown(self) -> bool:
        return self.status != "ruled_out"


class RecommendationHit(Frozen):
    id: str
    to: str
    because: tuple[str, ...]
    how: Literal["do", "ask"] = "do"
    """do: the user's own party is to act on it; ask: a recommendation to the other party (Nav) that the
    user (an entrepreneur) can ask for."""


class Reason(Frozen):
    """Why the form: one answer that moved an axis the way it went (an indicator of rules/axes.yaml)."""

    axis: str
    pole: str
    question: str
    option: str
    points: int


class FirstStep(Frozen):
    """One of the things to do first: a condition that is not met or not known, or a raised risk."""

    kind: Literal["condition", "risk"]
    id: str
    status: str
    """The condition's status (not_met, partly, unknown) or the risk's (raised, typical)."""


class Summary(Frozen):
    """The page a person reads first: why this form, what to do first, the risks that are raised."""

    reasons: tuple[Reason, ...]
    """The answers that weighed most on each axis, strongest first (at most two per axis)."""
    first_steps: tuple[FirstStep, ...]
    top_risks: tuple[str, ...]
    """The raised risks to name first (at most three)."""


class FindOut(Frozen):
    """An unknown answer worth finding out, and what it would settle."""

    question: str
    settles: tuple[str, ...]
    """The risks and conditions whose status hangs on it, risks first."""
    other_party: bool = False
    """Only the other party can answer it: the question is not put to the reader's own party."""


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


TraceStep = AxisStep | OpenStep | ConditionStep | RoleStep | ItemStep | QuietStep
"""One step of the trace; its `kind` says which."""


class Change(Frozen):
    form: str
    change: dict[str, tuple[str, ...]]
    was_unknown: tuple[str, ...] = ()
    """The changed questions that had no known answer: finding them out is all it takes."""


class ReadingOf(Frozen):
    """One way to read answers that contradict each other: one answer taken as right, the answers that
    conflict with it set aside."""

    kept: str
    """The question whose answer is taken as right."""
    without: tuple[str, ...]
    """The questions whose answers are set aside."""
    form: str | None
    candidates: tuple[str, ...]


class Contradiction(Frozen):
    """Answers that do not fit together (a conflict of rules/axes.yaml), and what each reading gives."""

    id: str
    answers: tuple[str, ...]
    """The questions whose answers conflict, in question order."""
    readings: tuple[ReadingOf, ...]


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
    basis: str = "axes"
    """What settled the form (engine/axes.py `Basis`): axes, relation, nearest, open, none, contradiction."""
    relation_rule: str | None = None
    """The relation rule of rules/decision.yaml that settled the form (basis "relation")."""
    axes_form: str | None = None
    """The form the axes alone give, where the relation was read."""
    denied: tuple[str, ...] = ()
    """The forms whose defining relation the answers deny."""
    contradictions: tuple[Contradiction, ...] = ()
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
    summary: Summary = Summary(reasons=(), first_steps=(), top_risks=())
    unanswered: int = 0
    """Questions put to the reader's own party that are asked, or could still be, with no answer or "don't
    know" (a trainer's: every question). What only the other party can answer is in `to_find_out`."""
    to_find_out: tuple[FindOut, ...] = ()
    """The unknown answers that would settle most, most first (at most five)."""
    party: str | None = None
    """Whose advice: "nav" or "entrepreneur"; None for a trainer (both)."""
    voice: Voice | None = None
    """Whose words the reader reads (rules/meta.yaml `roles.voices`): entrepreneur, nav, nav_leader; None for
    the neutral words (a trainer, Nav's county level)."""
    rules_version: str

    @property
    def shown_risks(self) -> tuple[RiskHit, ...]:
        """The risks a person sees: raised, then typical for the form, then possible (ruled out ones are left out)."""
        order = {"raised": 0, "typical": 1, "possible": 2, "addressed": 3}
        return tuple(sorted((r for r in self.risks if r.shown), key=lambda r: order[r.status]))
