"""What keeps a workshop room's pages live, and what keeps joining fair.

`Bell`: a group's answer, a join or a trainer's action rings the room's bell, and every page
listening to the room (the projector, the trainer's page, the groups' quiz pages) wakes at once.
The bell rings only in this process; a page also looks at the store's stamp for the room every
`POLL` seconds, so a change made by another server process on the same database shows too, a
little later.

`events`: the server-sent events (text/event-stream) a live page listens to: a fragment of HTML,
rendered on the server as the page itself is (autoescaped), sent when it differs from the last one
sent; a comment now and then keeps proxies from closing the line; the stream ends when the room is
gone or the server stops (the browser's EventSource then tries again by itself).

`Streams`: how many live streams are open, per room, per address, per browser and in all. Each
stream costs the server a connection and a rendering on every change of its room; a stream beyond
a cap is refused (429 for the client's own, 503 when the room or the server is full) and the page's
script then reloads its live part now and then instead. The caps leave most connections to pages.

`Limiter`: a token bucket per client address, for joining a room, making one, and looking up a
code that does not exist, so nobody can try codes or names by the thousand.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass

from assistant.store import Store, StoreFailed, take_try

POLL = 1.0
"""Seconds between looks at the store's stamp when the bell has not rung (changes from other processes)."""
KEEPALIVE = 15.0
"""Seconds between comments on a quiet stream."""
RETRY_MS = 1000
"""How soon a browser reconnects after the stream ends (the server restarted, the network dropped)."""
GAP = 0.15
"""The least time (seconds) between two renderings for one page: thirty groups answering at once change
the room many times a second, and a page is rendered once for all the changes of such a moment."""


class Bell:
    """Wakes the live pages of a room; safe to ring from any thread."""

    def __init__(self) -> None:
        self._waiting: dict[str, set[asyncio.Event]] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    def ring(self, code: str) -> None:
        with self._lock:
            events = list(self._waiting.get(code, ()))
        if not events or self._loop is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        for event in events:
            if running is self._loop:
                event.set()
            else:  # from a worker thread: the event belongs to the loop's thread
                self._loop.call_soon_threadsafe(event.set)

    @contextlib.contextmanager
    def listen(self, code: str) -> Iterator[asyncio.Event]:
        self._loop = asyncio.get_running_loop()
        event = asyncio.Event()
        with self._lock:
            self._waiting.setdefault(code, set()).add(event)
        try:
            yield event
        finally:
            with self._lock:
                waiting = self._waiting.get(code)
                if waiting is not None:
                    waiting.discard(event)
                    if not waiting:
                        del self._waiting[code]

    def wake_all(self) -> None:
        """Wake every page listening to any room (the server is stopping: each stream looks, and ends).
        Safe from a signal handler: the events are set by the loop itself, at its next turn."""
        with self._lock:
            events = [event for waiting in self._waiting.values() for event in waiting]
        if self._loop is not None:
            for event in events:
                with contextlib.suppress(RuntimeError):  # the loop has closed: nothing is listening any more
                    self._loop.call_soon_threadsafe(event.set)

    def listeners(self, code: str) -> int:
        with self._lock:
            return len(self._waiting.get(code, ()))


def digest(html: str) -> str:
    """A short fingerprint of a fragment: the page carries it, so the first event can be skipped."""
    return hashlib.sha256(html.encode()).hexdigest()[:16]


def event(html: str) -> str:
    """One server-sent event carrying a fragment and its fingerprint (JSON on one `data:` line)."""
    return f"data: {json.dumps({'html': html, 'digest': digest(html)}, separators=(',', ':'))}\n\n"


async def events(bell: Bell, code: str, stamp: Callable[[], Awaitable[object | None]],
                 render: Callable[[], Awaitable[str]], stopping: Callable[[], bool],
                 poll: float = POLL, gap: float = GAP) -> AsyncIterator[str]:
    """The stream of a room's fragment: rendered when the room's stamp changes (or its bell rings),
    sent when it differs from the last sent; ends when the room is gone or the server stops."""
    yield f"retry: {RETRY_MS}\n\n"
    last_stamp: object = None
    last_html: str | None = None
    quiet = rendered = time.monotonic() - gap
    with bell.listen(code) as rung:
        while not stopping():
            rung.clear()  # before looking: a ring while rendering is not lost
            now = await stamp()
            if now is None:
                yield "event: gone\ndata: \n\n"
                return
            if now != last_stamp:
                wait = rendered + gap - time.monotonic()
                if wait > 0:  # changes that come close together are shown together
                    await asyncio.sleep(wait)
                    now = await stamp()
                    if now is None:
                        continue
                last_stamp = now
                rendered = time.monotonic()
                html = await render()
                if html != last_html:
                    last_html = html
                    quiet = time.monotonic()
                    yield event(html)
            if time.monotonic() - quiet >= KEEPALIVE:
                quiet = time.monotonic()
                yield ": still here\n\n"
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(rung.wait(), timeout=poll)


