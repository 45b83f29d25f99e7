"""The terminal for a newcomer (issue 20, brief H9), driven with the keyboard as a person would: Enter
exports, a choice is said in words, files land in the data folder, review keeps its place, quitting says
where the answers are, a refusal goes with its question, the start speaks the last session's language and
says what each role means."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from assistant.firstlook import last_language
from assistant.loading import load_answers
from assistant.sessions import session_text
from assistant.tui.app import SamarbeidApp
from assistant.tui.dialogs import ChoiceRadio, ExportDialog, placed
from assistant.tui.question import QuestionScreen
from assistant.tui.result import ResultScreen
from assistant.tui.review import ReviewScreen
from assistant.tui.start import StartScreen
from tests.conftest import ROOT
from tests.tui.conftest import answer_current, choose_role, loaded, screen_text, session_files, text_of

TODAY = f"{date.today():%Y-%m-%d}"


def example(rule_base, form: str) -> dict:
    answers, _, _ = load_answers(ROOT / "examples" / f"{form}.yaml", rule_base)
    return answers


async def export_dialog(pilot, app: SamarbeidApp) -> ExportDialog:
    """The result, then ctrl+e: the export dialog, its first choice focused."""
    await pilot.pause()
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert isinstance(app.screen, ResultScreen)
    await pilot.press("ctrl+e")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def shown_radios(dialog: ExportDialog, group: str) -> list[str]:
    """The radio buttons of a group as drawn: the button's mark and the label."""
    return [radio.render().plain for radio in dialog.query(f"#{group} ChoiceRadio").results(ChoiceRadio)]


# ------------------------------------------------------------------ 1. Enter exports

ENTER_FROM = {"the name field": ["tab", "tab", "enter"], "what to export": ["enter"],
              "the format": ["tab", "right", "enter"]}
"""The keys from the export dialog's first choice to an Enter in each of its places but Cancel."""


async def test_enter_exports_from_anywhere_in_the_dialog_but_cancel(rule_base, data_dir, tmp_path, monkeypatch):
    """Enter exports from each place in turn, in one session (each place was a case of its own, an app each,
    started with the same answers): the dialog opened anew each time, the file it wrote checked and removed
    before the next (an export to the same name would ask before writing over). Then Enter with no name."""
    monkeypatch.chdir(tmp_path)
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for place, keys in ENTER_FROM.items():
            await export_dialog(pilot, app)
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, ResultScreen), place
            suffix = "md" if "right" in keys else "html"  # the arrow chose Markdown, and Enter took it
            written = data_dir / "sessions" / f"samarbeid-leder-for-den-statlige-delen-av-et-nav-{TODAY}.{suffix}"
            assert written.is_file(), place
            written.unlink()
            assert list(tmp_path.glob("samarbeid-*")) == [], place  # not in the folder the assistant was started from
        # with no name, Enter keeps the dialog open, the name field focused (this was
        # test_enter_with_no_name_keeps_the_dialog_open, an app of its own with the same answers)
        dialog = await export_dialog(pilot, app)
        dialog.query_one("#path", Input).value = "  "
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is dialog.query_one("#path")
    assert not list((data_dir / "sessions").glob("samarbeid-*"))  # and wrote nothing


# ------------------------------------------------------------------ 2. said in words, not by colour alone

