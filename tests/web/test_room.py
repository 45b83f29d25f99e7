"""The workshop room at the HTTP level: making a room, joining it, the trainer's controls and their
guards, the quiz, the projector's pages, the download; and the live stream's machinery.

Each test is a trainer and some groups, each a browser of its own (its own cookies); what they see
is the HTML the server sends, what is kept is read back from the store.
"""

from __future__ import annotations

import asyncio
import html
import io
import re
import zipfile

import pytest
from starlette.testclient import TestClient

from assistant.web.app import CSP, create_app
from assistant.web.assets import shipped
from assistant.web.live import Bell, Limiter, events
from assistant.web.room import TRAINER_COOKIE
from assistant.workshop.rooms import MAX_GROUPS, MAX_NAME
from tests.conftest import ROOT, run_cli
from tests.web.conftest import Browser

CODE = re.compile(r'<dd class="join-code">([A-Z0-9]{6})</dd>')
HOSTILE = "<script>alert(1)</script>[bold]"


def make_room(person: Browser, lang: str = "en") -> str:
    person.get("/workshop")
    made = person.post("/workshop", {"lang": lang})
    assert made.status_code == 303
    where = made.headers["location"]
    assert re.fullmatch(r"/room/[A-Z0-9]{6}/trainer", where)
    page = person.get(where)
    assert page.status_code == 200
    return CODE.search(page.text).group(1)


def join(person: Browser, code: str, name: str):
    person.get(f"/join?code={code}")
    return person.post("/join", {"code": code, "name": name})


@pytest.fixture
def trainer(new_person) -> Browser:
    return new_person()


# ------------------------------------------------------------ making a room and joining it
def test_a_trainer_makes_a_room_and_gets_the_code_the_address_the_qr_code_and_a_trainer_link(trainer, store):
    code = make_room(trainer)
    page = trainer.get(f"/room/{code}/trainer")
    assert f"/join?code={code}" in page.text
    assert re.search(r'<div class="qr qr-small"><svg role="img" aria-hidden="true" focusable="false" '
                     r'viewBox="0 0 \d+ \d+" class="segno"><path', page.text), "the QR code is inline SVG"
    link = re.search(rf"http://testserver/room/{code}/t/([\w-]+)", page.text)
    assert link, "the trainer link is on the trainer's page"
    room = store.room(code)
    assert room is not None and room.lang == "en" and room.closed is None
    assert link.group(1) not in room.token_hash, "only a hash of the token is kept"
    # the trainer link works on another device: it sets the cookie for this room and hides the token
    other = TestClient(trainer.client.app, follow_redirects=False)
    opened = other.get(f"/room/{code}/t/{link.group(1)}")
    assert opened.status_code == 303 and opened.headers["location"] == f"/room/{code}/trainer"
    cookie = opened.headers["set-cookie"]
    assert f"Path=/room/{code}" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert other.get(f"/room/{code}/trainer").status_code == 200


def test_groups_join_with_the_code_as_typed_and_answer_the_interview(trainer, new_person, store):
    code = make_room(trainer)
    group = new_person()
    page = group.get(f"/join?code={code}")
    assert page.status_code == 200 and f'value="{code}"' in page.text
    assert '<html lang="en">' in page.text, "a new browser from the QR code speaks the room's language"
    joined = group.post("/join", {"code": f" {code[:3].lower()}-{code[3:].lower()} ", "name": "  Gruppe   Nord "})
    assert joined.status_code == 303 and joined.headers["location"] == "/"
    start = group.get("/")
    assert "Group “Gruppe Nord” in room" in start.text, "every page says which group and room"
    first = group.begin("entrepreneur")
    assert first.startswith("/q/")
    [kept] = store.groups(code)
    assert kept.name == "Gruppe Nord" and kept.session.room == code and kept.session.group == "Gruppe Nord"
    assert '"role":["entrepreneur"]' in kept.session.answers
    result = group.get("/download/answers.yaml")
    assert "group: Gruppe Nord" in result.text


def test_an_uploaded_answers_file_keeps_the_rooms_group_name(trainer, new_person, store):
    code = make_room(trainer)
    group = new_person()
    join(group, code, "Vest")
    group.get("/")
    data = (ROOT / "examples" / "supplier.yaml").read_bytes() + b"meta: {group: Someone else}\n"
    moved = group.post("/upload", {}, files={"file": ("supplier.yaml", data, "application/yaml")})
    assert moved.status_code == 303
    [kept] = store.groups(code)
    assert kept.session.group == "Vest" and '"money_flow"' in kept.session.answers


