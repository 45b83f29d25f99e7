"""What the people who run the server see (DESIGN.md "Operations"; issue 23, point 3, in part):
/internal/isalive, /internal/isready and Prometheus metrics at /internal/metrics, none of which names a
person, an answer, a group or an address."""

from __future__ import annotations

import re

from assistant.store import StoreFailed
from tests.web.conftest import Browser
from tests.web.test_room import join, make_room


def figure(text: str, name: str, **labels: str) -> float:
    """One sample of the metrics' text: `name{labels}` (labels in any order), 0 when it is not there."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        found = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if not found or found.group(1) != name:
            continue
        have = dict(re.findall(r'(\w+)="([^"]*)"', found.group(2) or ""))
        if all(have.get(k) == v for k, v in labels.items()):
            return float(found.group(3))
    return 0.0


def metrics(person: Browser) -> str:
    page = person.get("/internal/metrics")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/plain")
    return page.text


def test_alive_and_ready_while_the_database_answers_and_not_ready_once_it_does_not(person, store):
    assert (person.get("/internal/isalive").status_code, person.get("/internal/isready").status_code) == (200, 200)
    store.close()  # the database gone from under the server (a vanished file, a broken disk)
    assert person.get("/internal/isready").status_code == 503
    assert person.get("/internal/isalive").status_code == 200


def test_an_interview_is_counted_by_its_routes_and_names_no_answer(person):
    first = person.begin("entrepreneur")
    result = person.answer_all(first)
    assert person.get(result).status_code == 200
    text = metrics(person)
    assert figure(text, "samarbeid_interviews_begun_total") == 1
    assert figure(text, "samarbeid_results_shown_total") == 1
    asked = figure(text, "samarbeid_http_requests_total", method="GET", route="/q/{qid}", status="200")
    answered = figure(text, "samarbeid_http_requests_total", method="POST", route="/q/{qid}", status="303")
    assert asked >= 15 and answered >= 15  # every question shown and answered, under the route's pattern
    assert figure(text, "samarbeid_http_request_seconds_count", route="/q/{qid}") >= asked + answered
    assert figure(text, "samarbeid_http_request_seconds_bucket", route="/q/{qid}", le="+Inf") >= asked + answered
    # no question, option, session or address in what an operator reads
    assert first[3:] not in text and "entrepreneur" not in text and "127.0.0.1" not in text
    assert person.client.cookies.get("samarbeid_session") not in text


def test_a_made_up_address_is_counted_as_unmatched_not_by_its_path(person):
    assert person.get("/q-nothing/made-up-by-a-visitor").status_code == 404
    text = metrics(person)
    assert figure(text, "samarbeid_http_requests_total", method="GET", route="unmatched", status="404") == 1
    assert "made-up-by-a-visitor" not in text


def test_rooms_open_are_counted_and_a_room_names_neither_its_code_nor_its_groups(person, new_person):
    assert figure(metrics(person), "samarbeid_rooms_open") == 0
    trainer = new_person()
    code = make_room(trainer)
    assert join(new_person(), code, "Nord").status_code == 303
    text = metrics(person)
    assert figure(text, "samarbeid_rooms_open") == 1
    assert code not in text and "Nord" not in text
    assert trainer.post(f"/room/{code}/close", {"confirm": "yes"}).status_code == 303
    assert figure(metrics(person), "samarbeid_rooms_open") == 0


def test_a_request_the_database_cannot_serve_is_counted(person, store, monkeypatch):
    first = person.begin("entrepreneur")

    def full(*args, **kwargs):
        raise StoreFailed("full", store.path, "No space left on device")

    monkeypatch.setattr(store, "change", full)
    assert person.post(first, {"answer": "dont_know"}).status_code == 503
    text = metrics(person)
    assert figure(text, "samarbeid_database_errors_total") == 1
    assert figure(text, "samarbeid_http_requests_total", method="POST", route="/q/{qid}", status="503") == 1
