"""Whole numbers read from a request: a round, a slide, a length.

`str.isdigit` takes `\u00b2` and `\u0661` (a superscript two, an Arabic-Indic one) for digits and
`int` takes the second too, as it takes a number too large for SQLite; one of 5000 digits Python will
not convert at all: each of those was a 500. A number in a request is ASCII digits only, of a bounded
length, within a bound; anything else is None, and the caller answers 400 (a form) or 404 (a path).
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(0|[1-9][0-9]{0,17})")
"""ASCII digits without a leading zero (`01` is not the address of slide 1), at most 18 of them."""


def request_number(text: str, most: int) -> int | None:
    """`text` as a whole number from 0 to `most`, or None when it is not one (or is larger)."""
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= most else None
