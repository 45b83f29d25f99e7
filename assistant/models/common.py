"""Shapes shared by every file: two-language text, sources, ids."""

from __future__ import annotations

from typing import Annotated, Literal, TypeGuard

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# re-exported (as X as X): the models and renderers take the languages from here
from assistant.ids import LANGS as LANGS
from assistant.ids import Lang as Lang
from assistant.safetext import visible

FormId = Literal["grant", "supplier", "employment", "development"]
FORM_IDS: tuple[str, ...] = ("grant", "supplier", "employment", "development")
AxisId = Literal["service", "relation"]
PoleId = Literal["existing", "new", "one_way", "two_way"]
Receiver = Literal["nav", "entrepreneur"]
"""The two parties: whom a recommendation is for, whom a question is put to, whose words a text is in."""
RECEIVERS: tuple[Receiver, ...] = ("nav", "entrepreneur")
"""The two parties, in the order a report lists them."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sources = Annotated[list[str], Field(min_length=1)]


def is_form_id(value: str) -> TypeGuard[FormId]:
    """Whether `value` names one of the four forms: narrows a result's plain form id to a `FormId`."""
    return value in FORM_IDS


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(Strict):
    """A user-facing text in both languages; neither may be empty."""

    nb: NonEmpty
    en: NonEmpty

    def __call__(self, lang: Lang) -> str:
        """The text in `lang`, as it is shown: a control character or an override in it is written
        as its escape and never acts on a terminal (safetext; `check` warns about them)."""
        return visible(self.nb if lang == "nb" else self.en)
