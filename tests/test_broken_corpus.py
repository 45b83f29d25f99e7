"""The broken-input corpus (tests/data/broken/): every broken or hostile file
gets a clear message naming its file and line, the right exit code, and never a
traceback. What each must say is in tests/data/broken/expected.yaml.

Some hostile inputs cannot be files in a folder (a FIFO, /dev/zero) or would be
megabytes: those entries say what to make (`made:`), and the test makes it where
the file would go. The subprocess timeout is the guard against a hang.
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
        env = {**os.environ, "SAMARBEID_DATA_DIR": str(tmp_path / "data")}  # a resumed session is never kept
        proc = subprocess.run([sys.executable, "-m", "assistant", *command], cwd=tmp_path, capture_output=True,
                              text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, env=env)
    return proc, shown


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file(name, tmp_path):
    spec = EXPECTED[name]
    proc, shown = run(name, spec, tmp_path)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert proc.returncode == spec["exit"], output
    assert len(output) <= spec.get("max_output", len(output)), output[:3000]
    at = f"{shown}:{spec['line']}:" if spec.get("line") else f"{shown}:"
    text = "\n".join(m for m in _messages(output) if at in m)
    assert text, f"no message at {at}\n{output}"
    for words in spec["words"]:
        assert words in text, f"{words!r} not in the message at {at}\n{output}"


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


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if _also(n)))
def test_every_problem_of_a_file_is_reported(name, tmp_path):
    """One run names every fault in the file (e.g. each unknown id of an old answers file), not just the first."""
    proc, shown = run(name, EXPECTED[name], tmp_path)
    messages = _messages(proc.stdout + proc.stderr)
    for line, words in _also(name):
        text = "\n".join(m for m in messages if f"{shown}:{line}:" in m)
        assert text, f"no message at {shown}:{line}:\n{proc.stdout + proc.stderr}"
        for w in words:
            assert w in text, f"{w!r} not in the message at {shown}:{line}:\n{proc.stdout + proc.stderr}"


MARKER = Path("/tmp/samarbeid-corpus-ran")  # what the python_tag files try to `touch`


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "python_tag" in n))
def test_python_tags_are_never_run(name, tmp_path):
    MARKER.unlink(missing_ok=True)
    proc, _ = run(name, EXPECTED[name], tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert not MARKER.exists(), f"{name}: a !!python tag was executed"


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "alias_bomb" in n))
def test_alias_bombs_are_refused_quickly(name, tmp_path):
    start = time.monotonic()
    proc, _ = run(name, EXPECTED[name], tmp_path)
    elapsed = time.monotonic() - start
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert elapsed < 5, f"{name} took {elapsed:.1f} s"
