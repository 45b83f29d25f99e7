"""The question set (questions.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from assistant.ids import DONT_KNOW as DONT_KNOW  # re-exported: the engine takes it from here
from assistant.models.common import Lang, Receiver, Strict, Text, Voice

if TYPE_CHECKING:
    from typing import Annotated

    from pydantic import Field

    from assistant.models.conditions import Condition
    from assistant.models.constraints import Id, Sources


class Option(Strict):
    id: Id
    label: Text
    explain: Text | None = None
    """A short explanation shown under the label."""
    situation: Text | None = None
    """The situation the option describes, as a clause that fits "if …" ("Nav buys the service"):
    how "what would change" says a changed answer in words."""


class Topic(Strict):
    id: Id
    name: Text


class Question(Strict):
    id: Id
    topic: Id
    kind: Literal["single", "multi"] = "single"
    text: Text
    """The question in neutral words (a trainer, a workshop group), and in a reader's own words where the
    neutral ones do not fit them: "you"/"your business" to an entrepreneur, "your office" to Nav."""
    asked_of: list[Receiver] | None = None
    """The parties that can answer it; None is both. The others leave it unknown, and it goes on their
    list of what to find out."""
    find_out: Text | None = None
    """The question as one to bring to a first meeting with the other party, when the answer is unknown."""
    help: Text
    """The report's idea behind the question, in plain words."""
    source: Sources
    show_if: Condition | None = None
    """Asked only when this holds over the earlier answers."""
    options: Annotated[list[Option], Field(min_length=2)]

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The options a user may give, "don't know" included."""
        return tuple(o.id for o in self.options) + (DONT_KNOW,)

    def text_for(self, voice: Voice | None, lang: Lang) -> str:
        """The question as a reader in `voice` is asked it (its own words, else the neutral ones)."""
        return self.text(lang, voice)

    def is_asked_of(self, parties: frozenset[str]) -> bool:
        """Whether a person who speaks for these parties is asked this question."""
        return self.asked_of is None or bool(parties.intersection(self.asked_of))

    def option(self, option_id: str) -> Option | None:
        for o in self.options:
            if o.id == option_id:
                return o
        return None


class Renamed(Strict):
    """An option that is no longer offered, and the answers it is carried over to (questions.yaml `renamed`)."""

    question: Id
    option: Id
    becomes: dict[Id, Id | list[Id]]
    """Question -> option, or options added to a multiple-choice answer."""
    since: str
    """The question set's version that renamed it."""


class QuestionSet(Strict):
    version: str
    renamed: list[Renamed] = []
    topics: list[Topic]
    questions: Annotated[list[Question], Field(min_length=1)]
