"""The pages: each request reads the browser's session into a Dialogue, applies what the person
did, lets the dialogue keep it (saved to the store), and shows or redirects.

The routes decide nothing: whether a choice is an answer, where "back" or an answer
leads, what review lists and what the result is, all come from `Dialogue` and the
engine; the report's content from the shared report view (render/view.py). Every
form POSTs and is answered with a redirect (303) to a page got with GET, so reloading
or the browser's back button never sends an answer twice.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from assistant import __version__
from assistant.dialogue import AnswerRefused, Dialogue, Step
from assistant.errors import InputError
from assistant.ids import DONT_KNOW, LANGS, Lang
from assistant.safetext import visible
from assistant.store import Store, StoredSession, answers_from_json, answers_json, known_options
from assistant.web.words import known as known_words
from assistant.web.words import say

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.models.result import Result
    from assistant.models.rules import RuleBase

COOKIE = "samarbeid_session"
REFUSALS = {"pick_one": "tui.pick_one", "dont_know_alone": "plain.dont_know_alone", "one_only": "dialogue.one_only",
            "not_an_option": "dialogue.not_an_option"}
"""Why an answer was refused, as the page's address says it (?error=pick_one), and the words for it."""
_REFUSAL_CODE = {key: code for code, key in REFUSALS.items()}
_LOCAL_PATH = re.compile(r"/(?!/)[A-Za-z0-9_./?=&%-]*")
"""Where the language switch may send the person back to: a path on this server, nothing else."""
DOWNLOADS = {"report.html": ("html", "html", "text/html"), "report.md": ("md", "md", "text/markdown"),
             "report.json": ("json", "json", "application/json"), "answers.yaml": ("yaml", "yaml", "application/yaml")}
"""What can be downloaded: the address's name -> (format, file suffix, media type)."""
RESULTS_KEPT = 128
"""Results kept in memory by their answers: the engine takes some 60 ms for one, and the result page
and its four downloads ask for the same."""


def size_words(n: int) -> str:
    return f"{n // 1024} KiB"


@dataclass
class Visit:
    """One request's session: the stored row and the dialogue over its answers."""

    session: StoredSession
    store: Store
    fresh: bool
    """A session begun by this request: the response sets the cookie."""
    state: dict[str, Any] = field(default_factory=dict)
    dialogue: Dialogue | None = None
    changed: Callable[[str], None] | None = None
    """Called with the room's code after a save of a session that answers in a workshop room (the
    room's live pages wake)."""

    @property
    def d(self) -> Dialogue:
        assert self.dialogue is not None
        return self.dialogue

    def keep(self, dialogue: Dialogue) -> None:
        """The dialogue's keeper: saved to the store after every change."""
        self.session = self.store.save(replace(
            self.session, answers=answers_json(dialogue.answers), lang=dialogue.lang, group=dialogue.group,
            state=json.dumps(self.state, ensure_ascii=False, separators=(",", ":"))))
        if self.session.room and self.changed is not None:
            self.changed(self.session.room)


