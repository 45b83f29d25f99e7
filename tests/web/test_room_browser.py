"""A workshop played in a real browser: headless Chromium (Playwright) against `samarbeid serve`.

A trainer makes a room; three groups join it in three browser contexts of their own and answer
differently (each continues from an answers file, then answers on); the projector, open at
1920×1080, shows all three on the matrix without being reloaded (server-sent events). A round of
the case quiz is started: each group, on whatever page of the interview it is (a question, the
result), is told within 2 seconds, without a reload; the round is placed by the groups, shown on the
projector, and — after the server has been killed and started again — revealed and scored, with
nothing lost. The trainer's controls for a round (start, the placements, the reveal) are on one
screen at 1280×800 and 1920×1080. The comparison and its examples are shown, the room closed (after
the trainer confirms) and everything downloaded.

Issue 20's wall: in every view of the projector at 1920×1080 (the matrix, the quiz, the reveal, the
comparison, the examples, the tour's slides) every word on the screen is 28 px or more (the drawing's
words as drawn), the QR code is 300 px or more, the join code is in view while the room is open, and
the view fits the screen. Screenshots of the projector (each view, in English and bokmål) and of the
trainer's page are left in the temporary folder to look at.

Skips where there is no Chromium or no Playwright (as test_browser.py).
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.web.conftest import CHROMIUM

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[dev]')")
expect = playwright.expect

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the browser test of the workshop room "
                                                 "does not run here (.ci/run installs it with apt-get where it can)"),
    pytest.mark.xdist_group("chromium-room"),  # a worker of its own: beside test_browser.py's, not after them
]
PROJECTOR = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1280, "height": 800}
WALL_PX = 28
"""The least font size on the projector at 1920×1080, as a person at the back of a room reads it."""
QR_PX = 300
CALLED_WITHIN = 2.0
"""Seconds from the trainer's "start the round" to each group's page saying the round waits."""
GROUPS = (("Nord", "grant", "Grant collaboration"), ("Sør <b>&amp;</b>", "supplier", "Supplier collaboration"),
          ("Vest [bold]", "development", "Development collaboration"))
"""(name, the answers file it starts from, the form those answers give): three places on the matrix;
two names that would be markup anywhere that did not show them as text."""


class Server:
    """`samarbeid serve` in a process of its own; killed (as a crash) and started again on the same port."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.port = 0
        self.proc: subprocess.Popen[str] | None = None
        self.errors = ""

    def start(self) -> str:
        env = {**os.environ, "SAMARBEID_DATA_DIR": str(self.data), "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(self.port)], cwd=ROOT,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", self.proc.stdout.readline())
        if not found:
            self.proc.kill()
            pytest.fail(f"the server did not start: {self.proc.communicate()[1]}")
        self.port = int(found.group(1))
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()  # no clean shutdown: what is not in the database is lost
        self.errors += self.proc.communicate(timeout=10)[1]

    def stop(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGINT)
        self.errors += self.proc.communicate(timeout=20)[1]


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path / "data")
    base = running.start()
    yield running, base
    if running.proc is not None and running.proc.poll() is None:
        running.stop()
    assert "Traceback" not in running.errors, running.errors


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("room-screenshots")
    print(f"\nscreenshots of the workshop room: {folder}")
    return folder