@pytest.mark.parametrize(("reason", "status", "words"), [
    ("unknown", 404, "Det finnes ikke noe rom med koden «ZZZZZZ»"),  # a browser new to the server: bokmål
    ("taken", 409, "Another group already has that name"),
    ("empty", 400, "Type a name for your group"),
    ("closed", 409, "The room is closed"),
    ("full", 409, "The room is full"),
])
def test_a_join_that_cannot_be_says_why_in_plain_words(trainer, new_person, store, reason, status, words):
    code = make_room(trainer)
    assert join(new_person(), code, "Nord").status_code == 303
    name, to = "Sør", code
    if reason == "unknown":
        to = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    elif reason == "taken":
        name = " NORD "
    elif reason == "empty":
        name = " \t "
    elif reason == "closed":
        store.close_room(code)
    else:
        for n in range(MAX_GROUPS - 1):
            store.join(code, "en", lambda room, taken, n=n: f"Filler {n}")
    page = join(new_person(), to, name)
    assert page.status_code == status
    assert words in page.text and 'role="alert"' in page.text and "Traceback" not in page.text
    assert len(store.groups(code)) == (MAX_GROUPS if reason == "full" else 1)


def test_a_code_that_does_not_exist_says_so_everywhere(person):
    for path in ("/join?code=ZZZZZZ", "/room/ZZZZZZ/screen", "/room/ZZZZZZ/trainer", "/room/nonsense/screen",
                 "/room/ZZZZZZ/events"):
        page = person.get(path)
        assert page.status_code == 404, path
        assert "There is no" in page.text or "Det finnes ikke noe" in page.text, path
        assert "Traceback" not in page.text


def test_joins_and_unknown_codes_are_rate_limited_per_client(rule_base, engine, store):
    app = create_app(rule_base, engine, store, limiter=Limiter(burst=3, every=3600))
    with TestClient(app, raise_server_exceptions=False) as client:
        person = Browser(client)
        code = make_room(person)  # one try
        assert join(person, code, "A").status_code == 303  # two
        assert person.get("/room/ZZZZZZ/screen").status_code == 404  # three: an unknown code costs one too
        refused = join(person, code, "B")
        assert refused.status_code == 429 and "Too many tries" in refused.text
        assert person.get("/room/YYYYYY/screen").status_code == 429
        assert [g.name for g in store.groups(code)] == ["A"]


def test_the_limiter_refills_with_time():
    limiter = Limiter(burst=2, every=10)
    assert limiter.allow("a", now=0) and limiter.allow("a", now=0) and not limiter.allow("a", now=1)
    assert limiter.allow("b", now=1), "each client has its own bucket"
    assert limiter.allow("a", now=11) and not limiter.allow("a", now=12)


def test_a_hostile_group_name_is_shown_as_text_everywhere(trainer, new_person, store):
    code = make_room(trainer)
    group = new_person()
    assert join(group, code, "\u202e" + HOSTILE + "y" * 80).status_code == 303
    [kept] = store.groups(code)
    assert len(kept.name) == MAX_NAME and "\u202e" not in kept.name and kept.name.startswith("\\u202e<script>")
    group.begin("trainer")
    pages = [trainer.get(f"/room/{code}/screen"), trainer.get(f"/room/{code}/trainer"), group.get("/"),
             group.get("/group")]
    for page in pages:
        assert "<script>alert" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;[bold]yy" in page.text
        assert page.headers["content-security-policy"] == CSP
    archive = zipfile.ZipFile(io.BytesIO(trainer.get(f"/room/{code}/download").content))
    compared = next(archive.read(n).decode() for n in archive.namelist() if n.endswith("comparison.html"))
    assert "<script>alert" not in compared and "&lt;script&gt;" in compared


