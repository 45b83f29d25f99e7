"""The plain line mode, driven as a person would type."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from assistant.plain import run_plain
from tests.conftest import ROOT


class Typist:
    """Types the given replies, then stops (end of input); records all output."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.prompts: list[str] = []
        self.lines: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def tell(self, line: str = "") -> None:
        self.lines.append(line)

    @property
    def screen(self) -> str:
        return "\n".join(self.lines)


def _dont_know_number(screen: str) -> str:
    """The number of the last shown "Vet ikke"/"Don't know" option."""
    for line in reversed(screen.splitlines()):
        stripped = line.strip()
        if stripped.endswith(") Vet ikke") or stripped.endswith(") Don't know"):
            return stripped.split(")")[0]
    raise AssertionError("no don't-know option shown")


def test_every_question_offers_dont_know_and_the_end_shows_a_result(engine):
    typist = Typist([])
    replies = []

    def ask(prompt):
        # answer "don't know" to every question, reading the number off the screen
        replies.append(_dont_know_number(typist.screen))
        return replies[-1]

    typist.ask = ask  # type: ignore[method-assign]
    answers = run_plain(engine, "nb", ask=typist.ask, tell=typist.tell)
    assert answers is not None
    assert set(answers.values()) == {("dont_know",)}
    assert "Svarene avgjør ikke formen ennå." in typist.screen
    assert typist.screen.count(") Vet ikke") == len(answers)


def test_help_back_and_invalid_input(engine):
    typist = Typist(["1", "?", "b", "9x", "", "2", "q"])
    result = run_plain(engine, "en", ask=typist.ask, tell=typist.tell)
    screen = typist.screen
    assert result is None
    assert "Question 1 of" in screen and "Who are you in this collaboration?" in screen
    # "?" shows the report's idea behind the question and its sections
    assert "This is the report's first axis" in screen
    assert "Source: AFI-rapport 2020:10, 4.1, 4.1.3" in screen
    # "b" went back to the role question and showed the earlier answer
    assert screen.count("Who are you in this collaboration?") == 2
    assert "(now: Nav leader, state side)" in screen
    assert "Type a number from 1 to 7, ? for help or b to go back." in screen
    assert "Stopped. The answers were not saved." in screen


def test_back_on_the_first_question_says_so(engine):
    typist = Typist(["b"])
    run_plain(engine, "nb", ask=typist.ask, tell=typist.tell)
    assert "Dette er det første spørsmålet." in typist.screen


def test_multiple_choice_and_follow_up_question(engine):
    # role, task_defined, goal, service_status, who_shapes, closeness, contact, money_flow (multi),
    # nav_line, funding_length, funders
    typist = Typist(["5", "2", "2", "1", "1", "1", "1", "1,3", "3", "1", "1", "q"])
    run_plain(engine, "en", ask=typist.ask, tell=typist.tell)
    assert "Answer (one or more numbers, separated by commas): " in typist.prompts
    # choosing "grant" in the money flow brings the question about the grant giver's follow-up
    assert "How closely does the grant giver follow up the entrepreneur?" in typist.screen


