"""Advice a person can act on: what `check` demands of the rule base beyond its schema (issue 12).

- every form names its typical risks (4.1.1-4.1.4), so a result of that form always shows them;
- every condition and every risk says in a line what each party can do first (`act`);
- every recommendation to Nav says what an entrepreneur can ask the office for (`ask`);
- every question but the role says how to find its answer out (`find_out`), and every option that moves
  the form says what situation it describes (`situation`), so "what would change" reads as a situation.
"""

from __future__ import annotations

from assistant.errors import Problem
from assistant.models.rules import RuleBase
from assistant.yamlsource import Document


def advice_problems(rb: RuleBase, docs: dict[str, Document], questions_file: str) -> list[Problem]:
    problems: list[Problem] = []
    d = docs["forms.yaml"]
    for i, form in enumerate(rb.forms):
        if not form.risks:
            problems.append(d.problem(("forms", i, "id"), f"the form '{form.id}' names no typical risks",
                                      "list the risks its section in 4.1 names as its challenges under `risks:`"))
    d = docs["conditions.yaml"]
    for i, c in enumerate(rb.conditions):
        if c.act is None:
            problems.append(d.problem(("conditions", i, "id"), f"the condition '{c.id}' has no `act`",
                                      "give `act: {nav: …, entrepreneur: …}`: each party's first step in a line"))
    d = docs["risks.yaml"]
    for i, r in enumerate(rb.risks):
        if r.act is None:
            problems.append(d.problem(("risks", i, "id"), f"the risk '{r.id}' has no `act`",
                                      "give `act: {nav: …, entrepreneur: …}`: each party's first step in a line"))
    d = docs["recommendations.yaml"]
    for i, rec in enumerate(rb.recommendations):
        if rec.to == "nav" and rec.ask is None:
            problems.append(d.problem(("recommendations", i, "id"), f"the recommendation '{rec.id}' to Nav has no "
                                      "`ask`", "say what an entrepreneur can ask the office for, in nb and en"))
    d = docs[questions_file]
    moving = {ind.question for ind in rb.axes.indicators}
    for i, q in enumerate(rb.questions.questions):
        if q.id != rb.role_question and q.find_out is None:
            problems.append(d.problem(("questions", i, "id"), f"the question '{q.id}' has no `find_out`",
                                      "phrase it as a question to bring to a first meeting, in nb and en"))
        if q.id in moving:
            for j, option in enumerate(q.options):
                if option.situation is None:
                    problems.append(d.problem(
                        ("questions", i, "options", j, "id"),
                        f"the option '{option.id}' of '{q.id}' moves the form but has no `situation`",
                        "say the situation it describes as a clause that reads after \"if\", in nb and en"))
    return problems
