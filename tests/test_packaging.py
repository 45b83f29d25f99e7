"""`pip install .` (not editable) gives a `samarbeid` that works from any folder,
with the rule base inside the installed package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# one worker builds the wheel once and runs every test that uses it (make test: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("packaging")

@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    wheel = next(work.glob("samarbeid-*.whl"))
    site = work / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                              str(wheel)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    return site


def _run(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_installed_package_carries_the_rule_base(installed, tmp_path):
    proc = _run(installed, "-c", "import assistant.paths as p; print(p.default_rules()); print(p.default_questions())",
                cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rules, questions = proc.stdout.split()
    assert rules.startswith(str(installed)) and Path(rules, "risks.yaml").is_file()
    assert questions.startswith(str(installed)) and Path(questions).is_file()


def test_installed_samarbeid_decides_from_another_folder(installed, tmp_path):
    answers = tmp_path / "mine.yaml"
    answers.write_text((ROOT / "examples" / "development.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    proc = _run(installed, str(installed / "bin" / "samarbeid"), "decide", "mine.yaml", "--format", "json",
                cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"form": "development"' in proc.stdout
    cases = _run(installed, "-m", "assistant", "cases", cwd=tmp_path)
    assert cases.returncode == 0, cases.stderr


def test_installed_samarbeid_writes_the_html_report(installed, tmp_path):
    # the page's template and stylesheet travel in the wheel
    answers = tmp_path / "mine.yaml"
    answers.write_text((ROOT / "examples" / "supplier.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    proc = _run(installed, str(installed / "bin" / "samarbeid"), "decide", "mine.yaml", "--format", "html",
                "-o", "rapport.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert '<svg class="matrix-drawing matrix-wide"' in html and "@page { size: A4;" in html
    assert '<details class="part part-conditions">' in html  # the parts' layout (_report_parts.html.j2) travels too
    assert (installed / "assistant" / "render" / "templates" / "report.html.j2").is_file()
