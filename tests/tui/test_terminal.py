"""The assistant as a person runs it: the real program in a pseudo-terminal, read as the terminal
reads it (issue 19, brief H6). Pastes with escapes (F2), SIGTERM and SIGHUP (F24), ctrl+z (F25).

Pilot cannot show these: its driver reads no terminal and takes no signal. Each test starts the
program (or a shell that starts it) with `pty.fork`, writes what a terminal would send and reads
what the program writes back, and what it saved.
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import shutil
import signal
import struct
import sys
import threading
import time
from fcntl import ioctl
from pathlib import Path
from termios import TIOCSWINSZ

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")

PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = (b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l")
CURSOR_ON = b"\x1b[?25h"
PASTE_MODE_OFF = b"\x1b[?2004l"
RESTORED = (LEAVE_ALT_SCREEN, *MOUSE_OFF, CURSOR_ON, PASTE_MODE_OFF)
"""What ctrl+q writes as the app ends: the main screen back, mouse reporting off, the cursor on."""


class Terminal:
    """A pseudo-terminal of 100×30 with a program in it; what the program writes is kept in `shown`."""

    def __init__(self, argv: list[str], data: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR", "PYTEST"))}
        env.update(PYTHONPATH=str(ROOT), SAMARBEID_DATA_DIR=str(data), TERM="xterm-256color", PS1="$ ",
                   HOME=str(data))
        self.data = data
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: nothing but exec (the test process has threads)
            try:
                os.chdir(data)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        ioctl(self.fd, TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.shown = bytearray()
        self.status: int | None = None
        self._reading = True
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while self._reading:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the program has ended and the terminal with it
                return
            if not chunk:
                return
            self.shown.extend(chunk)

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def wait_for(self, text: bytes, since: int = 0, seconds: float = 20) -> None:
        """Wait until the program has written `text` (after offset `since`); fail if it never does."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text in self.shown[since:]:
                return
            time.sleep(0.02)
        raise AssertionError(f"{text!r} never shown; the end of what was: {bytes(self.shown[-300:])!r}")

    def exit_code(self, seconds: float = 10) -> int:
        """Wait for the program to end; its exit code (minus the signal that ended it)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                time.sleep(0.1)  # the last bytes it wrote reach the reader
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.02)
        raise AssertionError("the program did not end")

    def stopped(self, seconds: float = 10) -> bool:
        """Whether the program is stopped (ctrl+z), waiting up to `seconds` for it."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG | os.WUNTRACED)
            if pid and os.WIFSTOPPED(status):
                return True
            time.sleep(0.02)
        return False

    def answers(self) -> dict:
        """The answers in the one session saved so far (without its meta block); {} before there is one."""
        files = sorted((self.data / "sessions").glob("*.yaml")) if (self.data / "sessions").is_dir() else []
        assert len(files) <= 1, files
        if not files:
            return {}
        saved = yaml.safe_load(files[0].read_text(encoding="utf-8")) or {}
        return {k: v for k, v in saved.items() if k != "meta"}

    def wait_for_answers(self, wanted: set[str], seconds: float = 20) -> dict:
        """Wait until the saved session answers (at least) the questions `wanted`."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            answers = self.answers()
            if wanted <= set(answers):
                return answers
            time.sleep(0.05)
        raise AssertionError(f"never saved {wanted}: {self.answers()}")

    def close(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        self._reading = False
        self._reader.join()
        with contextlib.suppress(OSError):
            os.close(self.fd)


ASSISTANT = [sys.executable, "-m", "assistant", "--lang", "en"]


@pytest.fixture
def assistant(tmp_path):
    """The assistant in English, started in a terminal, showing its start screen."""
    term = Terminal(ASSISTANT, tmp_path)
    try:
        term.wait_for(b"Who are you")
        yield term
    finally:
        term.close()


def paste(text: bytes) -> bytes:
    """A paste as a terminal sends it (bracketed paste)."""
    return PASTE_START + text + PASTE_END


HOSTILE_PASTES = [b"\x1b[31m12", b"ab\x1bc12", b"x\x1b[201~34", b"\x1b]0;PWNED\x07\x1b[31mRED\x1b[2J1234"]
"""The probe's pastes: digits behind an escape sequence, behind ESC c, behind the paste's own end mark."""


def test_a_paste_with_escapes_never_answers(assistant):
    """F2: pastes holding ESC, on the start screen and on a question, choose no role and answer no
    question; the keys typed after them do what they always do."""
    for text in HOSTILE_PASTES:
        assistant.write(paste(text))
    assistant.write(b"7")  # the role: social entrepreneur
    assert assistant.wait_for_answers({"role"}) == {"role": "entrepreneur"}
    assistant.wait_for(b"Question 2")
    for text in HOSTILE_PASTES:
        assistant.write(paste(text))
    assistant.write(b"1")  # question 2's first option
    answers = assistant.wait_for_answers({"task_defined"})
    time.sleep(0.5)  # anything the pastes would have answered is saved by now
    assistant.write(b"\x11")  # ctrl+q
    assert assistant.exit_code() == 0
    assert assistant.answers() == answers
    assert list(answers) == ["role", "task_defined"]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_gives_the_terminal_back_as_ctrl_q_does(assistant, number):
    """F24: SIGTERM or SIGHUP ends the assistant as ctrl+q does: the main screen back, mouse reporting
    off and the cursor on, written before it ends; the answer given is kept; exit code 128 + signal.
    Issue 20: SIGTERM ends as ctrl+q does also in saying where the answers are, once the terminal is back
    (this was test_quitting_says_where_the_answers_are_once_the_terminal_is_back[SIGTERM], a program
    started for it alone)."""
    assistant.write(b"7")
    assistant.wait_for_answers({"role"})
    assistant.wait_for(b"Question 2")
    since = len(assistant.shown)
    os.kill(assistant.pid, number)
    assert assistant.exit_code() == 128 + number
    after = bytes(assistant.shown[since:])
    for sequence in RESTORED:
        assert sequence in after, sequence
    assert assistant.answers() == {"role": "entrepreneur"}
    if number == signal.SIGTERM:
        says_where_the_answers_are(assistant, since)


def test_a_terminal_that_hangs_up_ends_the_assistant(assistant):
    """F24: the terminal closed under the assistant (a real hang-up, not only the signal): it ends at
    once, as for SIGHUP (it never waits for ever on a terminal that is gone), the answers kept."""
    assistant.write(b"7")
    assistant.wait_for_answers({"role"})
    assistant._reading = False
    assistant._reader.join()
    os.close(assistant.fd)
    assert assistant.exit_code() == 128 + signal.SIGHUP
    assert assistant.answers() == {"role": "entrepreneur"}


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for job control")
@pytest.mark.parametrize("through_a_script", [False, True], ids=["typed", "from-a-script"])
def test_ctrl_z_goes_back_to_the_shell_and_fg_comes_back(tmp_path, through_a_script):
    """F25: ctrl+z in the assistant, started from a shell (or by a script the shell runs): the terminal
    is given back (as ctrl+q does) and the shell says the job is stopped; `fg` and Enter go to the
    shell, not to the assistant; `fg` draws the screen again, and the next key works as before."""
    command = " ".join(ASSISTANT)
    if through_a_script:  # `; true`: so that bash runs the assistant as a child, not in its own place
        command = f"bash -c '{command}; true'"
    shell = Terminal(["/bin/bash", "--norc", "--noprofile", "-i"], tmp_path)
    try:
        shell.wait_for(b"$ ")
        shell.write(command.encode() + b"\r")
        shell.wait_for(b"Who are you")
        since = len(shell.shown)
        shell.write(b"\x1a")  # ctrl+z
        shell.wait_for(b"Stopped", since)
        stop = bytes(shell.shown[since:])
        for sequence in RESTORED:
            assert sequence in stop.split(b"Stopped")[0], sequence
        since = len(shell.shown)
        shell.write(b"fg\r")
        shell.wait_for(b"Who are you", since)  # drawn again
        shell.write(b"7")
        assert shell.wait_for_answers({"role"}) == {"role": "entrepreneur"}  # not the role Enter was on
        shell.wait_for(b"Question 2")
        time.sleep(0.3)
        assert shell.answers() == {"role": "entrepreneur"}
        since = len(shell.shown)
        shell.write(b"\x11")
        shell.wait_for(b"$ ", since)  # back at the prompt
    finally:
        shell.close()


def test_ctrl_z_with_no_shell_to_come_back_to_says_so(assistant):
    """F25: started with no job control (here straight in the terminal, as `tmux new samarbeid` does),
    a stopped assistant could never be continued: ctrl+z says how to quit instead, and it carries on."""
    since = len(assistant.shown)
    assistant.write(b"\x1a")
    assistant.wait_for(b"Ctrl+Z puts", since)  # the notice (its first words: it wraps)
    assert not assistant.stopped(seconds=0.3)
    assistant.write(b"7")
    assert assistant.wait_for_answers({"role"}) == {"role": "entrepreneur"}
    since = len(assistant.shown)
    assistant.write(b"\x11")
    assert assistant.exit_code() == 0
    says_where_the_answers_are(assistant, since)  # issue 20, after ctrl+q


def says_where_the_answers_are(term: Terminal, since: int) -> None:
    """Issue 20: after the terminal is given back (the main screen again), one line names the session's
    file, in the session's language (English here). Checked after ctrl+q (test_ctrl_z_with_no_shell_...)
    and after SIGTERM (test_a_signal_gives_the_terminal_back_as_ctrl_q_does): each was a test of its own,
    test_quitting_says_where_the_answers_are_once_the_terminal_is_back, with a program started for it."""
    after = bytes(term.shown[since:]).replace(b"\r\n", b"\n")
    [kept] = (term.data / "sessions").glob("*.yaml")
    line = f"samarbeid: your answers are saved in {kept}\n".encode()
    assert line in after, after[-300:]
    assert after.index(LEAVE_ALT_SCREEN) < after.index(line)  # on the shell's screen, not the app's


# ---------------------------------------------------------------- the guard itself, read by Textual's parser

def parsed(chunks: list[str]) -> list[tuple[str, str]]:
    """What Textual's parser makes of `chunks` (reads from the terminal) once they pass the guard."""
    from textual._xterm_parser import XTermParser

    from assistant.tui.terminal import PasteGuard

    guard, parser = PasteGuard(), XTermParser()
    passed = [guard(chunk) for chunk in chunks]
    events = [event for chunk in passed if chunk for event in parser.feed(chunk)]  # as the driver: "" is not fed
    return [(type(e).__name__, getattr(e, "key", None) or getattr(e, "text", "")) for e in events]


