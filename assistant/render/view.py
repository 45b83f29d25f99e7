"""The report as structured content in one language, shared by every layout.

`build_view` picks the texts for one language and orders the sections; the
text, Markdown and HTML renderers and the assistant's result screen only lay it
out. All strings here are plain text: each renderer escapes them for its format.

The order is the one a reader needs (issues 5 and 12): first the summary page
("Kort fortalt": the form in a sentence, why, what to do first, the risks to deal
with, what is still open and what to find out), then the details: the form and
its scores, the matrix, the form itself, the six conditions, the risks (grouped:
raised, typical of the form, possible), the recommendations (grouped by who acts),
what would change the result, the answers, similar cases from the report, the
sources: the report's sections, then the practical notes beyond the report with
their dates; the appendix on how the answers were weighed (the trace) last, and
the versions and the date under it all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from assistant import __version__
from assistant.i18n import known
from assistant.models.common import FORM_IDS, Lang, Receiver, Voice, is_form_id
from assistant.models.result import FirstStep, Result, RiskHit
from assistant.models.rules import (
    RECEIVERS,
    Axis,
    CollaborationCondition,
    DecisionRule,
    Form,
    Indicator,
    Pole,
    Risk,
    RuleBase,
)
from assistant.render.trace import TracePhrases
from assistant.texts import as_of_text, date_text, listing, say

STATUS_SIGN = {"met": "✔", "partly": "◐", "not_met": "✘", "unknown": "?"}
"""A condition's status as one sign, beside its name in every layout that can show it."""

# The view's dataclasses are made with eq=False: a view is built once and laid out, and nothing compares
# two of them, so each is equal only to itself; the __eq__ a dataclass would compile for each class at
# every start was a sixth of this module's import (each report format and the result screens import it).


@dataclass(eq=False)
class Line:
    """One line of an item. `label`, when set, says what the text is ("What you can do")."""

    text: str
    label: str = ""

    @property
    def plain(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text


@dataclass(eq=False)
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


@dataclass(eq=False)
class Group:
    """Some of a section's items under a heading of their own ("Dette kan du be Nav om")."""

    key: str
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass(eq=False)
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    """Every item of the section, in order (also when `groups` sorts them under headings)."""
    groups: list[Group] = field(default_factory=list)
    """When set, the items under their headings, in the same order: a layout that can show
    headings shows the groups, one that cannot shows `items`."""

    def add(self, group_key: str, group_title: str, item: Item) -> None:
        """Add an item to the group `group_key` (the last one, or a new one after it)."""
        if not self.groups or self.groups[-1].key != group_key:
            self.groups.append(Group(group_key, group_title))
        self.groups[-1].items.append(item)
        self.items.append(item)


@dataclass(eq=False)
class AxisPlace:
    """Where one axis's answers put the collaboration: positive towards the first pole."""

    name: str
    score: int
    low: int
    high: int
    """The range the open ("don't know") answers could still move the score over."""


@dataclass(eq=False)
class Matrix:
    """The 2×2 matrix: rows are service poles, columns relation poles."""

    row_names: list[str]
    column_names: list[str]
    cells: list[list[tuple[str, str]]]  # (mark, form name); mark is X, ?, + or blank
    service: AxisPlace | None = None
    """The vertical axis: positive is the first row (existing)."""
    relation: AxisPlace | None = None
    """The horizontal axis: positive is the first column (one-way)."""


@dataclass(eq=False)
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
    """The three things to do first: the title is the step; a line says which condition or risk it meets.
    For a trainer (no party) the title names the condition or risk with its status, and the lines give
    each party's step, labelled."""
    top_risks: list[Item] = field(default_factory=list)
    """The raised risks to name first: the name, and a line on why."""
    unanswered: str = ""
    """How many questions are unanswered, in a sentence; empty when none are."""
    open: str = ""
    """That sentence and what the unanswered questions leave open; empty when none are."""
    to_find_out: list[str] = field(default_factory=list)
    """Questions to bring to the first meeting with the other party."""
    headings: dict[str, str] = field(default_factory=dict)
    """The words over each part: why, first_steps, top_risks, to_find_out, details (a line that says the
    details follow, for the layouts that show them)."""


@dataclass(eq=False)
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
    scores: str = ""
    """The headline's line of the two axes' scores and how clear each is ("Toveis (poeng +4, tydelig)"): the
    trace's words, which the HTML layouts keep to the appendix on how the answers were weighed."""

    @property
    def verdict(self) -> list[str]:
        """The headline without the scores, in plain words: the form, that the result is provisional while
        questions are unanswered, what else it has traits of or could still be."""
        lines = []
        for line in self.headline:
            if self.scores and line.startswith(self.scores):
                line = line[len(self.scores):].strip()
            if line:
                lines.append(line)
        return lines


def made_on(day: date, lang: Lang) -> str:
    """A date as a reader of the language writes it: 22.11.2026 in bokmål, 2026-11-22 in English (the
    catalogue's `format.date`)."""
    return date_text(day, lang)


def answer_label(rb: RuleBase, qid: str, chosen: tuple[str, ...], lang: Lang, voice: Voice | None = None) -> str:
    q = next(q for q in rb.questions.questions if q.id == qid)
    labels = []
    for option_id in chosen:
        option = q.option(option_id)
        labels.append(option.label(lang, voice) if option else say("dont_know", lang))
    return ", ".join(labels)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"'(A-ZÆØÅ0-9])")


