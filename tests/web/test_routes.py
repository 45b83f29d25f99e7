"""The browser's pages at the HTTP level: the way to a result, back and review, and every guard.

Each test is a person (or two) with a person of their own; what they see is the HTML
the server sends, what is kept is read back from the store.
"""

from __future__ import annotations

import json
import logging
import re
import shutil

import pytest
from starlette.testclient import TestClient

from assistant.loading import load_rule_base
from assistant.store import answers_from_json
from assistant.web.app import CSP, create_app
from assistant.web.assets import shipped
from assistant.web.pages import COOKIE, FORM_COOKIE
from tests.conftest import ROOT, run_cli
from tests.web.conftest import Browser, csrf_of, options_of


def stored(store, person: Browser, rule_base) -> dict:
    session = store.session(person.client.cookies[COOKIE])
    assert session is not None
    return answers_from_json(session.answers, rule_base.questions)


# ------------------------------------------------------------ the way through
def test_a_person_answers_through_to_the_result(person, rule_base, engine, store, tmp_path):
    first = person.begin("nav_leader_state")
    assert first.startswith("/q/")
    page = person.get(first)
    assert "Spørsmål 2 av" in page.text and "<legend" in page.text and "<h1>" in page.text
    end = person.answer_all(first)
    assert end == "/result"
    assert person.get("/continue").headers["location"] == "/result", "a finished session opens on its result"
    result_page = person.get("/result")
    assert result_page.status_code == 200
    answers = stored(store, person, rule_base)
    expected = engine.evaluate(answers)
    assert f'data-form="{expected.form or ""}"' in result_page.text
    assert '<svg class="matrix-drawing matrix-wide"' in result_page.text
    # the answers downloaded are an answers file `decide` reads, and it gives the same form
    download = person.get("/download/answers.yaml")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/yaml")
    assert re.search(r'attachment; filename="samarbeid-[a-z0-9-]+\.yaml"', download.headers["content-disposition"])
    saved = tmp_path / "answers.yaml"
    saved.write_text(download.text, encoding="utf-8")
    decided = run_cli("decide", str(saved), "--format", "json")
    assert decided.returncode == 0, decided.stderr
    assert json.loads(decided.stdout)["form"] == expected.form


def test_the_page_after_an_answer_takes_the_answers_the_answer_kept(person, app, store, rule_base, monkeypatch):
    """An answer keeps the answers it wrote, by the row's text, for the page the browser is sent to next: what
    reading that text gives (every answer, "don't know" and several options too), so that page reads none."""
    import assistant.web.pages as pages

    site = next(route.endpoint.__self__ for route in app.routes if getattr(route, "path", "") == "/q/{qid}")
    read: list[str] = []
    reading = pages.answers_from_json
    monkeypatch.setattr(pages, "answers_from_json", lambda text, known: read.append(text) or reading(text, known))
    where = person.begin("trainer")
    person.get(where)
    for turn in range(12):
        options = options_of(person.get(where).text)
        chosen = ["dont_know"] if turn % 3 == 2 else options[:2] if site.questions[where[3:]].kind == "multi" \
            else options[:1]
        moved = person.client.post(where, data={"csrf": person.token, "answer": chosen}, follow_redirects=False)
        assert moved.status_code == 303
        where = moved.headers["location"]
        read.clear()
        if not where.startswith("/q/"):
            break
        assert person.get(where).status_code == 200
        assert read == [], "the page after an answer read the answers again"
        kept = store.session(person.client.cookies[COOKIE])
        assert site.answers(kept.answers) == reading(kept.answers, rule_base.questions)
    assert any(len(chosen) == 2 for chosen in stored(store, person, rule_base).values()), "a multi was answered"


@pytest.mark.parametrize(("name", "kind", "starts"), [
    ("report.html", "text/html", "<!DOCTYPE html>"), ("report.md", "text/markdown", "# "),
    ("report.json", "application/json", "{"),
])
def test_the_result_downloads_in_each_format(person, name, kind, starts):
    person.answer_all(person.begin())
    download = person.get(f"/download/{name}")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith(kind)
    assert download.text.startswith(starts)
    assert "attachment" in download.headers["content-disposition"]