def test_a_workshop_in_the_room(browser, server, shots, tmp_path):
    running, base = server
    contexts = []

    def context(**kwargs):
        made = browser.new_context(**kwargs)
        made.set_default_timeout(15_000)
        contexts.append(made)
        return made

    try:
        # --- the trainer makes a room (in English) from the start page, on a laptop
        trainer = context(viewport=LAPTOP).new_page()
        trainer.goto(base + "/")
        trainer.get_by_role("button", name="English").click()
        trainer.wait_for_url(base + "/")
        trainer.get_by_role("link", name="Run a workshop (trainer)").click()
        trainer.get_by_label("English", exact=True).check()
        trainer.get_by_role("button", name="Create the room").click()
        trainer.wait_for_url(re.compile(r"/room/[A-Z0-9]{6}/trainer$"))
        code = trainer.locator(".join-facts .join-code").inner_text().strip()
        join_link = trainer.locator(".join-facts a").get_attribute("href")
        assert join_link.endswith(f"/join?code={code}")
        assert trainer.locator(".trainer-join .qr svg path").count() >= 1, "the QR code is inline SVG"
        assert trainer.locator(".local-only").count() == 1, "on 127.0.0.1 the trainer is told groups cannot reach it"
        axe(trainer, "the trainer's page")

        # --- the projector, 1920×1080, opened once: it is never reloaded after this
        projector = context(viewport=PROJECTOR).new_page()
        projector.goto(f"{base}/room/{code}/screen")
        assert projector.locator("html").get_attribute("lang") == "en", "the projector speaks the room's language"
        expect(projector.locator(".join-box .join-code")).to_have_text(code)
        projector.evaluate("window.sameRoomPage = true")
        loads = []
        projector.on("load", lambda: loads.append(projector.url))

        # --- three groups join on their own devices and go on from an answers file each
        groups = []
        for name, example, _ in GROUPS:
            page = context().new_page()
            page.goto(f"{base}/join?code={code}")
            assert page.locator("#join-code").input_value() == code, "the code comes with the address"
            if not groups:
                axe(page, "joining")
            page.get_by_label("Group name").fill(name)
            page.get_by_role("button", name="Join").click()
            page.wait_for_url(base + "/")
            expect(page.locator(".room-banner")).to_contain_text(f"“{name}” in room {code}")
            page.locator("#upload-file").set_input_files(ROOT / "examples" / f"{example}.yaml")
            page.get_by_role("button", name="Upload and continue").click()
            page.wait_for_url(re.compile(r"/(q/\w+|result)$"))
            groups.append(page)
        # one group answers a question on the page, as a group would
        north = groups[0]
        before = projector.locator(".group-line").first.locator(".progress-words").inner_text()
        north.locator("input[name=answer]").first.focus()
        north.keyboard.press("Space")  # by keyboard: a choice does not go on by itself
        with north.expect_navigation():
            north.keyboard.press("Enter")
        expect(projector.locator(".group-line").first.locator(".progress-words")).not_to_have_text(before)

        # the projector shows all three, each in the quadrant of its form, without a reload
        expect(projector.locator(".group-dot")).to_have_count(3)
        assert projector.evaluate("window.sameRoomPage === true") and not loads, "the projector was not reloaded"
        for name, _, form_name in GROUPS:
            dot = projector.locator(f'.group-dot[data-group="{name}"]')
            expect(dot).to_have_count(1)
            assert _quadrant_of(projector, dot) == form_name, name
        assert projector.locator(".group-dot .dot-label").all_text_contents() == [g[0] for g in GROUPS], \
            "the names are shown as text, as typed"
        projector.screenshot(path=shots / "projector-matrix-en.png")
        axe(projector, "the projector")
        on_the_wall(projector, "the matrix")
        qr = projector.locator(".join-box .qr svg").bounding_box()
        assert qr["width"] >= QR_PX and qr["height"] >= QR_PX, f"the QR code is {qr['width']:.0f} px"

        # --- a round of the case quiz: the projector follows the trainer, and the groups are told at once,
        # on whatever page they are, without a reload
        trainer.reload()
        groups[0].goto(base + "/review")  # a question (changing an answer), the result, the review
        groups[0].locator(".summary-list a, a[href*='from=review']").first.click()
        groups[0].wait_for_url(re.compile(r"/q/\w+\?from=review$"))
        groups[2].goto(base + "/review")
        assert groups[1].url.endswith("/result")
        for page in groups:
            page.evaluate("window.samePage = true")
            expect(page.locator("#room-call")).to_be_empty()
        trainer.locator("#relation").select_option("moving_mamas/hverdagsvikar")
        started = time.monotonic()
        trainer.get_by_role("button", name="Start the round").click()
        for page in groups:
            expect(page.locator("#room-call .room-banner-quiz")).to_have_text(
                "Quiz round 1 is waiting for you: place the case", timeout=CALLED_WITHIN * 1000)
        called = time.monotonic() - started
        assert called <= CALLED_WITHIN, f"the groups were told after {called:.1f} s"
        assert all(page.evaluate("window.samePage === true") for page in groups), "no group's page was reloaded"
        groups[0].screenshot(path=shots / "group-called-en.png")
        axe(groups[0], "a question page with the call to a round")
        round_on_one_screen(trainer, shots / "trainer-round-1280.png")
        axe(trainer, "the trainer's page in a round")
        expect(projector.locator(".screen-quiz")).to_have_count(1)
        expect(projector.locator(".case-text h2")).to_have_text("Moving Mamas")
        expect(projector.locator(".reading")).to_have_count(0)
        for page, quadrant in zip(groups, ("Supplier collaboration", "Grant collaboration", "Supplier collaboration"),
                                  strict=True):
            page.goto(base + "/group")
            expect(page.locator(".case-text h3")).to_have_text("Moving Mamas")
            page.get_by_role("button", name=re.compile(quadrant)).click()
            expect(page.locator(".placed-note")).to_contain_text(quadrant)
        axe(groups[0], "a group's quiz")
        expect(groups[1].locator("#room-call")).to_have_count(0)  # its own page shows the round
        groups[1].goto(base + "/continue")
        expect(groups[1].locator("#room-call")).to_be_empty()  # placed: nothing waits for it
        expect(projector.locator(".placed-count")).to_have_text("3 of 3 groups have placed the case.")
        expect(projector.locator('.quadrant[data-form="supplier"] .chips')).to_have_text(["Nord, Vest [bold]"])
        projector.screenshot(path=shots / "projector-quiz-en.png")
        axe(projector, "the projector's quiz")
        on_the_wall(projector, "the quiz")

        # --- the server dies in the middle of the workshop, and is started again: nothing is lost
        running.kill()
        running.start()
        expect(projector.locator(".placed-count")).to_have_text("3 of 3 groups have placed the case.")
        trainer.set_viewport_size(PROJECTOR)
        trainer.reload()
        round_on_one_screen(trainer, shots / "trainer-round-1920.png")
        trainer.get_by_role("button", name="Reveal the report's answer").click()
        expect(projector.locator(".reading h2")).to_have_text("The report: Supplier collaboration")
        expect(projector.locator(".score-list li")).to_have_count(3)
        scores = projector.locator(".score-list li").all_inner_texts()
        assert [s.split()[0] for s in scores] == ["Nord", "Vest", "Sør"], scores
        assert scores[0].endswith("2 points") and scores[2].endswith("1 point"), scores
        expect(projector.locator('.quadrant.q-primary[data-form="supplier"]')).to_have_count(1)
        projector.screenshot(path=shots / "projector-reveal-en.png")
        on_the_wall(projector, "the reveal")
        groups[1].goto(base + "/group")
        expect(groups[1].locator(".your-points")).to_have_text("You placed it as Grant collaboration: 1 point.")

        # --- the comparison, and the projector in bokmål
        trainer.get_by_role("button", name="The comparison").click()
        expect(projector.locator(".screen-compare")).to_have_count(1)
        assert projector.evaluate("window.sameRoomPage === true") and not loads, "the projector was not reloaded"
        expect(projector.locator(".compare-grid")).to_contain_text("Grant collaboration")
        projector.screenshot(path=shots / "projector-compare-en.png")
        axe(projector, "the projector's comparison")
        on_the_wall(projector, "the comparison")
        trainer.get_by_role("button", name="Examples to discuss").click()
        expect(projector.locator(".screen-discuss")).to_have_count(1)
        expect(projector.locator(".prompt h2").first).to_have_text("Grant collaboration: Vintage Baby")
        projector.screenshot(path=shots / "projector-discuss-en.png")
        axe(projector, "the projector's examples to discuss")
        on_the_wall(projector, "the examples to discuss")
        projector.get_by_role("button", name="Bokmål").click()
        projector.wait_for_url(f"{base}/room/{code}/screen")
        assert projector.locator("html").get_attribute("lang") == "nb"
        projector.screenshot(path=shots / "projector-discuss-nb.png")
        on_the_wall(projector, "the examples to discuss, in bokmål")
        trainer.get_by_role("button", name="The comparison").click()
        expect(projector.locator(".screen-compare")).to_have_count(1)
        projector.screenshot(path=shots / "projector-compare-nb.png")
        on_the_wall(projector, "the comparison, in bokmål")
        trainer.get_by_role("button", name="The case quiz").click()
        expect(projector.locator(".screen-quiz .reading")).to_have_count(1)
        on_the_wall(projector, "the reveal, in bokmål")
        trainer.get_by_role("button", name="The groups on the matrix").click()
        expect(projector.locator(".group-dot")).to_have_count(3)
        projector.screenshot(path=shots / "projector-matrix-nb.png")
        on_the_wall(projector, "the matrix, in bokmål")

        # --- the tour, stepped with the arrow keys
        projector.goto(f"{base}/tour/1?room={code}")
        on_the_wall(projector, "the tour's first slide", fits=False)
        projector.keyboard.press("ArrowRight")
        projector.wait_for_url(re.compile(r"/tour/2\?room="))
        projector.keyboard.press("ArrowRight")
        projector.wait_for_url(re.compile(r"/tour/3\?room="))
        assert projector.locator(".room-matrix").count() == 1
        projector.screenshot(path=shots / "tour-matrix-nb.png")
        axe(projector, "a slide of the tour")
        for n in range(3, int(projector.locator("[data-total]").get_attribute("data-total")) + 1):
            projector.goto(f"{base}/tour/{n}?room={code}")
            on_the_wall(projector, f"the tour's slide {n}", fits=False)

        # --- the end: close the room (the trainer is asked first), download everything, compare the files
        # without the server
        trainer.set_viewport_size(LAPTOP)
        trainer.get_by_role("button", name="Close the room").click()
        expect(trainer.get_by_role("heading", level=1)).to_have_text(f"Close room {code}?")
        expect(trainer.locator("main")).to_contain_text("A closed room cannot be opened again.")
        trainer.screenshot(path=shots / "trainer-close-confirm.png")
        axe(trainer, "closing the room")
        trainer.get_by_role("link", name="No, keep it open").click()
        trainer.wait_for_url(re.compile(r"/trainer$"))
        trainer.get_by_role("button", name="Close the room").click()
        trainer.get_by_role("button", name="Yes, close the room").click()
        trainer.wait_for_url(re.compile(r"/trainer$"))
        expect(trainer.locator(".warning").first).to_contain_text("The room is closed")
        projector.reload()
        expect(projector.locator(".join-code")).to_have_count(0)  # closed: nobody joins, the slide says nothing of it
        with trainer.expect_download() as download:
            trainer.get_by_role("link", name="Download everything (zip)").click()
        archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        names = archive.namelist()
        sessions = sorted(n for n in names if "/groups/" in n)
        assert len(sessions) == 3 and any(n.endswith("comparison.html") for n in names), names
        archive.extractall(tmp_path / "room")
        folder = next((tmp_path / "room").iterdir()) / "groups"
        compared = run_cli("compare", str(folder), "--format", "json")
        assert compared.returncode == 0, compared.stderr
        assert '"Sør <b>&amp;</b>"' in compared.stdout or "Sør <b>&amp;</b>" in compared.stdout
        late = context().new_page()
        late.goto(f"{base}/join?code={code}")
        late.get_by_label("Group name").fill("Late")
        late.get_by_role("button", name="Join").click()
        expect(late.locator(".error-summary")).to_contain_text("The room is closed")
    finally:
        for made in contexts:
            made.close()