def first_sentence(text: str) -> str:
    """The first sentence of a text from the rule base: a step or a reason in one line."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def joined(items: list[str], lang: Lang, word: str = "and") -> str:
    """Items as a sentence joins them: `A, B og C`, `A eller B`."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {say(f'summary.{word}', lang)} {items[-1]}"


def in_sentence(name: str) -> str:
    """A form's name inside a sentence: `Leverandørsamarbeid` → `leverandørsamarbeid`; a name that opens
    with an abbreviation (`IMDi-…`) keeps its capitals."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def a_form(name: str, lang: Lang) -> str:
    """A form's name with its article, inside a sentence: `et leverandørsamarbeid`, `eit …`, `an employment …`."""
    word = in_sentence(name)
    key = "format.a_form.vowel" if word[:1].lower() in "aeiouyæøå" else "format.a_form"
    return say(key, lang, name=word)  # the catalogue's article: et (nb), eit (nn), a or an (en)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def counted(key: str, n: int, lang: Lang) -> str:
    """`1 risiko` / `3 risikoer`: a count with the word in the number it takes."""
    return say(f"{key}.one", lang) if n == 1 else say(f"{key}.many", lang, n=n)


def party_of(result: Result) -> Receiver | None:
    """Whose words and advice: "nav", "entrepreneur", or None for a trainer (both)."""
    return "nav" if result.party == "nav" else "entrepreneur" if result.party == "entrepreneur" else None


