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


def example(rule_base, name: str) -> dict:
    answers, _, _ = load_answers(ROOT / "examples" / f"{name}.yaml", rule_base)
    return answers


def supplier(rule_base) -> dict:
    return example(rule_base, "supplier")


def scenario(rule_base, name: str) -> dict:
    from tests.test_scenarios import load_scenario

    answers, _ = load_scenario(ROOT / "tests" / "scenarios" / f"{name}.yaml", rule_base)
    return dict(answers)


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


class TestNynorsk:
    """The assistant in nynorsk (issue 22): the start, a question with its help, the result's summary."""

    def test_start(self, snap_compare, rule_base):
        assert snap_compare(SamarbeidApp("nn", rule_base=rule_base), terminal_size=(80, 24))

    def test_question_with_help(self, snap_compare, rule_base):
        app = SamarbeidApp("nn", rule_base=rule_base)

        async def open_help(pilot):
            await choose_role(pilot, app, "entrepreneur")
            await pilot.press("f1")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)

    def test_the_result_summary(self, snap_compare, rule_base):
        app = SamarbeidApp("nn", rule_base=rule_base, answers=supplier(rule_base), start_in_questions=True)
        assert snap_compare(app, terminal_size=(80, 24))


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
            await open_part(pilot, app, "form")

        assert snap_compare(app, terminal_size=(120, 40), run_before=open_the_form)

    def test_a_trainers_first_screen_at_80x24(self, snap_compare, rule_base, lang):
        """The longest first screen: each step with both parties' lines, three forms still open."""
        answers = {**scenario(rule_base, "report_moving_mamas_hverdagsvikar"), "role": ("trainer",)}
        app = SamarbeidApp(lang, rule_base=rule_base, answers=answers, start_in_questions=True)
        assert snap_compare(app, terminal_size=(80, 24), press=["ctrl+t"])

    @pytest.mark.parametrize("section", ["risks", "recommendations"])
    def test_risks_and_advice_under_their_group_headings(self, snap_compare, rule_base, lang, section):
        """An entrepreneur's: the risks raised first, then the typical, then the possible; the advice
        in what they can do themselves and what they can ask Nav for."""
        app = SamarbeidApp(lang, rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)

        async def open_it(pilot):
            await pilot.press("ctrl+t")
            await open_part(pilot, app, section)

        assert snap_compare(app, terminal_size=(120, 40), run_before=open_it)


async def open_part(pilot, app: SamarbeidApp, key: str) -> None:
    """Focus a part's title, where Tab comes to (it is in the screen's focus chain, which Tab goes round), open
    it with Enter as a keyboard user would, and scroll it to the top. (Tabbing there cost a layout of the result
    a key, up to 9 keys; the SVGs are the same.)"""
    from textual.widgets._collapsible import CollapsibleTitle

    part = app.screen.query_one(f"#section-{key}")
    title = part.query_one(CollapsibleTitle)
    assert title in app.screen.focus_chain
    title.focus()
    await pilot.press("enter")
    # Focus moves smoothly; let that scroll finish first, or it ends wherever the clock stopped it.
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    part.scroll_visible(top=True, animate=False)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
class TestNewcomer:
    """The terminal for a newcomer (issue 20): choices said in words, where a file goes."""

    def test_the_export_dialog_at_80x24(self, snap_compare, rule_base, lang, tmp_path, monkeypatch):
        """The chosen kind and format marked (●) and named; the data folder named (under a home of the
        test's own, so the snapshot shows ~/data/sessions wherever it runs); the name fixed (no date)."""
        monkeypatch.setenv("HOME", str(tmp_path))
        app = SamarbeidApp(lang, rule_base=rule_base, answers=supplier(rule_base), start_in_questions=True)

        async def open_it(pilot):
            await pilot.press("ctrl+e")
            await pilot.pause()
            app.screen.query_one("#path").value = "samarbeid.html"
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)

    def test_back_to_an_answered_question(self, snap_compare, rule_base, lang):
        """The answer kept is marked "(valgt)" beside the highlight."""
        app = SamarbeidApp(lang, rule_base=rule_base)

        async def answer_and_go_back(pilot):
            await choose_role(pilot, app, "entrepreneur")
            await pilot.press("2")
            await pilot.pause()
            await pilot.press("escape", "down", "down")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=answer_and_go_back)
