"""`samarbeid serve`: bind the address, say where it is, serve until Ctrl-C.

The socket is bound here, before uvicorn starts, so the address printed is one that
is listening (port 0 picks a free port and prints it), and a port in use is said at
once in plain words.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from types import FrameType

    from starlette.applications import Starlette

    from assistant.ids import Lang
    from assistant.store import SqliteStore

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (IPv4 or IPv6); OSError as the system gives it."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
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
}
"""What `samarbeid serve` says of a data folder it cannot use (StoreFailed's reason), after the file's
name: what is wrong and what to do, in one line (issue 19, F9)."""


def build(questions: Path | None, rules: Path | None, lang: Lang,
          data: Path | None = None) -> tuple[Starlette, SqliteStore]:
    """The app over the rule base (the shipped one unless given) and the store (in the data folder unless given).

    The store is opened first: a data folder that cannot be used is said at once, in one line naming
    the file and what to do (InputError, exit 2), before the rule base is loaded."""
    from assistant.engine import Engine
    from assistant.errors import InputError, Problem
    from assistant.loading import load_rule_base
    from assistant.store import SqliteStore, StoreFailed
    from assistant.web.app import create_app

    try:
        store = SqliteStore(data)
    except StoreFailed as failed:
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


def serve(app: Starlette, sock: socket.socket) -> None:
    """Serve on the bound socket until the process is told to stop (Ctrl-C, SIGTERM)."""
    import uvicorn

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("samarbeid: %(levelname)s: %(message)s"))
    web_log = logging.getLogger("samarbeid")
    web_log.addHandler(handler)
    web_log.setLevel(logging.INFO)
    app.state.bound = tuple(sock.getsockname()[:2])  # where groups of a workshop room can reach the server
    workshop = getattr(app.state, "workshop", None)

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if workshop is not None:  # the live pages' streams end, so stopping does not wait for them
                workshop.stopping.set()
            super().handle_exit(sig, frame)

    # a projector's stream that has not noticed yet is cut after a few seconds, not waited for
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", server_header=False,
                            timeout_graceful_shutdown=3)
    Server(config).run(sockets=[sock])
