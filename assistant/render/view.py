"""The report as structured content in one language, shared by every layout.

`build_view` picks the texts for one language and orders the sections; the
text and Markdown renderers only lay it out. All strings here are plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant import __version__
from assistant.models.common import FORM_IDS, Lang
from assistant.models.result import Result
from assistant.models.rules import RuleBase
from assistant.texts import say


@dataclass
class Item:
    title: str
    lines: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@dataclass
class Matrix:
    """The 2×2 matrix: rows are service poles, columns relation poles."""

    row_names: list[str]
    column_names: list[str]
    cells: list[list[tuple[str, str]]]  # (mark, form name); mark is X, ?, + or blank


@dataclass
class ReportView:
    lang: Lang
    title: str
    headline: list[str]
    matrix: Matrix
    sections: list[Section]
    footer: str


def answer_label(rb: RuleBase, qid: str, chosen: tuple[str, ...], lang: Lang) -> str:
    q = next(q for q in rb.questions.questions if q.id == qid)
    labels = []
    for option_id in chosen:
        option = q.option(option_id)
        labels.append(option.label(lang) if option else say("dont_know", lang))
    return ", ".join(labels)


def build_view(rb: RuleBase, result: Result, lang: Lang) -> ReportView:
    forms = {f.id: f for f in rb.forms}
    qs = {q.id: q for q in rb.questions.questions}
    axes = {a.id: a for a in rb.axes.axes}
    poles = {p.id: p for a in rb.axes.axes for p in a.poles}

    def form_name(fid: str) -> str:
        return forms[fid].name(lang)

    def names(ids) -> str:
        return ", ".join(form_name(f) for f in ids)

    # --- headline: the form and why, in three lines
    headline: list[str] = []
    if result.form:
        headline.append(say("report.form_is", lang, name=form_name(result.form)))
    else:
        headline.append(say("report.form_open", lang, names=names(result.candidates)))
    axis_bits = []
    for axis_id, reading in result.axes.items():
        pole = poles[reading.pole].name(lang) if reading.pole else say("confidence.open", lang)
        axis_bits.append(say("report.axis_line", lang, axis=axes[axis_id].name(lang), pole=pole,
                             score=reading.score, confidence=say(f"confidence.{reading.confidence}", lang)))
    headline.append("; ".join(axis_bits) + ".")
    extra = []
    if result.secondary:
        extra.append(say("report.form_with", lang, names=names(result.secondary)))
    others = [f for f in result.candidates if f != result.form]
    if result.form and others:
        extra.append(say("report.candidates", lang, names=names(others)))
    if extra:
        headline.append(" ".join(extra))

    # --- the matrix
    table = {(r.service, r.relation): r.form for r in rb.decision.rules}
    cells = []
    for s in ("existing", "new"):
        row = []
        for r in ("one_way", "two_way"):
            fid = table.get((s, r))
            mark = ""
            if fid == result.form:
                mark = "X"
            elif fid in result.candidates:
                mark = "?"
            elif fid in result.secondary:
                mark = "+"
            row.append((mark, form_name(fid) if fid else ""))
        cells.append(row)
    matrix = Matrix(
        row_names=[poles["existing"].name(lang), poles["new"].name(lang)],
        column_names=[poles["one_way"].name(lang), poles["two_way"].name(lang)],
        cells=cells,
    )

    sections: list[Section] = []

    # --- the form
    shown_forms = [result.form] if result.form else list(result.candidates)
    form_section = Section("form", say("report.form", lang))
    for fid in shown_forms:
        f = forms[fid]
        form_section.items.append(Item(
            f.name(lang),
            [f.summary(lang), f.money_flow(lang), f.nav_level(lang),
             say("report.phase", lang) + ": " + f.phase_role(lang)],
            list(f.source),
        ))
    sections.append(form_section)

    # --- conditions
    cond_section = Section("conditions", say("report.conditions", lang))
    status_by_id = {c.id: c.status for c in result.conditions}
    for c in rb.conditions:
        status = status_by_id[c.id]
        lines = [c.description(lang)]
        for fid in shown_forms:
            lines.append(f"{say('report.why_matters', lang)} ({form_name(fid)}): {c.why[fid](lang)}")
        if status != "met":
            lines.append(f"{say('report.what_to_do', lang)}: {c.when_not_met(lang)}")
        cond_section.items.append(Item(f"{c.name(lang)}: {say(f'status.{status}', lang)}", lines, list(c.source)))
    sections.append(cond_section)

    # --- risks
    risk_section = Section("risks", say("report.risks", lang))
    risks = {r.id: r for r in rb.risks}
    if not result.risks:
        risk_section.paragraphs.append(say("report.no_risks", lang))
    for hit in result.risks:
        r = risks[hit.id]
        because = ", ".join(qs[q].text(lang) for q in hit.because if q in qs)
        lines = [r.why(lang), f"{say('report.reduce', lang)}: {r.reduce(lang)}"]
        if because:
            lines.append(f"{say('report.because', lang)}: {because}")
        risk_section.items.append(Item(r.name(lang), lines, list(r.source)))
    sections.append(risk_section)

    # --- recommendations
    rec_section = Section("recommendations", say("report.recommendations", lang))
    recs = {r.id: r for r in rb.recommendations}
    if not result.recommendations:
        rec_section.paragraphs.append(say("report.no_recommendations", lang))
    for to in ("nav", "entrepreneur"):
        for hit in result.recommendations:
            if hit.to == to:
                r = recs[hit.id]
                rec_section.items.append(Item(f"{say(f'to.{to}', lang)}: {r.title(lang)}", [r.text(lang)],
                                              list(r.source)))
    sections.append(rec_section)

    # --- competences
    if result.competences:
        comp_section = Section("competences", say("report.competences", lang))
        comps = {c.id: c for c in rb.competences}
        for cid in result.competences:
            c = comps[cid]
            comp_section.items.append(Item(
                c.name(lang), [c.text(lang), f"{say('report.holder', lang)}: {say(f'holder.{c.holder}', lang)}"],
                list(c.source)))
        sections.append(comp_section)

    # --- what would change
    change_section = Section("what_would_change", say("report.what_would_change", lang))
    reached = {c.form: c for c in result.what_would_change}
    for fid in FORM_IDS:
        if fid == result.form:
            continue
        change = reached.get(fid)
        if change is None:
            change_section.items.append(Item(form_name(fid), [say("report.no_change", lang)]))
            continue
        lines = [f"{qs[q].text(lang)} → {answer_label(rb, q, a, lang)}" for q, a in change.change.items()]
        change_section.items.append(Item(say("report.change_to", lang, form=form_name(fid)), lines))
    sections.append(change_section)

    # --- why: the trace
    trace_section = Section("trace", say("report.trace", lang))
    by_question: dict[str, Item] = {}
    for step in result.trace:
        item = by_question.get(step.question)
        if item is None:
            label = answer_label(rb, step.question, step.answer, lang)
            item = Item(f"{qs[step.question].text(lang)} — {label}")
            by_question[step.question] = item
            trace_section.items.append(item)
        item.lines.append(step.effect(lang) + f" [{', '.join(step.source)}]")
        for s in step.source:
            if s not in item.source:
                item.source.append(s)
    sections.append(trace_section)

    # --- similar cases
    if result.similar_cases:
        case_section = Section("similar_cases", say("report.similar", lang))
        cases = {c.id: c for c in rb.cases}
        for sim in result.similar_cases:
            case = cases[sim.case]
            rel = next(r for r in case.relations if r.id == sim.relation)
            case_section.items.append(Item(
                say("report.similar_line", lang, case=case.name, form=form_name(sim.report_form),
                    percent=round(sim.similarity * 100)),
                [rel.description(lang)], list(rel.source)))
        sections.append(case_section)

    # --- the answers
    answer_section = Section("answers", say("report.answers", lang))
    for q in rb.questions.questions:
        if q.id in result.answers:
            answer_section.items.append(Item(q.text(lang), [answer_label(rb, q.id, result.answers[q.id], lang)]))
    sections.append(answer_section)

    # --- sources
    cited: list[str] = []
    for section in sections:
        for item in section.items:
            for s in item.source:
                if s not in cited:
                    cited.append(s)
    order = list(rb.meta.sections)
    cited.sort(key=lambda s: order.index(s) if s in order else len(order))
    source_section = Section("sources", say("report.sources", lang))
    report = rb.meta.report
    source_section.paragraphs.append(f"{report.authors}: {report.title}. {report.series}, {report.publisher}.")
    for s in cited:
        source_section.items.append(Item(f"{s} {rb.meta.sections[s](lang)}"))
    sections.append(source_section)

    return ReportView(
        lang=lang,
        title=say("report.title", lang),
        headline=headline,
        matrix=matrix,
        sections=sections,
        footer=say("report.version", lang, product=__version__, rules=result.rules_version),
    )
