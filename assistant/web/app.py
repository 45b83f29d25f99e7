"""The ASGI app: the pages' routes, the static files, and what guards every request.

A request that names another Host than the server answers to (assistant/web/hosts.py) is a 400
before anything else. Every response carries a Content-Security-Policy that allows only this
server's own styles, scripts and images (no inline script or style), `nosniff`, a Referrer-Policy,
and pages are not cached (they hold a person's answers); over https every cookie is `Secure`.
A response of some size is gzipped when the browser takes gzip (pages, downloads), but never a live
page's event stream (text/event-stream, which Starlette's middleware leaves alone and unbuffered);
the styles and scripts come compressed already, under hashed names (assistant/web/assets.py).
Request bodies are limited (413 beyond), a POST without the session's CSRF token is refused (403),
and an error shows a plain page and is logged, never a traceback. What the database cannot do (a
full disk, a read-only file) is a 503 page saying that nothing was saved, and one line in the log.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.store import StoreFailed
from assistant.web.assets import GZIP_LEVEL, GZIP_MINIMUM, shipped
from assistant.web.live import Limiter
from assistant.web.numbers import request_number
from assistant.web.operations import Measured, Metrics, Probes
from assistant.web.pages import Site
from assistant.web.quota import SESSIONS_PER_CLIENT
from assistant.web.room import Workshop

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.ids import Lang
    from assistant.models.rules import RuleBase
    from assistant.store import Store
    from assistant.web.hosts import Hosts

log = logging.getLogger("samarbeid.web")

MAX_BODY = 64 * 1024
"""The largest form a page sends is a few hundred bytes; 64 KiB leaves room and no more."""
MAX_UPLOAD = 256 * 1024
"""An answers file with every question is some 2 KiB; a saved session with comments a little more."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class PageGZip(GZipMiddleware):
    """Starlette's gzip, for what a browser reads: a GET's or HEAD's response. A POST is answered with a
    redirect or a short problem page, where setting up a compressor (as Starlette does for every request
    that accepts gzip) costs more than it could save."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


class Guard:
    """The Host check, security headers on every response, `Secure` cookies over https, and the size
    limit on every request body."""

    def __init__(self, app: ASGIApp, max_body: int, limits: dict[str, int],
                 refuse: Callable[[Request, int, str], Response]) -> None:
        self.app = app
        self.max_body = max_body
        self.limits = limits
        """A larger limit for some paths (the upload)."""
        self.refuse = refuse
        """The problem page for a status (the Host check's 400 is answered here, before any route)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts: Hosts | None = getattr(scope["app"].state, "hosts", None) if "app" in scope else None
        if hosts is not None:
            named = [v for k, v in scope["headers"] if k == b"host"]
            if len(named) > 1 or not hosts.allows(named[0].decode("latin-1") if named else None):
                response = self.refuse(Request(scope), 400, "host")
                await response(scope, receive, self.guarded(scope, send))
                return
        path: str = scope["path"]
        limit = self.limits.get(path, self.max_body)
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        received = 0

        async def limited() -> Message:
            nonlocal received
            if declared is not None and request_number(declared.decode("latin-1").lstrip("0") or "0", limit) is None:
                raise HTTPException(413)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited, self.guarded(scope, send))

    @staticmethod
    def guarded(scope: Scope, send: Send) -> Send:
        """`send` with the security headers added to the response, and `Secure` on its cookies over https."""
        secure = scope.get("scheme") == "https"
        static = str(scope["path"]).startswith("/static/")

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v + b"; Secure") if secure and k == b"set-cookie" and b"; secure" not in v.lower()
                           else (k, v) for k, v in message.get("headers", [])]
                headers += HEADERS
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        return guarded


