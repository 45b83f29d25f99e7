"""The browser in nynorsk (issue 22): the first visit's language from Accept-Language, the switch among the
three languages, a walk from the start to the result with no bokmål or English left on a page, and a
workshop room where each group keeps its own language and the projector the trainer's.

What "left" means: a phrase of bokmål (or English) that differs from its nynorsk, from the catalogues and
the rule base, found on a page in nynorsk. The report's quotations («…»), the titles of documents, names,
numbers and the sentences check's SAME_AS_BOKMAL keeps alike are not phrases of another language.
"""

from __future__ import annotations

import re

import pytest

from assistant.web.pages import preferred_language
from tests.leaks import leaks as _leaks
from tests.web.conftest import Browser
from tests.web.test_room import join, make_room
from tests.web.test_room import trainer as trainer  # a fixture


@pytest.mark.parametrize(("header", "lang"), [
    ("nn", "nn"), ("nn-NO", "nn"), ("nn-NO,nn;q=0.9,nb;q=0.8,en;q=0.5", "nn"), ("nb-NO,nb;q=0.9", "nb"),
    ("no", "nb"), ("en-GB,en;q=0.9,nn;q=0.8", "en"), ("en;q=0.5, nn;q=0.8", "nn"), ("de-DE,de;q=0.9,nn;q=0.2", "nn"),
    ("nn;q=0, en", "en"), ("en;q=0.8, nb;q=0.8", "en"), ("de", None), ("", None), ("*", None),
    ("nn;q=high, nonsense;;, en", "en"), ("x" * 5000, None),
])
def test_the_browsers_language_is_read_with_its_weights(header, lang):
    assert preferred_language(header) == lang


@pytest.mark.parametrize(("header", "lang"), [("nn-NO,nn;q=0.9", "nn"), ("no", "nb"), ("en-US,en", "en"),
                                              ("de-DE", "nb"), (None, "nb")])
def test_a_first_visit_speaks_the_browsers_language(person, header, lang):
    if header is not None:
        person.client.headers["accept-language"] = header
    page = person.get("/")
    assert f'<html lang="{lang}">' in page.text


def test_a_chosen_language_wins_over_the_browsers(person):
    person.client.headers["accept-language"] = "nn"
    person.get("/")
    person.post("/lang", {"lang": "en", "next": "/"})
    assert '<html lang="en">' in person.get("/").text, "a browser without a session keeps its choice (a cookie)"
    first = person.begin()
    assert '<html lang="en">' in person.get(first).text, "and its session speaks it"


def test_the_language_switch_lists_the_three_by_their_own_names(person):
    person.client.headers["accept-language"] = "nn"
    first = person.begin()
    page = person.get(first).text
    switch = re.search(r'<form class="lang-switch".*?</form>', page, re.S)
    assert switch
    assert 'aria-label="Språk"' in switch.group(0)
    assert re.search(r'<span class="lang-current" lang="nn" aria-current="true">Nynorsk</span>', switch.group(0))
    buttons = re.findall(r'<button type="submit" name="lang" value="(\w+)" class="link-button" lang="\1">([^<]+)<',
                         switch.group(0))
    assert buttons == [("nb", "Bokmål"), ("en", "English")]
    assert f'name="next" value="{first}"' in switch.group(0)
    moved = person.post("/lang", {"lang": "nb", "next": first})
    assert moved.headers["location"] == first
    assert '<html lang="nb">' in person.get(first).text and "Spørsmål 2 av" in person.get(first).text
    assert person.post("/lang", {"lang": "xx", "next": first}).headers["location"] == first
    assert '<html lang="nb">' in person.get(first).text, "a language the program does not speak changes nothing"


# ------------------------------------------------------------ no bokmål or English left
def _walk(person: Browser, header: str) -> dict[str, str]:
    """A first visit with `header` as its Accept-Language, through every question (each answered with its
    first option) to the result, the review and the report: each page's HTML by its path."""
    person.client.headers["accept-language"] = header
    pages = {"/": person.get("/").text}
    where = person.begin("entrepreneur")
    for _ in range(80):
        if not where.startswith("/q/"):
            break
        page = person.get(where)
        pages[where] = page.text
        options = re.findall(r'name="answer" id="[^"]+" value="([^"]+)"', page.text)
        where = person.post(where, {"answer": options[0]}).headers["location"]
    assert where == "/result"
    for path in ("/result", "/review", "/download/report.html"):
        pages[path] = person.get(path).text
    return pages


