"""Plain ids and names shared everywhere; nothing here imports pydantic, so the
terminal assistant can paint its first frame before the rule base is loaded."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nb", "en"]
LANGS: tuple[Lang, ...] = ("nb", "en")
DONT_KNOW = "dont_know"