# ------------------------------------------------------------ only the trainer controls the room
def test_only_the_trainers_token_controls_the_room(trainer, new_person, store):
    code = make_room(trainer)
    group = new_person()
    join(group, code, "Nord")
    group.get("/")
    wrong = group.client.get(f"/room/{code}/t/not-the-token", follow_redirects=False)
    assert wrong.status_code == 403 and "Only the trainer can control the room" in wrong.text
    group.client.cookies.set(TRAINER_COOKIE, "forged", path=f"/room/{code}")
    for path, data in (("show", {"show": "compare"}), ("quiz", {"relation": "moving_mamas/hverdagsvikar"}),
                       ("reveal", {"round": "1"}), ("remove", {"name": "Nord"}), ("close", {})):
        refused = group.post(f"/room/{code}/{path}", data)
        assert refused.status_code == 403, path
    for path in ("trainer", "download", "events?view=trainer"):
        assert group.get(f"/room/{code}/{path}").status_code == 403, path
    room = store.room(code)
    assert room.show == "matrix" and room.closed is None and store.rounds(code) == []
    assert [g.name for g in store.groups(code)] == ["Nord"], "nothing was changed"
    # the trainer's own POSTs need the session's CSRF token as well
    assert trainer.client.post(f"/room/{code}/close", data={"csrf": "wrong"}).status_code == 403
    assert store.room(code).closed is None


def test_the_trainer_removes_a_group_and_closes_the_room(trainer, new_person, store):
    code = make_room(trainer)
    group = new_person()
    join(group, code, "Nord")
    assert trainer.post(f"/room/{code}/remove", {"name": "Nord"}).status_code == 303
    assert store.groups(code) == []
    assert "room-banner" not in group.get("/").text, "a removed group is no longer in the room"
    assert group.get("/group").headers["location"] == "/join"
    asked = trainer.post(f"/room/{code}/close", {})
    assert asked.status_code == 200 and store.room(code).closed is None, "closing asks first"
    words = html.unescape(asked.text)
    assert f"<h1>Close room {code}?</h1>" in words and "A closed room cannot be opened again." in words
    assert "no new group can join it" in words and "the groups keep their answers (0 groups)" in words
    assert f'<a class="button" href="/room/{code}/trainer">No, keep it open</a>' in words
    assert 'name="confirm" value="yes"' in words, "the page's button closes, with a POST of its own"
    assert trainer.post(f"/room/{code}/close", {"confirm": "yes"}).status_code == 303
    assert store.room(code).closed is not None
    assert "The room is closed" in trainer.get(f"/room/{code}/screen").text
    assert "Close the room" not in trainer.get(f"/room/{code}/trainer").text


# ------------------------------------------------------------ the quiz, the projector, the download
def test_a_quiz_round_is_placed_shown_revealed_and_scored(trainer, new_person, store):
    code = make_room(trainer)
    groups = {}
    for name in ("Nord", "Sør", "Vest"):
        groups[name] = new_person()
        join(groups[name], code, name)
        groups[name].get("/")
    unknown = trainer.post(f"/room/{code}/quiz", {"relation": "no/such"})
    assert unknown.headers["location"].endswith("error=relation#quiz")
    assert trainer.post(f"/room/{code}/quiz", {"relation": "moving_mamas/hverdagsvikar"}).status_code == 303
    assert store.room(code).show == "quiz"
    page = groups["Nord"].get("/group")
    assert "Moving Mamas" in page.text and 'name="place" value="existing.two_way"' in page.text
    assert "Supplier collaboration</span>" in page.text
    assert "Moving Mamas pays the women" in page.text, "the relation is described"
    assert "Quiz round 1 is waiting for you: place the case" in groups["Sør"].get("/").text
    groups["Nord"].post("/group/place", {"round": "1", "place": "existing.two_way"})
    groups["Sør"].post("/group/place", {"round": "1", "service": "existing", "relation": "one_way"})
    assert groups["Vest"].post("/group/place", {"round": "1", "place": "sideways"}).headers["location"].endswith(
        "error=place#place")
    assert store.rounds(code)[0].placed == {"Nord": "supplier", "Sør": "grant"}
    screen = trainer.get(f"/room/{code}/screen").text
    assert "2 of 3 groups have placed the case." in screen and "The report:" not in screen
    assert trainer.post(f"/room/{code}/reveal", {"round": "1"}).status_code == 303
    screen = trainer.get(f"/room/{code}/screen").text
    assert "The report: Supplier collaboration" in screen and "Source: 4.1.2, 3.2" in screen
    scores = re.findall(r'<span class="group-name">([^<]+)</span> <span class="points">([^<]+)</span>', screen)
    assert scores == [("Nord", "2 points"), ("Sør", "1 point"), ("Vest", "0 points")]
    assert "You placed it as Supplier collaboration: 2 points." in groups["Nord"].get("/group").text
    # once revealed, nobody can place it again
    groups["Vest"].post("/group/place", {"round": "1", "place": "existing.two_way"})
    assert "Vest" not in store.rounds(code)[0].placed


