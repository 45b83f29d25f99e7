"""The summary page a person reads first, in every layout, and the details grouped as a person reads them.

Results come from the engine; a test that needs a particular case changes one with `model_copy`.
`with_content` gives the rule base's texts the summary uses fixed, recognisable values (each party's first
step, the questions to find out, the options' situations, what to ask Nav for), so a test does not hang on
their wording.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from assistant.loading import load_answers
from assistant.models.common import Text
from assistant.models.result import FindOut, FirstStep, RecommendationHit, RiskHit, Summary
from assistant.models.rules import Acts, RuleBase
from assistant.render import render
from assistant.render.view import build_view, first_sentence
from tests.conftest import ROOT

EXAMPLES = ["grant", "supplier", "employment", "development"]
LANGS = ["nb", "en"]


def example(rule_base, engine, name: str, **update):
    answers, _, _ = load_answers(ROOT / "examples" / f"{name}.yaml", rule_base)
    return engine.evaluate(answers).model_copy(update=update)


def both(nb: str, en: str | None = None) -> Text:
    return Text.model_validate({"nb": nb, "en": en or f"{nb} (en)"})


def acts(name: str) -> Acts:
    name = name.replace("_", "-")  # shown the same in every layout (Markdown escapes "_")
    return Acts(nav=both(f"Kontoret: gjør noe med {name}.", f"The office: act on {name}."),
                entrepreneur=both(f"Entreprenøren: gjør noe med {name}.", f"The entrepreneur: act on {name}."))


@pytest.fixture(scope="module")
def with_content(rule_base) -> RuleBase:
    """The shipped rule base with the texts the summary uses where it has them: every condition and risk
    its first step for each party, one question its "find out" wording, every option its situation, every
    recommendation to Nav what an entrepreneur can ask for."""
    questions = []
    for q in rule_base.questions.questions:
        options = [o.model_copy(update={"situation": both(f"{q.id} er {o.id}", f"{q.id} is {o.id}")})
                   for o in q.options]
        update: dict = {"options": options, "find_out": None}
        if q.id == "cond_leadership_anchoring":
            update["find_out"] = both("Spør lederen om samarbeidet er forankret?", "Ask the leader: is it anchored?")
        questions.append(q.model_copy(update=update))
    return rule_base.model_copy(update={
        "questions": rule_base.questions.model_copy(update={"questions": questions}),
        "conditions": [c.model_copy(update={"act": acts(c.id)}) for c in rule_base.conditions],
        "risks": [r.model_copy(update={"act": acts(r.id)}) for r in rule_base.risks],
        "recommendations": [r.model_copy(update={"ask": both(f"Be Nav om {r.id}.", f"Ask Nav for {r.id}.")})
                            if r.to == "nav" else r for r in rule_base.recommendations],
    })


# --------------------------------------------------------------------------- summary first

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_summary_is_the_first_lines_of_text_and_markdown(name, lang, rule_base, engine):
    result = example(rule_base, engine, name)
    summary = build_view(rule_base, result, lang).summary
    assert summary.reasons and summary.first_steps and summary.form
    text = render(rule_base, result, "text", lang).splitlines()
    # the title, then at once the summary: its title, the form (wrapped to the width), why, what to do first
    assert text[2:5] == ["", summary.title, "-" * len(summary.title)]
    assert " ".join(text[5:text.index("", 5)]) == summary.form
    details = text.index("Resultatet i detalj" if lang == "nb" else "The result in detail")
    before = " ".join(" ".join(text[:details]).split())
    for sentence in [*summary.reasons, *(step.title for step in summary.first_steps),
                     *(risk.title for risk in summary.top_risks), *summary.to_find_out]:
        assert sentence in before
    md = render(rule_base, result, "md", lang).splitlines()
    assert md[:5] == [md[0], "", f"## {summary.title}", "", f"**{summary.form}**"]
    assert md[0].startswith("# ") and md[6].startswith("### ")


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_summary_speaks_in_sentences_without_scores(name, rule_base, engine):
    result = example(rule_base, engine, name)
    for lang in LANGS:
        summary = build_view(rule_base, result, lang).summary
        words = " ".join([summary.form, *summary.reasons])
        assert not re.search(r"poeng|score|points|\+\d", words), words
        assert 1 <= len(summary.reasons) <= 4  # what the relation settled, then each axis
        assert all(reason.endswith(".") and reason[0].isupper() for reason in summary.reasons)
    # the reasons are the weightiest answers' own effects
    effects = {(i.question, i.option, i.axis): i.effect("nb", result.voice) for i in rule_base.axes.indicators}
    reasons = " ".join(build_view(rule_base, result, "nb").summary.reasons)
    for reason in result.summary.reasons:
        assert effects[reason.question, reason.option, reason.axis] in reasons


def test_the_form_sentence_names_elements_of_other_forms_and_open_forms(rule_base, engine):
    result = example(rule_base, engine, "supplier")
    mixed = result.model_copy(update={"secondary": ("development",)})
    assert build_view(rule_base, mixed, "nb").summary.form == \
        "Samarbeidet er mest et leverandørsamarbeid, med innslag av utviklingssamarbeid."
    assert build_view(rule_base, mixed, "en").summary.form == \
        "The collaboration is mostly a supplier collaboration, with elements of development collaboration."
    still_open = result.model_copy(update={"form": None, "candidates": ("grant", "employment")})
    assert build_view(rule_base, still_open, "nb").summary.form == \
        "Svarene avgjør ikke formen ennå. Det kan bli et tilskuddssamarbeid eller et sysselsettingssamarbeid."
    assert build_view(rule_base, still_open, "en").summary.form == \
        "The answers do not settle the form yet. It could become a grant collaboration or an employment collaboration."


# --------------------------------------------------------------------------- a partial result

def test_a_partial_result_says_how_many_questions_are_unanswered_and_what_they_leave_open(rule_base, engine):
    result = example(rule_base, engine, "supplier")
    result = result.model_copy(update={
        "unanswered": 23,
        "risks": tuple(r.model_copy(update={"status": "possible" if i == 0 else "ruled_out"})
                       for i, r in enumerate(result.risks)),
        "conditions": tuple(c.model_copy(update={"status": "unknown" if i < 2 else "met"})
                            for i, c in enumerate(result.conditions))})
    view = build_view(rule_base, result, "nb")
    assert view.summary.open == ("23 spørsmål er ubesvart eller besvart med «vet ikke». "
                                 "Svarene på dem kan avgjøre 1 risiko og 2 betingelser for godt samarbeid.")
    # the headline too: "clear" is clear only for the answers given
    assert "tydelig" in view.headline[1] and "23 spørsmål er ubesvart, så resultatet er foreløpig." in view.headline[1]
    en = build_view(rule_base, result, "en")
    assert en.summary.open.startswith('23 questions are unanswered or answered "don\'t know". ')
    assert "23 questions are unanswered, so the result is provisional." in en.headline[1]
    # in every layout, in the summary and in the headline area
    for fmt in ("text", "md"):
        flat = " ".join(render(rule_base, result, fmt, "nb").split())
        assert flat.count("23 spørsmål er ubesvart") == 2, fmt
    page = render(rule_base, result, "html", "nb")
    summary_part = page.split('id="section-summary"')[1].split("</section>")[0]
    headline_part = page.split('id="section-headline"')[1].split("</section>")[0]
    assert "23 spørsmål er ubesvart eller besvart med «vet ikke»" in summary_part
    assert "23 spørsmål er ubesvart, så resultatet er foreløpig" in headline_part
    assert json.loads(render(rule_base, result, "json", "nb"))["unanswered"] == 23


def test_open_questions_that_leave_the_form_open_say_so(rule_base, engine):
    answers = {"role": ("trainer",), "task_defined": ("specification",), "goal": ("deliver_service",),
               "service_status": ("finished",), "who_shapes": ("dont_know",), "closeness": ("dont_know",),
               "contact": ("dont_know",)}
    result = engine.evaluate(answers)
    # the axes leave grant or supplier; the unknown contact and hiring could still make it development or
    # employment (the relation)
    assert result.form is None and result.candidates == ("grant", "supplier", "employment", "development")
    assert result.unanswered > 1
    view = build_view(rule_base, result, "nb")
    assert view.summary.open.endswith(
        "Svarene på dem avgjør om det blir et tilskuddssamarbeid, et leverandørsamarbeid, et "
        "sysselsettingssamarbeid eller et utviklingssamarbeid.")
    assert view.summary.open.startswith(f"{result.unanswered} spørsmål er ubesvart")


def test_a_complete_result_says_nothing_is_open(rule_base, engine):
    result = example(rule_base, engine, "supplier").model_copy(update={"unanswered": 0})
    view = build_view(rule_base, result, "nb")
    assert view.summary.open == ""
    assert "ubesvart" not in " ".join(view.headline)
    assert "ubesvart" not in render(rule_base, result, "text", "nb")


# --------------------------------------------------------------------------- do this first

def test_each_party_gets_its_own_first_step_and_a_trainer_both(with_content, engine):
    rb = with_content
    base = example(rb, engine, "grant")
    steps = (FirstStep(kind="risk", id="distance_to_funder", status="raised"),
             FirstStep(kind="condition", id="local_drivers", status="partly"),
             FirstStep(kind="condition", id="leadership_anchoring", status="unknown"))
    result = base.model_copy(update={"summary": base.summary.model_copy(update={"first_steps": steps})})

    mine = build_view(rb, result.model_copy(update={"party": "entrepreneur"}), "nb").summary.first_steps
    assert [s.title for s in mine] == ["Entreprenøren: gjør noe med distance-to-funder.",
                                       "Entreprenøren: gjør noe med local-drivers.",
                                       "Entreprenøren: gjør noe med leadership-anchoring."]
    assert [line.plain for line in mine[0].lines] == [
        "Gjelder risikoen «Langt til tilskuddsgiveren», som svarene peker på."]
    assert [line.plain for line in mine[1].lines] == [
        "Gjelder betingelsen «Lokalt engasjement og ildsjeler i Nav», som bare delvis er oppfylt."]
    assert mine[2].lines[0].plain.endswith("som dere ikke vet om er oppfylt.")

    office = build_view(rb, result.model_copy(update={"party": "nav"}), "en").summary.first_steps
    assert office[0].title == "The office: act on distance-to-funder."

    trainer = build_view(rb, result.model_copy(update={"party": None}), "nb").summary.first_steps
    assert trainer[1].heading == "Lokalt engasjement og ildsjeler i Nav: delvis oppfylt"
    assert [line.plain for line in trainer[1].lines] == ["Nav: Kontoret: gjør noe med local-drivers.",
                                                         "Entreprenøren: Entreprenøren: gjør noe med local-drivers."]
    text = render(rb, result.model_copy(update={"party": None}), "text", "nb")
    assert ("  2. Lokalt engasjement og ildsjeler i Nav: delvis oppfylt\n"
            "     Nav: Kontoret: gjør noe med local-drivers.") in text
    # the JSON: one line per step, in words, beside the data
    data = json.loads(render(rb, result.model_copy(update={"party": "entrepreneur"}), "json", "nb"))
    assert data["summary"]["first_steps"][0] == "Entreprenøren: gjør noe med distance-to-funder."
    assert data["summary"]["steps"][0] == {"kind": "risk", "id": "distance_to_funder", "status": "raised"}
    data = json.loads(render(rb, result.model_copy(update={"party": None}), "json", "en"))
    assert data["summary"]["first_steps"][1] == ("Local engagement and enthusiasts in Nav: partly met. "
                                                 "Nav: The office: act on local-drivers. "
                                                 "The entrepreneur: The entrepreneur: act on local-drivers.")


def test_without_its_own_step_a_first_step_is_the_first_sentence_of_what_helps(rule_base, engine):
    rb = rule_base.model_copy(update={"conditions": [c.model_copy(update={"act": None}) for c in rule_base.conditions],
                                      "risks": [r.model_copy(update={"act": None}) for r in rule_base.risks]})
    result = example(rb, engine, "supplier", party="nav")
    conditions = {c.id: c for c in rb.conditions}
    risks = {r.id: r for r in rb.risks}
    view = build_view(rb, result, "nb")
    for step, item in zip(result.summary.first_steps, view.summary.first_steps, strict=True):
        helps = conditions[step.id].when_not_met("nb") if step.kind == "condition" else risks[step.id].reduce("nb")
        assert item.title == first_sentence(helps) and helps.startswith(item.title) and item.title.endswith(".")


def test_the_top_risks_are_named_with_why(rule_base, engine):
    result = example(rule_base, engine, "supplier")
    top = build_view(rule_base, result, "nb").summary.top_risks
    risks = {r.id: r for r in rule_base.risks}
    assert [t.title for t in top] == [risks[r].name("nb") for r in result.summary.top_risks]
    assert all(t.lines[0].text == first_sentence(risks[r].why("nb")) for t, r in zip(top, result.summary.top_risks,
                                                                                       strict=True))


def test_what_to_find_out_is_put_as_a_question_to_bring(with_content, engine):
    result = example(with_content, engine, "grant").model_copy(update={"to_find_out": (
        FindOut(question="cond_leadership_anchoring", settles=("leadership_anchoring",), other_party=True),
        FindOut(question="cond_nav_partnership", settles=("nav_partnership",)))})
    view = build_view(with_content, result, "nb")
    q = next(q for q in with_content.questions.questions if q.id == "cond_nav_partnership")
    # what only Nav can answer says so to the entrepreneur
    assert view.summary.to_find_out == ["Spør lederen om samarbeidet er forankret? (bare Nav kan svare)",
                                        q.text_for("entrepreneur", "nb")]
    data = json.loads(render(with_content, result, "json", "nb"))
    assert data["to_find_out"][0] == {"question": "cond_leadership_anchoring", "settles": ["leadership_anchoring"],
                                      "text": "Spør lederen om samarbeidet er forankret?", "other_party": True}


# --------------------------------------------------------------------------- the details, grouped

def test_risks_are_grouped_raised_typical_possible_in_plain_words(rule_base, engine):
    result = example(rule_base, engine, "supplier")
    result = result.model_copy(update={"risks": (
        RiskHit(id="procurement_rules", status="raised", because=("money_flow",)),
        RiskHit(id="privacy", status="possible", would_settle=("personal_data",)),
        RiskHit(id="tender_capacity", status="typical", forms=("supplier",)),
        RiskHit(id="creaming", status="ruled_out", because=("selection",)),
    )})
    view = build_view(rule_base, result, "nb")
    risks = next(s for s in view.sections if s.key == "risks")
    assert [(g.key, g.title) for g in risks.groups] == [
        ("raised", "Aktuelle nå – svarene deres peker på disse"),
        ("typical", "Vanlige i denne samarbeidsformen – følg med på dem"),
        ("possible", "Kan bli aktuelt – følg med på dem")]
    assert [len(g.items) for g in risks.groups] == [1, 1, 1] and len(risks.items) == 3  # ruled out: not shown
    possible = risks.groups[2].items[0]
    question = next(q for q in rule_base.questions.questions if q.id == "personal_data")
    assert result.party == "nav" and possible.lines[-1].plain == f"Avgjøres av: {question.text_for('nav', 'nb')}"
    assert risks.groups[1].items[0].lines[-1].plain == "Vanlig i: Leverandørsamarbeid"
    text = render(rule_base, result, "text", "nb")
    assert "Kan bli aktuelt – følg med på dem:\n* Personvern" in text
    md = render(rule_base, result, "md", "nb")
    assert "### Kan bli aktuelt – følg med på dem\n\n- **Personvern" in md
    page = render(rule_base, result, "html", "nb")
    assert '<h3 class="group-title">Vanlige i denne samarbeidsformen – følg med på dem</h3>' in page
    data = json.loads(render(rule_base, result, "json", "nb"))
    assert data["risks"][1] == {"id": "privacy", "status": "possible", "because": [],
                                "would_settle": ["personal_data"], "addressed_by": [], "forms": []}
    assert data["risks"][3]["status"] == "ruled_out"  # kept in the data, never shown


def test_recommendations_say_who_acts(with_content, engine):
    rb = with_content
    hits = (RecommendationHit(id="business_model", to="entrepreneur", because=()),
            RecommendationHit(id="clear_guidelines", to="nav", because=(), how="ask"))
    result = example(rb, engine, "grant").model_copy(update={"recommendations": hits, "party": "entrepreneur"})
    recs = next(s for s in build_view(rb, result, "nb").sections if s.key == "recommendations")
    assert [(g.title, [i.title for i in g.items]) for g in recs.groups] == [
        ("Dette kan du gjøre", ["Ha en tydelig forretningsmodell"]),
        ("Dette kan du be Nav om", ["Retningslinjer for kontorene, avklart i direktoratet"])]
    assert recs.groups[1].items[0].lines[0].text == "Be Nav om clear_guidelines."  # the `ask` wording
    office = result.model_copy(update={"party": "nav", "recommendations": (
        RecommendationHit(id="clear_guidelines", to="nav", because=()),)})
    recs = next(s for s in build_view(rb, office, "nb").sections if s.key == "recommendations")
    assert [g.title for g in recs.groups] == ["Dette kan kontoret gjøre"]
    trainer = result.model_copy(update={"party": None, "recommendations": (
        RecommendationHit(id="clear_guidelines", to="nav", because=()),
        RecommendationHit(id="business_model", to="entrepreneur", because=()))})
    recs = next(s for s in build_view(rb, trainer, "en").sections if s.key == "recommendations")
    assert [g.title for g in recs.groups] == ["Recommendations to Nav", "Recommendations to the entrepreneur"]
    data = json.loads(render(rb, result, "json", "nb"))
    assert data["recommendations"][1] == {"id": "clear_guidelines", "to": "nav", "how": "ask", "because": []}


def test_what_would_change_is_said_with_the_options_situations(with_content, rule_base, engine):
    result = example(rule_base, engine, "supplier")
    change = next(c for c in result.what_would_change if c.form == "development")
    view = build_view(with_content, result, "nb")
    item = next(i for i in next(s for s in view.sections if s.key == "what_would_change").items
                if i.title == "Utviklingssamarbeid")
    clauses = " og ".join(f"{q} er {o}" for q, a in change.change.items() for o in a)
    assert [line.text for line in item.lines] == [f"Hvis {clauses}, blir det et utviklingssamarbeid."]
    # without the situations: question → answer
    questions = [q.model_copy(update={"options": [o.model_copy(update={"situation": None}) for o in q.options]})
                 for q in rule_base.questions.questions]
    bare = rule_base.model_copy(update={"questions": rule_base.questions.model_copy(update={"questions": questions})})
    plain = next(s for s in build_view(bare, result, "nb").sections if s.key == "what_would_change")
    item = next(i for i in plain.items if i.title.startswith("Utviklingssamarbeid"))
    assert item.title == "Utviklingssamarbeid, hvis du svarte:" and all(" → " in line.text for line in item.lines)


# --------------------------------------------------------------------------- brief, and text that stays text

@pytest.mark.parametrize("lang", LANGS)
def test_brief_is_the_summary_page_alone_in_every_format(lang, with_content, engine):
    result = example(with_content, engine, "supplier")
    view = build_view(with_content, result, lang)
    for fmt in ("text", "md", "html"):
        brief = render(with_content, result, fmt, lang, brief=True)
        shown = html.unescape(re.sub(r"<[^>]+>", " ", brief)) if fmt == "html" else brief
        flat = " ".join(shown.split())
        for part in [view.summary.title, *view.summary.reasons, *(s.title for s in view.summary.first_steps)]:
            assert " ".join(part.split()) in flat, (fmt, part)
        for section in view.sections:
            assert f"{section.title}\n" not in brief and f"## {section.title}" not in brief, (fmt, section.key)
        assert view.headline[0] not in flat
    data = json.loads(render(with_content, result, "json", lang, brief=True))
    assert data["summary"]["reasons"] == view.summary.reasons
    assert data["summary"]["top_risks"] == list(result.summary.top_risks)


def test_markup_in_a_first_step_is_text_in_every_layout(rule_base, engine):
    evil = "Ring <script>alert(1)</script> **nå** [lenke](http://e.vil)"
    risks = [r.model_copy(update={"act": Acts(nav=both(evil, evil), entrepreneur=both(evil, evil))})
             for r in rule_base.risks]
    rb = rule_base.model_copy(update={"risks": risks})
    result = example(rb, engine, "supplier", party="nav")
    result = result.model_copy(update={"summary": Summary(
        reasons=(), first_steps=(FirstStep(kind="risk", id="procurement_rules", status="raised"),), top_risks=())})
    page = render(rb, result, "html", "nb")
    assert "<script" not in page and "Ring &lt;script&gt;alert(1)&lt;/script&gt; **nå**" in page
    md = render(rb, result, "md", "nb")
    assert "<script" not in md and r"\*\*nå\*\* \[lenke\](http://e.vil)" in md
    assert evil in render(rb, result, "text", "nb")
    assert json.loads(render(rb, result, "json", "nb"))["summary"]["first_steps"] == [evil]


# --------------------------------------------------------------------------- honest counts

@pytest.mark.parametrize("role", ["nav_leader", "nav_employee_state", "nav_county", "entrepreneur", "trainer"])
@pytest.mark.parametrize("pick", [0, -1])
def test_a_complete_interview_leaves_nothing_unanswered(rule_base, engine, role, pick):
    """Every question put to the person answered (the first option, or the last): 0 unanswered in the result,
    the summary and the JSON; what only the other party can answer is marked as theirs under what to find
    out, never counted as the reader's."""
    from assistant.dialogue import Dialogue

    dialogue = Dialogue.begin(rule_base, engine, role)
    step = dialogue.first_step()
    while step.to == "question" and step.question is not None:
        q = dialogue.question(step.question)
        step = dialogue.answer(q.id, (q.options[pick].id,))
    result = dialogue.result()
    assert result.unanswered == 0
    assert json.loads(render(rule_base, result, "json", "nb"))["unanswered"] == 0
    view = build_view(rule_base, result, "nb")
    assert view.summary.open == "" and "ubesvart" not in render(rule_base, result, "text", "nb")
    if role == "trainer":
        assert not any(f.other_party for f in result.to_find_out)
    else:  # the rest is the other party's: marked so
        assert all(f.other_party for f in result.to_find_out)
        mine = {q.id for q in rule_base.questions.questions if q.is_asked_of(rule_base.receivers(role))}
        assert not {f.question for f in result.to_find_out} & mine


