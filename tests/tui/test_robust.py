"""The assistant under hostile use (issue 19, brief H6): keys typed while it loads, pastes, tiny
heights with PageUp/PageDown, a long paste into a field. Each test names its probe row (F1 …) in
its docstring; tests/tui/test_terminal.py runs the real program in a pseudo-terminal."""

from __future__ import annotations

import threading

import pytest
from textual import events
from textual.geometry import Size

import assistant.loading
from assistant.answers import group_of
from assistant.loading import load_answers
from assistant.tui.app import SamarbeidApp
from assistant.tui.question import QuestionScreen
from tests.tui.conftest import loaded


def role_number(app: SamarbeidApp, number: int) -> str:
    """The role the number key `number` chooses on the start screen."""
    return app.roles[number - 1].id


@pytest.fixture
def slow_load(monkeypatch):
    """Loading the rule base waits until the test lets it go on: the keys of a test are all typed
    while the start screen is up and the rule base is still loading (the window of F1)."""
    go_on = threading.Event()
    load = assistant.loading.load_rule_base

    def held(*args, **kwargs):
        go_on.wait(10)
        return load(*args, **kwargs)

    monkeypatch.setattr(assistant.loading, "load_rule_base", held)
    return go_on


@pytest.mark.parametrize("keys", [("5", "1"), ("5", "3", "3"), ("5", "escape", "ctrl+t", "down", "enter", "1")])
async def test_keys_typed_while_loading_never_change_the_chosen_role(slow_load, keys):
    """F1: the first number key typed on the start screen while the rule base loads chooses the
    role; keys typed after it, before the questions are there, are dropped: never a second role,
    never an answer to question 2."""
    app = SamarbeidApp("en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*keys)
        assert app.dialogue is None  # all typed while loading
        slow_load.set()
        await loaded(app)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "task_defined"
        assert dict(app.dialogue.answers) == {"role": (role_number(app, 5),)}
        saved, _, _ = load_answers(app.session_file.path, app.rb)
        assert saved == {"role": (role_number(app, 5),)}
        # the next key, typed on question 2, answers question 2
        await pilot.press("1")
        assert app.dialogue.answers["task_defined"] == (app.question("task_defined").option_ids[0],)


async def test_a_role_typed_while_loading_is_taken_once_loaded(slow_load):
    """F1: the role chosen while loading is not lost: the questions begin with it."""
    app = SamarbeidApp("en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("7")
        slow_load.set()
        await loaded(app)
        await pilot.pause()
        assert dict(app.dialogue.answers) == {"role": (role_number(app, 7),)}


async def test_keys_in_one_burst_after_a_role_reach_no_other_screen(rule_base):
    """F1: a role and a number in one burst (as one read from the terminal) once loaded: the number
    is for the start screen it was typed on, which has gone, so it is dropped or answers question 2,
    but never changes the role."""
    app = SamarbeidApp("en", rule_base=rule_base)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(app)
        await pilot.pause()
        for key in ("5", "1", "1"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert app.dialogue.answers["role"] == (role_number(app, 5),)


# ---------------------------------------------------------------- F13: tiny heights, PageUp/PageDown

SIZES = [(60, height) for height in range(1, 9)] + [(1, 1), (1, 8), (20, 3)]
"""Every height from 1 to 8 rows (where Textual's option list had no line to page over), and the narrowest."""
PAGING = ("pagedown", "pagedown", "pageup", "end", "pagedown", "pageup", "home", "pageup")


async def burst(pilot, keys: tuple[str, ...], size: tuple[int, int] | None = None) -> None:
    """The keys as one burst (as a terminal delivers them when typed fast), after a resize to `size`,
    then wait for the app: Pilot waits for the app to be idle after every key and every resize, which
    at 11 sizes takes too long."""
    app = pilot.app
    if size is not None:
        app._driver._size = Size(*size)
        app.post_message(events.Resize(Size(*size), Size(*size)))
    for key in keys:
        event = events.Key(key, None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


def _to_screen(app: SamarbeidApp, where: str) -> None:
    """Open the screen or dialog `where` in a session begun with the supplier example."""
    from assistant.tui.dialogs import ConfirmDialog

    multi = next(q.id for q in app.rb.questions.questions if q.kind == "multi")
    {"start": lambda: (app.dialogue.keep(), app.action_restart()),  # the session kept: listed to go on with
     "question": lambda: app._place("question", "task_defined"),
     "multi": lambda: app._place("question", multi),
     "review": app.action_review,
     "result": lambda: None,  # the session opens on its result (the example is complete)
     "name": app.action_name_group,
     "save": app.action_save_as,
     "export": app.action_export,
     "confirm": lambda: app.push_screen(ConfirmDialog("?", "yes", "no")),
     "palette": app.action_command_palette}[where]()


WHERES = ["result", "export", "question", "name", "save", "confirm", "palette", "multi", "review", "start"]
"""Every screen and dialog: the result (where the session begins) and the export dialog over it (where ctrl+e
opens it), then a question and the other dialogs over it, the other places, the start screen last (reaching it
ends the session shown). The dialogs but export are opened over a question, not the result: the screen under
a dialog is laid out again at every size too, and the result's layout costs three times a question's (about 3
of the test's 12 CPU-seconds); the result at every size is a step of its own."""


async def test_page_keys_at_every_tiny_size(rule_base):
    """F13: PageUp and PageDown on every screen and dialog at heights 1 to 8 (and at 1 column): no crash;
    the app is still there, on the same screen, and goes on working at a normal size.

    One app visits them all in turn (a fresh app per screen cost its start ten times; what is tested is
    each screen at the tiny sizes, not a screen opened first): each dialog is closed before the next is
    opened, and the app is checked to be back on the screen it was opened over."""
    from textual.command import CommandPalette

    from assistant.tui.dialogs import ConfirmDialog, ExportDialog, NameDialog, PathDialog
    from assistant.tui.result import ResultScreen
    from assistant.tui.review import ReviewScreen
    from assistant.tui.start import StartScreen
    from tests.tui.test_pilot import example

    opened = {"result": ResultScreen, "name": NameDialog, "save": PathDialog, "export": ExportDialog,
              "confirm": ConfirmDialog, "palette": CommandPalette, "review": ReviewScreen, "question": QuestionScreen,
              "multi": QuestionScreen, "start": StartScreen}
    app = SamarbeidApp("en", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(app)
        await pilot.pause()
        for where in WHERES:
            depth, beneath = len(app.screen_stack), type(app.screen)
            _to_screen(app, where)
            await pilot.pause()
            if where == "start":  # the saved sessions and the roles, both lists
                assert app.screen.query("#sessions") and app.screen.query("#role")
            assert isinstance(app.screen, opened[where]), (where, type(app.screen).__name__)
            screen = type(app.screen)
            for width, height in SIZES:
                await burst(pilot, PAGING, (width, height))
                assert app.is_running and type(app.screen) is screen, (where, width, height)
            await pilot.resize_terminal(100, 40)
            await pilot.press("pagedown", "pageup")
            assert app.is_running and type(app.screen) is screen, where
            if len(app.screen_stack) > depth:  # a dialog or the palette: closed, back to what it was opened over
                app.pop_screen()
                await pilot.pause()
                assert len(app.screen_stack) == depth and type(app.screen) is beneath, where


# ---------------------------------------------------------------- F26: a long paste into the group's name

async def test_a_long_paste_into_the_groups_name_is_cut_to_the_limit(rule_base):
    """F26: a paste longer than the name may be is cut to the limit (80 characters), never dropped;
    Enter then names the group with what was cut, and an earlier name is not lost to an empty one.

    Pastes of 100, 5 000, 10 000 and 100 000 characters in turn in one session (an app each cost its start
    four times): each into the dialog opened anew, which shows the name the one before gave. Over the first
    question: over the result (the supplier example's, as it was), each Enter laid the result out again with the
    group's name, 1 of the test's 3 CPU-seconds, and what is tested is the field."""
    app = SamarbeidApp("en", rule_base=rule_base, start_in_questions=True, group="Team Blue")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        earlier = "Team Blue"
        for size in (100, 5_000, 10_000, 100_000):
            app.action_name_group()
            await pilot.pause()
            field = app.screen.query_one("#name")
            assert field.value == earlier, size
            pasted = (f"Gruppe {size} Øst " * (size // 11 + 1))[:size]
            field.post_message(events.Paste(pasted))
            await pilot.pause()
            expected = pasted[:80]
            assert field.value == expected, size
            await pilot.press("enter")
            assert app.dialogue.group == expected.strip(), size
            _, meta, _ = load_answers(app.session_file.path, rule_base)
            assert group_of(meta) == expected.strip(), size  # and saved so
            earlier = expected.strip()


async def test_a_long_paste_after_the_name_fills_the_room_left(rule_base):
    """F26: pasted after the name (the cursor at its end, nothing selected), a long paste fills what is
    left of the 80 characters."""
    app = SamarbeidApp("en", rule_base=rule_base, start_in_questions=True, group="Team Blue")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.action_name_group()
        await pilot.pause()
        await pilot.press("end", "space")
        field = app.screen.query_one("#name")
        field.post_message(events.Paste("x" * 10_000))
        await pilot.pause()
        assert field.value == "Team Blue " + "x" * 70
