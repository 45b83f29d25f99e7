"""Snapshots of the four main screens, in nb and en, at 80×24 and 120×40.

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

    def test_result(self, snap_compare, rule_base, lang, size):
        app = SamarbeidApp(lang, rule_base=rule_base, answers=supplier(rule_base), start_in_questions=True)
        assert snap_compare(app, terminal_size=size)
