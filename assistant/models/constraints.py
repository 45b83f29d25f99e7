"""What the rule base's texts and ids must look like, as pydantic reads it: the types the models'
annotations name (`Id`, `NonEmpty`, `Sources`, `AsOf`).

Only validation imports this module (models/schema.py). The models name these types in annotations that
stay text when they run (`from __future__ import annotations`), and import them for mypy alone.
"""

from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints

from assistant.models.common import AS_OF_PATTERN, ID_PATTERN

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sources = Annotated[list[str], Field(min_length=1)]
AsOf = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),  # as_of: 2024
    StringConstraints(pattern=AS_OF_PATTERN),
]
"""When a practical note's facts were true: a year, or a year-month(-day)."""
