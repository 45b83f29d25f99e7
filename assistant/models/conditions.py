"""The declarative condition language: all / any / not / answer / axis / form.

Conditions are data, validated as a discriminated union on their one key; no
text is ever evaluated as code.
"""

# No `from __future__ import annotations` in the models: pydantic would then evaluate each field's annotation
# from its text when the class is defined, at every start (a fifth of the time the models take to define).

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, model_validator

from assistant.models.common import AxisId, FormId, Id, PoleId, Strict


class AllOf(Strict):
    all: Annotated[list["Condition"], Field(min_length=1)]


class AnyOf(Strict):
    any: Annotated[list["Condition"], Field(min_length=1)]


class Not(Strict):
    not_: "Condition" = Field(alias="not")


class AnswerTest(Strict):
    """True when the answer to `answer` is `is`, or one of `in`."""

    answer: Id
    is_: Id | None = Field(default=None, alias="is")
    in_: Annotated[list[Id], Field(min_length=1)] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _one_of_is_in(self) -> "AnswerTest":
        if (self.is_ is None) == (self.in_ is None):
            raise ValueError("an answer test needs exactly one of 'is' or 'in'")
        return self

    @property
    def options(self) -> tuple[str, ...]:
        return (self.is_,) if self.is_ is not None else tuple(self.in_ or ())


class AxisTest(Strict):
    axis: AxisId
    is_: PoleId = Field(alias="is")


class FormTest(Strict):
    form: FormId


_KINDS = ("all", "any", "not", "answer", "axis", "form")


def _kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in _KINDS:
            if key in value:
                return key
        return None
    if isinstance(value, Strict):
        return {AllOf: "all", AnyOf: "any", Not: "not", AnswerTest: "answer",
                AxisTest: "axis", FormTest: "form"}.get(type(value))
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[AnswerTest, Tag("answer")]
    | Annotated[AxisTest, Tag("axis")]
    | Annotated[FormTest, Tag("form")],
    Discriminator(
        _kind,
        custom_error_type="condition_kind",
        custom_error_message="a condition needs one of the keys all, any, not, answer, axis, form",
    ),
]

# No model_rebuild() for the forward references to Condition: the models are built on their first
# validation (defer_build, common.Strict), when Condition is defined; a load from the rule base's
# snapshot never builds them (snapshot.py).


def iter_tests(cond: Condition, path: tuple[Any, ...]) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every leaf test of a condition tree with its path in the YAML file, left to right.

    A loop, not a recursion. The engine's walks (`holds`, `reasons`) do recurse; they are safe because
    a file nests at most yamlsource.MAX_DEPTH levels, so a condition is at most about half that deep.
    """
    todo: list[tuple[Any, tuple[Any, ...]]] = [(cond, path)]
    while todo:
        node, at = todo.pop()
        if isinstance(node, AllOf):
            todo.extend((part, at + ("all", i)) for i, part in reversed(list(enumerate(node.all))))
        elif isinstance(node, AnyOf):
            todo.extend((part, at + ("any", i)) for i, part in reversed(list(enumerate(node.any))))
        elif isinstance(node, Not):
            todo.append((node.not_, at + ("not",)))
        else:
            yield node, at
