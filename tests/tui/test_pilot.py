"""Complete sessions in the assistant, walked with the keyboard; the tests read the screen."""

from __future__ import annotations

import gc
import io
import re

import pytest
from textual.content import Content
from textual.widgets import Collapsible, OptionList, Static

from assistant.loading import load_answers
from assistant.models.questions import DONT_KNOW
from assistant.tui.app import SamarbeidApp
from assistant.tui.question import QuestionScreen
from assistant.tui.result import ResultScreen
from assistant.tui.review import ReviewScreen
from assistant.tui.start import StartScreen
from tests.conftest import ROOT
from tests.tui.conftest import (
    answer_all,
    answer_current,
    choose_role,
    loaded,
    open_details,
    screen_text,
    session_files,
    text_of,
)

FORM_NAMES = {"grant": ("Tilskuddssamarbeid", "Grant collaboration"),
              "supplier": ("Leverandørsamarbeid", "Supplier collaboration"),
              "employment": ("Sysselsettingssamarbeid", "Employment collaboration"),
              "development": ("Utviklingssamarbeid", "Development collaboration")}


def number_of(rule_base, qid: str, option: str) -> str:
    """The number plain mode shows beside an option: its place in the question."""
    q = next(q for q in rule_base.questions.questions if q.id == qid)
    return str(q.option_ids.index(option) + 1)


def example(rule_base, form: str) -> dict:
    answers, _, _ = load_answers(ROOT / "examples" / f"{form}.yaml", rule_base)
    return answers


WALKED = "development"
"""The form walked by keyboard from the start screen. The others open at their last question with the answers
a walk would have given before it (as `samarbeid --resume` opens a saved session), and that one is answered
by keyboard: what the test proves of them is the form on the result screen, and a whole walk of 30
questions is the same keys again."""


def all_but_the_last(rule_base, engine, answers: dict) -> tuple[dict, str]:
    """The answers a keyboard walk with `answers` (answer_all) gives, "don't know" where they have none,
    without the last question's; and that last question."""
    from assistant.dialogue import Dialogue

    dialogue = Dialogue(rule_base, engine)
    order = []
    while (qid := dialogue.next_open()) is not None:
        dialogue.answer(qid, answers.get(qid, (DONT_KNOW,)))
        order.append(qid)
    return {q: a for q, a in dialogue.answers.items() if q != order[-1]}, order[-1]


async def opened_at(pilot, app: SamarbeidApp, qid: str) -> None:
    """Once loaded, the app begun with answers (start_in_questions) shows question `qid`."""
    await loaded(app)
    await pilot.pause()
    assert isinstance(app.screen, QuestionScreen) and app.screen.qid == qid


