"""The text field of the dialogs: a paste longer than the field may hold is cut to fit.

Textual's Input refuses a whole paste that would make its value longer than `max_length`, with
only a bell: a 10 KB name pasted into "Name the group" was lost without a word, and Enter then
kept whatever was left (F26). Here a paste is cut to the room there is, as typing stops there.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class Field(Input):
    """An Input whose paste is cut to the room left under `max_length` (the selection it replaces counts as room)."""

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own paste would refuse the whole text
        event.stop()
        if not event.text:
            return
        line = event.text.splitlines()[0] if event.text.splitlines() else ""  # one line, as Input takes
        start, end = sorted(self.selection)
        if self.max_length:
            room = self.max_length - (len(self.value) - (end - start))
            if room < len(line):
                self.restricted()  # the bell, as for a key typed at the limit
            line = line[:max(room, 0)]
        self.replace(line, start, end)
