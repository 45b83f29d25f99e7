"""Text from a file, a rule base or a person never acts on the terminal: every control character,
escape sequence and bidirectional override is shown as its escape, in every output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml

from assistant.safetext import json_visible, visible
from tests.conftest import ROOT, run_cli

RETITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"
RLO = "\u202e"
ACTING = [RETITLE, CLEAR, RLO, "\x00", "\x9b31m", "\u2028", "\r"]


def samarbeid(*args: str) -> subprocess.CompletedProcess:
    """The real program, as a terminal runs it."""
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def acts(text: str) -> list[str]:
    return [c for c in ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u2028", "\r") if c in text]


@pytest.mark.parametrize("text", ACTING)
def test_visible_writes_each_acting_character_as_its_escape(text):
    shown = visible(f"a{text}b")
    assert acts(shown) == [] and shown.startswith("a") and shown.endswith("b") and "\\" in shown
    assert visible("Tilskudd\tøkonomi\nlinje 2") == "Tilskudd\tøkonomi\nlinje 2"  # the rest is left alone


def test_json_keeps_the_same_data_and_is_still_json():
    raw = json.dumps({"group": f"Bord{RETITLE}{RLO}\x85"}, ensure_ascii=False)
    assert acts(json_visible(raw)) == [] and json.loads(json_visible(raw)) == json.loads(raw)


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_a_group_name_in_an_answers_file_is_shown_not_obeyed(tmp_path, fmt):
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump({"role": "trainer", "meta": {"group": f"Bord 3{RETITLE}{CLEAR}{RLO}"}},
                                      allow_unicode=True), encoding="utf-8")
    proc = samarbeid("decide", str(answers), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert acts(proc.stdout) == []
    shown = "Bord 3\\x1b]0;owned\\x07\\x1b[2J\\u202e"  # as a person reads it in each format:
    if fmt == "json":
        assert json.loads(proc.stdout)["group"] == shown
    elif fmt == "md":
        assert "Bord 3\\\\x1b\\]0;owned\\\\x07" in proc.stdout  # Markdown's own escapes on top
    else:
        assert shown in proc.stdout


def test_an_unknown_key_echoed_in_an_error_is_shown_not_obeyed(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump({f"evil{RETITLE}": "x", "role": f"nav{CLEAR}"}), encoding="utf-8")
    proc = samarbeid("decide", str(answers))
    assert proc.returncode == 2
    assert acts(proc.stderr) == [] and "\\x1b]0;owned\\x07" in proc.stderr and "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def hostile_rules(tmp_path_factory):
    """A copy of the rule base whose first question's text and a role's label carry escape sequences."""
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "rules", folder / "rules")
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    text = text.replace('en: "Trainer or workshop facilitator"', 'en: "Trainer\\e]0;owned\\a\\e[2J\\u202e"', 1)
    assert "\\e]0;owned" in text
    (folder / "questions.yaml").write_text(text, encoding="utf-8")
    return folder


def test_rule_base_text_is_shown_not_obeyed_in_questions_and_plain_mode(hostile_rules, tmp_path, monkeypatch):
    """The program run in this process (conftest.run_cli): what it writes is what it writes to a terminal
    (the answers files' tests above start the real program)."""
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    where = ["--questions", str(hostile_rules / "questions.yaml"), "--rules", str(hostile_rules / "rules")]
    listed = run_cli("questions", "--lang", "en", *where)
    assert listed.returncode == 0, listed.stderr
    assert acts(listed.stdout) == [] and "Trainer\\x1b]0;owned\\x07\\x1b[2J\\u202e" in listed.stdout
    template = run_cli("questions", "--format", "yaml", "--lang", "en", *where)
    assert template.returncode == 0 and acts(template.stdout) == []
    yaml.safe_load(template.stdout)  # the fill-in template loads back (it raised on such text before)
    plain = run_cli("--plain", "--lang", "en", *where, stdin="6\nq\n")
    assert acts(plain.stdout) == [] and "Trainer\\x1b]0;owned" in plain.stdout


def test_check_warns_about_acting_characters_in_rule_base_text(hostile_rules):
    proc = run_cli("check", "--questions", str(hostile_rules / "questions.yaml"), "--rules",
                   str(hostile_rules / "rules"))
    assert "questions.yaml:" in proc.stdout and "warning [language]" in proc.stdout
    assert "the text holds characters a terminal would act on: \\x1b, \\x07, \\x1b, \\u202e" in proc.stdout
    assert acts(proc.stdout) == []


async def test_the_assistant_shows_rule_base_text_as_written_and_never_obeys_it(hostile_rules, tmp_path,
                                                                                monkeypatch):
    from textual.widgets import OptionList

    from assistant.loading import load_rule_base
    from assistant.tui.app import SamarbeidApp

    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    rb = load_rule_base(hostile_rules / "questions.yaml", hostile_rules / "rules")
    app = SamarbeidApp("en", rule_base=rb)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        roles = app.screen.query_one("#role", OptionList)
        # each role is shown after its number key ("6 Trainer…"), with what it means on the lines under it
        shown = [str(roles.get_option_at_index(i).prompt) for i in range(roles.option_count)]
        labels = [role.split("\n")[0].split(" ", 1)[1] for role in shown]
        assert "Trainer\\x1b]0;owned\\x07\\x1b[2J\\u202e" in labels and not any(acts(s) for s in shown)
