"""The workshop's core: comparing groups, the case quiz's scoring, the rules of a room.

Pure: no web, no Textual, no I/O. The web room and `samarbeid compare` build on it.
"""

from assistant.workshop.compare import AxisSpread, Comparison, GroupResult, compare, compare_results, group_result
from assistant.workshop.quiz import QuizItem, neutral_description, placement_form, quiz_items, score, scoreboard
from assistant.workshop.rooms import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_GROUPS,
    MAX_NAME,
    JoinRefused,
    check_join,
    clean_name,
    new_code,
    new_token,
    normal_code,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "MAX_GROUPS",
    "MAX_NAME",
    "AxisSpread",
    "Comparison",
    "GroupResult",
    "JoinRefused",
    "QuizItem",
    "check_join",
    "clean_name",
    "compare",
    "compare_results",
    "group_result",
    "neutral_description",
    "new_code",
    "new_token",
    "normal_code",
    "placement_form",
    "quiz_items",
    "score",
    "scoreboard",
]
