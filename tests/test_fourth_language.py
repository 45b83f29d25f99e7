"""A fourth language without code, the rule base's side (issue 22): a copy of rules/ and questions.yaml
with a stub language `xx` written into a few texts, beside a copy of the catalogues with `xx` added
(tests/test_catalogues.py `_stub_language`: every bokmål message with "XX " before it).

`check` reports every text still missing xx, with its file and line, and `decide --lang xx` shows the xx
texts there are and bokmål for the rest, without a crash. Neither the models nor the program change.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import i18n
from tests.conftest import ROOT, run_cli
from tests.test_catalogues import _stub_language

FORM = re.compile(r'name: \{nb: "Leverandørsamarbeid", nn: "[^"]+", en: "[^"]+"')
ROLE = re.compile(r'label: \{nb: "Sosial entreprenør", nn: "[^"]+", en: "[^"]+"')


@pytest.fixture(scope="module")
def stub(tmp_path_factory):
    """The copies: (folder with questions.yaml and rules/, the environment that speaks xx)."""
    root = tmp_path_factory.mktemp("xx")
    shutil.copytree(ROOT / "rules", root / "rules")
    shutil.copy(ROOT / "questions.yaml", root / "questions.yaml")
    for path, pattern, xx in [(root / "rules" / "forms.yaml", FORM, "XX-samarbeid for leverandørar"),
                              (root / "questions.yaml", ROLE, "XX-entreprenør")]:
        text = path.read_text(encoding="utf-8")
        found = pattern.search(text)
        assert found, f"{pattern.pattern} in {path.name}"
        path.write_text(text.replace(found.group(0), f'{found.group(0)}, xx: "{xx}"', 1), encoding="utf-8")
    env = {**os.environ, i18n.LOCALE_DIR_VARIABLE: str(_stub_language(root)), "PYTHONPATH": str(ROOT)}
    return root, env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_check_reports_every_text_missing_the_fourth_language_with_file_and_line(stub):
    root, env = stub
    where = ("--questions", str(root / "questions.yaml"), "--rules", str(root / "rules"))
    proc = _run(env, "check", *where, "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr  # warnings: shown in bokmål until written
    data = json.loads(proc.stdout)
    counts = data["summary"]["languages"]
    assert counts["nn"] == {"missing": 0, "same": 0} and counts["en"] == {"missing": 0, "same": 0}
    missing = [p for p in data["problems"] if p["message"] == "no 'xx' text: it is shown in bokmål"]
    assert counts["xx"] == {"missing": len(missing), "same": 0} and len(missing) > 800
    assert all(p["kind"] == "language" and p["line"] and p["hint"] == "add 'xx:' beside 'nb:', in xx"
               for p in missing)
    places = {(Path(p["file"]).name, p["line"]) for p in missing}
    risks = root / "rules" / "risks.yaml"
    assert ("risks.yaml", _line(risks, 'name: {nb: "Anskaffelses- og tiltaksregelverket"')) in places
    assert ("forms.yaml", _line(root / "rules" / "forms.yaml", 'xx: "XX-samarbeid for leverandørar"')) not in places
    assert ("questions.yaml", _line(root / "questions.yaml", 'xx: "XX-entreprenør"')) not in places
    # the text output says it per language, and --strict fails on it
    text = _run(env, "check", *where)
    assert re.search(r"risks\.yaml:\d+:\d+: warning \[language\] no 'xx' text: it is shown in bokmål", text.stdout)
    assert f"xx {len(missing)} missing, 0 the same as another language's" in text.stdout
    assert _run(env, "check", *where, "--strict").returncode == 1


def test_check_finds_the_language_in_the_rule_base_even_without_its_catalogue(stub):
    """Without the catalogue the program does not speak xx, but a rule base half translated into it is
    still reported: the languages checked are the program's and those the rule base writes. This process
    runs without the variable, so the program is run in it (conftest.run_cli); where the variable was set
    for the test run, in a process of its own without it."""
    root, env = stub
    where = ("--questions", str(root / "questions.yaml"), "--rules", str(root / "rules"), "--format", "json")
    if i18n.LOCALE_DIR_VARIABLE in os.environ:
        proc = _run({k: v for k, v in env.items() if k != i18n.LOCALE_DIR_VARIABLE}, "check", *where)
    else:
        assert "xx" not in i18n.languages()
        proc = run_cli("check", *where)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["summary"]["languages"]["xx"]["missing"] > 800


def test_decide_in_the_fourth_language_falls_back_to_bokmal_where_it_has_no_text(stub):
    root, env = stub
    where = ("--questions", str(root / "questions.yaml"), "--rules", str(root / "rules"))
    proc = _run(env, "decide", str(ROOT / "examples" / "supplier.yaml"), "--lang", "xx", *where)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "XX-samarbeid for leverandørar" in out  # the rule base's xx
    assert "XX Kort fortalt" in out  # the program's xx (the catalogue)
    assert "Anskaffelses- og tiltaksregelverket" in out  # a text without xx: its bokmål
    assert "[X] XX-samarbeid for leverandørar" in out and "[X] Leverandørsamarbeid" not in out  # on the matrix
    shown = {}
    for fmt in ("md", "html", "json"):
        shown[fmt] = _run(env, "decide", str(ROOT / "examples" / "supplier.yaml"), "--lang", "xx", "--format", fmt,
                          *where)
        assert shown[fmt].returncode == 0, shown[fmt].stderr
    assert '<html lang="xx">' in shown["html"].stdout
    questions = _run(env, "questions", "--lang", "xx", *where)
    assert questions.returncode == 0 and "XX-entreprenør" in questions.stdout
