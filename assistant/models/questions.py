"""The question set (questions.yaml)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from assistant.ids import DONT_KNOW as DONT_KNOW  # re-exported: the engine takes it from here
from assistant.models.common import Id, Sources, Strict, Text
from assistant.models.conditions import Condition


class Option(Strict):
    id: Id
    label: Text
    explain: Text | None = None
    """A short explanation shown under the label."""


class Topic(Strict):
    id: Id
    name: Text


class Question(Strict):
    id: Id
    topic: Id
    kind: Literal["single", "multi"] = "single"
    text: Text
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

    def option(self, option_id: str) -> Option | None:
        for o in self.options:
            if o.id == option_id:
                return o
        return None


class QuestionSet(Strict):
    version: str
    topics: list[Topic]
    questions: Annotated[list[Question], Field(min_length=1)]