def create_app(rb: RuleBase, engine: Engine, store: Store, *, lang: Lang = "nb", max_body: int = MAX_BODY,
               max_upload: int = MAX_UPLOAD, keep_days: int = 30, limiter: Limiter | None = None,
               sessions_per_client: int = SESSIONS_PER_CLIENT) -> Starlette:
    """The interview in a browser, and the workshop rooms, over this rule base, engine and session store.

    `limiter` limits joining a room, making one and looking up codes, per client address (a token
    bucket; the default lets forty through at once and one every two seconds after).
    `sessions_per_client` is how many new sessions one address may make in a day (assistant/web/quota.py).
    """
    assets = shipped()  # the styles and scripts, read, hashed and compressed once, now
    site = Site(rb, engine, store, lang=lang, max_body=max_body, max_upload=max_upload, keep_days=keep_days,
                sessions_per_client=sessions_per_client)
    room = Workshop(site, limiter=limiter)
    site.room_changed = room.bell.ring
    site.banner = room.banner
    metrics = Metrics(store)
    site.metrics = metrics
    probes = Probes(store, metrics)

    async def http_problem(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, HTTPException):
            return site.problem_page(request, 500)
        about = exc.detail if exc.detail in ("room", "trainer", "sessions") else ""
        response = site.problem_page(request, exc.status_code, about)
        response.headers.update(exc.headers or {})  # such as Allow on a 405
        return response

    async def unsaved(request: Request, exc: Exception) -> Response:
        """The database could not do what was asked (a full disk, a read-only or damaged file): 503 and a
        page that says so and that nothing was saved; one line in the log, no traceback (F29)."""
        reason = exc.reason if isinstance(exc, StoreFailed) else "failed"
        metrics.database_errors.inc()
        log.warning("could not use the database (%s) while serving %s %s: %s", reason, request.method,
                    request.url.path, exc)
        return site.problem_page(request, 503, reason)

    async def gone(request: Request, exc: Exception) -> Response:
        """The browser went away, or was too slow and was cut off, before its request was read: nobody
        waits for an answer, and it is no error of the server's."""
        log.info("the client went away during %s %s", request.method, request.url.path)
        return Response(status_code=400)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("error while serving %s %s", request.method, request.url.path, exc_info=exc)
        response = site.problem_page(request, 500)
        for name, value in HEADERS:  # this page is sent from outside Guard
            response.headers[name.decode()] = value.decode()
        response.headers["cache-control"] = "no-store"
        return response

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            removed = store.remove_old()
        except StoreFailed as failed:  # a full disk: the pages that only read still show (F29)
            log.warning("could not remove the old sessions: %s", failed)
        else:
            if removed:
                log.info("removed %d sessions older than %d days", removed, keep_days)
        # a room changed through another server process on the same database rings this one's bell too
        stop_watching = store.watch(room.bell.ring)
        try:
            yield
        finally:
            stop_watching()

    routes = [  # in the order they are looked through: a question and its answer, the most asked for, first
        Route("/q/{qid}", site.question, methods=["GET"]),
        Route("/q/{qid}", site.answer, methods=["POST"]),
        Route("/", site.start, methods=["GET"]),
        Route("/start", site.begin, methods=["POST"]),
        Route("/upload", site.upload, methods=["POST"]),
        Route("/lang", site.language, methods=["POST"]),
        Route("/continue", site.resume, methods=["GET"]),
        Route("/next", site.carry_on, methods=["GET"]),
        Route("/review", site.review, methods=["GET"]),
        Route("/result", site.result_page, methods=["GET"]),
        Route("/download/{name}", site.download, methods=["GET"]),
        # the workshop room (issue 14)
        Route("/workshop", room.new_room_page, methods=["GET"]),
        Route("/workshop", room.make_room, methods=["POST"]),
        Route("/join", room.join_page, methods=["GET"]),
        Route("/join", room.join, methods=["POST"]),
        Route("/group", room.group_page, methods=["GET"]),
        Route("/group/place", room.place, methods=["POST"]),
        Route("/tour", room.tour_start, methods=["GET"]),
        Route("/tour/{n}", room.tour_page, methods=["GET"]),
        Route("/room/{code}/t/{token}", room.trainer_link, methods=["GET"]),
        Route("/room/{code}/trainer", room.trainer, methods=["GET"]),
        Route("/room/{code}/screen", room.screen, methods=["GET"]),
        Route("/room/{code}/events", room.live, methods=["GET"]),
        Route("/room/{code}/download", room.download, methods=["GET"]),
        Route("/room/{code}/show", room.show, methods=["POST"]),
        Route("/room/{code}/quiz", room.ask, methods=["POST"]),
        Route("/room/{code}/reveal", room.reveal, methods=["POST"]),
        Route("/room/{code}/remove", room.remove, methods=["POST"]),
        Route("/room/{code}/close", room.close, methods=["POST"]),
        Route("/static/{name}", assets.serve, methods=["GET"]),
        # for the people who run the server (operations.py): nothing in them names a person or an answer
        Route("/internal/isalive", probes.alive, methods=["GET"]),
        Route("/internal/isready", probes.ready, methods=["GET"]),
        Route("/internal/metrics", probes.metrics_text, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        # the Guard outermost: a Host it refuses is answered before anything else runs, and the compression
        # looks through the page's own few headers, not the security headers the Guard adds on the way out
        middleware=[Middleware(Measured, metrics=metrics),
                    Middleware(Guard, max_body=max_body, limits={"/upload": max_upload + 4096},
                               refuse=site.problem_page),
                    Middleware(PageGZip, minimum_size=GZIP_MINIMUM, compresslevel=GZIP_LEVEL)],
        exception_handlers={HTTPException: http_problem, StoreFailed: unsaved, ClientDisconnect: gone,
                            Exception: server_error},
        lifespan=lifespan,
    )
    app.state.workshop = room
    app.state.results = site.results  # serve() starts its helper process (results.py)
    return app