def test_a_groups_line_calls_it_to_a_waiting_round_on_every_page(trainer, new_person, store):
    """Issue 20: a group on a question page was not told of a quiz round until it reloaded. Its line on
    every page links to the round while the round waits for its placement, as a live part (the browser
    test shows it arrive), and, without script, on the next page."""
    code = make_room(trainer)
    nord, sor = new_person(), new_person()
    join(nord, code, "Nord")
    join(sor, code, "Sør")
    question = nord.begin()
    page = nord.get(question).text
    assert f'<span id="room-call" class="room-call" role="status" data-src="/room/{code}/events?view=banner"' in page
    assert "is waiting for you" not in page and f'<script src="{shipped().url("room.js")}" defer></script>' in page
    trainer.post(f"/room/{code}/quiz", {"relation": "moving_mamas/hverdagsvikar"})
    call = ('<a class="button primary room-banner-quiz" href="/group#round">Quiz round 1 is waiting for you: place '
            'the case</a>')
    for path in (question, "/review", "/"):
        assert call in nord.get(path).text, path
    assert 'id="room-call"' not in nord.get("/group").text, "the group's page shows the round itself, live"
    # placed: no longer called; the other group still is
    nord.post("/group/place", {"round": "1", "place": "existing.two_way"})
    assert "is waiting for you" not in nord.get(question).text
    sor.get("/")
    assert call in sor.get("/").text
    # only a group of the room listens to its line's stream
    assert trainer.get(f"/room/{code}/events?view=banner").status_code == 403
    outsider = new_person()
    outsider.begin()
    assert outsider.get(f"/room/{code}/events?view=banner").status_code == 403
    # revealed, or the room closed: nothing waits
    trainer.post(f"/room/{code}/quiz", {"relation": "krem/development_partnership"})
    assert "Quiz round 2 is waiting for you" in sor.get("/").text
    trainer.post(f"/room/{code}/close", {"confirm": "yes"})
    assert "is waiting for you" not in sor.get("/").text
    assert sor.post("/group/place", {"round": "2", "place": "new.two_way"}).status_code == 303
    assert "Sør" not in store.rounds(code)[1].placed, "a closed room takes no placements, as its page says"


def test_a_mixed_relation_shows_how_forms_combine(trainer, new_person):
    code = make_room(trainer)
    page = trainer.get(f"/room/{code}/trainer")
    mixed = re.findall(r'<option value="([\w/]+)">[^<]*, mixed\)</option>', page.text)
    assert mixed, "the trainer sees which relations are mixed"
    trainer.post(f"/room/{code}/quiz", {"relation": mixed[0]})
    trainer.post(f"/room/{code}/reveal", {"round": "1"})
    assert "Mixed: the relation also has elements of" in trainer.get(f"/room/{code}/screen").text


def test_the_projector_shows_the_groups_their_progress_and_the_comparison(trainer, new_person):
    code = make_room(trainer)
    for name, example in (("Nord", "grant"), ("Sør", "supplier")):
        group = new_person()
        join(group, code, name)
        group.get("/")
        group.post("/upload", {}, files={"file": (f"{example}.yaml", (ROOT / "examples" / f"{example}.yaml")
                                                  .read_bytes(), "application/yaml")})
    late = new_person()
    join(late, code, "Øst")
    screen = trainer.get(f"/room/{code}/screen")
    assert screen.status_code == 200
    page = screen.text
    assert page.count('<g class="group-dot"') == 2, "a group that has answered no axis question has no dot"
    assert "Not placed yet: Øst" in page and "Groups (3 of at most 30)" in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page, "without script it reloads"
    assert re.search(r'<div id="live" class="live" data-src="/room/\w+/events\?view=screen" data-digest="\w{16}"',
                     page)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and " style=" not in page, "no inline script or style"
    trainer.post(f"/room/{code}/show", {"show": "compare"})
    compared = trainer.get(f"/room/{code}/screen").text
    assert "The groups side by side · 2 groups" in compared and "Risks most often raised" in compared
    assert "Grant collaboration</strong>: 1 group (Nord)" in compared
    assert "For discussion" not in compared, "the examples to discuss have a view of their own: the wall has no room"
    trainer.post(f"/room/{code}/show", {"show": "discuss"})
    discussed = html.unescape(trainer.get(f"/room/{code}/screen").text)
    assert "For discussion: examples from the report" in discussed and "Grant collaboration: Vintage Baby" in discussed
    assert discussed.count("What does your collaboration share with this example") == 1, "the question once"
    assert f"Join: http://testserver/join · code</span> <span class=\"join-code\" data-code=\"{code}\">" in discussed
    assert trainer.post(f"/room/{code}/show", {"show": "nonsense"}).status_code == 400


