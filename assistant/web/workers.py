"""`samarbeid serve --workers N`: several server processes taking their connections from one port.

uvicorn's own supervisor (`Multiprocess`) starts the workers and keeps them going (one that dies is
started again), and stops them all on Ctrl-C or SIGTERM. Each worker is a fresh Python (the
`spawn` start method) given the socket the command bound and a `WorkerConfig`: the worker builds its
own app, from the same command line and the same environment, when uvicorn loads its configuration
(`WorkerConfig.load`), and opens its own connection to the database. With SQLite the workers share
the one file in the data folder (WAL lets them read while one writes); machines of their own need
PostgreSQL (docs/deploy.md).

Nothing a worker keeps in memory is needed for another to answer: a session, a room and its groups, and
the limits on tries, are in the database; a room's live page connected to one worker is told at once of
what another wrote (the store's `watch`). The operators' figures at /internal/metrics are every worker's
together: the workers keep their counts in a folder the command makes for the run (prometheus-client's
multiprocess mode) and removes at the end.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uvicorn
from uvicorn.supervisors import Multiprocess
from uvicorn.supervisors.multiprocess import SIGNALS

from assistant.web.serve import limits_for, logs, options, prepare, stopping

if TYPE_CHECKING:
    import socket
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from types import FrameType

    from starlette.applications import Starlette

    from assistant.ids import Lang
    from assistant.web.connections import Limits

STARTING = 60.0
"""Seconds a worker may take to start (load the rule base, open the database) before the command gives up
waiting to say it is listening."""


@dataclass(frozen=True)
class WorkerSetup:
    """What each worker builds its app from: the command line's own arguments (the environment, the data
    folder's and the database's, is inherited)."""

    questions: Path | None
    rules: Path | None
    lang: Lang
    host: str
    allowed: tuple[str, ...]
    proxies: tuple[str, ...]
    bound: tuple[str, int]
    """The address the command's socket listens on."""
    database: str | None = None
    """--database's URL, if given (SAMARBEID_DATABASE_URL is inherited with the environment)."""


def worker_app(setup: WorkerSetup, limits: Limits) -> Starlette:
    """The app of one worker, as `samarbeid serve` builds it for its one process."""
    from assistant.web.serve import build

    logs()
    app, _store = build(setup.questions, setup.rules, setup.lang, database=setup.database)  # closed with the process
    prepare(app, setup.bound, host=setup.host, allowed=setup.allowed, limits=limits)
    return app


class WorkerConfig(uvicorn.Config):
    """uvicorn's configuration as it travels to a worker (it is pickled): the setup and the limits, and the
    app and the guarded protocol made in the worker itself, where uvicorn loads the configuration."""

    def __init__(self, setup: WorkerSetup, limits: Limits, workers: int) -> None:
        super().__init__("assistant.web.workers:WorkerConfig", workers=workers,
                         **options(limits, setup.proxies))
        self.setup = setup
        self.limits = limits

    def load(self) -> None:
        from assistant.web.connections import guarded_protocol

        app = worker_app(self.setup, self.limits)
        self.app = app
        self.http = guarded_protocol(self.limits)
        super().load()
        _stop_streams_first(app)
        gc.freeze()  # as serve.py does for its one process: what is loaded by now lives as long as the worker


def _stop_streams_first(app: Starlette) -> None:
    """Ctrl-C and SIGTERM end the worker's live streams at once, then stop its server as uvicorn does.

    uvicorn has put its handlers in place by the time it loads the configuration; each is kept, and
    called after the streams are told."""
    for number in (signal.SIGINT, signal.SIGTERM):
        uvicorns = signal.getsignal(number)
        if callable(uvicorns):
            signal.signal(number, functools.partial(_stopping_then, app, uvicorns))


def _stopping_then(app: Starlette, then: Callable[[int, FrameType | None], Any], number: int,
                   frame: FrameType | None) -> None:
    stopping(app)
    then(number, frame)


class Workers(Multiprocess):
    """uvicorn's supervisor of the workers, which also says when every worker is serving."""

    def __init__(self, config: WorkerConfig, sockets: list[socket.socket], ready: Callable[[], None] | None) -> None:
        super().__init__(config, sockets)
        self.ready = ready
        self.served = False
        """Whether every worker came to serve (else one failed to start, and the supervisor stops)."""

    def init_processes(self) -> None:
        super().init_processes()
        self.served = all(worker.wait_until_ready(STARTING, self.should_exit) for worker in self.processes)
        if self.served and self.ready is not None:
            self.ready()
        elif not self.served:
            self.should_exit.set()


def serve_workers(setup: WorkerSetup, sock: socket.socket, workers: int, *,
                  limits: Limits | None = None, ready: Callable[[], None] | None = None) -> None:
    """Serve on the bound socket with `workers` processes until told to stop (Ctrl-C, SIGTERM); `ready` is
    called once every worker serves."""
    from assistant.web.serve import stopped_as_on_ctrl_c

    config = WorkerConfig(setup, limits_for(limits, setup.proxies), workers)
    before = {number: signal.getsignal(number) for number in SIGNALS}  # the supervisor takes them all
    failed = False
    try:
        with stopped_as_on_ctrl_c(), counted_together():
            supervisor = Workers(config, [sock], ready)
            supervisor.run()
            failed = not supervisor.served and not supervisor.signal_queue
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
    if failed:
        from assistant.errors import InputError, Problem

        raise InputError([Problem("samarbeid serve --workers", None, None,
                                  "a server process did not start (what it said is above)")])


@contextlib.contextmanager
def counted_together() -> Iterator[None]:
    """The workers' metrics kept in files of one folder, for the time of the block (they inherit the setting
    when they start): made in the data folder, which is writable even where the root file system is not,
    and removed at the end. An operator's own PROMETHEUS_MULTIPROC_DIR is used as it is, and left."""
    from assistant.web.operations import WORKERS_FOLDER_ENV

    if os.environ.get(WORKERS_FOLDER_ENV):
        yield
        return
    from assistant.places import data_dir

    folder = None
    for home in (data_dir(), None):  # else the system's temporary folder; else each worker counts alone
        with contextlib.suppress(OSError):
            if home is not None:
                home.mkdir(parents=True, exist_ok=True)
            folder = tempfile.mkdtemp(prefix=".metrics-", dir=home)
            break
    if folder is None:
        logging.getLogger("samarbeid").warning("no folder could be made for the workers' metrics: each worker's "
                                               "/internal/metrics gives its own figures only")
        yield
        return
    os.environ[WORKERS_FOLDER_ENV] = folder
    try:
        yield
    finally:
        del os.environ[WORKERS_FOLDER_ENV]
        shutil.rmtree(folder, ignore_errors=True)
