"""The assistant under hostile use (issue 19, brief H6): keys typed while it loads, pastes, tiny
heights with PageUp/PageDown, a long paste into a field. Each test names its probe row (F1 …) in
its docstring; tests/tui/test_terminal.py runs the real program in a pseudo-terminal."""

from __future__ import annotations

import threading

import pytest
from textual import events

import assistant.loading
from assistant.loading import load_answers
from assistant.tui.app import SamarbeidApp
from assistant.tui.question import QuestionScreen
from tests.tui.conftest import loaded

ROLE_BY_NUMBER = ["nav_leader", "nav_leader_state", "nav_leader_municipal", "nav_employee_state",
                  "nav_employee_municipal", "nav_county", "entrepreneur", "trainer"]


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
        assert dict(app.dialogue.answers) == {"role": (ROLE_BY_NUMBER[4],)}
        saved, _, _ = load_answers(app.session_file.path, app.rb)
        assert saved == {"role": (ROLE_BY_NUMBER[4],)}
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
        assert dict(app.dialogue.answers) == {"role": ("entrepreneur",)}


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
        assert app.dialogue.answers["role"] == (ROLE_BY_NUMBER[4],)