def test_back_keeps_the_answers_and_review_changes_one(person, store, rule_base):
    first = person.begin()
    second = person.post(first, {"answer": options_of(person.get(first).text)[1]}).headers["location"]
    third = person.post(second, {"answer": options_of(person.get(second).text)[0]}).headers["location"]
    page = person.get(third)
    back = re.search(r'class="back-link" href="([^"]+)"', page.text).group(1)
    assert back == second
    again = person.get(second)
    chosen = re.findall(r'value="([^"]+)" checked', again.text)
    assert chosen == [options_of(again.text)[0]], "going back shows the answer given"
    before = stored(store, person, rule_base)
    review = person.get("/review")
    assert review.status_code == 200
    first_q = first[3:]
    assert f'href="/q/{first_q}?from=review"' in review.text
    # change the first answer from review: the answer goes back to review, the others stay
    edit = person.get(f"/q/{first_q}?from=review")
    assert 'name="from" value="review"' in edit.text
    new_choice = options_of(edit.text)[2]
    moved = person.post(f"/q/{first_q}", {"answer": new_choice, "from": "review"})
    assert moved.headers["location"] == "/review"
    after = stored(store, person, rule_base)
    assert after[first_q] == (new_choice,)
    assert {k: v for k, v in after.items() if k != first_q} == {k: v for k, v in before.items() if k != first_q}


def test_no_choice_is_asked_again_with_the_reason_announced(person):
    first = person.begin()
    person.get(first)
    moved = person.post(first, {})
    assert moved.status_code == 303 and moved.headers["location"].startswith(f"{first}?error=pick_one")
    page = person.get(moved.headers["location"].split("#")[0])
    assert 'role="alert"' in page.text
    assert "Velg minst ett svar" in page.text


def test_several_answers_to_a_single_choice_question_are_refused(person, store, rule_base):
    first = person.begin()
    options = options_of(person.get(first).text)
    moved = person.post(first, {"answer": options[:2]})
    assert "error=one_only" in moved.headers["location"]
    assert first[3:] not in stored(store, person, rule_base)


def test_a_page_left_open_for_a_question_no_longer_asked_changes_nothing(person, store, rule_base):
    person.begin("nav_leader_state")
    before = stored(store, person, rule_base)
    not_asked = next(q for q in rule_base.questions.questions if q.asked_of == ["entrepreneur"])
    moved = person.post(f"/q/{not_asked.id}", {"answer": not_asked.options[0].id})
    assert moved.status_code == 303 and "error" not in moved.headers["location"]
    assert person.get(f"/q/{not_asked.id}").status_code == 303, "a Nav leader is not shown the entrepreneur's question"
    assert stored(store, person, rule_base) == before


def test_the_language_switch_keeps_the_place(person):
    first = person.begin()
    person.get(first)
    moved = person.post("/lang", {"lang": "en", "next": first})
    assert moved.headers["location"] == first
    page = person.get(first)
    assert '<html lang="en">' in page.text and "Question 2 of" in page.text
    elsewhere = person.post("/lang", {"lang": "nb", "next": "//example.org/"})
    assert elsewhere.headers["location"] == "/", "the switch never sends anyone to another site"


# ------------------------------------------------------------ guards
def test_every_response_carries_the_security_headers_and_the_cookie_its_flags(person):
    page = person.get("/")
    assert page.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store"
    begun = person.post("/start", {"role": "entrepreneur"})  # the session's cookie comes with the first POST
    for cookie in (page.headers["set-cookie"], begun.headers["set-cookie"]):  # the form token's, the session's
        assert cookie.startswith((f"{FORM_COOKIE}=", f"{COOKIE}="))
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"httponly", "path=/", "samesite=lax"} <= flags
    assert begun.headers["set-cookie"].startswith(f"{COOKIE}=")
    for path in ("/static/web.css", "/static/web.js", "/static/report.css", "/nowhere"):
        other = person.get(path)
        assert other.headers["content-security-policy"] == CSP, path
        assert other.headers["x-content-type-options"] == "nosniff", path
    assert "<script>" not in page.text.replace(f'<script src="{shipped().url("web.js")}" defer></script>', "")
    assert " style=" not in page.text


def test_a_post_without_the_right_token_is_refused_and_changes_nothing(person, store, rule_base):
    first = person.begin()
    before = stored(store, person, rule_base)
    person.get(first)
    option = options_of(person.get(first).text)[0]
    for token in ("wrong", ""):
        refused = person.client.post(first, data={"csrf": token, "answer": option}, follow_redirects=False)
        assert refused.status_code == 403
        assert "Skjemaet kunne ikke sendes" in refused.text
    refused = person.client.post(first, data={"answer": option}, follow_redirects=False)
    assert refused.status_code == 403
    assert stored(store, person, rule_base) == before


