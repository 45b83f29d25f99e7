"""Shared fixtures: the shipped rule base, loaded once per test session; the CLI run in-process."""

from __future__ import annotations

import atexit
import difflib
import gc
import io
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.engine import Engine
from assistant.loading import load_rule_base
from tests.pg import pg_cluster, pg_url  # noqa: F401 (fixtures: a throwaway PostgreSQL for the store's tests)

ROOT = Path(__file__).resolve().parent.parent

# The rule base's snapshot (assistant/snapshot.py) goes to a folder of this test run, never to the user's cache:
# set before any test loads a rule base, and inherited by every program a test starts.
_CACHE = tempfile.mkdtemp(prefix="samarbeid-test-cache-")
os.environ["SAMARBEID_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
# --- The browser tests: the system's Chromium, and what happens where there is none.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_VARIABLE = "SAMARBEID_TEST_CHROMIUM"  # a Chromium to use instead (a missing path: as if there were none)


def find_chromium() -> str | None:
    """The system's Chromium for the browser tests (Playwright's own download is not used); None skips them,
    or fails them where CI is set (see pytest_runtest_makereport)."""
    given = os.environ.get(CHROMIUM_VARIABLE)
    if given:
        return given if os.access(given, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def in_ci() -> bool:
    """CI=true (or 1, yes): set by .ci/run and by every common CI service."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


BROWSER_SKIPS = ("Chromium is not installed", "Playwright is not installed")


def _where_chromium_was_looked_for() -> str:
    given = os.environ.get(CHROMIUM_VARIABLE)
    if given:
        return f"{CHROMIUM_VARIABLE}={given} is not an executable file"
    return f"none of {', '.join(CHROMIUM_NAMES)} is on the PATH, and there is no /usr/bin/chromium"


def _browser_missing_in_ci(reason: str) -> str:
    return (f"CI is set, so the browser tests must run, and they cannot: {reason}\n"
            f"Chromium: {_where_chromium_was_looked_for()}. Install it (Debian/Ubuntu as root: "
            "apt-get install chromium; .ci/run does this where it can), or set "
            f"{CHROMIUM_VARIABLE} to a Chromium or Chrome. Playwright: pip install '.[dev]' "
            "(its own browser download is not used). Without CI set, these tests skip.")


def _skip_reason(longrepr: object) -> str:
    reason = str(longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else longrepr)
    return reason.removeprefix("Skipped: ")


def _fail_a_browser_skip_in_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Where CI is set, a skip for want of Chromium or Playwright is made a failure that says how to install them."""
    if report.skipped and in_ci():
        reason = _skip_reason(report.longrepr)
        if any(missing in reason for missing in BROWSER_SKIPS):
            report.outcome = "failed"
            report.longrepr = _browser_missing_in_ci(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Where CI is set, a browser test that would skip for want of Chromium or Playwright fails instead, saying
    what is missing and how to install it: a CI without a browser must not pass without its browser tests."""
    outcome = yield
    _fail_a_browser_skip_in_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """The same for a browser test module skipped whole (pytest.importorskip of Playwright)."""
    outcome = yield
    _fail_a_browser_skip_in_ci(outcome.get_result())


# --- Golden files (tests/golden): compared, or with UPDATE_GOLDEN=1 written anew and shown as a diff.
def match_golden(golden: Path, out: str) -> None:
    """Fail unless `out` is what the golden file holds.

    With UPDATE_GOLDEN=1 a golden file that differs is written anew and the test fails showing the
    unified diff of the change, so a run that rewrites goldens is never green and the diff is in front
    of whoever made it (a golden that is already right passes). Where CI is set, UPDATE_GOLDEN is refused:
    CI compares, it never makes the files it compares against."""
    update = os.environ.get("UPDATE_GOLDEN", "")
    if update and in_ci():
        pytest.fail(f"UPDATE_GOLDEN={update} is set together with CI: golden files are never rewritten in CI. "
                    "Regenerate them on your machine (see docs/development.md), read the diff and commit them.",
                    pytrace=False)
    old = golden.read_text(encoding="utf-8") if golden.is_file() else None
    if update == "1" and old != out:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8", newline="\n")
        shown = golden.relative_to(ROOT) if golden.is_relative_to(ROOT) else golden
        diff = "".join(difflib.unified_diff((old or "").splitlines(keepends=True), out.splitlines(keepends=True),
                                            f"a/{shown}", f"b/{shown}"))
        pytest.fail(f"{golden.name} {'written' if old is None else 'rewritten'} (UPDATE_GOLDEN=1). Read the change, "
                    f"describe it in the commit, and run again without UPDATE_GOLDEN:\n{diff}", pytrace=False)
    assert old is not None, f"{golden.name} is missing: run with UPDATE_GOLDEN=1 (see docs/development.md)"
    assert out == old, (f"{golden.name} differs; if the change is meant, regenerate with UPDATE_GOLDEN=1 "
                        "and read the diff")


@pytest.fixture(scope="session")
def rule_base():
    loaded = load_rule_base(ROOT / "questions.yaml", ROOT / "rules")
    freeze_what_lives_on()  # the rule base lives as long as the worker
    return loaded


@pytest.fixture(scope="session")
def engine(rule_base):
    return Engine(rule_base)


@pytest.fixture
def refuse_listing(monkeypatch):
    """Makes listing one folder fail as it fails for a user without the right to read it. As root (this
    machine's tests) a mode of 000 does not stop a listing, so os.scandir is made to refuse that folder only."""
    listing = os.scandir

    def refuse(folder: Path) -> None:
        def refused(path=".", *args, **kwargs):
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied", str(folder))
            return listing(path, *args, **kwargs)

        monkeypatch.setattr(os, "scandir", refused)

    return refuse


def run_cli(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`samarbeid ARGS` as `python -m assistant ARGS` runs it, without starting an interpreter each time.

    The same main() in this process, in `cwd`, with `stdin` as its input; its stdout, stderr and exit
    code come back as subprocess.run gives them. What the interpreter would do with an exception that
    escapes main() is done here too: the traceback goes to stderr and the exit code is 1, so a test
    that asserts "no traceback" means the same as with a real process. Tests whose point is the real
    process still start it: what a process alone shows (its imports, its environment, a timeout against a
    hang, signals), such as test_decide's from another folder, test_packaging's installed program,
    test_import_hygiene's, the hostile files of test_broken_corpus, test_check_scaling's rule base past
    the proof's bounds, test_fourth_language's runs with a catalogue folder, and every `serve`.
    """
    out, err = io.StringIO(), io.StringIO()
    here, stdin_was = os.getcwd(), sys.stdin
    try:
        os.chdir(cwd)
        sys.stdin = io.StringIO(stdin)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse's usage errors, as the interpreter reports them
                if exit_.code is None or isinstance(exit_.code, int):
                    code = exit_.code or 0
                else:
                    print(exit_.code, file=sys.stderr)
                    code = 1
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(here)
        sys.stdin = stdin_was
    return subprocess.CompletedProcess(["samarbeid", *args], int(code), out.getvalue(), err.getvalue())


# --- Python's cycle collector in a test process.
# A worker holds every test module, every collected test, Textual, the web stack and the rule base: some
# million objects that live as long as it does. The collector's full passes walked all of them again and
# again (on the assistant's tests a quarter of the processor time went to it). Once collected, they are
# frozen (gc.freeze: kept out of every later pass), and the passes come less often (a young generation of
# 10 000 objects, not 700): the tests make many short-lived objects, and their cycles are still collected.
# Nothing a test checks depends on when the collector runs (the app's own gc.disable/enable at its start is
# tested by asking gc.isenabled(), which this does not change).
GC_THRESHOLD = (10_000, 10, 10)


def freeze_what_lives_on() -> None:
    """Collect, then keep what is left (imports, collected tests, session fixtures) out of later passes."""
    gc.collect()
    gc.freeze()


def pytest_collection_finish(session: pytest.Session) -> None:
    freeze_what_lives_on()
    gc.set_threshold(*GC_THRESHOLD)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The assistant's tests (tests/tui) taken in turn with the others, from the start.

    With several workers (make test) each takes the next test when it is done. The assistant's tests
    are the longest but mostly wait (a pilot lets the app go idle after every key); the others keep
    the processor busy. Taken in turn, a worker waiting for the app leaves the processor to one that
    computes, and no long test is left to run alone at the end. The order within each kind is kept.

    Each test in a module that needs Chromium (it imports tests.web.conftest's CHROMIUM) is marked
    `browser`, and test_packaging's `packaging`: `make test-fast` leaves those out (-m)."""
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and hasattr(module, "CHROMIUM"):
            item.add_marker(pytest.mark.browser)
        if module is not None and module.__name__.endswith("test_packaging"):
            item.add_marker(pytest.mark.packaging)
    tui = [item for item in items if "tests/tui/" in item.nodeid]
    rest = [item for item in items if "tests/tui/" not in item.nodeid]
    mixed = [item for pair in zip(tui, rest, strict=False) for item in pair]
    shorter = min(len(tui), len(rest))
    items[:] = mixed + tui[shorter:] + rest[shorter:]


# --- Playwright (tests/web): one browser per test module, not per session.
# pytest-playwright starts Playwright once for the session, and while it runs the worker's thread has a
# running asyncio loop: every later asyncio.run() in that worker (the assistant's Pilot tests) then fails.
# Here Playwright lives as long as one module's browser tests (all in the xdist group "chromium", so they
# run one after another on one worker) and is stopped before the worker goes on to anything else.
@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="module")
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="module")
def launch_browser(browser_type_launch_args, browser_type):
    def launch(**kwargs):
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="module")
def browser(launch_browser):
    opened = launch_browser()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def browser_context_args(playwright, device, base_url):
    """pytest-playwright's, at the browser's scope (it reads devices from the running Playwright)."""
    args = dict(playwright.devices[device]) if device else {}
    if base_url:
        args["base_url"] = base_url
    return args
