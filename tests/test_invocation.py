"""Issue 20: a command the program suggests works when typed as written, however it was started:
the ./samarbeid wrapper from the clone, the .venv's script from another folder, `samarbeid` on the PATH."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".venv" / "bin" / "samarbeid"
SUGGESTED = re.compile(r"(?:See the result again with|Se resultatet igjen med): (.+ decide .+)$", re.M)


def _quit_after_one_answer(argv: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(argv + ["--plain", "--lang", "en"], input="1\n1\nq\n", cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    found = SUGGESTED.search(done.stdout)
    assert found, done.stdout[-800:] + done.stderr
    return found.group(1)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "SAMARBEID_WRAPPER")}
    env["SAMARBEID_DATA_DIR"] = str(tmp_path / "data")
    env["PATH"] = "/usr/bin:/bin"  # no samarbeid on it
    return env


@pytest.mark.skipif(not SCRIPT.is_file(), reason="needs the .venv that make sets up")
@pytest.mark.parametrize("how", ["wrapper in the clone", "wrapper from elsewhere", "script from elsewhere",
                                 "on the PATH"])
def test_the_farewells_decide_command_runs_as_written(how, env, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if how == "wrapper in the clone":
        argv, cwd = ["./samarbeid"], ROOT
    elif how == "wrapper from elsewhere":
        argv, cwd = [str(ROOT / "samarbeid")], elsewhere
    elif how == "script from elsewhere":
        argv, cwd = [str(SCRIPT)], elsewhere
    else:
        env["PATH"] = f"{SCRIPT.parent}:{env['PATH']}"
        argv, cwd = ["samarbeid"], elsewhere
    suggested = _quit_after_one_answer(argv, cwd, env)
    if how == "on the PATH":
        assert suggested.startswith("samarbeid decide ")
    elif how == "wrapper in the clone":
        assert suggested.startswith("./samarbeid decide ")
    typed = subprocess.run(suggested + " --format json", shell=True, cwd=cwd, env=env, capture_output=True,
                           text=True, timeout=120)
    assert typed.returncode == 0, (suggested, typed.stderr)
    assert '"form"' in typed.stdout


@pytest.mark.skipif(not SCRIPT.is_file(), reason="needs the .venv that make sets up")
def test_without_a_terminal_the_suggested_commands_are_this_programs(env, tmp_path):
    done = subprocess.run([str(ROOT / "samarbeid"), "--lang", "en"], stdin=subprocess.DEVNULL, cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert f"Without one: {ROOT / 'samarbeid'} --plain" in done.stderr, done.stderr