def test_a_post_from_a_browser_without_a_session_is_refused(app, store):
    with TestClient(app, raise_server_exceptions=False) as stranger:
        refused = stranger.post("/start", data={"csrf": "x" * 43, "role": "entrepreneur"}, follow_redirects=False)
    assert refused.status_code == 403
    assert f"{COOKIE}=" not in refused.headers.get("set-cookie", ""), "no session is begun"
    assert store.count() == 0


def test_an_unknown_session_id_gets_a_fresh_session_and_never_another_persons(person, new_person, store, rule_base):
    person.answer_all(person.begin())
    theirs = person.client.cookies[COOKIE]
    stranger = new_person()
    made_up = "A" * 43
    stranger.client.cookies.set(COOKIE, made_up)
    page = stranger.get("/")
    assert "Fortsett der du slapp" not in page.text, "a browser without a known session has no answers"
    assert stranger.get("/result").status_code == 303
    begun = stranger.post("/start", {"role": "trainer"})
    given = begun.headers["set-cookie"].split(";")[0].split("=", 1)[1]
    assert begun.headers["set-cookie"].startswith(f"{COOKIE}=") and given not in (made_up, theirs)
    assert store.session(made_up) is None
    # a near miss of a real id is no better
    stranger.client.cookies.clear()
    stranger.client.cookies.set(COOKIE, theirs[:-1] + ("B" if theirs[-1] != "B" else "C"))
    assert "Fortsett der du slapp" not in stranger.get("/").text


def test_two_people_at_once_never_see_each_others_answers(person, new_person, store, rule_base):
    other = new_person()
    mine, theirs = person.begin("entrepreneur"), other.begin("nav_leader_state")
    person.post(mine, {"answer": options_of(person.get(mine).text)[0]})
    other.post(theirs, {"answer": "dont_know"})
    assert stored(store, person, rule_base)["role"] == ("entrepreneur",)
    assert stored(store, other, rule_base)["role"] == ("nav_leader_state",)
    assert stored(store, other, rule_base)[theirs[3:]] == ("dont_know",)
    assert person.client.cookies[COOKIE] != other.client.cookies[COOKIE]


def test_an_oversized_body_is_refused_with_413(person):
    first = person.begin()
    person.get(first)
    big = person.post(first, {"answer": "x" * 70_000})
    assert big.status_code == 413
    assert "for stort" in big.text and "64 KiB" in big.text
    chunked = person.client.post(first, content=iter([b"csrf=" + person.token.encode() + b"&answer=",
                                                       b"x" * 70_000]),
                                  headers={"content-type": "application/x-www-form-urlencoded"},
                                  follow_redirects=False)
    assert chunked.status_code == 413
    upload = person.post("/upload", {}, files={"file": ("big.yaml", b"# " + b"x" * 300_000, "application/yaml")})
    assert upload.status_code == 413 and "256 KiB" in upload.text


def test_a_bad_upload_is_named_with_its_line_and_nothing_is_stored(person, store, rule_base):
    first = person.begin()
    person.post(first, {"answer": options_of(person.get(first).text)[0]})
    before = stored(store, person, rule_base)
    person.get("/")
    bad = b"role: entrepreneur\ntask_defined: specificaton\n"
    refused = person.post("/upload", {}, files={"file": ("../mine.yaml", bad, "application/yaml")})
    assert refused.status_code == 400
    assert 'role="alert"' in refused.text
    assert "mine.yaml:2:15" in refused.text and "specificaton" in refused.text
    assert "did you mean" in refused.text and "../" not in refused.text
    assert stored(store, person, rule_base) == before
    for data, words in [(b"role: [a\n", "YAML syntax error"), (b"\xff\xfe", "not UTF-8"),
                        (b"a: &x 1\nb: *x\n", "aliases"), (b"role: !!python/object:os.system 1\n", "mine.yaml:1")]:
        refused = person.post("/upload", {}, files={"file": ("mine.yaml", data, "application/yaml")})
        assert refused.status_code == 400, data
        assert words in refused.text, data
    nothing = person.post("/upload", {})
    assert nothing.status_code == 400 and "Velg en fil" in nothing.text
    assert stored(store, person, rule_base) == before


