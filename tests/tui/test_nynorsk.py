"""The assistant in nynorsk (issue 22): every screen a person reaches shows no bokmål or English words
(tests/leaks.py: the phrases of the catalogues and the rule base that differ from their nynorsk), but the
report's quotations, names and numbers. The same walk in bokmål is found out, so the check can fail."""

from __future__ import annotations

import pytest

from assistant.tui.app import SamarbeidApp
from assistant.tui.result import ResultScreen
from tests.leaks import leaks
from tests.tui.conftest import loaded, open_details, screen_text
from tests.tui.test_pilot import example

SCREENS = ("result", "review", "question", "help", "export", "start")


async def _texts(rule_base, lang: str) -> dict[str, str]:
    """What each screen shows, in `lang`, of a session begun with the supplier example."""
    app = SamarbeidApp(lang, rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    shown: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)  # the example is complete: the session opens on its result
        await open_details(pilot, app)  # every part's words, not only the summary's
        shown["result"] = screen_text(app)
        app.action_review()
        await pilot.pause()
        shown["review"] = screen_text(app)
        app._place("question", "task_defined")
        await pilot.pause()
        shown["question"] = screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        shown["help"] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.action_export()
        await pilot.pause()
        shown["export"] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.dialogue.keep()
        app.action_restart()
        await pilot.pause()
        shown["start"] = screen_text(app)
    return shown


async def test_every_screen_in_nynorsk_has_no_bokmal_or_english_left(rule_base):
    shown = await _texts(rule_base, "nn")
    assert set(shown) == set(SCREENS) and all(shown.values())
    assert {screen: found for screen, text in shown.items() if (found := leaks(text, rule_base))} == {}


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_the_same_screens_in_bokmal_or_english_are_found_out(rule_base, lang):
    shown = await _texts(rule_base, lang)
    assert all(leaks(text, rule_base) for text in shown.values()), \
        {screen: text[:200] for screen, text in shown.items() if not leaks(text, rule_base)}
