"""The assistant's themes: Textual's dark and light, and a high-contrast one of our own."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="samarbeid-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff4040",
    dark=True,
)
THEMES = {"light": "textual-light", "dark": "textual-dark", "contrast": "samarbeid-contrast"}
