"""The pages: each request reads the browser's session into a Dialogue, applies what the person
did, lets the dialogue keep it (saved to the store), and shows or redirects.

What a person does changes the session through `Site.change`: the store reads the row, the
dialogue acts on it and the row is written, in one transaction, so two tabs answering at once
never undo each other (issue 19, F3). Pages that only show store nothing, and a browser without
a session is shown them through a stand-in that is never stored: the session is made on the
first POST that needs one (F5).

The routes decide nothing: whether a choice is an answer, where "back" or an answer
leads, what review lists and what the result is, all come from `Dialogue` and the
engine; the report's content from the shared report view (render/view.py). Every
form POSTs and is answered with a redirect (303) to a page got with GET, so reloading
or the browser's back button never sends an answer twice.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl

import jinja2
from markupsafe import Markup, escape
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from assistant import __version__
from assistant.dialogue import AnswerRefused, Dialogue, Step
from assistant.errors import InputError
from assistant.i18n import language_name
from assistant.ids import DEFAULT_LANG, DONT_KNOW, LANGS, Lang, Voice
from assistant.kept import Kept
from assistant.safetext import visible
from assistant.store import COMPACT_JSON, Store, StoredSession, answers_from_json, answers_json, known_options
from assistant.web.keptpage import KeptPage, KeptPageResponse
from assistant.web.quota import SESSIONS_PER_CLIENT, session_quota
from assistant.web.results import ResultMaker
from assistant.web.words import install as install_words
from assistant.web.words import known as known_words
from assistant.web.words import say

if TYPE_CHECKING:
    from assistant.answers import Answers
    from assistant.engine import Engine
    from assistant.models.rules import RuleBase
    from assistant.web.operations import Metrics

log = logging.getLogger("samarbeid.web")

COOKIE = "samarbeid_session"
"""The browser's session: its random id (the row is made on the first POST that needs one)."""
FORM_COOKIE = "samarbeid_form"
"""A browser without a session: the token its forms carry, a random value nothing of which is stored."""
LANG_COOKIE = "samarbeid_lang"
"""A browser without a session: the language it chose."""
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
T = TypeVar("T")
REFUSALS = {"pick_one": "tui.pick_one", "dont_know_alone": "plain.dont_know_alone", "one_only": "dialogue.one_only",
            "not_an_option": "dialogue.not_an_option"}
"""Why an answer was refused, as the page's address says it (?error=pick_one), and the words for it."""
_REFUSAL_CODE = {key: code for code, key in REFUSALS.items()}
_LOCAL_PATH = re.compile(r"/(?!/)[A-Za-z0-9_./?=&%-]*")
"""Where the language switch may send the person back to: a path on this server, nothing else."""
DOWNLOADS = {"report.html": ("html", "html", "text/html"), "report.md": ("md", "md", "text/markdown"),
             "report.json": ("json", "json", "application/json"), "answers.yaml": ("yaml", "yaml", "application/yaml")}
"""What can be downloaded: the address's name -> (format, file suffix, media type)."""

CARDS_KEPT = 1024
"""Questions' fieldsets kept made (`Site.card`): some 3 KB each; a rule base's 60 questions in two
languages and four voices with their usual answers are a few hundred."""

ANSWERS_KEPT = 1024
"""Sessions' answers kept read from the JSON the store keeps (`Site.answers`), by that text: every request
of a session reads its row, and the page a browser is sent to after an answer reads what the answer wrote."""

PAGES_KEPT = 512
"""Question pages kept made (`Site.fragment` with `keep`): some 6 KB each. A page is the same for every
session at the same question with the same answer, but for its form token, its progress and its way back,
which are put in as the page is sent."""

TOKEN_MARK = "token-" + secrets.token_urlsafe(24)
"""Where a kept page has its session's form token: random, so no text of the rule base can hold it, and of
the token's own letters (A-Z a-z 0-9 - _), which neither escaping nor `visible` changes."""


LATE_MARK = "late-" + secrets.token_urlsafe(24)


def late_mark(name: str) -> str:
    """Where a kept page has its value `name` that is put in as the page is sent (`Site.fragment`'s `late`):
    random as TOKEN_MARK (and apart from it), and of the same letters."""
    return f"{LATE_MARK}-{name}-"


