"""Hostile input (issue 11): what any file handed to samarbeid can do, and what it may not.

Every reader goes through assistant/yamlsource.py, so the limits are tested there:
only regular files are read, and at most MAX_BYTES of one; lists and mappings
nest at most MAX_DEPTH deep; whole numbers have at most MAX_DIGITS digits;
control characters, infinity and not-a-number are refused with their line; and
no more than MAX_PROBLEMS problems are listed per file. The broken-input corpus
(tests/data/broken/) runs the same cases through the command line.

Anything that could block (a FIFO) runs in a subprocess with a timeout, the
guard against a hang; no test asserts a duration.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from assistant.cli import main
from assistant.errors import MAX_PROBLEMS, InputError, MoreProblems, Problem, capped, count
from assistant.loading import load_answers
from assistant.models.conditions import AllOf, AnswerTest, Not, iter_tests
from assistant.yamlsource import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    Document,
    _Builder,
    load_yaml,
    parse_yaml,
    quoted,
    read_bytes,
)

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 90  # seconds; the guard against a hang, never a measure (a busy CI machine is slow)
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def refused(text: str, name: str = "f.yaml") -> list[Problem]:
    with pytest.raises(InputError) as err:
        parse_yaml(text, name)
    return err.value.problems


def in_subprocess(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)


# ------------------------------------------------------------ what is read
@POSIX
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    proc = in_subprocess(f"""
        from pathlib import Path
        from assistant.errors import InputError
        from assistant.yamlsource import read_bytes
        try:
            read_bytes(Path({str(fifo)!r}))
        except InputError as err:
            print(err)
    """)
    assert "this is a named pipe (FIFO), not a regular file" in proc.stdout, proc.stderr


@POSIX
def test_the_first_look_at_the_roles_does_not_wait_on_a_fifo(tmp_path):
    """The assistant's start screen reads the roles from --questions before anything else."""
    fifo = tmp_path / "questions.yaml"
    os.mkfifo(fifo)
    proc = in_subprocess(f"""
        from pathlib import Path
        from assistant.firstlook import _from_yaml
        print(_from_yaml(Path({str(fifo)!r})))
    """)
    assert proc.stdout.strip() == "[]", proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_never_read():
    with pytest.raises(InputError, match="this is a device, not a regular file"):
        read_bytes(Path("/dev/zero"))
    with pytest.raises(InputError, match="this is a device"):
        load_yaml(Path("/dev/null"))


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="this is a folder, not a file"):
        read_bytes(tmp_path)


def test_a_missing_file_is_not_found(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_bytes(tmp_path / "nowhere.yaml")
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="file not found"):
        read_bytes(tmp_path / "a_file" / "below_a_file.yaml")


def test_a_link_to_a_regular_file_is_read(tmp_path):
    (tmp_path / "real.yaml").write_text("role: trainer\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    assert load_yaml(tmp_path / "link.yaml").data == {"role": "trainer"}


def test_a_file_over_the_limit_is_refused_with_the_limit(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: nothing is written but the length
        handle.truncate(5 * MAX_BYTES)
    with pytest.raises(InputError) as err:
        read_bytes(big)
    assert f"the limit is {MAX_BYTES:,} bytes" in str(err.value)
    exactly = tmp_path / "exactly.yaml"
    exactly.write_bytes(b"#" * MAX_BYTES)
    assert len(read_bytes(exactly)) == MAX_BYTES


def test_standard_input_only_when_the_caller_asks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="file not found"):
        read_bytes(Path("-"))  # a file named "-", as any other name
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"role: trainer\n")))
    assert load_yaml(Path("-"), "standard input", stdin=True).data == {"role": "trainer"}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"#" * (MAX_BYTES + 1))))
    with pytest.raises(InputError, match="more than 1,000,000 bytes"):
        read_bytes(Path("-"), stdin=True)


# ------------------------------------------------------------ nesting
def nested(depth: int) -> str:
    """A value `depth` lists deep under the key `a` (the mapping is one level more)."""
    return "a: " + "[" * depth + "x" + "]" * depth + "\n"


