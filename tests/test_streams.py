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
    # started in the clone with no samarbeid on the PATH: the commands it suggests are the clone's ./samarbeid
    proc = samarbeid(stdin=subprocess.DEVNULL, env={"SAMARBEID_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("samarbeid: assistenten trenger en terminal. Uten terminal: ./samarbeid --plain "
                                   "(nummererte spørsmål) eller ./samarbeid decide SVARFIL.")
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


def test_output_goes_only_to_a_regular_file_and_never_over_an_input(tmp_path):
    answers = tmp_path / "mine.yaml"
    answers.write_text("role: trainer\n", encoding="utf-8")
    refused = samarbeid("decide", str(answers), "-o", str(answers))
    assert refused.returncode == 2 and "it is the input file" in refused.stderr
    assert answers.read_text(encoding="utf-8") == "role: trainer\n"
    link = tmp_path / "out.txt"
    link.symlink_to("/dev/null")
    refused = samarbeid("decide", str(answers), "-o", str(link))
    assert refused.returncode == 2 and "it is not a regular file" in refused.stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/null"  # the link is still the link
    folder = tmp_path / "folder"
    folder.mkdir()
    refused = samarbeid("decide", str(answers), "-o", str(folder))
    assert refused.returncode == 2 and "it is a folder" in refused.stderr
    # a link to a regular file writes that file and keeps the link
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "via.md").symlink_to(real)
    written = samarbeid("decide", str(answers), "--format", "md", "-o", str(tmp_path / "via.md"))
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "via.md").is_symlink() and real.read_text(encoding="utf-8").startswith("# Samarbeid")
    # the longest name a file system allows still works (the temporary name beside it is short)
    long_name = tmp_path / ("r" * 250 + ".md")
    assert samarbeid("decide", str(answers), "--format", "md", "-o", str(long_name)).returncode == 0
    assert long_name.is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


@pytest.mark.skipif(os.geteuid() != 0 or not os.path.exists("/dev/full"), reason="replacing a device needs root")
def test_a_device_is_never_replaced_by_a_file_even_for_root(tmp_path):
    answers = tmp_path / "mine.yaml"
    answers.write_text("role: trainer\n", encoding="utf-8")
    proc = samarbeid("decide", str(answers), "-o", "/dev/full")
    assert proc.returncode == 2 and "it is not a regular file" in proc.stderr
    import stat
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
