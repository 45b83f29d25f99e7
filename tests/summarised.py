"""A result with the summary fields filled as the engine will fill them, for the renderers' tests.

Until the engine fills `Result.summary`, `risks` statuses, `unanswered`, `to_find_out` and `party`
(issue 12), the report tests build them from what the engine gives today, with `model_copy`. The
choices are crude (the engine's are the real ones); they only give the renderers something to show.
"""

from __future__ import annotations

from assistant.models.result import AxisStep, FindOut, FirstStep, Reason, Result, RiskHit, Summary
from assistant.models.rules import RuleBase

DONT_KNOW = ("dont_know",)


def party_of_role(role: str | None) -> str | None:
    if role is None:
        return None
    return "nav" if role.startswith("nav") else "entrepreneur" if role == "entrepreneur" else None


def summarised(rb: RuleBase, result: Result, *, party: str | bool | None = True, **update: object) -> Result:
    """`result` with the summary fields filled; `party=True` takes the party from the role."""
    reasons: list[Reason] = []
    for axis, reading in result.axes.items():
        steps = sorted((s for s in result.trace
                        if isinstance(s, AxisStep) and s.axis == axis and s.pole == reading.pole),
                       key=lambda s: -s.points)
        reasons += [Reason(axis=s.axis, pole=s.pole, question=s.question, option=s.option, points=s.points)
                    for s in steps[:2]]
    raised = {r.id: r for r in result.risks}
    present = [f for f in (result.form, *result.secondary) if f]
    risks: list[RiskHit] = []
    for risk in rb.risks:
        if risk.id in raised:
            risks.append(raised[risk.id].model_copy(update={"status": "raised"}))
            continue
        typical = tuple(f.id for f in rb.forms if f.id in present and any(t.id == risk.id for t in f.risks))
        risks.append(RiskHit(id=risk.id, status="typical" if typical else "ruled_out", forms=typical))
    steps = [FirstStep(kind="risk", id=r.id, status="raised") for r in result.risks[:1]]
    for status in ("not_met", "partly", "unknown"):
        steps += [FirstStep(kind="condition", id=c.id, status=status) for c in result.conditions if c.status == status]
    asked = [q.id for q in rb.questions.questions]
    unknown = [q for q in asked if result.answers.get(q, DONT_KNOW) == DONT_KNOW]
    settles = {c.question: c.id for c in rb.conditions}
    find_out = [FindOut(question=q, settles=(settles[q],)) for q in unknown if q in settles]
    filled = {
        "summary": Summary(reasons=tuple(reasons), first_steps=tuple(steps[:3]),
                           top_risks=tuple(r.id for r in result.risks[:3])),
        "risks": tuple(risks),
        "unanswered": len(unknown),
        "to_find_out": tuple(find_out[:5]),
        "party": party_of_role(result.role) if party is True else party or None,
    }
    return result.model_copy(update={**filled, **update})
