"""The plain line mode, driven as a person would type."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.dialogue import Dialogue
from assistant.plain import choose_session, run_plain
from assistant.sessions import SavedSession
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


def run(engine, lang: str, typist: Typist, keeper=None) -> tuple[bool, Dialogue]:
    """Plain mode over a new dialogue, typed by `typist`; whether it reached the result, and the dialogue."""
    dialogue = Dialogue(engine.rb, engine, lang=lang, keeper=keeper)
    return run_plain(dialogue, ask=typist.ask, tell=typist.tell), dialogue


def _dont_know_number(screen: str) -> str:
    """The number of the last shown "Vet ikke"/"Don't know" option."""
    for line in reversed(screen.splitlines()):
        stripped = line.strip()
        if stripped.endswith((") Vet ikke", ") Don't know")):
            return stripped.split(")")[0]
    raise AssertionError("no don't-know option shown")


def flat(text: str) -> str:
    """Text as a person reads it, whatever the lines it was wrapped into."""
    return " ".join(text.split())


def last_question(screen: str) -> list[str]:
    """The lines of the question shown last (from its "Question n of N" line on)."""
    lines = screen.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(("Question ", "Spørsmål "))]
    return lines[starts[-1]:] if starts else []


def numbers_of(screen: str, labels: tuple[str, ...]) -> list[str]:
    """The numbers shown beside the options of the last question whose labels begin with one of `labels`."""
    found = []
    for line in last_question(screen):
        number, paren, label = line.strip().partition(") ")
        if paren and number.isdigit() and label.startswith(labels):
            found.append(number)
    return found


class Chooser(Typist):
    """Answers as a person reading the screen: the options whose labels begin with one of `labels`
    (several, comma-separated, where the question takes several), else "don't know"; stops (q) once
    `until` is on the screen or after `most` answers."""

    def __init__(self, labels: tuple[str, ...], until: str, most: int = 40):
        super().__init__([])
        self.labels, self.until, self.most = labels, until, most

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if self.until in flat(self.screen) or len(self.prompts) > self.most:
            return "q"
        return ",".join(numbers_of(self.screen, self.labels)) or _dont_know_number(self.screen)


def number(rule_base, qid: str, option: str) -> str:
    """The number plain mode shows beside an option: its place in the question, "don't know" last."""
    q = next(q for q in rule_base.questions.questions if q.id == qid)
    return str(q.option_ids.index(option) + 1)


def test_every_question_offers_dont_know_and_the_end_shows_a_result(engine):
    typist = Typist([])
    replies = []

    def ask(prompt):
        # answer "don't know" to every question, reading the number off the screen
        replies.append(_dont_know_number(typist.screen))
        return replies[-1]

    typist.ask = ask  # type: ignore[method-assign]
    finished, dialogue = run(engine, "nb", typist)
    answers = dialogue.answers
    assert finished
    assert set(answers.values()) == {("dont_know",)}
    assert "Svarene avgjør ikke formen ennå." in typist.screen
    assert typist.screen.count(") Vet ikke") == len(answers)


def test_help_back_and_invalid_input(engine):
    typist = Typist(["1", "?", "b", "9x", "", "2", "q"])
    finished, dialogue = run(engine, "en", typist)
    screen = typist.screen
    role_question = flat(dialogue.question_text("role"))  # as the rule base words it
    assert not finished
    assert "Question 1 of" in screen and role_question in flat(screen)
    # "?" shows the report's idea behind the question and its sections
    assert "This is the report's first axis" in screen
    assert "Source: AFI-rapport 2020:10, 4.1, 4.1.3" in screen
    # "b" went back to the role question and showed the earlier answer
    assert flat(screen).count(role_question) == 2
    assert "(now: Leader of a Nav office)" in screen
    assert "Type a number from 1 to 9, ? for help or b to go back." in screen
    assert "Stopped. The answers were not saved." in screen


def test_back_on_the_first_question_says_so(engine):
    typist = Typist(["b"])
    run(engine, "nb", typist)
    assert "Dette er det første spørsmålet." in typist.screen


def test_multiple_choice_and_follow_up_question(engine):
    # an entrepreneur who gets a grant and a wage subsidy, "don't know" to the rest
    follow_up = next(q for q in engine.rb.questions.questions if q.id == "funder_follow_up")
    asked_so = flat(follow_up.text_for("entrepreneur", "en"))
    typist = Chooser(("Social entrepreneur", "A grant", "A wage subsidy"), until=asked_so)
    _, dialogue = run(engine, "en", typist)
    assert "Answer (one or more numbers, separated by commas): " in typist.prompts
    assert dialogue.answers["money_flow"] == ("grant", "wage_subsidy")
    # choosing "grant" brings the question about the grant giver's follow-up, after the money flow's,
    # asked in the entrepreneur's own voice ("follow you up"), not about "the entrepreneur"
    screen = flat(typist.screen)
    assert asked_so in screen
    assert screen.index(asked_so) > screen.index(flat(dialogue.question_text("money_flow")))
    assert flat(follow_up.text("en")) != asked_so and flat(follow_up.text("en")) not in screen
    # without a grant it is not asked
    typist = Chooser(("Social entrepreneur", "Nav buys a service"), until=asked_so)
    _, dialogue = run(engine, "en", typist)
    assert dialogue.answers["money_flow"] == ("purchase",)
    assert asked_so not in flat(typist.screen) and "funder_follow_up" not in dialogue.answers


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


def test_plain_mode_in_nynorsk(tmp_path, rule_base):
    """`samarbeid --plain --lang nn`: the questions, the prompts and the result in nynorsk, no bokmål or
    English phrase left (tests/leaks.py), and the session kept as nynorsk."""
    from tests.leaks import leaks

    proc = plain("--lang", "nn", data=tmp_path, replies="\n".join(["1"] * 60) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "Spørsmål 1 av" in proc.stdout and "Kven er du – eller kven svarar du for?" in proc.stdout
    assert "Svar med nummeret." in proc.stdout and "Kort fortalt" in proc.stdout and "Kvifor" in proc.stdout
    assert leaks(proc.stdout, rule_base) == []
    [kept] = sessions_in(tmp_path)
    assert "lang: nn" in kept.read_text(encoding="utf-8")


def sessions_in(data: Path) -> list[Path]:
    folder = data / "sessions"
    return sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime_ns) if folder.is_dir() else []


def test_back_keeps_the_answer_and_it_stays_saved(tmp_path):
    # role, task, back to the task question, quit: the answer to the task is kept, and so saved
    proc = plain(data=tmp_path, replies="1\n1\nb\nq\n")
    assert proc.returncode == 0, proc.stderr
    assert "(nå: Ja, i en kravspesifikasjon eller tiltaksavtale)" in proc.stdout
    [kept] = sessions_in(tmp_path)
    assert "role: nav_leader\ntask_defined: specification\n" in kept.read_text(encoding="utf-8")


def test_plain_mode_keeps_every_answer_and_offers_to_continue(tmp_path, rule_base):
    entrepreneur, shaped = number(rule_base, "role", "entrepreneur"), number(rule_base, "task_defined",
                                                                            "shaped_on_the_way")
    first = plain(data=tmp_path, replies=f"{entrepreneur}\n{shaped}\nq\n")  # then stop
    # the numbers typed are the ones the person read beside the options
    assert f"  {entrepreneur}) Sosial entreprenør" in first.stdout
    assert f"  {shaped}) Nei, vi former oppgaven underveis" in first.stdout
    [kept] = sessions_in(tmp_path)
    assert f"Svarene er lagret i {kept}" in first.stdout
    assert "role: entrepreneur\ntask_defined: shaped_on_the_way\n" in kept.read_text(encoding="utf-8")
    # next time: the offer, as a person recognises the session; "1" goes on at the third question
    second = plain(data=tmp_path, replies="1\nq\n")
    assert "Du har lagrede økter" in second.stdout
    # when, as a person reads it (the assistant's start screen says it the same way), not as ISO
    assert re.search(r"1\) Sosial entreprenør · \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d · 2 svar", second.stdout), \
        second.stdout[:300]
    assert "Spørsmål 3 av" in second.stdout
    assert sessions_in(tmp_path) == [kept]
    # Enter begins a new session in a new file; the earlier one stays as it was
    before = kept.read_text(encoding="utf-8")
    third = plain(data=tmp_path, replies=f"\n{number(rule_base, 'role', 'trainer')}\nq\n")
    assert "Du begynner på en ny økt" in third.stdout and "Spørsmål 1 av" in third.stdout
    assert kept.read_text(encoding="utf-8") == before
    new = next(p for p in sessions_in(tmp_path) if p != kept)
    assert new.read_text(encoding="utf-8").count("role: trainer") == 1


def test_save_and_resume_keep_every_answer(tmp_path, rule_base):
    session = tmp_path / "session.yaml"
    entrepreneur = number(rule_base, "role", "entrepreneur")
    shaped = number(rule_base, "task_defined", "shaped_on_the_way")
    first = subprocess.run([sys.executable, "-m", "assistant", "--plain", "--save", str(session)], cwd=ROOT,
                           input=f"{entrepreneur}\n{shaped}\n", capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert f"Svarene er lagret i {session}" in first.stdout
    saved = session.read_text(encoding="utf-8")
    assert "role: entrepreneur\ntask_defined: shaped_on_the_way\n" in saved
    assert "lang: nb" in saved and f"rules_version: '{rule_base.version}'" in saved
    # the saved session is an answers file for decide
    decided = subprocess.run([sys.executable, "-m", "assistant", "decide", str(session), "--format", "json"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert decided.returncode == 0, decided.stderr
    # resume: go back one step (the resumed answer is shown), change it, stop; the file is ours: saved in place
    second = subprocess.run([sys.executable, "-m", "assistant", "--resume", str(session), "--plain", "--lang", "en"],
                            cwd=ROOT, input=f"b\n{number(rule_base, 'task_defined', 'specification')}\nq\n",
                            capture_output=True, text=True, timeout=120)
    assert "(now: No, we shape the task as we go)" in second.stdout
    assert "role: entrepreneur\ntask_defined: specification\n" in session.read_text(encoding="utf-8")
    # --save never writes over a file that is there: it says to resume it instead
    third = subprocess.run([sys.executable, "-m", "assistant", "--plain", "--save", str(session)], cwd=ROOT,
                           input=f"{entrepreneur}\n", capture_output=True, text=True, timeout=120)
    assert third.returncode == 2
    assert f"{session} finnes fra før. Bruk --resume {session}" in third.stderr
    assert "task_defined: specification" in session.read_text(encoding="utf-8")


def test_resuming_an_example_keeps_its_description(tmp_path):
    copy = tmp_path / "grant.yaml"
    original = (ROOT / "examples" / "grant.yaml").read_text(encoding="utf-8")
    copy.write_text(original, encoding="utf-8")
    proc = plain("--resume", str(copy), data=tmp_path / "data", replies="b\n1\nq\n")
    assert proc.returncode == 0, proc.stderr
    assert copy.read_text(encoding="utf-8") == original  # its description and comments are all there
    [kept] = sessions_in(tmp_path / "data")
    assert f"{copy} blir ikke endret" in proc.stderr and str(kept) in proc.stderr
    assert "role: entrepreneur" in kept.read_text(encoding="utf-8")


def test_resume_from_another_rule_base_version_keeps_known_answers(tmp_path):
    session = tmp_path / "old.yaml"
    written = "role: entrepreneur\nold_question: x\ngoal: jobs\n"
    session.write_text(written, encoding="utf-8")
    proc = plain("--resume", str(session), "--lang", "en", data=tmp_path / "data", replies="1\nq\n")
    assert proc.returncode == 0
    assert "warning:" in proc.stderr and "unknown question id 'old_question'" in proc.stderr
    # the first question not yet answered is asked, numbered by its place (as the assistant numbers it);
    # the known answers are kept
    assert "Question 2 of" in proc.stdout and "Is the task settled" in proc.stdout
    # nothing is lost: the file is left as it was, the answers go on in a session of their own
    assert session.read_text(encoding="utf-8") == written
    [kept] = sessions_in(tmp_path / "data")
    assert f"The answers are saved on in {kept}" in proc.stderr
    saved = kept.read_text(encoding="utf-8")
    assert "role: entrepreneur\ntask_defined: specification\ngoal: jobs\n" in saved


def test_a_broken_saved_session_is_said_and_left_as_it_is(tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    broken = folder / "2026-11-29_1000_trainer.yaml"
    broken.write_bytes(b"role: trainer\ntask_defined: [unclosed\n")
    newer = folder / "2026-11-29_1100_trainer.yaml"
    newer.write_text("role: trainer\nold_question: x\ntask_defined: specification\n", encoding="utf-8")
    os.utime(broken, (1, 1))
    proc = plain(data=tmp_path, replies="1\nq\n")  # continue the one that can be read
    assert proc.returncode == 0, proc.stderr
    assert f"a saved session cannot be read and is left as it is: {broken}:3:1: YAML syntax error" in proc.stderr
    assert broken.read_bytes() == b"role: trainer\ntask_defined: [unclosed\n"
    # the newer one holds an answer this rule base does not know: it is left as it was too, and goes on anew
    assert "unknown question id 'old_question'" in proc.stderr
    assert newer.read_text(encoding="utf-8") == "role: trainer\nold_question: x\ntask_defined: specification\n"
    assert len(sessions_in(tmp_path)) == 3


def test_a_digit_that_is_no_number_is_asked_again(tmp_path):
    proc = plain(data=tmp_path, replies="²\n¹\n5\nq\n")  # superscripts are digits to Python, not to us
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert proc.stdout.count("Skriv et nummer mellom 1 og 9") == 2


def test_a_saved_session_whose_saved_at_is_no_time_is_still_offered(tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "s.yaml").write_text("role: trainer\nmeta: {saved: 12345, lang: nb}\n", encoding="utf-8")
    proc = plain(data=tmp_path, replies="1\nq\n")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "1) Kursholder eller workshopleder · ? · 1 svar" in proc.stdout


def test_a_data_folder_that_cannot_be_written_is_named_and_nothing_is_lost_silently(tmp_path):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder should be\n", encoding="utf-8")
    proc = plain(data=blocked, replies="5\nq\n")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"samarbeid: {blocked / 'sessions'}: cannot save the answers" in proc.stderr


# ------------------------------------------------------------ issue 19: no traceback anywhere
LONG = "9" * 4301  # one digit past what Python turns into a whole number (ValueError: Exceeds the limit)


def test_a_number_too_long_for_python_is_not_an_option_and_asked_again(engine):
    """F12: a 4,301-digit line stopped plain mode with ValueError: Exceeds the limit (4300 digits)."""
    typist = Typist([LONG, "0" * 5000 + "5", f"1,{LONG}", "5", "q"])
    _, dialogue = run(engine, "en", typist)
    assert typist.screen.count("Type a number from 1 to 9, ? for help or b to go back.") == 3
    assert dialogue.answers["role"] == (engine.rb.questions.questions[0].option_ids[4],)


def test_a_number_too_long_for_python_chooses_no_saved_session(rule_base):
    """F12, the class: the saved-session prompt read its number the same way."""
    saved = SavedSession(Path("s.yaml"), {"role": ("trainer",)}, {"lang": "en"})
    typist = Typist([LONG, "1"])
    chosen = choose_session([saved], rule_base, "en", ask=typist.ask, tell=typist.tell)
    assert chosen is saved
    assert "Type a number from 1 to 1, or press Enter for a new session." in typist.screen


def without_stdin(*args: str, data: Path) -> subprocess.CompletedProcess:
    """`samarbeid ARGS <&-`: standard input closed, as a shell closes it."""
    return subprocess.run(["sh", "-c", 'exec "$0" -m assistant "$@" <&-', sys.executable, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SAMARBEID_DATA_DIR": str(data)})


@pytest.mark.parametrize("args", [(), ("--plain",), ("--plain", "--lang", "en"), ("--plain", "--resume", "x.yaml")])
def test_standard_input_closed_is_said_with_exit_2(tmp_path, args):
    """F11: `samarbeid <&-` gave AttributeError ('NoneType' has no 'isatty'), `--plain <&-` RuntimeError
    (input(): lost sys.stdin)."""
    proc = without_stdin(*args, data=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    said = "standard input is closed" if "en" in args else "standard input er lukket"
    assert proc.stderr.startswith(f"samarbeid: {said}"), proc.stderr
    assert not sessions_in(tmp_path)  # nothing was begun


def test_decide_needs_no_standard_input(tmp_path):
    proc = without_stdin("decide", str(ROOT / "examples" / "supplier.yaml"), data=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
