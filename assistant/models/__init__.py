"""Pydantic models of the question set, the rule base, answers and results.

Every model is strict (`extra="forbid"`) and frozen: a rule base, once loaded,
cannot change under the engine.
"""

from assistant.models.common import FORM_IDS, Lang, Text
from assistant.models.conditions import Condition
from assistant.models.questions import Option, Question, QuestionSet, Topic
from assistant.models.rules import RuleBase

__all__ = ["FORM_IDS", "Condition", "Lang", "Option", "Question", "QuestionSet", "RuleBase", "Text", "Topic"]
