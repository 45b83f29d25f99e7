"""What the people who run the server see (DESIGN.md "Operations"; issue 23, point 3, in part):
/internal/isalive, /internal/isready and Prometheus metrics at /internal/metrics, none of which names a
person, an answer, a group or an address."""

from __future__ import annotations

import json
import logging
import re

import pytest

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


def test_no_request_log_unless_asked_for(person, caplog):
    caplog.set_level(logging.WARNING)
    person.begin("entrepreneur")
    assert [r for r in caplog.records if r.name == "samarbeid.requests"] == []


def test_the_request_log_is_one_json_line_a_request_naming_no_one(person, caplog):
    caplog.set_level(logging.INFO, logger="samarbeid.requests")
    first = person.begin("entrepreneur")
    person.post(first, {"answer": "dont_know"})
    person.get("/q-nothing/made-up")
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "samarbeid.requests"]
    assert [(line["method"], line["route"], line["status"]) for line in lines] == [
        ("GET", "/", 200), ("POST", "/start", 303), ("POST", "/q/{qid}", 303), ("GET", "unmatched", 404)]
    assert all(set(line) == {"method", "route", "status", "ms"} and line["ms"] >= 0 for line in lines)
    said = "\n".join(r.getMessage() for r in caplog.records)
    assert first[3:] not in said and "made-up" not in said and "127.0.0.1" not in said and "testclient" not in said


@pytest.mark.xdist_group("serve-process")
def test_the_server_writes_the_request_log_when_the_environment_asks(tmp_path):
    from tests.web.test_http_server import Server

    server = Server(tmp_path, env={"SAMARBEID_REQUEST_LOG": "json"})
    try:
        import httpx2

        with httpx2.Client(base_url=server.base, timeout=10) as client:
            assert client.get("/internal/isalive").status_code == 200
            assert client.get("/").status_code == 200
    finally:
        code, _, err = server.stop()
    assert code == 0, err
    logged = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [(line["route"], line["status"]) for line in logged] == [("/internal/isalive", 200), ("/", 200)]
    assert "127.0.0.1" not in "".join(line for line in err.splitlines() if line.startswith("{"))
