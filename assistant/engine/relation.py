"""The relation a collaboration is built on, and the form it settles (rules/decision.yaml).

The report defines each form by a relation (4.1.1-4.1.4): a funder awards money (grant), Nav buys a
service (supplier), the entrepreneur hires job seekers from Nav (employment), the parties develop
something new together (development). The two axes place a collaboration on the matrix; the relation
comes first where the answers show it, and a form whose relation the answers deny is never the result:

1. the relation rules, in order: the first that holds settles the form; one still unknown keeps its
   form among the candidates;
2. otherwise the axes' form, unless the answers deny its relation (or, for a form given only where its
   relation shows, while that is unknown: then the form is open between it and the nearest others);
3. then the nearest form on the matrix that the answers allow (one axis turned, the one closest to
   turning first; then both), and the result says why.

Everything here is a function of the axes' decision and of what the relation conditions say of the
answers (`Reading`), which is what lets `check` prove the last point over every combination.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from assistant.engine.axes import AXES, POLES, FormDecision
from assistant.engine.conditions import Check, Compiled, Truth, compile_answers, compile_certain
from assistant.models.common import FORM_IDS
from assistant.models.rules import RuleBase


class Reading(NamedTuple):
    """What the relation conditions say of some answers (a NamedTuple, as engine.conditions.Facts says why)."""

    requires: tuple[Truth, ...]
    """Each form's relation (FORM_IDS order): true, false (denied) or unknown."""
    rules: tuple[Truth, ...]
    """Each relation rule, in order."""


