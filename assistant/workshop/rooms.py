"""A workshop room's rules: its join code, the trainer's secret, group names, who may join.

The web room stores rooms and groups; the rules for them live here, so they hold the same in
every front end and are tested without a server. A join code is short and read aloud or off a
projector, so its alphabet leaves out the characters people confuse (0/O, 1/I/L). A group name
is shown to the whole room: it is cleaned (one line, no character that acts on a terminal or
reorders a line, none that cannot be seen) and cut to a length a projector can show; a name with
nothing to see is refused, and so is one that would look like another group's on the wall.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Collection

from assistant.safetext import visible

MAX_GROUPS = 30
"""The groups a room holds (DESIGN.md's budget is measured with 30)."""
MAX_NAME = 40
"""A group name's length, in characters, after cleaning."""
CODE_LENGTH = 6
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Capital letters and digits without 0, O, 1, I and L: 31 characters, some 887 million codes of six."""

REASONS = ("no_such_room", "room_closed", "room_full", "name_taken", "name_empty", "name_invisible")

INVISIBLE = re.compile(
    "[\xad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2065\u206a-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]")
"""Unicode's default-ignorable characters (zero-width spaces and joiners, the soft hyphen, the Hangul
fillers, variation selectors, tags, a byte-order mark ...): nothing is drawn for them, so a name of them
alone is blank on the projector and `Al\u200bpha` looks like `Alpha`. The bidirectional controls among
them are not here: `visible` writes those as escapes, so the room sees that something odd was typed."""
BLANK = frozenset("\u2800")
"""Drawn as nothing though Unicode calls it a symbol (the blank braille pattern)."""
LOOK_ALIKES = str.maketrans(
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423\u0406\u0408\u0405\u0500"  # Cyrillic
    "\u051a\u051c\u04ae\u04ba\u04c0\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501"
    "\u051b\u051d\u04bb\u04cf\u04af\u0261"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7\u03bf\u03bd"  # Greek
    "\u03b9\u03ba\u03c1\u03c4\u03c5\u03c7\u03b1"
    "\u0585\u057d\u0581\u0570\u0578\u054f\u0555",  # Armenian
    "ABEKMHOPCTXYIJSD"
    "QWYHIaeopcyxijsd"
    "qwhlyg"
    "ABEZHIKMNOPTYXov"
    "ikptuxa"
    "oughnSO"
)
"""Letters of other scripts (Cyrillic, Greek, Armenian; written as escapes here, since they look like
the Latin letters below them) that a projector draws as Latin letters: `\u0410lpha` with a Cyrillic A
is `Alpha` on the wall. A small table rather than a library: group names are typed in a room, and the
look-alikes that matter there are the Cyrillic, Greek and Armenian capitals and small letters that
share a Latin letter's shape (NFKC already folds the wide, the mathematical and the circled forms)."""


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
    written as its escape (safetext), the characters nothing is drawn for taken out (`INVISIBLE`, the
    bidirectional controls aside: those are shown as escapes), at most MAX_NAME
    characters; "" when nothing is left."""
    return visible(" ".join(INVISIBLE.sub("", name).split()))[:MAX_NAME].strip()


def seen(name: str) -> bool:
    """Whether a name has something to see: a letter, a digit, a mark of punctuation or a symbol."""
    return any(unicodedata.category(ch)[0] in "LNPS" and ch not in BLANK for ch in name)


def looks(name: str) -> str:
    """What a name looks like on the wall, for comparing: compatibility forms folded (NFKC), the
    look-alike letters of other scripts as their Latin twins, case and spacing aside."""
    folded = unicodedata.normalize("NFKC", clean_name(name)).translate(LOOK_ALIKES)
    return " ".join(INVISIBLE.sub("", folded).casefold().split())


def same_name(a: str, b: str) -> bool:
    """Whether two names would look the same to the room (case, spacing, wide forms and look-alike
    letters of other scripts aside)."""
    return looks(a) == looks(b)


def check_join(name: str, taken: Collection[str], closed: bool, count: int) -> str:
    """The clean name a group joins with, or JoinRefused: the room is closed, full (`count` groups
    already), the name is empty or has nothing to see, or another group has it (or one that looks the
    same on the wall)."""
    if closed:
        raise JoinRefused("room_closed")
    if count >= MAX_GROUPS:
        raise JoinRefused("room_full")
    clean = clean_name(name)
    if not clean:
        raise JoinRefused("name_invisible" if name.strip() else "name_empty")
    if not seen(clean):
        raise JoinRefused("name_invisible")
    if any(same_name(clean, other) for other in taken):
        raise JoinRefused("name_taken")
    return clean