# --------------------------------------------------------------------------- what settled the form

def test_answers_that_contradict_each_other_are_named_with_each_reading(rule_base, engine):
    """Never a silent pick: the summary says which answers do not fit together and what each reading gives."""
    answers = {"role": ("entrepreneur",), "task_defined": ("own_business",), "closeness": ("referral",),
               "who_shapes": ("entrepreneur_alone",), "money_flow": ("none",), "employs": ("no",)}
    result = engine.evaluate(answers)
    assert result.form is None and result.basis == "contradiction"
    assert [c.id for c in result.contradictions] == ["own_business_without_hiring"]
    summary = build_view(rule_base, result, "nb").summary
    assert summary.form.startswith("To av svarene passer ikke sammen, så formen er ikke avgjort.")
    said = " ".join(summary.reasons)
    assert "Du svarte «Nei, du ansetter folk i din egen virksomhet» og «Nei» på «Ansetter du jobbsøkere" in said
    assert "Stemmer «Nei, du ansetter folk i din egen virksomhet», blir det et sysselsettingssamarbeid." in said
    assert said.endswith("Gå tilbake og rett svaret som ikke stemmer.")
    english = " ".join(build_view(rule_base, result, "en").summary.reasons)
    assert "Two of your answers do not fit together" in english and "is right, it is an employment" in english