class Site:
    """The interview's pages over one rule base, engine and session store."""

    def __init__(self, rb: RuleBase, engine: Engine, store: Store, *, lang: Lang = "nb", max_body: int = 64 * 1024,
                 max_upload: int = 256 * 1024, keep_days: int = 30) -> None:
        self.rb = rb
        self.engine = engine
        self.store = store
        self.lang: Lang = lang
        self.max_body = max_body
        self.max_upload = max_upload
        self.keep_days = keep_days
        self.questions = {q.id: q for q in rb.questions.questions}
        self.known = known_options(rb.questions)
        self.topics = {t.id: t.name for t in rb.questions.topics}
        self._results: OrderedDict[tuple[tuple[str, tuple[str, ...]], ...], Result] = OrderedDict()
        self._results_lock = threading.Lock()
        self.room_changed: Callable[[str], None] | None = None
        """What a save of a room's session calls (the workshop's bell), when there are rooms."""
        self.banner: Callable[[Visit], dict[str, Any] | None] = lambda visit: None
        """The line every page shows a group in a workshop room (its name, the room, a quiz round to place)."""

    # ------------------------------------------------------------ sessions
    def visit(self, request: Request) -> Visit:
        """The browser's session, or a new one when it has none the store knows.

        An id the store does not know is never taken on: the new session gets a new random id.
        """
        return self.known_visit(request) or self._visit(self.store.new_session(self.lang), fresh=True)

    def known_visit(self, request: Request) -> Visit | None:
        """The browser's session when the store knows it, else None (a POST begins nothing)."""
        sid = request.cookies.get(COOKIE, "")
        session = self.store.session(sid) if sid else None
        return self._visit(session, fresh=False) if session is not None else None

    def _visit(self, session: StoredSession, *, fresh: bool) -> Visit:
        try:
            state = json.loads(session.state)
        except ValueError:
            state = {}
        visit = Visit(session, self.store, fresh, state if isinstance(state, dict) else {}, changed=self.room_changed)
        lang: Lang = "en" if session.lang == "en" else "nb"
        visit.dialogue = Dialogue(self.rb, self.engine, answers=answers_from_json(session.answers, self.known),
                                  lang=lang, group=session.group, keeper=visit.keep)
        return visit

    async def posted(self, request: Request, **limits: Any) -> tuple[Visit, FormData]:
        """A POST's session and form, its CSRF token checked (403 without a session or with a wrong token)."""
        visit = self.known_visit(request)
        form = await request.form(**limits)
        token = form.get("csrf")
        if visit is None or not isinstance(token, str) or not secrets.compare_digest(
                token.encode(), visit.session.csrf.encode()):
            raise HTTPException(403)
        return visit, form

    def finish(self, visit: Visit, response: Response) -> Response:
        if visit.fresh:
            response.set_cookie(COOKIE, visit.session.id, max_age=self.keep_days * 24 * 3600, path="/",
                                httponly=True, samesite="lax")
        return response

    def go(self, visit: Visit, to: str) -> Response:
        return self.finish(visit, RedirectResponse(to, status_code=303))

    # ------------------------------------------------------------ showing
    def page(self, visit: Visit | None, template: str, status: int = 200, **values: Any) -> Response:
        response = HTMLResponse(self.fragment(visit, template, **values), status_code=status)
        return response if visit is None else self.finish(visit, response)

    def fragment(self, visit: Visit | None, template: str, **values: Any) -> str:
        """A template rendered in the session's language, with what every page has: a whole page, or a
        part of one that a live page puts in place (the projector's matrix)."""
        lang: Lang = visit.d.lang if visit else self.lang
        html = _templates().get_template(template).render(
            lang=lang, other=("en" if lang == "nb" else "nb"), w=lambda key, **v: say(key, lang, **v),
            csrf=visit.session.csrf if visit else "", version=__version__, series=self.rb.meta.report.series,
            banner=self.banner(visit) if visit is not None and visit.session.room else None, **values)
        return visible(html)

    def problem_page(self, request: Request, status: int, about: str = "") -> Response:
        """The page for a status (403, 404, 413, 429, 500, ...): in the session's language, no details.
        `about` names a workshop room's own case ("room": no room has the code; "trainer": only the
        trainer's link controls the room)."""
        try:
            visit = self.known_visit(request)
        except Exception:  # an error page must not fail in its turn
            visit = None
        known = status if status in (400, 403, 404, 405, 409, 413, 429, 500) else (500 if status >= 500 else 400)
        limit = self.max_upload if request.url.path == "/upload" else self.max_body
        values = {"limit": size_words(limit)} if status == 413 else {}
        key = f"room.{status}.{about}" if about and known_words(f"room.{status}.{about}.title") else f"web.{known}"
        if about == "room":
            code = request.path_params.get("code", "")
            values["code"] = code if isinstance(code, str) else ""
        return self.page(visit, "problem.html.j2", status=status, key=key, values=values)

    def url(self, step: Step) -> str:
        if step.to == "question" and step.question:
            return f"/q/{step.question}"
        return {"review": "/review", "result": "/result"}.get(step.to, "/")

    def result(self, dialogue: Dialogue) -> Result:
        """The result for the dialogue's answers, evaluated once for every page that shows them."""
        key = tuple(sorted(dialogue.answers.items()))
        with self._results_lock:
            found = self._results.get(key)
            if found is not None:
                self._results.move_to_end(key)
                return found
        result = self.engine.evaluate(dict(dialogue.answers))
        with self._results_lock:
            self._results[key] = result
            while len(self._results) > RESULTS_KEPT:
                self._results.popitem(last=False)
        return result

    # ------------------------------------------------------------ the start
    async def start(self, request: Request) -> Response:
        visit = self.visit(request)
        return self.start_page(visit, error=request.query_params.get("error") == "role")

    def start_page(self, visit: Visit, *, error: bool = False, problems: list[Any] | None = None,
                   status: int = 200) -> Response:
        d = visit.d
        lang = d.lang
        roles = [(o.id, o.label(lang), o.explain(lang) if o.explain else "") for o in self.rb.role_options]
        return self.page(visit, "start.html.j2", status=status, roles=roles, role=d.role, answered=len(d.answers),
                         report=self.rb.meta.report, keep_days=self.keep_days, role_error=error,
                         problems=problems or [], upload_limit=size_words(self.max_upload))

    async def begin(self, request: Request) -> Response:
        visit, form = await self.posted(request)
        role = form.get("role")
        if role not in {o.id for o in self.rb.role_options}:
            return self.go(visit, "/?error=role")
        assert isinstance(role, str)
        visit.state = {}
        group = visit.session.group if visit.session.room else None  # a group in a room stays that group
        visit.dialogue = Dialogue.begin(self.rb, self.engine, role, lang=visit.d.lang, group=group, keeper=visit.keep)
        return self.go(visit, self.url(visit.d.first_step()))

    async def upload(self, request: Request) -> Response:
        from assistant.web.uploads import read_upload

        visit, form = await self.posted(request, max_files=1, max_fields=8)
        chosen = form.get("file")
        if not isinstance(chosen, UploadFile) or not chosen.filename:
            return self.start_page(visit, problems=[say("web.upload_none", visit.d.lang)], status=400)
        data = await chosen.read(self.max_upload + 1)
        if len(data) > self.max_upload:
            raise HTTPException(413)
        try:
            uploaded = read_upload(data, chosen.filename, self.rb)
        except InputError as err:
            return self.start_page(visit, problems=err.problems, status=400)
        from assistant.sessions import group_of

        saved_lang = uploaded.meta.get("lang")
        lang: Lang = saved_lang if saved_lang in LANGS else visit.d.lang
        visit.state = {}
        group = visit.session.group if visit.session.room else group_of(uploaded.meta)  # a room's group keeps its name
        visit.dialogue = Dialogue(self.rb, self.engine, answers=uploaded.answers, lang=lang, group=group,
                                  keeper=visit.keep)
        visit.d.keep()
        if uploaded.carried:  # answers in an older form: show what they became before going on
            return self.go(visit, "/review?carried=1")
        return self.go(visit, self.url(visit.d.first_step()))

    async def language(self, request: Request) -> Response:
        visit, form = await self.posted(request)
        lang = form.get("lang")
        if lang in LANGS:
            visit.d.set_language("en" if lang == "en" else "nb")
        back = form.get("next")
        return self.go(visit, back if isinstance(back, str) and _LOCAL_PATH.fullmatch(back) else "/")

    # ------------------------------------------------------------ a question
    async def question(self, request: Request) -> Response:
        qid = request.path_params["qid"]
        if qid not in self.questions:
            raise HTTPException(404)
        visit = self.visit(request)
        d = visit.d
        if not d.answers:
            return self.go(visit, "/")
        if qid not in d.asked():
            return self.go(visit, self.url(d.carry_on()))
        editing = request.query_params.get("from") == "review"
        refused = REFUSALS.get(request.query_params.get("error", ""))
        lang = d.lang
        q = d.question(qid)
        n, total = d.progress(qid)
        current = d.answers.get(qid, ())
        voice = d.voice
        options = [(o.id, o.label(lang, voice), o.explain(lang, voice) if o.explain else "") for o in q.options]
        name = self.topics.get(q.topic)
        text = d.question_text(qid)
        hint = say("web.multi_hint", lang)
        return self.page(
            visit, "question.html.j2", qid=qid, text=text, multi=q.kind == "multi",
            multi_hint="" if hint.lower().rstrip(".") in text.lower() else hint,  # the question may say it
            topic=name(lang) if name else "", n=n, total=total, options=options,
            dont_know=(DONT_KNOW, say("dont_know", lang)), current=current, help=q.help(lang, voice),
            sources=", ".join(q.source), editing=editing, error=say(refused, lang) if refused else "",
            back="/review" if editing else self.url(d.back(qid)))

    async def answer(self, request: Request) -> Response:
        qid = request.path_params["qid"]
        if qid not in self.questions:
            raise HTTPException(404)
        visit, form = await self.posted(request)
        d = visit.d
        editing = form.get("from") == "review"
        chosen = [c for c in form.getlist("answer") if isinstance(c, str)]
        try:
            if editing:
                d.edit(qid)
            step = d.answer(qid, chosen)
        except AnswerRefused as refused:
            if refused.reason == "dialogue.not_asked":  # a page left open from before: go on from where it is
                return self.go(visit, self.url(d.carry_on()) if d.answers else "/")
            code = _REFUSAL_CODE.get(refused.reason, "pick_one")
            return self.go(visit, f"/q/{qid}?error={code}" + ("&from=review" if editing else ""))
        return self.go(visit, self.url(step))

    async def resume(self, request: Request) -> Response:
        """The start's "continue": where the session opens (its first open question, else the result)."""
        visit = self.visit(request)
        return self.go(visit, self.url(visit.d.first_step()) if visit.d.answers else "/")

    async def carry_on(self, request: Request) -> Response:
        """Review's "go on with the questions": the next open question, else the last one asked."""
        visit = self.visit(request)
        return self.go(visit, self.url(visit.d.carry_on()) if visit.d.answers else "/")

    # ------------------------------------------------------------ review and the result
    async def review(self, request: Request) -> Response:
        from assistant.render.view import answer_label

        visit = self.visit(request)
        d = visit.d
        if not d.answers:
            return self.go(visit, "/")
        lang = d.lang
        seen = set(visit.state.get("seen", []))
        asked = set(d.asked())  # only these can be opened to change (an answer may count without being asked)
        rows = []
        for row in d.review_rows():
            status = "unanswered" if row.status == "new" and row.question in seen else row.status
            answer = answer_label(self.rb, row.question, row.answer, lang, d.voice) if row.answer else say(
                {"new": "tui.new_relevant", "not_relevant": "tui.not_relevant"}.get(status, "tui.not_answered"), lang)
            rows.append({"qid": row.question, "text": d.question_text(row.question), "answer": answer,
                         "status": status, "change": row.question in asked and status != "not_relevant",
                         "note": say("tui.not_relevant", lang) if status == "not_relevant" and row.answer else ""})
        visit.state["seen"] = sorted(asked)
        visit.d.keep()
        return self.page(visit, "review.html.j2", rows=rows, complete=d.complete,
                         carried=request.query_params.get("carried") == "1")

    async def result_page(self, request: Request) -> Response:
        from assistant.render.html import drawing
        from assistant.render.view import STATUS_SIGN, build_view

        visit = self.visit(request)
        d = visit.d
        if not d.answers:
            return self.go(visit, "/")
        result = await run_in_threadpool(self.result, d)  # the engine's 50-100 ms: other pages are served meanwhile
        view = build_view(self.rb, result, d.lang, group=d.group)
        return self.page(visit, "result.html.j2", view=view, m=drawing(view.matrix), status_sign=STATUS_SIGN,
                         form=result.form or "", unanswered=d.unanswered(), downloads=list(DOWNLOADS))

    async def download(self, request: Request) -> Response:
        from assistant.render import render
        from assistant.sessions import session_text, suggested_name

        what = DOWNLOADS.get(request.path_params["name"])
        if what is None:
            raise HTTPException(404)
        visit = self.visit(request)
        d = visit.d
        if not d.answers:
            return self.go(visit, "/")
        fmt, suffix, media = what
        if fmt == "yaml":
            text = session_text(self.rb, d.answers, d.lang, d.group)
        else:
            result = await run_in_threadpool(self.result, d)
            text = render(self.rb, result, fmt, d.lang, group=d.group)
        headers = {"Content-Disposition": f'attachment; filename="{suggested_name(d, suffix)}"'}
        return self.finish(visit, Response(text, media_type=f"{media}; charset=utf-8", headers=headers))

    async def report_css(self, request: Request) -> Response:
        """The printed report's stylesheet, which the result page shares (one look for both)."""
        return Response(_report_css(), media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=3600"})


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("assistant.web", "templates"),
        autoescape=True,  # every value is text: rule-base, file and user strings never become markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are the package's: read once, not looked at again on every page
    )


@lru_cache(maxsize=1)
def _report_css() -> str:
    return (resources.files("assistant.render") / "templates" / "report.css").read_text(encoding="utf-8")

