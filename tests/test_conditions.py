"""The condition language a rule author writes (assistant/engine/conditions.py), read as the author reads it.

The shipped rules use only some of it (mutation testing, `make mutation`, showed an axis test or a form test
read backwards, or a compiled `not` of an unknown answer, changed no shipped result); a rule author may
write any of it, and rule-authors.md promises what each means. Each case is written as in a rule file, with
what it must give: `holds` (two-valued: an unknown answer does not hold), `truth` (three-valued: an unknown
answer, "don't know" or none, leaves it unknown) and the compiled form the decision runs, which must agree
with `truth` on every case.
"""

from __future__ import annotations

import pytest

from assistant.engine.conditions import Facts, compile_answers, compile_certain, holds, truth
from assistant.models.schema import condition

MONEY = {"answer": "money_flow", "in": ["grant", "purchase"]}
HIRES = {"answer": "employs", "is": "from_start"}

#: (condition as written, answers, holds, truth)
ANSWER_CASES = [
    (MONEY, {"money_flow": ("grant",)}, True, True),
    (MONEY, {"money_flow": ("none",)}, False, False),
    (MONEY, {"money_flow": ("dont_know",)}, False, None),
    (MONEY, {}, False, None),
    ({"not": MONEY}, {"money_flow": ("none",)}, True, True),
    ({"not": MONEY}, {"money_flow": ("grant",)}, False, False),
    ({"not": MONEY}, {}, True, None),  # two-valued: an unknown answer does not hold, so its `not` does
    ({"all": [MONEY, HIRES]}, {"money_flow": ("grant",), "employs": ("from_start",)}, True, True),
    ({"all": [MONEY, HIRES]}, {"money_flow": ("grant",), "employs": ("no",)}, False, False),
    ({"all": [MONEY, HIRES]}, {"money_flow": ("grant",)}, False, None),
    ({"all": [MONEY, HIRES]}, {"employs": ("no",)}, False, False),  # a false part decides, unknown or not
    ({"any": [MONEY, HIRES]}, {"employs": ("from_start",)}, True, True),  # a true part decides
    ({"any": [MONEY, HIRES]}, {"money_flow": ("none",)}, False, None),
    ({"any": [MONEY, HIRES]}, {"money_flow": ("none",), "employs": ("no",)}, False, False),
    ({"not": {"all": [MONEY, HIRES]}}, {"money_flow": ("grant",)}, True, None),
    ({"not": {"any": [MONEY, HIRES]}}, {"money_flow": ("none",), "employs": ("no",)}, True, True),
    ({"not": {"any": [MONEY, HIRES]}}, {"money_flow": ("none",), "employs": ("dont_know",)}, True, None),
    # an author may test for "don't know" itself: `holds` sees the answer, `truth` calls it unknown all the same
    ({"answer": "money_flow", "is": "dont_know"}, {"money_flow": ("dont_know",)}, True, None),
    ({"not": {"answer": "money_flow", "is": "dont_know"}}, {"money_flow": ("grant",)}, True, True),
]


@pytest.mark.parametrize(("written", "answers", "holding", "three_valued"), ANSWER_CASES)
def test_an_answer_condition_means_what_the_rule_author_wrote(written, answers, holding, three_valued):
    cond = condition(written)
    assert holds(cond, Facts(answers)) is holding
    assert truth(cond, Facts(answers)) is three_valued
    assert compile_answers(cond)(answers) is three_valued, "the decision's compiled condition agrees"
    certainly_true, certainly_false = compile_certain(cond)
    assert certainly_true(answers) is (three_valued is True), "the two-valued compiled condition agrees"
    assert certainly_false(answers) is (three_valued is False)


def test_an_axis_or_form_condition_reads_the_pole_and_the_forms_shown():
    new_service = condition(NEW_SERVICE := {"axis": "service", "is": "new"})
    facts = Facts({}, poles={"service": "new", "relation": None}, forms=frozenset({"development"}))
    assert holds(new_service, facts) and truth(new_service, facts) is True
    assert not holds(condition({"axis": "service", "is": "existing"}), facts)
    assert truth(condition({"axis": "relation", "is": "two_way"}), facts) is None, "an open axis"
    shown = condition({"form": "development"})
    other = condition({"form": "grant"})
    assert holds(shown, facts) and not holds(other, facts)
    assert truth(shown, facts) is True and truth(other, facts) is False
    open_ = Facts({}, forms=frozenset({"grant"}), maybe=frozenset({"grant"}))
    assert truth(other, open_) is None, "a form still open is unknown"
    both = condition({"all": [NEW_SERVICE, {"form": "grant"}]})
    assert not holds(both, facts), "all: every part must hold"
    assert holds(condition({"all": [NEW_SERVICE, {"form": "development"}]}), facts)
