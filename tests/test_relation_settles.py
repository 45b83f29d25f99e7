"""Why a reading holds, as the result says it (assistant/engine/relation.py, `settle`): the form, the forms
still open, the basis the words are chosen by ("relation", "nearest", "open", "none"), and the forms whose
relation the answers deny.

Mutation testing (`make mutation`) showed the shipped cases never left the relation with no form at all,
nor with two forms open and nothing the axes could settle: each test sets the axes and what the relation
rules say, and states what a person is told.
"""

from __future__ import annotations

from assistant.engine.axes import FormDecision
from assistant.engine.relation import Reading
from assistant.models.common import FORM_IDS


def _reading(engine, denied: set[str] = frozenset(), shown: set[str] = frozenset()) -> Reading:
    requires = tuple(False if f in denied else True if f in shown else None for f in FORM_IDS)
    return Reading(requires=requires, rules=tuple(False for _ in engine.relation.rules))


def test_axes_open_between_two_forms_and_nothing_else_said_stays_open_between_them(engine):
    axes = FormDecision(form=None, candidates=("grant", "supplier"), axes={}, basis="open")
    settled = engine.relation.settle(axes, _reading(engine))
    assert (settled.form, settled.candidates, settled.basis, settled.denied) == (
        None, ("grant", "supplier"), "open", ())


def test_axes_open_with_one_form_the_answers_allow_takes_it_as_the_nearest(engine):
    axes = FormDecision(form=None, candidates=("grant", "supplier"), axes={}, basis="open")
    settled = engine.relation.settle(axes, _reading(engine, denied={"grant"}))
    assert (settled.form, settled.candidates, settled.basis, settled.denied) == (
        "supplier", ("supplier",), "nearest", ("grant",))


def test_a_form_the_answers_deny_with_every_other_denied_too_is_said_to_fit_none(engine):
    axes = FormDecision(form="grant", candidates=("grant",), axes={}, basis="axes")
    settled = engine.relation.settle(axes, _reading(engine, denied=set(FORM_IDS)))
    assert (settled.form, settled.candidates, settled.basis, settled.axes_form, settled.denied) == (
        None, (), "none", "grant", FORM_IDS)


def test_another_forms_relation_shown_opens_the_axes_form_and_says_what_is_denied(engine):
    axes = FormDecision(form="supplier", candidates=("supplier",), axes={}, basis="axes")
    settled = engine.relation.settle(axes, _reading(engine, denied={"grant"}, shown={"development"}))
    assert (settled.form, settled.basis, settled.axes_form, settled.denied) == (None, "open", "supplier", ("grant",))
    assert set(settled.candidates) == {"supplier", "development"}


def test_each_form_is_read_by_the_relation_its_rule_requires(rule_base):
    """rules/decision.yaml: a grant needs grant or project money and no purchase; an employment
    collaboration needs job seekers employed. A model made from the rule base reads each form's `requires`
    (made afresh here: mutmut tries a constructor's mutants only on the tests its stats saw build the
    model, and the shared engine is built once, by whichever test asks first)."""
    from assistant.engine.relation import RelationModel

    model = RelationModel(rule_base)
    grant, employment = FORM_IDS.index("grant"), FORM_IDS.index("employment")
    bought = model.read({"money_flow": ("purchase",), "employs": ("no",)}).requires
    assert (bought[grant], bought[employment]) == (False, False)
    granted = model.read({"money_flow": ("grant",), "employs": ("from_start",)}).requires
    assert (granted[grant], granted[employment]) == (True, True)
    assert model.read({}).requires[grant] is None, "nothing known: the relation is unknown"
