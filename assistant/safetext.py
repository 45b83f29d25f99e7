"""Text from a file, a rule base or a person, made safe to show: no character in it can act.

A terminal obeys control characters: ESC starts a sequence that can retitle the window, clear
the screen or move the cursor; C1 controls do the same on some terminals; bidirectional
overrides make a line read differently from what it holds; NUL cuts text short. Every front
end and report shows such text through `visible`, which writes each of those characters as
its escape (`\\x1b`, `\\u202e`), so a person sees that it is there and nothing happens.
Line feeds and tabs are kept.
"""

from __future__ import annotations

import re

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and line feed, DEL, C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides, isolates
    "\u2028\u2029\ufeff]"  # line and paragraph separators, a byte-order mark inside text
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every character that could act on a terminal or reorder a line written as its escape."""
    return UNSAFE.sub(_escape, text)


def unsafe_characters(text: str) -> list[str]:
    """The characters `visible` would write as escapes, as those escapes (for `check`'s warnings)."""
    return [_escape(m) for m in UNSAFE.finditer(text)]


def json_visible(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with the same characters written as JSON
    escapes (`\\u202e`): the same data, valid JSON, and nothing in it acts on a terminal."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
