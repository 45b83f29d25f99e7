"""What `check` found: problems with a severity and a kind, and what it proved."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.errors import ExitCode, Problem
from assistant.safetext import json_visible

Severity = Literal["error", "warning"]
Kind = Literal["read", "schema", "reference", "language", "source", "reachability", "decision", "coverage", "advice",
               "conflict"]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    kind: Kind
    problem: Problem

    def as_dict(self) -> dict[str, Any]:
        p = self.problem
        return {"severity": self.severity, "kind": self.kind, "file": p.file, "line": p.line,
                "column": p.column, "message": p.message, "hint": p.hint}


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    unreadable: bool = False
    """A file could not be read at all: `check` exits 2."""
    summary: dict[str, Any] = field(default_factory=dict)
    """What was proved and measured, for the JSON output and the closing lines."""

    def add(self, severity: Severity, kind: Kind, problems: list[Problem]) -> None:
        self.findings += [Finding(severity, kind, p) for p in problems]

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def exit_code(self) -> ExitCode:
        if self.unreadable:
            return ExitCode.BAD_INPUT
        return ExitCode.FOUND_PROBLEMS if self.errors() else ExitCode.OK


def number(n: int) -> str:
    """A count as Norwegian and SI print it: 855 360."""
    return f"{n:,}".replace(",", " ")


def report_text(report: CheckReport) -> str:
    lines: list[str] = []
    for f in report.findings:
        p = f.problem
        lines.append(f"{p.location()}: {f.severity} [{f.kind}] {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    s = report.summary
    if lines:
        lines.append("")
    if s.get("files"):
        lines.append(f"Read {len(s['files'])} files: {', '.join(s['files'])}.")
    if "not_proved" in s:
        lines.append(f"Not yet checked: {s['not_proved']}.")
    proof = s.get("decision")
    proved = not proof or proof.get("proved", True)
    if proof and not proved:
        lines.append(f"The axes' decision ({proof['hit_policy']}): not proved (bounds exceeded) over the answers to "
                     f"{', '.join(proof['questions'])}; see the [decision] error above.")
    elif proof:
        share = ", ".join(f"{form} {number(n)}" for form, n in proof["forms"].items())
        lines.append(
            f"The axes' decision ({proof['hit_policy']}) proved over {number(proof['combinations'])} combinations "
            f"of the answers to {', '.join(proof['questions'])} "
            f"({number(proof['states'])} distinct score states): {share}; open {number(proof['open'])}."
        )
    relation = s.get("relation")
    if relation:
        settled = ", ".join(f"{rule} {number(n)}" for rule, n in relation["settled"].items() if rule != "axes")
        by_axes = number(relation["settled"].get("axes", 0))
        if not proved:  # what the relation leaves to the axes rests on a proof that stopped
            by_axes += " (the axes' decision is not proved)"
        lines.append(
            f"The relation proved over {number(relation['combinations'])} combinations of the answers to "
            f"{', '.join(relation['questions'])} ({number(relation['readings'])} distinct readings): no form the "
            f"answers deny, never nothing; settled by {settled}; by the axes {by_axes}; "
            f"every form denied and the contradiction named {number(relation['contradicting'])}."
        )
    reach = s.get("reachable")
    if reach:
        parts = [f"{k}: not proved" if v["reachable"] is None else f"{v['reachable']}/{v['total']} {k}"
                 for k, v in reach.items()]
        lines.append("Reachable: " + ", ".join(parts) + ".")
    langs = s.get("languages")
    if langs:
        lines.append("Texts by language: " + "; ".join(
            f"{lang} {n['missing']} missing, {n['same']} the same as another language's"
            for lang, n in langs.items()) + ".")
    cov = s.get("coverage")
    if cov:
        if cov.get("scenarios"):
            lines.append(f"Coverage across {cov['scenarios']} scenarios in {cov['folder']}: "
                         f"{cov['fired']}/{cov['rules']} rules fire.")
        else:
            lines.append(f"Coverage: {cov.get('note') or 'no scenario was read'}")
    errors, warnings = len(report.errors()), len(report.warnings())
    if report.unreadable:
        lines.append(f"Could not read every file: {_count(errors, 'error')}, {_count(warnings, 'warning')}.")
    elif errors or warnings:
        lines.append(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}.")
    else:
        lines.append("No problems found.")
    return "\n".join(lines) + "\n"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def report_json(report: CheckReport) -> str:
    data = {
        "ok": report.exit_code() == ExitCode.OK,
        "errors": len(report.errors()),
        "warnings": len(report.warnings()),
        "problems": [f.as_dict() for f in report.findings],
        "summary": report.summary,
    }
    return json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
