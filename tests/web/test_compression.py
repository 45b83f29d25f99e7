"""Issue 21, point 2: what goes over the wire is compressed when the browser asks for it, the styles and
scripts are cached for good under names with their content's hash, and pages with answers never are.

What a browser gets is read as it comes (the raw bytes, before the client undoes any gzip), and
undone here, to show that a compressed page is the very page sent uncompressed.
"""

from __future__ import annotations

import asyncio
import gzip
import re
from importlib import resources

from assistant.web.assets import IMMUTABLE, Assets, shipped
from tests.web.conftest import Browser

LINKED = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def raw(person: Browser, path: str, encoding: str | None):
    """GET `path` with this Accept-Encoding (None: the header is not sent): the response and its bytes as sent."""
    client = person.client
    default = client.headers.get("accept-encoding")
    if encoding is None:
        del client.headers["accept-encoding"]  # a browser's own headers are merged into each request's
    else:
        client.headers["accept-encoding"] = encoding
    try:
        with client.stream("GET", path, follow_redirects=False) as response:
            return response, b"".join(response.iter_raw())
    finally:
        if default is not None:
            client.headers["accept-encoding"] = default


def test_a_page_asked_for_with_gzip_comes_gzipped_and_is_the_same_page(person):
    question = person.begin()
    for path in (question, "/"):
        plain, plain_body = raw(person, path, None)
        squeezed, squeezed_body = raw(person, path, "gzip, deflate")
        assert plain.status_code == squeezed.status_code == 200
        assert "content-encoding" not in plain.headers
        assert plain_body.startswith(b"<!DOCTYPE html>")
        assert squeezed.headers["content-encoding"] == "gzip"
        assert "accept-encoding" in squeezed.headers["vary"].lower()
        assert int(squeezed.headers["content-length"]) == len(squeezed_body) < len(plain_body) / 2
        assert gzip.decompress(squeezed_body) == plain_body
        # compressed or not, a page with answers is never kept by the browser or a proxy
        assert plain.headers["cache-control"] == squeezed.headers["cache-control"] == "no-store"


def test_the_result_and_a_download_come_gzipped_and_stay_no_store(person):
    person.answer_all(person.begin())
    for path in ("/result", "/download/report.json"):
        plain, plain_body = raw(person, path, "identity")
        squeezed, squeezed_body = raw(person, path, "gzip")
        assert "content-encoding" not in plain.headers, path
        assert squeezed.headers["content-encoding"] == "gzip", path
        assert gzip.decompress(squeezed_body) == plain_body, path
        assert squeezed.headers["cache-control"] == "no-store", path


def test_a_small_response_is_not_compressed(person):
    person.begin()
    redirect, body = raw(person, "/continue", "gzip")
    assert redirect.status_code == 303 and len(body) < 500
    assert "content-encoding" not in redirect.headers


def test_a_style_or_script_has_a_hashed_address_that_is_cached_for_good(person):
    page = person.get("/").text
    linked = LINKED.findall(page)
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", path) for path in linked} >= {
        "/static/web.css", "/static/report.css", "/static/web.js"}
    static = resources.files("assistant.web") / "static"
    for path in linked:
        name = re.sub(r"\.[0-9a-f]{10}\.", ".", path.rsplit("/", 1)[1])
        source = (static / name if name != "report.css"
                  else resources.files("assistant.render") / "templates" / "report.css").read_bytes()
        got, body = raw(person, path, None)
        assert got.status_code == 200, path
        assert body == source, path
        assert got.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"
        assert got.headers["content-type"].startswith(("text/css", "text/javascript"))
        assert got.headers.get("vary", "accept-encoding").lower() == "accept-encoding"  # said once, if at all
        squeezed, squeezed_body = raw(person, path, "gzip")
        if len(source) >= 500:
            assert squeezed.headers["content-encoding"] == "gzip", path
            assert squeezed.headers["vary"].lower() == "accept-encoding", path  # a cache keeps both apart
            assert gzip.decompress(squeezed_body) == source, path
        assert squeezed.headers["cache-control"] == IMMUTABLE


