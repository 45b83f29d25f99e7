"""The interview in a real browser: headless Chromium driven by Playwright against a live server.

A person goes from the start to the result by keyboard (in bokmål), by mouse (in English),
and with JavaScript turned off; the result's form is what `decide` says on the answers the
page lets them download; no request leaves the server; axe-core finds no serious or critical
problem on any kind of page; screenshots at desktop and phone width are left in the temporary
folder to look at. One browser serves the whole session (pytest-playwright's `browser`).

The system's Chromium is used (`.ci/run` installs it with apt-get where it can; Playwright's
own browser download is not used). Where there is no Chromium, or no Playwright, these tests
skip and say so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.web.conftest import CHROMIUM

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[dev]')")


pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the browser tests of the web interview "
                                                 "do not run here (.ci/run installs it with apt-get where it can)"),
    pytest.mark.xdist_group("chromium"),  # one worker, one browser for all of them
]
SERIOUS = {"serious", "critical"}
WIDTHS = (1280, 360)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("web-screenshots")
    print(f"\nscreenshots of the web interview: {folder}")
    return folder


class Watch:
    """Every request a page makes, and axe's findings on it."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.set_default_timeout(15_000)

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith((self.base + "/", "data:"))]

    def axe(self, what: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in SERIOUS]
        assert not bad, f"axe on {what}: {bad}"

    def shoot(self, folder: Path, name: str) -> None:
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.screenshot(path=folder / f"{name}-{width}.png", full_page=name != "result")
        self.page.set_viewport_size({"width": 1280, "height": 900})

    def h1(self) -> str:
        return self.page.locator("h1").first.inner_text()

    def tab_to(self, selector: str, limit: int = 60) -> None:
        """Press Tab until the focus is on an element that matches `selector`."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector} on {self.page.url}")


def test_by_keyboard_in_bokmal_to_the_result_with_axe_on_every_page(page, server, shots):
    watch = Watch(page, server)
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "nb"
    watch.axe("the start page")
    watch.tab_to("input[name=role]")
    page.keyboard.press("ArrowDown")  # the second role: arrows move and choose within the group
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/q/" in page.url
    # Enter with nothing chosen: the error summary, announced, and it has the focus
    watch.tab_to("input[name=answer]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#error-summary[role=alert]").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    watch.axe("a question with an error")
    watch.shoot(shots, "question-error")
    seen_multi = False
    for _ in range(60):
        if "/q/" not in page.url:
            break
        question = watch.h1()
        multi = page.locator("input[type=checkbox][name=answer]").count() > 0
        watch.tab_to("input[name=answer]")
        page.keyboard.press("Space")  # a keyboard choice does not go on by itself
        assert watch.h1() == question
        if multi and not seen_multi:
            seen_multi = True
            watch.axe("a multiple-choice question")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.url.endswith("/result"), page.url
    assert seen_multi, "the way passed a multiple-choice question"
    assert page.locator("[data-form]").get_attribute("data-form") is not None
    watch.axe("the result")
    page.goto(server + "/review")
    watch.axe("review")
    # with script, a click on an option of a single-choice question goes on at once
    before = page.locator(".summary-value").all_inner_texts()
    with page.expect_navigation():
        page.locator(".summary-action a").nth(1).click()
    with page.expect_navigation():
        page.locator("label.choice-label").nth(2).click()
    assert page.url.endswith("/review")
    after = page.locator(".summary-value").all_inner_texts()
    assert after[0] == before[0] and after[2:] == before[2:]
    page.goto(server + "/no-such-page")
    watch.axe("a page that does not exist")
    assert watch.outside() == [], "every request stays on the server"


def test_by_mouse_in_english_without_javascript_the_result_is_what_decide_says(browser, server, shots, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        walk_by_mouse(page, server, shots, tmp_path)
    finally:
        context.close()


def walk_by_mouse(page, server, shots, tmp_path):
    watch = Watch(page, server)
    page.goto(server + "/")
    page.get_by_role("button", name="English").click()
    page.wait_for_url(server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    watch.shoot(shots, "start")
    page.get_by_label("Social entrepreneur").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Begin", exact=True).click()
    assert page.locator(".js-only").first.is_hidden(), "the hint about script is not shown without it"
    page.get_by_text("What the report says").click()  # the help opens
    assert page.locator("details.help[open]").count() == 1
    watch.shoot(shots, "question")
    shown = False
    for _ in range(60):
        if "/q/" not in page.url:
            break
        if not shown and page.locator("input[type=checkbox]").count():
            shown = True
            watch.shoot(shots, "question-multi")
        page.locator("label.choice-label").first.click()
        assert "/q/" in page.url, "without script nothing goes on until the button is pressed"
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/result")
    assert page.locator("svg.matrix-wide").count() == 1 and page.locator("svg.matrix-narrow").count() == 1
    form = page.locator("[data-form]").get_attribute("data-form")
    watch.shoot(shots, "result")
    with page.expect_download() as download:
        page.get_by_role("link", name="Your answers (YAML)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("samarbeid-") and saved.suffix == ".yaml"
    decided = run_cli("decide", str(saved), "--format", "json")
    assert decided.returncode == 0, decided.stderr
    assert json.loads(decided.stdout)["form"] == (form or None)
    # review: change the second answer, and come back to review with the others kept
    page.get_by_role("link", name="Change your answers").first.click()
    page.wait_for_url(server + "/review")
    watch.shoot(shots, "review")
    before = page.locator(".summary-value").all_inner_texts()
    with page.expect_navigation():
        page.locator(".summary-action a").nth(1).click()
    page.locator("label.choice-label").nth(1).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and return to the review").click()
    assert page.url.endswith("/review")
    after = page.locator(".summary-value").all_inner_texts()
    assert after[1] != before[1] and after[0] == before[0] and after[2:] == before[2:]
    # the browser's back button does no harm: it shows the question as it now stands
    page.go_back()
    assert "/q/" in page.url and page.locator("input[name=answer]:checked").count() == 1
    page.go_forward()
    page.goto(server + "/nowhere")
    watch.shoot(shots, "not-found")
    assert watch.outside() == []
