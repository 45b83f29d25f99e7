"""Connections a slow or idle client cannot hold: deadlines and a cap on the server's HTTP connections.

uvicorn closes a keep-alive connection that stays idle after a response, and nothing else: a client
that connects and sends nothing, or half a request (`GET / HTTP/1.1\\r\\nHost: x\\r\\n` and no more),
or a body a byte a minute, or that never reads what it asked for, holds its connection (and a file
descriptor) for ever. A few hundred of them and the server takes no one else: at the process's
limit of open files every new visitor is refused.

`GuardedProtocol` is uvicorn's own HTTP protocol (httptools) with what it lacks:

- the request's headers must be complete within `Limits.header` seconds of the connection, or of
  the first byte of the next request on a kept-alive connection, and be at most `MAX_HEADER` bytes;
- a body must keep coming: at most `Limits.body_idle` seconds between its parts and `Limits.body` in
  all;
- a response the client does not read for `Limits.write` seconds (the server's buffer full) is cut
  off, so a live stream nobody reads ends too;
- at most `Limits.connections` connections in all and `Limits.per_client` from one address. A new
  one beyond either takes the place of the one that has waited longest without a request in progress
  (a half-sent request, or an idle kept-alive connection): a slow client cannot keep a real visitor
  out, and a request being served is never cut for a newcomer. When every connection is busy, the
  newcomer is closed at once.

Each deadline closes the connection; the client learns nothing else. Nothing here reads a request's
content: that is the app's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEADER = 64 * 1024
"""Bytes of a request line and headers: a browser sends some 1-2 KiB; llhttp itself sets no limit."""


@dataclass(frozen=True)
class Limits:
    """How long a client may take, and how many connections the server keeps open."""

    header: float = 5.0
    """Seconds for a request's line and headers to arrive."""
    keep_alive: int = 5
    """Seconds a connection may stay idle between requests (uvicorn's `timeout_keep_alive`)."""
    body_idle: float = 10.0
    """Seconds between two parts of a request's body."""
    body: float = 60.0
    """Seconds for a whole body: the largest, an upload of 256 KiB, at some 5 KB/s."""
    write: float = 30.0
    """Seconds a response may wait for the client to read it (its buffers full)."""
    connections: int = 1000
    """Open connections in all (lowered to fit the process's limit of open files)."""
    per_client: int = 0
    """Open connections from one address; 0: half of `connections` (a room behind one router holds
    thirty phones and laptops, each with a few connections and a live page)."""

    @property
    def client_cap(self) -> int:
        return self.per_client or max(1, self.connections // 2)


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol with deadlines on the client and a cap on connections (see above)."""

    limits: ClassVar[Limits] = Limits()

    _deadline: asyncio.TimerHandle | None = None
    """The header or the body deadline, whichever applies now."""
    _write_deadline: asyncio.TimerHandle | None = None
    _waiting_since: float | None = None
    """When the connection began to wait for a request (None while one is being served)."""
    _body_began = 0.0
    _header_bytes = 0
    _headers_done = False

    # ------------------------------------------------------------ the connection
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._waiting_since = self.loop.time()
        self._arm(self.limits.header)
        self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._write_deadline is not None:
            self._write_deadline.cancel()
            self._write_deadline = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._headers_done = False
        super().data_received(data)
        if self._deadline is not None and not self._headers_done and self._waiting_since is not None:
            self._header_bytes += len(data)  # a chunk that did not finish the headers is all headers
            if self._header_bytes > MAX_HEADER:
                self._cut()

    # ------------------------------------------------------------ a request's parts (the parser's callbacks)
    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:  # the next request on a kept-alive connection: its headers' deadline
            self._header_bytes = 0
            self._arm(self.limits.header)

    def on_headers_complete(self) -> None:
        self._disarm()
        self._headers_done = True
        self._header_bytes = 0
        self._waiting_since = None
        super().on_headers_complete()
        self._body_began = self.loop.time()
        self._arm(min(self.limits.body_idle, self.limits.body))

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        left = self._body_began + self.limits.body - self.loop.time()
        self._arm(max(0.0, min(self.limits.body_idle, left)))

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.cycle.response_complete:
            self._waiting_since = self.loop.time()  # (not when a pipelined request has just begun)

    # ------------------------------------------------------------ writing
    def pause_writing(self) -> None:
        super().pause_writing()
        if self._write_deadline is None:
            self._write_deadline = self.loop.call_later(self.limits.write, self._stuck)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._write_deadline is not None:
            self._write_deadline.cancel()
            self._write_deadline = None

    def _stuck(self) -> None:
        """The client has not read for `Limits.write` seconds: what is buffered for it is dropped."""
        self._write_deadline = None
        if not self.transport.is_closing():
            self.transport.abort()

    # ------------------------------------------------------------ deadlines and the cap
    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._cut)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _cut(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def _make_room(self) -> None:
        """Beyond the cap (in all, or from this address), close the connection that has waited longest
        without a request in progress; when there is none, this one."""
        open_ = [c for c in self.connections if isinstance(c, GuardedProtocol) and not c.transport.is_closing()]
        address = self.client[0] if self.client else None
        mine = [c for c in open_ if (c.client[0] if c.client else None) == address]
        if len(mine) > self.limits.client_cap:
            pool = mine
        elif len(open_) > self.limits.connections:
            pool = open_
        else:
            return
        idle = [c for c in pool if c is not self and c._waiting_since is not None]
        if idle:
            min(idle, key=lambda c: c._waiting_since or 0.0).transport.close()
        else:
            self.transport.close()


def guarded_protocol(limits: Limits) -> type[GuardedProtocol]:
    """The protocol class for a server with these limits (uvicorn makes one instance per connection)."""
    return type("GuardedProtocol", (GuardedProtocol,), {"limits": limits})