@pytest.mark.parametrize("text", [t.decode() for t in HOSTILE_PASTES])
def test_a_paste_with_escapes_is_one_paste_and_no_keys(text):
    """F2: whatever a paste holds, the parser makes one Paste of it and no key; each ESC in it shows as ^[."""
    [(kind, pasted)] = parsed([paste(text.encode()).decode()])
    assert kind == "Paste" and "\x1b" not in pasted and pasted.replace("^[", "\x1b") == text


def test_marks_split_between_reads_and_keys_around_a_paste():
    """F2: a paste's marks split between two reads still mark it; keys before and after it stay keys."""
    assert parsed(["\x1b[20", "0~\x1b[31m12\x1b[2", "01~5"]) == [("Paste", "^[[31m12"), ("Key", "5")]
    assert parsed(["1\x1b[200~12\x1b[201~2"]) == [("Key", "1"), ("Paste", "12"), ("Key", "2")]
    assert parsed(["\x1b[200~a\x1b", "c\x1b[201~"]) == [("Paste", "a^[c")]
    assert parsed(["\x1b", "[2", "00~\x1b", "[2", "01", "~3"]) == [("Paste", ""), ("Key", "3")]
    assert parsed(["\x1b", "[2", "00~\x1bc1", "\x1b[2", "01", "~3"]) == [("Paste", "^[c1"), ("Key", "3")]


def test_the_escape_key_is_never_held_back():
    """F2: outside a paste the guard passes everything on at once (the Escape key keeps its timing)."""
    from assistant.tui.terminal import PasteGuard

    guard = PasteGuard()
    assert guard("\x1b") == "\x1b"
    assert guard("\x1b[") == "\x1b["
    assert guard("A") == "A"