async def test_the_chosen_kind_and_format_are_marked_and_named_and_enter_on_cancel_cancels(rule_base, data_dir):
    """The marks, then Enter on Cancel (with JSON chosen and a name proposed, so an export would write):
    the dialog closes and nothing is written. (Enter on Cancel was a test of its own, an app of its own.)"""
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await export_dialog(pilot, app)
        kinds, formats = shown_radios(dialog, "kind"), shown_radios(dialog, "format")
        assert "●" in kinds[0] and kinds[0].endswith("Hele rapporten (valgt) ")
        assert "●" not in kinds[1] and "valgt" not in kinds[1]
        assert "●" in formats[0] and "HTML (valgt)" in formats[0]
        assert not any("●" in f or "valgt" in f for f in formats[1:])
        await pilot.press("tab", "right", "right")  # the arrows choose: JSON
        await pilot.pause()
        formats = shown_radios(dialog, "format")
        assert "JSON (valgt)" in formats[2] and "●" in formats[2]
        assert not any("●" in f or "valgt" in f for f in formats[:2])
        assert dialog.query_one("#path", Input).value.endswith(".json")
        dialog.query_one("#cancel").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
    assert not list((data_dir / "sessions").glob("samarbeid-*"))


async def test_the_kept_answer_is_marked_in_words_on_going_back(rule_base):
    app = SamarbeidApp("en", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "entrepreneur")
        await answer_current(pilot, app, ("grant_call",))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.qid == "task_defined"
        options = app.screen.query_one("#single", OptionList)
        lines = [options.render_line(y).text for y in range(options.size.height)]
        marked = [line for line in lines if "(chosen)" in line]
        assert len(marked) == 1 and "Yes, in an application or project description for a grant" in marked[0]
        # the highlight may move; the mark stays on the answer kept
        await pilot.press("home")
        await pilot.pause()
        assert str(options.get_option("task_defined/grant_call").prompt.parts[0].body).count("(chosen)") == 1
        # a question not answered before shows no mark
        await pilot.press("escape", "enter")  # the role question, kept; on to the next open question
        await pilot.pause()
        assert app.screen.qid == "goal"
        options = app.screen.query_one("#single", OptionList)
        assert not any("(chosen)" in options.render_line(y).text for y in range(options.size.height))


# ------------------------------------------------------------------ 3. the data folder

