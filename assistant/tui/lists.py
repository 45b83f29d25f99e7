"""The option lists of the screens (roles, saved sessions, options, the review), safe to page at any size.

Textual's OptionList lays out its lines only while it has room to show one; at a few rows the
list has none, and PageUp/PageDown then look up a line that was never laid out (KeyError in
`OptionList._move_page`, Textual 8.2.8). A list with no room pages by one option instead.
"""

from __future__ import annotations

from textual.widgets import OptionList


def page(options: OptionList, direction: int) -> None:
    """Move the highlight of `options` a page down (1) or up (-1); by one option where the list shows
    no line to measure a page by (a terminal a few rows high)."""
    if options.highlighted is not None and not options.scrollable_content_region:
        (options.action_cursor_down if direction > 0 else options.action_cursor_up)()
    elif direction > 0:  # Textual's own page move (8.2.8 leaves these two actions unannotated)
        OptionList.action_page_down(options)  # type: ignore[no-untyped-call]
    else:
        OptionList.action_page_up(options)  # type: ignore[no-untyped-call]


class PagingOptionList(OptionList):
    """An OptionList whose PageUp and PageDown work at any height (see the module's docstring)."""

    def action_page_up(self) -> None:
        page(self, -1)

    def action_page_down(self) -> None:
        page(self, 1)
