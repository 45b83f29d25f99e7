"""F19 in a real browser: when the server refuses a page its live stream (the room's streams are at
their cap), the page's script fetches its live part again now and then instead, and the projector
still shows a group that joins. Headless Chromium (Playwright) against `samarbeid serve`; the page's
clock is Playwright's, so the test need not wait out the seconds between two looks.

Skips where there is no Chromium or no Playwright (as test_browser.py).
"""

from __future__ import annotations

import socket

import pytest

from tests.web.conftest import CHROMIUM
from tests.web.test_http_server import Server, _make_room, _open_stream

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[dev]')")
expect = playwright.expect

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the browser tests do not run here"),
    pytest.mark.xdist_group("chromium-room"),
]


def test_a_page_refused_its_stream_looks_again_now_and_then(tmp_path, page):
    """F19: a refused stream (503, the room's streams full) leaves the page polling, and it still updates."""
    from assistant.store import SqliteStore
    from assistant.web.live import StreamCaps
    from assistant.workshop.rooms import check_join

    code, _ = _make_room(tmp_path)
    server = Server(tmp_path)
    opened: list[socket.socket] = []
    try:
        for _ in range(StreamCaps().per_room):
            sock, status = _open_stream(server.port, f"/room/{code}/events")
            opened.append(sock)
            assert status == 200
        page.clock.install()
        page.goto(f"{server.base}/room/{code}/screen")
        live = page.locator("#live")
        expect(live).to_have_attribute("data-polling", "yes")
        assert "Nord" not in live.inner_text()
        store = SqliteStore(tmp_path / "web.sqlite3")
        try:
            store.join(code, "en", lambda room, taken: check_join("Nord", taken, False, len(taken)))
        finally:
            store.close()
        page.clock.run_for(6000)  # the page's next look
        expect(live).to_contain_text("Nord")
    finally:
        for sock in opened:
            sock.close()
        _, _, err = server.stop()
        assert "Traceback" not in err, err
