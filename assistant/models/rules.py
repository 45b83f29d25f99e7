"""The rule base (rules/*.yaml): the framework of AFI-rapport 2020:10 as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from assistant.models.common import RECEIVERS as RECEIVERS
from assistant.models.common import Receiver, Strict, Text, Voice

if TYPE_CHECKING:
    from typing import Annotated

    from pydantic import Field

    from assistant.models.common import AxisId, FormId, PoleId
    from assistant.models.conditions import Condition
    from assistant.models.constraints import AsOf, Id, NonEmpty, Sources
    from assistant.models.questions import Option, QuestionSet

Status = Literal["met", "partly", "not_met", "unknown"]
Holder = Literal["nav", "entrepreneur", "both"]


# --- meta.yaml
class Roles(Strict):
    """Who the user is, and whose recommendations each role gets."""

    question: Id
    """The question that asks for the role; the assistant asks it first, on its start screen."""
    receivers: dict[Id, Annotated[list[Receiver], Field(min_length=1)]]
    """For each option of that question: whose recommendations that role gets.
    "Don't know" gets them all unless it is given here too."""
    source: Sources
    """The report sections the role's effect rests on (cited in the trace)."""
    voices: dict[Id, Voice] = {}
    """For each option of that question: whose words the role reads (texts' `entrepreneur`, `nav`,
    `nav_leader`); a role not listed reads the neutral words (a trainer, Nav's county level)."""


class Report(Strict):
    title: NonEmpty
    authors: NonEmpty
    series: NonEmpty
    publisher: NonEmpty
    year: int


class Meta(Strict):
    version: NonEmpty
    report: Report
    sections: dict[str, Text]
    roles: Roles


# --- axes.yaml
class Pole(Strict):
    id: PoleId
    name: Text
    description: Text


class Axis(Strict):
    id: AxisId
    name: Text
    question: Text
    """What decides the axis, as a question."""
    source: Sources
    poles: Annotated[list[Pole], Field(min_length=2, max_length=2)]


class Indicator(Strict):
    """One option of one question, pointing one axis towards one pole."""

    question: Id
    option: Id
    axis: AxisId
    pole: PoleId
    weight: Annotated[int, Field(ge=1, le=5)] = 1
    effect: Text
    source: Sources


class Conflict(Strict):
    """Answers that contradict each other: no one collaboration is both (rules/axes.yaml `conflicts`).

    The result names a conflict that holds for the answers and what each reading gives; "what would
    change" never proposes a change that makes one hold.
    """

    id: Id
    when: Condition
    text: Text
    """Why the answers do not fit together, in plain words."""
    source: Sources


class AxesFile(Strict):
    axes: Annotated[list[Axis], Field(min_length=2, max_length=2)]
    clear_from: Annotated[int, Field(ge=1)] = 3
    indicators: list[Indicator]
    conflicts: list[Conflict] = []


# --- decision.yaml
class DecisionRule(Strict):
    form: FormId
    service: Literal["existing", "new"]
    relation: Literal["one_way", "two_way"]
    requires: Condition | None = None
    """The relation the report defines the form by: the decision never gives the form when this is false."""
    denied: Text | None = None
    """Why the form is not the result when the answers deny its relation (required with `requires`)."""
    shown_only: bool = False
    """The form is the result only where the answers show its relation (`requires` true); while that is
    unknown, it stays one of the candidates beside the nearest forms the answers allow. For a form the axes
    alone cannot tell apart from another (a grant, 4.1.1: little dialogue inside an existing frame is also
    how Nav may buy)."""
    source: Sources


class RelationRule(Strict):
    """A relation that settles the form where the answers show it, before the axes are read."""

    id: Id
    form: FormId
    when: Condition
    reason: Text
    """Why the relation makes it this form, in plain words."""
    source: Sources


class Decision(Strict):
    hit_policy: Literal["unique"]
    source: Sources
    rules: Annotated[list[DecisionRule], Field(min_length=1)]
    relations: list[RelationRule] = []
    """Tried in order (hit policy "first") before the axes: the first that holds settles the form."""


# --- forms.yaml
class CaseExample(Strict):
    case: Id
    text: Text


class TypicalRisk(Strict):
    """A risk the report names as a challenge of a form: shown for that form unless an answer rules it out."""

    id: Id
    source: Sources
    """Where the report ties the risk to the form (its section in 4.1, or the one it rests on)."""


class Form(Strict):
    id: FormId
    name: Text
    summary: Text
    money_flow: Text
    nav_level: Text
    benefits: list[Text]
    challenges: list[Text]
    risks: list[TypicalRisk] = []
    """The form's typical risks (4.1.1-4.1.4); `check` fails when a form has none."""
    examples: list[CaseExample] = []
    phase_role: Text
    elements: Condition | None = None
    """Answers that show elements of this form (a secondary form)."""
    source: Sources


class FormsFile(Strict):
    forms: list[Form]


class Acts(Strict):
    """One step each party can take, in a line: what the summary's "do this first" says to that party."""

    nav: Text
    entrepreneur: Text

    def __call__(self, party: Receiver) -> Text:
        return self.nav if party == "nav" else self.entrepreneur


