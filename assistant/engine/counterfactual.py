"""What would change the result: for each other form, a plausible situation that leads to it.

Plausible means: answers that are still unknown are filled in first (finding them out may be all it
takes); otherwise the fewest answers change. Either way the changed answers must describe one coherent
collaboration: they may not make a conflict of rules/axes.yaml hold (Nav "buying" a service with no
money passing, say). The search runs over the questions that move the axes only, trying one changed
answer, then two, and so on; among equally small changes it prefers answers that rest on the form's own
section, then the clearest margin. Each find is confirmed by running the full decision again, so
`show_if` is respected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import combinations, product

from assistant.engine.axes import POLES, AxisModel
from assistant.models.common import FORM_IDS

Alternative = tuple[tuple[str, ...], dict[str, int]]
"""Another answer to a question, with the change it makes to each axis's score."""


def _alternatives(model: AxisModel, qid: str, current: tuple[str, ...] | None,
                  options: tuple[str, ...]) -> list[Alternative]:
    """The other answers a question could take, with the axis change each gives.

    Dominated alternatives (no better on either axis than another) are kept
    out, since they can never be part of a smallest change.
    """
    base = model.contribution(qid, current or ())
    values: list[tuple[str, ...]] = [(o,) for o in options]
    if model.kinds[qid] == "multi" and current:
        values += [tuple(sorted(set(current) | {o})) for o in options if o not in current]
    seen: set[tuple[str, ...]] = set()
    result: list[Alternative] = []
    for value in values:
        if value == current or value in seen:
            continue
        seen.add(value)
        after = model.contribution(qid, value)
        delta = {axis: after[axis] - base[axis] for axis in after}
        if delta["service"] or delta["relation"]:
            result.append((value, delta))
    return result


def what_would_change(
    model: AxisModel,
    answers: Mapping[str, tuple[str, ...]],
    options: Mapping[str, tuple[str, ...]],
    current_form: str | None,
    decide: Callable[[dict[str, tuple[str, ...]]], str | None],
    *,
    coherent: Callable[[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]], bool] | None = None,
    unknown: set[str] | None = None,
) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    """[(form, {question: new answer})] for every form other than the current one that can be reached."""
    scores = model.scores(answers)
    pole_of = {form: pole for pole, form in model.table.items()}
    alternatives = {
        qid: _alternatives(model, qid, answers.get(qid), tuple(o for o in options[qid]))
        for qid in model.questions if qid in options
    }
    movable = [qid for qid in model.questions if alternatives.get(qid)]
    found: list[tuple[str, dict[str, tuple[str, ...]]]] = []
    for form in FORM_IDS:
        if form == current_form or form not in pole_of:
            continue
        want = {
            "service": 1 if pole_of[form][0] == POLES["service"][0] else -1,
            "relation": 1 if pole_of[form][1] == POLES["relation"][0] else -1,
        }
        home = model.sections.get(form, set())
        fillable = [q for q in movable if unknown and q in unknown]
        best = None
        if fillable:
            best = _search(scores, want, fillable, alternatives, answers, decide, form, model, home, coherent)
        if best is None:
            best = _search(scores, want, movable, alternatives, answers, decide, form, model, home, coherent)
        if best is not None:
            found.append((form, best))
    return found


def _affinity(model: AxisModel, qid: str, value: tuple[str, ...], home: set[str]) -> int:
    """How many of the answer's indicators rest on the target form's own section."""
    return sum(1 for option in value for _, _, ind in model.indicators.get((qid, option), ())
               if home.intersection(ind.source))


def _useful(model: AxisModel, want: Mapping[str, int], home: set[str], qid: str,
            alternatives: list[Alternative]) -> list[Alternative]:
    """The alternatives worth trying towards a form: those that move at least one axis its way, and that
    no other alternative beats on both axes and on resting on the form's own section. Equal ones are all
    kept, since coherence may take one and refuse another."""
    scored = []
    for value, delta in alternatives:
        gain = (delta["service"] * want["service"], delta["relation"] * want["relation"],
                _affinity(model, qid, value, home))
        if gain[0] > 0 or gain[1] > 0:
            scored.append((gain, (value, delta)))
    return [alt for gain, alt in scored
            if not any(other != gain and all(o >= g for o, g in zip(other, gain, strict=True))
                       for other, _ in scored)]


def _search(
    scores: Mapping[str, int],
    want: Mapping[str, int],
    movable: list[str],
    alternatives: Mapping[str, list[Alternative]],
    answers: Mapping[str, tuple[str, ...]],
    decide: Callable[[dict[str, tuple[str, ...]]], str | None],
    form: str,
    model: AxisModel,
    home: set[str],
    coherent: Callable[[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]], bool] | None = None,
) -> dict[str, tuple[str, ...]] | None:
    """The fewest changed answers that give `form`, or None.

    Among changes of one size it takes the one resting most on the form's own sections, then the clearest
    margin. At each size the answers that help are tried first (those that move an axis the form's way and
    are not beaten by another answer to the same question); for small sizes every answer is tried too
    when those will not do.
    """
    useful = {q: _useful(model, want, home, q, alternatives[q]) for q in movable}
    helping = [q for q in movable if useful[q]]
    for size in range(1, len(movable) + 1):
        found = _of_size(size, scores, want, helping, useful, answers, decide, form, model, home, coherent)
        if found is None and size <= EVERY_ANSWER_UP_TO:
            found = _of_size(size, scores, want, movable, alternatives, answers, decide, form, model, home,
                             coherent)
        if found is not None:
            return found
    return None


EVERY_ANSWER_UP_TO = 2
"""Up to this many changes every answer is tried, also those set aside as not helping (coherence may want
one of them); beyond it only the helping ones, which keeps the search quick."""


def _of_size(
    size: int,
    scores: Mapping[str, int],
    want: Mapping[str, int],
    movable: list[str],
    alternatives: Mapping[str, list[Alternative]],
    answers: Mapping[str, tuple[str, ...]],
    decide: Callable[[dict[str, tuple[str, ...]]], str | None],
    form: str,
    model: AxisModel,
    home: set[str],
    coherent: Callable[[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]], bool] | None,
) -> dict[str, tuple[str, ...]] | None:
    """The best change of exactly `size` answers that gives `form`, or None."""
    best: tuple[tuple[int, int], dict[str, tuple[str, ...]]] | None = None
    for qids in combinations(movable, size):
        for picks in product(*(alternatives[q] for q in qids)):
            service = scores["service"] + sum(d["service"] for _, d in picks)
            relation = scores["relation"] + sum(d["relation"] for _, d in picks)
            margin = min(service * want["service"], relation * want["relation"])
            if margin <= 0:
                continue
            affinity = sum(_affinity(model, q, value, home) for q, (value, _) in zip(qids, picks, strict=False))
            rank = (affinity, margin)
            if best is not None and rank <= best[0]:
                continue
            change = {q: value for q, (value, _) in zip(qids, picks, strict=False)}
            after = {**answers, **change}
            if decide(after) == form and (coherent is None or coherent(answers, after)):
                best = (rank, change)
    return best[1] if best is not None else None
