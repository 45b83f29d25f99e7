"""The HTML report opened in a real browser: headless Chromium, with the network shut off.

`.ci/run` installs Chromium with apt-get where it can; where Chromium is absent
these tests skip and say so. They check what a reader gets: the page renders the
matrix and every section, folded, a screenshot at A4 width is made, and printing
gives A4 pages: the summary alone first, at most 7 in all (tests/web/test_result_browser.py
prints the same page with Playwright, with the appendix folded and opened). One run of
the browser gives the page's DOM, the screenshot and the PDF (a launch costs more than
the three together); the screenshot is left in the temporary folder to look at.
"""

from __future__ import annotations

import os
import re
import subprocess
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from assistant.loading import load_answers
from assistant.render import render
from assistant.render.view import ReportView, build_view
from tests.conftest import ROOT, find_chromium

A4_WIDTH, A4_HEIGHT = 794, 1123  # CSS pixels at 96 dpi
MADE = date(2026, 11, 22)


CHROMIUM = find_chromium()
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
    assert '<svg class="matrix-drawing matrix-wide"' in dom and '<svg class="matrix-drawing matrix-narrow"' in dom
    assert dom.count('class="quadrant ') == 8 and '<circle class="dot"' in dom  # the wide drawing and the phone's
    assert "Leverandørsamarbeid" in dom.split("</svg>")[0]
    for section in ["summary", "contents", "headline", "matrix", *(s.key for s in view.sections)]:
        assert f'id="section-{section}"' in dom, section
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", dom)]
    assert headings == ["Kort fortalt", "Resultatet i detalj", "Firefeltstabellen", *(s.title for s in view.sections)]
    assert dom.count('<details class="part ') == 1 + len(view.sections) and "<details open" not in dom  # folded
    assert "Samarbeidet er først og fremst et leverandørsamarbeid." in dom
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


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF as Chromium prints it (Skia: Type0 fonts with a ToUnicode map,
    Flate-compressed content streams), one string per page, runs of white space made one space."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S)}

    def stream(n: int) -> bytes:
        body = objects[n]
        start = body.index(b"stream")
        length = re.search(rb"/Length (\d+)(?! \d+ R)", body[:start])
        data = body[start + 6:].lstrip(b"\r")[1:]  # past the end of line after `stream`
        raw = data[:int(length.group(1))] if length else data[:data.rindex(b"endstream")]
        return zlib.decompress(raw) if b"/FlateDecode" in body[:start] else raw

    def to_unicode(n: int) -> dict[int, str]:
        table: dict[int, str] = {}
        text = stream(n).decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for low, high, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    table[code] = chr(int(dst, 16) + i)
        return table

    def pages_under(n: int) -> list[int]:
        body = objects[n]
        if b"/Type /Pages" not in body:
            return [n]
        kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S)
        assert kids is not None
        return [page for kid in re.findall(rb"(\d+) 0 R", kids.group(1)) for page in pages_under(int(kid))]

    root = next(n for n, body in objects.items() if b"/Type /Pages" in body and b"/Parent" not in body)
    texts = []
    for page in pages_under(root):
        body = objects[page]
        fonts = {}
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            cmap = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
            fonts[name.decode()] = to_unicode(int(cmap.group(1))) if cmap else {}
        contents = re.search(rb"/Contents (\d+) 0 R", body)
        assert contents is not None
        shown: list[str] = []
        font: dict[int, str] = {}
        for m in re.finditer(r"/(F\d+) [\d.]+ Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(ET)",
                             stream(int(contents.group(1))).decode("latin-1"), re.S):
            if m.group(1):
                font = fonts.get(m.group(1), {})
            elif m.group(4):
                shown.append(" ")  # the end of a text object: a line of the page
            else:
                for run in (re.findall(r"<([0-9A-Fa-f]*)>", m.group(2)) if m.group(2) is not None else [m.group(3)]):
                    shown.append("".join(font.get(int(run[i:i + 4], 16), "") for i in range(0, len(run), 4)))
        texts.append(" ".join("".join(shown).split()))
    return texts


def test_the_first_printed_page_is_the_summary_and_the_details_follow(supplier_nb):
    view = supplier_nb.view
    pages = pdf_pages(supplier_nb.pdf.read_bytes())
    assert len(pages) > 2 and all(pages), "a page without text"
    first = pages[0].replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    # the whole summary on the first page, nothing of the details
    assert view.summary.title in first and view.summary.form in first
    for part in [*view.summary.reasons, *(step.title for step in view.summary.first_steps),
                 *(risk.title for risk in view.summary.top_risks), *view.summary.to_find_out, view.summary.open]:
        assert " ".join(part.split()) in first, part
    for section in view.sections:
        assert section.title not in first, section.title
    assert "Resultatet i detalj" not in first and "Firefeltstabellen" not in first
    # the details begin on the second page, with the form and the matrix (every part is printed, though folded)
    assert pages[1].startswith("Resultatet i detalj Samarbeidet er først og fremst et leverandørsamarbeid.")
    assert "Firefeltstabellen" in pages[1]
    # and in at most 7 pages in all (issue 20): the appendix on how the answers were weighed, folded, is not printed
    assert len(pages) <= 7, len(pages)
    assert not any("Vedlegg: hvordan svarene ble vektet" in page for page in pages)
    assert not any(view.scores in page for page in pages)


def test_no_line_is_cut_by_a_page_and_every_heading_has_its_first_line(supplier_nb):
    """A card may go on in the next column or page, so that no page is left half empty; but each of its lines
    is printed whole on one page, and its title on the page where its first line is."""
    pages = [p.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
             for p in pdf_pages(supplier_nb.pdf.read_bytes())]
    checked = 0
    for section in supplier_nb.view.sections:
        if section.key not in ("conditions", "risks"):
            continue
        for item in section.items:
            title = " ".join(item.title.split())
            # (the summary on the first page quotes the top risks' first sentences: the details come after it)
            for n, line in enumerate(item.lines):
                words = " ".join(line.plain.split())
                opening, ending = words[:50], words[-50:]
                where = [i for i, page in enumerate(pages) if i and opening in page]
                assert len(where) >= 1, (title, opening)
                assert any(ending in pages[i] for i in where), (title, ending)
                if n == 0:
                    assert any(title in pages[i] for i in where), title
                checked += 1
    assert checked >= 30
