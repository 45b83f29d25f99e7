"""The question set as a readable list, and as a fill-in answers template."""

from __future__ import annotations

from assistant.models.common import Lang
from assistant.models.conditions import AllOf, AnswerTest, AnyOf, AxisTest, Condition, FormTest, Not
from assistant.models.questions import DONT_KNOW, QuestionSet
from assistant.models.rules import RuleBase
from assistant.texts import say


def describe(cond: Condition) -> str:
    """A condition in short, readable form: `employs in (yes_ordinary, later)`."""
    if isinstance(cond, AnswerTest):
        if cond.is_ is not None:
            return f"{cond.answer} = {cond.is_}"
        return f"{cond.answer} in ({', '.join(cond.in_ or ())})"
    if isinstance(cond, AllOf):
        return " and ".join(f"({describe(c)})" if isinstance(c, (AllOf, AnyOf)) else describe(c) for c in cond.all)
    if isinstance(cond, AnyOf):
        return " or ".join(f"({describe(c)})" if isinstance(c, (AllOf, AnyOf)) else describe(c) for c in cond.any)
    if isinstance(cond, Not):
        return f"not ({describe(cond.not_)})"
    if isinstance(cond, AxisTest):
        return f"axis {cond.axis} = {cond.is_}"
    if isinstance(cond, FormTest):
        return f"form {cond.form}"
    raise TypeError(cond)


def questions_text(qs: QuestionSet, lang: Lang) -> str:
    out = [say("questions.title", lang), ""]
    for n, q in enumerate(qs.questions, 1):
        kind = f" ({say('questions.multi', lang)})" if q.kind == "multi" else ""
        out.append(f"{n}. {q.id}{kind}: {q.text(lang)}")
        if q.show_if is not None:
            out.append("   " + say("questions.only_if", lang, cond=describe(q.show_if)))
        for o in q.options:
            out.append(f"   - {o.id}: {o.label(lang)}")
        out.append(f"   - {DONT_KNOW}: {say('dont_know', lang)}")
        out.append("")
    return "\n".join(out)


def questions_for_role(rb: RuleBase, role: str, lang: Lang) -> str:
    """What a person in `role` is asked, in the words they read: each question put to their party, its
    options with their explanations, and the help; then the questions left to the other party."""
    voice, parties = rb.voice(role), rb.receivers(role)
    label = next(o.label(lang) for o in rb.role_options if o.id == role)
    out = [say("questions.for_role", lang, role=label), ""]
    others = []
    n = 0
    for q in rb.questions.questions:
        if q.id == rb.role_question:
            continue
        if not q.is_asked_of(parties):
            others.append(q.id)
            continue
        n += 1
        kind = f" ({say('questions.multi', lang)})" if q.kind == "multi" else ""
        out.append(f"{n}. {q.id}{kind}: {q.text(lang, voice)}")
        if q.show_if is not None:
            out.append("   " + say("questions.only_if", lang, cond=describe(q.show_if)))
        for o in q.options:
            explain = f" — {o.explain(lang, voice)}" if o.explain is not None else ""
            out.append(f"   - {o.id}: {o.label(lang, voice)}{explain}")
        out.append(f"   - {DONT_KNOW}: {say('dont_know', lang)}")
        out.append("   " + say("questions.help", lang, help=q.help(lang, voice)))
        out.append("")
    if others:
        out.append(say("questions.others", lang, ids=", ".join(others)))
    return "\n".join(out)


def _comment(text: str) -> str:
    return "# " + text.replace("\n", " ")


def questions_template(qs: QuestionSet, lang: Lang) -> str:
    """A YAML answers file with every question blank and its options as comments.

    Loading it unchanged gives an empty set of answers, so it is valid as it stands.
    """
    out = [_comment(say("template.head", lang, version=qs.version)), ""]
    for q in qs.questions:
        out.append(_comment(q.text(lang)))
        if q.show_if is not None:
            out.append(_comment(say("questions.only_if", lang, cond=describe(q.show_if))))
        if q.kind == "multi":
            out.append(_comment(say("template.multi", lang)))
        for o in q.options:
            out.append(_comment(f"  {o.id}: {o.label(lang)}"))
        out.append(_comment(f"  {DONT_KNOW}: {say('dont_know', lang)}"))
        out.append(f"{q.id}:")
        out.append("")
    return "\n".join(out)

