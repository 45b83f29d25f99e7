"""With CI set, a missing browser fails the run instead of skipping the browser tests.

The review of December 2026 hid Chromium and got `8 skipped, rc=0`: a CI without a browser passed without
any of the tests that open the report, the interview and the workshop room in one. Here pytest runs those
test files in a child process with SAMARBEID_TEST_CHROMIUM pointing at a path that does not exist (the
tests then find no Chromium, as on a machine without one), once with CI set and once without.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import CHROMIUM_VARIABLE, ROOT, find_chromium, in_ci

MISSING = "/nowhere/chromium"
FILES = ["tests/test_html_chromium.py", "tests/web/test_browser.py"]


def _pytest(ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "PYTEST_XDIST_WORKER")}
    env[CHROMIUM_VARIABLE] = MISSING
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
                           "-p", "no:randomly", "-rfEs", *FILES], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def test_with_ci_set_a_missing_chromium_fails_each_browser_test_and_says_how_to_install_it():
    run = _pytest("true")
    assert run.returncode == 1, run.stdout + run.stderr
    assert " skipped" not in run.stdout.splitlines()[-1]
    assert "passed" not in run.stdout.splitlines()[-1]
    # each browser test fails (in its set-up, where the skip was): both files, none left out
    failed = {line.split(" ", 1)[1].split("::")[0] for line in run.stdout.splitlines()
              if line.startswith(("FAILED ", "ERROR "))}
    assert failed == set(FILES)
    assert "CI is set, so the browser tests must run, and they cannot: Chromium is not installed" in run.stdout
    assert f"{CHROMIUM_VARIABLE}={MISSING} is not an executable file" in run.stdout
    assert "apt-get install chromium" in run.stdout


def test_without_ci_a_missing_chromium_skips_the_browser_tests_and_says_why():
    run = _pytest(None)
    assert run.returncode == 0, run.stdout + run.stderr
    last = run.stdout.splitlines()[-1]
    assert "skipped" in last and "failed" not in last and "passed" not in last
    assert "Chromium is not installed" in run.stdout


def test_ci_is_any_value_but_empty_false_0_and_no(monkeypatch):
    for value, meant in [("true", True), ("1", True), ("yes", True), ("True", True), ("", False), ("false", False),
                         ("0", False), ("no", False)]:
        monkeypatch.setenv("CI", value)
        assert in_ci() is meant, value
    monkeypatch.delenv("CI")
    assert not in_ci()


def test_a_chromium_named_in_the_variable_is_used_and_a_missing_one_is_none(monkeypatch, tmp_path):
    monkeypatch.setenv(CHROMIUM_VARIABLE, MISSING)
    assert find_chromium() is None
    fake = tmp_path / "chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv(CHROMIUM_VARIABLE, str(fake))
    assert find_chromium() == str(fake)
