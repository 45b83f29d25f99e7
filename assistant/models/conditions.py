"""The declarative condition language: all / any / not / answer / axis / form.

Conditions are data, validated as a discriminated union on their one key; no
text is ever evaluated as code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Union

from assistant.models.common import Strict

if TYPE_CHECKING:
    from typing import Annotated

    from pydantic import Field

    from assistant.models.common import AxisId, FormId, PoleId
    from assistant.models.constraints import Id


class AllOf(Strict):
    all: Annotated[list[Condition], Field(min_length=1)]


class AnyOf(Strict):
    any: Annotated[list[Condition], Field(min_length=1)]


class Not(Strict):
    not_: Annotated[Condition, Field(alias="not")]


class AnswerTest(Strict):
    """True when the answer to `answer` is `is`, or one of `in`."""

    answer: Id
    is_: Annotated[Id | None, Field(alias="is")] = None
    in_: Annotated[Annotated[list[Id], Field(min_length=1)] | None, Field(alias="in")] = None

    def _after(self) -> None:
        if (self.is_ is None) == (self.in_ is None):
            raise ValueError("an answer test needs exactly one of 'is' or 'in'")

    @property
    def options(self) -> tuple[str, ...]:
        return (self.is_,) if self.is_ is not None else tuple(self.in_ or ())


class AxisTest(Strict):
    axis: AxisId
    is_: Annotated[PoleId, Field(alias="is")]


class FormTest(Strict):
    form: FormId


Condition = Union[AllOf, AnyOf, Not, AnswerTest, AxisTest, FormTest]  # noqa: UP007 (made when the module runs: 3.10)
"""One node of a condition. Validating reads a mapping by its one key (models/schema.py `CONDITION`)."""


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
