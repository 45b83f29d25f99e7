"""`samarbeid serve`: bind the address, say where it is, serve until Ctrl-C or SIGTERM.

The socket is bound here, before uvicorn starts, so the address printed is one that
is listening (port 0 picks a free port and prints it), and a port in use is said at
once in plain words.

What the server answers to and how long it waits are set here too: the allowed hosts
(assistant/web/hosts.py), the proxy whose `X-Forwarded-*` headers are believed (none unless
`--proxy` names one: otherwise any client could claim any address, and the join limiter
would count nothing), and the connections' deadlines and cap (assistant/web/connections.py),
fitted to the process's limit of open files.
"""

from __future__ import annotations

import contextlib
import gc
import ipaddress
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.web.connections import Limits

if TYPE_CHECKING:
    from pathlib import Path
    from types import FrameType

    import uvicorn
    from starlette.applications import Starlette

    from assistant.ids import Lang
    from assistant.store import Store
    from assistant.web.results import ResultMaker

LOOPBACK = "127.0.0.1"
BACKLOG = 64
"""Connections the system holds for the server before it takes them (and takes at once, up to this many)."""
RESERVED_FILES = 64
"""Open files kept for the server itself (the database, its journal, the rule base, the log) beyond the
connections and the backlog."""
WANTED_FILES = 4096
"""The limit of open files the server raises its own to (as far as the system's hard limit lets it)."""


def is_loopback(host: str) -> bool:
    """Whether `host` is this computer only: `localhost` (and names under it), or an address (in any
    form the system reads: `127.1`, `::1`) or a name whose every address is loopback."""
    name = host.strip().lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        pass
    try:
        found = {info[4][0] for info in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in found)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (IPv4 or IPv6); OSError as the system gives it."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
        sock.set_inheritable(True)
    except OSError:
        sock.close()
        raise
    return sock


def address(sock: socket.socket) -> str:
    """The address to open; for all interfaces (0.0.0.0, ::) the one that works on this computer."""
    host, port = sock.getsockname()[:2]
    if ipaddress.ip_address(host.split("%")[0]).is_unspecified:
        host = "127.0.0.1" if sock.family == socket.AF_INET else "::1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def port_of(sock: socket.socket) -> int:
    return int(sock.getsockname()[1])


ELSEWHERE = "or set SAMARBEID_DATA_DIR to another folder"
UNUSABLE = {
    "damaged": "not a database samarbeid can read (it is damaged, or another program's file); move it aside "
               "(samarbeid then begins an empty one), " + ELSEWHERE,
    "foreign": "its table '{detail}' was not made by samarbeid; move the file aside, " + ELSEWHERE,
    "not_a_file": "not a regular file ({detail}) where the database should be; remove or rename it, " + ELSEWHERE,
    "folder_is_file": "the data folder is a file; rename it, " + ELSEWHERE,
    "cannot_make_folder": "the data folder cannot be made ({detail}); make its parent writable for this user, "
                          + ELSEWHERE,
    "read_only": "read-only ({detail}); make it writable for this user (chmod u+w), " + ELSEWHERE,
    "cannot_open": "cannot be opened ({detail}); make the data folder writable for this user, " + ELSEWHERE,
    "busy": "another program holds the database; stop it and start the server again, " + ELSEWHERE,
    "full": "the disk is full; free some space and start the server again, " + ELSEWHERE,
    "newer_schema": "a newer samarbeid has changed this database ({detail}); run that version, " + ELSEWHERE,
}
"""What `samarbeid serve` says of a data folder it cannot use (StoreFailed's reason), after the file's
name: what is wrong and what to do, in one line (issue 19, F9)."""
DATABASE_UNUSABLE = {
    "cannot_open": "cannot be reached, or refused the connection ({detail}); check the URL, that PostgreSQL "
                   "runs there and that it lets this user in",
    "busy": "busy ({detail}); another program holds the tables samarbeid needs: start the server again in a "
            "moment",
    "full": "PostgreSQL's disk is full ({detail}); free some space and start the server again",
    "read_only": "this user may not write there ({detail}); grant it the right to make tables and write in its "
                 "schema, or use another user",
    "foreign": "its table '{detail}' was not made by samarbeid; use another database, or another schema in it",
    "newer_schema": "a newer samarbeid has changed this database ({detail}); run that version, or use another "
                    "database",
    "damaged": "PostgreSQL says its data is damaged ({detail})",
}
"""The same for a PostgreSQL database (after its URL, without the password)."""


