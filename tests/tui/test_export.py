"""Exporting the report from the assistant, and naming a workshop group: driven with the keyboard."""

from __future__ import annotations

from datetime import date

import yaml
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static

from assistant.loading import load_answers
from assistant.tui.app import SamarbeidApp
from assistant.tui.dialogs import ConfirmDialog, ExportDialog, NameDialog, PathDialog
from assistant.tui.result import ResultScreen
from tests.conftest import ROOT
from tests.tui.conftest import loaded, text_of


def example(rule_base, form: str) -> dict:
    answers, _, _ = load_answers(ROOT / "examples" / f"{form}.yaml", rule_base)
    return answers


async def open_result(pilot, app: SamarbeidApp) -> None:
    await pilot.pause()
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert isinstance(app.screen, ResultScreen)


TODAY = f"{date.today():%Y-%m-%d}"


def notifications(app: SamarbeidApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def run_palette_command(pilot, app: SamarbeidApp, typed: str, command: str) -> None:
    """Open the palette, type a word of the command as a user would search for it, and press enter
    once the palette lists the command (its whole title) first.

    The palette searches in a worker and shows its hits in batches: enter pressed before the last
    batch (as happens on a busy machine) would choose what an earlier, shorter query found."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    hits = palette.query_one(CommandList)
    for _ in range(200):
        if hits.option_count and hits.highlighted == 0 and hits.get_option_at_index(0).prompt.plain.startswith(command):
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError(f"the palette never listed {command!r} first for {typed!r}")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def test_ctrl_e_on_the_result_exports_html_and_says_where(rule_base, tmp_path, data_dir):
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "til-ledermøtet.html"
    async with app.run_test(size=(100, 40)) as pilot:
        await open_result(pilot, app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        said = " ".join(text_of(s) for s in app.screen.query(Static))
        assert "Eksporter resultatet: velg hele rapporten eller bare sammendraget, formatet" in said
        # where a plain name lands: beside the sessions, not in the folder it was started from
        assert f"Et navn uten mappe lagres i {data_dir / 'sessions'}, der øktene dine ligger." in said
        field = app.screen.query_one("#path", Input)
        # the name proposed says whose it is and when; HTML is the first choice
        assert field.value == f"samarbeid-leder-for-den-statlige-delen-av-et-nav-{TODAY}.html"
        field.value = str(target)
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        html = target.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "<svg" in html
        assert "Samarbeidet er først og fremst et leverandørsamarbeid." in html
        assert f"Eksportert til {target}" in notifications(app)
    assert [p.name for p in out.iterdir()] == [target.name]  # written atomically: nothing else left


async def test_choosing_markdown_in_the_export_dialog_gives_a_md_file(rule_base, data_dir):
    app = SamarbeidApp("en", rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_result(pilot, app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("tab")  # what to export comes first: the full report is chosen already
        await pilot.press("down")  # the format list has the focus: the arrow chooses Markdown, the second
        await pilot.pause()
        field = app.screen.query_one("#path", Input)
        assert field.value == f"samarbeid-social-entrepreneur-{TODAY}.md"
        await pilot.click("#ok")
        await pilot.pause()
    written = (data_dir / "sessions" / f"samarbeid-social-entrepreneur-{TODAY}.md").read_text(encoding="utf-8")
    assert written.startswith("# Collaboration between Nav and a social entrepreneur")
    assert "**Grant collaboration** ✔" in written


async def test_the_palette_exports_html(rule_base, tmp_path):
    app = SamarbeidApp("en", rule_base=rule_base, answers=example(rule_base, "development"), start_in_questions=True)
    target = tmp_path / "report.html"
    async with app.run_test(size=(100, 40)) as pilot:
        await open_result(pilot, app)
        await run_palette_command(pilot, app, "html", "Export the result to HTML")
        assert isinstance(app.screen, PathDialog)
        field = app.screen.query_one("#path", Input)
        assert field.value == f"samarbeid-leader-of-the-municipal-part-of-a-nav-{TODAY}.html"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert f"Exported to {target}" in notifications(app)
    html = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "The collaboration is mainly a development collaboration." in html


async def test_naming_the_group_saves_it_and_heads_the_report(rule_base, tmp_path):
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "employment"), start_in_questions=True)
    name = "Bord 3 [b]Kafé[/b] <i>"
    target = tmp_path / "bord3.html"
    async with app.run_test(size=(100, 40)) as pilot:
        await open_result(pilot, app)
        await run_palette_command(pilot, app, "gruppe", "Gi gruppen et navn")
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*name, "enter")
        await pilot.pause()
        assert app.dialogue.group == name
        assert f"Gruppen heter nå {name}" in notifications(app)
        # the result's top line names the group, literally
        assert isinstance(app.screen, ResultScreen)
        assert f"Gruppe: {name}" in text_of(app.screen.query_one("#topbar", Static))
        # the answers are saved with the group in the meta block
        saved = yaml.safe_load(app.session_file.path.read_text(encoding="utf-8"))
        assert saved["meta"]["group"] == name
        app.action_export("html")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert '<p class="group">Gruppe: Bord 3 [b]Kafé[/b] &lt;i&gt;</p>' in target.read_text(encoding="utf-8")


async def test_a_resumed_session_keeps_its_group(rule_base, tmp_path):
    from assistant.sessions import session_text
    session = tmp_path / "gruppe.yaml"
    session.write_text(session_text(rule_base, example(rule_base, "grant"), "nb", group="Gruppe Nord"),
                       encoding="utf-8")
    app = SamarbeidApp("nb", resume=session)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(app)
        await pilot.pause()
        assert app.dialogue.group == "Gruppe Nord"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Gruppe: Gruppe Nord" in text_of(app.screen.query_one("#topbar", Static))
        app.answer("role", ("trainer",))  # any change saves the session again
        await pilot.pause()
    assert "group: Gruppe Nord" in session.read_text(encoding="utf-8")


async def test_a_second_export_to_the_same_name_asks_before_it_writes_over(rule_base, tmp_path):
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)
    target = tmp_path / "rapport.md"
    target.write_text("the first export\n", encoding="utf-8")
    async with app.run_test(size=(100, 40)) as pilot:
        await open_result(pilot, app)

        async def export_to_target() -> None:
            app.action_export("md")
            await pilot.pause()
            app.screen.query_one("#path", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()

        await export_to_target()
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Filen {target} finnes fra før. Vil du skrive over den?" in text_of(app.screen.query_one(Static))
        await pilot.press("enter")  # the safe answer has the focus: no
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert target.read_text(encoding="utf-8") == "the first export\n"
        assert f"Ingenting er skrevet; {target} er som før." in notifications(app)
        await export_to_target()
        await pilot.click("#ok")  # "Skriv over"
        await pilot.pause()
        assert f"Eksportert til {target}" in notifications(app)
    assert target.read_text(encoding="utf-8").startswith("# Samarbeid mellom Nav og sosial entreprenør")


async def test_the_export_dialog_writes_the_summary_alone_when_asked(rule_base, data_dir):
    import assistant.render as rendering

    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "supplier"), start_in_questions=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_result(pilot, app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.focused is app.screen.query_one("#kind")  # what to export is asked first
        said = " ".join(str(b.label) for b in app.screen.query("#kind RadioButton"))
        assert "Hele rapporten" in said and "Bare sammendraget" in said
        field = app.screen.query_one("#path", Input)
        assert field.value == f"samarbeid-leder-for-den-statlige-delen-av-et-nav-{TODAY}.html"
        await pilot.press("down")  # the summary alone: the file's name says so
        await pilot.pause()
        assert field.value == f"samarbeid-leder-for-den-statlige-delen-av-et-nav-{TODAY}-sammendrag.html"
        await pilot.press("up")  # and back
        await pilot.pause()
        assert field.value == f"samarbeid-leder-for-den-statlige-delen-av-et-nav-{TODAY}.html"
        await pilot.press("down", "enter")  # chosen, and Enter exports
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        expected = rendering.render(rule_base, app.dialogue.result(), "html", "nb", brief=True)
    written = (data_dir / "sessions" / f"samarbeid-leder-for-den-statlige-delen-av-et-nav-{TODAY}-sammendrag.html"
               ).read_text(encoding="utf-8")
    assert written == expected
    # the summary page and nothing after it: no details, no appendix
    assert "Kort fortalt" in written and "Vedlegg: hvordan svarene ble vektet" not in written
    assert "Vedlegg: hvordan svarene ble vektet" in rendering.render(rule_base, app.dialogue.result(), "html", "nb")


async def test_escape_in_the_export_dialog_writes_nothing_and_the_palette_exports_the_summary_alone(
        rule_base, data_dir, tmp_path, monkeypatch):
    """Escape in the export dialog: back on the result, nothing written (neither where the assistant was
    started nor in the data folder). Then the palette's "export the summary": the summary page alone.
    (Escape was a test of its own, an app of its own, on the same answers in the same language.)"""
    import assistant.render as rendering

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = SamarbeidApp("nb", rule_base=rule_base, answers=example(rule_base, "grant"), start_in_questions=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_result(pilot, app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert list(out.iterdir()) == [] and not list((data_dir / "sessions").glob("samarbeid-*"))
        await run_palette_command(pilot, app, "sammendraget", "Eksporter sammendraget til HTML")
        assert isinstance(app.screen, PathDialog)
        field = app.screen.query_one("#path", Input)
        assert field.value == f"samarbeid-sosial-entreprenor-{TODAY}-sammendrag.html"
        await pilot.press("enter")
        await pilot.pause()
        expected = rendering.render(rule_base, app.dialogue.result(), "html", "nb", brief=True)
    written = (data_dir / "sessions" / f"samarbeid-sosial-entreprenor-{TODAY}-sammendrag.html").read_text(
        encoding="utf-8")
    assert written == expected
    assert "Kort fortalt" in written and "Vedlegg: hvordan svarene ble vektet" not in written
    assert list(out.iterdir()) == []  # escape wrote nothing here, and the summary went to the data folder