def test_every_view_of_the_projector_shows_an_empty_room_and_the_way_to_join(trainer):
    """Before any group has joined, each view says so, and each has the join code while the room is open;
    once it is closed, none has."""
    code = make_room(trainer)
    trainer.post(f"/room/{code}/quiz", {"relation": "moving_mamas/hverdagsvikar"})
    for show, says in (("matrix", "No groups yet."), ("quiz", "0 of 0 groups have placed the case."),
                       ("compare", "The groups side by side · 0 groups"),
                       ("discuss", "No group has arrived at a form yet.")):
        trainer.post(f"/room/{code}/show", {"show": show})
        page = html.unescape(trainer.get(f"/room/{code}/screen").text)
        assert says in page and f'class="join-code" data-code="{code}">{code}<' in page, show
        assert '<li><a href="/room/' + code + '/trainer">The trainer\'s page</a></li>' in page, show
    trainer.post(f"/room/{code}/close", {"confirm": "yes"})
    for show in ("matrix", "quiz", "compare", "discuss"):
        trainer.post(f"/room/{code}/show", {"show": show})
        assert 'class="join-code"' not in trainer.get(f"/room/{code}/screen").text, show


def test_the_download_has_every_groups_answers_the_comparison_and_the_quiz(trainer, new_person, tmp_path):
    code = make_room(trainer)
    for name, example in (("Nord", "grant"), ("Sør", "supplier"), ("Nord", "development")):
        group = new_person()
        if join(group, code, name).status_code != 303:
            join(group, code, name + " 2")
        group.get("/")
        group.post("/upload", {}, files={"file": (f"{example}.yaml", (ROOT / "examples" / f"{example}.yaml")
                                                  .read_bytes(), "application/yaml")})
    trainer.post(f"/room/{code}/quiz", {"relation": "krem/development_partnership"})
    download = trainer.get(f"/room/{code}/download")
    assert download.status_code == 200 and download.headers["content-type"] == "application/zip"
    assert f'filename="samarbeid-room-{code}.zip"' in download.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    names = sorted(archive.namelist())
    folder = f"samarbeid-room-{code}"
    assert names == sorted([f"{folder}/README.txt", f"{folder}/comparison.html", f"{folder}/quiz.csv",
                            f"{folder}/groups/01-nord.yaml", f"{folder}/groups/02-sor.yaml",
                            f"{folder}/groups/03-nord-2.yaml"])
    archive.extractall(tmp_path)
    decided = run_cli("decide", str(tmp_path / folder / "groups" / "02-sor.yaml"), "--format", "json")
    assert decided.returncode == 0 and '"form": "supplier"' in decided.stdout
    compared = run_cli("compare", str(tmp_path / folder / "groups"))
    assert compared.returncode == 0 and "Nord 2" in compared.stdout
    assert "1,krem,development_partnership,development,Nord,,,no" in archive.read(f"{folder}/quiz.csv").decode()


