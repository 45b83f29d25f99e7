"""One dialogue for every front end: the answers, where the person is, and the result.

The assistant, plain mode and the browser each show a question and collect a
choice; what the choice means is decided here, once: whether it is a valid
answer to that question, which question comes next, what "back" does (go to
the previous question and keep its answer, everywhere), how far the person is
(question n of N), what review shows, when the session is complete, and the
result (evaluated once per set of answers). After every change the dialogue
hands itself to its keeper, which saves the session (sessions.SessionFile).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from assistant.engine.flow import asked, asked_again, next_open, party_of, reachable
from assistant.ids import DONT_KNOW, Voice
from assistant.kept import Kept
from assistant.safetext import visible

if TYPE_CHECKING:
    from assistant.answers import Answers
    from assistant.engine import Engine
    from assistant.ids import Lang
    from assistant.models.common import Receiver
    from assistant.models.questions import Question, QuestionSet
    from assistant.models.result import Result
    from assistant.models.rules import RuleBase

Place = Literal["start", "question", "review", "result"]
RowStatus = Literal["answered", "unanswered", "new", "not_relevant"]
Keeper = Callable[["Dialogue"], None]


class AnswerRefused(ValueError):
    """A choice that is not an answer to the question; `reason` is the texts key that says why."""

    def __init__(self, reason: str, question: str) -> None:
        super().__init__(f"{reason} ({question})")
        self.reason = reason
        self.question = question


@dataclass(frozen=True)
class Step:
    """Where the person goes next: a question (by id), review, the result, or the start."""

    to: Place
    question: str | None = None


@dataclass(frozen=True)
class ReviewRow:
    """One line of review: a question, its answer (None when it has none) and how it stands."""

    question: str
    answer: tuple[str, ...] | None
    status: RowStatus


class Dialogue:
    """One session's way through the questions, over one rule base."""

    def __init__(self, rb: RuleBase, engine: Engine, *, answers: Mapping[str, tuple[str, ...]] | None = None,
                 lang: Lang = "nb", group: str | None = None, keeper: Keeper | None = None) -> None:
        self.rb = rb
        self.engine = engine
        self._answers: Answers = dict(answers or {})
        self.lang: Lang = lang
        self.group = group
        """The group's name in a workshop: saved with the answers, shown on the report."""
        self.keeper = keeper
        self._by_id = _by_id(rb.questions)
        self._editing = False  # a question opened from review goes back to review
        self._seen_in_review: set[str] = set()
        self._result: tuple[tuple[tuple[str, tuple[str, ...]], ...], Result] | None = None
        self._flow: tuple[list[Question], list[Question]] | None = None
        """The questions asked for every party and those put to this person, for the answers as they
        are: one page asks for them several times (its progress, its back link, the next question)."""
        self._kept: _Flow | None = None
        """The flow of the answers as they are (`_kept_flow`), found once for them."""

    @classmethod
    def begin(cls, rb: RuleBase, engine: Engine, role: str, *, lang: Lang = "nb", group: str | None = None,
              keeper: Keeper | None = None) -> Dialogue:
        """A new session that starts with the person's role; it is kept at once."""
        dialogue = cls(rb, engine, lang=lang, group=group, keeper=keeper)
        dialogue.answer(dialogue.role_question, (role,))
        return dialogue

    # ------------------------------------------------------------ what it holds
    @property
    def answers(self) -> Mapping[str, tuple[str, ...]]:
        """The answers so far (read-only: they change through `answer`)."""
        return MappingProxyType(self._answers)

    @property
    def role_question(self) -> str:
        """The question that asks who the person is (rules/meta.yaml's `roles`)."""
        return self.rb.role_question

    @property
    def role(self) -> str | None:
        return self._answers.get(self.role_question, (None,))[0]

    @property
    def parties(self) -> frozenset[str]:
        """Whom the person speaks for: "nav", "entrepreneur" or both (a trainer, or no role yet)."""
        return self.rb.receivers(self.role)

    @property
    def party(self) -> Receiver | None:
        """The one party the person speaks for, whose words the questions take; None for both."""
        return party_of(self.parties)

    def question(self, qid: str) -> Question:
        return self._by_id[qid]

    @property
    def voice(self) -> Voice | None:
        """Whose words the person reads (rules/meta.yaml `roles.voices`); None: the neutral words."""
        return self.rb.voice(self.role)

    def question_text(self, qid: str) -> str:
        """The question as this person is asked it: in their own words, in the session's language."""
        return self._by_id[qid].text_for(self.voice, self.lang)

    def asked(self) -> list[str]:
        """The questions put to this person, given the answers so far, in order.

        Questions the person's party cannot answer (`asked_of`) are not put; they stay unknown and go on
        the result's list of what to find out.
        """
        return [q.id for q in self._asked()[1]]

    def _asked(self) -> tuple[list[Question], list[Question]]:
        """The questions asked (for every party; a question put to another party may count by its answer),
        and among them those put to this person: worked out once for the answers as they are."""
        if self._flow is None:
            flow = self._flow_now()
            self._flow = (flow.counted, flow.put_to(self.parties))
        return self._flow

    def _flow_now(self) -> _Flow:
        """The flow of the answers as they are: looked up (by all the answers, sorted) once for them."""
        if self._kept is None:
            self._kept = _kept_flow(self.rb.questions, self._answers)
        return self._kept

    def progress(self, qid: str) -> tuple[int, int]:
        """Question `qid`'s number and how many questions are still reachable ("question n of N")."""
        ids = self._flow_now().ahead(self.parties, self._answers)
        n = ids.index(qid) + 1 if qid in ids else len(ids)
        return n, max(len(ids), n)

    def next_open(self, after: str | None = None) -> str | None:
        """The next asked question without an answer (after `after`, else from the start)."""
        q = next_open(self.rb.questions, self._answers, after, self.parties, shown=self._asked()[1])
        return q.id if q else None

    def tally(self) -> tuple[int, int]:
        """How far the person is: the questions answered among those put to them now or still to come,
        and how many those are (a group's progress bar on the projector)."""
        ahead = self._flow_now().ahead(self.parties, self._answers)
        answered = sum(1 for qid in ahead if qid in self._answers)
        return answered, max(len(ahead), answered)

    @property
    def complete(self) -> bool:
        """Every asked question has an answer ("don't know" counts as one)."""
        return self.next_open() is None

    def unanswered(self) -> int:
        """Asked questions still without an answer."""
        return sum(1 for qid in self.asked() if qid not in self._answers)

    # ------------------------------------------------------------ moving
    def first_step(self) -> Step:
        """Where a session opens: its first open question, or the result when none is open."""
        nxt = self.next_open()
        return Step("question", nxt) if nxt else Step("result")

    def answer(self, qid: str, chosen: tuple[str, ...] | list[str]) -> Step:
        """Take `chosen` as the answer to `qid` and say where to go next.

        Refused (AnswerRefused, nothing changes) when the question is not asked now, when
        nothing is chosen, when an option is not one of the question's, when a single-choice
        question gets several, or when "don't know" comes with other answers.
        """
        self._answers[qid] = self._checked(qid, chosen)
        before = self._kept  # the flow of the answers but this one (`_checked` found it)
        self._flow = self._kept = None
        if before is not None:
            self._kept = _kept_flow(self.rb.questions, self._answers, since=(before, qid))
        self._changed()
        if self._editing:
            self._editing = False
            return Step("review")
        nxt = self.next_open(after=qid)
        return Step("question", nxt) if nxt else Step("result")

    def back(self, qid: str) -> Step:
        """The previous asked question, its answer kept; from a question opened in review, review."""
        if self._editing:
            self._editing = False
            return Step("review")
        shown = self.asked()
        earlier = shown[: shown.index(qid)] if qid in shown else shown
        return Step("question", earlier[-1]) if earlier else Step("start")

    def edit(self, qid: str) -> Step:
        """Open a question from review; answering it (or going back) returns to review."""
        if qid not in self.asked():
            raise AnswerRefused("dialogue.not_asked", qid)
        self._editing = True
        return Step("question", qid)

    def carry_on(self) -> Step:
        """Back to the questions from review or the result: the next open one, else the last asked."""
        self._editing = False
        nxt = self.next_open()
        return Step("question", nxt or self.asked()[-1])

    # ------------------------------------------------------------ the rest of the session
    def set_language(self, lang: Lang) -> None:
        self.lang = lang
        self._changed(answers=False)

    def set_group(self, name: str | None) -> None:
        self.group = visible(" ".join((name or "").split()))[:80] or None
        self._changed(answers=False)

    def review_rows(self) -> list[ReviewRow]:
        """Every question asked or answered: answered, not yet answered, newly asked since the last
        review, or answered but no longer asked (it does not count)."""
        shown = set(self.asked())
        counted = {q.id for q in self._asked()[0]}  # an answer counts even if not put
        rows = []
        for q in self.rb.questions.questions:
            answer = self._answers.get(q.id)
            status: RowStatus
            if answer and q.id in counted:
                status = "answered"
            elif q.id in shown:
                status = "unanswered" if q.id in self._seen_in_review else "new"
            elif answer:
                status = "not_relevant"
            else:
                continue
            rows.append(ReviewRow(q.id, answer, status))
        self._seen_in_review = shown
        return rows

    def result(self) -> Result:
        """The result for the answers so far; evaluated again only when an answer has changed."""
        key = tuple(sorted(self._answers.items()))
        if self._result is None or self._result[0] != key:
            self._result = (key, self.engine.evaluate(self._answers))
        return self._result[1]

    def keep(self) -> None:
        """Hand the session to its keeper now (as after every change)."""
        if self.keeper is not None:
            self.keeper(self)

    # ------------------------------------------------------------ inside
    def _checked(self, qid: str, chosen: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        q = self._by_id.get(qid)
        if q is None or qid not in self.asked():
            raise AnswerRefused("dialogue.not_asked", qid)
        picked = set(chosen)
        if not picked:
            raise AnswerRefused("tui.pick_one", qid)
        if DONT_KNOW in picked and len(picked) > 1:
            raise AnswerRefused("plain.dont_know_alone", qid)
        if not picked <= {*q.option_ids, DONT_KNOW}:
            raise AnswerRefused("dialogue.not_an_option", qid)
        if q.kind == "single" and len(picked) > 1:
            raise AnswerRefused("dialogue.one_only", qid)
        return (DONT_KNOW,) if DONT_KNOW in picked else tuple(o for o in q.option_ids if o in picked)

    def _changed(self, answers: bool = True) -> None:
        if answers:
            self._result = None
        self.keep()


FLOWS_KEPT = 512
"""Sets of answers whose flow (the questions asked, and those still ahead) is kept (`_kept_flow`)."""


class _Flow:
    """What the answers make of the question set: the questions asked (for every party), and by the
    parties a person speaks for, those put to them and the ids of those still reachable ("n of N")."""

    def __init__(self, questions: QuestionSet, counted: list[Question]) -> None:
        self.questions = questions
        self.counted = counted
        self._put: dict[frozenset[str], list[Question]] = {}
        self._ahead: dict[frozenset[str], list[str]] = {}

    def put_to(self, parties: frozenset[str]) -> list[Question]:
        found = self._put.get(parties)
        if found is None:
            found = self._put[parties] = [q for q in self.counted if q.is_asked_of(parties)]
        return found

    def ahead(self, parties: frozenset[str], answers: Mapping[str, tuple[str, ...]]) -> list[str]:
        found = self._ahead.get(parties)
        if found is None:
            found = self._ahead[parties] = [
                q.id for q in reachable(self.questions, answers, parties, counted=self.counted)]
        return found


_FLOWS: Kept[tuple[int, tuple[tuple[str, tuple[str, ...]], ...]], _Flow] = Kept(FLOWS_KEPT)


def _kept_flow(questions: QuestionSet, answers: Mapping[str, tuple[str, ...]],
               since: tuple[_Flow, str] | None = None) -> _Flow:
    """The flow of these answers, kept for the last FLOWS_KEPT sets of answers.

    The browser makes a dialogue per request: an answer works out what is asked after it (to find the
    next question), and the page the browser is sent to next works it out again for the same answers;
    it is the same (the rule base is frozen), so the second is found here. Callers only read it.
    `since`: the flow of the same answers but the one to a question, and that question's id: what is asked
    before it is taken from there (`flow.asked_again`)."""

    def make() -> _Flow:
        if since is not None and since[0].questions is questions:
            return _Flow(questions, asked_again(questions, answers, since[0].counted, since[1]))
        return _Flow(questions, asked(questions, answers))

    key = (id(questions), tuple(sorted(answers.items())))
    found = _FLOWS.get(key, make)
    if found.questions is not questions:  # another rule base made at the same address: work it out for this one
        return make()
    return found


_BY_ID: tuple[QuestionSet, dict[str, Question]] | None = None
"""The questions by id of the rule base last asked for: one dictionary for every dialogue over it (the
browser makes a dialogue per request)."""


def _by_id(questions: QuestionSet) -> dict[str, Question]:
    global _BY_ID
    found = _BY_ID
    if found is None or found[0] is not questions:
        found = _BY_ID = (questions, {q.id: q for q in questions.questions})
    return found[1]