def build(questions: Path | None, rules: Path | None, lang: Lang, data: Path | None = None,
          database: str | None = None) -> tuple[Starlette, Store]:
    """The app over the rule base (the shipped one unless given) and the store: PostgreSQL where `database`
    (--database) or SAMARBEID_DATABASE_URL names one, else SQLite in the data folder (`data` unless given).

    The store is opened first: a database that cannot be used is said at once, in one line naming the file
    (or the URL, without its password) and what to do (InputError, exit 2), before the rule base is loaded."""
    from assistant.engine import Engine
    from assistant.errors import InputError, Problem
    from assistant.loading import load_rule_base
    from assistant.store import DATABASE_ENV, SqliteStore, StoreFailed, is_database_url, url_without_password
    from assistant.web.app import create_app

    given, url = ("--database", database) if database is not None else (DATABASE_ENV, os.environ.get(DATABASE_ENV))
    url = (url or "").strip() or None
    if url is not None and not is_database_url(url):
        raise InputError([Problem(given, None, None, f"'{url_without_password(url)[:80]}' is not a PostgreSQL URL",
                                  "it begins with postgresql:// or postgres://, such as "
                                  "postgresql://samarbeid@db.example.org/samarbeid; leave it out for SQLite")])
    try:
        if url is not None:
            from assistant.pgstore import PostgresStore  # psycopg is imported here only, when PostgreSQL is chosen

            store: Store = PostgresStore(url)
        else:
            store = SqliteStore(data)
    except StoreFailed as failed:
        if url is not None:
            said = DATABASE_UNUSABLE.get(failed.reason, "cannot be used ({detail})")
        else:
            said = UNUSABLE.get(failed.reason, "cannot be used ({detail}); " + ELSEWHERE)
        raise InputError([Problem(str(failed.path), None, None, said.format(detail=failed.detail or "?"))]) from None
    try:
        per_client = sessions_per_client()
        rb = load_rule_base(questions, rules)
    except BaseException:
        store.close()
        raise
    return create_app(rb, Engine(rb), store, lang=lang, sessions_per_client=per_client), store


def sessions_per_client() -> int:
    """New sessions one client address may make in a day: SAMARBEID_SESSIONS_PER_CLIENT, else the default
    (assistant/web/quota.py). A benchmark from one address needs more; a public server may want fewer."""
    from assistant.errors import InputError, Problem
    from assistant.web.quota import SESSIONS_PER_CLIENT

    given = os.environ.get("SAMARBEID_SESSIONS_PER_CLIENT", "").strip()
    if not given:
        return SESSIONS_PER_CLIENT
    if not (given.isascii() and given.isdigit() and len(given) <= 8) or int(given) < 1:
        raise InputError([Problem("SAMARBEID_SESSIONS_PER_CLIENT", None, None,
                                  f"'{given[:40]}' is not a number of sessions from 1 to 99 999 999; "
                                  "set a whole number, or unset it for the default")])
    return int(given)


WORKERS_ENV = "SAMARBEID_WORKERS"
"""The number of server processes, when `--workers` does not say (a container's or a unit file's setting)."""
WORKERS_MOST = 64
"""The most workers the server takes: each holds its own rule base (some 60 MiB), and more than this is never
what one machine wants (more is more instances, behind a load balancer)."""