def test_nesting_up_to_the_limit_is_read_and_one_more_is_refused():
    value = parse_yaml(nested(MAX_DEPTH - 1), "f.yaml").data["a"]
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == "x"
    (problem,) = refused(nested(MAX_DEPTH))
    assert (problem.line, problem.column) == (1, 3 + MAX_DEPTH)
    assert f"nested more than {MAX_DEPTH} deep" in problem.message


@pytest.mark.parametrize("depth", [500, 999, 5000])
def test_deep_nesting_is_refused_at_its_line_and_never_recurses(depth):
    (problem,) = refused("role: trainer\n" + nested(depth))
    assert problem.line == 2 and f"nested more than {MAX_DEPTH} deep" in problem.message


def test_deep_block_mappings_are_refused_too():
    text = "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "x\n"
    (problem,) = refused(text)
    assert problem.line == MAX_DEPTH + 1


def test_the_tree_builder_is_bounded_whatever_tree_it_is_given():
    """parse_yaml refuses a deep file before the tree is built; the builder does not rely on that."""
    node = _deep_node(300)  # built by hand: composing it from text would recurse in pure-Python PyYAML
    builder = _Builder(Document("f.yaml", None))
    builder.build(node, ())
    assert builder.problems and f"nested more than {MAX_DEPTH} deep" in builder.problems[0].message


def _deep_node(depth: int) -> yaml.Node:
    """A string in `depth` nested lists, as a node tree."""
    mark = yaml.Mark("f.yaml", 0, 0, 0, None, None)
    node: yaml.Node = yaml.ScalarNode("tag:yaml.org,2002:str", "x", mark, mark)
    for _ in range(depth):
        node = yaml.SequenceNode("tag:yaml.org,2002:seq", [node], mark, mark)
    return node


def _rules_with_condition(tmp_path: Path, depth: int) -> Path:
    """A copy of the rule base whose first risk holds `depth` nested `all:` conditions."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "risks.yaml"
    text = path.read_text(encoding="utf-8")
    found = re.search(r"\n    applies_when:.*?\n(?=    \w)", text, re.S)
    assert found
    condition = "{all: [" * depth + "{answer: money_flow, is: grant}" + "]}" * depth
    path.write_text(text[:found.start()] + f"\n    applies_when: {condition}\n" + text[found.end():], encoding="utf-8")
    return rules


def _run(capsys, *words: str) -> tuple[int, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out + err


def test_a_condition_nested_250_deep_is_refused_by_every_command(tmp_path, capsys):
    rules = _rules_with_condition(tmp_path, 250)
    lines = (rules / "risks.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("    applies_when: {all: ["))
    for words in (["decide", str(ROOT / "examples" / "grant.yaml")], ["cases"], ["check"]):
        code, output = _run(capsys, *words, "--rules", str(rules))
        assert "Traceback" not in output
        assert code == 2, output
        assert f"risks.yaml:{line}:" in output and f"nested more than {MAX_DEPTH} deep here" in output, output


def test_the_deepest_condition_the_limit_lets_through_is_safe_in_every_walk(tmp_path, capsys):
    """In risks.yaml a condition starts 4 levels down and each `all:` is a mapping and a list:
    the deepest that passes is (MAX_DEPTH - 4) // 2 levels, and check, decide and cases handle it."""
    deepest = (MAX_DEPTH - 4) // 2
    rules = _rules_with_condition(tmp_path, deepest)
    for words in (["check"], ["decide", str(ROOT / "examples" / "grant.yaml")], ["cases"]):
        code, output = _run(capsys, *words, "--rules", str(rules))
        assert code == 0, output
    code, output = _run(capsys, "check", "--rules", str(_rules_with_condition(tmp_path / "more", deepest + 1)))
    assert code == 2 and "nested more than" in output


