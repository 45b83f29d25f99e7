"""The report as structured content in one language, shared by every layout.

`build_view` picks the texts for one language and orders the sections; the
text, Markdown and HTML renderers and the assistant's result screen only lay it
out. All strings here are plain text: each renderer escapes them for its format.

The order is the one a reader needs (issue 5): the form and why, the matrix,
the form itself, the six conditions, the risks, the recommendations, what would
change the result, how the answers shaped it, the answers, similar cases from
the report, the sources: the report's sections, then the practical notes beyond
the report with their dates; the versions and the date last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from assistant import __version__
from assistant.models.common import FORM_IDS, Lang, is_form_id
from assistant.models.result import Result
from assistant.models.rules import RECEIVERS, Axis, Form, Pole, RuleBase
from assistant.render.trace import TracePhrases
from assistant.texts import listing, say

STATUS_SIGN = {"met": "✔", "partly": "◐", "not_met": "✘", "unknown": "?"}
"""A condition's status as one sign, beside its name in every layout that can show it."""


@dataclass
class Line:
    """One line of an item. `label`, when set, says what the text is ("What you can do")."""

    text: str
    label: str = ""

    @property
    def plain(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text


@dataclass
class Item:
    title: str
    lines: list[Line] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    status: str | None = None
    """A condition's status id (met, partly, not_met, unknown), for layouts that mark it."""
    badge: str = ""
    """The status in words ("partly met"): shown after the title, or as a mark beside it."""

    @property
    def heading(self) -> str:
        """The title with its status, for layouts without marks."""
        return f"{self.title}: {self.badge}" if self.badge else self.title


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@dataclass
class AxisPlace:
    """Where one axis's answers put the collaboration: positive towards the first pole."""

    name: str
    score: int
    low: int
    high: int
    """The range the open ("don't know") answers could still move the score over."""


@dataclass
class Matrix:
    """The 2×2 matrix: rows are service poles, columns relation poles."""

    row_names: list[str]
    column_names: list[str]
    cells: list[list[tuple[str, str]]]  # (mark, form name); mark is X, ?, + or blank
    service: AxisPlace | None = None
    """The vertical axis: positive is the first row (existing)."""
    relation: AxisPlace | None = None
    """The horizontal axis: positive is the first column (one-way)."""


@dataclass
class SummaryView:
    """The summary page, read first everywhere (issue 12): plain sentences, no scores.

    Built from `Result.summary`, `to_find_out` and `unanswered`; every layout shows it before the details,
    and `decide --brief` shows it alone.
    """

    title: str = ""
    """"Kort fortalt" / "In short"."""
    form: str = ""
    """One sentence: the form (or the forms still open), with the elements of others."""
    reasons: list[str] = field(default_factory=list)
    """Two or three plain sentences: why this form."""
    first_steps: list[Item] = field(default_factory=list)
    """The three things to do first: the title is the step; a line says which condition or risk it meets."""
    top_risks: list[Item] = field(default_factory=list)
    """The raised risks to name first: the name, and a line on why."""
    open: str = ""
    """How many questions are unanswered and what they leave open; empty when none are."""
    to_find_out: list[str] = field(default_factory=list)
    """Questions to bring to the first meeting with the other party."""


@dataclass
class ReportView:
    lang: Lang
    title: str
    headline: list[str]
    matrix: Matrix
    sections: list[Section]
    footer: str
    group: str | None = None
    """The group's name in a workshop, when the session has one: shown under the title."""
    made: str = ""
    """The date the report was made, written for the language."""
    summary: SummaryView = field(default_factory=SummaryView)
    """The summary page: shown first, or alone (`decide --brief`)."""


def made_on(day: date, lang: Lang) -> str:
    """A date as a reader of the language writes it: 22.11.2026 in bokmål, 2026-11-22 in English."""
    return f"{day.day}.{day.month}.{day.year}" if lang == "nb" else day.isoformat()


MONTHS = {
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def as_of_text(as_of: str, lang: Lang) -> str:
    """A practical note's date (a year, year-month or year-month-day) in words: 14. mars 2024, March 2024."""
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[lang][parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{parts[2]}. {month} {parts[0]}" if lang == "nb" else f"{parts[2]} {month} {parts[0]}"


def answer_label(rb: RuleBase, qid: str, chosen: tuple[str, ...], lang: Lang) -> str:
    q = next(q for q in rb.questions.questions if q.id == qid)
    labels = []
    for option_id in chosen:
        option = q.option(option_id)
        labels.append(option.label(lang) if option else say("dont_know", lang))
    return ", ".join(labels)


def build_view(rb: RuleBase, result: Result, lang: Lang, *, group: str | None = None,
               made: date | None = None) -> ReportView:
    """The report in `lang`; `made` is the report's date (today unless given, so tests can fix it)."""
    # by plain ids: the result names its forms, axes and poles as strings
    forms: dict[str, Form] = {f.id: f for f in rb.forms}
    qs = {q.id: q for q in rb.questions.questions}
    axes: dict[str, Axis] = {a.id: a for a in rb.axes.axes}
    poles: dict[str, Pole] = {p.id: p for a in rb.axes.axes for p in a.poles}

    def form_name(fid: str) -> str:
        return forms[fid].name(lang)

    def names(ids: Iterable[str]) -> str:
        return ", ".join(form_name(f) for f in ids)

    # --- headline: the form and why, in three lines
    headline: list[str] = []
    if result.form:
        headline.append(say("report.form_is", lang, name=form_name(result.form)))
    else:
        headline.append(say("report.form_open", lang, names=names(result.candidates)))
    axis_bits = []
    # the score as points towards the pole it names, as the trace counts them ("Toveis +1" each);
    # the JSON keeps the signed score
    for axis_id, reading in result.axes.items():
        pole = poles[reading.pole].name(lang) if reading.pole else say("confidence.open", lang)
        axis_bits.append(say("report.axis_line", lang, axis=axes[axis_id].name(lang), pole=pole,
                             score=f"+{abs(reading.score)}" if reading.score else "0",
                             confidence=say(f"confidence.{reading.confidence}", lang)))
    headline.append("; ".join(axis_bits) + ".")
    extra = []
    if result.secondary:
        extra.append(say("report.form_with", lang, names=listing([form_name(f) for f in result.secondary], lang)))
    others = [f for f in result.candidates if f != result.form]
    if result.form and others:
        extra.append(say("report.candidates", lang, names=names(others)))
    if extra:
        headline.append(" ".join(extra))

    # --- the matrix
    table = {(r.service, r.relation): r.form for r in rb.decision.rules}
    cells = []
    for service_pole in ("existing", "new"):
        row = []
        for relation_pole in ("one_way", "two_way"):
            cell_form = table.get((service_pole, relation_pole))
            mark = ""
            if cell_form == result.form:
                mark = "X"
            elif cell_form in result.candidates:
                mark = "?"
            elif cell_form in result.secondary:
                mark = "+"
            row.append((mark, form_name(cell_form) if cell_form else ""))
        cells.append(row)
    def place(axis_id: str) -> AxisPlace | None:
        reading = result.axes.get(axis_id)
        if reading is None or axis_id not in axes:
            return None
        return AxisPlace(axes[axis_id].name(lang), reading.score, reading.low, reading.high)

    matrix = Matrix(
        row_names=[poles["existing"].name(lang), poles["new"].name(lang)],
        column_names=[poles["one_way"].name(lang), poles["two_way"].name(lang)],
        cells=cells,
        service=place("service"),
        relation=place("relation"),
    )

    sections: list[Section] = []

    # --- the form
    shown_forms = [result.form] if result.form else list(result.candidates)
    form_section = Section("form", say("report.form", lang))
    for fid in shown_forms:
        f = forms[fid]
        form_section.items.append(Item(
            f.name(lang),
            [Line(f.summary(lang)), Line(f.money_flow(lang)), Line(f.nav_level(lang)),
             Line(f.phase_role(lang), say("report.phase", lang))],
            list(f.source),
        ))
    sections.append(form_section)

    # --- conditions
    cond_section = Section("conditions", say("report.conditions", lang))
    status_by_id = {c.id: c.status for c in result.conditions}
    for c in rb.conditions:
        status = status_by_id[c.id]
        lines = [Line(c.description(lang))]
        for fid in shown_forms:
            assert is_form_id(fid)  # the result's forms are the rule base's (its decision table)
            lines.append(Line(c.why[fid](lang), f"{say('report.why_matters', lang)} ({form_name(fid)})"))
        if status != "met":
            lines.append(Line(c.when_not_met(lang), say("report.what_to_do", lang)))
        cond_section.items.append(Item(c.name(lang), lines, list(c.source), status=status,
                                       badge=say(f"status.{status}", lang)))
    sections.append(cond_section)

    # --- risks
    risk_section = Section("risks", say("report.risks", lang))
    risks = {r.id: r for r in rb.risks}
    if not result.risks:
        risk_section.paragraphs.append(say("report.no_risks", lang))
    for risk_hit in result.risks:
        risk = risks[risk_hit.id]
        because = ", ".join(qs[q].text(lang) for q in risk_hit.because if q in qs)
        lines = [Line(risk.why(lang)), Line(risk.reduce(lang), say("report.reduce", lang))]
        if because:
            lines.append(Line(because, say("report.because", lang)))
        risk_section.items.append(Item(risk.name(lang), lines, list(risk.source)))
    sections.append(risk_section)

    # --- recommendations
    rec_section = Section("recommendations", say("report.recommendations", lang))
    recs = {r.id: r for r in rb.recommendations}
    if not result.recommendations:
        rec_section.paragraphs.append(say("report.no_recommendations", lang))
    for to in RECEIVERS:
        for rec_hit in result.recommendations:
            if rec_hit.to == to:
                rec = recs[rec_hit.id]
                rec_section.items.append(Item(f"{say(f'to.{to}', lang)}: {rec.title(lang)}", [Line(rec.text(lang))],
                                              list(rec.source)))
    sections.append(rec_section)

    # --- competences
    if result.competences:
        comp_section = Section("competences", say("report.competences", lang))
        comps = {c.id: c for c in rb.competences}
        for cid in result.competences:
            comp = comps[cid]
            comp_section.items.append(Item(
                comp.name(lang),
                [Line(comp.text(lang)), Line(say(f"holder.{comp.holder}", lang), say("report.holder", lang))],
                list(comp.source)))
        sections.append(comp_section)

    # --- what would change
    change_section = Section("what_would_change", say("report.what_would_change", lang))
    reached = {c.form: c for c in result.what_would_change}
    for fid in FORM_IDS:
        if fid == result.form:
            continue
        change = reached.get(fid)
        if change is None:
            change_section.items.append(Item(form_name(fid), [Line(say("report.no_change", lang))]))
            continue
        lines = [Line(f"{qs[q].text(lang)} → {answer_label(rb, q, a, lang)}") for q, a in change.change.items()]
        change_section.items.append(Item(say("report.change_to", lang, form=form_name(fid)), lines))
    sections.append(change_section)

    # --- why: the trace
    trace_section = Section("trace", say("report.trace", lang))
    phrases = TracePhrases(rb)
    by_question: dict[str, Item] = {}
    # answers that changed nothing are left to the answers section, which lists every answer
    quiet = {step.question for step in result.trace} - {step.question for step in result.trace if step.kind != "none"}
    if quiet:
        trace_section.paragraphs.append(say("report.trace_quiet", lang, n=len(quiet)))
    for step in result.trace:
        if step.question in quiet:
            continue
        item = by_question.get(step.question)
        if item is None:
            label = answer_label(rb, step.question, step.answer, lang)
            item = Item(f"{qs[step.question].text(lang)} — {label}")
            by_question[step.question] = item
            trace_section.items.append(item)
        item.lines.append(Line(phrases.phrase(step, lang) + f" [{', '.join(step.source)}]"))
        for s in step.source:
            if s not in item.source:
                item.source.append(s)
    sections.append(trace_section)

    # --- the answers
    answer_section = Section("answers", say("report.answers", lang))
    for q in rb.questions.questions:
        if q.id in result.answers:
            answer_section.items.append(Item(q.text(lang), [Line(answer_label(rb, q.id, result.answers[q.id], lang))]))
    sections.append(answer_section)

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
                [Line(rel.description(lang))], list(rel.source)))
        sections.append(case_section)

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

    # --- practical notes beyond the report, each with its dated sources
    if result.notes:
        notes = {n.id: n for n in rb.notes.notes}
        note_section = Section("notes", say("report.notes", lang), [rb.notes.check_current(lang)])
        for nid in result.notes:
            note = notes[nid]
            dated = "; ".join(f"{s.title}, {s.publisher}, {as_of_text(s.as_of, lang)}" for s in note.source)
            note_section.items.append(Item(
                say("report.note_title", lang, title=note.title(lang), as_of=as_of_text(note.as_of, lang)),
                [Line(note.text(lang)), Line(dated, say("report.note_sources", lang))]))
        sections.append(note_section)

    day = made_on(made or date.today(), lang)
    return ReportView(
        lang=lang,
        title=say("report.title", lang),
        headline=headline,
        matrix=matrix,
        sections=sections,
        footer=say("report.version", lang, product=__version__, rules=result.rules_version, made=day),
        group=group or None,
        made=day,
    )