def test_the_way_to_the_result_in_nynorsk_has_no_bokmal_or_english_left(person, rule_base):
    pages = _walk(person, "nn-NO,nn;q=0.9,nb;q=0.8")
    assert len(pages) > 20
    leaks = {path: found for path, page in pages.items() if (found := _leaks(page, rule_base))}
    assert leaks == {}
    for path, page in pages.items():
        assert '<html lang="nn">' in page, path
    assert "Kvifor" in pages["/result"] and "Gjer dette først" in pages["/result"]


def test_the_same_way_in_bokmal_is_found_out(new_person, rule_base):
    """The walk above can fail: in bokmål, every page holds bokmål phrases that differ from nynorsk."""
    pages = _walk(new_person(), "nb")
    assert all(_leaks(page, rule_base) for page in pages.values())


def test_the_leak_finder_finds_bokmal_and_english(rule_base):
    """The check above can fail: bokmål and English words on a page in nynorsk are found, nynorsk is not."""
    role = rule_base.questions.questions[0].text
    assert _leaks(f"<p>{role('nb')}</p>", rule_base)
    assert _leaks(f'<button aria-label="{role("en")}">x</button>', rule_base)
    risk = rule_base.risks[0].name
    assert risk("nb") != risk("nn") and _leaks(f"<p>Gjeld risikoen {risk('nb').lower()}.</p>", rule_base)
    assert _leaks(f"<p>{role('nn')}</p>", rule_base) == []
    assert _leaks("<p>«Prosjektenes evige forbannelse»</p>", rule_base) == []


# ------------------------------------------------------------ the workshop room
def test_each_group_keeps_its_language_and_the_projector_the_trainers(trainer: Browser, new_person, store, rule_base):
    code = make_room(trainer, "en")
    north, south = new_person(), new_person()
    assert join(north, code, "Nord").status_code == 303
    assert join(south, code, "Sør").status_code == 303
    assert '<html lang="en">' in north.get("/").text, "a group starts in the room's language"
    north.post("/lang", {"lang": "nn", "next": "/"})  # and each group picks its own
    south.post("/lang", {"lang": "nb", "next": "/"})
    north_first, south_first = north.begin("entrepreneur"), south.begin("entrepreneur")
    assert '<html lang="nn">' in north.get(north_first).text
    assert '<html lang="nb">' in south.get(south_first).text
    north.answer_all(north_first)
    result = north.get("/result").text
    assert '<html lang="nn">' in result and _leaks(result, rule_base) == []
    screen = trainer.get(f"/room/{code}/screen").text
    assert '<html lang="en">' in screen and "Nord" in screen and "Sør" in screen
    assert {g.name: g.session.lang for g in store.groups(code)} == {"Nord": "nn", "Sør": "nb"}


def test_a_room_made_in_nynorsk_shows_its_projector_in_nynorsk(trainer: Browser, rule_base):
    trainer.client.headers["accept-language"] = "nn"
    form = trainer.get("/workshop").text
    assert re.findall(r'type="radio" name="lang" id="lang-(\w+)" value="\1"( checked)?>', form) == [
        ("nb", ""), ("nn", " checked"), ("en", "")]
    assert _leaks(form, rule_base) == []
    code = make_room(trainer, "nn")
    pages = {"screen": trainer.get(f"/room/{code}/screen").text,
             "trainer": trainer.get(f"/room/{code}/trainer").text,
             "tour": trainer.get("/tour/1").text}
    group = Browser(trainer.client.__class__(trainer.client.app, raise_server_exceptions=False))
    group.client.headers["accept-language"] = "nn"
    pages["join"] = group.get(f"/join?code={code}").text
    assert join(group, code, "Nord").status_code == 303
    pages["group's start"] = group.get("/").text
    assert trainer.post(f"/room/{code}/quiz", {}).status_code == 303
    pages["the quiz on the projector"] = trainer.get(f"/room/{code}/screen").text
    pages["the quiz for the group"] = group.get("/group").text
    assert trainer.post(f"/room/{code}/close", {"confirm": "yes"}).status_code in (200, 303)
    pages["closed"] = trainer.get(f"/room/{code}/trainer").text
    for name, page in pages.items():
        assert '<html lang="nn">' in page, name
    assert {name: found for name, page in pages.items() if (found := _leaks(page, rule_base))} == {}
