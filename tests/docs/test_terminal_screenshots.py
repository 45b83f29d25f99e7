"""The terminal pictures of README.md and docs/guide.md, made as a user sees the assistant.

The assistant runs headless under Textual's Pilot in bokmål, as `make run` starts it; the screen is
saved as SVG (Textual's own screenshot) and drawn to PNG by the system's Chromium, which GitHub shows
as it is (an SVG there would fall back to whatever monospace font the reader has). Each test asserts
what the picture shows before saving it. Skips where there is no Chromium.
"""

from __future__ import annotations

import asyncio
import html
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from assistant.loading import load_answers
from assistant.tui.app import SamarbeidApp
from tests.conftest import ROOT
from tests.docs.images import DAY, save
from tests.tui.conftest import screen_text
from tests.web.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the terminal's pictures in "
                                                         "docs/images/ are not made again here")
SIZE = (100, 30)
"""Columns and rows: a laptop's terminal window, wide enough that the summary's lines do not wrap much."""


@pytest.fixture(autouse=True)
def quiet(tmp_path, monkeypatch):
    """No saved sessions on the start screen, and the same day on every picture."""
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)

    class Day(type(DAY)):  # type: ignore[misc]
        @classmethod
        def today(cls):
            return DAY

    import assistant.render.view

    monkeypatch.setattr(assistant.render.view, "date", Day)


def text_of(svg: str) -> str:
    """The characters the SVG shows (its spaces are written as &#160;)."""
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def png_of(svg: str) -> bytes:
    """The SVG drawn by Chromium at its own size, offline (the SVG names a web font; DejaVu Sans Mono
    or the system's monospace font is used instead)."""
    found = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert found, "Textual's screenshot has no viewBox"
    width, height = (int(float(v) + 0.999) for v in found.groups())
    with tempfile.TemporaryDirectory(prefix="samarbeid-shot-") as tmp:
        source, target = Path(tmp) / "screen.svg", Path(tmp) / "screen.png"
        source.write_text(svg, encoding="utf-8")
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--force-device-scale-factor=1", f"--window-size={width},{height}",
                        "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
                        "--no-first-run", f"--user-data-dir={Path(tmp) / 'profile'}",
                        f"--screenshot={target}", source.as_uri()],
                       check=True, capture_output=True, timeout=120)
        return target.read_bytes()


def test_the_result_first_screen(rule_base):
    """`./samarbeid decide examples/supplier.yaml`'s answers in the assistant: the summary fills the screen."""
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", rule_base)

    async def shoot() -> str:
        app = SamarbeidApp("nb", rule_base=rule_base, answers=answers, start_in_questions=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            shown = screen_text(app)
            assert "Kort fortalt" in shown and "Gjør dette først" in shown and "leverandørsamarbeid" in shown, shown
            return app.export_screenshot()

    save("terminal-result.png", png_of(asyncio.run(shoot())))


def test_the_start_screen(rule_base):
    """The first screen of `make run`: what it is, and the roles to choose from."""

    async def shoot() -> str:
        app = SamarbeidApp("nb", rule_base=rule_base)
        async with app.run_test(size=SIZE) as pilot:
            await asyncio.wait_for(app.ready.wait(), 30)
            await pilot.pause()
            svg = app.export_screenshot()
            shown = text_of(svg)
            assert "Hvem er du?" in shown and "Sosial entreprenør" in shown, "the roles are on the first screen"
            return svg

    save("terminal-start.png", png_of(asyncio.run(shoot())))
