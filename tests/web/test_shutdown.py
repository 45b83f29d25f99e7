"""Issue 23, point 3: a graceful shutdown. On SIGTERM the server finishes the requests in flight and ends
the live streams at once (the projector's server-sent events), rather than waiting for them or having
them cut off when uvicorn's patience runs out; the process then exits with 0.

Against a real `samarbeid serve`, with one process and with two workers: a projector's stream is open
and a form is half sent when SIGTERM comes; the stream ends as a stream ends (its last, empty chunk),
the form's request is answered once the rest of it arrives, and the process is gone within seconds.
"""

from __future__ import annotations

import signal
import socket
import time
from urllib.parse import urlencode

import pytest

from tests.web.conftest import csrf_of
from tests.web.test_http_server import Server, _make_room, _open_stream

httpx2 = pytest.importorskip("httpx2")

pytestmark = pytest.mark.xdist_group("serve-process")

CUT = "timeout graceful shutdown exceeded"
"""What uvicorn logs when it cancels what did not end by itself in time."""


def _read_until(sock: socket.socket, wanted: bytes, seconds: float, got: bytes = b"") -> bytes:
    """`got` and what the socket sends after it until `wanted` is in it, it closes, or `seconds` pass."""
    end = time.monotonic() + seconds
    while wanted not in got and time.monotonic() < end:
        sock.settimeout(max(0.05, end - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            break
        if not chunk:
            break
        got += chunk
    return got


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_ends_the_live_streams_finishes_a_request_in_flight_and_exits_0(tmp_path, workers):
    code, _ = _make_room(tmp_path)
    server = Server(tmp_path, "--workers", workers)
    stream = form = None
    try:
        stream, status = _open_stream(server.port, f"/room/{code}/events")
        assert status == 200
        seen = _read_until(stream, b"data: ", 10)
        assert b"data: " in seen, "the projector's stream is live"
        with httpx2.Client(base_url=server.base, timeout=10) as client:  # a person's start page
            page = client.get("/")
            cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        body = urlencode({"csrf": csrf_of(page.text), "role": "trainer"}).encode()
        form = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        form.sendall(f"POST /start HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nCookie: {cookie}\r\n"
                     f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
                     .encode() + body[:10])
        time.sleep(0.5)  # the server has the request's head: it is in flight

        server.proc.send_signal(signal.SIGTERM)
        began = time.monotonic()
        ending = _read_until(stream, b"\r\n0\r\n\r\n", 10, seen)
        ended = time.monotonic() - began
        assert ending.endswith(b"\r\n0\r\n\r\n"), f"the stream ended as a stream ends, not cut off: {ending[-80:]!r}"
        assert ended < 2.5, f"the stream ended at once ({ended:.1f} s), not when the server lost patience (3 s)"

        form.sendall(body[10:])
        answer = _read_until(form, b"\r\n\r\n", 10)
        assert answer.startswith(b"HTTP/1.1 303"), f"the request in flight was answered: {answer[:80]!r}"
        assert b"location: /q/" in answer.lower()

        out, err = server.proc.communicate(timeout=10)
        gone = time.monotonic() - began
    finally:
        for sock in (stream, form):
            if sock is not None:
                sock.close()
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(timeout=10)
    assert server.proc.returncode == 0, err
    assert gone < 8, f"the process took {gone:.1f} s to stop"
    assert "samarbeid: stoppet. Svarene er lagret i" in out
    assert CUT not in err and "Traceback" not in err, err
