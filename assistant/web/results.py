"""The result page's heavy part, made beside the server: in a helper process of its own where one can be had.

The result page is the one heavy page: the engine's evaluation (what would change the form included) and the
report's layout take some 8-10 ms, where a question page takes under 1. Made in the server's process, in a thread
or not, it holds up every other page meanwhile (Python runs one thread at a time), and with 30 people answering at
once each result page made everyone's next question wait. So `serve` starts one helper process when it starts (a
fork, once the rule base is loaded: it shares the rule base's memory instead of loading its own), the helper makes
the parts on the machine's other core, and the server goes on serving questions.

Where there is no helper (not Linux, where fork is not safe to rely on; several server processes, each one a
process already; the tests' in-process app) or the helper is gone (killed: said once in the log), the parts are
made in a thread of the server, as before. Either way they are the same parts.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.ids import Lang
    from assistant.models.rules import RuleBase

log = logging.getLogger("samarbeid.web")

Answers = tuple[tuple[str, tuple[str, ...]], ...]
"""A session's answers as (question, chosen options) pairs, sorted: what goes to the helper."""


@dataclass(frozen=True)
class ResultParts:
    """What the result page shows of the result: the report's title, group and date, the form's id, and the
    report's three laid-out pieces (render/html.py `ReportParts`, as text: they cross to the server as such)."""

    title: str
    group: str | None
    made: str
    form: str
    summary: str
    contents: str
    details: str


def make_parts(rb: RuleBase, engine: Engine, answers: Answers, lang: Lang, group: str | None) -> ResultParts:
    """The result of `answers`, laid out as the result page shows it."""
    from assistant.render.html import report_parts
    from assistant.render.view import build_view

    result = engine.evaluate(dict(answers))
    view = build_view(rb, result, lang, group=group)
    parts = report_parts(view)
    return ResultParts(view.title, view.group, view.made, result.form or "", str(parts.summary),
                       str(parts.contents), str(parts.details))


_HELPERS_OWN: tuple[RuleBase, Engine] | None = None
"""The rule base and engine the helper works with: set in the server before the fork, inherited by the helper."""


def _made_in_helper(answers: Answers, lang: Lang, group: str | None) -> ResultParts:
    assert _HELPERS_OWN is not None, "the helper is forked after the rule base is set"
    return make_parts(*_HELPERS_OWN, answers, lang, group)


def _helper_starts(server: int) -> None:
    """In the helper as it starts: it ends with the server however the server ends (killed too: the kernel
    sends it SIGKILL when its parent is gone), a Ctrl-C in the terminal (sent to the whole process group) is
    the server's to answer, and it holds none of the server's standard streams (a program reading the
    server's output until it ends is not kept waiting by the helper)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != server:  # the server was gone before the line above: nothing would send the signal
        os._exit(0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    nothing = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(nothing, stream)
    os.close(nothing)


def _ready() -> bool:
    return True


class ResultMaker:
    """Makes the result page's parts: in the helper process once `start` has made one, else in a thread."""

    def __init__(self, rb: RuleBase, engine: Engine) -> None:
        self.rb = rb
        self.engine = engine
        self._helper: Executor | None = None

    @property
    def helped(self) -> bool:
        """Whether a helper process makes the parts now."""
        return self._helper is not None

    def start(self) -> bool:
        """Fork the helper now (call it before the server's threads start: a fork copies only the calling thread).
        False, and nothing started, where fork is not to be relied on (not Linux) or the helper does not start."""
        global _HELPERS_OWN
        if not sys.platform.startswith("linux") or self._helper is not None:
            return self._helper is not None
        _HELPERS_OWN = (self.rb, self.engine)
        helper = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                     initializer=_helper_starts, initargs=(os.getpid(),))
        try:
            helper.submit(_ready).result(timeout=30)  # forks it now, not at the first result page
        except Exception as err:  # whatever keeps the helper from starting, a thread will do its work
            log.warning("the result pages are made in the server's own process: its helper did not start (%s)", err)
            helper.shutdown(cancel_futures=True)
            return False
        self._helper = helper
        return True

    def stop(self) -> None:
        """End the helper (the server is stopping; what it is making is finished first, some milliseconds);
        later parts are made in a thread. Waited for: left to end by itself, its pipes could be closed
        while the interpreter's exit wakes it, which Python 3.11 reports as a traceback on the way out."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.shutdown(cancel_futures=True)

    async def parts(self, answers: Answers, lang: Lang, group: str | None) -> ResultParts:
        """The parts of `answers`' result page. What the making raises is raised here (the page's 500), wherever it
        was made; a helper that is gone is not: the parts are then made here."""
        helper = self._helper
        if helper is not None:
            try:
                return await asyncio.wrap_future(helper.submit(_made_in_helper, answers, lang, group))
            except BrokenProcessPool:  # the helper died (killed, out of memory): on without it
                await self._gone(helper)
            except RuntimeError:  # `stop` closed it meanwhile; else an error of the making itself
                if self._helper is not None:
                    raise
        return await run_in_threadpool(make_parts, self.rb, self.engine, answers, lang, group)

    async def _gone(self, helper: Executor) -> None:
        if self._helper is helper:
            log.warning("the result pages' helper process is gone: they are made in the server's own process "
                        "from now on")
            self._helper = None
            await run_in_threadpool(helper.shutdown, cancel_futures=True)  # waited for, as in `stop`
