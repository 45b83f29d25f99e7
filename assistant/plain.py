"""The plain line mode: the dialogue as numbered prompts on stdin/stdout.

For screen readers and plain terminals. Each question shows its options by
number, "don't know" is always the last one; `?` shows the help, `b` goes
back (the answer there is kept: Enter keeps it), `q` stops. At the end the
text result is printed. What an answer means, and where it leads, is the
Dialogue's; this module only asks and tells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.dialogue import AnswerRefused, Dialogue, Step
from assistant.ids import Lang, Voice
from assistant.invocation import command
from assistant.models.questions import Question
from assistant.models.rules import RuleBase
from assistant.render.text import render_text, wrap
from assistant.render.view import answer_label, build_view
from assistant.safetext import visible
from assistant.sessions import SavedSession, session_line
from assistant.texts import say

Ask = Callable[[str], str]
Tell = Callable[[str], None]


class Quit(Exception):
    pass


def shown_safely(tell: Tell) -> Tell:
    """`tell`, with every line from the rule base or a file shown and never obeyed (safetext)."""
    return lambda line: tell(visible(line))


def _show_question(q: Question, text: str, n: int, total: int, topic: str, lang: Lang, voice: Voice | None,
                   tell: Tell, current: str | None) -> None:
    """The question in `text` (its words for the person's party), its options by number, "don't know" last."""
    tell("")
    tell(f"{say('plain.progress', lang, n=n, total=total)} · {topic}")
    for line in wrap(text):
        tell(line)
    for i, option in enumerate(q.options, 1):
        tell(f"  {i}) {option.label(lang, voice)}")
        if option.explain is not None:
            for line in wrap(option.explain(lang, voice), "       ", "       "):
                tell(line)
    tell(f"  {len(q.options) + 1}) {say('dont_know', lang)}")
    if current:
        tell("  (" + say("plain.current", lang, answer=current) + ")")


MAX_NUMBER_DIGITS = 6
"""The longest number a reply is read as: no list here has a million entries, and Python turns no whole
number of more than 4 300 digits into an int (a longer line stopped plain mode with ValueError)."""


def option_number(word: str, count: int) -> int | None:
    """The number (1 to `count`) that `word` names: ASCII digits only (not `²`), at most MAX_NUMBER_DIGITS of
    them; None for anything else, which is then "not an option"."""
    if not (word.isascii() and word.isdigit()) or len(word) > MAX_NUMBER_DIGITS:
        return None
    number = int(word)
    return number if 1 <= number <= count else None


def _numbers(reply: str, q: Question) -> list[str] | None:
    """The options the numbers name (the last number is "don't know"); None when a word is no number of one."""
    ids = q.option_ids
    chosen = []
    for part in reply.replace(",", " ").split():
        number = option_number(part, len(ids))
        if number is None:
            return None
        chosen.append(ids[number - 1])
    return chosen or None


def run_plain(dialogue: Dialogue, ask: Ask = input, tell: Tell = print,
              saved_to: Callable[[], Path | None] | None = None) -> bool:
    """Run the dialogue to its result; False when the person stopped before it.

    `saved_to` tells where the answers are kept, to say so at the end.
    """
    d = dialogue
    lang = d.lang
    rb = d.rb
    tell = shown_safely(tell)
    topics = {t.id: t.name(lang) for t in rb.questions.topics}

    def where() -> Path | None:
        return saved_to() if saved_to else None

    for line in wrap(say("plain.intro", lang)):
        tell(line)
    tell(say("plain.keys", lang))
    step = d.first_step()
    try:
        while step.to == "question" and step.question is not None:
            q = d.question(step.question)
            n, total = d.progress(q.id)  # counted as the assistant counts it
            current = d.answers.get(q.id)
            label = answer_label(rb, q.id, current, lang, d.voice) if current else None
            _show_question(q, d.question_text(q.id), n, total, topics.get(q.topic, q.topic), lang, d.voice, tell,
                           label)
            step = _one_reply(d, q, ask, tell)
    except Quit:
        tell("")
        kept = where()
        tell(say("plain.saved", lang, file=str(kept), command=command()) if kept else say("plain.bye", lang))
        return False
    tell("")
    _show_result(d, ask, tell)
    kept = where()
    tell(say("plain.saved", lang, file=str(kept), command=command()) if kept else say("plain.save_hint", lang))
    return True


def _show_result(d: Dialogue, ask: Ask, tell: Tell) -> None:
    """The summary first; then the whole report unless the person skips it (at the end of input it is shown,
    as a script that pipes answers in wants all of it)."""
    view = build_view(d.rb, d.result(), d.lang, group=d.group)
    tell(render_text(view, details=False))
    try:
        skip = ask(say("summary.more", d.lang)).strip().lower() in ("q", "n", "nei", "no")
    except EOFError:
        skip = False
        tell("")
    if not skip:
        tell(render_text(view, summary=False))


def _one_reply(d: Dialogue, q: Question, ask: Ask, tell: Tell) -> Step:
    """Ask until the reply moves the dialogue; the step it moves to."""
    lang = d.lang
    while True:
        try:
            reply = ask(say("plain.prompt_multi" if q.kind == "multi" else "plain.prompt", lang)).strip()
        except EOFError:
            raise Quit from None
        low = reply.lower()
        if low == "q":
            raise Quit
        if low == "?":
            for line in wrap(q.help(lang, d.voice)):
                tell(line)
            tell(say("plain.source", lang, series=d.rb.meta.report.series, sections=", ".join(q.source)))
            continue
        if low == "b":
            step = d.back(q.id)
            if step.to == "start":
                tell(say("plain.first", lang))
                continue
            return step
        current = d.answers.get(q.id)
        chosen = list(current) if not reply and current else _numbers(reply, q)
        if chosen is None:
            tell(say("plain.invalid", lang, max=len(q.option_ids)))
            continue
        try:
            return d.answer(q.id, chosen)
        except AnswerRefused as refused:
            tell(say(refused.reason, lang))


def choose_session(sessions: Sequence[SavedSession], rb: RuleBase, lang: Lang,
                   ask: Ask = input, tell: Tell = print) -> SavedSession | None:
    """Offer the saved sessions to continue; the one chosen, or None to begin a new one."""
    if not sessions:
        return None
    tell = shown_safely(tell)
    tell(say("plain.sessions", lang, n=len(sessions)))
    for i, session in enumerate(sessions, 1):
        tell(f"  {i}) {session_line(session, rb, lang)}")
    while True:
        try:
            reply = ask(say("plain.sessions_prompt", lang, max=len(sessions))).strip().lower()
        except EOFError:
            reply = ""
        if reply in ("", "n", "ny", "new"):
            tell(say("plain.fresh", lang))
            return None
        if reply in ("j", "ja", "y", "yes"):
            return sessions[0]
        number = option_number(reply, len(sessions))
        if number is not None:
            return sessions[number - 1]
        tell(say("plain.sessions_invalid", lang, max=len(sessions)))