def test_the_plain_address_still_answers_but_is_asked_again(person):
    plain, body = raw(person, "/static/web.css", None)
    assert plain.status_code == 200
    assert body == (resources.files("assistant.web") / "static" / "web.css").read_bytes()
    assert "immutable" not in plain.headers["cache-control"]
    assert plain.headers["cache-control"] == "no-cache"
    again = person.client.get("/static/web.css", headers={"if-none-match": plain.headers["etag"]})
    assert again.status_code == 304 and not again.content
    for wrong in ("/static/web.0000000000.css", "/static/nothing.css", "/static/..%2Fapp.py"):
        assert person.client.get(wrong).status_code == 404, wrong


def test_a_changed_file_gets_a_new_hash():
    before = Assets({"web.css": b"body { color: black }\n", "web.js": b"1;\n"})
    after = Assets({"web.css": b"body { color: navy }\n", "web.js": b"1;\n"})
    assert before.url("web.css") != after.url("web.css")
    assert before.url("web.js") == after.url("web.js")
    assert re.fullmatch(r"/static/web\.[0-9a-f]{10}\.css", after.url("web.css"))
    assert shipped().url("web.css") != "/static/web.css"


def test_the_live_stream_is_not_compressed_and_still_delivers_an_event(app, new_person):
    """A room's server-sent events asked for with gzip: sent as they are (no Content-Encoding), each
    event as it comes, not held back to be compressed with the next."""
    from tests.web.test_room import make_room

    trainer = new_person()
    code = make_room(trainer)
    cookie = "; ".join(f"{name}={value}" for name, value in trainer.client.cookies.items())

    async def listen() -> tuple[dict, bytes]:
        started: dict = {}
        body = b""
        got_event = asyncio.Event()
        asked = False

        async def receive():
            nonlocal asked
            if not asked:
                asked = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await got_event.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            nonlocal body
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                body += message.get("body", b"")
                if b"data: " in body:
                    got_event.set()

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": f"/room/{code}/events", "raw_path": f"/room/{code}/events".encode(),
                 "query_string": b"view=trainer", "root_path": "", "server": ("testserver", 80),
                 "client": ("127.0.0.1", 50000),
                 "headers": [(b"host", b"testserver"), (b"accept-encoding", b"gzip, deflate"),
                             (b"cookie", cookie.encode())]}
        async with asyncio.timeout(20):
            await app(scope, receive, send)
        return started, body

    started, body = asyncio.run(listen())
    headers = {k.decode().lower(): v.decode() for k, v in started["headers"]}
    assert started["status"] == 200
    assert headers["content-type"].startswith("text/event-stream")
    assert "content-encoding" not in headers
    assert body.startswith(b"retry: ") and b"\ndata: " in body  # plain text, the event whole


def test_a_kept_page_gzipped_from_its_parts_is_the_page_filled_in():
    """keptpage.py: the fixed parts compressed once, the values between them as stored blocks; what is
    undone is the page with its values, whatever they are (none, non-ASCII, longer than a stored block)
    and wherever the marks are (first, last, side by side)."""
    import zlib

    from assistant.web.keptpage import KeptPage

    holes = re.compile("(@[a-z]+@)")
    texts = ["<p>før @a@ og @b@</p>" * 40, "@a@@b@ midt " * 30 + "@a@", "ingen merker " * 60, "@b@"]
    for text in texts:
        page = KeptPage(text, holes)
        for values in ({"@a@": "x", "@b@": "Æ–«»"}, {"@a@": "", "@b@": "y" * 70_000}):
            filled = page.filled(values)
            squeezed = page.gzipped(values)
            assert page.size(values) == len(filled.encode())
            assert gzip.decompress(squeezed) == filled.encode()
            assert zlib.decompress(squeezed, 16 + zlib.MAX_WBITS) == filled.encode()  # one member, read whole
            assert page.gzipped(values) == squeezed, "the parts compressed once give the same bytes again"


def test_a_question_page_comes_gzipped_from_its_kept_parts_once_and_again(person):
    """The same question page twice (made, then kept), each the very page sent uncompressed."""
    question = person.begin()
    for _ in range(2):
        plain, plain_body = raw(person, question, None)
        squeezed, squeezed_body = raw(person, question, "gzip")
        assert squeezed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
        assert squeezed.headers["vary"].lower() == plain.headers["vary"].lower() == "accept-encoding"
        assert int(squeezed.headers["content-length"]) == len(squeezed_body) < len(plain_body) / 2
        assert gzip.decompress(squeezed_body) == plain_body
