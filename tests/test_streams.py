"""The standard streams as they may be: no terminal, a full disk, closed, an encoding without ø.

Each gives a one-line message and an exit code, never a traceback (DESIGN.md, robustness).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "grant.yaml")


def samarbeid(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, **(env or {})}, **kwargs)


def test_the_assistant_without_a_terminal_says_what_works_there_and_stops(tmp_path):
    proc = samarbeid(stdin=subprocess.DEVNULL, env={"SAMARBEID_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("samarbeid: assistenten trenger en terminal. Uten terminal: samarbeid --plain "
                                   "(nummererte spørsmål) eller samarbeid decide SVARFIL.")
    assert not (tmp_path / "sessions").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_behind_standard_output_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "assistant", "decide", EXAMPLE], cwd=ROOT, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == "samarbeid: cannot write the output: No space left on device\n"


def test_closed_standard_output_is_one_line_and_exit_2():
    proc = subprocess.run(f'"{sys.executable}" -m assistant decide "{EXAMPLE}" >&-', shell=True, cwd=ROOT,
                          stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == "samarbeid: standard output is closed; nothing can be shown\n"


def test_a_reader_that_goes_away_is_no_error():
    proc = subprocess.run(f'"{sys.executable}" -m assistant decide "{EXAMPLE}" | head -1', shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout == "Samarbeid mellom Nav og sosial entreprenør\n" and "Traceback" not in proc.stderr


def test_an_encoding_that_cannot_show_o_slash_gets_stand_ins_and_a_hint():
    proc = samarbeid("decide", EXAMPLE, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0
    assert proc.stdout.startswith("Samarbeid mellom Nav og sosial entrepren?r\n")
    assert "set PYTHONIOENCODING=utf-8 or a UTF-8 locale" in proc.stderr and "Traceback" not in proc.stderr


def test_check_with_a_scenarios_folder_that_is_not_there_is_a_usage_error():
    proc = samarbeid("check", "--strict", "--scenarios", "/no/such/dir")
    assert proc.returncode == 2
    assert "/no/such/dir: --scenarios must name a folder of scenario files" in proc.stderr
    assert "No problems found" not in proc.stdout