MARKS = re.compile(f"({re.escape(TOKEN_MARK)}|{re.escape(LATE_MARK)}-[a-z_]+-)")
"""Any mark of a kept page: the form token's, or a late value's."""


URLENCODED = "application/x-www-form-urlencoded"


async def read_form(request: Request, **limits: Any) -> FormData:
    """A POST's form. The pages' own forms (every one but the upload's) are a few short urlencoded fields:
    read with the standard library's `parse_qsl`, as Starlette's parser would read them (`+` a space,
    `%XX` UTF-8, blank values kept) at a fraction of its cost; more fields than `max_fields` (1000 unless
    said) is a 400. Any other form (the upload's multipart) goes to Starlette's parser with the limits.
    The body's size was limited before it was read (app.Guard)."""
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind != URLENCODED:
        return await request.form(**limits)
    body = await request.body()
    try:
        pairs: list[tuple[str, str | UploadFile]] = list(parse_qsl(
            body.decode("latin-1"), keep_blank_values=True, max_num_fields=int(limits.get("max_fields", 1000))))
    except ValueError:
        raise HTTPException(400) from None
    return FormData(pairs)


def size_words(n: int) -> str:
    return f"{n // 1024} KiB"


@dataclass
class Visit:
    """One request's session: the stored row and the dialogue over its answers.

    A browser without a session the store knows gets a stand-in (`stored` False): an empty session in
    the language it chose, with the form token its cookie holds; nothing of it is ever stored. Its
    first change (`Site.change`) makes the real one.
    """

    session: StoredSession
    fresh: bool
    """A session made by this request: the response sets the cookie."""
    state: dict[str, Any] = field(default_factory=dict)
    dialogue: Dialogue | None = None
    stored: bool = True
    """False: the stand-in of a browser without a session."""
    new_token: bool = False
    """A stand-in whose browser has no form token yet: the response sets the one its forms carry."""
    recording: bool = False
    """Inside `Site.change`: a change of the dialogue is kept when the change ends."""
    dirty: bool = False
    """The dialogue or the state changed while recording."""
    make: Callable[[Visit], Dialogue] | None = None
    """What makes the dialogue over the session's answers when a page first needs it: a POST's form
    check needs only the session's token, and its change reads the row again in its transaction."""
    read: Dialogue | None = None
    """The dialogue `make` made over the row's answers (a page may put another in its place)."""

    @property
    def d(self) -> Dialogue:
        if self.dialogue is None:
            assert self.make is not None
            self.dialogue = self.read = self.make(self)
        return self.dialogue

    def keep(self, dialogue: Dialogue) -> None:
        """The dialogue's keeper: marks the session changed, for `Site.change` to keep in the transaction
        that read it. A change anywhere else would never be stored, so it is an error, not a silent loss."""
        if not self.recording:
            raise RuntimeError("a session was changed outside Site.change: the change would be lost")
        self.dirty = True

    def row(self) -> StoredSession:
        """The session as it is to be kept: the dialogue's answers, language and group, and the state."""
        d = self.d
        return replace(self.session, answers=answers_json(d.answers), lang=d.lang, group=d.group,
                       state=COMPACT_JSON.encode(self.state))


