"""Validating the rule base: a pydantic model for each of its records, made from the record's annotations.

The records (models/common.py, conditions.py, questions.py, rules.py) say in their annotations what the
YAML must hold, as a pydantic model would: `Annotated[list[Pole], Field(min_length=2)]`, `Id`,
`Condition`. Those annotations stay text when the records are defined; this module reads them into
pydantic models of the same names (here, in this module's namespace, where the text's names mean the
constraints of models/constraints.py, the other models, and `Condition`: a union told apart by its one
key). A validated model is then turned into its record. Only loading a rule base from YAML and `check`
come here; the engine, a start from the snapshot and the front ends never import pydantic.

A record's own `_before` (a classmethod that rearranges the raw mapping: Words gathers its languages) and
`_after` (a method that checks the validated values: AnswerTest's "exactly one of is or in") run as the
model's validators.
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, TypeAdapter, model_validator

from assistant.models import records
from assistant.models.common import LANGS

if TYPE_CHECKING:
    from assistant.models.common import Strict
    from assistant.models.conditions import Condition

R = TypeVar("R", bound="Strict")


class _Model(BaseModel):
    # defer_build: a model is built once every model (every name its annotations use) is defined (`models`)
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


def _namespace() -> dict[str, Any]:
    """The names the records' annotations use, as validation reads them."""
    import typing

    from assistant.models import common, constraints, rules

    names: dict[str, Any] = {name: getattr(typing, name) for name in ("Annotated", "Any", "Literal")}
    names.update((name, getattr(constraints, name)) for name in ("Id", "NonEmpty", "Sources", "AsOf"))
    names.update((name, getattr(common, name)) for name in ("FormId", "AxisId", "PoleId", "Receiver", "Voice",
                                                            "Lang"))
    names.update((name, getattr(rules, name)) for name in ("Status", "Holder"))
    names["Field"] = Field
    return names


def _model(record: type[Strict], base: type[BaseModel]) -> type[BaseModel]:
    """The pydantic model of one record: its own annotations (as text), defaults and validators, on the
    model of its base record."""
    body: dict[str, Any] = {
        "__module__": __name__,
        "__qualname__": record.__name__,
        "__doc__": record.__doc__,
        "__annotations__": dict(inspect.get_annotations(record)),
    }
    for name in body["__annotations__"]:
        if name in record.__dict__:
            body[name] = record.__dict__[name]
    if "_before" in record.__dict__:
        before = record.__dict__["_before"].__func__

        def rearranged(cls: type[BaseModel], data: Any) -> Any:  # (named cls: pydantic makes it a classmethod)
            return before(record, data)

        body["_record_before"] = model_validator(mode="before")(rearranged)
    if "_after" in record.__dict__:
        after = record.__dict__["_after"]

        def checked(model: BaseModel) -> BaseModel:
            after(model)
            return model

        body["_record_after"] = model_validator(mode="after")(checked)
    return type(record.__name__, (base,), body)


def _kind(value: Any) -> str | None:
    """Which kind of condition a value is: the one key of its mapping, or the model or record it is."""
    if isinstance(value, dict):
        for key in _KINDS:
            if key in value:
                return key
        return None
    return _KIND_OF.get(type(value).__name__)


_KINDS = ("all", "any", "not", "answer", "axis", "form")
_KIND_OF = {"AllOf": "all", "AnyOf": "any", "Not": "not", "AnswerTest": "answer", "AxisTest": "axis",
            "FormTest": "form"}


@functools.cache
def models() -> dict[str, type[BaseModel]]:
    """The pydantic model of every record, by name. Made once, into this module's namespace, where pydantic
    reads the annotations when a model first validates."""
    from typing import Annotated

    from assistant.models.common import Strict

    space = globals()
    space.update(_namespace())
    made: dict[str, type[BaseModel]] = {}
    todo = list(records().values())
    while todo:  # each base record's model before the models of the records that extend it
        record = todo.pop(0)
        parent = record.__bases__[0]
        if parent is not Strict and parent.__name__ not in made:
            todo.append(record)
            continue
        made[record.__name__] = _model(record, _Model if parent is Strict else made[parent.__name__])
    space.update(made)
    kinds = [Annotated[made[name], Tag(kind)] for name, kind in _KIND_OF.items()]
    space["Condition"] = Annotated[
        kinds[0] | kinds[1] | kinds[2] | kinds[3] | kinds[4] | kinds[5],
        Discriminator(
            _kind,
            custom_error_type="condition_kind",
            custom_error_message="a condition needs one of the keys all, any, not, answer, axis, form",
        ),
    ]
    for model in made.values():  # every name is known now: read each model's annotations
        model.model_rebuild()
    return made


@functools.cache
def keys() -> frozenset[str]:
    """Every key a rule-base file may hold, for "did you mean" on an unknown one."""
    words = {field.alias or name for model in models().values() for name, field in model.model_fields.items()}
    # a text's languages are keys of the YAML; `more`, where the records keep them, is not
    return frozenset(words - {"more"} | set(LANGS))


def model_of(record: type[Strict]) -> type[BaseModel]:
    """The pydantic model a record is validated by."""
    return models()[record.__name__]


def validate(record: type[R], data: Any) -> R:
    """`data` validated as `record` (a pydantic ValidationError says what is wrong), as that record."""
    found = as_record(model_of(record).model_validate(data))
    assert isinstance(found, record)
    return found


@functools.cache
def _condition() -> TypeAdapter[Any]:
    models()
    return TypeAdapter(globals()["Condition"])


def condition(data: Any) -> Condition:
    """`data` validated as a condition (a ValidationError says what is wrong), as its records."""
    found: Condition = as_record(_condition().validate_python(data))
    return found


def as_record(value: Any) -> Any:
    """A validated value with each model in it made the record it stands for."""
    if isinstance(value, BaseModel):
        record = records()[type(value).__name__]
        fields = value.__dict__
        return record.made_of({name: as_record(fields[name]) for name in record._fields})
    if type(value) is list:
        return [as_record(item) for item in value]
    if type(value) is dict:
        return {key: as_record(item) for key, item in value.items()}
    return value