def plain(*args: str, data: Path, replies: str) -> subprocess.CompletedProcess:
    """`samarbeid --plain` as a program, its data folder in `data`."""
    return subprocess.run([sys.executable, "-m", "assistant", "--plain", *args], cwd=ROOT, input=replies,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SAMARBEID_DATA_DIR": str(data)})


def test_plain_mode_as_a_program(tmp_path):
    proc = plain("--lang", "en", data=tmp_path, replies="\n".join(["1"] * 60) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "Question 1 of" in proc.stdout
    assert "Collaboration between Nav and a social entrepreneur" in proc.stdout


def test_plain_mode_keeps_every_answer_and_offers_to_continue(tmp_path):
    first = plain(data=tmp_path, replies="5\n4\nq\n")  # entrepreneur, shaped on the way, then stop
    autosave = tmp_path / "autosave.yaml"
    assert f"Svarene er lagret i {autosave}" in first.stdout
    assert "role: entrepreneur\ntask_defined: shaped_on_the_way\n" in autosave.read_text(encoding="utf-8")
    # next time: the offer, and "j" goes on at the third question with both answers kept
    second = plain(data=tmp_path, replies="j\nq\n")
    assert "Du har 2 svar fra forrige gang" in second.stdout
    # when, as a person reads it (the assistant's start screen says it the same way), not as ISO
    assert re.search(r"forrige gang \(\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d\)", second.stdout), second.stdout[:200]
    assert "Spørsmål 3 av" in second.stdout
    # "n" starts afresh at the first question; the old answers stay until a new one is given
    third = plain(data=tmp_path, replies="n\nq\n")
    assert "Du begynner på nytt" in third.stdout and "Spørsmål 1 av" in third.stdout
    assert "task_defined: shaped_on_the_way" in autosave.read_text(encoding="utf-8")


def test_save_and_resume_keep_every_answer(tmp_path):
    session = tmp_path / "session.yaml"
    first = subprocess.run([sys.executable, "-m", "assistant", "--plain", "--save", str(session)], cwd=ROOT,
                           input="5\n4\n", capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert f"Svarene er lagret i {session}" in first.stdout
    saved = session.read_text(encoding="utf-8")
    assert "role: entrepreneur\ntask_defined: shaped_on_the_way\n" in saved
    assert "lang: nb" in saved and "rules_version: '2026.1'" in saved
    # the saved session is an answers file for decide
    decided = subprocess.run([sys.executable, "-m", "assistant", "decide", str(session), "--format", "json"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert decided.returncode == 0, decided.stderr
    # resume: go back one step (the resumed answer is shown), change it, stop
    second = subprocess.run([sys.executable, "-m", "assistant", "--resume", str(session), "--plain", "--lang", "en"],
                            cwd=ROOT, input="b\n1\nq\n", capture_output=True, text=True, timeout=120)
    assert "(now: No, we shape the task as we go)" in second.stdout
    assert "role: entrepreneur\ntask_defined: specification\n" in session.read_text(encoding="utf-8")


def test_resume_from_another_rule_base_version_keeps_known_answers(tmp_path):
    session = tmp_path / "old.yaml"
    session.write_text("role: entrepreneur\nold_question: x\ngoal: jobs\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "assistant", "--plain", "--resume", str(session), "--lang", "en"],
                          cwd=ROOT, input="1\nq\n", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert "warning:" in proc.stderr and "unknown question id 'old_question'" in proc.stderr
    # the first question not yet answered is asked, numbered by its place (as the assistant numbers it);
    # the known answers are kept
    assert "Question 2 of" in proc.stdout and "Is the task settled" in proc.stdout
    saved = session.read_text(encoding="utf-8")
    assert "role: entrepreneur\ntask_defined: specification\ngoal: jobs\n" in saved
    assert "old_question" not in saved
    # nothing is lost: the file as it was is kept beside it, and the user is told where
    assert f"kept as {tmp_path / 'old.orig.yaml'}" in proc.stderr
    assert (tmp_path / "old.orig.yaml").read_text(encoding="utf-8") == "role: entrepreneur\nold_question: x\ngoal: jobs\n"


def test_an_earlier_copy_is_never_written_over(tmp_path):
    from assistant.sessions import keep_original

    session = tmp_path / "mine.yaml"
    session.write_text("role: trainer\n", encoding="utf-8")
    (tmp_path / "mine.orig.yaml").write_text("an earlier copy\n", encoding="utf-8")
    assert keep_original(session) == tmp_path / "mine.orig2.yaml"
    assert (tmp_path / "mine.orig.yaml").read_text(encoding="utf-8") == "an earlier copy\n"
    assert (tmp_path / "mine.orig2.yaml").read_text(encoding="utf-8") == "role: trainer\n"
