"""The result of a complete interview in a real browser, on a desktop and on a phone, and printed.

Issue 20, point 4: a result a person can take in. The summary comes first with the downloads right
under it, then a list of the parts, then each part folded; without JavaScript every part opens by
keyboard and by its link in the list. On a 375 px phone the matrix shows its four fields at once,
with nothing to scroll sideways. Printed on A4 the summary is page 1 alone and the whole result
takes at most 7 pages; the appendix on how the answers were weighed is printed only when it was
opened. No score or trace word is shown outside that appendix. The HTML report (`decide --format
html`) is the same page: it is printed here too.

The complete interview is the supplier example (every question answered), continued from its file
on the start page as a person would. Headless Chromium through Playwright against `samarbeid serve`;
skips where there is no Chromium or no Playwright (as test_browser.py). Screenshots at 1280 and 375
px are left in the temporary folder to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.loading import load_answers
from assistant.render import render
from assistant.render.view import ReportView, build_view
from tests.conftest import ROOT
from tests.test_html_chromium import pdf_pages
from tests.web.conftest import CHROMIUM
from tests.web.test_result_page import TRACE_WORDS

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[dev]')")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the browser tests of the result do not "
                                                 "run here (.ci/run installs it with apt-get where it can)"),
    pytest.mark.xdist_group("chromium-result"),  # a worker of its own, beside the interview's and the room's
]
COMPLETE = ROOT / "examples" / "supplier.yaml"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 375, "height": 812}
MAX_PAGES = 7
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("result-screenshots")
    print(f"\nscreenshots of the result: {folder}")
    return folder


@pytest.fixture(scope="module")
def view(rule_base, engine) -> ReportView:
    answers, _, _ = load_answers(COMPLETE, rule_base)
    result = engine.evaluate(answers)
    assert result.unanswered == 0, "the supplier example answers every question"
    return build_view(rule_base, result, "nb")


def open_result(browser, server: str, *, viewport: dict[str, int], javascript: bool = True):
    """A new browser at `viewport`, continued from the complete answers file on the start page: the result."""
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(server + "/")
    page.set_input_files("#upload-file", str(COMPLETE))
    with page.expect_navigation():
        page.locator("form[action='/upload'] button[type=submit]").click()
    assert page.url == server + "/result", page.url
    return context, page


def printed(page, path: Path) -> list[str]:
    """The page printed on A4 as the browser's print does (print media, backgrounds): each page's text."""
    page.pdf(path=str(path), format="A4", print_background=True)
    return [" ".join(text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff").split())
            for text in pdf_pages(path.read_bytes())]


def flat(text: str) -> str:
    return " ".join(text.split())


def axe(page, what: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]
    assert not bad, f"axe on {what}: {bad}"


def check_printed(pages: list[str], view: ReportView, *, appendix: bool) -> None:
    """Page 1 is the summary and nothing else; every part follows, in at most MAX_PAGES pages in all."""
    s = view.summary
    trace = next(section for section in view.sections if section.key == "trace")
    # (a folded part's heading is printed where it stands, but its words come last in its page's text)
    starts = [i for i, p in enumerate(pages) if trace.title in p]
    result_pages = pages[:starts[0]] if starts else pages
    assert len(result_pages) <= MAX_PAGES, f"{len(result_pages)} pages: {[p[:60] for p in pages]}"
    first = pages[0]
    assert s.title in first and flat(s.form) in first
    for part in [*s.reasons, *(step.title for step in s.first_steps), *(risk.title for risk in s.top_risks),
                 *s.to_find_out]:
        assert flat(part) in first, part
    assert "Resultatet i detalj" not in first and "Last ned" not in first
    assert all(section.title not in first for section in view.sections)
    rest = " ".join(pages[1:])
    # the details from page 2: the matrix first, with the form in a sentence
    assert pages[1].startswith(f"Resultatet i detalj {view.verdict[0]}") and "Firefeltstabellen" in pages[1]
    for section in view.sections:
        if section.key != "trace":
            assert section.title in " ".join(result_pages[1:]), section.title
    if appendix:  # opened: printed, from a page of its own, with the scores
        assert len(starts) == 1 and starts[0] == len(result_pages) and pages[starts[0]].startswith(view.scores)
    else:
        assert not starts and view.scores not in rest


def test_printed_the_summary_is_page_one_and_the_whole_result_at_most_seven_pages(browser, server, view, tmp_path):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page = open_result(browser, server, viewport=viewport)
        try:
            pages = printed(page, tmp_path / f"result-{name}.pdf")
            check_printed(pages, view, appendix=False)
            # the web page's own parts are not printed: the site's header, the downloads, the buttons
            assert "Endre svarene" not in " ".join(pages) and "Til startsiden" not in " ".join(pages)
            if name == "desktop":  # the appendix, opened, is printed too
                page.locator("details.appendix > summary").click()
                check_printed(printed(page, tmp_path / "result-appendix.pdf"), view, appendix=True)
        finally:
            context.close()


def test_the_html_report_prints_the_same_way(browser, rule_base, engine, view, tmp_path):
    """`decide --format html` is the same page: printed, the summary alone first, at most 7 pages, the appendix
    only once it was opened (the file has no script: the print stylesheet alone does it)."""
    answers, _, _ = load_answers(COMPLETE, rule_base)
    report = tmp_path / "report.html"
    report.write_text(render(rule_base, engine.evaluate(answers), "html", "nb"), encoding="utf-8")
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        assert page.locator("details.part[open]").count() == 0
        check_printed(printed(page, tmp_path / "report.pdf"), view, appendix=False)
        page.locator("details.appendix > summary").click()
        check_printed(printed(page, tmp_path / "report-appendix.pdf"), view, appendix=True)
    finally:
        context.close()


def test_on_a_phone_the_matrix_shows_its_four_fields_without_scrolling_sideways(browser, server, shots):
    for width in (375, 360):
        context, page = open_result(browser, server, viewport={"width": width, "height": 812})
        try:
            page.locator("details.part-matrix > summary").click()
            assert page.locator("svg.matrix-wide").is_hidden()
            drawing = page.locator("svg.matrix-narrow")
            assert drawing.is_visible()
            fields = drawing.locator(".quadrant rect")
            assert fields.count() == 4
            drawing.scroll_into_view_if_needed()
            for i in range(4):
                box = fields.nth(i).bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (width, i, box)
                assert box["y"] >= 0 and box["y"] + box["height"] <= 812, (width, i, box)  # all four at once
            # the names of the forms are drawn at a size that can be read
            sizes = drawing.locator(".quadrant text").evaluate_all(
                "(texts) => texts.map((t) => t.getBoundingClientRect().height / t.querySelectorAll('tspan').length)")
            assert min(sizes) >= 12, sizes
            # and nothing on the page scrolls sideways, with every part open
            page.locator("details.part").evaluate_all("(parts) => parts.forEach((p) => { p.open = true; })")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if width == 375:
                drawing.scroll_into_view_if_needed()
                page.screenshot(path=shots / "matrix-375.png")
                axe(page, "the result at 375 px, every part open")
        finally:
            context.close()


def test_without_javascript_every_part_is_folded_and_opens_by_keyboard_and_by_its_link(browser, server, view):
    context, page = open_result(browser, server, viewport=DESKTOP, javascript=False)
    try:
        parts = page.locator("details.part")
        keys = ["matrix", *(section.key for section in view.sections)]
        assert parts.count() == len(keys)
        assert page.locator("details.part[open]").count() == 0, "every part folded"
        assert page.locator("#section-conditions").is_hidden()
        # the list of the parts, in their order, each a link to its part
        links = page.locator("nav.contents a")
        assert links.evaluate_all("(a) => a.map((l) => l.getAttribute('href'))") == [f"#section-{k}" for k in keys]
        # by keyboard: Tab to each part's heading, Enter opens it, Enter again folds it
        links.last.focus()
        for i, key in enumerate(keys):
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.parentElement.id || document.activeElement.closest("
                                 "'details').className") == f"part part-{key}" + (" appendix" if key == "trace" else "")
            page.keyboard.press("Enter")
            assert parts.nth(i).get_attribute("open") is not None, key
            assert page.locator(f"#section-{key}").is_visible(), key
            page.keyboard.press("Enter")
            assert parts.nth(i).get_attribute("open") is None, key
        # by the list's link: the part it leads to opens (without script: the browser opens it)
        page.get_by_role("link", name=next(s.title for s in view.sections if s.key == "risks")).click()
        assert page.url.endswith("#section-risks")
        assert page.locator("details.part-risks").get_attribute("open") is not None
        assert page.locator("#section-risks").is_visible()
    finally:
        context.close()


def test_the_result_reads_summary_then_downloads_then_the_parts_and_no_score_before_the_appendix(
        browser, server, view, shots):
    context, page = open_result(browser, server, viewport=DESKTOP)
    try:
        order = page.locator("main h2").evaluate_all("(hs) => hs.map((h) => h.textContent.trim())")
        assert order[:3] == [view.summary.title, "Last ned", "Resultatet i detalj"], order
        assert order[3:] == ["Firefeltstabellen", *(section.title for section in view.sections)]
        # the downloads right under the summary: on the first screen's reach, not screens down
        downloads = page.locator("#section-downloads").bounding_box()
        summary = page.locator("#section-summary").bounding_box()
        assert downloads is not None and summary is not None
        assert downloads["y"] - (summary["y"] + summary["height"]) < 60
        for width in (1280, 375):  # folded, the whole result is a few screens long
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=shots / f"result-{width}.png", full_page=True)
            height = page.evaluate("document.documentElement.scrollHeight")
            assert height < 900 * (5 if width == 375 else 3.2), (width, height)  # it was 24 and 46 screens
        page.set_viewport_size(DESKTOP)
        # with every part open: no score and no trace word outside the appendix, the scores in it
        page.locator("details.part").evaluate_all("(parts) => parts.forEach((p) => { p.open = true; })")
        outside = page.locator("main").evaluate(
            "(m) => { const c = m.cloneNode(true); c.querySelector('details.appendix').remove(); return c.innerText; }")
        assert not TRACE_WORDS.findall(outside), TRACE_WORDS.findall(outside)
        assert view.scores in flat(page.locator("details.appendix").inner_text())
        axe(page, "the result, every part open")
    finally:
        context.close()