def workers_number(text: str) -> int | None:
    """`text` as a number of server processes (1 to WORKERS_MOST), or None when it is not one."""
    from assistant.web.numbers import request_number

    number = request_number(text.strip(), WORKERS_MOST)
    return number if number else None


def workers_from_environment() -> int:
    """The number of server processes SAMARBEID_WORKERS asks for; 1 when it is unset or empty."""
    from assistant.errors import InputError, Problem

    given = os.environ.get(WORKERS_ENV, "").strip()
    if not given:
        return 1
    number = workers_number(given)
    if number is None:
        raise InputError([Problem(WORKERS_ENV, None, None,
                                  f"'{given[:40]}' is not a number of server processes from 1 to {WORKERS_MOST}; "
                                  "set a whole number, or unset it for one process")])
    return number


def open_files() -> int:
    """The process's limit of open files, raised towards WANTED_FILES where the hard limit allows."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to read
        return WANTED_FILES
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = WANTED_FILES if hard == resource.RLIM_INFINITY else min(WANTED_FILES, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (OSError, ValueError):
            pass
    return WANTED_FILES if soft == resource.RLIM_INFINITY else int(soft)


def fitted(limits: Limits, files: int) -> Limits:
    """The limits with the connections capped to what the open files allow (the server's own files and
    the backlog kept aside), so that the cap is reached before the system refuses to accept."""
    room = max(16, files - RESERVED_FILES - BACKLOG)
    return replace(limits, connections=min(limits.connections, room))


def options(limits: Limits, proxies: Iterable[str] = ()) -> dict[str, Any]:
    """uvicorn's settings for the server (one process or each of several), but the protocol class: the
    deadlines, the caps and the proxy."""
    trusted = list(proxies)
    return {
        "log_level": "warning", "access_log": False, "lifespan": "on", "server_header": False, "ws": "none",
        "timeout_keep_alive": limits.keep_alive, "backlog": BACKLOG,
        # a backstop behind the protocol's own cap (which makes room rather than refusing): requests in
        # progress at once, with room for the connections a burst brings before the cap closes them
        "limit_concurrency": limits.connections + BACKLOG,
        # X-Forwarded-For and -Proto are believed from the named proxy only; without one, not at all
        "proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None,
        # a projector's stream that has not noticed yet is cut after a few seconds, not waited for
        "timeout_graceful_shutdown": 3}


def config(app: Any, limits: Limits, proxies: Iterable[str] = ()) -> uvicorn.Config:
    """uvicorn's configuration for the app: the guarded protocol, the deadlines, and the proxy."""
    import uvicorn

    from assistant.web.connections import guarded_protocol

    return uvicorn.Config(app, http=guarded_protocol(limits), **options(limits, proxies))


class Stopped(Exception):
    """SIGTERM: the server stops as on Ctrl-C, and says so."""


def _stop(sig: int, frame: FrameType | None) -> None:
    raise Stopped


REQUEST_LOG_ENV = "SAMARBEID_REQUEST_LOG"
"""`json`: one line per request on standard error (operations.py `REQUEST_LOG`), for a log collector; unset
(the default, as on a trainer's laptop): none."""


def request_log() -> None:
    """The request log as the environment asks: `json` writes each line as it is, nothing around it; anything
    else writes none. An unknown value is said once, not taken for a yes."""
    wanted = os.environ.get(REQUEST_LOG_ENV, "")
    lines = logging.getLogger("samarbeid.requests")
    lines.propagate = False  # not through the "samarbeid: INFO:" handler: the line is the JSON alone
    if wanted == "json":
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        lines.addHandler(handler)
        lines.setLevel(logging.INFO)
    else:
        lines.setLevel(logging.WARNING)
        if wanted:
            logging.getLogger("samarbeid").warning("%s=%r is not a request log this server writes (json); none is "
                                                   "written", REQUEST_LOG_ENV, wanted)


