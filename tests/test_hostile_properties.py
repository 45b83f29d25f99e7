"""Every reader, given anything at all, succeeds or says what is wrong (hypothesis).

Random bytes, and random YAML built from nested mappings, lists and scalars (deep
nesting, huge numbers, odd Unicode, control characters, tags, aliases), are given
to load_yaml, to load_answers and to `samarbeid decide`. Each either succeeds or
raises InputError with problems that name the file (decide: exit 2 with those
problems on stderr); never another exception, and never more than MAX_PROBLEMS
lines for a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.cli import main
from assistant.errors import MAX_PROBLEMS, InputError, MoreProblems, count
from assistant.loading import load_answers, load_rule_base
from assistant.yamlsource import MAX_DEPTH, load_yaml
from tests.budget import examples

ROOT = Path(__file__).resolve().parent.parent
RULE_BASE = load_rule_base(ROOT / "questions.yaml", ROOT / "rules")
QUESTION_IDS = [q.id for q in RULE_BASE.questions.questions]
OPTION_IDS = sorted({o for q in RULE_BASE.questions.questions for o in q.option_ids})
EXAMPLES = examples(60, "HOSTILE_EXAMPLES")  # tests/budget.py; more for a longer hunt
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]


class Raw(str):
    """Text put into the file as it is (a number too big for Python to write, a tag)."""


class Nested:
    """A value wrapped `depth` times in a list or a one-key mapping (written without recursion)."""

    def __init__(self, value: Any, depth: int, lists: bool) -> None:
        self.value, self.depth, self.lists = value, depth, lists


# ------------------------------------------------------------ what is thrown
ODD = ["\x00", "\x07", "\x1b", "\x1b[31m", "\x7f", "\x85", "\x9b", "\xa0", "\u200b", "\u2028", "\u202e", "\ufeff",
       "\ufffe", "\U0001f600", "\\", "'", '"', "#", ":", "- ", "? ", "&a ", "*a", "!!python/name:os.system ",
       "<<: ", "!!int ", "!!float ", "!!map ", "!!seq ", "!!str ", "!!bool ", "!!null ", "!!binary ", "!",
       "{", "}", "[", "]", ",", "|", ">", "%YAML 1.1\n", "---\n", "...\n", "\t", "\r\n"]

texts = st.one_of(
    st.sampled_from(OPTION_IDS + QUESTION_IDS + ["yes", "no", "on", "off", "null", "~", "true", ""]),
    st.text(max_size=30),
    st.lists(st.sampled_from(ODD) | st.text(max_size=3), max_size=8).map("".join),
)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=10**90, max_value=10**200).map(lambda n: Raw(str(n))),  # str(): up to 201 digits only
    st.integers(100, 6000).map(lambda n: Raw("9" * n)),
    st.integers(4290, 6000).map(lambda n: Raw("-" + "9" * n)),  # past what Python turns into text
    st.integers(100, 6000).map(lambda n: Raw("0x" + "f" * n)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([Raw(".inf"), Raw("-.inf"), Raw(".nan"), Raw("1.0e+400"), Raw("0b" + "1" * 500)]),
    # YAML 1.1 sexagesimal numbers (F7: 60**300 overflowed PyYAML's float), plain and tagged
    st.tuples(st.sampled_from(["", "-", "!!float ", "!!int ", "!!float -"]), st.integers(1, 400),
              st.sampled_from(["", ".5", "."])).map(lambda t: Raw(f"{t[0]}1{':59' * t[1]}{t[2]}")),
)
scalars = st.one_of(texts, numbers, st.booleans(), st.none())


def deep(child: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value wrapped in many lists or one-key mappings: up to well past MAX_DEPTH and libyaml's 1000."""
    depth = st.one_of(st.integers(1, 2 * MAX_DEPTH), st.integers(300, 1200))
    return st.tuples(child, depth, st.booleans()).map(lambda t: Nested(*t))


def containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.one_of(st.sampled_from(QUESTION_IDS + ["meta"]), texts)
    return st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5), deep(children))


values = st.recursive(scalars, containers, max_leaves=25)
answers_like = st.dictionaries(st.sampled_from(QUESTION_IDS + ["meta"]) | texts, values, max_size=12)


def flow(value: Any) -> str:
    """A value as YAML flow text; what cannot be said in flow YAML is written anyway (it is hostile input)."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Nested):  # without recursion: as deep as asked
        opening, closing = ("[", "]") if value.lists else ("{k: ", "}")
        return opening * value.depth + flow(value.value) + closing * value.depth
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, str):
        return value if value.isidentifier() else "'" + value.replace("'", "''") + "'"
    if value is None:
        return "null"
    return repr(value).lower() if isinstance(value, bool) else repr(value)


def block(value: dict[Any, Any]) -> str:
    """The top level in block style, as people write answers files."""
    return "".join(f"{flow(k)}: {flow(v)}\n" for k, v in value.items())


documents = st.one_of(
    st.binary(max_size=400),
    st.dictionaries(st.sampled_from(QUESTION_IDS), deep(values) | numbers, min_size=1, max_size=3)
    .map(block).map(lambda t: t.encode("utf-8", "surrogatepass")),
    answers_like.map(block).map(lambda t: t.encode("utf-8", "surrogatepass")),
    values.map(flow).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(ODD) | st.sampled_from(QUESTION_IDS) | st.text(max_size=5), max_size=40)
    .map("".join).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def _file(content: bytes) -> Path:
    handle, name = tempfile.mkstemp(suffix=".yaml")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    return Path(name)


def _well_said(err: InputError, name: str) -> None:
    assert err.problems, "an InputError without a problem"
    for problem in err.problems:
        assert problem.file == name and problem.message
    shown = [p for p in err.problems if not isinstance(p, MoreProblems)]
    assert len(shown) <= MAX_PROBLEMS
    assert count(err.problems) >= len(err.problems)


# ------------------------------------------------------------ the readers
@settings(max_examples=EXAMPLES * 3, deadline=None, suppress_health_check=FIXTURES)
@given(content=documents)
def test_load_yaml_reads_anything_or_says_what_is_wrong(content):
    path = _file(content)
    try:
        load_yaml(path, "f.yaml")
    except InputError as err:
        _well_said(err, "f.yaml")
    finally:
        path.unlink()


@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=FIXTURES)
@given(content=documents, strict=st.booleans())
def test_load_answers_reads_anything_or_says_what_is_wrong(content, strict):
    path = _file(content)
    try:
        answers, _, problems = load_answers(path, RULE_BASE, strict=strict)
        for qid, chosen in answers.items():
            assert qid in QUESTION_IDS and all(isinstance(o, str) for o in chosen)
        assert len([p for p in problems if not isinstance(p, MoreProblems)]) <= MAX_PROBLEMS
    except InputError as err:
        _well_said(err, str(path))
    finally:
        path.unlink()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=FIXTURES)
@given(content=documents)
def test_decide_on_anything_gives_a_report_or_the_problems(content, capsys):
    path = _file(content)
    try:
        code = main(["decide", str(path), "--format", "json"])
    finally:
        path.unlink()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 0:
        assert out.startswith("{") and not err
    else:
        assert code == 2 and not out
        lines = [line for line in err.splitlines() if line.startswith(f"samarbeid: {path}")]
        assert 1 <= len(lines) <= MAX_PROBLEMS + 1, err