def build_summary(rb: RuleBase, result: Result, lang: Lang) -> SummaryView:
    """The summary page: plain sentences from `Result.summary`, `unanswered` and `to_find_out`, no scores."""
    forms: dict[str, Form] = {f.id: f for f in rb.forms}
    qs = {q.id: q for q in rb.questions.questions}
    indicators: dict[tuple[str, str, str], Indicator] = {(i.question, i.option, i.axis): i
                                                         for i in rb.axes.indicators}
    conditions = {c.id: c for c in rb.conditions}
    risks = {r.id: r for r in rb.risks}
    party = party_of(result)
    voice = result.voice

    def some(ids: Iterable[str], word: str = "and") -> str:
        return joined([a_form(forms[f].name(lang, voice), lang) for f in ids], lang, word)

    def bare(ids: Iterable[str]) -> str:
        return joined([in_sentence(forms[f].name(lang, voice)) for f in ids], lang)

    view = SummaryView(title=say("summary.title", lang))
    view.headings = {key: say(f"summary.{key}", lang)
                     for key in ("why", "first_steps", "top_risks", "to_find_out", "details")}

    # --- the form in one sentence
    others = [f for f in result.candidates if f != result.form]
    if result.form:
        form = a_form(forms[result.form].name(lang, voice), lang)
        view.form = (say("summary.form_with", lang, form=form, others=bare(result.secondary)) if result.secondary
                     else say("summary.form_is", lang, form=form))
        if others:
            view.form += " " + say("summary.form_could_turn", lang, forms=some(others, "or"))
    elif result.contradictions:  # the answers, not what is unknown, leave it open: say so first
        view.form = say("summary.form_contradiction", lang, forms=some(result.candidates, "or"))
    elif result.secondary:
        view.form = say("summary.form_open_with", lang, forms=some(result.candidates, "or"),
                        others=bare(result.secondary))
    else:
        view.form = say("summary.form_open", lang, forms=some(result.candidates, "or"))

    # --- why: first what settled it where the relation, or answers that contradict each other, did
    view.reasons += _relation_reasons(rb, result, lang, some)

    # --- then one sentence on each axis's pole, and what the answers that weighed most did (not where the
    # answers contradict each other: the readings say what they give)
    by_pole: dict[tuple[str, str], list[str]] = {}
    for reason in () if result.contradictions else result.summary.reasons:
        indicator = indicators.get((reason.question, reason.option, reason.axis))
        effects = by_pole.setdefault((reason.axis, reason.pole), [])
        if indicator is not None and indicator.effect(lang, voice) not in effects:
            effects.append(indicator.effect(lang, voice))
    for (axis, pole), effects in by_pole.items():
        clause = say(f"summary.pole.{pole}", lang, voice=voice)
        reading = result.axes.get(axis)
        lead = (capital(clause) + "." if reading is not None and reading.confidence == "clear" and reading.pole == pole
                else say("summary.leaning", lang, clause=clause))
        view.reasons.append(" ".join([lead, *effects]))

    # --- do this first: each party's own step, or both (a trainer)
    for step in result.summary.first_steps:
        view.first_steps.append(_first_step(step, party, lang, voice, conditions, risks))

    # --- the risks to deal with
    for rid in result.summary.top_risks:
        risk = risks[rid]
        view.top_risks.append(Item(risk.name(lang, voice), [Line(first_sentence(risk.why(lang, voice)))],
                                   list(risk.source)))

    # --- what the unanswered questions leave open
    if result.unanswered:
        opening = counted("summary.unanswered", result.unanswered, lang)
        if len(result.candidates) > 1 and not result.contradictions:
            rest = say("summary.open_form", lang, forms=some(result.candidates, "or"))
        else:
            n_risks = sum(1 for r in result.risks if r.status == "possible")
            n_conditions = sum(1 for c in result.conditions if c.status == "unknown")
            things = [counted(key, n, lang) for key, n in (("summary.n_risks", n_risks),
                                                            ("summary.n_conditions", n_conditions)) if n]
            rest = say("summary.open_settles", lang, things=joined(things, lang)) if things \
                else say("summary.open_nothing", lang)
        view.unanswered = opening
        view.open = f"{opening} {rest}"

    # --- what to find out, as a question to bring along; what only the other party can answer says so
    other = {"nav": "entrepreneur", "entrepreneur": "nav"}.get(party or "")
    for find in result.to_find_out:
        q = qs.get(find.question)
        if q is not None:
            text = q.find_out(lang, voice) if q.find_out is not None else q.text_for(voice, lang)
            if find.other_party and other is not None:
                text += f" ({say(f'summary.ask_other.{other}', lang)})"
            view.to_find_out.append(text)
    return view


def _relation_reasons(rb: RuleBase, result: Result, lang: Lang, some: Callable[..., str]) -> list[str]:
    """What settled the form besides the axes, as sentences: the relation rule that did, the form the answers
    deny and the nearest they allow, and every pair of answers that do not fit together with what each
    reading gives."""
    voice = result.voice
    forms: dict[str, Form] = {f.id: f for f in rb.forms}
    rows: dict[str, DecisionRule] = {r.form: r for r in rb.decision.rules}
    out: list[str] = []
    said: dict[str, str] = {}  # question -> its answer as the reader knows it

    def answered(q: str) -> str:
        if q not in said:
            label = answer_label(rb, q, result.answers.get(q, ()), lang, voice)
            short = len(label.split()) <= 3  # «Nei» alone says nothing: name the question too
            said[q] = say("summary.answered_to", lang, answer=label, question=questions[q].text(lang, voice)) \
                if short else say("summary.quoted", lang, answer=label)
        return said[q]

    questions = {q.id: q for q in rb.questions.questions}
    readings: dict[str, str] = {}
    for c in result.contradictions:
        conflict = next(x for x in rb.axes.conflicts if x.id == c.id)
        out.append(say("summary.contradiction", lang, text=conflict.text(lang, voice),
                       answers=joined([answered(q) for q in c.answers], lang)))
        for r in c.readings:
            if r.kept not in readings:
                readings[r.kept] = say("summary.reading_form", lang, kept=answered(r.kept), form=some([r.form])) \
                    if r.form else say("summary.reading_open", lang, kept=answered(r.kept),
                                       forms=some(r.candidates, "or"))
    if readings:
        out.append(" ".join([*readings.values(), say("summary.mend", lang)]))
    if result.contradictions:
        return out
    axes_form = result.axes_form
    if result.basis == "relation" and result.relation_rule is not None:
        rule = next(r for r in rb.decision.relations if r.id == result.relation_rule)
        out.append(rule.reason(lang, voice))
        if axes_form is not None and axes_form != result.form:
            out.append(say("summary.axes_placed", lang, form=in_sentence(forms[axes_form].name(lang, voice))))
    elif axes_form is not None and axes_form in result.denied:
        denied_row = rows[axes_form]
        denied = denied_row.denied(lang, voice) if denied_row.denied is not None else ""
        placed = in_sentence(forms[axes_form].name(lang, voice))
        out.append(say("summary.nearest", lang, form=placed, denied=denied, nearest=some([result.form]))
                   if result.form else say("summary.nearest_open", lang, form=placed, denied=denied))
    elif result.basis == "open" and axes_form is not None:
        others = [f for f in result.candidates if f != axes_form]
        out.append(say("summary.relation_open", lang, form=in_sentence(forms[axes_form].name(lang, voice)),
                       others=some(others, "or")))
    return out