def test_iter_tests_walks_a_condition_in_order_without_recursion():
    leaf = {"answer": "q", "is": "a"}
    cond = AllOf.model_validate({"all": [{"not": leaf}, {"any": [leaf, {"answer": "r", "is": "b"}]}]})
    assert [(t.answer, p) for t, p in iter_tests(cond, ("x",))] == [
        ("q", ("x", "all", 0, "not")), ("q", ("x", "all", 1, "any", 0)), ("r", ("x", "all", 1, "any", 1))]
    deep: AllOf | Not | AnswerTest = AnswerTest.model_validate(leaf)
    for _ in range(5000):  # deeper than any file can give, built by hand
        deep = Not(not_=deep)
    ((test, path),) = iter_tests(deep, ())  # type: ignore[arg-type]
    assert test.answer == "q" and len(path) == 5000


# ------------------------------------------------------------ numbers
@pytest.mark.parametrize("text", ["9" * (MAX_DIGITS + 1), "-" + "9" * 5000, "+" + "9" * 5000, "0x" + "f" * 5000],
                         ids=lambda t: t[:24])
def test_a_whole_number_of_more_than_the_limit_of_digits_is_refused(text):
    (problem,) = refused(f"role: trainer\ncontact: {text}\n")
    assert (problem.line, problem.column) == (2, 10)
    assert problem.message == f"a whole number of more than {MAX_DIGITS} digits is not allowed"
    assert len(str(problem)) < 200  # the number itself is never written out


def test_a_whole_number_within_the_limit_is_a_number():
    assert parse_yaml(f"n: {'9' * MAX_DIGITS}\n", "f.yaml").data == {"n": int("9" * MAX_DIGITS)}
    assert parse_yaml(f"n: '{'9' * 5000}'\n", "f.yaml").data == {"n": "9" * 5000}  # quoted: text


@pytest.mark.parametrize("text", [".inf", "-.inf", "+.INF", ".nan", ".NaN", "1.0e+400", "-1.5e+999"])
def test_infinity_and_not_a_number_are_refused(text):
    (problem,) = refused(f"contact: {text}\n")
    assert problem.line == 1 and "(infinity or not-a-number) is not allowed" in problem.message


@pytest.mark.parametrize(("text", "message"), [
    ("!!int abc", "'abc' is not a whole number"), ('!!int ""', "'' is not a whole number"),
    ('!!float ""', "'' is not a number"), ("!!float x", "'x' is not a number"),
    ("!!map abc", "the tag '!!map' does not fit 'abc'"), ("!!seq abc", "the tag '!!seq' does not fit 'abc'"),
])
def test_a_plain_tag_that_does_not_fit_its_text_is_a_problem(text, message):
    """Each of these stopped PyYAML's constructor with an exception of its own (IndexError, ConstructorError)."""
    (problem,) = refused(f"role: trainer\ncontact: {text}\n")
    assert (problem.line, problem.column, problem.message) == (2, 10, message)


def test_an_ordinary_float_is_a_number():
    assert parse_yaml("a: 1.5\nb: -2.0e+10\n", "f.yaml").data == {"a": 1.5, "b": -2.0e10}


# ------------------------------------------------------------ characters
@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x80", "\x9f",
                                  "\ufffe", "\uffff"])
def test_a_control_character_is_refused_at_its_line_and_column(char):
    (problem,) = refused(f"role: trainer\ngoal: jo{char}bs\n")
    assert (problem.line, problem.column) == (2, 9)
    assert f"the control character U+{ord(char):04X} is not allowed" in problem.message
    assert char not in str(problem)


def test_every_control_character_is_counted_in_one_message():
    (problem,) = refused("a: \x00\nb: \x00\x01\n")
    assert (problem.line, problem.column) == (1, 4) and "(3 in this file)" in problem.message


@pytest.mark.parametrize(("char", "read"), [("\t", "\t"), ("\x85", " "), ("\xa0", "\xa0"), ("\u2028", "\u2028"),
                                           ("\ufeff", "\ufeff"), ("\U0001f600", "\U0001f600"), ("æøå", "æøå")])
