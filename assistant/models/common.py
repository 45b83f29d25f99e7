"""Shapes shared by every file: text in every language, sources, ids."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal, TypeGuard

# re-exported (as X as X): the models and renderers take the languages from here
from assistant.ids import DEFAULT_LANG as DEFAULT_LANG
from assistant.ids import LANGS as LANGS
from assistant.ids import VOICE_FALLBACK, VOICES
from assistant.ids import Lang as Lang
from assistant.ids import Voice as Voice
from assistant.models.record import Frozen
from assistant.safetext import visible

if TYPE_CHECKING:
    from typing_extensions import Self

    from assistant.models.constraints import NonEmpty

FormId = Literal["grant", "supplier", "employment", "development"]
FORM_IDS: tuple[str, ...] = ("grant", "supplier", "employment", "development")
AxisId = Literal["service", "relation"]
PoleId = Literal["existing", "new", "one_way", "two_way"]
Receiver = Literal["nav", "entrepreneur"]
"""The two parties: whom a recommendation is for, whom a question is put to, whose words a text is in."""
RECEIVERS: tuple[Receiver, ...] = ("nav", "entrepreneur")
"""The two parties, in the order a report lists them."""
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""An id of the rule base (constraints.Id): lower-case letters, digits and _, starting with a letter."""
AS_OF_PATTERN = r"^(19|20)\d\d(-[01]\d(-[0-3]\d)?)?$"
"""A date a practical note's facts were true at (constraints.AsOf): a year, or a year-month(-day)."""


def is_form_id(value: str) -> TypeGuard[FormId]:
    """Whether `value` names one of the four forms: narrows a result's plain form id to a `FormId`."""
    return value in FORM_IDS


class Strict(Frozen):
    """A part of the rule base. Its annotations say what the YAML must hold: pydantic validates the YAML
    against them (models/schema.py, which reads them as pydantic would read a model's, with the
    constraints of models/constraints.py; unknown keys are refused, a key may be given by its alias or its
    name). A model may also have `_before` (a classmethod that rearranges the raw mapping) and `_after`
    (a method that checks the validated values and raises ValueError): validation runs them."""

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """Validate `data` as this part of the rule base (pydantic's name; a ValidationError says what is
        wrong)."""
        from assistant.models.schema import validate

        return validate(cls, data)


def is_language_code(key: object) -> bool:
    """Whether a key of a text's mapping names a language: one of the program's (LANGS), or any other
    code of 2-3 lower-case letters (a language the rule base is being translated into) that is neither
    a reader's voice nor one slip of the keyboard from a language of the program (`nbb`, `bn`, `ne`:
    those are typos, reported as unknown keys with a "did you mean")."""
    if type(key) is not str:
        return False
    if key in LANGS:
        return True
    return _CODE.fullmatch(key) is not None and key not in VOICES and not any(_one_slip(key, c) for c in LANGS)


_CODE = re.compile(r"[a-z]{2,3}")


def _one_slip(a: str, b: str) -> bool:
    """`a` is `b` with one letter added, left out, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


class Words(Strict):
    """A text in the languages it is written in, for one reader's voice: bokmål (`nb`) always, and any
    other language beside it (`nn`, `en`, …) under its code, as the YAML has them.

    The other languages are kept in one mapping, `more` (code → text), not a field each: a language is
    added to the rule base without changing the models. `check` reports, for every language of the
    program, each text missing it; a text missing a language is shown in bokmål (`__call__`).
    """

    nb: NonEmpty
    more: dict[str, NonEmpty] = {}
    """Every language but bokmål: code → text. Filled from the mapping's language keys; never a key of the
    YAML itself."""

    @classmethod
    def _before(cls, data: Any) -> Any:
        """`{nb: …, nn: …, en: …}` → `{nb: …, more: {nn: …, en: …}}`; every other key is left where it
        is, so an unknown one (`nbb:`) is refused as an unknown key at its own line."""
        if not isinstance(data, dict):
            return data
        if "more" in data:
            raise ValueError("'more' is not a key of a text: write each language under its code (nn:, en:)")
        out: dict[str, Any] = {}
        more: dict[str, Any] = {}
        for key, value in data.items():
            if key != DEFAULT_LANG and is_language_code(key):
                more[key] = value
            else:
                out[key] = value
        if more:
            out["more"] = more
        return out

    def __call__(self, lang: Lang) -> str:
        """The text in `lang`, else in bokmål, as it is shown (safetext)."""
        text = self.more.get(lang)
        return visible(self.nb if text is None else text)

    def get(self, lang: Lang) -> str | None:
        """The text as written in `lang`, or None where it has none (no falling back)."""
        return self.nb if lang == DEFAULT_LANG else self.more.get(lang)

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages this text is written in, bokmål first."""
        return (DEFAULT_LANG, *self.more)

    def __hash__(self) -> int:  # a frozen model hashes its fields' values, and `more` is a dict
        return hash((type(self), self.nb, tuple(self.more.items())))


class Text(Words):
    """A user-facing text: bokmål, and the other languages it is written in; none may be empty.

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
        text = words.more.get(lang)
        return visible(words.nb if text is None else text)

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
