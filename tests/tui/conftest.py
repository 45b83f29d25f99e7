"""The assistant driven headless, as a keyboard user would."""

from __future__ import annotations

import asyncio

import pytest
from textual.content import Content
from textual.widgets import Static

from assistant.models.questions import DONT_KNOW
from assistant.tui.app import SamarbeidApp
from assistant.tui.question import QuestionScreen
from assistant.tui.result import Folded, ResultScreen


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test keeps its autosave in its own folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(folder))
    return folder


def session_files(data_dir) -> list:
    """The sessions kept in the data folder, oldest first."""
    folder = data_dir / "sessions"
    return sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime_ns) if folder.is_dir() else []


@pytest.fixture(autouse=True)
def notices_stay(monkeypatch):
    """Notices last a minute, not Textual's five seconds: the tests read them after the app has
    built its next screen, and on a busy machine (the tests run on several workers) that can take
    longer than five seconds; the notice was then gone and the test failed for no fault of the app."""
    monkeypatch.setattr(SamarbeidApp, "NOTIFICATION_TIMEOUT", 60)


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


async def open_details(pilot, app: SamarbeidApp, *keys: str) -> None:
    """Open the folded parts of the result's details named by `keys` (the section's key: "form" holds the
    headline and the matrix), or every part if none is named, as a reader does one by one: a part's widgets
    are made when it is first opened (assistant/tui/result.py, Folded), and every part's cost a test that
    reads one part a second of CPU."""
    for part in app.screen.query(Folded):
        if not keys or part.id in {f"section-{key}" for key in keys}:
            part.collapsed = False
    await pilot.pause()


def screen_text(app: SamarbeidApp) -> str:
    """All text of the Static widgets on the current screen (what a user reads)."""
    return "\n".join(text_of(w) for w in app.screen.query(Static))


async def loaded(app: SamarbeidApp, seconds: float = 30) -> None:
    """Wait until the app has loaded its rule base; fail (not hang) if it never does."""
    await asyncio.wait_for(app.ready.wait(), seconds)


async def choose_role(pilot, app: SamarbeidApp, role: str) -> None:
    """On the start screen: pick a role with the arrow keys; Enter begins."""
    await loaded(app)
    await pilot.pause()
    roles = [r.id for r in app.roles]
    if app.screen.query("#sessions"):
        await pilot.press("tab")  # from the saved sessions, which have the focus, to the roles
    assert app.screen.focused is app.screen.query_one("#role")
    await pilot.press("home", *["down"] * roles.index(role), "enter")
    await pilot.pause()


def keys_to(index: int, count: int) -> list[str]:
    """The keys a keyboard user presses to reach the option at `index` of `count`: from the top
    (home, down ...) or from the bottom (end, up ...), whichever is shorter ("don't know" is last)."""
    from_end = count - 1 - index
    return ["end", *["up"] * from_end] if from_end < index else ["home", *["down"] * index]


async def answer_current(pilot, app: SamarbeidApp, chosen: tuple[str, ...]) -> None:
    """Answer the question on screen with the keyboard: home/end and arrows, space for several, enter.

    Each key costs the pilot two waits for the app to be idle, so the shorter way is taken."""
    q = app.question(app.screen.qid)
    ids = list(q.option_ids)
    if q.kind == "single":
        await pilot.press(*keys_to(ids.index(chosen[0]), len(ids)), "enter")
    else:
        wanted = sorted(chosen, key=ids.index)
        keys = [*keys_to(ids.index(wanted[0]), len(ids)), "space"]
        at = ids.index(wanted[0])
        for option in wanted[1:]:
            keys += ["down"] * (ids.index(option) - at) + ["space"]
            at = ids.index(option)
        await pilot.press(*keys, "enter")
    await pilot.pause()


async def answer_all(pilot, app: SamarbeidApp, answers: dict) -> list[str]:
    """Answer until the result shows: from `answers`, or "don't know". Returns the questions asked."""
    seen = []
    for _ in range(80):
        if not isinstance(app.screen, QuestionScreen):
            break
        qid = app.screen.qid
        seen.append(qid)
        await answer_current(pilot, app, answers.get(qid, (DONT_KNOW,)))
    assert isinstance(app.screen, ResultScreen), f"stuck on {type(app.screen).__name__}"
    return seen
