"""Shapes shared by every file: two-language text, sources, ids."""

from __future__ import annotations

from typing import Annotated, Literal, TypeGuard

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# re-exported (as X as X): the models and renderers take the languages from here
from assistant.ids import LANGS as LANGS
from assistant.ids import VOICE_FALLBACK, VOICES
from assistant.ids import Lang as Lang
from assistant.ids import Voice as Voice
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
    # defer_build: a model's validator is built when it first validates, not when it is defined; a start
    # that reads the rule base's snapshot (snapshot.py) validates nothing, and so builds none of them
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Words(Strict):
    """A text in both languages, for one reader's voice."""

    nb: NonEmpty
    en: NonEmpty
    nn: NonEmpty | None = None
    """Nynorsk (issue 22): drafted beside every bokmål text, not yet a language one can choose."""

    def __call__(self, lang: Lang) -> str:
        return visible(self.nb if lang == "nb" else self.en)


class Text(Words):
    """A user-facing text in both languages; neither may be empty.

    Where the neutral words would speak of the reader in the third person ("the entrepreneur hires …"
    read by the entrepreneur), the text carries the words for that reader's voice beside them:
    `entrepreneur`, `nav` (a Nav employee: "your office"), `nav_leader` (the leader as "you"; a leader
    without them reads the Nav words).
    """

    entrepreneur: Words | None = None
    nav: Words | None = None
    nav_leader: Words | None = None

    def __call__(self, lang: Lang, voice: Voice | None = None) -> str:
        """The text in `lang`, in `voice` where it has one, as it is shown: a control character or an
        override in it is written as its escape and never acts on a terminal (safetext; `check` warns
        about them)."""
        words = self.words(voice)
        return visible(words.nb if lang == "nb" else words.en)

    def words(self, voice: Voice | None) -> Words:
        """The words `voice` reads: its own, else those it falls back on, else the neutral ones."""
        if voice is not None:
            for v in VOICE_FALLBACK[voice]:
                found: Words | None = getattr(self, v)
                if found is not None:
                    return found
        return self

    @property
    def voiced(self) -> dict[Voice, Words]:
        """The voices this text has words of its own for."""
        return {v: w for v in VOICES if (w := getattr(self, v)) is not None}