def test_the_tour_steps_through_the_framework_in_both_languages(person, rule_base):
    assert person.get("/tour").headers["location"] == "/tour/1"
    for lang in ("nb", "en"):
        texts = []
        n = 1
        while True:
            page = person.get(f"/tour/{n}")
            if page.status_code == 404:
                break
            assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
            texts.append(page.text)
            n += 1
        assert len(texts) == 9
        joined = html.unescape("\n".join(texts))
        for form in rule_base.forms:
            assert form.name(lang) in joined and form.benefits[0](lang).split("«")[0][:40] in joined
        for condition in rule_base.conditions:
            assert condition.name(lang) in joined
        assert 'rel="next"' in texts[0] and 'rel="prev"' not in texts[0] and 'rel="next"' not in texts[-1]
        person.get("/")
        person.post("/lang", {"lang": "en", "next": "/tour/1"})
    assert person.get("/tour/0").status_code == 404 and person.get("/tour/x").status_code == 404


# ------------------------------------------------------------ the live stream
def test_the_stream_sends_a_fragment_when_the_room_changes_and_ends_when_the_server_stops():
    async def play() -> list[str]:
        bell = Bell()
        state = {"stamp": 1, "html": "<p>one</p>", "stop": False}

        async def stamp():
            return state["stamp"]

        async def render():
            return state["html"]

        sent: list[str] = []
        stream = events(bell, "ROOM42", stamp, render, lambda: state["stop"], poll=30, gap=0)

        async def read() -> None:
            async for chunk in stream:
                sent.append(chunk)

        task = asyncio.create_task(read())
        await asyncio.sleep(0.05)
        state["stamp"], state["html"] = 2, "<p>two &amp; more</p>"
        bell.ring("ROOM42")  # wakes the stream at once, long before its poll
        await asyncio.sleep(0.05)
        state["stamp"] = 3  # changed, but renders the same: nothing sent
        bell.ring("ROOM42")
        await asyncio.sleep(0.05)
        state["stop"] = True
        bell.ring("ROOM42")
        await asyncio.wait_for(task, 1)
        assert bell.listeners("ROOM42") == 0
        return sent

    sent = asyncio.run(play())
    assert sent[0].startswith("retry: ")
    data = [s for s in sent if s.startswith("data: ")]
    assert len(data) == 2 and '"html":"<p>one</p>"' in data[0] and "two &amp; more" in data[1]
    assert all(s.endswith("\n\n") and s.count("\n") == 2 for s in data), "one line of JSON per event"


def test_the_stream_says_when_the_room_is_gone():
    async def play() -> list[str]:
        async def stamp():
            return None

        async def render():
            return ""

        return [chunk async for chunk in events(Bell(), "GONE42", stamp, render, lambda: False)]

    assert asyncio.run(play())[-1] == "event: gone\ndata: \n\n"


def test_an_answer_in_a_room_rings_its_bell(trainer, new_person):
    app = trainer.client.app
    workshop = app.state.workshop
    code = make_room(trainer)
    group = new_person()
    join(group, code, "Nord")
    rung: list[str] = []
    workshop.site.room_changed = rung.append
    group.get("/")
    first = group.begin()
    group.post(first, {"answer": "dont_know"})
    assert rung and set(rung) == {code}


def test_the_join_address_is_one_the_groups_can_reach(trainer, monkeypatch):
    from assistant.web import room

    app = trainer.client.app
    code = make_room(trainer)
    token = re.search(rf"/room/{code}/t/([\w-]+)", trainer.get(f"/room/{code}/trainer").text).group(1)
    # the server listens on the network, and the trainer opened it on this computer: this computer's address
    monkeypatch.setattr(room, "lan_address", lambda: "192.168.1.20")
    app.state.bound = ("0.0.0.0", 8000)
    local = Browser(TestClient(app, base_url="http://127.0.0.1:8000"))
    local.get(f"/room/{code}/t/{token}")
    page = local.get(f"/room/{code}/trainer").text
    assert f"http://192.168.1.20:8000/join?code={code}" in page and "local-only" not in page
    # the server listens on this computer only: the trainer is told how to open it to the room
    app.state.bound = ("127.0.0.1", 8000)
    page = local.get(f"/room/{code}/trainer").text
    assert f"http://127.0.0.1:8000/join?code={code}" in page
    assert 'class="warning local-only"' in page and "samarbeid serve --host 0.0.0.0" in page
    # from another computer, the address it used
    app.state.bound = ("0.0.0.0", 8000)
    remote = Browser(TestClient(app, base_url="http://10.0.0.5:8000"))
    remote.get(f"/room/{code}/t/{token}")
    assert f"http://10.0.0.5:8000/join?code={code}" in remote.get(f"/room/{code}/trainer").text