@dataclass
class StreamCaps:
    """The most live streams open at once."""

    total: int = 200
    """In all (the server lowers it to half its connections)."""
    per_room: int = 70
    """One room: a page for each of its thirty groups and a second tab for each, the projector and the
    trainer's pages."""
    per_address: int = 100
    """From one address: a whole room behind one router, and more, but never the whole server."""
    per_browser: int = 4
    """From one browser (its session): a few tabs."""


class Streams:
    """The live streams open now, counted so that none of their kinds can take them all."""

    def __init__(self, caps: StreamCaps | None = None) -> None:
        self.caps = caps or StreamCaps()
        self._open: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    def fit(self, total: int) -> None:
        """At most `total` streams in all (the server's share of its connections for them)."""
        self.caps.total = max(1, min(self.caps.total, total))

    def take(self, room: str, address: str, browser: str | None) -> tuple[int, Callable[[], None] | None]:
        """Count a new stream in: (0, the call that counts it out again), or the status that refuses it
        (429: this address or browser has its share; 503: the room or the server is full) and None."""
        keys = [("all", ""), ("room", room), ("address", address)] + ([("browser", browser)] if browser else [])
        caps = {"all": self.caps.total, "room": self.caps.per_room, "address": self.caps.per_address,
                "browser": self.caps.per_browser}
        with self._lock:
            full = [kind for kind, key in keys if self._open[(kind, key)] >= caps[kind]]
            if full:
                return (429 if {"address", "browser"} & set(full) else 503), None
            for key in keys:
                self._open[key] += 1
        given = threading.Event()

        def give_back() -> None:
            if given.is_set():
                return
            given.set()
            with self._lock:
                for key in keys:
                    self._open[key] -= 1
                    if self._open[key] <= 0:
                        del self._open[key]

        return 0, give_back

    def count(self, kind: str = "all", key: str = "") -> int:
        with self._lock:
            return self._open[(kind, key)]


class Limiter:
    """A token bucket per client: `burst` tries at once, then one every `every` seconds.

    The default lets a whole room's groups join from one address (a network behind one router) and
    then some, and a guesser some thirty codes a minute out of 887 million.

    Given a store, the buckets are the store's (`Store.spend`): every server process on the database counts
    the same tries, so two processes do not give a guesser twice as many. Without one (or when the database
    cannot be written: a full disk), they are kept in this process's memory."""

    KEEP = 10_000
    """Clients remembered at most in memory; the ones with full buckets are forgotten first."""

    def __init__(self, burst: float = 40, every: float = 2.0, *, purpose: str = "rooms",
                 store: Store | None = None) -> None:
        self.burst = burst
        self.every = every
        self.purpose = purpose
        self.store = store
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def shared(self, store: Store, purpose: str | None = None) -> Limiter:
        """The same limits, counted in the store."""
        return Limiter(self.burst, self.every, purpose=purpose or self.purpose, store=store)

    def allow(self, client: str, now: float | None = None) -> bool:
        """Take one try from the client's bucket; False when it is empty."""
        if self.store is not None and now is None:
            try:
                return self.store.spend(self.purpose, client, self.burst, self.every)
            except StoreFailed:  # the database cannot keep the count now: this process keeps it meanwhile
                pass
        now = time.time() if now is None else now
        with self._lock:
            allowed, tokens, _ = take_try(self._buckets.get(client), now, self.burst, self.every)
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > self.KEEP:
                self._forget(now)
            return allowed

    def _forget(self, now: float) -> None:
        full = [c for c, (t, then) in self._buckets.items() if t + (now - then) / self.every >= self.burst]
        for client in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[client]
