"""The question set, the rule base, answers and results, as frozen records (models/record.py).

A rule base is validated once, from its YAML, against its records' annotations (models/schema.py:
pydantic, strict, `extra="forbid"`); once loaded it cannot change under the engine.
"""

from __future__ import annotations

import functools

from assistant.models.common import FORM_IDS, Lang, Strict, Text
from assistant.models.conditions import Condition
from assistant.models.questions import Option, Question, QuestionSet, Topic
from assistant.models.rules import RuleBase

__all__ = ["FORM_IDS", "Condition", "Lang", "Option", "Question", "QuestionSet", "RuleBase", "Text", "Topic",
           "records"]


@functools.cache
def records() -> dict[str, type[Strict]]:
    """Every record a rule base is made of, by name: the classes validation makes and a snapshot may name."""
    from assistant.models import common, conditions, questions, rules

    found: dict[str, type[Strict]] = {}
    for module in (common, conditions, questions, rules):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Strict) and value is not Strict \
                    and found.setdefault(value.__name__, value) is not value:
                raise TypeError(f"two rule-base records are called {value.__name__}")
    return found
