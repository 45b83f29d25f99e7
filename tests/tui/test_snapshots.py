"""Snapshots of the main screens, in nb and en, at 80×24 and 120×40; the result's first screen at 80×24.

Update after a deliberate change of the screens with `pytest --snapshot-update`
and look at the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from assistant.loading import load_answers
from assistant.tui.app import SamarbeidApp
from tests.conftest import ROOT
from tests.tui.conftest import choose_role

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
LANGS = ["nb", "en"]


def supplier(rule_base):
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", rule_base)
    return answers


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
class TestScreens:
    def test_start(self, snap_compare, rule_base, lang, size):
        assert snap_compare(SamarbeidApp(lang, rule_base=rule_base), terminal_size=size)

    def test_question_with_help(self, snap_compare, rule_base, lang, size):
        app = SamarbeidApp(lang, rule_base=rule_base)

        async def open_help(pilot):
            await choose_role(pilot, app, "nav_leader_state")
            await pilot.press("f1")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=open_help)

    def test_review(self, snap_compare, rule_base, lang, size):
        app = SamarbeidApp(lang, rule_base=rule_base, answers=supplier(rule_base), start_in_questions=True)
        assert snap_compare(app, terminal_size=size, press=["ctrl+r"])


@pytest.mark.parametrize("lang", LANGS)
class TestResult:
    """The result (issue 12): the summary is the first screen; the details wait, folded, below it."""

    def test_the_first_screen_at_80x24_is_the_summary(self, snap_compare, rule_base, lang):
        """The form, why, what to do first, the risks, what is still open."""
        app = SamarbeidApp(lang, rule_base=rule_base, answers=supplier(rule_base), start_in_questions=True)
        assert snap_compare(app, terminal_size=(80, 24))

    def test_at_120x40_the_folded_details_follow_the_summary(self, snap_compare, rule_base, lang):
        app = SamarbeidApp(lang, rule_base=rule_base, answers=supplier(rule_base), start_in_questions=True)
        assert snap_compare(app, terminal_size=(120, 40))

    def test_the_details_with_the_matrix_opened(self, snap_compare, rule_base, lang):
        app = SamarbeidApp(lang, rule_base=rule_base, answers=supplier(rule_base), start_in_questions=True)

        async def open_the_form(pilot):
            await pilot.press("tab", "tab", "enter")  # past what to find out, to the form and the matrix
            await pilot.pause()
            app.screen.query_one("#section-form").scroll_visible(top=True, animate=False)
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=open_the_form)