def _first_step(step: FirstStep, party: Receiver | None, lang: Lang, voice: Voice | None,
                conditions: dict[str, CollaborationCondition], risks: dict[str, Risk]) -> Item:
    """One thing to do first: the party's step (its `act` line, else the first sentence of what helps)."""
    if step.kind == "condition":
        condition = conditions[step.id]
        name, acts, source = condition.name(lang, voice), condition.act, list(condition.source)
        fallback = first_sentence(condition.when_not_met(lang, voice))
        status_word = say(f"status.{step.status}", lang) if step.status in STATUS_SIGN else ""
    else:
        risk = risks[step.id]
        name, acts, source = risk.name(lang, voice), risk.act, list(risk.source)
        fallback = first_sentence(risk.reduce(lang, voice))
        status_word = say(f"summary.risk_status.{step.status}", lang) \
            if known(f"summary.risk_status.{step.status}") else ""
    key = f"summary.for.{step.kind}.{step.status}"
    meets = say(key, lang, name=name) if known(key) else name
    if party is not None:
        return Item(acts(party)(lang, voice) if acts is not None else fallback, [Line(meets)], source)
    lines = ([Line(acts(p)(lang, voice), say(f"summary.party.{p}", lang)) for p in RECEIVERS] if acts is not None
             else [Line(fallback)])
    return Item(name, lines, source, status=step.status if step.kind == "condition" else None, badge=status_word)


