"""`samarbeid serve`: bind the address, say where it is, serve until Ctrl-C.

The socket is bound here, before uvicorn starts, so the address printed is one that
is listening (port 0 picks a free port and prints it), and a port in use is said at
once in plain words.
"""

from __future__ import annotations

import ipaddress
import logging
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


def build(questions: Path | None, rules: Path | None, lang: Lang,
          data: Path | None = None) -> tuple[Starlette, SqliteStore]:
    """The app over the rule base (the shipped one unless given) and the store (in the data folder unless given)."""
    from assistant.engine import Engine
    from assistant.loading import load_rule_base
    from assistant.store import SqliteStore
    from assistant.web.app import create_app

    rb = load_rule_base(questions, rules)
    store = SqliteStore(data)
    return create_app(rb, Engine(rb), store, lang=lang), store


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
