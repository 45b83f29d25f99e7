"""The workshop room's pages (issue 14): a trainer makes a room, groups join it with its code and
answer the interview on their own devices, and the projector shows them on the matrix as they go.

- `/workshop`: what a room is, and the button that makes one. The trainer gets the join code, the
  join address and its QR code for the projector, and a trainer link with the room's secret token.
- `/room/CODE/t/TOKEN`: the trainer link. It leaves the token in a cookie for this room's pages
  (HttpOnly, SameSite=Strict) and opens `/room/CODE/trainer`, the controls: what the projector
  shows, the case quiz, removing a group, closing the room, the download. Every control is a POST
  with the session's CSRF token, and the token is checked on each (403 without it); only a hash of
  it is stored, and it is compared in constant time.
- `/join`: a group types the code and its name (the rules are assistant/workshop/rooms.py's; joins
  are rate-limited per address). The group's browser gets a session of its own in the room and
  begins the same interview as anyone (the start page: a role, or an answers file).
- `/room/CODE/screen`: the projector (large type): the groups on the matrix, the quiz round, or the
  comparison, as the trainer chooses; live by server-sent events (`/room/CODE/events`), and without
  script it reloads itself.
- `/group`: a group's own room page: the quiz round to place, and what the report says once revealed.
- `/tour/N`: the framework as slides, stepped with the arrow keys or the links.

Nothing here decides: who may join and what a placement scores is the workshop core's; where a group
sits is the engine's; the comparison is the core's and render/compare.py's.
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import re
import secrets
import socket
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from assistant.ids import DEFAULT_LANG, LANGS, Lang
from assistant.store import QuizRound, RoomGroup, RoomRefused, StoredRoom
from assistant.web.live import Bell, Limiter, Streams, digest, events
from assistant.web.numbers import request_number
from assistant.web.pages import COOKIE, Visit
from assistant.web.roomview import (
    CELLS,
    SHOWS,
    GroupLine,
    chip_lines,
    group_line,
    names_line,
    paragraphs,
    quiz_choices,
    quiz_key,
    reading,
    room_matrix,
    tour,
)
from assistant.web.words import say
from assistant.workshop.compare import GroupResult, compare_results, group_result
from assistant.workshop.quiz import neutral_description, placement_form, quiz_items, score, scoreboard
from assistant.workshop.rooms import (
    CODE_LENGTH,
    MAX_GROUPS,
    MAX_NAME,
    JoinRefused,
    check_join,
    new_code,
    new_token,
    normal_code,
)

if TYPE_CHECKING:
    from assistant.web.pages import Site

TRAINER_COOKIE = "samarbeid_trainer"
"""The trainer's token, for one room's pages only (the cookie's path is /room/CODE)."""
REFRESH = 5
"""Seconds between reloads of the projector without script."""
RETRY_AFTER = 30
"""Seconds a page refused a live stream waits before it asks for one again (it reloads meanwhile)."""
LINES_KEPT = 256
"""Groups' lines and results kept in memory by their answers (a result takes the engine 50-100 ms)."""
REFUSAL_STATUS = {"no_such_room": 404, "room_closed": 409, "room_full": 409, "name_taken": 409, "name_empty": 400,
                  "name_invisible": 400}
MAX_ROUND = 10_000
"""More rounds than a workshop will ever play: a round number beyond it is not one."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (or a DDE call): such a cell gets a `'` first."""
UNPLACED_LENGTH = 70
"""Characters of the projector's line of groups not on the matrix yet (the rest are counted)."""
_CODE = re.compile(rf"[A-Z0-9]{{{CODE_LENGTH}}}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@lru_cache(maxsize=16)
def qr_svg(text: str) -> Markup:
    """The QR code of the join address, as inline SVG (segno; no image, no script, no style attribute);
    nothing when the address is too long for a QR code (the page still shows it as text)."""
    import segno
    from segno.encoder import DataOverflowError

    try:
        svg = segno.make(text, error="m").svg_inline(scale=1, omitsize=True, dark="#000", light="#fff")
    except DataOverflowError:
        return Markup("")
    return Markup(svg.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1))


def url_parts(url: str) -> list[str]:
    """An address in the parts a narrow column may break it between (after the scheme, before the port and
    the path): `http://192.168.1.20:8000/join` is read as three pieces, not cut in the middle of a number."""
    scheme, found, rest = url.partition("://")
    if not found:
        return [url]
    host, slash, path = rest.partition("/")
    host, port = (host[: host.rindex(":")], host[host.rindex(":"):]) if re.search(r":\d+$", host) else (host, "")
    return [p for p in (scheme + found, host, port, slash + path) if p]


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a `'` first
    (`=HYPERLINK(...)` as a group name must not become a link that sends the sheet away)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


_lan: tuple[float, str | None] = (0.0, None)


def lan_address() -> str | None:
    """This computer's address on its network (the one a route out would use; nothing is sent)."""
    global _lan
    when, found = _lan
    if time.monotonic() - when < 60:
        return found
    found = None
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        candidate = probe.getsockname()[0]
        if not ipaddress.ip_address(candidate).is_loopback:
            found = candidate
    except OSError:
        pass
    finally:
        probe.close()
    _lan = (time.monotonic(), found)
    return found


@dataclass(frozen=True)
class JoinAddress:
    base: str
    """Where groups open the server (http://host:port)."""
    local_only: bool
    """The server listens on this computer only: groups on other devices cannot reach it."""

    @property
    def join(self) -> str:
        return f"{self.base}/join"

    def with_code(self, code: str) -> str:
        return f"{self.base}/join?code={code}"


class Workshop:
    """The workshop room's pages, over the interview's Site (its store, engine, pages and sessions)."""

    def __init__(self, site: Site, *, limiter: Limiter | None = None, bell: Bell | None = None,
                 streams: Streams | None = None) -> None:
        self.site = site
        self.rb = site.rb
        self.engine = site.engine
        self.store = site.store
        self.limiter = (limiter or Limiter()).shared(site.store)
        self.bell = bell or Bell()
        self.streams = streams or Streams()
        """The live streams open now, and their caps."""
        self.stopping = threading.Event()
        """Set when the server is stopping: the live streams end, so the server need not wait for them."""
        self.items = quiz_items(self.rb, self.engine)
        self.by_key = {quiz_key(i): i for i in self.items}
        self._lines: OrderedDict[tuple[int, str, str], GroupLine] = OrderedDict()
        self._results: OrderedDict[tuple[str, str], GroupResult] = OrderedDict()
        self._cache_lock = threading.Lock()

    # ------------------------------------------------------------ helpers
    def client(self, request: Request) -> str:
        return request.client.host if request.client else "?"

    def room_or_404(self, request: Request, code: str) -> StoredRoom:
        """The room with this code; 404 (or 429 after too many codes that do not exist) without one."""
        room = self.store.room(code) if _CODE.fullmatch(code) else None
        if room is None:
            if not self.limiter.allow(self.client(request)):
                raise HTTPException(429)
            raise HTTPException(404, detail="room")
        return room

    def trainer_token(self, request: Request, room: StoredRoom) -> str | None:
        """The trainer's token if this request carries the room's, else None."""
        token = request.cookies.get(TRAINER_COOKIE, "")
        if token and secrets.compare_digest(token_hash(token).encode(), room.token_hash.encode()):
            return token
        return None

    def trainer_only(self, request: Request, room: StoredRoom) -> str:
        token = self.trainer_token(request, room)
        if token is None:
            raise HTTPException(403, detail="trainer")
        return token

    def address(self, request: Request) -> JoinAddress:
        """Where groups reach this server: the address the trainer's browser used, or, when that is this
        computer itself and the server listens on the network, this computer's address on the network."""
        bound = getattr(request.app.state, "bound", None)
        host = request.url.hostname or "127.0.0.1"
        port = request.url.port
        local = _is_loopback(host)
        if bound is not None:
            bound_host, bound_port = bound
            if _is_loopback(bound_host):
                return JoinAddress(f"{request.url.scheme}://{request.url.netloc}", True)
            if local and _is_unspecified(bound_host):
                lan = lan_address()
                if lan:
                    return JoinAddress(f"http://{lan}:{bound_port}", False)
        shown = f"[{host}]" if ":" in host else host
        return JoinAddress(f"{request.url.scheme}://{shown}" + (f":{port}" if port else ""), False)

    def lang_of(self, visit: Visit | None) -> Lang:
        return visit.d.lang if visit else self.site.lang

    # ------------------------------------------------------------ the groups' lines and results
    def lines(self, groups: list[RoomGroup]) -> list[GroupLine]:
        out = []
        for number, g in enumerate(groups, 1):
            key = (number, g.name, g.session.answers)
            with self._cache_lock:
                found = self._lines.get(key)
            if found is None:
                answers = self.site.answers(g.session.answers)
                found = group_line(self.rb, self.engine, number, g.name, answers)
                with self._cache_lock:
                    self._lines[key] = found
                    while len(self._lines) > LINES_KEPT:
                        self._lines.popitem(last=False)
            out.append(found)
        return out

    def results(self, groups: list[RoomGroup]) -> list[GroupResult]:
        """Each group's whole result (for the comparison), evaluated once per set of answers."""
        out = []
        for g in groups:
            key = (g.name, g.session.answers)
            with self._cache_lock:
                found = self._results.get(key)
            if found is None:
                found = group_result(self.engine, g.name, self.site.answers(g.session.answers))
                with self._cache_lock:
                    self._results[key] = found
                    while len(self._results) > LINES_KEPT:
                        self._results.popitem(last=False)
            out.append(found)
        return out

    def comparison(self, groups: list[RoomGroup]) -> Any:
        started = [g for g in groups if g.session.answers not in ("", "{}")]
        return compare_results(self.engine, self.results(started))

    # ------------------------------------------------------------ the quiz as it stands
    def quiz(self, rounds: list[QuizRound], lang: Lang, names: list[str]) -> dict[str, Any]:
        """The current round (the last), its placements, the reading once revealed, and the scores."""
        if not rounds:
            return {"round": None}
        current = rounds[-1]
        item = self.by_key.get(f"{current.case}/{current.relation}")
        if item is None:  # a relation the rule base no longer has
            return {"round": None}
        m = room_matrix(self.rb, lang)
        for cell in m.cells:
            cell.groups = [g for g in names if current.placed.get(g) == cell.form]
            cell.lines = chip_lines(cell.groups, lambda n: say("room.more", lang, n=n))
            if current.revealed:
                cell.kind = "primary" if cell.form == item.report_form else (
                    "secondary" if cell.form in item.secondary else "plain")
        revealed = [(self.by_key[f"{r.case}/{r.relation}"], {g: f for g, f in r.placed.items() if g in names})
                    for r in rounds if r.revealed and f"{r.case}/{r.relation}" in self.by_key]
        board = dict(scoreboard(revealed))
        totals = sorted(((g, board.get(g, 0)) for g in names), key=lambda p: (-p[1], p[0].casefold()))
        forms: dict[str, str] = {f.id: f.name(lang) for f in self.rb.forms}
        points = [(g, forms.get(current.placed.get(g, ""), ""), score(item, current.placed[g])
                   if g in current.placed else 0) for g in names]
        return {"round": current, "item": item, "m": m, "text": paragraphs(neutral_description(self.rb, item, lang)),
                "placed": sum(1 for g in names if g in current.placed),
                "waiting": [g for g in names if g not in current.placed], "reading": reading(self.rb, item, lang)
                if current.revealed else None, "points": points, "totals": totals,
                "scored": len(revealed)}

    # ------------------------------------------------------------ the live fragments
    def screen_values(self, room: StoredRoom, lang: Lang, where: JoinAddress, trainer: bool = False) -> dict[str, Any]:
        """The projector's live part; `trainer`: the projector is open in the trainer's browser (it links to
        the trainer's page)."""
        groups = self.store.groups(room.code)
        lines = self.lines(groups)
        names = [g.name for g in groups]
        values: dict[str, Any] = {
            "room": room, "show": room.show if room.show in SHOWS else "matrix", "lines": lines,
            "join": where.join, "join_parts": url_parts(where.join), "join_code": where.with_code(room.code),
            "qr": qr_svg(where.with_code(room.code)), "max_groups": MAX_GROUPS, "refresh": REFRESH, "trainer": trainer,
            "unplaced": names_line([g.name for g in lines if not g.placed], UNPLACED_LENGTH,
                                   lambda n: say("room.more", lang, n=n)),
        }
        if values["show"] == "quiz":
            values["quiz"] = self.quiz(self.store.rounds(room.code), lang, names)
            if values["quiz"]["round"] is None:
                values["show"] = "matrix"
        if values["show"] in ("compare", "discuss"):
            from assistant.render.compare import build_compare_view

            values["cv"] = build_compare_view(self.rb, self.comparison(groups), lang)
        if values["show"] == "matrix":
            values["m"] = room_matrix(self.rb, lang, lines)
        return values

    def fragment(self, visit: Visit | None, template: str, values: dict[str, Any]) -> str:
        return self.site.fragment(visit, template, **values)

    async def stamp(self, code: str) -> object | None:
        return self.store.room_stamp(code)

    def stream(self, request: Request, code: str, render: Any, visit: Visit | None, *,
               room_only: bool = False) -> Response:
        """The room's live stream for this page, or, beyond the streams' caps, a refusal the page's
        script understands (it reloads its live part now and then instead). `room_only`: the page shows
        nothing of the groups' answers, so it is rendered again only when the room itself changes (a
        round, a placement, a join, the view, the close), not on every answer of every group."""
        refused, give_back = self.streams.take(code, self.client(request), visit.session.id if visit else None)
        if give_back is None:
            return Response(say("room.stream_busy", self.lang_of(visit)), status_code=refused,
                            media_type="text/plain", headers={"Retry-After": str(RETRY_AFTER)})

        async def look() -> object | None:
            stamp = await run_in_threadpool(self.store.room_stamp, code)
            return stamp[0] if stamp is not None and room_only else stamp

        async def draw() -> str:
            return str(await run_in_threadpool(render))

        return HeldStream(events(self.bell, code, look, draw, self.stopping.is_set), give_back,
                          media_type="text/event-stream",
                          headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    # ------------------------------------------------------------ making a room
    async def new_room_page(self, request: Request) -> Response:
        visit = self.site.visit(request)
        return self.site.page(visit, "workshop.html.j2", max_groups=MAX_GROUPS)

    async def make_room(self, request: Request) -> Response:
        visit, form = await self.site.posted(request)
        if not self.limiter.allow(self.client(request)):
            raise HTTPException(429)
        lang = form.get("lang")
        room_lang: Lang = lang if isinstance(lang, str) and lang in LANGS else visit.d.lang
        token = new_token()
        for _ in range(20):
            room = self.store.new_room(new_code(), token_hash(token), room_lang, "matrix")
            if room is not None:
                break
        else:  # some 887 million codes: twenty taken in a row means something else is wrong
            raise HTTPException(500)
        # the trainer's pages as the groups' (each can switch)
        response = self.site.language_to(request, visit, room_lang, f"/room/{room.code}/trainer")
        self.set_trainer(response, room.code, token)
        return response

    def set_trainer(self, response: Response, code: str, token: str) -> None:
        response.set_cookie(TRAINER_COOKIE, token, max_age=self.site.keep_days * 24 * 3600, path=f"/room/{code}",
                            httponly=True, samesite="strict")

    async def trainer_link(self, request: Request) -> Response:
        """The trainer link: the token goes into this room's cookie, and the address no longer shows it."""
        room = self.room_or_404(request, request.path_params["code"])
        token = request.path_params["token"]
        if not secrets.compare_digest(token_hash(token).encode(), room.token_hash.encode()):
            if not self.limiter.allow(self.client(request)):
                raise HTTPException(429)
            raise HTTPException(403, detail="trainer")
        response = RedirectResponse(f"/room/{room.code}/trainer", status_code=303)
        self.set_trainer(response, room.code, token)
        return response

    # ------------------------------------------------------------ the trainer's page and controls
    def trainer_values(self, room: StoredRoom, lang: Lang) -> dict[str, Any]:
        groups = self.store.groups(room.code)
        names = [g.name for g in groups]
        rounds = self.store.rounds(room.code)
        return {"room": room, "lines": self.lines(groups), "quiz": self.quiz(rounds, lang, names),
                "max_groups": MAX_GROUPS, "rounds": len(rounds)}

    async def trainer(self, request: Request) -> Response:
        room = self.room_or_404(request, request.path_params["code"])
        visit = self.site.visit(request, lang=_lang(room))
        token = self.trainer_only(request, room)
        lang = visit.d.lang
        where = self.address(request)
        live = await run_in_threadpool(self.fragment, visit, "_trainer_live.html.j2", self.trainer_values(room, lang))
        return self.site.page(
            visit, "trainer.html.j2", room=room, live=Markup(live), digest=digest(live), where=where,
            join_code=where.with_code(room.code), qr=qr_svg(where.with_code(room.code)),
            trainer_link=f"{where.base}/room/{room.code}/t/{token}", shows=SHOWS,
            choices=quiz_choices(self.rb, self.items, lang),
            relation_error=request.query_params.get("error") == "relation")

    async def control(self, request: Request) -> tuple[Visit, Any, StoredRoom]:
        """A trainer's POST: its CSRF token, then the room's token (403 without either)."""
        room = self.room_or_404(request, request.path_params["code"])
        visit, form = await self.site.posted(request)
        self.trainer_only(request, room)
        return visit, form, room

    def done(self, visit: Visit, room: StoredRoom) -> Response:
        self.bell.ring(room.code)
        return self.site.go(visit, f"/room/{room.code}/trainer")

    async def show(self, request: Request) -> Response:
        visit, form, room = await self.control(request)
        what = form.get("show")
        if what not in SHOWS:
            raise HTTPException(400)
        self.store.set_show(room.code, str(what))
        return self.done(visit, room)

    async def ask(self, request: Request) -> Response:
        visit, form, room = await self.control(request)
        item = self.by_key.get(str(form.get("relation", "")))
        if item is None:
            return self.site.go(visit, f"/room/{room.code}/trainer?error=relation#quiz")
        if room.closed is not None:
            raise HTTPException(409)
        if self.store.new_round(room.code, item.case, item.relation) is None:  # closed meanwhile
            raise HTTPException(409)
        self.store.set_show(room.code, "quiz")
        return self.done(visit, room)

    async def reveal(self, request: Request) -> Response:
        visit, form, room = await self.control(request)
        number = request_number(str(form.get("round", "")), MAX_ROUND)
        if number is None:
            raise HTTPException(400)
        self.store.reveal(room.code, number)
        self.store.set_show(room.code, "quiz")
        return self.done(visit, room)

    async def remove(self, request: Request) -> Response:
        visit, form, room = await self.control(request)
        self.store.remove_group(room.code, str(form.get("name", "")))
        return self.done(visit, room)

    async def close(self, request: Request) -> Response:
        """Closing cannot be undone: the trainer's button asks first (a page that says what closing does,
        with the button that closes), and only that page's POST, with `confirm`, closes the room."""
        visit, form, room = await self.control(request)
        if room.closed is None and form.get("confirm") != "yes":
            groups = self.store.groups(room.code)
            return self.site.page(visit, "room_close.html.j2", room=room, groups=len(groups))
        self.store.close_room(room.code)
        return self.done(visit, room)

    async def download(self, request: Request) -> Response:
        room = self.room_or_404(request, request.path_params["code"])
        self.trainer_only(request, room)
        visit = self.site.visit(request, lang=_lang(room))
        data = await run_in_threadpool(self.archive, room, visit.d.lang)
        headers = {"Content-Disposition": f'attachment; filename="samarbeid-room-{room.code}.zip"'}
        return self.site.finish(visit, Response(data, media_type="application/zip", headers=headers))

    def archive(self, room: StoredRoom, lang: Lang) -> bytes:
        """Everything of the room: each group's answers as a session file `samarbeid decide` and
        `samarbeid compare` read, the comparison as a web page, and the quiz's placements and scores."""
        from assistant.render.compare import render_compare
        from assistant.sessions import session_text, slug

        groups = self.store.groups(room.code)
        folder = f"samarbeid-room-{room.code}"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            used: set[str] = set()
            for number, g in enumerate(groups, 1):
                name = slug(g.name) or f"group-{number}"
                while name in used:
                    name = f"{name}-{number}"
                used.add(name)
                answers = self.site.answers(g.session.answers)
                group_lang: Lang = g.session.lang if g.session.lang in LANGS else DEFAULT_LANG
                archive.writestr(f"{folder}/groups/{number:02d}-{name}.yaml",
                                 session_text(self.rb, answers, group_lang, g.name))
            comparison = render_compare(self.rb, self.comparison(groups), "html", lang)
            archive.writestr(f"{folder}/comparison.html", comparison)
            archive.writestr(f"{folder}/quiz.csv", self.quiz_csv(room, [g.name for g in groups]))
            archive.writestr(f"{folder}/README.txt", say("room.zip_readme", lang, code=room.code, folder=folder))
        return buffer.getvalue()

    def quiz_csv(self, room: StoredRoom, names: list[str]) -> str:
        import csv

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["round", "case", "relation", "report_form", "group", "placed", "points", "revealed"])
        # every cell through spreadsheet_cell: a group's name is typed by anyone in the room
        for r in self.store.rounds(room.code):
            item = self.by_key.get(f"{r.case}/{r.relation}")
            for g in names:
                placed = r.placed.get(g, "")
                points = score(item, placed) if item and placed and r.revealed else ""
                writer.writerow([spreadsheet_cell(cell) for cell in (
                    r.number, r.case, r.relation, item.report_form if item else "", g, placed, points,
                    "yes" if r.revealed else "no")])
        return out.getvalue()

    # ------------------------------------------------------------ the projector
    async def screen(self, request: Request) -> Response:
        room = self.room_or_404(request, request.path_params["code"])
        visit = self.site.visit(request, lang=_lang(room))  # a projector opened anew speaks the room's language
        trainer = self.trainer_token(request, room) is not None
        values = await run_in_threadpool(self.screen_values, room, visit.d.lang, self.address(request), trainer)
        live = await run_in_threadpool(self.fragment, visit, "_screen.html.j2", values)
        return self.site.page(visit, "screen.html.j2", room=room, live=Markup(live), digest=digest(live),
                              refresh=REFRESH)

    async def live(self, request: Request) -> Response:
        """The server-sent events of a room's live page: the projector, the trainer's page or a group's."""
        code = request.path_params["code"]
        room = self.room_or_404(request, code)
        view = request.query_params.get("view", "screen")
        visit = self.site.visit(request, lang=_lang(room))
        lang = visit.d.lang
        if view == "trainer":
            self.trainer_only(request, room)

            def render() -> str:
                current = self.store.room(code)
                return self.fragment(visit, "_trainer_live.html.j2", self.trainer_values(current or room, lang))
        elif view == "banner":  # the line on a group's other pages: told at once when a quiz round starts
            if not visit.stored or visit.session.room != code:
                raise HTTPException(403)
            member_id, group = visit.session.id, visit.session.group or ""

            def render() -> str:
                now = self.store.session(member_id)
                if now is None or now.room != code:  # the trainer removed the group meanwhile
                    return ""
                return self.call(code, group, lang)
            return self.stream(request, code, render, visit, room_only=True)
        elif view == "group":
            if not visit.stored or visit.session.room != code:
                raise HTTPException(403)
            member = visit

            def render() -> str:
                now = self.store.session(member.session.id)
                if now is None or now.room != code:  # the trainer removed the group meanwhile
                    return self.fragment(member, "_group_live.html.j2", {"removed": True})
                return self.fragment(member, "_group_live.html.j2", self.group_values(member, code))
        else:
            where = self.address(request)
            trainer = self.trainer_token(request, room) is not None

            def render() -> str:
                current = self.store.room(code)
                return self.fragment(visit, "_screen.html.j2", self.screen_values(current or room, lang, where,
                                                                                  trainer))
        return self.stream(request, code, render, visit)

    # ------------------------------------------------------------ joining
    async def join_page(self, request: Request) -> Response:
        code = normal_code(request.query_params.get("code", ""))[:CODE_LENGTH + 4]
        status, error = 200, ""
        found = self.store.room(code) if _CODE.fullmatch(code) else None
        visit = self.site.visit(request, lang=_lang(found) if found else None)  # from the QR code: the room's
        if code and found is None:
            if not self.limiter.allow(self.client(request)):
                raise HTTPException(429)
            status, error = 404, "no_such_room"
        member = self.membership(visit)
        return self.site.page(visit, "join.html.j2", status=status, code=code, name="", error=error,
                              max_name=MAX_NAME, member=member)

    def membership(self, visit: Visit) -> tuple[str, str] | None:
        """(code, group name) when this browser answers in a room."""
        session = visit.session
        return (session.room, session.group or "") if session.room else None

    async def join(self, request: Request) -> Response:
        visit, form = await self.site.posted(request)
        code = normal_code(str(form.get("code", "")))[:CODE_LENGTH + 4]
        name = str(form.get("name", ""))[: MAX_NAME * 4]
        if not self.limiter.allow(self.client(request)):
            raise HTTPException(429)

        def admit(room: StoredRoom | None, taken: list[str]) -> str:
            if room is None:
                raise JoinRefused("no_such_room")
            return check_join(name, taken, room.closed is not None, len(taken))

        found = self.store.room(code) if _CODE.fullmatch(code) else None
        if found is not None and not visit.stored:  # a browser new to the server is told in the room's language
            visit = self.site.stand_in(request, _lang(found))
        try:
            if found is None:
                raise JoinRefused("no_such_room")
            self.site.new_session_allowed(request)  # a group's session is a new session (F5)
            session, _ = self.store.join(code, found.lang, admit)
        except (JoinRefused, RoomRefused) as refused:
            return self.site.page(visit, "join.html.j2", status=REFUSAL_STATUS.get(refused.reason, 400), code=code,
                                  name=name[:MAX_NAME], error=refused.reason, max_name=MAX_NAME,
                                  member=self.membership(visit))
        self.bell.ring(code)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, session.id, max_age=self.site.keep_days * 24 * 3600, path="/", httponly=True,
                            samesite="lax")
        return response

    # ------------------------------------------------------------ a group's room page and the quiz
    def group_values(self, visit: Visit, code: str) -> dict[str, Any]:
        lang = visit.d.lang
        group = visit.session.group or ""
        room = self.store.room(code)
        rounds = self.store.rounds(code)
        current = rounds[-1] if rounds else None
        item = self.by_key.get(f"{current.case}/{current.relation}") if current else None
        values: dict[str, Any] = {"room": room, "group": group, "round": current if item else None,
                                  "closed": room is None or room.closed is not None, "place_error": False,
                                  "place_late": False, "removed": False}
        if current is not None and item is not None:
            values.update(
                text=paragraphs(neutral_description(self.rb, item, lang)), placed=current.placed.get(group),
                placed_name=next((f.name(lang) for f in self.rb.forms if f.id == current.placed.get(group)), ""),
                reading=reading(self.rb, item, lang) if current.revealed else None,
                points=score(item, current.placed[group]) if current.revealed and group in current.placed else 0,
                cells=self.place_cells(lang), axes=[(a.id, a.name(lang), a.question(lang),
                                                    [(p.id, p.name(lang), p.description(lang)) for p in a.poles])
                                                   for a in self.rb.axes.axes])
        return values

    def banner(self, visit: Visit) -> dict[str, Any] | None:
        """What every page shows a group in a room: its name, the room, and a quiz round waiting for it
        (`call`: the live part, which the page's script keeps up to date over the room's stream)."""
        code, group = visit.session.room, visit.session.group or ""
        if not code:
            return None
        call = self.call(code, group, visit.d.lang)
        return {"code": code, "group": group, "waiting": bool(call), "call": Markup(call), "digest": digest(call)}

    def call(self, code: str, group: str, lang: Lang) -> str:
        """The live part of a group's line: a link to the quiz round that waits for its placement, or nothing."""
        rounds = self.store.rounds(code)
        if not rounds or rounds[-1].revealed is not None or group in rounds[-1].placed:
            return ""
        room = self.store.room(code)
        if room is None or room.closed is not None:  # a closed room takes no placements
            return ""
        text = say("room.banner_waiting", lang, n=rounds[-1].number)
        return self.fragment(None, "_room_call.html.j2", {"text": text})

    def place_cells(self, lang: Lang) -> list[tuple[str, str, str]]:
        """The four quadrants as buttons: (service.relation, the poles' names, the form's name)."""
        m = room_matrix(self.rb, lang)
        poles: dict[str, str] = {p.id: p.name(lang) for a in self.rb.axes.axes for p in a.poles}
        return [(f"{c.service}.{c.relation}", f"{poles[c.service]} · {poles[c.relation]}", c.name) for c in m.cells]

    async def group_page(self, request: Request) -> Response:
        visit = self.site.known_visit(request)
        if visit is None or not visit.session.room:
            return RedirectResponse("/join", status_code=303)
        code = visit.session.room
        values = await run_in_threadpool(self.group_values, visit, code)
        values["place_error"] = request.query_params.get("error") == "place"
        values["place_late"] = request.query_params.get("error") == "revealed"
        live = self.fragment(visit, "_group_live.html.j2", values)
        return self.site.page(visit, "group.html.j2", code=code, group=values["group"], live=Markup(live),
                              digest=digest(live))

    async def place(self, request: Request) -> Response:
        visit, form = await self.site.posted(request)
        code = visit.session.room
        if not code or not visit.session.group:
            raise HTTPException(403)
        number = request_number(str(form.get("round", "")), MAX_ROUND)
        chosen = str(form.get("place", "")) or f"{form.get('service', '')}.{form.get('relation', '')}"
        service, _, relation = chosen.partition(".")
        if number is None or (service, relation) not in CELLS:
            return self.site.go(visit, "/group?error=place#place")
        room = self.store.room(code)
        if room is None or room.closed is not None:  # the page says the room is closed: so it is
            return self.site.go(visit, "/group#round")
        if not self.store.place(code, number, visit.session.group, placement_form(service, relation, self.rb)):
            late = any(r.number == number and r.revealed is not None for r in self.store.rounds(code))
            return self.site.go(visit, "/group?error=revealed#round" if late else "/group#round")
        self.bell.ring(code)
        return self.site.go(visit, "/group#round")

    # ------------------------------------------------------------ the tour
    async def tour_page(self, request: Request) -> Response:
        code = request.query_params.get("room", "")
        found = self.store.room(code) if _CODE.fullmatch(code) else None
        visit = self.site.visit(request, lang=_lang(found) if found else None)  # on a room's projector: its language
        slides = tour(self.rb, visit.d.lang)
        n = request_number(str(request.path_params.get("n", "")), len(slides))
        if not n:
            raise HTTPException(404)
        room = found.code if found is not None else ""
        if code and not room and not self.limiter.allow(self.client(request)):  # a guess costs a try, as at /join
            raise HTTPException(429)
        suffix = f"?room={room}" if room else ""
        # shown in a room (on its projector), the slides keep the way to join in view while the room is open
        join = self.address(request).join if found is not None and found.closed is None else ""
        return self.site.page(visit, "tour.html.j2", slide=slides[n - 1], n=n, total=len(slides), room=room,
                              suffix=suffix, join=join,
                              m=room_matrix(self.rb, visit.d.lang) if slides[n - 1].matrix else None)

    async def tour_start(self, request: Request) -> Response:
        query = request.url.query
        return RedirectResponse("/tour/1" + (f"?{query}" if query else ""), status_code=303)


def _lang(room: StoredRoom) -> Lang:
    return room.lang if room.lang in LANGS else DEFAULT_LANG


class HeldStream(StreamingResponse):
    """A live stream that counts itself out of `Streams` when it ends, however it ends."""

    def __init__(self, content: AsyncIterator[str], give_back: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.give_back = give_back

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.give_back()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def _is_unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_unspecified
    except ValueError:
        return False