def test_what_yaml_allows_is_read(char, read):
    """Each is read as itself; NEL is a line break to YAML, and a line break in a quoted text is a space."""
    value = parse_yaml(f"a: 'x{char}y'\n", "f.yaml").data["a"]
    assert value == f"x{read}y"


def test_a_long_text_is_quoted_by_its_start_and_length(tmp_path, rule_base):
    path = tmp_path / "a.yaml"
    path.write_text(f"role: {'x' * 5000}\n{'y' * 1000}: trainer\n", encoding="utf-8")
    _, _, problems = load_answers(path, rule_base, strict=False)
    assert len(problems) == 2
    assert "'" + "x" * 80 + "…' (5 000 characters)" in problems[0].message
    assert "'" + "y" * 80 + "…' (1 000 characters)" in problems[1].message
    assert all(len(str(p)) < 500 for p in problems)


# ------------------------------------------------------------ floods
def test_capped_keeps_the_first_problems_of_each_file_and_counts_the_rest():
    problems = [Problem("a", i, 1, f"a{i}") for i in range(1, 31)] + [Problem("b", 1, 1, "b1")]
    problems.insert(5, Problem("b", 2, 1, "b2"))
    kept = capped(problems, limit=10)
    assert [p.message for p in kept[:11]] == [f"a{i}" for i in range(1, 6)] + ["b2"] + [f"a{i}" for i in range(6, 11)]
    more = kept[11]
    assert isinstance(more, MoreProblems) and more.file == "a" and more.count == 20
    assert str(more) == "a: … and 20 more problems in this file (the first 10 are shown)"
    assert kept[12].message == "b1" and len(kept) == 13
    assert count(kept) == count(problems) == 32
    assert capped(kept, limit=10) == kept  # capping again changes nothing


def test_an_input_error_lists_at_most_the_cap_per_file():
    err = InputError([Problem("a", i, 1, "x") for i in range(100)] + [Problem("b", 1, 1, "y")])
    assert len(err.problems) == MAX_PROBLEMS + 2 and count(err.problems) == 101


def test_ninety_thousand_unknown_keys_give_twenty_one_lines(tmp_path, rule_base, capsys):
    path = tmp_path / "flood.yaml"
    path.write_text("".join(f"q{i}: x\n" for i in range(90_000)), encoding="utf-8")
    _, _, problems = load_answers(path, rule_base, strict=False)
    assert len(problems) == MAX_PROBLEMS + 1 and count(problems) == 90_000
    assert problems[-1].message == f"… and 89 980 more problems in this file (the first {MAX_PROBLEMS} are shown)"
    code, output = _run(capsys, "decide", str(path))
    assert code == 2
    assert output.count("unknown question id") == MAX_PROBLEMS
    assert output.endswith("samarbeid: 90 000 problems; nothing was done.\n")
    assert len(output) < 5_000


# ------------------------------------------------------------ numbers: only the forms YAML 1.1 and 1.2 read alike
SEXAGESIMAL = "1" + ":59" * 300 + ".5"
"""A YAML 1.1 sexagesimal float that PyYAML could not build: 60**300 does not fit a float (OverflowError)."""


@pytest.mark.parametrize("text", [SEXAGESIMAL, "1" + ":59" * 80, "190:20:30", "1:30", "0b" + "1" * 400, "0b101",
                                  "1_000", "1" + "_0" * 200, "0" + "7" * 200, "017", "09", "0o17", "-0x1f", "1e5",
                                  "1.5e10", "-.5", "+.5", "1__0.5", "1:30.5", "+.nan"], ids=lambda t: t[:24])
