"""The result pages' helper process (assistant/web/results.py): `serve` forks it at its start, and it makes the
result page's parts beside the server. The parts it makes are those the server would make itself; a helper
that is killed is said once in the log and the pages still come (made in the server's own process); a Ctrl-C
in the terminal, which reaches every process of the server, is the server's to answer; where fork is not at
hand nothing is started; and a real `samarbeid serve` has the one helper while it runs and none after it.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from assistant.dialogue import Dialogue
from assistant.web.results import ResultMaker, make_parts
from tests.web.test_http_server import Server

httpx2 = pytest.importorskip("httpx2")

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the helper is forked on Linux only")


def interviews(rule_base, engine, count: int, seed: int) -> list[tuple[tuple[str, tuple[str, ...]], ...]]:
    """The answers of `count` interviews, each answered through with a seeded random option."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        d = Dialogue.begin(rule_base, engine, rng.choice([o.id for o in rule_base.role_options]))
        step = d.first_step()
        while step.to == "question":
            options = d.question(step.question).option_ids
            step = d.answer(step.question, (rng.choice(list(options)),))
        found.append(tuple(sorted(d.answers.items())))
    return found


def helpers_now() -> set[int]:
    return {p.pid for p in multiprocessing.active_children()}


@pytest.fixture
def maker(rule_base, engine):
    made = ResultMaker(rule_base, engine)
    yield made
    made.stop()


@linux_only
def test_the_helper_makes_the_parts_the_server_would(maker, rule_base, engine):
    before = helpers_now()
    assert maker.start() and maker.helped
    assert len(helpers_now() - before) == 1, "one helper process, forked at the start"
    for answers, lang, group in zip(interviews(rule_base, engine, 4, 7), ("nb", "en", "nn", "nb"),
                                    (None, "Gruppe <b>1</b>", None, "Nord"), strict=True):
        made = asyncio.run(maker.parts(answers, lang, group))
        assert made == make_parts(rule_base, engine, answers, lang, group)
        assert made.form and made.parts.details.count("<details") >= 3
        assert group is None or made.group == group


class Counting:
    """The engine, counting its evaluations."""

    def __init__(self, engine) -> None:
        self.engine, self.evaluated = engine, 0

    def evaluate(self, answers):
        self.evaluated += 1
        return self.engine.evaluate(answers)


def test_the_page_and_its_downloads_share_one_evaluation(rule_base, engine):
    from assistant.render import render

    (answers,) = interviews(rule_base, engine, 1, 17)
    counting = Counting(engine)
    maker = ResultMaker(rule_base, counting)  # no helper: all in this process, as the tests' app
    shown = asyncio.run(maker.parts(answers, "nb", None))
    written = {fmt: asyncio.run(maker.download(answers, fmt, "nb", None)) for fmt in ("html", "md", "json")}
    assert counting.evaluated == 1
    assert shown == make_parts(rule_base, engine, answers, "nb", None)
    result = engine.evaluate(dict(answers))
    assert written == {fmt: render(rule_base, result, fmt, "nb", group=None) for fmt in written}


class FailsOnOne:
    """The engine, but one set of answers makes it fail (as a bug in it would)."""

    def __init__(self, engine, failing) -> None:
        self.engine, self.failing = engine, failing

    def evaluate(self, answers):
        if tuple(sorted(answers.items())) == self.failing:
            raise RuntimeError("the engine broke on these answers")
        return self.engine.evaluate(answers)


@linux_only
def test_an_error_in_the_helpers_making_is_the_pages_and_the_helper_goes_on(rule_base, engine):
    bad, good = interviews(rule_base, engine, 2, 13)
    maker = ResultMaker(rule_base, FailsOnOne(engine, bad))
    try:
        assert maker.start()
        with pytest.raises(RuntimeError, match="the engine broke on these answers"):
            asyncio.run(maker.parts(bad, "nb", None))
        assert maker.helped, "an error of the making is not a dead helper"
        assert asyncio.run(maker.parts(good, "nb", None)) == make_parts(rule_base, engine, good, "nb", None)
    finally:
        maker.stop()


@linux_only
def test_a_killed_helper_is_said_once_and_the_pages_still_come(maker, rule_base, engine, caplog):
    before = helpers_now()
    assert maker.start()
    (helper,) = helpers_now() - before
    os.kill(helper, signal.SIGKILL)
    answers = interviews(rule_base, engine, 2, 11)
    with caplog.at_level(logging.WARNING, logger="samarbeid.web"):
        for one in answers:
            assert asyncio.run(maker.parts(one, "nb", None)) == make_parts(rule_base, engine, one, "nb", None)
    gone = [r.getMessage() for r in caplog.records if "helper" in r.getMessage()]
    assert gone == ["the result pages' helper process is gone: they are made in the server's own process from now on"]
    assert not maker.helped


@linux_only
def test_a_ctrl_c_in_the_terminal_leaves_the_helper_working(maker, rule_base, engine):
    before = helpers_now()
    assert maker.start()
    (helper,) = helpers_now() - before
    os.kill(helper, signal.SIGINT)  # a terminal's Ctrl-C goes to every process of the server
    time.sleep(0.2)
    (answers,) = interviews(rule_base, engine, 1, 3)
    assert asyncio.run(maker.parts(answers, "en", None)) == make_parts(rule_base, engine, answers, "en", None)
    assert maker.helped and helper in helpers_now()


def test_where_fork_is_not_at_hand_no_helper_is_started(maker, rule_base, engine, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    before = helpers_now()
    assert not maker.start() and not maker.helped
    assert helpers_now() == before
    (answers,) = interviews(rule_base, engine, 1, 5)
    assert asyncio.run(maker.parts(answers, "nb", None)) == make_parts(rule_base, engine, answers, "nb", None)


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


@linux_only
@pytest.mark.xdist_group("serve-process")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "sigterm", "killed"])
def test_serve_has_its_one_helper_while_it_runs_and_none_after(tmp_path, sig):
    """Stopped (Ctrl-C, SIGTERM) or killed, the server leaves no helper behind, and whoever reads its output
    to the end (a terminal, systemd, these tests) is not kept waiting by one."""
    server = Server(tmp_path)
    try:
        (helper,) = children(server.proc.pid)
        with httpx2.Client(base_url=server.base, timeout=20, follow_redirects=True) as client:
            page = client.get("/")
            token = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            page = client.post("/start", data={"csrf": token, "role": "trainer"})
            while "/q/" in str(page.url):
                page = client.post(page.url.path, data={"csrf": token, "answer": "dont_know"})
            assert page.status_code == 200 and 'data-form="' in page.text
        code, out, err = server.stop(sig)  # its output read to the end: a helper holding it would hang this
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
    assert ended(helper, 5), "the helper ends with the server"
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 0 and "Traceback" not in err, err
        assert "samarbeid: stoppet. Svarene er lagret i" in out


def ended(pid: int, seconds: float) -> bool:
    """Whether the process is gone (or only a zombie left to reap) within `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.05)
    return False
