"""The terminal the assistant runs in: pasted text that is never read as keys, and a stop by
signal (SIGTERM, SIGHUP) that leaves the terminal as ctrl+q does.

Pastes. A terminal marks a paste with ESC [200~ … ESC [201~ ("bracketed paste"). Textual's
parser (8.2.8) collects what lies between the marks as one Paste, but an ESC inside it starts
an escape sequence, and one it does not know is given back as key presses: a paste of
`ESC [31m12` pressed 3, 1, 1 and 2 and answered four questions (F2). `PasteGuard` sits between
the bytes read and the parser and writes each ESC inside a paste as the two characters `^[`,
as terminals show it: the parser then sees plain text, and the paste stays one Paste.

Signals. Textual restores the terminal (main screen, mouse reporting off, the cursor back)
only when the app exits; SIGTERM and SIGHUP ended the process before that (F24). They now
end the app as ctrl+q does. Every answer is saved when it is given, so nothing is lost.
ctrl+z (F25) gives the terminal back and stops the whole job, as a terminal's own ctrl+z does.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import selectors
import signal
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any, TextIO

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESC_IN_PASTE = "^["
"""What an ESC inside a paste becomes: caret notation, shown as written, never obeyed."""


def _prefix_at_end(text: str, mark: str) -> int:
    """How many characters at the end of `text` begin `mark` (without being all of it)."""
    for size in range(min(len(mark) - 1, len(text)), 0, -1):
        if text.endswith(mark[:size]):
            return size
    return 0


class PasteGuard:
    """Reads the terminal's input chunk by chunk and returns it with every ESC inside a bracketed
    paste written as `^[`. The marks may be split between reads; the end of a paste is held back
    until it is whole (a paste always ends), and then a chunk may come back as "" (never feed that
    to the parser, which takes "" for the end of input). Nothing else is ever held back: an ESC
    key outside a paste reaches the parser at once, so its timing is Textual's as before.

    A paste that itself holds the end mark (`x ESC [201~ 34`) ends early in the terminal's eyes;
    the stray end mark that follows in the same read shows that what lay between was pasted too,
    and it is taken as text of the paste."""

    def __init__(self) -> None:
        self.in_paste = False
        self._held = ""
        """Inside a paste: the end of the last read, which may be the start of the end mark."""
        self._begun = 0
        """Outside a paste: how much of the start mark the last read ended with (passed on already)."""

    def __call__(self, data: str) -> str:
        text, self._held = self._held + data, ""
        out: list[str] = []
        pos = 0
        if not self.in_paste and self._begun:  # a start mark split between reads
            rest = PASTE_START[self._begun:]
            if rest.startswith(text):
                self._begun += len(text)
                return text
            if text.startswith(rest):
                pos = len(rest)
                out.append(text[:pos])
                self.in_paste = True
        self._begun = 0
        while pos < len(text):
            if not self.in_paste:
                start = text.find(PASTE_START, pos)
                if start < 0:
                    out.append(text[pos:])
                    self._begun = _prefix_at_end(text, PASTE_START)
                    break
                out.append(text[pos:start + len(PASTE_START)])
                pos = start + len(PASTE_START)
                self.in_paste = True
                continue
            end = self._paste_end(text, pos)
            if end < 0:
                keep = _prefix_at_end(text, PASTE_END)
                out.append(text[pos:len(text) - keep].replace("\x1b", ESC_IN_PASTE))
                self._held = text[len(text) - keep:]
                break
            out.append(text[pos:end].replace("\x1b", ESC_IN_PASTE) + PASTE_END)
            pos = end + len(PASTE_END)
            self.in_paste = False
        return "".join(out)

    @staticmethod
    def _paste_end(text: str, pos: int) -> int:
        """Where the paste that goes on at `pos` ends: its end mark, or a later one when no start
        mark comes between (then the first was pasted text); -1 if it does not end in `text`."""
        end = text.find(PASTE_END, pos)
        while end >= 0:
            later = text.find(PASTE_END, end + len(PASTE_END))
            start = text.find(PASTE_START, end + len(PASTE_END))
            if later < 0 or 0 <= start < later:
                break
            end = later
        return end


class TerminalOutput:
    """The terminal as Textual's writer thread writes to it, where a terminal that has hung up (EIO)
    swallows what is written: nobody can see it any more, and Textual's writer thread, stopped by an
    error, would leave the exit waiting on it for ever."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> None:
        if self._stream is not None:
            with contextlib.suppress(OSError, ValueError):  # ValueError: the stream is closed
                self._stream.write(text)

    def flush(self) -> None:
        if self._stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self._stream.flush()

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError("no terminal to write to")
        return self._stream.fileno()


class GuardedDriver(LinuxDriver):
    """Textual's driver for Linux and macOS with the PasteGuard between the bytes read and the parser,
    SIGTERM and SIGHUP taken as ctrl+q, ctrl+z stopping the whole job, and a terminal that hangs up
    taken as the end of input."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._file = TerminalOutput(self._file)  # type: ignore[assignment]  # writes as the stream did

    def start_application_mode(self) -> None:
        """Take the terminal (again, after ctrl+z); from then on SIGTERM and SIGHUP end the app as ctrl+q
        does, so the terminal is given back as it was (F24). The exit code says which signal it was
        (128 + its number), as a shell does."""
        super().start_application_mode()  # type: ignore[no-untyped-call]  # unannotated in Textual 8.2.8
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(number, self._app.exit, None, 128 + number)

    def _sigtstp_application(self, *_: object) -> None:
        """SIGTSTP (ctrl+z, F25): give the terminal back, then stop the whole job, as the terminal's own
        ctrl+z would: a script that started the assistant stops with it, and the shell sees the job
        stopped, to be continued with `fg` (SIGCONT takes the terminal again). Textual 8.2.8's handler,
        which stops only its own process, with the process group in its place."""
        if self._auto_restart:
            self.suspend_application_mode()
            self._must_signal_resume = True
        os.killpg(os.getpgrp(), signal.SIGSTOP)

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events: Textual 8.2.8's `LinuxDriver.run_input_thread` with the
        guard between the bytes read and the parser, and the end of input (a closed pipe, a terminal
        that hung up) waited out rather than read again and again (tests/tui/test_terminal.py runs it
        in a real terminal)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        guard = PasteGuard()
        decode = getincrementaldecoder("utf-8")().decode

        def process_selector_events(selector_events: list[tuple[selectors.SelectorKey, int]],
                                    final: bool = False) -> bool:
            """Read what is there and pass it on; False once input has ended."""
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    try:
                        read = os.read(fileno, 1024 * 4)
                    except OSError:  # EIO: the terminal has hung up
                        return False
                    if not read:  # standard input is a pipe, and it is closed
                        return False
                    # "" from either (half a character; a paste's end held back) is not passed on:
                    # the parser takes "" for the end of input
                    passed = guard(decode(read, final=final and last))
                    if passed:
                        for event in parser.feed(passed):
                            self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not process_selector_events(selector.select(0.1)):
                    self.exit_event.wait()  # nothing more will come: wait for the app to end
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
