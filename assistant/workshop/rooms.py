"""A workshop room's rules: its join code, the trainer's secret, group names, who may join.

The web room stores rooms and groups; the rules for them live here, so they hold the same in
every front end and are tested without a server. A join code is short and read aloud or off a
projector, so its alphabet leaves out the characters people confuse (0/O, 1/I/L). A group name
is shown to the whole room: it is cleaned (one line, no character that acts on a terminal or
reorders a line) and cut to a length a projector can show.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection

from assistant.safetext import visible

MAX_GROUPS = 30
"""The groups a room holds (DESIGN.md's budget is measured with 30)."""
MAX_NAME = 40
"""A group name's length, in characters, after cleaning."""
CODE_LENGTH = 6
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Capital letters and digits without 0, O, 1, I and L: 31 characters, some 887 million codes of six."""

REASONS = ("no_such_room", "room_closed", "room_full", "name_taken", "name_empty")


class JoinRefused(ValueError):
    """A group may not join; `reason` says why, for the front end to say in the person's language."""

    def __init__(self, reason: str) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        super().__init__(reason)
        self.reason = reason


def new_code() -> str:
    """A new join code, from the operating system's random source."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    """A code as a person may type it (`abc 23d`, `ABC-23D`) in the form `new_code` gives."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def new_token() -> str:
    """The trainer's secret: it alone controls the room."""
    return secrets.token_urlsafe(24)


def clean_name(name: str) -> str:
    """A group name as the room shows it: one line with single spaces, every character that could act
    written as its escape (safetext), at most MAX_NAME characters; "" when nothing is left."""
    return visible(" ".join(name.split()))[:MAX_NAME].strip()


def same_name(a: str, b: str) -> bool:
    """Whether two names would look the same to the room (case and spacing aside)."""
    return clean_name(a).casefold() == clean_name(b).casefold()


def check_join(name: str, taken: Collection[str], closed: bool, count: int) -> str:
    """The clean name a group joins with, or JoinRefused: the room is closed, full (`count` groups
    already), the name is empty, or another group has it (case and spacing aside)."""
    if closed:
        raise JoinRefused("room_closed")
    if count >= MAX_GROUPS:
        raise JoinRefused("room_full")
    clean = clean_name(name)
    if not clean:
        raise JoinRefused("name_empty")
    if any(same_name(clean, other) for other in taken):
        raise JoinRefused("name_taken")
    return clean
