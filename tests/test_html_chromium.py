"""The HTML report opened in a real browser: headless Chromium, with the network shut off.

`.ci/run` installs Chromium with apt-get where it can; where Chromium is absent
these tests skip and say so. They check what a reader gets: the page renders the
matrix and every section, a screenshot at A4 width is made, and printing gives A4
pages. One run of the browser gives the page's DOM, the screenshot and the PDF (a
launch costs more than the three together); the screenshot is left in the
temporary folder to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from assistant.loading import load_answers
from assistant.render import render
from assistant.render.view import ReportView, build_view
from tests.conftest import ROOT

A4_WIDTH, A4_HEIGHT = 794, 1123  # CSS pixels at 96 dpi
MADE = date(2026, 11, 22)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


CHROMIUM = _chromium()
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed: the HTML report is not opened in a browser here "
               "(.ci/run installs it with apt-get where it can)"),
    pytest.mark.xdist_group("chromium"),  # one worker opens the page once for all of them
]


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on a local file with no network (every host name fails to resolve)."""
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *args, page.as_uri()]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@dataclass
class Opened:
    """What the browser made of the supplier example's report (nb): its DOM, a screenshot, a PDF."""

    dom: str
    shot: Path
    pdf: Path
    view: ReportView


@pytest.fixture(scope="module")
def supplier_nb(rule_base, engine, tmp_path_factory) -> Opened:
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", rule_base)
    result = engine.evaluate(answers)
    folder = tmp_path_factory.mktemp("report")
    page = folder / "supplier.nb.html"
    page.write_text(render(rule_base, result, "html", "nb", made=MADE), encoding="utf-8")
    shot, pdf = folder / "supplier.nb.png", folder / "supplier.nb.pdf"
    dom = chromium(folder, page, "--dump-dom", f"--window-size={A4_WIDTH},{A4_HEIGHT}", f"--screenshot={shot}",
                   "--no-pdf-header-footer", f"--print-to-pdf={pdf}").stdout
    return Opened(dom, shot, pdf, build_view(rule_base, result, "nb", made=MADE))


def test_the_browser_renders_the_matrix_and_every_section(supplier_nb):
    dom, view = supplier_nb.dom, supplier_nb.view
    assert '<svg class="matrix-drawing"' in dom
    assert dom.count('class="quadrant ') == 4 and '<circle class="dot"' in dom
    assert "Leverandørsamarbeid" in dom.split("</svg>")[0]
    for section in ["headline", "matrix", *(s.key for s in view.sections)]:
        assert f'id="section-{section}"' in dom, section
    headings = re.findall(r"<h2>(.*?)</h2>", dom)
    assert headings == ["Firefeltstabellen", *(s.title for s in view.sections)]
    assert "Samarbeidet er først og fremst Leverandørsamarbeid." in dom
    assert view.footer in dom


def test_a_screenshot_at_a4_width_is_made(supplier_nb):
    data = supplier_nb.shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (A4_WIDTH, A4_HEIGHT)
    assert len(data) > 20_000  # a page with text and the drawing, not a blank one


def test_printing_gives_a4_pages(supplier_nb):
    data = supplier_nb.pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes, "no pages in the PDF"
    assert all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes)  # A4 in points
    assert len(boxes) > 1