async def test_the_dialog_names_the_data_folder_and_a_path_goes_where_it_says(rule_base, data_dir, tmp_path,
                                                                            monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    app = SamarbeidApp("en", rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await export_dialog(pilot, app)
        said = " ".join(text_of(s) for s in dialog.query(Static))
        assert f"A name without a folder is saved in {data_dir / 'sessions'}, with your sessions." in said
        dialog.query_one("#path", Input).value = "./here.html"  # a folder given: the current one
        await pilot.press("enter")
        await pilot.pause()
        assert (elsewhere / "here.html").is_file()
        assert any(str((elsewhere / "here.html").resolve()) in str(n.message) for n in app._notifications)
        app.action_save_as()  # the answers saved as: the same folder, the same words
        await pilot.pause()
        said = " ".join(text_of(s) for s in app.screen.query(Static))
        assert f"saved in {data_dir / 'sessions'}" in said
        await pilot.press("enter")
        await pilot.pause()
    saved = data_dir / "sessions" / f"samarbeid-social-entrepreneur-{TODAY}.yaml"
    assert load_answers(saved, rule_base)[0] == app.dialogue.answers


def test_a_plain_name_goes_in_the_folder_a_path_where_it_says(tmp_path):
    folder = tmp_path / "data"
    assert placed("rapport.html", folder) == folder / "rapport.html"
    assert placed("./rapport.html", folder) == Path("rapport.html")
    assert placed("ut/rapport.html", folder) == Path("ut/rapport.html")
    assert placed(str(tmp_path / "r.md"), folder) == tmp_path / "r.md"
    assert placed("~/r.md", folder) == Path.home() / "r.md"


# ------------------------------------------------------------------ 4. review keeps its place

def review_cursor(app: SamarbeidApp) -> str:
    assert isinstance(app.screen, ReviewScreen)
    review = app.screen.query_one("#review-list", OptionList)
    return review.get_option_at_index(review.highlighted).id


async def test_review_keeps_the_cursor_on_the_changed_answer_and_in_sight(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")  # from the result
        await pilot.pause()
        review = app.screen.query_one("#review-list", OptionList)
        ids = [review.get_option_at_index(i).id for i in range(review.option_count)]
        far = ids.index("money_flow")
        await pilot.press(*["down"] * far, "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "money_flow"
        await pilot.press("3", "enter")  # tick a second way the money goes, and confirm
        await pilot.pause()
        await pilot.pause()
        assert review_cursor(app) == "money_flow"
        review = app.screen.query_one("#review-list", OptionList)
        assert review.scroll_offset.y > 0  # scrolled down to it
        # going back from a question opened in review also comes back to its row
        await pilot.press("up", "enter")
        await pilot.pause()
        opened = app.screen.qid
        await pilot.press("escape")
        await pilot.pause()
        assert review_cursor(app) == opened


async def test_escape_from_review_returns_to_the_question_it_was_opened_from(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "entrepreneur")
        await answer_current(pilot, app, ("grant_call",))
        await answer_current(pilot, app, ("build_business",))
        await pilot.press("escape")  # back to the second question: not the last open one
        await pilot.pause()
        assert app.screen.qid == "goal"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert review_cursor(app) == "goal"  # opened on the question it came from
        await pilot.press("home", "enter")  # change the role's answer? no: open the first and come back
        await pilot.pause()
        assert app.screen.qid == "role"
        await pilot.press("escape")
        await pilot.pause()
        assert review_cursor(app) == "role"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "goal"


async def test_escape_from_review_returns_to_the_result(rule_base):
    app = SamarbeidApp("en", rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("down", "enter")  # change an answer on the way
        await pilot.pause()
        await answer_current(pilot, app, ("shaped_on_the_way",))
        assert review_cursor(app) == "task_defined"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert app.dialogue.answers["task_defined"] == ("shaped_on_the_way",)


# ------------------------------------------------------------------ 5. quitting says where the answers are

async def test_quitting_names_the_session_file(rule_base, data_dir):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.goodbye() is None  # nothing begun: nothing to say
        await choose_role(pilot, app, "entrepreneur")
        await answer_current(pilot, app, ("grant_call",))
        await pilot.press("escape", "escape", "escape")  # back to the start screen: the session is kept
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    [kept] = session_files(data_dir)
    assert app.goodbye() == f"svarene dine er lagret i {kept}"


async def test_quitting_a_resumed_file_kept_as_it_was_names_both(rule_base, tmp_path, data_dir):
    mine = tmp_path / "mine.yaml"
    mine.write_text("# my notes\nrole: entrepreneur\n", encoding="utf-8")
    app = SamarbeidApp("en", resume=mine)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
    [kept] = session_files(data_dir)
    assert app.goodbye() == f"{mine} is as it was; your answers are saved in {kept}"


# ------------------------------------------------------------------ 6. a refusal goes with its question

async def test_choose_at_least_one_is_said_under_the_question_and_gone_on_the_next(rule_base):
    up_to_money = {q: a for q, a in example(rule_base, "grant").items()
                   if q in ("role", "task_defined", "goal", "service_status", "who_shapes", "closeness", "contact")}
    app = SamarbeidApp("nb", rule_base=rule_base, answers=up_to_money, start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert app.screen.qid == "money_flow"
        problem = app.screen.query_one("#problem", Static)
        assert not problem.display
        await pilot.press("enter")  # nothing ticked
        await pilot.pause()
        assert problem.display and text_of(problem) == "! Velg minst ett svar, eller «Vet ikke»."
        assert problem.region.height and problem.region.y < app.screen.query_one("#question-body").region.y
        assert not app._notifications  # no toast over the help or the next question
        await pilot.press("enter")  # again: said once, not stacked
        await pilot.pause()
        assert text_of(problem).count("Velg minst ett svar") == 1
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.screen.qid != "money_flow"
        assert not app.screen.query_one("#problem", Static).display
        assert "Velg minst ett svar" not in screen_text(app)


# ------------------------------------------------------------------ 7. the last session's language

def saved_session(data_dir: Path, rule_base, lang: str, name: str, age: int = 0) -> Path:
    folder = data_dir / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(session_text(rule_base, {"role": ("entrepreneur",)}, lang), encoding="utf-8")
    stamp = path.stat().st_mtime - age
    os.utime(path, (stamp, stamp))
    return path


async def test_the_start_screen_speaks_the_last_sessions_language(rule_base, data_dir):
    saved_session(data_dir, rule_base, "nb", "older.yaml", age=60)
    saved_session(data_dir, rule_base, "en", "newer.yaml")
    app = SamarbeidApp("nb", rule_base=rule_base, lang_given=False)  # `samarbeid` with no --lang
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Who are you?" in screen_text(app)
        await choose_role(pilot, app, "trainer")
        assert app.dialogue.lang == "en"
    asked = SamarbeidApp("nb", rule_base=rule_base, lang_given=True)  # `--lang nb` is obeyed
    async with asked.run_test(size=(80, 24)):
        assert "Hvem er du?" in screen_text(asked)


def test_the_last_language_is_read_from_the_newest_session_that_says_one(rule_base, data_dir, tmp_path):
    assert last_language() is None  # no sessions yet
    saved_session(data_dir, rule_base, "en", "a.yaml", age=60)
    assert last_language() == "en"
    (data_dir / "sessions" / "b.yaml").write_text("", encoding="utf-8")  # reserved, not written yet: no language
    assert last_language() == "en"
    saved_session(data_dir, rule_base, "nb", "c.yaml")
    assert last_language() == "nb"
    block = data_dir / "sessions" / "d.yaml"  # the meta block written as a block
    block.write_text("role: trainer\nmeta:\n  product_version: 1\n  lang: en\n", encoding="utf-8")
    assert last_language() == "en"
    block.unlink()
    os.mkfifo(data_dir / "sessions" / "e.yaml")  # never opened: a FIFO would wait for ever
    assert last_language() == "nb"


# ------------------------------------------------------------------ 8. what each role means, on the start

@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_each_role_is_explained_under_its_label_on_the_start_screen(rule_base, lang):
    app = SamarbeidApp(lang, rule_base=rule_base)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        roles = app.screen.query_one("#role", OptionList)
        lines = [roles.render_line(y).text.strip(" ▊▎") for y in range(roles.size.height)]
        for n, option in enumerate(rule_base.role_options, 1):
            label = lines.index(next(line for line in lines if line.startswith(f"{n} {option.label(lang)}")))
            assert lines[label + 1].startswith(option.explain(lang).split()[0])
            assert option.explain(lang)[:50] in " ".join(lines[label + 1:label + 4])


async def test_at_80x24_the_roles_scroll_under_the_introduction_and_every_number_key_works(rule_base, data_dir):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
        screen = app.screen
        intro, roles = screen.query_one("#intro"), screen.query_one("#role", OptionList)
        assert intro.region.y >= 0 and intro.region.height == 3  # the introduction is in sight
        assert roles.region.bottom <= 23 and roles.region.height >= 12  # the list fills what is left
        assert roles.max_scroll_y > 0  # and scrolls, for the eight roles with their explanations
        trainer = [r.id for r in app.roles].index("trainer") + 1  # the last, out of sight at first
        await pilot.press(str(trainer))
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.dialogue.role == "trainer"
        assert not app._notifications  # the role's meaning was on the start screen: no toast over the question


async def test_the_explanations_are_on_the_first_frame_before_the_rule_base_is_loaded(data_dir):
    """The first frame is painted from the first look (no rule base yet): the explanations are in it."""
    app = SamarbeidApp("en")
    assert all(role.explain("en") for role in app.roles)
    async with app.run_test(size=(120, 40)):
        prompt = app.screen.query_one("#role", OptionList).render_line(1).text
        assert "You lead the office, both its state and its municipal part." in prompt