def test_an_uploaded_answers_file_continues_where_it_ends(person, store, rule_base):
    person.get("/")
    data = (ROOT / "examples" / "supplier.yaml").read_bytes()
    moved = person.post("/upload", {}, files={"file": ("supplier.yaml", data, "application/yaml")})
    assert moved.status_code == 303
    answers = stored(store, person, rule_base)
    assert answers["role"] and len(answers) > 10
    assert person.get(moved.headers["location"]).status_code == 200


def test_an_uploaded_file_with_older_answers_says_so_on_the_review(person, store, rule_base):
    person.get("/")
    data = b"role: entrepreneur\nemploys: yes_wage_subsidy\nnav_line: both\n"
    moved = person.post("/upload", {}, files={"file": ("old.yaml", data, "application/yaml")})
    assert moved.status_code == 303 and moved.headers["location"] == "/review?carried=1"
    answers = stored(store, person, rule_base)
    assert answers["employs"] == ("from_start",) and answers["money_flow"] == ("wage_subsidy",)
    page = person.get(moved.headers["location"])
    assert page.status_code == 200 and "Noen svar i fila er fra en eldre versjon av spørsmålene" in page.text


def test_text_from_the_rule_base_and_from_a_file_is_shown_escaped(tmp_path, engine, store, rule_base):
    hostile = "<script>alert('x')</script>"
    questions = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    label = rule_base.questions.questions[1].options[0].label.nb
    assert questions.count(label) >= 1
    (tmp_path / "questions.yaml").write_text(questions.replace(label, hostile, 1), encoding="utf-8")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    hostile_rb = load_rule_base(tmp_path / "questions.yaml", tmp_path / "rules")
    from assistant.engine import Engine

    app = create_app(hostile_rb, Engine(hostile_rb), store)
    with TestClient(app, raise_server_exceptions=False) as client:
        person = Browser(client)
        first = person.begin()
        page = person.get(first)
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
        assert hostile not in page.text
        session = f"role: entrepreneur\nmeta: {{lang: nb, group: \"{hostile}\"}}\n".encode()
        person.get("/")
        person.post("/upload", {}, files={"file": ("s.yaml", session, "application/yaml")})
        result = person.get("/result")
        assert "&lt;script&gt;" in result.text and hostile not in result.text


class BrokenEngine:
    def evaluate(self, answers):
        raise RuntimeError("the engine broke")