def test_the_relation_that_settles_the_form_is_said_first(rule_base, engine):
    """A finished programme Nav buys places in: supplier, because Nav buys (4.1.2), though the answers about
    how the parties work would place it where the report has grants."""
    answers = {"role": ("entrepreneur",), "task_defined": ("entrepreneur_offer",), "goal": ("deliver_service",),
               "service_status": ("finished",), "who_shapes": ("entrepreneur_alone",), "closeness": ("referral",),
               "contact": ("rarely",), "money_flow": ("purchase",)}
    result = engine.evaluate(answers)
    assert (result.form, result.basis, result.relation_rule, result.axes_form) == \
        ("supplier", "relation", "nav_buys", "grant")
    reasons = build_view(rule_base, result, "nb").summary.reasons
    assert reasons[0].startswith("Nav kjøper en tjeneste eller tiltaksplasser, og det gjør deg til leverandør")
    assert reasons[1].startswith("Svarene om hvordan dere arbeider, plasserer samarbeidet der rapporten har "
                                 "tilskuddssamarbeid")


def test_where_the_answers_deny_the_axes_form_the_nearest_is_taken_and_said(rule_base, engine):
    """No money passes, nobody is hired, but a finished offer to Nav: not a grant (no grant money, 4.1.1), and
    the offer is one to sell (3.5.8)."""
    answers = {"role": ("trainer",), "task_defined": ("entrepreneur_offer",), "goal": ("deliver_service",),
               "service_status": ("finished",), "who_shapes": ("entrepreneur_alone",), "closeness": ("referral",),
               "contact": ("rarely",), "money_flow": ("none",), "employs": ("no",)}
    result = engine.evaluate(answers)
    assert (result.form, result.basis, result.axes_form) == ("supplier", "nearest", "grant")
    assert "grant" in result.denied and not result.contradictions
    said = " ".join(build_view(rule_base, result, "nb").summary.reasons)
    assert "Et tilskuddssamarbeid bygger på at en finansiør bevilger penger" in said
    assert "Den nærmeste formen svarene passer med, er et leverandørsamarbeid." in said
