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
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

from assistant.kept import Kept

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.ids import Lang
    from assistant.models.result import Result
    from assistant.models.rules import RuleBase
    from assistant.render.html import ReportParts

log = logging.getLogger("samarbeid.web")

Answers = tuple[tuple[str, tuple[str, ...]], ...]
"""A session's answers as (question, chosen options) pairs, sorted: what goes to the helper."""


@dataclass(frozen=True)
class ResultParts:
    """What the result page shows of the result: the report's title, group and date, the form's id, and the
    report's three laid-out pieces (render/html.py `ReportParts`: markup the report's own templates made)."""

    title: str
    group: str | None
    made: str
    form: str
    parts: ReportParts


def lay_out(rb: RuleBase, result: Result, lang: Lang, group: str | None) -> ResultParts:
    """`result` laid out as the result page shows it."""
    from assistant.render.html import report_parts
    from assistant.render.view import build_view

    view = build_view(rb, result, lang, group=group)
    return ResultParts(view.title, view.group, view.made, result.form or "", report_parts(view))


def make_parts(rb: RuleBase, engine: Engine, answers: Answers, lang: Lang, group: str | None) -> ResultParts:
    """The result of `answers`, laid out as the result page shows it."""
    return lay_out(rb, engine.evaluate(dict(answers)), lang, group)


RESULTS_KEPT = 128
"""Results kept by their answers, in the process that evaluates them: the result page and its downloads ask
for the same one, and the engine's evaluation is most of each."""

_HELPERS_OWN: ResultMaker | None = None
"""The maker whose work the helper does: set in the server before the fork, inherited by the helper (which
keeps results of its own in its copy)."""


def _in_helper(work: str, *args: Any) -> Any:
    """`work` (a ResultMaker method's name) done by the helper's copy of the maker."""
    assert _HELPERS_OWN is not None, "the helper is forked after the maker is set"
    return getattr(_HELPERS_OWN, work)(*args)


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
        self._results: Kept[Answers, Result] = Kept(RESULTS_KEPT)

    def result(self, answers: Answers) -> Result:
        """The result of `answers`, evaluated once for the page and every download that shows it."""
        return self._results.get(answers, lambda: self.engine.evaluate(dict(answers)))

    def laid_out(self, answers: Answers, lang: Lang, group: str | None) -> ResultParts:
        return lay_out(self.rb, self.result(answers), lang, group)

    def written(self, answers: Answers, fmt: str, lang: Lang, group: str | None) -> str:
        """The report of `answers` in `fmt` (html, md, json), as a download gives it."""
        from assistant.render import render

        return render(self.rb, self.result(answers), fmt, lang, group=group)

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
        _HELPERS_OWN = self
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
        """The parts of `answers`' result page."""
        parts: ResultParts = await self._done("laid_out", answers, lang, group)
        return parts

    async def download(self, answers: Answers, fmt: str, lang: Lang, group: str | None) -> str:
        """The report of `answers` in `fmt`, for a download."""
        text: str = await self._done("written", answers, fmt, lang, group)
        return text

    async def _done(self, work: str, *args: Any) -> Any:
        """`work` (a method's name) done by the helper, else in a thread. What the work raises is raised here
        (the page's 500), wherever it was done; a helper that is gone is not: the work is then done here."""
        helper = self._helper
        if helper is not None:
            try:
                return await asyncio.wrap_future(helper.submit(_in_helper, work, *args))
            except BrokenProcessPool:  # the helper died (killed, out of memory): on without it
                await self._gone(helper)
            except RuntimeError:  # `stop` closed it meanwhile; else an error of the making itself
                if self._helper is not None:
                    raise
        return await run_in_threadpool(getattr(self, work), *args)

    async def _gone(self, helper: Executor) -> None:
        if self._helper is helper:
            log.warning("the result pages' helper process is gone: they are made in the server's own process "
                        "from now on")
            self._helper = None
            await run_in_threadpool(helper.shutdown, cancel_futures=True)  # waited for, as in `stop`
