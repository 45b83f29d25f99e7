"""The pages' styles and scripts, served under names that carry a hash of their content.

At start every file of assistant/web/static/ and the printed report's stylesheet (which the result
page shares) is read once, hashed, and compressed once (gzip at its best level). A page links each
under its hashed name (`/static/web.3f2a9c1e0b.css`, from `url("web.css")`, the templates' `asset`),
and that answers with `Cache-Control: public, max-age=31536000, immutable`: a browser fetches it once
and never asks again, and a changed file has another hash, so another name, and is fetched anew. The
plain name (`/static/web.css`) still answers, for a page cached from before, but only with
`no-cache` and its ETag: the browser asks each time, and gets a 304 while the file is the same.

A browser that sends `Accept-Encoding: gzip` gets the compressed copy; nothing is compressed per
request. Nothing here reads a file after start.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

IMMUTABLE = "public, max-age=31536000, immutable"
"""A hashed name's content never changes: a year, and never asked again."""
REVALIDATE = "no-cache"
"""A plain name may change with the next version: the browser keeps it but asks (ETag) each time."""
MEDIA = {"css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"}
HASH_LENGTH = 10
"""Hex digits of the content's SHA-256 in a hashed name: 40 bits, never alike for one server's few files."""
GZIP_MINIMUM = 500
"""Bytes below which a file or a response goes as it is: gzip's header and a round of work would save
little or nothing (the app's gzip middleware takes the same threshold)."""
GZIP_LEVEL = 1
"""zlib's quickest level, as nginx's default: a question page is compressed in some 50 microseconds
(level 6 or 9 take twice as long, for 5 % less), a 60 KB result page from 60 to 19 KB in under 1 ms (9:
15 KB in 3 ms). On a phone's hotspot that difference is a few milliseconds; the server's CPU is not."""


@dataclass(frozen=True)
class Asset:
    """One file: its content, its compressed copy (None when not worth it), its media type and hash."""

    name: str
    body: bytes
    gzipped: bytes | None
    media: str
    digest: str

    @property
    def hashed(self) -> str:
        """The name with the hash before its suffix: `web.css` -> `web.3f2a9c1e0b.css`."""
        stem, _, suffix = self.name.rpartition(".")
        return f"{stem}.{self.digest}.{suffix}"

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'


def asset(name: str, body: bytes) -> Asset:
    digest = hashlib.sha256(body).hexdigest()[:HASH_LENGTH]
    squeezed = gzip.compress(body, compresslevel=9, mtime=0) if len(body) >= GZIP_MINIMUM else None
    media = MEDIA.get(name.rpartition(".")[2], "application/octet-stream")
    return Asset(name, body, squeezed if squeezed is not None and len(squeezed) < len(body) else None, media,
                 digest)


class Assets:
    """The files by their plain and their hashed names."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.by_name = {name: asset(name, body) for name, body in files.items()}
        self.by_hashed = {a.hashed: a for a in self.by_name.values()}

    def url(self, name: str) -> str:
        """The address a page links the file by (its hashed name); KeyError for a file there is not."""
        return f"/static/{self.by_name[name].hashed}"

    async def serve(self, request: Request) -> Response:
        """GET /static/{name}: the file, compressed when the browser takes gzip; 404 for any other name."""
        name = request.path_params["name"]
        found = self.by_hashed.get(name)
        immutable = found is not None
        if found is None:
            found = self.by_name.get(name)
        if found is None:
            raise HTTPException(404)
        headers = {"Cache-Control": IMMUTABLE if immutable else REVALIDATE, "ETag": found.etag}
        if found.etag in request.headers.get("if-none-match", ""):
            vary = {"Vary": "Accept-Encoding"} if found.gzipped is not None else {}
            return Response(status_code=304, headers=headers | vary)
        body = found.body
        if found.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            # the app's gzip middleware leaves an encoded response alone, Vary and all: it is said here
            body, headers["Content-Encoding"], headers["Vary"] = found.gzipped, "gzip", "Accept-Encoding"
        return Response(body, media_type=found.media, headers=headers)


def _read(folder: Traversable) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in folder.iterdir() if f.is_file() and f.name.endswith((".css", ".js"))}


@lru_cache(maxsize=1)
def shipped() -> Assets:
    """The package's files: the web's own and the report's stylesheet (read once, at the server's start)."""
    files = _read(resources.files("assistant.web") / "static")
    files["report.css"] = (resources.files("assistant.render") / "templates" / "report.css").read_bytes()
    return Assets(files)