def build_view(rb: RuleBase, result: Result, lang: Lang, *, group: str | None = None,
               made: date | None = None) -> ReportView:
    """The report in `lang`; `made` is the report's date (today unless given, so tests can fix it)."""
    # by plain ids: the result names its forms, axes and poles as strings
    forms: dict[str, Form] = {f.id: f for f in rb.forms}
    qs = {q.id: q for q in rb.questions.questions}
    axes: dict[str, Axis] = {a.id: a for a in rb.axes.axes}
    poles: dict[str, Pole] = {p.id: p for a in rb.axes.axes for p in a.poles}
    party = party_of(result)
    voice = result.voice

    def form_name(fid: str) -> str:
        return forms[fid].name(lang, voice)

    def names(ids: Iterable[str]) -> str:
        return ", ".join(form_name(f) for f in ids)

    def asked(ids: Iterable[str]) -> str:
        return "; ".join(qs[q].text_for(voice, lang) for q in ids if q in qs)

    # --- headline: the form and why, in three lines
    headline: list[str] = []
    if result.form:
        headline.append(say("report.form_is", lang, name=a_form(form_name(result.form), lang)))
    else:
        headline.append(say("report.form_open", lang, names=names(result.candidates)))
    axis_bits = []
    # the score as points towards the pole it names, as the trace counts them ("Toveis +1" each);
    # the JSON keeps the signed score
    for axis_id, reading in result.axes.items():
        pole = poles[reading.pole].name(lang, voice) if reading.pole else say("confidence.open", lang)
        axis_bits.append(say("report.axis_line", lang, axis=axes[axis_id].name(lang, voice), pole=pole,
                             score=f"+{abs(reading.score)}" if reading.score else "0",
                             confidence=say(f"confidence.{reading.confidence}", lang)))
    scores = "; ".join(axis_bits) + "."
    headline.append(scores)
    if result.unanswered:  # "clear" is clear for the answers given: say that some are missing
        headline[-1] += " " + counted("summary.provisional", result.unanswered, lang)
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
        return AxisPlace(axes[axis_id].name(lang, voice), reading.score, reading.low, reading.high)

    matrix = Matrix(
        row_names=[poles["existing"].name(lang, voice), poles["new"].name(lang, voice)],
        column_names=[poles["one_way"].name(lang, voice), poles["two_way"].name(lang, voice)],
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
            f.name(lang, voice),
            [Line(f.summary(lang, voice)), Line(f.money_flow(lang, voice)), Line(f.nav_level(lang, voice)),
             Line(f.phase_role(lang, voice), say("report.phase", lang))],
            list(f.source),
        ))
    sections.append(form_section)

    # --- conditions
    cond_section = Section("conditions", say("report.conditions", lang))
    status_by_id = {c.id: c.status for c in result.conditions}
    for c in rb.conditions:
        status = status_by_id[c.id]
        lines = [Line(c.description(lang, voice))]
        for fid in shown_forms:
            assert is_form_id(fid)  # the result's forms are the rule base's (its decision table)
            lines.append(Line(c.why[fid](lang, voice), f"{say('report.why_matters', lang)} ({form_name(fid)})"))
        if status != "met":
            lines.append(Line(c.when_not_met(lang, voice), say("report.what_to_do", lang)))
            if party is not None and c.act is not None:
                lines.append(Line(c.act(party)(lang, voice), say("summary.first_step", lang)))
        cond_section.items.append(Item(c.name(lang, voice), lines, list(c.source), status=status,
                                       badge=say(f"status.{status}", lang)))
    sections.append(cond_section)

    # --- risks: those the answers raise, those typical of the form, those that hang on open answers
    risk_section = Section("risks", say("report.risks", lang))
    shown = result.shown_risks
    if not shown:
        risk_section.paragraphs.append(say("report.no_risks", lang))
    for risk_hit in shown:
        risk_section.add(risk_hit.status, say(f"summary.risks.{risk_hit.status}", lang),
                         _risk_item(risk_hit, rb, party, lang, voice, asked, form_name))
    sections.append(risk_section)

    # --- recommendations: what the user's party can do, what to ask the other for; a trainer gets both
    rec_section = Section("recommendations", say("report.recommendations", lang))
    recs = {r.id: r for r in rb.recommendations}
    if not result.recommendations:
        rec_section.paragraphs.append(say("report.no_recommendations", lang))

    def rec_group(hit_to: str, how: str) -> str:
        if how == "ask":
            return "ask"
        if party is not None and hit_to == party:
            return f"do.{party}"
        return f"to.{hit_to}"

    order = [f"do.{party}", "ask", *(f"to.{to}" for to in RECEIVERS)]
    for group_key in order:
        for rec_hit in result.recommendations:
            if rec_group(rec_hit.to, rec_hit.how) != group_key:
                continue
            rec = recs[rec_hit.id]
            text = rec.ask(lang, voice) if group_key == "ask" and rec.ask is not None else rec.text(lang, voice)
            rec_section.add(group_key, say(f"summary.recs.{group_key}", lang, voice=voice),
                            Item(rec.title(lang, voice), [Line(text)], list(rec.source)))
    sections.append(rec_section)

    # --- competences
    if result.competences:
        comp_section = Section("competences", say("report.competences", lang))
        comps = {c.id: c for c in rb.competences}
        for cid in result.competences:
            comp = comps[cid]
            comp_section.items.append(Item(
                comp.name(lang, voice),
                [Line(comp.text(lang, voice)), Line(say(f"holder.{comp.holder}", lang, voice=voice),
                                                          say("report.holder", lang))],
                list(comp.source)))
        sections.append(comp_section)

    # --- what would change: in the options' own words where they have them ("if Nav buys the service")
    change_section = Section("what_would_change", say("report.what_would_change", lang))
    reached = {c.form: c for c in result.what_would_change}
    for fid in FORM_IDS:
        if fid == result.form:
            continue
        change = reached.get(fid)
        if change is None:
            change_section.items.append(Item(form_name(fid), [Line(say("report.no_change", lang))]))
            continue
        situations = []
        for q, chosen in change.change.items():
            kept = set(result.answers.get(q, ())) if qs[q].kind == "multi" else set()
            for option_id in (o for o in chosen if o not in kept):  # what is added, not what holds already
                option = qs[q].option(option_id) if q in qs else None
                situations.append(option.situation(lang, voice) if option and option.situation else None)
        said = [s for s in situations if s]
        if said and len(said) == len(situations):
            if len(said) <= 2:  # one sentence: "Hvis Nav kjøper tjenesten, blir det et leverandørsamarbeid."
                sentence = say("summary.change_if", lang, situations=joined(said, lang),
                               form=a_form(form_name(fid), lang))
                change_section.items.append(Item(form_name(fid), [Line(sentence)]))
            else:  # more is easier to read as a list of what would have to hold
                change_section.items.append(Item(say("summary.change_if_all", lang, form=form_name(fid)),
                                                 [Line(capital(s) + ".") for s in said]))
            continue
        lines = [Line(f"{qs[q].text(lang, voice)} → {answer_label(rb, q, a, lang, voice)}")
                 for q, a in change.change.items()]
        change_section.items.append(Item(say("report.change_to", lang, form=form_name(fid)), lines))
    sections.append(change_section)

    # --- the answers
    answer_section = Section("answers", say("report.answers", lang))
    for question in rb.questions.questions:
        if question.id in result.answers:
            label = answer_label(rb, question.id, result.answers[question.id], lang, voice)
            answer_section.items.append(Item(question.text(lang, voice), [Line(label)]))
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
                [Line(rel.description(lang, voice))], list(rel.source)))
        sections.append(case_section)

    # --- the appendix: how the answers were weighed (the trace); placed last, its sources cited
    trace_section = Section("trace", say("summary.appendix", lang))
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
            label = answer_label(rb, step.question, step.answer, lang, voice)
            item = Item(f"{qs[step.question].text(lang, voice)} — {label}")
            by_question[step.question] = item
            trace_section.items.append(item)
        item.lines.append(Line(phrases.phrase(step, lang, voice) + f" [{', '.join(step.source)}]"))
        for s in step.source:
            if s not in item.source:
                item.source.append(s)

    # --- sources
    cited: list[str] = []
    for section in [*sections, trace_section]:
        for item in section.items:
            for s in item.source:
                if s not in cited:
                    cited.append(s)
    section_order = list(rb.meta.sections)
    cited.sort(key=lambda s: section_order.index(s) if s in section_order else len(section_order))
    source_section = Section("sources", say("report.sources", lang))
    report = rb.meta.report
    source_section.paragraphs.append(f"{report.authors}: {report.title}. {report.series}, {report.publisher}.")
    for s in cited:
        source_section.items.append(Item(f"{s} {rb.meta.sections[s](lang, voice)}"))
    sections.append(source_section)

    # --- practical notes beyond the report, each with its dated sources
    if result.notes:
        notes = {n.id: n for n in rb.notes.notes}
        note_section = Section("notes", say("report.notes", lang), [rb.notes.check_current(lang, voice)])
        for nid in result.notes:
            note = notes[nid]
            dated = "; ".join(f"{s.title}, {s.publisher}, {as_of_text(s.as_of, lang)}" for s in note.source)
            note_section.items.append(Item(
                say("report.note_title", lang, title=note.title(lang, voice), as_of=as_of_text(note.as_of, lang)),
                [Line(note.text(lang, voice)), Line(dated, say("report.note_sources", lang))]))
        sections.append(note_section)
    sections.append(trace_section)

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
        summary=build_summary(rb, result, lang),
        scores=scores,
    )


