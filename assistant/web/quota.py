"""How many new sessions one client address may make in a day (issue 19, F5).

A session is stored when a browser first does something that needs one (choosing a role, loading an
answers file, joining a room). Without a limit, one client could make sessions as fast as it can
send forms and fill the disk; with it, an address makes at most `per_day` at once, and one more each
`1/per_day` of a day after (a token bucket, as the joins' `Limiter`: at most twice `per_day` in any
day). A workshop room behind one router is some 30 groups, a trainer and a projector, each a session:
the default leaves room for that several times over, and is far too few to matter to the disk. The
store's own cap (`MAX_SESSIONS`) bounds what many addresses together can make.

The counts are the store's (`Store.spend`), so every server process on one database counts the same
sessions; the store keeps an address only as a keyed hash, and only until its count is back to full.
"""

from __future__ import annotations

from assistant.store import Store
from assistant.web.live import Limiter

SESSIONS_PER_CLIENT = 100
"""New sessions an address may make in a day, by default."""
DAY = 24 * 3600.0


def session_quota(per_day: int = SESSIONS_PER_CLIENT, store: Store | None = None) -> Limiter:
    """New sessions per client address: `allow(client)` counts one in, or says there is none left today."""
    per_day = max(1, per_day)
    return Limiter(per_day, DAY / per_day, purpose="sessions", store=store)