class Site:
    """The interview's pages over one rule base, engine and session store."""

    def __init__(self, rb: RuleBase, engine: Engine, store: Store, *, lang: Lang = "nb", max_body: int = 64 * 1024,
                 max_upload: int = 256 * 1024, keep_days: int = 30,
                 sessions_per_client: int = SESSIONS_PER_CLIENT) -> None:
        self.rb = rb
        self.engine = engine
        self.store = store
        self.lang: Lang = lang
        self.max_body = max_body
        self.max_upload = max_upload
        self.keep_days = keep_days
        self.quota = session_quota(sessions_per_client, store)
        self.questions = {q.id: q for q in rb.questions.questions}
        self.known = known_options(rb.questions)
        self.topics = {t.id: t.name for t in rb.questions.topics}
        self._cards: Kept[tuple[str, str, Voice | None, tuple[str, ...], str], Markup] = Kept(CARDS_KEPT)
        self._pages: Kept[tuple[object, ...], KeptPage] = Kept(PAGES_KEPT)
        self._answers: Kept[str, Answers] = Kept(ANSWERS_KEPT)
        self.results = ResultMaker(rb, engine)
        """What makes the result page's parts: in a helper process once `serve` has started one (results.py)."""
        self.room_changed: Callable[[str], None] | None = None
        """What a change of a room's session calls (the workshop's bell), when there are rooms."""
        self.metrics: Metrics | None = None
        """The operators' figures (operations.py), when the app counts them: interviews begun, results shown."""
        self.banner: Callable[[Visit], dict[str, Any] | None] = lambda visit: None
        """The line every page shows a group in a workshop room (its name, the room, a quiz round to place)."""

    # ------------------------------------------------------------ sessions
    def visit(self, request: Request, lang: Lang | None = None) -> Visit:
        """The browser's session, or the stand-in of a browser without one (nothing is stored).

        The stand-in speaks the language the browser chose (its cookie), else `lang` (a room's, for
        the projector and the join page), else the server's. An id the store does not know is never
        taken on: the session made later gets a new random id.
        """
        return self.known_visit(request) or self.stand_in(request, lang)

    def known_visit(self, request: Request) -> Visit | None:
        """The browser's session when the store knows it, else None."""
        sid = request.cookies.get(COOKIE, "")
        session = self.store.session(sid) if sid else None
        return self._visit(session, fresh=False) if session is not None else None

    def stand_in(self, request: Request, lang: Lang | None = None) -> Visit:
        chosen = request.cookies.get(LANG_COOKIE)
        spoken: Lang = chosen if chosen in LANGS else (
            lang or preferred_language(request.headers.get("accept-language", "")) or self.lang)
        token = request.cookies.get(FORM_COOKIE, "")
        new_token = not _TOKEN.fullmatch(token)
        now = time.time()
        session = StoredSession("", "{}", spoken, None, secrets.token_urlsafe(32) if new_token else token, "{}",
                                now, now)
        visit = self._visit(session, fresh=False)
        visit.stored, visit.new_token = False, new_token
        return visit

    def _visit(self, session: StoredSession, *, fresh: bool) -> Visit:
        try:
            state = json.loads(session.state)
        except ValueError:
            state = {}
        return Visit(session, fresh, state if isinstance(state, dict) else {}, make=self._dialogue)

    def _dialogue(self, visit: Visit) -> Dialogue:
        session = visit.session
        lang: Lang = session.lang if session.lang in LANGS else DEFAULT_LANG
        return Dialogue(self.rb, self.engine, answers=self.answers(session.answers), lang=lang,
                        group=session.group, keeper=visit.keep)

    def answers(self, text: str) -> Answers:
        """The answers a session's row holds (`store.answers_from_json`), read once for each text and kept:
        shared, so only read (a dialogue takes a copy)."""
        return self._answers.get(text, lambda: answers_from_json(text, self.known))

    async def posted(self, request: Request, **limits: Any) -> tuple[Visit, FormData]:
        """A POST's form and session, its form token checked (403 without the right one).

        The token is the session's, or, for a browser without a session (or with a page from before it
        had one), the one in its form-token cookie: another site can send neither. The form is read
        first: a change then goes through `change`, which reads the session again in its transaction
        (`known_change` does both with one read, where the browser's session is known).
        """
        form = await read_form(request, **limits)
        return self.checked(request, form), form

    def checked(self, request: Request, form: FormData) -> Visit:
        """The browser's session (or its stand-in) for a POST's form, the form's token checked (403)."""
        visit = self.visit(request)
        if not self.token_fits(request, form, visit.session.csrf if visit.stored else None):
            raise HTTPException(403)
        return visit

    def token_fits(self, request: Request, form: FormData, session_token: str | None) -> bool:
        """Whether the form carries the session's token (`session_token`, when there is a session) or the
        one in the browser's form-token cookie."""
        token = form.get("csrf")
        expected = [session_token] if session_token else []
        cookie = request.cookies.get(FORM_COOKIE, "")
        if _TOKEN.fullmatch(cookie):
            expected.append(cookie)
        return isinstance(token, str) and any(
            secrets.compare_digest(token.encode(), known.encode()) for known in expected)

    def change(self, request: Request, visit: Visit, act: Callable[[Visit], T]) -> T:
        """Do `act` to the session as it is stored now, and keep what it changed, in one transaction (F3).

        `act` gets a visit over the row read inside the store's transaction, changes its dialogue or
        state (the dialogue's keeper marks it), and returns what the page needs (where to go next). Two
        requests of one session at once thus never undo each other: the second acts on what the first
        kept. A browser without a session gets one here, its first change being the first thing that
        needs one (F5): within its address's day's quota (429 beyond). `act` must not use the store.
        """
        if not visit.stored:
            self.make_session(request, visit)
        changed = self._change(visit.session.id, act, fresh=visit.fresh)
        if changed is None:  # removed meanwhile (too old, or to make room): the form is for no session
            raise HTTPException(403)
        now, outcome = changed
        visit.session, visit.state, visit.dialogue = now.session, now.state, now.dialogue
        return outcome

    def known_change(self, request: Request, form: FormData, act: Callable[[Visit], T]) -> tuple[Visit, T] | None:
        """`posted` and `change` in one read of the session, for a browser whose session the store knows:
        the form's token is checked against the row the change's transaction reads (403 without the right
        one, and nothing is written), then `act` is done to it as `change` does. The visit over the kept
        row and what `act` returned; None when the store has no session of the browser's (the caller then
        goes the way of `checked` and `change`, which meet a browser without one)."""
        sid = request.cookies.get(COOKIE, "")
        if not sid:
            return None

        def check(current: StoredSession) -> None:
            if not self.token_fits(request, form, current.csrf):
                raise HTTPException(403)  # raised inside the transaction: it is rolled back, nothing kept

        return self._change(sid, act, fresh=False, check=check)

    def _change(self, session_id: str, act: Callable[[Visit], T], *, fresh: bool,
                check: Callable[[StoredSession], None] | None = None) -> tuple[Visit, T] | None:
        """`act` done to the session's row in the store's transaction, and kept: the visit over the kept row
        (its dialogue and state as `act` left them) and what `act` returned; None when the store has no such
        session. `check` looks at the row first and may refuse it by raising."""
        done: list[tuple[Visit, T]] = []

        def how(current: StoredSession) -> StoredSession | None:
            if check is not None:
                check(current)
            now = self._visit(current, fresh=fresh)
            now.recording = True
            outcome = act(now)
            now.recording = False
            done.append((now, outcome))
            if not now.dirty:
                return None
            row = now.row()
            if now.dialogue is not None and now.dialogue is now.read:
                # the answers read from the row, changed only through the dialogue's checks: what reading the
                # new row's text would give, so the page the browser is sent to next need not read it again
                self._answers.put(row.answers, dict(now.dialogue.answers))
            return row

        kept = self.store.change(session_id, how)
        if kept is None or not done:
            return None
        now, outcome = done[-1]
        now.session = kept
        if now.dirty and kept.room and self.room_changed is not None:
            self.room_changed(kept.room)
        return now, outcome

    def make_session(self, request: Request, visit: Visit) -> None:
        """The session of a browser that had none, in the language it has been shown; 429 when its
        address has made its day's number."""
        client = self.client(request)
        if not self.quota.allow(client):
            raise HTTPException(429, detail="sessions")
        visit.session = self.store.new_session(visit.d.lang)
        visit.stored, visit.fresh = True, True

    def new_session_allowed(self, request: Request) -> str:
        """The client's address, when it may make one more session (a group joining a room; counted now,
        as the join is tried); 429 if not."""
        client = self.client(request)
        if not self.quota.allow(client):
            raise HTTPException(429, detail="sessions")
        return client

    def client(self, request: Request) -> str:
        return request.client.host if request.client else "?"

    def language_to(self, request: Request, visit: Visit, lang: Lang, to: str) -> Response:
        """Speak `lang` from now on, and go to `to`: the session's language, or for a browser without a
        session a cookie of its own (no session is made for a language)."""
        if visit.stored:
            self.change(request, visit, lambda v: v.d.set_language(lang))
        response = self.go(visit, to)
        if not visit.stored:
            response.set_cookie(LANG_COOKIE, lang, max_age=self.keep_days * 24 * 3600, path="/", httponly=True,
                                samesite="lax")
        return response

    def finish(self, visit: Visit, response: Response) -> Response:
        if visit.fresh:
            response.set_cookie(COOKIE, visit.session.id, max_age=self.keep_days * 24 * 3600, path="/",
                                httponly=True, samesite="lax")
        if visit.new_token:
            response.set_cookie(FORM_COOKIE, visit.session.csrf, max_age=self.keep_days * 24 * 3600, path="/",
                                httponly=True, samesite="lax")
        return response

    def go(self, visit: Visit, to: str) -> Response:
        return self.finish(visit, RedirectResponse(to, status_code=303))

    # ------------------------------------------------------------ showing
    def page(self, visit: Visit | None, template: str, status: int = 200, *, keep: bool = False,
             late: dict[str, int | str] | None = None, **values: Any) -> Response:
        banner = self.banner(visit) if visit is not None and visit.session.room else None
        if keep and banner is None:
            response: Response = KeptPageResponse(*self._kept(visit, template, late, values), status_code=status)
        else:
            response = HTMLResponse(self._made(visit, template, banner, {**values, **(late or {})}), status_code=status)
        return response if visit is None else self.finish(visit, response)

    def fragment(self, visit: Visit | None, template: str, *, keep: bool = False,
                 late: dict[str, int | str] | None = None, **values: Any) -> str:
        """A template rendered in the session's language, with what every page has: a whole page, or a
        part of one that a live page puts in place (the projector's matrix).

        `keep`: the page depends on nothing but `values` (all of them plain, hashable values), `late`, the
        language and the form token, and is made once and kept (PAGES_KEPT of them) with the token and the
        `late` values put in as it is sent, escaped as the template would (so each `late` value must be
        shown only, as text, never tested or computed with); a group's page in a workshop room (its banner
        changes with the room) is made every time. `page` sends a kept page gzipped from its kept parts
        (keptpage.py) to a browser that takes gzip."""
        banner = self.banner(visit) if visit is not None and visit.session.room else None
        if keep and banner is None:
            page, filled = self._kept(visit, template, late, values)
            return page.filled(filled)
        return self._made(visit, template, banner, {**values, **(late or {})})

    def _made(self, visit: Visit | None, template: str, banner: dict[str, Any] | None,
              values: dict[str, Any]) -> str:
        return self._render(template, visit.d.lang if visit else self.lang, visit.session.csrf if visit else "",
                            banner, values)

    def _kept(self, visit: Visit | None, template: str, late: dict[str, int | str] | None,
              values: dict[str, Any]) -> tuple[KeptPage, dict[str, str]]:
        """The kept page for `fragment`'s `keep`, and the values of its marks: the form token's, and each
        `late` value's, escaped."""
        lang: Lang = visit.d.lang if visit else self.lang
        later = late or {}
        key = (template, lang, *values.items())  # one call site: its keywords come in one order
        page = self._pages.get(key, lambda: KeptPage(self._render(
            template, lang, TOKEN_MARK, None, {**values, **{name: late_mark(name) for name in later}}), MARKS))
        filled = {TOKEN_MARK: visit.session.csrf if visit else ""}
        filled.update((late_mark(name), visible(escape(str(value)))) for name, value in later.items())
        return page, filled

    def _render(self, template: str, lang: Lang, csrf: str, banner: dict[str, Any] | None,
                values: dict[str, Any]) -> str:
        html = _templates().get_template(template).render(
            lang=lang, languages=languages_named(), csrf=csrf, version=__version__,
            series=self.rb.meta.report.series, banner=banner, **values)
        return visible(html)

    def problem_page(self, request: Request, status: int, about: str = "") -> Response:
        """The page for a status (403, 404, 413, 429, 500, 503, ...): in the session's language, no details.
        `about` names a case of its own: a workshop room's ("room": no room has the code; "trainer": only
        the trainer's link controls the room), too many new sessions from one address ("sessions"), or
        why the database could not keep what was sent (503: "full", "read_only", "busy")."""
        visit: Visit | None = None
        if about != "host":  # a Host the server does not answer to gets nothing of a visitor's: no cookie
            try:
                visit = self.visit(request)
            except Exception:  # an error page must not fail in its turn (the database may be what failed)
                visit = None
        known = status if status in (400, 403, 404, 405, 409, 413, 429, 500, 503) else (500 if status >= 500 else 400)
        limit = self.max_upload if request.url.path == "/upload" else self.max_body
        values = {"limit": size_words(limit)} if status == 413 else {}
        key = f"web.{known}"
        if about and known_words(f"room.{status}.{about}.title"):
            key = f"room.{status}.{about}"
        elif about and known_words(f"web.{status}.{about}.title"):
            key = f"web.{status}.{about}"
        if about == "room":
            code = request.path_params.get("code", "")
            values["code"] = code if isinstance(code, str) else ""
        return self.page(visit, "problem.html.j2", status=status, key=key, values=values)

    def url(self, step: Step) -> str:
        if step.to == "question" and step.question:
            return f"/q/{step.question}"
        return {"review": "/review", "result": "/result"}.get(step.to, "/")

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

        def begin(v: Visit) -> str:
            v.state = {}
            group = v.session.group if v.session.room else None  # a group in a room stays that group
            v.dialogue = Dialogue.begin(self.rb, self.engine, role, lang=v.d.lang, group=group, keeper=v.keep)
            return self.url(v.d.first_step())

        to = self.change(request, visit, begin)
        if self.metrics is not None:
            self.metrics.begun.inc()
        return self.go(visit, to)

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
        from assistant.answers import group_of

        saved_lang = uploaded.meta.get("lang")

        def take(v: Visit) -> str:
            lang: Lang = saved_lang if isinstance(saved_lang, str) and saved_lang in LANGS else v.d.lang
            v.state = {}
            group = v.session.group if v.session.room else group_of(uploaded.meta)  # a room's group keeps its name
            v.dialogue = Dialogue(self.rb, self.engine, answers=uploaded.answers, lang=lang, group=group,
                                  keeper=v.keep)
            v.d.keep()
            if uploaded.carried:  # answers in an older form: show what they became before going on
                return "/review?carried=1"
            return self.url(v.d.first_step())

        return self.go(visit, self.change(request, visit, take))

    async def language(self, request: Request) -> Response:
        visit, form = await self.posted(request)
        lang = form.get("lang")
        back = form.get("next")
        to = back if isinstance(back, str) and _LOCAL_PATH.fullmatch(back) else "/"
        if not isinstance(lang, str) or lang not in LANGS:
            return self.go(visit, to)
        return self.language_to(request, visit, lang, to)

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
        name = self.topics.get(q.topic)
        error = say(refused, lang) if refused else ""
        return self.page(
            visit, "question.html.j2", keep=True, qid=qid, text=d.question_text(qid), multi=q.kind == "multi",
            card=self.card(qid, lang, d.voice, d.answers.get(qid, ()), refused or ""),
            topic=name(lang) if name else "", editing=editing, error=error,
            late={"n": n, "done": n - 1, "total": total, "back": "/review" if editing else self.url(d.back(qid))})

    def card(self, qid: str, lang: Lang, voice: Voice | None, current: tuple[str, ...], refused: str) -> Markup:
        """The question's fieldset and help: the same for everyone asked it in this language and voice with
        this answer chosen (and this refusal said), so made once and kept (CARDS_KEPT of them)."""
        return self._cards.get((qid, lang, voice, current, refused),
                               lambda: self._make_card(qid, lang, voice, current, refused))

    def _make_card(self, qid: str, lang: Lang, voice: Voice | None, current: tuple[str, ...],
                   refused: str) -> Markup:
        q = self.questions[qid]
        options = [(o.id, o.label(lang, voice), o.explain(lang, voice) if o.explain else "") for o in q.options]
        text = q.text_for(voice, lang)
        hint = say("web.multi_hint", lang)
        return Markup(_templates().get_template("_question_card.html.j2").render(
            lang=lang, text=text, multi=q.kind == "multi",
            multi_hint="" if hint.lower().rstrip(".") in text.lower() else hint,  # the question may say it
            options=options, dont_know=(DONT_KNOW, say("dont_know", lang)), current=current,
            help=q.help(lang, voice), sources=", ".join(q.source), error=say(refused, lang) if refused else ""))

    async def answer(self, request: Request) -> Response:
        qid = request.path_params["qid"]
        if qid not in self.questions:
            raise HTTPException(404)
        form = await read_form(request)
        editing = form.get("from") == "review"
        chosen = [c for c in form.getlist("answer") if isinstance(c, str)]

        def answer(v: Visit) -> str:
            d = v.d
            # the questions the person was shown before this change: review marks those asked since as new
            # (noted here, with the answer, so that review itself never writes: a GET never writes)
            v.state["seen"] = sorted(d.asked())
            v.dirty = True
            try:
                if editing:
                    d.edit(qid)
                return self.url(d.answer(qid, chosen))
            except AnswerRefused as refused:
                if refused.reason == "dialogue.not_asked":  # a page left open from before: go on from where it is
                    return self.url(d.carry_on()) if d.answers else "/"
                code = _REFUSAL_CODE.get(refused.reason, "pick_one")
                return f"/q/{qid}?error={code}" + ("&from=review" if editing else "")

        known = self.known_change(request, form, answer)
        if known is not None:
            return self.go(*known)
        visit = self.checked(request, form)
        if not visit.stored:  # a page left open until its session was gone: begin again
            return self.go(visit, "/")
        return self.go(visit, self.change(request, visit, answer))

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
        return self.page(visit, "review.html.j2", rows=rows, complete=d.complete,
                         carried=request.query_params.get("carried") == "1")

    async def result_page(self, request: Request) -> Response:
        """The result: the summary, the downloads, then the parts folded, laid out as the HTML report is."""
        visit = self.visit(request)
        d = visit.d
        if not d.answers:
            return self.go(visit, "/")
        # evaluated and laid out beside the server (results.py): other pages are served meanwhile
        shown = await self.results.parts(tuple(sorted(d.answers.items())), d.lang, d.group)
        if self.metrics is not None:
            self.metrics.results.inc()
        return self.page(visit, "result.html.j2", view=shown, parts=shown.parts, form=shown.form,
                         downloads=list(DOWNLOADS))

    async def download(self, request: Request) -> Response:
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
            text = await self.results.download(tuple(sorted(d.answers.items())), fmt, d.lang, d.group)
        headers = {"Content-Disposition": f'attachment; filename="{suggested_name(d, suffix)}"'}
        return self.finish(visit, Response(text, media_type=f"{media}; charset=utf-8", headers=headers))


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    from assistant.web.assets import shipped

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("assistant.web", "templates"),
        autoescape=True,  # every value is text: rule-base, file and user strings never become markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are the package's: read once, not looked at again on every page
    )
    install_words(env)  # `_("key")` in a template: the words in the page's language (words.py)
    env.globals["asset"] = shipped().url  # a style's or script's address: its name with its content's hash
    return env