def _risk_item(hit: RiskHit, rb: RuleBase, party: Receiver | None, lang: Lang, voice: Voice | None,
               asked: Callable[[Iterable[str]], str], form_name: Callable[[str], str]) -> Item:
    """A risk in the details: why, what reduces it, the party's first step, and what it rests on."""
    risk = next(r for r in rb.risks if r.id == hit.id)
    lines = [Line(risk.why(lang, voice)), Line(risk.reduce(lang, voice), say("report.reduce", lang))]
    if party is not None and risk.act is not None:
        lines.append(Line(risk.act(party)(lang, voice), say("summary.first_step", lang)))
    if hit.status == "raised" and hit.because:
        lines.append(Line(asked(hit.because), say("report.because", lang)))
    if hit.status == "possible" and hit.because:
        lines.append(Line(asked(hit.because), say("summary.risk_watch_because", lang)))
    if hit.status == "addressed":
        lines.append(Line(asked(hit.addressed_by), say("summary.risk_addressed_by", lang)))
        if risk.remains is not None:
            lines.append(Line(risk.remains(lang, voice), say("summary.risk_remains", lang)))
    if hit.would_settle and hit.status != "addressed":
        lines.append(Line(asked(hit.would_settle), say("summary.risk_settled_by", lang)))
    if hit.status == "typical" and hit.forms:
        lines.append(Line(", ".join(form_name(f) for f in hit.forms), say("summary.risk_typical_for", lang)))
    return Item(risk.name(lang, voice), lines, list(risk.source))
