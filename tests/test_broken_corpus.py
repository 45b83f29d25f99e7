"""The broken-input corpus (tests/data/broken/): every broken or hostile file
gets a clear message naming its file and line, the right exit code, and never a
traceback. What each must say is in tests/data/broken/expected.yaml.

Some hostile inputs cannot be files in a folder (a FIFO, /dev/zero) or would be
megabytes: those entries say what to make (`made:`), and the test makes it where
the file would go. Those, the alias bombs and the files with a !!python tag run as
a real `python -m assistant` process, whose timeout is the guard against a hang (and
a tag that ran would run outside the tests); every other file (plain text, if
broken) runs through the same main() in this process (conftest.run_cli), which
reports an escaped exception as a traceback and exit 1 as the interpreter would.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "broken"
EXPECTED: dict = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
TIMEOUT = 90  # seconds: the guard against a hang, never a measure (a refused bomb takes well under one)


def test_every_file_in_the_corpus_has_expectations():
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.yaml"}
    assert files == {name for name, spec in EXPECTED.items() if "made" not in spec}
    assert len(files) >= 30


def make(kind: str, target: Path, stack: ExitStack) -> None:
    """Make the hostile input `kind` at `target` (see the end of expected.yaml)."""
    if kind in ("fifo", "socket") and not hasattr(os, "mkfifo"):
        pytest.skip("FIFOs and Unix sockets are POSIX")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "zero":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        target.symlink_to("/dev/zero")
    elif kind == "folder":
        target.mkdir()
    elif kind == "socket":
        listening = stack.enter_context(socket.socket(socket.AF_UNIX))
        listening.bind(str(target))
    elif kind == "flood":
        target.write_text("".join(f"q{i}: x\n" for i in range(90_000)), encoding="utf-8")
    else:
        raise AssertionError(f"expected.yaml: unknown `made: {kind}`")


def in_a_process(name: str, spec: dict) -> bool:
    """Whether the file is run as a program of its own rather than in this process (see the docstring)."""
    return "made" in spec or "alias_bomb" in name or "python_tag" in name


def run(name: str, spec: dict, tmp_path: Path) -> tuple[subprocess.CompletedProcess, str]:
    """Run the command on the broken file; return the process and the file name its messages use."""
    with ExitStack() as stack:
        source = CORPUS / name
        if spec["run"] in ("decide", "resume"):
            if "made" in spec:
                source = tmp_path / name
                make(spec["made"], source, stack)
            command = ["decide", str(source)] if spec["run"] == "decide" else ["--plain", "--resume", str(source)]
            shown = str(source)
        else:
            shutil.copytree(ROOT / "rules", tmp_path / "rules")
            shutil.copy(ROOT / "questions.yaml", tmp_path / "questions.yaml")
            target = tmp_path / spec["replaces"]
            if "made" in spec:
                target.unlink()
                make(spec["made"], target, stack)
            else:
                shutil.copy(source, target)
            command = ["check", "--questions", str(tmp_path / "questions.yaml"), "--rules", str(tmp_path / "rules")]
            shown = str(target)
        data = str(tmp_path / "data")  # a resumed session is never kept
        if not in_a_process(name, spec):
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SAMARBEID_DATA_DIR", data)
                return run_cli(*command, cwd=tmp_path), shown
        env = {**os.environ, "SAMARBEID_DATA_DIR": data}
        proc = subprocess.run([sys.executable, "-m", "assistant", *command], cwd=tmp_path, capture_output=True,
                              text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, env=env)
    return proc, shown


MARKER = Path("/tmp/samarbeid-corpus-ran")  # what the python_tag files try to `touch`


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file(name, tmp_path):
    """The message at the file and line expected.yaml names, with its words, the exit code, no traceback;
    every further fault the file holds (`also:`) named by the same run, not just the first; a file
    with a !!python tag refused without the tag being run; an alias bomb refused at once, not expanded."""
    spec = EXPECTED[name]
    if "python_tag" in name:
        MARKER.unlink(missing_ok=True)
    start = time.monotonic()
    proc, shown = run(name, spec, tmp_path)
    elapsed = time.monotonic() - start
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert proc.returncode == spec["exit"], output
    assert len(output) <= spec.get("max_output", len(output)), output[:3000]
    messages = _messages(output)
    at = f"{shown}:{spec['line']}:" if spec.get("line") else f"{shown}:"
    for where, words_of in [(at, spec["words"]), *((f"{shown}:{line}:", words) for line, words in _also(name))]:
        text = "\n".join(m for m in messages if where in m)
        assert text, f"no message at {where}\n{output}"
        for words in words_of:
            assert words in text, f"{words!r} not in the message at {where}\n{output}"
    if "python_tag" in name:
        assert not MARKER.exists(), f"{name}: a !!python tag was executed"
    if "alias_bomb" in name:  # a bomb expanded would take minutes and gigabytes; refused, it takes well under one
        assert elapsed < 5, f"{name} took {elapsed:.1f} s"


def test_the_python_tag_files_and_alias_bombs_expect_a_refusal():
    """Their exit code in expected.yaml is a refusal (2), which test_broken_file holds them to."""
    tagged = [name for name in EXPECTED if "python_tag" in name]
    bombs = [name for name in EXPECTED if "alias_bomb" in name]
    assert len(tagged) >= 4 and len(bombs) >= 2 and all(EXPECTED[name]["exit"] == 2 for name in tagged + bombs)


def _messages(output: str) -> list[str]:
    """Each message with its hint lines."""
    messages: list[str] = []
    for line in output.splitlines():
        if line.startswith("    hint:") and messages:
            messages[-1] += "\n" + line
        else:
            messages.append(line)
    return messages


def _also(name: str) -> list[tuple[int, list[str]]]:
    return [(a["line"], a["words"]) for a in EXPECTED[name].get("also", [])]