class RelationModel:
    """The compiled relation conditions of one rule base."""

    def __init__(self, rb: RuleBase):
        rows = {r.form: r for r in rb.decision.rules}
        self.requires: list[Compiled | None] = [
            compile_answers(rows[f].requires) if f in rows and rows[f].requires is not None else None  # type: ignore[arg-type]
            for f in FORM_IDS]
        self.rules: list[tuple[str, str, Compiled]] = [(r.id, r.form, compile_answers(r.when))
                                                       for r in rb.decision.relations]
        self.pole_of: dict[str, tuple[str, str]] = {r.form: (r.service, r.relation) for r in rb.decision.rules}
        self.shown_only = {r.form for r in rb.decision.rules if r.shown_only}
        """The forms given only where the answers show their relation."""
        self.form_at: dict[tuple[str, str], str] = {pair: form for form, pair in self.pole_of.items()}
        # for form_of, the same conditions asked in two values (engine/conditions.py compile_certain)
        self.relation_of: dict[str, tuple[Check, Check]] = {
            f: compile_certain(requires) for f in FORM_IDS if f in rows and (requires := rows[f].requires) is not None}
        """Each form's relation, where it has one: (shown, denied)."""
        self.settling: list[tuple[str, Check, Check]] = [
            (r.form, compile_certain(r.when)[0], self.relation_of.get(r.form, (_never, _never))[1])
            for r in rb.decision.relations]
        """Each relation rule in order: its form, whether it holds, whether the form's relation is denied."""

    def read(self, answers: Mapping[str, tuple[str, ...]]) -> Reading:
        return Reading(
            requires=tuple(None if req is None else req(answers) for req in self.requires),
            rules=tuple(when(answers) for _, _, when in self.rules),
        )

    def ruled(self, answers: Mapping[str, tuple[str, ...]]) -> str | None:
        """The form the first relation rule that holds settles (its form's relation not denied), if one does:
        the decision's hot path asks this first, and the axes only where no rule settles the form."""
        for form, holds, denied in self.settling:
            if holds(answers) and not denied(answers):
                return form
        return None

    def form_of(self, answers: Mapping[str, tuple[str, ...]], axes_form: str | None) -> str | bool | None:
        """Where no relation rule settles the form (`ruled`), the primary form when it can be told without
        the axes' candidates, else True (ask `settle`): the decision's hot path, which must agree with `settle`."""
        if axes_form is None:
            return True
        relation = self.relation_of.get(axes_form)
        if relation is None:
            return axes_form
        shown, denied = relation
        if denied(answers):
            return True
        if shown(answers):
            return axes_form
        # its relation unknown: settled by the axes unless another form's relation shows, or it must show
        if axes_form in self.shown_only or any(other(answers) for other, _ in self.relation_of.values()):
            return True
        return axes_form

    def settle(self, axes: FormDecision, reading: Reading) -> FormDecision:
        """The decision once the relation is read: see the module's docstring."""
        denied = tuple(f for f, t in zip(FORM_IDS, reading.requires, strict=True) if t is False)
        relation_true = {f for f, t in zip(FORM_IDS, reading.requires, strict=True) if t is True}
        maybe: list[str] = []
        for (rule_id, form, _), truth in zip(self.rules, reading.rules, strict=True):
            if form in denied:
                continue
            if truth is True:
                return axes._replace(form=form, candidates=_ordered({form, *maybe}), basis="relation",
                                     rule=rule_id, axes_form=axes.form, denied=denied)
            if truth is None:
                maybe.append(form)
        found = axes.form
        if found is not None and found not in denied:
            candidates = _ordered({found, *axes.candidates, *maybe} - set(denied))
            shown = relation_true - {found}
            if found not in relation_true and shown:  # another form's relation is shown, the axes' one is not
                return axes._replace(form=None, candidates=_ordered({found, *shown, *candidates}), basis="open",
                                     axes_form=found, denied=denied)
            if found in self.shown_only and found not in relation_true:
                near = self._nearest(axes, found, (*denied, found), relation_true)
                if near:  # its relation unknown: open between it and the nearest forms the answers allow
                    return axes._replace(form=None, candidates=_ordered({found, *near, *candidates}),
                                         basis="open", axes_form=found, denied=denied)
            return axes._replace(candidates=candidates, axes_form=found, denied=denied)
        if found is None:
            pool = _ordered(({*axes.candidates, *maybe} - set(denied)) or (set(FORM_IDS) - set(denied)))
            if len(pool) == 1:
                return axes._replace(form=pool[0], candidates=pool, basis="nearest", denied=denied)
            return axes._replace(candidates=pool, basis="open" if pool else "none", denied=denied)
        nearest = self._nearest(axes, found, denied, relation_true)
        if len(nearest) == 1:
            return axes._replace(form=nearest[0], candidates=_ordered({nearest[0], *maybe} - set(denied)),
                                 basis="nearest", axes_form=found, denied=denied)
        return axes._replace(form=None, candidates=_ordered({*nearest, *maybe} - set(denied)),
                             basis="open" if nearest else "none", axes_form=found, denied=denied)

    def _nearest(self, axes: FormDecision, denied_form: str, denied: tuple[str, ...],
                 relation_true: set[str]) -> list[str]:
        """The forms the answers allow nearest to `denied_form` on the matrix: one axis turned before both;
        among two, the one whose relation the answers show, then the one across the axis closer to turning.
        Two that nothing separates are both returned (the form stays open between them)."""
        service, relation = self.pole_of[denied_form]
        turned = {
            "service": self.form_at.get((_other("service", service), relation)),
            "relation": self.form_at.get((service, _other("relation", relation))),
        }
        near = [(axis, f) for axis, f in turned.items() if f is not None and f not in denied]
        if not near:
            far = self.form_at.get((_other("service", service), _other("relation", relation)))
            return [far] if far is not None and far not in denied else []
        if len(near) == 1:
            return [near[0][1]]
        shown = [(axis, f) for axis, f in near if f in relation_true]
        if len(shown) == 1:
            return [shown[0][1]]
        scores = {axis: abs(axes.axes[axis].score) for axis in AXES}
        if scores["service"] != scores["relation"]:
            weaker = min(AXES, key=lambda a: scores[a])
            return [f for axis, f in near if axis == weaker]
        return list(_ordered({f for _, f in near}))


def _never(_answers: Mapping[str, tuple[str, ...]]) -> bool:
    """A form without a relation condition: its relation is never denied."""
    return False


def _other(axis: str, pole: str) -> str:
    first, second = POLES[axis]
    return second if pole == first else first


def _ordered(forms: set[str] | frozenset[str]) -> tuple[str, ...]:
    return tuple(f for f in FORM_IDS if f in forms)
