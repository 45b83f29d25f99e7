"""The plain line mode: the whole dialogue as numbered prompts on stdin/stdout.

For screen readers and plain terminals. Each question shows its options by
number, "don't know" is always the last one; `?` shows the help, `b` goes
back, `q` stops. At the end the text result is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.answers import Answers
from assistant.engine import Engine
from assistant.engine.flow import asked, next_open, progress
from assistant.models.common import Lang
from assistant.models.questions import DONT_KNOW, Question
from assistant.render import render
from assistant.render.text import wrap
from assistant.render.view import answer_label
from assistant.texts import say

Ask = Callable[[str], str]
Tell = Callable[[str], None]


class Quit(Exception):
    pass


def _show_question(q: Question, n: int, total: int, topic: str, lang: Lang, tell: Tell,
                   previous: tuple[str, ...] | None, label: str | None) -> None:
    tell("")
    tell(f"{say('plain.progress', lang, n=n, total=total)} · {topic}")
    for line in wrap(q.text(lang)):
        tell(line)
    for i, option in enumerate(q.options, 1):
        tell(f"  {i}) {option.label(lang)}")
        if option.explain is not None:
            for line in wrap(option.explain(lang), "       ", "       "):
                tell(line)
    tell(f"  {len(q.options) + 1}) {say('dont_know', lang)}")
    if previous and label:
        tell("  (" + say("plain.current", lang, answer=label) + ")")


def _parse(reply: str, q: Question) -> tuple[str, ...] | None:
    """Numbers to option ids; None when the reply is not a valid choice."""
    ids = q.option_ids
    parts = reply.replace(",", " ").split()
    if not parts or (q.kind == "single" and len(parts) != 1):
        return None
    chosen: list[str] = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= len(ids):
            return None
        option = ids[int(part) - 1]
        if option not in chosen:
            chosen.append(option)
    return tuple(chosen)


def run_plain(engine: Engine, lang: Lang, ask: Ask = input, tell: Tell = print,
              answers: Answers | None = None, on_answer: Callable[[Answers], None] | None = None,
              saved_to: Path | None = None) -> Answers | None:
    """Run the dialogue; return the answers, or None when the user quit.

    `on_answer` is called with all answers after every change (to autosave);
    `saved_to` is where they are kept, to tell the user.
    """
    rb = engine.rb
    topics = {t.id: t.name(lang) for t in rb.questions.topics}
    answers = dict(answers or {})
    previous: dict[str, tuple[str, ...]] = {}
    history: list[str] = [q.id for q in asked(rb.questions, answers) if q.id in answers]
    for line in wrap(say("plain.intro", lang)):
        tell(line)
    tell(say("plain.keys", lang))
    try:
        while True:
            q = next_open(rb.questions, answers)
            if q is None:
                break
            n, total = progress(rb.questions, answers, q.id)  # counted as the assistant counts it
            prior = previous.get(q.id)
            label = answer_label(rb, q.id, prior, lang) if prior else None
            _show_question(q, n, total, topics.get(q.topic, q.topic), lang, tell, prior, label)
            while True:
                prompt = say("plain.prompt_multi" if q.kind == "multi" else "plain.prompt", lang)
                try:
                    reply = ask(prompt).strip()
                except EOFError:
                    raise Quit from None
                low = reply.lower()
                if low == "q":
                    raise Quit
                if low == "?":
                    for line in wrap(q.help(lang)):
                        tell(line)
                    tell(say("plain.source", lang, series=rb.meta.report.series, sections=", ".join(q.source)))
                    continue
                if low == "b":
                    if not history:
                        tell(say("plain.first", lang))
                        continue
                    back = history.pop()
                    previous[back] = answers.pop(back)
                    if on_answer is not None:
                        on_answer(answers)
                    break
                if not reply and prior:
                    chosen: tuple[str, ...] | None = prior
                else:
                    chosen = _parse(reply, q)
                if chosen is None:
                    tell(say("plain.invalid", lang, max=len(q.option_ids)))
                    continue
                if DONT_KNOW in chosen and len(chosen) > 1:
                    tell(say("plain.dont_know_alone", lang))
                    continue
                answers[q.id] = chosen
                history.append(q.id)
                if on_answer is not None:
                    on_answer(answers)
                break
    except Quit:
        tell("")
        tell(say("plain.saved", lang, file=str(saved_to)) if saved_to else say("plain.bye", lang))
        return None
    tell("")
    tell(render(rb, engine.evaluate(answers), "text", lang))
    tell(say("plain.saved", lang, file=str(saved_to)) if saved_to else say("plain.save_hint", lang))
    return answers
