"""`--lang nn` on every command (issue 22): the help names the three languages, and each command that
speaks to a person speaks nynorsk with no bokmål or English phrase left (tests/leaks.py)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, run_cli
from tests.leaks import leaks


def test_the_help_offers_the_three_languages():
    for args in ((), ("decide",), ("questions",), ("check",), ("compare",), ("cases",), ("serve",)):
        proc = run_cli(*args, "--help", "--lang", "en")
        assert proc.returncode == 0, proc.stderr
        flat = " ".join(proc.stdout.split())
        assert "--lang {nb,nn,en}" in flat and "language: nb, nn, en (Bokmål, Nynorsk, English; default nb)" in flat
        nb = " ".join(run_cli(*args, "--help").stdout.split())
        assert "--lang {nb,nn,en}" in nb and "språk: nb, nn, en (Bokmål, Nynorsk, English; standard nb)" in nb
    wrong = run_cli("decide", "examples/grant.yaml", "--lang", "no")
    said = wrong.stderr.replace("'", "")
    assert wrong.returncode == 2 and "ugyldig valg: no (velg blant nb, nn, en)" in said


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_decide_in_nynorsk_in_every_format(fmt, rule_base):
    proc = run_cli("decide", str(ROOT / "examples" / "employment.yaml"), "--lang", "nn", "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    if fmt == "json":
        data = json.loads(proc.stdout)
        assert data["lang"] == "nn"
        assert leaks(" ".join(str(step["effect"]) for step in data["trace"]), rule_base) == []
    else:
        assert leaks(proc.stdout, rule_base) == []
    if fmt == "html":
        assert '<html lang="nn">' in proc.stdout
    brief = run_cli("decide", str(ROOT / "examples" / "employment.yaml"), "--lang", "nn", "--brief")
    assert brief.returncode == 0 and "Samarbeidet er mest eit sysselsetjingssamarbeid." in brief.stdout


@pytest.mark.parametrize("args", [("questions",), ("questions", "--role", "nav_leader"),
                                  ("questions", "--format", "yaml"), ("cases",)])
def test_questions_and_cases_in_nynorsk(args, rule_base):
    proc = run_cli(*args, "--lang", "nn")
    assert proc.returncode == 0, proc.stderr
    assert leaks(proc.stdout, rule_base) == []
    assert "Veit ikkje" in proc.stdout or "casane" in proc.stdout or "Spørsmåla" in proc.stdout
