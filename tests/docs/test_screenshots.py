"""The browser's pictures in README.md, docs/guide.md and docs/workshop.md, made as people use the pages.

One server (the app under uvicorn in a thread of this process) and one Chromium serve the module. A
person answers in bokmål, the default; a trainer makes a room, three groups join it on phones and
answer, a quiz round is placed and revealed, and the projector shows the comparison. Each step walks
on from where the one before it left off, asserts what the picture shows, and saves it in
docs/images/ (tests/docs/images.py); the two tests (one person, a workshop) stand on their own.

So that a picture made again shows the same thing, the server is started as `make serve HOST=0.0.0.0`
would be on a laptop at 192.168.1.20:8000 (it is in fact on 127.0.0.1 and a free port), the room's
code is K7M3QX, and every page that says when it was made says 30 November 2026.
Skips where there is no Chromium or no Playwright (as tests/web/test_browser.py).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.docs.images import DAY, save
from tests.web.conftest import CHROMIUM

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[dev]')")
expect = playwright.expect

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the browser's pictures in docs/images/ "
                                                 "are not made again here"),
    pytest.mark.xdist_group("chromium-docs"),  # one worker, one server and one browser for the module
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
PROJECTOR = {"width": 1920, "height": 1080}
CODE = "K7M3QX"
LAPTOP = "192.168.1.20"
GROUPS = (("Nord", "grant"), ("Sør", "supplier"), ("Vest", "development"))
"""The groups and the answers file each goes on from: three quadrants of the matrix."""


@pytest.fixture(scope="module")
def base(rule_base, engine, tmp_path_factory) -> Iterator[str]:
    """The app on a free port of 127.0.0.1, seen by its pages as a room's server at 192.168.1.20:8000."""
    import uvicorn

    import assistant.render.compare
    import assistant.render.view
    import assistant.web.room
    from assistant.store import SqliteStore
    from assistant.web.app import create_app
    from assistant.web.serve import bind

    class Day(type(DAY)):  # type: ignore[misc]
        @classmethod
        def today(cls):
            return DAY

    patch = pytest.MonkeyPatch()
    patch.setattr(assistant.web.room, "new_code", lambda: CODE)
    patch.setattr(assistant.web.room, "lan_address", lambda: LAPTOP)
    patch.setattr(assistant.render.view, "date", Day)
    patch.setattr(assistant.render.compare, "date", Day)
    store = SqliteStore(tmp_path_factory.mktemp("docs-data") / "web.sqlite3")
    app = create_app(rule_base, engine, store)
    app.state.bound = ("0.0.0.0", 8000)  # as `samarbeid serve --host 0.0.0.0` on port 8000 sets it
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        app.state.workshop.stopping.set()  # the projector's stream ends, so stopping need not wait for it
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        store.close()
        patch.undo()


@dataclass
class Workshop:
    """The pages the workshop's tests share, opened as they go."""

    browser: Any
    base: str
    contexts: list[Any] = field(default_factory=list)
    pages: dict[str, Any] = field(default_factory=dict)

    def page(self, name: str, viewport: dict[str, int]) -> Any:
        if name not in self.pages:
            context = self.browser.new_context(viewport=viewport, device_scale_factor=1)
            context.set_default_timeout(15_000)
            self.contexts.append(context)
            self.pages[name] = context.new_page()
        return self.pages[name]


@pytest.fixture
def room(browser, base) -> Iterator[Workshop]:
    made = Workshop(browser, base)
    yield made
    for context in made.contexts:
        context.close()


def shoot(page: Any, name: str, **kwargs: Any) -> None:
    """The page as it is (its viewport unless full_page), without animations or a caret."""
    save(name, page.screenshot(animations="disabled", caret="hide", **kwargs))


# ------------------------------------------------------------------ one person, in a browser
def a_question(room: Workshop) -> None:
    page = room.page("person", DESKTOP)
    page.goto(room.base + "/")
    assert page.locator("html").get_attribute("lang") == "nb", "bokmål is the default"
    page.get_by_label("Sosial entreprenør").check()
    page.get_by_role("button", name="Begynn", exact=True).click()
    page.wait_for_url(re.compile(r"/q/\w+$"))
    expect(page.locator("#progress")).to_contain_text("Spørsmål 2 av")
    shoot(page, "browser-question.png")


def the_result(room: Workshop) -> None:
    page = room.page("person", DESKTOP)
    page.goto(room.base + "/")
    page.locator("#upload-file").set_input_files(ROOT / "examples" / "supplier.yaml")
    page.get_by_role("button", name="Last opp og fortsett").click()
    page.goto(room.base + "/result")
    expect(page.locator("#summary-title")).to_have_text("Kort fortalt")
    expect(page.locator(".summary-form")).to_contain_text("leverandørsamarbeid")
    expect(page.locator("#summary-title")).to_be_in_viewport()
    shoot(page, "browser-result.png")


