"""Shared fixtures: the shipped rule base, loaded once per test session; the CLI run in-process."""

from __future__ import annotations

import atexit
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

ROOT = Path(__file__).resolve().parent.parent

# The rule base's snapshot (assistant/snapshot.py) goes to a folder of this test run, never to the user's cache:
# set before any test loads a rule base, and inherited by every program a test starts.
_CACHE = tempfile.mkdtemp(prefix="samarbeid-test-cache-")
os.environ["SAMARBEID_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def rule_base():
    return load_rule_base(ROOT / "questions.yaml", ROOT / "rules")


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
    that asserts "no traceback" means the same as with a real process. (A few tests still start the
    real program: test_decide's from another folder, test_check's text output, test_packaging's
    installed one, test_import_hygiene's, the hostile files of test_broken_corpus.)
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
