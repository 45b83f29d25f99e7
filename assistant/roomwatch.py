"""Who else changed a workshop room: what lets a server process tell its live pages of a change another
process on the same database made (issue 23).

For SQLite, `watch_file`: a thread with a connection of its own asks the database's `data_version` five
times a second, a number that moves only when another connection has written (a cheap look at the file's
header, no query of a table). When it moved, the rooms changed since the last look, or whose groups
answered since, are rung. A process's own writes move it too (its store has another connection): its store
says when it last changed each room, and those changes, already rung in the process, are not rung again.

PostgreSQL tells instead of being asked: its store NOTIFYs on every change of a room, and LISTENs.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

LOOK_EVERY = 0.2
"""Seconds between two looks at the file's data_version."""
MARGIN = 2.0
"""Seconds looked back past the last look: a change is stamped when its transaction begins and seen once
it is committed, which may be a little later."""

log = logging.getLogger("samarbeid")


def watch_file(path: Path, ring: Callable[[str], None], own: Callable[[str], float] = lambda code: 0.0,
               every: float = LOOK_EVERY) -> Callable[[], None]:
    """Ring each room another connection to the SQLite file at `path` changes, until the returned call.

    `own(code)` is when this process itself last changed the room (its store rang its own pages then): a
    change no later than that is not rung again, nor is one already rung, so each change of another process
    wakes the pages once."""
    stop = threading.Event()

    def run() -> None:
        try:
            # read-only: this connection never writes (the path quoted, as a URI must have it: %, ?, # ...)
            db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False, timeout=1.0)
        except sqlite3.Error as err:
            log.info("changes by other server processes are seen only every second: %s", err)
            return
        with contextlib.closing(db):
            version = None
            since = time.time()
            rung: dict[str, float] = {}
            """Room -> the latest change rung (or found to be this process's own)."""
            while not stop.wait(every):
                with contextlib.suppress(sqlite3.Error):  # busy or full for a moment: the next look sees it
                    now_version = db.execute("PRAGMA data_version").fetchone()[0]
                    if now_version == version:
                        continue
                    version, looked = now_version, time.time()
                    latest: dict[str, float] = {}
                    for code, updated in db.execute(
                            "SELECT code, updated FROM rooms WHERE updated > ?1 UNION ALL SELECT room, max(updated)"
                            " FROM sessions WHERE updated > ?1 AND room IS NOT NULL GROUP BY room",
                            (since - MARGIN,)):
                        latest[code] = max(latest.get(code, 0.0), float(updated))
                    since = looked
                    for code, updated in latest.items():
                        if updated > max(rung.get(code, 0.0), own(code)):
                            ring(code)
                        rung[code] = max(rung.get(code, 0.0), updated)
                    for code in [c for c, when in rung.items() if when < since - MARGIN]:
                        del rung[code]  # looked past: kept only as long as the look reaches back

    threading.Thread(target=run, name="samarbeid-room-watch", daemon=True).start()
    return stop.set