# --- conditions.yaml
class CollaborationCondition(Strict):
    id: Id
    name: Text
    description: Text
    question: Id
    status: dict[str, Status]
    why: dict[FormId, Text]
    when_not_met: Text
    act: Acts | None = None
    """The first step when the condition is not met or not known, for each party."""
    source: Sources


class ConditionsFile(Strict):
    conditions: list[CollaborationCondition]


# --- recommendations.yaml
class Recommendation(Strict):
    id: Id
    to: Receiver
    title: Text
    text: Text
    ask: Text | None = None
    """A recommendation to Nav phrased as what an entrepreneur can ask the office for (required for to: nav)."""
    applies_when: Condition | None = None
    source: Sources


class RecommendationsFile(Strict):
    recommendations: list[Recommendation]


# --- competences.yaml
class Competence(Strict):
    id: Id
    holder: Holder
    name: Text
    text: Text
    applies_when: Condition | None = None
    source: Sources


class CompetencesFile(Strict):
    competences: list[Competence]


# --- risks.yaml
class Risk(Strict):
    id: Id
    name: Text
    why: Text
    reduce: Text
    act: Acts | None = None
    """The first step against the risk, for each party, in a line."""
    applies_when: Condition
    """When the answers raise the risk. An unknown answer leaves it possible; "don't know" is unknown."""
    ruled_out_when: Condition | None = None
    """When the situation the answers describe excludes the risk, even for a form that names it as typical."""
    possible_when: Condition | None = None
    """When the answers make the risk worth watching without raising it: shown as possible, with the answers
    (for a danger the report names for a situation, not one the answers show; gender_roles, 3.4.4)."""
    addressed_when: Condition | None = None
    """When an answer shows the risk is being dealt with: a raised or typical risk is then shown as addressed,
    with the answers that address it and what remains (`remains`)."""
    remains: Text | None = None
    """What is left to watch once the risk is addressed (required with `addressed_when`)."""
    source: Sources


class RisksFile(Strict):
    risks: list[Risk]


# --- framework.yaml
class Criterion(Strict):
    id: Id
    text: Text


class Definition(Strict):
    text: Text
    criteria: list[Criterion]
    not_included: list[Text]
    source: Sources


class Phase(Strict):
    id: Id
    forms: list[FormId]
    text: Text
    source: Sources


class PartnershipPoint(Strict):
    id: Id
    text: Text


class Partnership(Strict):
    text: Text
    points: list[PartnershipPoint]
    source: Sources


class FrameworkFile(Strict):
    definition: Definition
    phases: list[Phase]
    partnership: Partnership


# --- cases.yaml
class Relation(Strict):
    id: Id
    description: Text
    report_form: FormId
    source: Sources
    answers: dict[str, Any]
    """An answers mapping, checked against questions.yaml when loaded."""


class Case(Strict):
    id: Id
    name: NonEmpty
    summary: Text
    source: Sources
    relations: Annotated[list[Relation], Field(min_length=1)]


class CasesFile(Strict):
    cases: list[Case]


# --- notes.yaml: practical notes beyond the report (DOMAIN-NOTES.md), each with a dated source
class DatedSource(Strict):
    title: NonEmpty
    """The document, in its own language."""
    publisher: NonEmpty
    """Where it is published: a body or a site (regjeringen.no, nav.no)."""
    as_of: AsOf
    """When what the note says was true: a year, or a year-month(-day)."""


class PracticalNote(Strict):
    id: Id
    title: Text
    text: Text
    applies_when: Condition | None = None
    """When it is shown; without it, always."""
    source: Annotated[list[DatedSource], Field(min_length=1)]

    @property
    def as_of(self) -> str:
        """The oldest date among its sources: how old the note's facts may be."""
        return min(s.as_of for s in self.source)


class NotesFile(Strict):
    check_current: Text
    """A line telling the user to check the current rule before acting."""
    notes: list[PracticalNote]


class RuleBase(Strict):
    """Everything the engine needs, validated and cross-checked."""

    questions: QuestionSet
    meta: Meta
    axes: AxesFile
    decision: Decision
    forms: list[Form]
    conditions: list[CollaborationCondition]
    recommendations: list[Recommendation]
    competences: list[Competence]
    risks: list[Risk]
    framework: FrameworkFile
    cases: list[Case]
    notes: NotesFile

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def role_question(self) -> str:
        """The id of the question that asks who the user is (rules/meta.yaml, `roles.question`)."""
        return self.meta.roles.question

    @property
    def role_options(self) -> list[Option]:
        """Who a user can be: the options of the role question."""
        return next(q.options for q in self.questions.questions if q.id == self.role_question)

    def receivers(self, role: str | None) -> frozenset[str]:
        """Whose recommendations a role gets: "nav", "entrepreneur" or both.

        `role` is an option of the role question; "don't know", no answer (None) or
        an id the rule base does not name get every recommendation.
        """
        given = self.meta.roles.receivers.get(role) if role is not None else None
        return frozenset(given if given else RECEIVERS)

    def voice(self, role: str | None) -> Voice | None:
        """Whose words a role reads (meta.yaml `roles.voices`); None: the neutral words."""
        return self.meta.roles.voices.get(role) if role is not None else None
