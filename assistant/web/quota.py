"""How many new sessions one client address may make in a day (issue 19, F5).

A session is stored when a browser first does something that needs one (choosing a role, loading an
answers file, joining a room). Without a limit, one client could make sessions as fast as it can
send forms and fill the disk; with it, an address makes at most `per_day` in any day. A workshop room
behind one router is some 30 groups, a trainer and a projector, each a session: the default leaves
room for that several times over, and is far too few to matter to the disk. The store's own cap
(`MAX_SESSIONS`) bounds what many addresses together can make.

The counts are kept in memory, not in the store (no address is ever stored), so a restart begins
them anew. At most `addresses` are remembered; past that the oldest windows are forgotten first.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

SESSIONS_PER_CLIENT = 100
"""New sessions an address may make in a day, by default."""
DAY = 24 * 3600.0


class SessionQuota:
    """New sessions per client address in a window of time (a day): ask `allows`, then `count` each one made."""

    def __init__(self, per_day: int = SESSIONS_PER_CLIENT, *, window: float = DAY, addresses: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_day = per_day
        self.window = window
        self.addresses = addresses
        self.clock = clock
        self._made: dict[str, tuple[float, int]] = {}
        """Address -> (when its window began, sessions made in it)."""
        self._lock = threading.Lock()

    def allows(self, client: str) -> bool:
        """Whether this address may make one more session now."""
        with self._lock:
            began, made = self._made.get(client, (0.0, 0))
            return self.clock() - began >= self.window or made < self.per_day

    def count(self, client: str) -> None:
        """One session more made by this address."""
        with self._lock:
            now = self.clock()
            began, made = self._made.get(client, (now, 0))
            if now - began >= self.window:
                began, made = now, 0
            self._made[client] = (began, made + 1)
            if len(self._made) > self.addresses:
                self._forget(now)

    def _forget(self, now: float) -> None:
        for client in [c for c, (began, _) in self._made.items() if now - began >= self.window]:
            del self._made[client]
        if len(self._made) > self.addresses:
            by_age = sorted(self._made, key=lambda c: self._made[c][0])
            for client in by_age[: len(self._made) - self.addresses]:
                del self._made[client]
