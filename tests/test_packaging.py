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


def _build(work: Path) -> Path:
    """The wheel of this tree, built by the lock's uv where the .venv has it (it builds with the same
    backend, hatchling, from its cache: a few seconds where pip's isolated build took ten), else by pip."""
    uv = Path(sys.executable).parent / "uv"
    command = ([str(uv), "build", "--wheel", "-q", "-o", str(work), str(ROOT)] if uv.is_file() else
               [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)])
    build = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    return next(work.glob("samarbeid-*.whl"))


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> Path:
    """The built wheel in a Python environment of its own, as `pipx install .` makes one: a new venv with the
    package installed by pip and its console script in the venv's bin. Its dependencies, which pip would fetch
    (the versions of requirements.lock), are lent from this .venv by a .pth file rather than downloaded
    again: that is what a `make run` install already checks, and it keeps the test quick."""
    import sysconfig
    work = tmp_path_factory.mktemp("wheel")
    wheel = _build(work)
    venv = work / "samarbeid"
    made = subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    put = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                          str(wheel)], capture_output=True, text=True, timeout=600)
    assert put.returncode == 0, put.stderr
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, timeout=60).stdout.strip()
    Path(site, "_lent_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


@pytest.fixture(scope="module")
def installed(environment) -> Path:
    """Where the wheel put the package: the environment's site-packages."""
    found = subprocess.run([str(environment / "bin" / "python"), "-c",
                            "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           capture_output=True, text=True, timeout=60)
    return Path(found.stdout.strip())


def _run(environment: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`args` run by the environment's Python (a command of its bin by name), with nothing of this tree on
    the path: what runs is the installed package."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    command = [str(environment / "bin" / args[0]), *args[1:]] if args[0] == "samarbeid" else \
        [str(environment / "bin" / "python"), *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_installed_package_carries_the_rule_base(environment, installed, tmp_path):
    proc = _run(environment, "-c",
                "import assistant.paths as p; print(p.default_rules()); print(p.default_questions())", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rules, questions = proc.stdout.split()
    assert rules.startswith(str(installed)) and Path(rules, "risks.yaml").is_file()
    assert questions.startswith(str(installed)) and Path(questions).is_file()


def test_installed_samarbeid_decides_from_another_folder(environment, tmp_path):
    answers = tmp_path / "mine.yaml"
    answers.write_text((ROOT / "examples" / "development.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    proc = _run(environment, "samarbeid", "decide", "mine.yaml", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"form": "development"' in proc.stdout
    cases = _run(environment, "-m", "assistant", "cases", cwd=tmp_path)
    assert cases.returncode == 0, cases.stderr


def test_installed_samarbeid_writes_the_html_report(environment, installed, tmp_path):
    # the page's template and stylesheet travel in the wheel
    answers = tmp_path / "mine.yaml"
    answers.write_text((ROOT / "examples" / "supplier.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    proc = _run(environment, "samarbeid", "decide", "mine.yaml", "--format", "html", "-o", "rapport.html",
                cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert '<svg class="matrix-drawing matrix-wide"' in html and "@page { size: A4;" in html
    assert '<details class="part part-conditions">' in html  # the parts' layout (_report_parts.html.j2) travels too
    assert (installed / "assistant" / "render" / "templates" / "report.html.j2").is_file()


def test_an_installed_samarbeid_command_decides_and_serves(environment, tmp_path):
    """Issue 20: `pipx install .` (the README's way for a trainer's laptop) gives a `samarbeid` command that
    works from any folder: its version, `decide` on an answers file, and `serve --port 0` listening."""
    import signal
    import time

    command = environment / "bin" / "samarbeid"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["SAMARBEID_DATA_DIR"] = str(tmp_path / "data")
    version = subprocess.run([str(command), "--version"], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("samarbeid "), version.stderr
    answers = tmp_path / "mine.yaml"
    answers.write_text((ROOT / "examples" / "employment.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    decided = subprocess.run([str(command), "decide", "mine.yaml", "--format", "json"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
    assert decided.returncode == 0 and '"form": "employment"' in decided.stdout, decided.stderr
    server = subprocess.Popen([str(command), "serve", "--port", "0"], cwd=tmp_path, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        said = ""
        deadline = time.monotonic() + 60
        while "http://127.0.0.1:" not in said and time.monotonic() < deadline and server.poll() is None:
            said += server.stdout.readline() if server.stdout else ""
        assert "http://127.0.0.1:" in said, said
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