@pytest.mark.parametrize("form", list(FORM_NAMES))
async def test_a_session_to_each_form_in_nb(form, rule_base, engine):
    answers = example(rule_base, form)
    given, last = all_but_the_last(rule_base, engine, answers)
    if form == WALKED:
        app = SamarbeidApp("nb", rule_base=rule_base)
    else:
        app = SamarbeidApp("nb", rule_base=rule_base, answers=given, start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        if form == WALKED:
            assert isinstance(app.screen, StartScreen)
            assert "Bygger på AFI-rapport 2020:10" in screen_text(app)
            await choose_role(pilot, app, answers["role"][0])
        else:
            await opened_at(pilot, app, last)
        asked = await answer_all(pilot, app, answers)
        await open_details(pilot, app, "form")  # the headline and the matrix
        headline = text_of(app.screen.query_one("#headline", Static))
        assert f"Samarbeidet er først og fremst et {FORM_NAMES[form][0].lower()}." in headline
        cell = app.screen.query_one(".cell.-primary", Static)
        assert FORM_NAMES[form][0] in text_of(cell)
        # the answers given in the dialogue are the example's ("don't know" where it has none), and saved
        if form == WALKED:
            assert app.dialogue.answers == {q: answers.get(q, (DONT_KNOW,)) for q in ["role", *asked]}
        assert app.dialogue.answers == {**given, last: answers.get(last, (DONT_KNOW,))}
        saved, _, _ = load_answers(app.session_file.path, rule_base)
        assert saved == app.dialogue.answers


async def test_a_session_in_english_with_help_and_back(rule_base):
    answers = example(rule_base, "supplier")
    app = SamarbeidApp("en", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "nav_leader_state")
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "task_defined"
        assert "Question 2 of" in screen_text(app)
        help_panel = app.screen.query_one("#help", Static)
        assert not help_panel.display
        await pilot.press("f1")
        assert help_panel.display and "This is the report's first axis" in text_of(help_panel)
        assert "Source: AFI-rapport 2020:10, section 4.1, 4.1.3" in text_of(help_panel)
        await pilot.press("question_mark")
        assert not help_panel.display
        await answer_current(pilot, app, ("shaped_on_the_way",))
        assert app.screen.qid == "goal"
        await pilot.press("escape")  # back
        assert app.screen.qid == "task_defined"
        # the earlier answer is highlighted; change it
        single = app.screen.query_one("#single", OptionList)
        assert single.get_option_at_index(single.highlighted).id == "task_defined/shaped_on_the_way"
        await answer_all(pilot, app, answers)
        assert "The collaboration is mostly a supplier collaboration." in screen_text(app)


async def test_dont_know_everywhere_leaves_the_form_open(rule_base, engine):
    # "don't know" to every question but the last (as a walk gives them, test_a_session_to_each_form_in_nb
    # walks one), and to the last by keyboard
    given, last = all_but_the_last(rule_base, engine, {"role": ("trainer",)})
    app = SamarbeidApp("nb", rule_base=rule_base, answers=given, start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await opened_at(pilot, app, last)
        assert await answer_all(pilot, app, {}) == [last]
        assert set(app.dialogue.answers) - {"role"} == set(app.dialogue.asked()) - {"role"} and all(
            a == (DONT_KNOW,) for q, a in app.dialogue.answers.items() if q != "role")
        await open_details(pilot, app, "form")  # the headline and the matrix
        text = screen_text(app)
        assert "Svarene avgjør ikke formen ennå." in text
        assert not app.screen.query(".cell.-primary")
        assert len(app.screen.query(".cell.-candidate")) == 4


async def test_review_change_an_answer_and_see_the_result_change(rule_base):
    # the walk to the result is not what this tests (test_a_session_to_each_form_in_nb walks and answers the
    # supplier's last question): the complete example opens on its result
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert "mest et leverandørsamarbeid" in screen_text(app)
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen.query_one("#review-list", OptionList)
        ids = [review.get_option_at_index(i).id for i in range(review.option_count)]
        # every answer is on the review screen
        assert set(ids) >= set(app.dialogue.answers)
        await pilot.press("home", *["down"] * ids.index("task_defined"), "enter")
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "task_defined"
        await answer_current(pilot, app, ("shaped_on_the_way",))
        assert isinstance(app.screen, ReviewScreen)  # back where the change started
        await answer_change(pilot, app, "goal", ("new_solution",))
        # ownership and plan_to_line are newly relevant and shown as such
        review = app.screen.query_one("#review-list", OptionList)
        prompts = {review.get_option_at_index(i).id: str(review.get_option_at_index(i).prompt)
                   for i in range(review.option_count)}
        assert "nytt spørsmål – ikke besvart" in prompts["ownership"]
        # Nav still buys: working side by side is what makes it development (4.1.4), not the task alone
        await answer_change(pilot, app, "closeness", ("joint_development",))
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, ResultScreen)
        assert "mest et utviklingssamarbeid" in screen_text(app)
        assert app.dialogue.answers["task_defined"] == ("shaped_on_the_way",)
        assert app.dialogue.answers["money_flow"] == ("purchase",)  # the others are kept


async def answer_change(pilot, app, qid, chosen):
    review = app.screen.query_one("#review-list", OptionList)
    ids = [review.get_option_at_index(i).id for i in range(review.option_count)]
    await pilot.press("home", *["down"] * ids.index(qid), "enter")
    await answer_current(pilot, app, chosen)


async def test_an_interrupted_session_is_offered_and_restored(rule_base, engine, data_dir):
    answers = example(rule_base, "development")
    # interrupted before its last question: opened at the one before it with a walk's answers, which is
    # answered by keyboard (a whole walk is test_a_session_to_each_form_in_nb's), then the app is left
    before_last, last = all_but_the_last(rule_base, engine, answers)
    *_, second_last = before_last
    first = SamarbeidApp("en", rule_base=rule_base, start_in_questions=True,
                         answers={q: a for q, a in before_last.items() if q != second_last})
    async with first.run_test(size=(80, 24)) as pilot:
        await opened_at(pilot, first, second_last)
        await answer_current(pilot, first, before_last[second_last])
        stopped_at = first.screen.qid
        given = dict(first.dialogue.answers)
    assert stopped_at == last and given == before_last
    # the session is kept in a file of its own in the data folder
    [kept] = session_files(data_dir)
    saved, meta, _ = load_answers(kept, rule_base)
    assert saved == given and meta["lang"] == "en"
    # a new start offers it, as a person recognises it
    second = SamarbeidApp("en", rule_base=rule_base)
    async with second.run_test(size=(80, 24)) as pilot:
        await loaded(second)
        await pilot.pause()
        assert "Continue where you left off" in screen_text(second)
        sessions = second.screen.query_one("#sessions", OptionList)
        offered = str(sessions.get_option_at_index(0).prompt)
        assert offered.startswith("Leader of the municipal part of a Nav office · ")
        assert offered.endswith(f" · {len(given)} answers")
        await pilot.press("enter")  # the offer has the focus
        await pilot.pause()
        assert isinstance(second.screen, QuestionScreen) and second.screen.qid == stopped_at
        assert second.dialogue.answers == given
        await answer_all(pilot, second, answers)
        assert "The collaboration is mostly a development collaboration." in screen_text(second)
    assert session_files(data_dir) == [kept]  # went on in the same file


async def a_saved_session(rule_base, data_dir) -> tuple:
    """An entrepreneur's session with one answer, saved and quit: its file and its text.

    Saved as the app saves it (SessionFile: a file reserved in the data folder's sessions, written by
    save_session), not by an app of its own (its start and keys were a third of each test that uses it);
    the app's own saves are test_an_interrupted_session_is_offered_and_restored's and
    test_back_goes_to_the_previous_question_and_keeps_its_answer's."""
    from assistant.sessions import SessionStore, save_session

    path = SessionStore(data_dir / "sessions").reserve("entrepreneur")
    save_session(path, rule_base, {"role": ("entrepreneur",), "task_defined": ("grant_call",)}, "nb")
    [kept] = session_files(data_dir)
    return kept, kept.read_text(encoding="utf-8")


async def test_choosing_a_role_begins_a_new_session_and_keeps_the_earlier_one(rule_base, data_dir):
    earlier, before = await a_saved_session(rule_base, data_dir)
    # next time a saved session is on the start screen; the person picks a role instead, answers, quits
    second = SamarbeidApp("nb", rule_base=rule_base)
    async with second.run_test(size=(80, 24)) as pilot:
        await loaded(second)
        await pilot.pause()
        assert second.screen.query_one("#sessions", OptionList).option_count == 1
        await choose_role(pilot, second, "trainer")
        await answer_current(pilot, second, ("specification",))
    assert earlier.read_text(encoding="utf-8") == before  # the earlier session is as it was
    files = session_files(data_dir)
    assert len(files) == 2 and "role: trainer\ntask_defined: specification\n" in files[1].read_text(encoding="utf-8")
    # and the start screen offers both, the newest first
    third = SamarbeidApp("nb", rule_base=rule_base)
    async with third.run_test(size=(80, 24)) as pilot:
        await loaded(third)
        await pilot.pause()
        sessions = third.screen.query_one("#sessions", OptionList)
        offered = [str(sessions.get_option_at_index(i).prompt) for i in range(sessions.option_count)]
        assert [o.split(" · ")[0] for o in offered] == ["Kursholder eller workshopleder", "Sosial entreprenør"]


async def test_back_goes_to_the_previous_question_and_keeps_its_answer(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "entrepreneur")
        await answer_current(pilot, app, ("grant_call",))
        assert app.screen.qid == "goal"
        await pilot.press("escape")
        assert app.screen.qid == "task_defined"
        assert app.dialogue.answers["task_defined"] == ("grant_call",)  # kept, and saved so
        assert "task_defined: grant_call" in app.session_file.path.read_text(encoding="utf-8")
        single = app.screen.query_one("#single", OptionList)
        assert single.get_option_at_index(single.highlighted).id == "task_defined/grant_call"
        await pilot.press("escape")  # the role question, with its answer
        assert app.screen.qid == "role"
        kept = app.session_file.path
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
    assert "task_defined: grant_call" in kept.read_text(encoding="utf-8")


async def test_resume_file_goes_straight_to_the_open_question(rule_base, tmp_path, data_dir):
    session = tmp_path / "mine.yaml"
    written = "# my own notes on this\nrole: entrepreneur\ntask_defined: grant_call\n"
    session.write_text(written, encoding="utf-8")
    app = SamarbeidApp("nb", resume=session)  # as `samarbeid --resume FILE`: loads everything itself
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "goal"
        assert app.dialogue.answers == {"role": ("entrepreneur",), "task_defined": ("grant_call",)}
        # the file has the person's own comment: it is left as it is, and the answers go on elsewhere
        [kept] = session_files(data_dir)
        assert any("mine.yaml blir ikke endret" in str(n.message) and str(kept) in str(n.message)
                   for n in app._notifications)
        await answer_current(pilot, app, ("build_business",))
    assert session.read_text(encoding="utf-8") == written
    assert "goal: build_business" in kept.read_text(encoding="utf-8")


async def test_a_file_samarbeid_saved_is_resumed_in_place(rule_base, tmp_path, data_dir):
    from assistant.sessions import session_text

    session = tmp_path / "ours.yaml"
    session.write_text(session_text(rule_base, {"role": ("entrepreneur",), "task_defined": ("grant_call",)}, "nb"),
                       encoding="utf-8")
    app = SamarbeidApp("nb", resume=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
        await answer_current(pilot, app, ("build_business",))
    assert "goal: build_business" in session.read_text(encoding="utf-8")
    assert session_files(data_dir) == []


async def test_answers_a_resumed_file_holds_that_no_longer_fit_are_reported_in_the_app(rule_base, tmp_path):
    session = tmp_path / "old.yaml"
    written = "role: entrepreneur\nold_question: x\ntask_defined: grant_call\ngoal: no_such_option\n"
    session.write_text(written, encoding="utf-8")
    app = SamarbeidApp("nb", resume=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert app.dialogue.answers == {"role": ("entrepreneur",), "task_defined": ("grant_call",)}
        shown = [str(n.message) for n in app._notifications]
        assert any("2 svar i old.yaml passer ikke" in m and "(linje 2 og 4)" in m for m in shown), shown
        assert any("old.yaml blir ikke endret" in m for m in shown), shown
        await answer_current(pilot, app, ("build_business",))
    # the file keeps what this rule base does not know; the answers went on in a session of their own
    assert session.read_text(encoding="utf-8") == written
    assert "goal: build_business" in app.session_file.path.read_text(encoding="utf-8")


async def test_a_click_on_the_language_switch_goes_round_the_three_languages(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Hvem er du?" in screen_text(app)
        await pilot.pause()  # the other languages' names follow the first frame (each from its own catalogue)
        assert text_of(app.screen.query_one("#language", Static)) == "[Bokmål] · Nynorsk · English"
        await pilot.click("#language")
        await pilot.pause()
        assert app.lang == "nn"
        assert isinstance(app.screen, StartScreen)
        assert "Kven er du?" in screen_text(app) and "Hvem er du?" not in screen_text(app)
        roles = app.screen.query_one("#role", OptionList)
        assert "Leiar for eit Nav-kontor" in str(roles.get_option_at_index(0).prompt)
        assert "[Nynorsk]" in text_of(app.screen.query_one("#language", Static))
        await pilot.click("#language")
        await pilot.pause()
        assert app.lang == "en"
        assert "Who are you?" in screen_text(app) and "Kven er du?" not in screen_text(app)
        assert "[English]" in text_of(app.screen.query_one("#language", Static))
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.lang == "nb" and "Hvem er du?" in screen_text(app)


def _key_panel_text(app: SamarbeidApp) -> str:
    from rich.console import Console
    from textual.widgets._key_panel import BindingsTable

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(app.screen.query_one(BindingsTable).render_bindings_table())
    return console.export_text()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
async def test_the_key_panel_speaks_the_users_language_also_for_textuals_own_keys(rule_base, lang):
    app = SamarbeidApp(lang, rule_base=rule_base)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_role(pilot, app, "entrepreneur")
        app.action_toggle_keys()  # the palette's "Taster" / "Keys"
        await pilot.pause()
        shown = _key_panel_text(app)
        if lang == "nb":
            assert "Side ned" in shown and "Neste felt" in shown and "hjelp" in shown
            for english in ("Page Down", "Focus Next", "Scroll Left", "Copy selected text"):
                assert english not in shown
        elif lang == "nn":
            assert "Side ned" in shown and "Førre felt" in shown and "Rull til høgre" in shown
            for other in ("Page Down", "Focus Next", "Forrige felt", "Rull til høyre"):
                assert other not in shown
        else:
            assert "Page Down" in shown and "Focus Next" in shown and "help" in shown


def test_every_key_textuals_widgets_bring_to_our_screens_has_a_bokmal_word():
    """The widgets the screens use, and Textual's screen and app: a Textual upgrade that adds
    a key with a new description shows up here, before a user meets it in English."""
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import VerticalScroll
    from textual.screen import ModalScreen, Screen
    from textual.widgets import Button, Input, RadioButton, RadioSet
    from textual.widgets._collapsible import CollapsibleTitle

    from assistant.tui.dialogs import ChoiceSet
    from assistant.tui.localize import textual_words
    from assistant.tui.question import MultiChoice

    missing = set()
    for widget in (App, Screen, ModalScreen, Button, Input, RadioButton, RadioSet, OptionList, MultiChoice,
                   CollapsibleTitle, VerticalScroll, ChoiceSet):
        for cls in widget.__mro__:
            for binding in cls.__dict__.get("BINDINGS", []):
                binding = binding if isinstance(binding, Binding) else Binding(*binding)
                if not binding.description:
                    continue
                said = {lang: textual_words(binding.description, lang) for lang in ("nb", "nn", "en")}
                # a word with no catalogue entry would be Textual's English in every language
                if said["nb"] == binding.description or said["nn"] == binding.description:
                    missing.add((cls.__name__, binding.description))
                assert said["en"] == binding.description
    assert not missing


async def test_language_switch_from_the_palette(rule_base):
    from textual.command import CommandList

    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "entrepreneur")
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert "Søk etter kommandoer…" in str(palette.query_one("CommandInput").placeholder)
        # a word of the command, as a user searches (each key is a search and the palette laid out again; the
        # whole title was 14), and Enter once the palette lists the command first (test_export.run_palette_command)
        await pilot.press(*"English")
        hits = palette.query_one(CommandList)
        for _ in range(200):
            if hits.option_count and hits.highlighted == 0 and \
                    hits.get_option_at_index(0).prompt.plain.startswith("Språk: English"):
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("the palette never listed 'Språk: English' first for 'English'")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.lang == "en"
        assert isinstance(app.screen, QuestionScreen)
        # the question in English, in the entrepreneur's own words
        asked = app.question(app.screen.qid)
        assert asked.text_for("entrepreneur", "en") in screen_text(app)
        assert asked.text_for("entrepreneur", "nb") not in screen_text(app)
        footer = " ".join(b.binding.description for b in app.screen.active_bindings.values() if b.binding.show)
        assert "help" in footer and "hjelp" not in footer


async def test_the_palette_offers_every_other_language_by_its_own_name(rule_base):
    from types import SimpleNamespace

    from assistant.tui.commands import AssistantCommands

    app = SamarbeidApp("nn", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "entrepreneur")
        offered = [(name, help_) for name, help_, _ in AssistantCommands._commands(SimpleNamespace(assistant=app))
                   if name.startswith("Språk")]
        assert offered == [("Språk: Bokmål", "Vis alt på Bokmål"), ("Språk: English", "Vis alt på English")]


async def test_export_from_the_result_writes_the_file_and_says_where(rule_base, tmp_path):
    answers = example(rule_base, "grant")
    app = SamarbeidApp("nb", rule_base=rule_base, answers=answers, start_in_questions=True)
    target = tmp_path / "rapport.md"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")  # the result with the answers so far
        assert isinstance(app.screen, ResultScreen)
        app.action_export("md")
        await pilot.pause()
        field = app.screen.query_one("#path")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8").startswith("# Samarbeid mellom Nav og sosial entreprenør")
        messages = [str(n.message) for n in app._notifications]
        assert any(str(target) in m and m.startswith("Eksportert til") for m in messages)


async def test_a_long_explanation_wraps_under_itself_not_under_the_labels(rule_base):
    app = SamarbeidApp("en", rule_base=rule_base)
    async with app.run_test(size=(60, 30)) as pilot:
        await choose_role(pilot, app, "trainer")
        options = app.screen.query_one("#single", OptionList)
        lines = [options.render_line(y).text for y in range(options.size.height)]
        first = next(i for i, line in enumerate(lines) if "The money is given on the basis" in line)
        # the explanation's second line keeps its indent; the next label starts with its number at the
        # margin, and its own second line starts under its first word
        assert lines[first].startswith("  The money") and lines[first + 1].startswith("  the entrepreneur wrote.")
        third = app.question("task_defined").options[2]
        assert lines[first + 2].startswith(f"3 {third.label('en').split()[0]}")
        assert lines[first + 3].startswith("  ") and lines[first + 3][2] != " "  # the label's or the explanation's


async def test_a_tick_box_label_that_wraps_continues_under_its_first_word(rule_base):
    up_to_money = {q: a for q, a in example(rule_base, "grant").items()
                   if q in ("role", "task_defined", "goal", "service_status", "who_shapes", "closeness", "contact")}
    app = SamarbeidApp("en", rule_base=rule_base, answers=up_to_money, start_in_questions=True)
    async with app.run_test(size=(50, 40)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert app.screen.qid == "money_flow"
        await pilot.press("space")  # tick the first
        await pilot.pause()
        options = app.screen.query_one("#multi", OptionList)
        lines = [options.render_line(y).text for y in range(options.size.height)]
        assert lines[0].startswith("1 [x] A grant to your business on")
        assert lines[1].startswith("      application")
        assert lines[2].startswith("      From the directorate, IMDi, the")


async def test_the_assistant_and_plain_mode_count_the_questions_alike(rule_base):
    """"Question n of total" is the same in both front ends for the same answers."""
    from assistant.dialogue import Dialogue
    from assistant.engine import Engine
    from assistant.plain import run_plain

    app = SamarbeidApp("en", rule_base=rule_base)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_role(pilot, app, "entrepreneur")
        await answer_current(pilot, app, ("shaped_on_the_way",))
        counted = re.search(r"Question \d+ of \d+", screen_text(app)).group()
    replies = iter([number_of(rule_base, "role", "entrepreneur"), number_of(rule_base, "task_defined",
                                                                           "shaped_on_the_way"), "q"])
    lines: list[str] = []
    run_plain(Dialogue(rule_base, Engine(rule_base), lang="en"), ask=lambda _: next(replies),
              tell=lambda line="": lines.append(line))
    assert counted == re.findall(r"Question \d+ of \d+", "\n".join(lines))[-1]
    assert counted.startswith("Question 3 of")


async def test_rule_text_with_markup_is_shown_literally(rule_base):
    evil = "Hvem er du? [bold]fet[/] [link=https://e.vil]lenke[/link] [/]"
    role = rule_base.questions.questions[0]
    first = role.options[0]
    patched_option = first.model_copy(update={"label": first.label.model_copy(update={"nb": "[bold]fet[/] valg"}),
                                              "explain": first.explain.model_copy(update={"nb": "[i]forklart[/i]"})})
    patched_q = role.model_copy(update={"text": role.text.model_copy(update={"nb": evil}),
                                        "options": [patched_option, *role.options[1:]]})
    qs = rule_base.questions.model_copy(update={"questions": [patched_q, *rule_base.questions.questions[1:]]})
    rb = rule_base.model_copy(update={"questions": qs})
    app = SamarbeidApp("nb", rule_base=rb, answers={}, start_in_questions=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.qid == "role"
        shown = text_of(app.screen.query_one("#question-text", Static))
        assert shown == evil
        options = app.screen.query_one("#single", OptionList)
        assert options.render_line(0).text.startswith("1 [bold]fet[/] valg")  # the option, drawn as written
        assert options.render_line(1).text.startswith("  [i]forklart[/i]")
        await pilot.press("f1")
        await answer_current(pilot, app, ("trainer",))
        await pilot.press("escape")
        assert text_of(app.screen.query_one("#question-text", Static)) == evil


async def test_the_result_screen_has_a_folded_part_for_every_section_and_the_trace_last(rule_base):
    from textual.widgets._collapsible import CollapsibleTitle

    from assistant.render.view import build_view

    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")  # the result with the answers so far
        assert isinstance(app.screen, ResultScreen)
        parts = [c for c in app.screen.query(Collapsible) if (c.id or "").startswith("section-")]
        keys = [s.key for s in build_view(rule_base, app.dialogue.result(), "nb").sections]
        assert {"form", "conditions", "risks", "recommendations", "what_would_change", "trace", "sources"} <= set(keys)
        # the report's order, but the trace moved to the end as an appendix
        assert [c.id for c in parts] == [f"section-{k}" for k in keys if k != "trace"] + ["section-trace"]
        assert all(c.collapsed for c in parts)  # the details wait under the summary until opened
        assert parts[0].title == "Samarbeidsformen og firefeltstabellen"  # the matrix is in there
        assert not parts[0].query(".item, #matrix")  # made when opened
        parts[0].query_one(CollapsibleTitle).focus()
        await pilot.press("enter")  # opened from the keyboard: the matrix is there, the other parts still folded
        assert not parts[0].collapsed and parts[0].query_one("#matrix").region.height > 0
        assert all(c.collapsed and not c.query(".item") for c in parts[1:])
        assert parts[-1].title == "Vedlegg: hvordan svarene ble vektet"


async def test_a_broken_rule_base_stops_the_assistant_with_the_problem(tmp_path):
    import shutil
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    risks = rules / "risks.yaml"
    risks.write_text(risks.read_text(encoding="utf-8").replace("    reduce:", "    reduse:", 1), encoding="utf-8")
    app = SamarbeidApp("nb", rules=rules)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if app.problems:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2
    assert any("unknown key 'reduse'" in str(p) for p in app.problems)


async def test_ctrl_c_says_how_to_quit_in_the_users_language(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [(n.title, n.message) for n in app._notifications]
        assert ("Vil du avslutte?", "Trykk ctrl+q for å avslutte. Svarene dine er lagret.") in messages
        assert app.is_running


async def test_looking_around_the_start_screen_writes_nothing(rule_base, data_dir):
    kept, before = await a_saved_session(rule_base, data_dir)
    second = SamarbeidApp("nb", rule_base=rule_base)
    async with second.run_test(size=(80, 24)) as pilot:
        await loaded(second)
        await pilot.pause()
        await pilot.press("ctrl+l")  # change language, look around, quit
        await pilot.pause()
        assert second.lang == "nn"
    assert session_files(data_dir) == [kept] and kept.read_text(encoding="utf-8") == before


async def test_the_palette_says_no_matches_in_the_users_language(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"zzzqqq")
        await pilot.pause(0.8)
        from textual.command import CommandList
        options = app.screen.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Ingen treff" in s for s in shown), shown


async def test_the_cycle_collector_is_on_again_once_the_first_frame_is_drawn(data_dir):
    """`samarbeid` holds Python's cycle collector back for its start (cli._assistant); the app
    must turn it on again, or a long session would never free its garbage cycles."""
    gc.disable()
    try:
        app = SamarbeidApp("nb")
        async with app.run_test(size=(80, 24)):
            await loaded(app)
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_the_app_remembers_the_roles_after_a_validated_load(data_dir):
    app = SamarbeidApp("nb")
    async with app.run_test(size=(80, 24)):
        await loaded(app)
    assert "nav_leader\tLeder for et Nav-kontor" in (data_dir / "firstlook.tsv").read_text(encoding="utf-8")


async def test_keys_in_a_burst_never_answer_the_wrong_question(rule_base, data_dir):
    """Keys that arrive at once (a paste, a slow link) go to the question they reach; an Enter meant
    for a question that has just been left is dropped, never taken as an answer to the next one."""
    from textual import events

    for burst in range(3):
        app = SamarbeidApp("nb", rule_base=rule_base, answers={"role": ("trainer",)}, start_in_questions=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for _ in range(6 + burst):  # sent without waiting for a frame in between
                for key in ("down", "down", "enter"):
                    app.post_message(events.Key(key, "\r" if key == "enter" else None))
            await pilot.pause(0.3)
            answers = dict(app.dialogue.answers)
            saved = app.session_file.path
        for qid, chosen in answers.items():
            assert set(chosen) <= set(rule_base.questions.questions[0].option_ids if qid == "role" else
                                      next(q for q in rule_base.questions.questions if q.id == qid).option_ids)
        third = next(q for q in rule_base.questions.questions if q.id == "task_defined").option_ids[2]
        assert answers["task_defined"] == (third,)  # the first Enter answered what was shown
        reread, _, _ = load_answers(saved, rule_base)  # the saved file is a valid answers file, as it was
        assert reread == answers


@pytest.mark.parametrize("width", [3, 12])
async def test_a_terminal_a_few_columns_wide_still_draws_every_screen(rule_base, width, monkeypatch):
    """Every screen is drawn, and settles: left alone, it is not laid out again and again (at 3 and 4 columns
    a question and the review were laid out 60 times a second, for ever: question.py, NARROW)."""
    import asyncio

    from textual.screen import Screen

    layouts: list[Screen] = []
    lay_out = Screen._refresh_layout

    def counted(screen, *args, **kwargs):
        layouts.append(screen)
        return lay_out(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)

    async def settled() -> None:
        layouts.clear()
        await asyncio.sleep(0.25)  # 15 frames
        assert len(layouts) <= 2, f"{type(app.screen).__name__} laid out {len(layouts)} times in 0.25 s, left alone"

    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(width, 10)) as pilot:
        await choose_role(pilot, app, "trainer")
        assert isinstance(app.screen, QuestionScreen)
        await settled()
        for key, screen in (("enter", QuestionScreen), ("ctrl+r", ReviewScreen), ("ctrl+t", ResultScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            await settled()


async def test_a_saved_session_that_cannot_be_read_is_said_and_left_as_it_is(rule_base, data_dir):
    folder = data_dir / "sessions"
    folder.mkdir(parents=True)
    broken = folder / "2026-11-29_1000_trainer.yaml"
    broken.write_bytes(b"\xff\xfe not text")
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app)
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Lagrede økter som ikke kan leses: 1.") and str(broken) in m for m in shown), shown
        assert not app.screen.query("#sessions")
        await choose_role(pilot, app, "trainer")
    assert broken.read_bytes() == b"\xff\xfe not text"


async def test_a_data_folder_that_cannot_be_written_is_named_at_every_answer(rule_base, tmp_path, monkeypatch):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder should be\n", encoding="utf-8")
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(blocked))
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_role(pilot, app, "trainer")
        await answer_current(pilot, app, ("specification",))
        failed = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert failed and all(m.startswith(f"Kunne ikke skrive {blocked / 'sessions'}: ") for m in failed)
        assert "None" not in " ".join(failed)


# --- issue 12: number keys, the person's own voice, the summary first

async def test_the_number_2_answers_a_question_with_its_second_option(rule_base, data_dir):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "nav_leader_state")
        assert app.screen.qid == "task_defined"
        second = app.question("task_defined").option_ids[1]
        options = app.screen.query_one("#single", OptionList)
        assert options.render_line(0).text.startswith("1 ")  # the numbers stand beside the options
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.qid != "task_defined"  # answered and moved on, as Enter on it would
        saved, _, _ = load_answers(session_files(data_dir)[-1], rule_base)
    assert saved["task_defined"] == (second,)


async def test_a_number_key_on_the_start_screen_begins_with_that_role(rule_base, data_dir):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
        roles = app.screen.query_one("#role", OptionList)
        entrepreneur = [r.id for r in app.roles].index("entrepreneur") + 1
        # the number drawn before the role is its key (each role has its explanation under it: two lines or more)
        roles.scroll_end(animate=False, immediate=True)
        drawn = [roles.render_line(y).text.lstrip(" ▊") for y in range(roles.size.height)]
        assert any(line.startswith(f"{entrepreneur} Sosial entreprenør") for line in drawn), drawn
        await pilot.press(str(entrepreneur))
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.dialogue.role == "entrepreneur"
        saved, _, _ = load_answers(session_files(data_dir)[-1], rule_base)
    assert saved["role"] == ("entrepreneur",)


async def test_a_number_with_no_role_does_nothing_on_the_start_screen(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert len(app.roles) < 9
        await pilot.press("9")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.dialogue is None


async def test_number_keys_tick_and_untick_on_a_multiple_choice_question(rule_base):
    up_to_money = {q: a for q, a in example(rule_base, "grant").items()
                   if q in ("role", "task_defined", "goal", "service_status", "who_shapes", "closeness", "contact")}
    app = SamarbeidApp("en", rule_base=rule_base, answers=up_to_money, start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert app.screen.qid == "money_flow"
        ids = app.question("money_flow").option_ids
        await pilot.press("2", "1", "2", "4")  # the second ticked and unticked again
        await pilot.pause()
        assert app.screen.qid == "money_flow"  # ticking does not move on
        await pilot.press("enter")
        await pilot.pause()
    assert app.dialogue.answers["money_flow"] == (ids[0], ids[3])


async def test_a_number_with_no_option_does_nothing(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "trainer")
        count = len(app.question("task_defined").option_ids)
        assert count < 9
        await pilot.press("9")
        await pilot.pause()
        assert app.screen.qid == "task_defined" and "task_defined" not in app.dialogue.answers


async def test_the_footer_and_the_key_panel_name_the_number_keys_once(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, "trainer")
        footer = " ".join(k.render().plain if hasattr(k.render(), "plain") else str(k.render())
                          for k in app.screen.query("FooterKey"))
        assert "1–9" in footer and "velg" in footer
        app.action_toggle_keys()
        await pilot.pause()
        shown = _key_panel_text(app)
        assert shown.count("1–9") == 1 and "velg" in shown


def _voiced(rule_base, qid: str, nav: str, entrepreneur: str):
    """The rule base with question `qid` given its own words for Nav and for the entrepreneur."""
    from assistant.models.common import Text

    qs = rule_base.questions.questions
    q = next(q for q in qs if q.id == qid)
    text = Text.model_validate({"nb": q.text.nb, "en": q.text("en"), "nav": {"nb": nav, "en": nav},
                                "entrepreneur": {"nb": entrepreneur, "en": entrepreneur}})
    voiced = q.model_copy(update={"text": text})
    questions = rule_base.questions.model_copy(update={"questions": [voiced if x is q else x for x in qs]})
    return rule_base.model_copy(update={"questions": questions})


@pytest.mark.parametrize(("role", "expected"), [("nav_leader_state", "nav"), ("nav_employee_municipal", "nav"),
                                                ("entrepreneur", "entrepreneur"), ("trainer", None)])
async def test_the_question_speaks_in_the_persons_own_voice(rule_base, role, expected):
    nav, entrepreneur = "Har kontoret [b]bestemt[/b] oppgaven?", "Har du fått oppgaven beskrevet av Nav?"
    rb = _voiced(rule_base, "task_defined", nav, entrepreneur)
    app = SamarbeidApp("nb", rule_base=rb)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role(pilot, app, role)
        assert app.screen.qid == "task_defined"
        shown = text_of(app.screen.query_one("#question-text", Static))
        neutral = rb.questions.questions[1].text("nb")
        assert shown == {"nav": nav, "entrepreneur": entrepreneur, None: neutral}[expected]  # literally
        await pilot.press("ctrl+r")  # the review lists it in the same words
        await pilot.pause()
        prompt = app.screen.query_one("#review-list", OptionList).get_option("task_defined").prompt
        assert isinstance(prompt, Content) and prompt.plain.startswith(shown)


@pytest.mark.parametrize(("role", "party"), [("nav_leader_state", "nav"), ("entrepreneur", "entrepreneur"),
                                             ("trainer", None)])
def test_plain_mode_asks_in_the_persons_own_voice(rule_base, role, party):
    from assistant.dialogue import Dialogue
    from assistant.engine import Engine
    from assistant.plain import run_plain

    voices = {"nav": "Har kontoret bestemt oppgaven?", "entrepreneur": "Har du fått oppgaven beskrevet av Nav?"}
    rb = _voiced(rule_base, "task_defined", voices["nav"], voices["entrepreneur"])
    number = [o.id for o in rb.questions.questions[0].options].index(role) + 1
    replies = iter([str(number), "q"])
    lines: list[str] = []
    run_plain(Dialogue(rb, Engine(rb), lang="nb"), ask=lambda _: next(replies), tell=lambda line="": lines.append(line))
    said = "\n".join(lines)
    for who, words in voices.items():
        assert (words in said) == (who == party)
    if party is None:
        assert rb.questions.questions[1].text("nb") in said


def _within_first_screen(app: SamarbeidApp, widget) -> bool:
    """Whether a widget is drawn in full on the screen as it first shows (not scrolled to)."""
    region = widget.region
    return region.height > 0 and region.y >= 1 and region.bottom <= app.screen.size.height - 1  # topbar, footer


def drawn(widget) -> str:
    """The lines a widget draws, as text."""
    return "\n".join(widget.render_line(y).text.rstrip() for y in range(widget.size.height))


def _answers(rule_base, source: str, name: str, role: str | None) -> dict:
    """An example's or a scenario's answers, as the person in `role` (if given) would have given them."""
    if source == "examples":
        answers = example(rule_base, name)
    else:
        from tests.test_scenarios import load_scenario
        answers, _ = load_scenario(ROOT / "tests" / "scenarios" / f"{name}.yaml", rule_base)
    return {**answers, "role": (role,)} if role else dict(answers)


async def _at_the_result(pilot, app: SamarbeidApp) -> None:
    """The result screen as it first shows, laid out (with the answers so far, if some are open)."""
    await loaded(app)
    await pilot.pause()
    if not isinstance(app.screen, ResultScreen):
        await pilot.press("ctrl+t")
    await pilot.pause()
    await pilot.pause()  # the summary made to fit (ResultScreen._fit_summary) after the first layout
    assert isinstance(app.screen, ResultScreen)


@pytest.mark.parametrize(("source", "name", "role", "lang"), [
    pytest.param("examples", "supplier", None, "nb", id="nav-leader-complete"),
    pytest.param("examples", "grant", None, "nb", id="entrepreneur-partial"),
    pytest.param("examples", "grant", None, "en", id="entrepreneur-partial-en"),
    # the longest first screens: a trainer's steps carry both parties' lines
    pytest.param("scenarios", "open_all_axis_dont_know_trainer", None, "nb", id="trainer-nothing-known"),
    pytest.param("scenarios", "report_moving_mamas_hverdagsvikar", "trainer", "nb", id="trainer-three-forms-open"),
    pytest.param("scenarios", "report_moving_mamas_hverdagsvikar", "trainer", "en", id="trainer-three-forms-open-en"),
])
async def test_the_first_screen_of_the_result_is_the_summary(rule_base, source, name, role, lang):
    """At 80×24 the first screen holds the form, how many questions are unanswered, and the three steps."""
    app = SamarbeidApp(lang, rule_base=rule_base, answers=_answers(rule_base, source, name, role),
                       start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_the_result(pilot, app)
        summary, result = app.report_view().summary, app.result()
        form = app.screen.query_one("#summary-form", Static)
        assert text_of(form) == summary.form and _within_first_screen(app, form)
        steps = list(app.screen.query(".first-step"))
        # each step is raised by an answer or typical of the form: with nothing known there is none, and
        # what to find out comes first instead
        assert len(steps) == len(summary.first_steps) == (0 if name.startswith("open_all") else 3)
        if not steps:
            assert summary.to_find_out
        for n, (step, item) in enumerate(zip(steps, summary.first_steps, strict=True), 1):
            assert _within_first_screen(app, step), f"step {n} is not on the first screen"
            assert drawn(step).startswith(f"{n}. {item.heading}"[:40])
        if result.unanswered:  # a partial result says how partial, at once
            count = app.screen.query_one("#summary-open", Static)
            assert _within_first_screen(app, count)
            assert text_of(count).startswith(f"{result.unanswered} ") and summary.open.startswith(text_of(count))
        else:
            assert not app.screen.query("#summary-open")
        if not app.screen.query_one("#summary").has_class("-tight"):
            assert text_of(app.screen.query_one("#summary-title", Static)) == summary.title
        # no scores on the summary: they are in the details
        assert not re.search(r"poeng|points|\+\d", drawn(app.screen.query_one("#summary")))


async def test_on_a_smaller_screen_the_title_gives_way_to_the_steps(rule_base):
    answers = _answers(rule_base, "scenarios", "report_moving_mamas_hverdagsvikar", "trainer")
    app = SamarbeidApp("nb", rule_base=rule_base, answers=answers, start_in_questions=True)
    async with app.run_test(size=(80, 22)) as pilot:
        await _at_the_result(pilot, app)
        assert app.screen.query_one("#summary").has_class("-tight")
        assert not app.screen.query_one("#summary-title").display
        assert all(_within_first_screen(app, step) for step in app.screen.query(".first-step"))
        await pilot.resize_terminal(100, 40)  # room again: the title is back
        await pilot.pause()
        await pilot.pause()
        summary = app.screen.query_one("#summary")
        assert not summary.has_class("-tight") and app.screen.query_one("#summary-title").display
        await pilot.press("pagedown")  # made smaller while further down: the first screen is still measured
        await pilot.pause()
        await pilot.resize_terminal(80, 22)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#summary").has_class("-tight")


async def test_a_partial_result_says_what_is_open_after_the_risks_and_what_to_find_out(rule_base):
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_the_result(pilot, app)
        summary = app.report_view().summary
        assert summary.open and summary.to_find_out
        full = app.screen.query_one("#summary-open-full", Static)
        assert text_of(full) == summary.open  # the count, and what the open answers could settle
        risks = app.screen.query_one("#top-risks")
        assert full.region.y > risks.region.bottom
        find_out = app.screen.query_one("#to-find-out", Collapsible)
        assert find_out.collapsed and find_out.title == f"Finn ut i første møte ({len(summary.to_find_out)})"
        assert find_out.region.y > full.region.y


@pytest.mark.parametrize(("name", "section"), [("grant", "risks"), ("grant", "recommendations"),
                                               ("development", "risks")])
async def test_the_details_show_risks_and_advice_under_their_group_headings(rule_base, name, section):
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, name), start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await _at_the_result(pilot, app)
        [wanted] = [s for s in app.report_view().sections if s.key == section]
        assert wanted.groups
        part = app.screen.query_one(f"#section-{section}", Collapsible)
        part.collapsed = False
        await pilot.pause()
        shown = [w for w in part.query(Static) if w.has_class("group-heading") or w.has_class("item")]
        expected = []
        for group in wanted.groups:
            expected += [("group-heading", group.title), *(("item", item.heading) for item in group.items)]
        assert len(shown) == len(expected)
        for widget, (kind, words) in zip(shown, expected, strict=True):
            assert widget.has_class(kind)
            if kind == "group-heading":
                assert text_of(widget) == words
            else:
                assert words[:40] in drawn(widget).replace("\n", " ")


async def test_the_summary_shows_rule_text_literally(rule_base, monkeypatch):
    from assistant.render.view import Item, Line, SummaryView

    evil = "[bold]fet[/] [link=https://e.vil]lenke[/link]"
    made = SamarbeidApp.report_view

    def with_evil(app):
        view = made(app)
        view.summary = SummaryView(title=evil, form=evil, reasons=[evil], first_steps=[Item(evil, [Line(evil)])],
                                   top_risks=[Item(evil, [Line(evil)])], unanswered=evil, open=evil, to_find_out=[evil])
        return view

    monkeypatch.setattr(SamarbeidApp, "report_view", with_evil)
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(app)
        await pilot.pause()
        for widget_id in ("#summary-title", "#summary-form", "#summary-open"):
            assert text_of(app.screen.query_one(widget_id, Static)) == evil
        for selector in (".reason", ".first-step", ".top-risk"):
            assert evil in drawn(app.screen.query(selector).first(Static))
        assert drawn(app.screen.query(".first-step").first(Static)).count(evil) == 2  # the step and its line