WALL = """(least) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.nodeValue.trim() || !element || element.closest("title, noscript, .visually-hidden")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const seen = [...range.getClientRects()].some(r => r.width > 1 && r.height > 1 && r.bottom > 0
      && r.right > 0 && r.top < innerHeight && r.left < innerWidth);
    const style = getComputedStyle(element);
    if (!seen || style.visibility === "hidden") continue;
    let size = parseFloat(style.fontSize);
    if (element instanceof SVGElement) {  // the drawing's units, as drawn: its scale on the screen
      const m = element.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    if (size < least) small.push(`${node.nodeValue.trim().slice(0, 40)} (${element.tagName.toLowerCase()}.`
      + `${element.getAttribute("class") || ""}: ${size.toFixed(1)} px)`);
  }
  const page = document.scrollingElement;
  return {small, tall: page.scrollHeight - innerHeight, wide: page.scrollWidth - innerWidth};
}"""
"""Every text on the screen (the drawing's at the size it is drawn): those smaller than `least` px, and how
far the page runs beyond the screen."""


def on_the_wall(page, what: str, *, fits: bool = True) -> None:
    """At 1920×1080, `what` on the projector is readable from the back of a room: every word on the screen
    28 px or more, the join code in view while the room is open; and (`fits`) no scrolling."""
    assert page.viewport_size == PROJECTOR
    found = page.evaluate(WALL, WALL_PX)
    assert not found["small"], f"{what}: words under {WALL_PX} px: {found['small']}"
    code = page.locator(".join-code").first
    expect(code).to_be_in_viewport(ratio=1)
    assert re.fullmatch(r"[A-Z0-9]{6}", code.inner_text().strip()), what
    if fits:
        assert found["tall"] <= 0 and found["wide"] <= 0, f"{what} runs beyond the screen: {found}"


