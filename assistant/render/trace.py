"""The trace in words: what each answer did, phrased in one language.

The engine records each step as data (ids, points, report sections; see
models/result.py). The report view and the JSON renderer both phrase the steps
here, so a step reads the same in every format; the rule-base texts (an
indicator's effect, a risk's name) are looked up from the step's ids.
"""

from __future__ import annotations

from assistant.ids import Lang, Voice
from assistant.models.result import AxisStep, ConditionStep, ItemStep, OpenStep, QuietStep, RoleStep, TraceStep
from assistant.models.rules import Axis, Form, Indicator, Pole, RuleBase
from assistant.texts import say


class TracePhrases:
    """The rule base's look-ups for phrasing steps, built once per report."""

    def __init__(self, rb: RuleBase):
        # by plain ids: a step names its axis, pole and form as strings
        self.axes: dict[str, Axis] = {a.id: a for a in rb.axes.axes}
        self.poles: dict[str, Pole] = {p.id: p for a in rb.axes.axes for p in a.poles}
        self.indicators: dict[tuple[str, str, str], Indicator] = {
            (i.question, i.option, i.axis): i for i in rb.axes.indicators
        }
        self.conditions = {c.id: c for c in rb.conditions}
        self.risks = {r.id: r for r in rb.risks}
        self.recommendations = {r.id: r for r in rb.recommendations}
        self.forms: dict[str, Form] = {f.id: f for f in rb.forms}

    def phrase(self, step: TraceStep, lang: Lang, voice: Voice | None = None) -> str:
        """One step as a sentence in `lang`."""
        if isinstance(step, AxisStep):
            effect = self.indicators[step.question, step.option, step.axis].effect
            return say("trace.axis", lang, effect=effect(lang, voice), axis=self.axes[step.axis].name(lang, voice),
                       pole=self.poles[step.pole].name(lang, voice), weight=step.points)
        if isinstance(step, OpenStep):
            return say("trace.open", lang, axis=self.axes[step.axis].name(lang, voice), low=step.low, high=step.high)
        if isinstance(step, ConditionStep):
            return say("trace.condition", lang, name=self.conditions[step.id].name(lang, voice),
                       status=say(f"status.{step.status}", lang))
        if isinstance(step, RoleStep):
            only = step.receivers[0] if len(step.receivers) == 1 else "all"
            return say(f"trace.role.{only}", lang)
        if isinstance(step, ItemStep):
            if step.kind == "risk":
                return say("trace.risk", lang, name=self.risks[step.id].name(lang, voice))
            if step.kind == "recommendation":
                return say("trace.recommendation", lang, name=self.recommendations[step.id].title(lang, voice))
            return say("trace.element", lang, name=self.forms[step.id].name(lang, voice))
        assert isinstance(step, QuietStep)
        return say(f"trace.{step.kind}", lang)


def phrase(step: TraceStep, rb: RuleBase, lang: Lang) -> str:
    """One step in words; for many steps, build a `TracePhrases` once."""
    return TracePhrases(rb).phrase(step, lang)