@lru_cache(maxsize=1)
def languages_named() -> tuple[tuple[Lang, str], ...]:
    """Every language the program speaks with its name in itself, as the language switch lists them."""
    return tuple((code, language_name(code)) for code in LANGS)


_ACCEPTED = re.compile(r"\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*")
ALIASES: dict[str, Lang] = {"no": "nb"}
"""A browser's language codes that name one of ours: Norwegian (no) without a written standard is bokmål."""


def preferred_language(header: str) -> Lang | None:
    """The language of ours a browser's Accept-Language prefers most (`nn-NO,nn;q=0.9,nb;q=0.8,en;q=0.5`:
    nn), by q-value and then by order; `no` is bokmål; None when it names none of ours. A header longer
    than a browser sends, or a part that is not a language range, is passed over, never an error."""
    best: tuple[float, int, Lang] | None = None
    for at, part in enumerate(header[:1000].split(",")[:30]):
        found = _ACCEPTED.fullmatch(part)
        if found is None:
            continue
        code = found.group(1).lower()
        lang = ALIASES.get(code, code)
        q = float(found.group(2)) if found.group(2) else 1.0
        if lang in LANGS and q > 0 and (best is None or (q, -at) > (best[0], -best[1])):
            best = (q, at, lang)
    return best[2] if best else None
