"""Frozen records: the classes the rule base and the engine's result are made of.

Plain classes, not pydantic models nor dataclasses. Defining a pydantic model costs its field collection
and type hints, a dataclass the code it generates and compiles, each at every start; a `Frozen` class
costs a look at its own annotations, which stay unevaluated text. The rule base is validated once, from
its YAML, by pydantic models made from these classes' annotations (models/schema.py, only on that path);
a start that reads the rule base's snapshot, and the engine building a result, validate nothing and do
not import pydantic at all.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing_extensions import Self, dataclass_transform
else:
    def dataclass_transform(**_: Any) -> Any:
        """Only for mypy, which reads the fields as a frozen dataclass's; nothing to do when running."""
        return lambda cls: cls

_IMMUTABLE = (str, int, float, bool, type(None), tuple)
_FRESH = (list, dict)
"""Defaults that each record gets a new empty copy of (a rule-base list that may be left out, `risks: []`)."""


@dataclass_transform(frozen_default=True, kw_only_default=True)
class Frozen:
    """A record made from values already checked (by mypy, or by validating the YAML), kept as given.

    It keeps what the code and the tests use of a model: keyword construction (a name that is not a field,
    or a required field left out, is a TypeError, as for any call), the fields in declaration order in
    `__dict__` (the JSON renderer and the snapshot read them there), equality and hashing by value (a
    record holding a list has no hash, as a frozen pydantic model has none), no assignment after
    construction, a readable repr, and `model_copy(update=...)` under pydantic's name (the tests change a
    result or a rule base with it). A default is shared by every instance, so it must be immutable, or an
    empty list or mapping (each instance gets its own).
    """

    _fields: ClassVar[tuple[str, ...]] = ()
    """Every field, the base classes' first, in the order they are declared."""
    _defaults: ClassVar[dict[str, Any]] = {}
    """The fields that have a default, and the default."""
    _fresh: ClassVar[frozenset[str]] = frozenset()
    """The fields whose default is an empty list or mapping: copied for each instance."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = inspect.get_annotations(cls)  # the names only: the annotations stay unevaluated text
        cls._fields = (*cls._fields, *(name for name in own if name not in cls._fields))
        defaults = dict(cls._defaults)
        fresh = set(cls._fresh)
        for name in own:
            if name in cls.__dict__:
                default = cls.__dict__[name]
                if type(default) in _FRESH and not default:
                    fresh.add(name)
                elif not isinstance(default, (*_IMMUTABLE, Frozen)):
                    raise TypeError(f"{cls.__name__}.{name}: a default must be immutable, not {type(default)}")
                defaults[name] = default
        cls._defaults = defaults
        cls._fresh = frozenset(fresh)

    def __init__(self, /, **data: Any) -> None:
        defaults = self._defaults
        fresh = self._fresh
        values = {}
        given = 0
        for name in self._fields:
            if name in data:
                values[name] = data[name]
                given += 1
            elif name in defaults:
                values[name] = type(defaults[name])() if fresh and name in fresh else defaults[name]
            else:
                raise TypeError(f"{type(self).__name__}() needs {name}")
        if given != len(data):
            raise TypeError(f"{type(self).__name__}() has no field {min(data.keys() - values.keys())}")
        object.__setattr__(self, "__dict__", values)

    @classmethod
    def made_of(cls, values: dict[str, Any]) -> Self:
        """A record holding `values`, which must hold every field, in the class's order: nothing is checked
        (a snapshot of the rule base, whose reader has checked the names)."""
        record = cls.__new__(cls)
        object.__setattr__(record, "__dict__", values)
        return record

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Frozen):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with the fields in `update` changed (pydantic's name: what the tests call on a result)."""
        return type(self)(**{**self.__dict__, **(update or {})})