def round_on_one_screen(trainer, shot: Path) -> None:
    """The trainer's controls for a round — start it, the groups' placements, reveal it — all on the screen
    at once, without scrolling."""
    trainer.evaluate("window.scrollTo(0, 0)")
    trainer.screenshot(path=shot)
    for control in (trainer.get_by_role("button", name="Start the round"),
                    trainer.locator(".round-status .placed-line"),
                    trainer.get_by_role("button", name="Reveal the report's answer")):
        expect(control).to_be_in_viewport(ratio=1)


def axe(page, what: str) -> None:
    """axe-core in the page: no serious or critical problem."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found
           if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe on {what}: {bad}"


def _quadrant_of(page, dot) -> str:
    """The form's name of the quadrant the dot's centre is in."""
    circle = dot.locator("circle")
    x, y = float(circle.get_attribute("cx")), float(circle.get_attribute("cy"))
    for quadrant in page.locator(".room-matrix .quadrant").all():
        rect = quadrant.locator("rect")
        left, top = float(rect.get_attribute("x")), float(rect.get_attribute("y"))
        width, height = float(rect.get_attribute("width")), float(rect.get_attribute("height"))
        if left <= x <= left + width and top <= y <= top + height:
            return quadrant.locator(".form-name").text_content()
    return ""