def test_a_server_error_shows_a_plain_page_and_is_logged(app, caplog, monkeypatch):
    with TestClient(app, raise_server_exceptions=False) as client:
        person = Browser(client)
        assert person.answer_all(person.begin()) == "/result"
        monkeypatch.setattr(app.state.results, "engine", BrokenEngine())  # what makes this app's result pages
        with caplog.at_level(logging.ERROR, logger="samarbeid.web"):
            page = person.get("/result")
    assert page.status_code == 500, (page.url, page.text[:300])
    assert "Noe gikk galt" in page.text
    assert "Traceback" not in page.text and "the engine broke" not in page.text
    assert page.headers["content-security-policy"] == CSP
    assert any("the engine broke" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_unknown_pages_and_methods_get_plain_pages(person):
    assert person.get("/nowhere").status_code == 404
    assert person.get("/q/no_such_question").status_code == 404
    assert person.get("/download/secrets.txt").status_code == 404
    wrong = person.client.put("/start")
    assert wrong.status_code == 405 and "<h1>" in wrong.text and wrong.headers["allow"] == "POST"


# ------------------------------------------------------------ the store under the pages
def test_a_restarted_server_continues_the_same_browser(rule_base, engine, tmp_path):
    from assistant.store import SqliteStore

    path = tmp_path / "web.sqlite3"
    first_store = SqliteStore(path)
    with TestClient(create_app(rule_base, engine, first_store), raise_server_exceptions=False) as client:
        person = Browser(client)
        where = person.begin()
        for _ in range(3):
            where = person.post(where, {"answer": options_of(person.get(where).text)[0]}).headers["location"]
        cookie = client.cookies[COOKIE]
    first_store.close()  # the first server is gone
    second_store = SqliteStore(path)
    with TestClient(create_app(rule_base, engine, second_store), raise_server_exceptions=False) as client:
        client.cookies.set(COOKIE, cookie)
        person = Browser(client)
        start = person.get("/")
        assert "Fortsett der du slapp" in start.text and "4 svar" in start.text
        assert person.get("/continue").headers["location"] == where
        page = person.get(where)
        assert page.status_code == 200 and "Spørsmål 5 av" in page.text
        assert csrf_of(page.text)
    second_store.close()


def _status(page: str, qid: str) -> str:
    """The review row's status class for question `qid`."""
    at = page.index(f'href="/q/{qid}?from=review"')
    return page[page.rindex('class="summary-row status-', 0, at):at].split("status-")[1].split('"')[0]


def test_review_marks_the_questions_a_change_made_new_and_answers_no_longer_counted(person, rule_base):
    """Questions a changed answer brings are marked new on review until the next answer; the mark is noted
    with the answer, so that showing review writes nothing (a GET never writes)."""
    person.begin("entrepreneur")
    person.post("/q/task_defined", {"answer": "specification"})
    person.post("/q/goal", {"answer": "deliver_service"})
    review = person.get("/review").text
    assert "status-new" not in review
    person.post("/q/goal", {"answer": "new_solution", "from": "review"})  # brings ownership, plan_to_line
    review = person.get("/review").text
    assert _status(review, "ownership") == _status(review, "plan_to_line") == "new"
    assert person.get("/review").text == review  # showing it again changes nothing
    person.post("/q/ownership", {"answer": "agreed", "from": "review"})
    assert _status(person.get("/review").text, "plan_to_line") == "unanswered"
    # an answer to a question the person's party is no longer asked stays listed, without a change link
    entrepreneur_only = next(q for q in rule_base.questions.questions if q.asked_of == ["entrepreneur"])
    assert person.get(f"/q/{entrepreneur_only.id}").status_code == 200
    person.post(f"/q/{entrepreneur_only.id}", {"answer": entrepreneur_only.options[0].id})
    assert f'href="/q/{entrepreneur_only.id}?from=review"' in person.get("/review").text
    person.post("/q/role", {"answer": "nav_leader_state"})
    review = person.get("/review").text
    assert entrepreneur_only.options[0].label.nb in review
    assert f'href="/q/{entrepreneur_only.id}?from=review"' not in review


def test_two_people_at_the_same_question_get_the_same_page_each_with_their_own_token(person, new_person):
    """A question page is made once and kept for everyone at the same place (issue 21): what differs is
    the form token, and a page never carries another person's (their POST would be refused)."""
    other = new_person()
    mine, theirs = person.begin("entrepreneur"), other.begin("entrepreneur")
    assert mine == theirs
    pages = [person.get(mine).text, other.get(theirs).text, person.get(mine).text]
    tokens = [csrf_of(page) for page in pages]
    assert tokens[0] == tokens[2] != tokens[1]
    assert tokens[1] not in pages[0] and tokens[0] not in pages[1]
    assert pages[0].replace(tokens[0], "T") == pages[1].replace(tokens[1], "T") == pages[2].replace(tokens[0], "T")
    # each can answer from the page it was given, the second person too
    assert other.post(theirs, {"answer": options_of(pages[1])[0]}).status_code == 303
    assert person.post(mine, {"answer": options_of(pages[0])[0]}).status_code == 303


def test_a_kept_page_follows_the_answer_chosen_the_language_and_the_refusal(person):
    first = person.begin("entrepreneur")
    plain = person.get(first).text
    chosen = options_of(plain)[0]
    person.post(first, {"answer": chosen})
    again = person.get(first).text
    assert f'value="{chosen}" checked' in again and f'value="{chosen}" checked' not in plain
    refused = person.get(f"{first}?error=pick_one").text
    assert 'id="answer-error"' in refused and 'id="answer-error"' not in again
    person.post("/lang", {"lang": "en", "next": first})
    english = person.get(first).text
    assert 'lang="en"' in english and 'lang="nb"' in again


def test_a_form_of_more_than_a_thousand_fields_is_refused(person, store, rule_base):
    first = person.begin("entrepreneur")
    crowded = "&".join([f"csrf={person.token}", *(f"f{i}=x" for i in range(1000))])
    refused = person.client.post(first, content=crowded, follow_redirects=False,
                                 headers={"content-type": "application/x-www-form-urlencoded"})
    assert refused.status_code == 400
    assert first[3:] not in stored(store, person, rule_base)
    option = options_of(person.get(first).text)[0]
    assert person.post(first, {"answer": option}).status_code == 303
    assert stored(store, person, rule_base)[first[3:]] == (option,)