def test_a_number_in_a_form_only_one_yaml_version_reads_is_text(text):
    """F7: a sexagesimal 1:59:...:.5 of 300 parts stopped every reader with OverflowError. YAML 1.2 has no
    sexagesimal, binary or 1_000 numbers; a form only one of YAML 1.1 and 1.2 reads as a number is text."""
    doc = parse_yaml(f"role: trainer\ncontact: {text}\n", "f.yaml")
    assert doc.data["contact"] == text


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("-3", -3), ("+7", 7), ("0", 0), ("0x1f", 31), ("0x1F", 31), ("1.5", 1.5), ("-2.0e+10", -2.0e10),
    (".5", 0.5), ("5.", 5.0), ("1.5E-3", 0.0015), ("true", True), ("False", False), ("~", None), ("null", None),
])
def test_a_number_in_a_form_both_yaml_versions_read_alike_is_a_number(text, value):
    doc = parse_yaml(f"a: {text}\n", "f.yaml")
    assert doc.data["a"] == value and type(doc.data["a"]) is type(value)


@pytest.mark.parametrize(("text", "message"), [
    (f"!!float {SEXAGESIMAL}", "is not a number"), (f"!!int {SEXAGESIMAL}", "is not a whole number"),
    ("!!int 0b101", "'0b101' is not a whole number"), ("!!int 1_000", "'1_000' is not a whole number"),
    ("!!float 1:30", "'1:30' is not a number"),
], ids=lambda t: t[:24])
def test_a_tag_never_builds_a_number_in_a_yaml_1_1_form(text, message):
    """F7: an explicit !!float or !!int is read in the same forms as an untagged number, or refused in place."""
    (problem,) = refused(f"role: trainer\ncontact: {text}\n")
    assert (problem.line, problem.column) == (2, 10)
    assert message in problem.message and len(str(problem)) < 300


def test_a_tagged_number_in_a_form_both_read_alike_is_a_number():
    assert parse_yaml("a: !!float 3\nb: !!int '12'\nc: !!float '-1.5'\n", "f.yaml").data == {"a": 3.0, "b": 12,
                                                                                               "c": -1.5}


@pytest.mark.parametrize("text", ["1." + "9" * 200, "9" * 150 + ".0", "0." + "1" * 100_000], ids=lambda t: t[:24])
def test_a_number_of_more_than_the_limit_of_digits_with_a_point_is_refused(text):
    """F7: a number too long to mean anything is refused with its line, whatever its form."""
    (problem,) = refused(f"role: trainer\ncontact: {text}\n")
    assert (problem.line, problem.column) == (2, 10)
    assert problem.message == f"a number of more than {MAX_DIGITS} digits is not allowed"


def test_what_pyyaml_writes_as_plain_text_is_read_back_as_that_text():
    """Why not all of YAML 1.2: PyYAML (which writes the saved sessions) writes a YAML 1.1 reader's text plainly,
    and 1.2 reads some of it as numbers: a group named 1e5 would come back as 100000.0."""
    for text in ["1e5", "0o17", "09", "-.5", "1.5e10", "1:30", "0b101", "1_000", "017", "+.nan", "2026-12-01"]:
        written = yaml.safe_dump({"group": text})
        assert parse_yaml(written, "s.yaml").data == {"group": text}, written


@pytest.mark.parametrize("text", ["~\n", "null\n", "Null\n", "---\n", "--- ~\n", "# a comment\n~\n",
                                  "!!null ''\n"])
def test_a_file_of_nothing_but_null_is_empty_like_a_file_of_comments(text):
    """F30: `~` as the whole file was read as an empty answers file, while a comment-only file is refused."""
    (problem,) = refused(text)
    assert problem.message == "the file is empty" and problem.line == 1
    (comments,) = refused("# only a comment\n")
    assert (problem.message, problem.hint) == (comments.message, comments.hint)


@pytest.mark.parametrize(("text", "shown"), [("entrepreneur\n", "'entrepreneur\\n'"), ("a\tb", "'a\\tb'"),
                                             ("a\r\nb", "'a\\r\\nb'"), ("plain", "'plain'")])
def test_a_line_break_in_quoted_text_is_shown_as_its_escape(text, shown):
    """F31: a block scalar's newline showed as a space (or broke the line) in "unknown option 'entrepreneur '"."""
    assert quoted(text) == shown
