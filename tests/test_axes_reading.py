"""How each axis is read from its score and from what the unanswered questions could still do
(assistant/engine/axes.py, `decide` and `decide_scores`), as the result shows it: the pole, "clear" or
"leaning", and the poles still possible (the candidates).

The shipped cases rarely land on the edges (a range that reaches exactly 0), so mutation testing
(`make mutation`) showed the edges unproved: each test puts one axis on one edge, with the numbers written
out, and says what a person is shown.
"""

from __future__ import annotations

from assistant.engine.axes import POLES, AxisModel


def _reading(engine, score: int, low: int, high: int):
    other = {"service": 0, "relation": 0}
    total, lows, highs = dict(other, relation=score), dict(other, relation=low), dict(other, relation=high)
    return engine.axes.decide_scores(total, lows, highs).axes["relation"]


def test_an_axis_at_zero_that_nothing_can_move_is_open_with_both_poles_possible(engine):
    reading = _reading(engine, 0, 0, 0)
    assert (reading.pole, reading.confidence, reading.possible) == (None, "open", POLES["relation"])


def test_an_axis_at_zero_that_can_move_one_way_only_has_that_pole_possible(engine):
    reading = _reading(engine, 0, 0, 3)
    assert (reading.pole, reading.possible) == (None, (POLES["relation"][0],))


def test_a_range_that_reaches_zero_does_not_flip_the_pole(engine):
    """An answer still open can bring the score to zero but not past it: the pole stays, and is clear."""
    strong = engine.axes.clear_from
    down = _reading(engine, -strong, -strong, 0)
    assert (down.pole, down.confidence, down.possible) == (POLES["relation"][1], "clear", (POLES["relation"][1],))
    up = _reading(engine, strong, 0, strong)
    assert (up.pole, up.confidence, up.possible) == (POLES["relation"][0], "clear", (POLES["relation"][0],))


def test_an_unanswered_question_widens_each_axis_by_what_its_answers_can_do(rule_base):
    model = AxisModel(rule_base)  # made afresh, as for test_relation_settles' model: see there
    qid, spread = next((q, s) for q, s in model.spread.items() if s["relation"][0] < 0 < s["relation"][1])
    assert qid in model.questions, "a question that moves an axis is one the search may change"
    reading = model.decide({}, [qid]).axes["relation"]
    assert (reading.low, reading.high) == (reading.score + spread["relation"][0], reading.score + spread["relation"][1])
