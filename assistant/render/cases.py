"""The report's cases run through the engine, compared with the report's reading."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from assistant.engine import Engine
from assistant.models.common import Lang
from assistant.render.text import wrap
from assistant.render.view import first_sentence
from assistant.safetext import json_visible
from assistant.texts import say


@dataclass(frozen=True)
class RelationCheck:
    case: str
    name: str
    relation: str
    description: str
    report_form: str
    form: str | None

    @property
    def match(self) -> bool:
        return self.form == self.report_form


def check_cases(engine: Engine, lang: Lang) -> list[RelationCheck]:
    checks = []
    for case_id, rel_id, report_form, answers in engine.relations:
        case = next(c for c in engine.rb.cases if c.id == case_id)
        rel = next(r for r in case.relations if r.id == rel_id)
        checks.append(RelationCheck(case_id, case.name, rel_id, rel.description(lang), report_form,
                                    engine.decide_form(answers)))
    return checks


def cases_json(checks: list[RelationCheck]) -> str:
    cases: list[dict[str, Any]] = []
    for c in checks:
        if not cases or cases[-1]["id"] != c.case:
            cases.append({"id": c.case, "name": c.name, "relations": []})
        cases[-1]["relations"].append({
            "id": c.relation, "description": c.description, "report_form": c.report_form,
            "form": c.form, "match": c.match,
        })
    return json_visible(json.dumps({"cases": cases}, ensure_ascii=False, indent=2)) + "\n"


def cases_text(checks: list[RelationCheck], engine: Engine, lang: Lang) -> str:
    names: dict[str, str] = {f.id: f.name(lang) for f in engine.rb.forms}
    out = [say("cases.title", lang), ""]
    current = None
    for c in checks:
        if c.case != current:
            current = c.case
            out.append(c.name)
        mark = say("cases.match" if c.match else "cases.mismatch", lang)
        engine_form = names.get(c.form, say("confidence.open", lang)) if c.form else say("confidence.open", lang)
        out.append(f"  [{mark}] {c.relation}: {say('cases.report_says', lang)} {names[c.report_form]}, "
                   f"{say('cases.engine_says', lang)} {engine_form}")
        # which relation this is: the first sentence of its description
        out += wrap(first_sentence(c.description), "       ")
    ok = sum(1 for c in checks if c.match)
    out += ["", say("cases.summary", lang, ok=ok, total=len(checks))]
    return "\n".join(out) + "\n"
