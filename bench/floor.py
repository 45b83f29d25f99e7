"""The server's floor for `make bench`: the least a server can do to send a question page.

A minimal Starlette app, on the same uvicorn set-up as `samarbeid serve` (the same socket binding,
protocol, deadlines and speed-ups: assistant/web/serve.py's `config`), that renders a Jinja2
template of a real question page's size (the page itself, saved by bench/server.py with its form
token and question made variables) and compresses it as samarbeid does (the same gzip middleware
and settings). It reads no session, keeps nothing and checks nothing: what samarbeid spends beyond
this is its own.

    python bench/floor.py TEMPLATE_FILE     prints the address it listens on, then serves
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def floor_app(template: str):  # type: ignore[no-untyped-def]
    import jinja2
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.gzip import GZipMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    page = jinja2.Environment(autoescape=True).from_string(template)

    async def question(request: Request) -> Response:
        return HTMLResponse(page.render(qid=request.path_params["qid"], csrf=secrets.token_urlsafe(32)))

    from assistant.web.app import GZIP_LEVEL, GZIP_MINIMUM

    return Starlette(routes=[Route("/q/{qid}", question, methods=["GET"])],
                     middleware=[Middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM, compresslevel=GZIP_LEVEL)])


def main() -> None:
    import uvicorn

    from assistant.web.connections import Limits
    from assistant.web.serve import address, bind, config

    app = floor_app(Path(sys.argv[1]).read_text(encoding="utf-8"))
    sock = bind("127.0.0.1", 0)
    print(address(sock), flush=True)
    uvicorn.Server(config(app, Limits())).run(sockets=[sock])


if __name__ == "__main__":
    main()