# ------------------------------------------------------------------ a workshop
def the_trainer_makes_a_room(room: Workshop) -> None:
    trainer = room.page("trainer", DESKTOP)
    trainer.goto(room.base + "/")
    trainer.get_by_role("link", name="Lag et workshoprom (kursholder)").click()
    expect(trainer.locator("h1")).to_have_text("Lag et workshoprom")
    shoot(trainer, "workshop-new-room.png")
    trainer.get_by_role("button", name="Lag rommet").click()
    trainer.wait_for_url(re.compile(rf"/room/{CODE}/trainer$"))
    expect(trainer.locator("h1")).to_have_text(f"Workshoprom {CODE}")
    expect(trainer.locator(".join-facts .join-code")).to_have_text(CODE)
    expect(trainer.locator(".join-facts a")).to_have_text(f"http://{LAPTOP}:8000/join?code={CODE}")
    expect(trainer.locator(".local-only")).to_have_count(0)  # the server is on the room's network
    shoot(trainer, "workshop-trainer.png")


def the_projector_before_the_groups_join(room: Workshop) -> None:
    projector = room.page("projector", PROJECTOR)
    projector.goto(f"{room.base}/room/{CODE}/screen")
    expect(projector.locator(".join-box .join-code")).to_have_text(CODE)
    expect(projector.locator(".join-box .join-url")).to_have_text(f"http://{LAPTOP}:8000/join")
    expect(projector.locator(".join-box .qr svg")).to_have_count(1)
    expect(projector.locator(".group-list")).to_contain_text("Ingen grupper ennå.")
    shoot(projector, "workshop-projector-join.png")


def the_groups_join_on_their_phones(room: Workshop) -> None:
    for number, (name, example) in enumerate(GROUPS):
        phone = room.page(name, PHONE)
        phone.goto(f"{room.base}/join?code={CODE}")  # what the QR code opens
        assert phone.locator("#join-code").input_value() == CODE, "the code comes with the address"
        phone.get_by_label("Gruppenavn").fill(name)
        if number == 0:
            expect(phone.locator("h1")).to_have_text("Bli med i en workshop")
            shoot(phone, "workshop-phone-join.png")
        phone.get_by_role("button", name="Bli med").click()
        phone.wait_for_url(room.base + "/")
        expect(phone.locator(".room-banner")).to_contain_text(f"Gruppe «{name}» i rom {CODE}.")
        phone.locator("#upload-file").set_input_files(ROOT / "examples" / f"{example}.yaml")
        phone.get_by_role("button", name="Last opp og fortsett").click()
        phone.wait_for_url(re.compile(r"/(q/\w+|result)$"))
    projector = room.pages["projector"]
    expect(projector.locator(".group-dot")).to_have_count(len(GROUPS))
    expect(projector.locator(".group-line")).to_have_count(len(GROUPS))
    shoot(projector, "workshop-projector-matrix.png")


def a_quiz_round(room: Workshop) -> None:
    trainer, projector = room.pages["trainer"], room.pages["projector"]
    trainer.reload()
    trainer.locator("#relation").select_option("moving_mamas/hverdagsvikar")
    trainer.get_by_role("button", name="Start runden").click()
    expect(projector.locator(".case-text h2")).to_have_text("Moving Mamas")
    for (name, _), quadrant in zip(GROUPS, ("Leverandørsamarbeid", "Tilskuddssamarbeid", "Leverandørsamarbeid"),
                                   strict=True):
        phone = room.pages[name]
        phone.goto(room.base + "/group")
        expect(phone.locator(".case-text h3")).to_have_text("Moving Mamas")
        if name == "Nord":
            expect(phone.locator("#round-title")).to_have_text("Quizrunde 1")
            place = phone.locator(".place-form h3")
            expect(place).to_have_text("Hvor i tabellen hører samarbeidet hjemme?")
            place.evaluate("heading => heading.scrollIntoView({block: 'start'})")
            expect(phone.locator(".quadrant-button").last).to_be_in_viewport()
            shoot(phone, "workshop-phone-quiz.png")
        phone.get_by_role("button", name=re.compile(quadrant)).click()
        expect(phone.locator(".placed-note")).to_contain_text(quadrant)
    expect(projector.locator(".placed-count")).to_have_text("3 av 3 grupper har plassert caset.")
    trainer.get_by_role("button", name="Vis rapportens svar").click()
    expect(projector.locator(".reading h2")).to_have_text("Rapporten: Leverandørsamarbeid")
    expect(projector.locator(".score-list li")).to_have_count(len(GROUPS))
    shoot(projector, "workshop-projector-reveal.png")


def the_comparison(room: Workshop) -> None:
    trainer, projector = room.pages["trainer"], room.pages["projector"]
    trainer.get_by_role("button", name="Sammenligningen").click()
    expect(projector.locator(".screen-compare")).to_have_count(1)
    expect(projector.locator(".compare-grid")).to_contain_text("Tilskuddssamarbeid")
    shoot(projector, "workshop-projector-compare.png")


# ------------------------------------------------------------------ the tests: each walks on from its last step
def test_one_person_in_a_browser(room):
    """A question, then the result of `examples/supplier.yaml` uploaded on the start page."""
    a_question(room)
    the_result(room)


def test_a_workshop(room):
    """A room made, the projector, three groups joining on phones, a quiz round revealed, the comparison."""
    the_trainer_makes_a_room(room)
    the_projector_before_the_groups_join(room)
    the_groups_join_on_their_phones(room)
    a_quiz_round(room)
    the_comparison(room)