def logs() -> None:
    """The server's own lines on standard error ("samarbeid: WARNING: ..."), and the request log as the
    environment asks."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("samarbeid: %(levelname)s: %(message)s"))
    web_log = logging.getLogger("samarbeid")
    web_log.addHandler(handler)
    web_log.setLevel(logging.INFO)
    request_log()


def limits_for(limits: Limits | None, proxies: Iterable[str]) -> Limits:
    """The connections' limits for one server process: fitted to its open files, and, behind a proxy, with
    no share per address (every connection comes from the proxy: a share per address would be one for all)."""
    limits = fitted(limits or Limits(), open_files())
    if list(proxies):
        limits = replace(limits, per_client=limits.connections)
    return limits


def prepare(app: Starlette, bound: tuple[str, int], *, host: str, allowed: Iterable[str], limits: Limits) -> None:
    """What the app needs to know of the server it runs in: where it listens (where groups of a workshop room
    can reach it), the names it answers to, and the share of its connections the live streams may take."""
    from assistant.web.hosts import Hosts

    app.state.bound = bound
    app.state.hosts = Hosts.for_server(host, (str(bound[0]), int(bound[1])), allowed)
    workshop = getattr(app.state, "workshop", None)
    if workshop is not None:  # live streams never take more than half the connections
        workshop.streams.fit(limits.connections // 2)


def stopping(app: Starlette) -> None:
    """The server has been told to stop: every live page's stream ends at once (rather than at its next look
    or when uvicorn's patience runs out), so stopping waits only for the requests in flight. Safe from a
    signal handler."""
    workshop = getattr(app.state, "workshop", None)
    if workshop is not None:
        workshop.stopping.set()
        workshop.bell.wake_all()


def serve(app: Starlette, sock: socket.socket, *, host: str = LOOPBACK, allowed: Iterable[str] = (),
          proxies: Iterable[str] = (), limits: Limits | None = None, ready: Callable[[], None] | None = None) -> None:
    """Serve on the bound socket until the process is told to stop (Ctrl-C, SIGTERM).

    `host` is what `--host` said, `allowed` the names `--allowed-host` and SAMARBEID_ALLOWED_HOSTS add,
    `proxies` the addresses whose X-Forwarded-* headers are believed. `ready` is called once the server has
    started and its Ctrl-C and SIGTERM handlers are in place: a Ctrl-C from then on stops it cleanly."""
    import uvicorn

    logs()
    proxies = list(proxies)
    limits = limits_for(limits, proxies)
    prepare(app, tuple(sock.getsockname()[:2]), host=host, allowed=allowed, limits=limits)

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and ready is not None:
                ready()

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            stopping(app)
            super().handle_exit(sig, frame)

    # What is loaded by now (the rule base's some 50 000 objects, the modules, the templates) lives as long
    # as the server: the cycle collector leaves it out of its rounds from here on. Each request makes
    # and drops thousands of small objects; without this, every full round walked the rule base too.
    gc.freeze()
    # the result pages' helper process, forked now: after the freeze (it shares the rule base's memory, and its
    # cycle collector leaves it alone too) and before the server's threads and event loop
    results: ResultMaker | None = getattr(app.state, "results", None)
    if results is not None:
        results.start()
    try:
        with stopped_as_on_ctrl_c():
            Server(config(app, limits, proxies)).run(sockets=[sock])
    finally:
        if results is not None:
            results.stop()


@contextlib.contextmanager
def stopped_as_on_ctrl_c() -> Iterator[None]:
    """uvicorn stops gracefully on SIGTERM and then sends it again to the handler it found: this one, so that
    the process ends as on Ctrl-C (the caller prints where the answers are) and not by the signal."""
    before = signal.signal(signal.SIGTERM, _stop) if _main_thread() else None
    try:
        yield
    except Stopped:
        pass
    finally:
        if before is not None:
            signal.signal(signal.SIGTERM, before)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
