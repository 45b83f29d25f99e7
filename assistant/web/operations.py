"""What the people who run the server need (DESIGN.md, "Operations"; issue 23): is it alive, is it ready,
and how it is doing.

- `/internal/isalive`: 200 while the process answers at all.
- `/internal/isready`: 200 when the rule base is loaded (it is, once the app exists) and the database
  answers; 503 when it does not (a broken or vanished file, a disk that fails).
- `/internal/metrics`: Prometheus's text format (prometheus-client): requests by route and status, the
  time to answer them, interviews begun, results shown, workshop rooms open, database failures. With
  `--workers N` the figures are every worker's together, whichever worker a scrape reaches
  (prometheus-client's multiprocess mode: each worker keeps its counts in files of a folder the command
  made, `PROMETHEUS_MULTIPROC_DIR`, and a scrape adds them up).

With `SAMARBEID_REQUEST_LOG=json` the server also writes one JSON line per request to its standard error.

Nothing in them names a person, an answer, a group or an address: a route is its pattern (`/q/{qid}`,
never the question or a room's code), and a path no route knows is counted as `unmatched`.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.responses import PlainTextResponse, Response

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from assistant.store import Store

REQUEST_LOG = logging.getLogger("samarbeid.requests")
"""One JSON line per request (method, route pattern, status, milliseconds), when the server is told to write
them (`SAMARBEID_REQUEST_LOG=json`, serve.py): never an address, a path's own values, a cookie or an answer."""

WORKERS_FOLDER_ENV = "PROMETHEUS_MULTIPROC_DIR"
"""prometheus-client's own setting: the folder the workers of `serve --workers N` keep their counts in. Set
by the command before the workers start (workers.py), never by hand."""

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
"""Seconds: a question page takes about a millisecond, a result some 15 ms, DESIGN.md's p95 budget is 50 ms."""


class Metrics:
    """The server's figures, in a registry of its own (two apps in one process, as in the tests, never
    count into each other)."""

    def __init__(self, store: Store) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("samarbeid_http_requests", "Requests answered, by method, route and status.",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("samarbeid_http_request_seconds", "Time from a request to its answer's start.",
                                 ["route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self._counted: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
        self.begun = Counter("samarbeid_interviews_begun", "Interviews begun (a role chosen on the start page).",
                             registry=self.registry)
        self.results = Counter("samarbeid_results_shown", "Result pages shown.", registry=self.registry)
        self.database_errors = Counter("samarbeid_database_errors",
                                       "Requests the database could not serve (answered 503).",
                                       registry=self.registry)
        self.rooms = RoomsOpen(store)
        self.registry.register(self.rooms)

    def text(self) -> bytes:
        folder = os.environ.get(WORKERS_FOLDER_ENV)
        if not folder:
            return generate_latest(self.registry)
        from prometheus_client import multiprocess

        every_worker = CollectorRegistry()
        # the counts of every worker, added up (prometheus-client leaves this constructor unannotated)
        multiprocess.MultiProcessCollector(every_worker, path=folder)  # type: ignore[no-untyped-call]
        every_worker.register(self.rooms)  # asked of the database: the same for every worker
        return generate_latest(every_worker)

    def answered(self, method: str, route: str, status: int, seconds: float) -> None:
        """One request answered. The labelled children are kept by their labels: prometheus-client looks
        them up under a lock each time, and this runs for every request."""
        key = (method, route, status)
        counted = self._counted.get(key)
        if counted is None:
            counted = self._counted[key] = (self.requests.labels(method, route, str(status)),
                                            self.latency.labels(route))
        counted[0].inc()
        counted[1].observe(seconds)


class RoomsOpen(Collector):
    """The workshop rooms open, asked of the database at each scrape."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[Metric]:
        rooms = GaugeMetricFamily("samarbeid_rooms_open", "Workshop rooms made and not closed.")
        rooms.add_metric([], _or_nan(self.store.rooms_open))
        yield rooms


def _or_nan(count: Callable[[], int]) -> float:
    """A figure from the database, or NaN (Prometheus's "no value") when the database cannot say."""
    try:
        return float(count())
    except Exception:  # a metrics scrape must answer even when the database does not
        return float("nan")


class Measured:
    """Counts every HTTP request by its route's pattern and status, and times it to its answer's start."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, took = 500, 0.0  # what a request that raised past everything becomes

        async def noted(message: Message) -> None:
            nonlocal status, took
            if message["type"] == "http.response.start":
                status, took = message["status"], time.perf_counter() - started
            await send(message)

        try:
            await self.app(scope, receive, noted)
        finally:
            route, took = _route(scope), took or time.perf_counter() - started
            self.metrics.answered(scope["method"], route, status, took)
            if REQUEST_LOG.isEnabledFor(logging.INFO):
                REQUEST_LOG.info(json.dumps({"method": scope["method"], "route": route, "status": status,
                                             "ms": round(took * 1000, 1)}))


def _route(scope: Scope) -> str:
    """The pattern of the route that answered (`/q/{qid}`), set by Starlette's router; `unmatched` for a
    path no route knows, so that no address a visitor makes up becomes a label."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class Probes:
    """The three addresses under /internal/."""

    def __init__(self, store: Store, metrics: Metrics) -> None:
        self.store = store
        self.metrics = metrics

    async def alive(self, request: Request) -> Response:
        return PlainTextResponse("alive\n")

    async def ready(self, request: Request) -> Response:
        try:
            self.store.rooms_open()  # one small query: the database file is there and answers
        except Exception:  # whatever the database's failure, the answer is "not ready"
            return PlainTextResponse("the database does not answer\n", status_code=503)
        return PlainTextResponse("ready\n")

    async def metrics_text(self, request: Request) -> Response:
        return Response(self.metrics.text(), media_type=CONTENT_TYPE_LATEST)
