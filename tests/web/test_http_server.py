"""Issue 19 (hostile input, third round) against a real `samarbeid serve`: slow clients, the Host
header and the proxy, the live streams' caps, and how the server stops. Each test names the
probe's row (F4, F16, ...) it mends.

The server runs in a process of its own over a data folder of its own; the clients are raw sockets
(a slow client is one that sends half a request) and httpx2. The deadlines a test cannot wait for
at their real length (a body's, a write's) are tested on uvicorn with the same protocol and short
limits, in this process.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.web.connections import Limits
from tests.conftest import ROOT
from tests.web.conftest import csrf_of

httpx2 = pytest.importorskip("httpx2")

pytestmark = pytest.mark.xdist_group("serve-process")
HEADER_TIMEOUT = Limits().header


class Server:
    """`samarbeid serve --port 0 ARGS` in a process of its own; `base` is the address it printed."""

    def __init__(self, data: Path, *args: str, files: int | None = None, env: dict[str, str] | None = None) -> None:
        def limit() -> None:  # the probe's `ulimit -n 256`
            import resource

            resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))

        environment = {**os.environ, "SAMARBEID_DATA_DIR": str(data), "PYTHONPATH": str(ROOT), **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0", *args], cwd=ROOT,
                                     env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     preexec_fn=limit if files else None)
        self.said = self.proc.stdout.readline()
        found = re.search(r"http://(\S+?):(\d+)/", self.said)
        if not found:
            self.proc.kill()
            pytest.fail(f"no address printed: {self.said!r} {self.proc.stderr.read()}")
        self.host, self.port = found.group(1), int(found.group(2))
        self.base = f"http://{self.host}:{self.port}"

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, self.said + out, err


@contextmanager
def serving(tmp_path: Path, *args: str, **kwargs):
    server = Server(tmp_path, *args, **kwargs)
    try:
        yield server
    finally:
        if server.proc.poll() is None:
            _, _, err = server.stop()
            assert "Traceback" not in err, err


# ------------------------------------------------------------ F4: slow clients
async def _get(port: int, path: str = "/") -> tuple[int, float]:
    """A visitor's GET on a connection of its own: its status and how long it took."""
    began = time.monotonic()
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    line = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    return int(line.split()[1]), time.monotonic() - began


async def _slowloris(port: int, count: int, visitors: float) -> tuple[list[float | None], list[tuple[int, float]]]:
    """`count` half-sent requests; how long each stayed open (None: still open after the header
    timeout and some), and a visitor's GET every 0.2 s meanwhile, for `visitors` seconds."""

    async def hold() -> float | None:
        began = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
        except (OSError, asyncio.TimeoutError):
            return 0.0  # not even let in: it holds nothing
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n")
        try:
            await asyncio.wait_for(reader.read(), HEADER_TIMEOUT + 3)
        except asyncio.TimeoutError:
            return None
        except OSError:
            pass
        finally:
            writer.close()
        return time.monotonic() - began

    async def visit() -> list[tuple[int, float]]:
        seen = []
        end = time.monotonic() + visitors
        while time.monotonic() < end:
            try:
                seen.append(await _get(port))
            except (OSError, asyncio.TimeoutError, IndexError, ValueError):
                seen.append((0, 99.0))
            await asyncio.sleep(0.2)
        return seen

    holders = [asyncio.ensure_future(hold()) for _ in range(count)]
    await asyncio.sleep(0.5)  # the slow clients first
    seen = await visit()
    return list(await asyncio.gather(*holders)), seen


def test_slow_clients_are_cut_off_and_a_visitor_is_served_meanwhile(tmp_path):
    """F4: 300 half-sent requests against a server limited to 256 open files held it for ever and every
    new request was refused; each is cut off within the header timeout, and a visitor is served all along."""
    with serving(tmp_path, files=256) as server:
        held, seen = asyncio.run(_slowloris(server.port, 300, HEADER_TIMEOUT + 1))
        assert None not in held, f"{held.count(None)} of 300 half-sent requests still open"
        # cut off at the header timeout; the slack is for a machine busy with other work (2 cores, 300 clients)
        assert max(held) <= HEADER_TIMEOUT + 2.5, max(held)
        assert seen and all(status == 200 for status, _ in seen), seen
        assert max(took for _, took in seen) < 2.0, seen
        assert asyncio.run(_get(server.port))[0] == 200


def test_a_connection_that_sends_nothing_is_closed(tmp_path):
    """F4: a bare connect (and an idle kept-alive connection) stayed open for ever."""
    with serving(tmp_path) as server:
        bare = socket.create_connection(("127.0.0.1", server.port))
        kept = socket.create_connection(("127.0.0.1", server.port))
        kept.sendall(f"GET /static/web.css HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        began = time.monotonic()
        for sock in (bare, kept):
            sock.settimeout(HEADER_TIMEOUT + 3)
            while sock.recv(65536):
                pass
            sock.close()
        assert time.monotonic() - began <= HEADER_TIMEOUT + 1.5


# ------------------------------------------------------------ F18, F16, F28: hosts and proxies
def test_the_server_answers_to_its_own_names_and_the_allowed_ones_only(tmp_path):
    """F18: any Host was served, and an 8 KB one gave a 500; another Host than the allowed is a 400."""
    with serving(tmp_path, "--allowed-host", "samarbeid.example.org",
                 env={"SAMARBEID_ALLOWED_HOSTS": "room.example, 10.9.8.7"}) as server, \
            httpx2.Client(base_url=server.base, timeout=10) as client:
        for host, status in (("evil.example", 400), ("h" * 8000, 400), (f"127.0.0.1:{server.port}", 200),
                             (f"localhost:{server.port}", 200), ("samarbeid.example.org", 200),
                             ("room.example:8000", 200), ("10.9.8.7", 200), ("sub.samarbeid.example.org", 400)):
            page = client.get("/", headers={"host": host})
            assert page.status_code == status, host[:40]
            if status == 400:
                assert "evil" not in page.text and "hhhh" not in page.text


def test_a_bad_allowed_host_is_said_plainly(tmp_path, monkeypatch):
    """F18: `--allowed-host` and SAMARBEID_ALLOWED_HOSTS take host names and addresses only."""
    from tests.conftest import run_cli

    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    bad = run_cli("serve", "--allowed-host", "evil/example", "--port", "0")
    assert bad.returncode == 2 and "er ikke et vertsnavn eller en adresse" in bad.stderr
    assert "Traceback" not in bad.stderr
    monkeypatch.setenv("SAMARBEID_ALLOWED_HOSTS", "ok.example, not a/name")
    bad = run_cli("serve", "--port", "0")
    assert bad.returncode == 2 and "SAMARBEID_ALLOWED_HOSTS" in bad.stderr and "Traceback" not in bad.stderr
    bad = run_cli("serve", "--proxy", "proxy.example", "--port", "0", "--lang", "en")
    assert bad.returncode == 2 and "is not an address or network" in bad.stderr


def test_x_forwarded_for_from_loopback_does_not_get_past_the_join_limiter(tmp_path):
    """F16: each of 200 unknown codes with its own X-Forwarded-For was a 404, never a 429: the limiter
    counted the addresses the client claimed. Without --proxy the header is not believed."""
    with serving(tmp_path) as server, httpx2.Client(base_url=server.base, timeout=10) as client:
        statuses = [client.get(f"/join?code=ZZZZZ{n % 10}", headers={"x-forwarded-for": f"10.9.{n}.1"}).status_code
                    for n in range(45)]
        assert statuses.count(404) == 40 and statuses[-1] == 429, statuses
        page = client.get("/", headers={"x-forwarded-proto": "https"})
        assert "Secure" not in page.headers.get("set-cookie", ""), "X-Forwarded-Proto is not believed either"


def test_behind_a_named_proxy_the_forwarded_headers_count_and_cookies_are_secure(tmp_path):
    """F28 (and F16): with `--proxy 127.0.0.1` the proxy's X-Forwarded-For names the client (each its own
    bucket), and over https (X-Forwarded-Proto) the session cookie is Secure."""
    with serving(tmp_path, "--proxy", "127.0.0.1") as server:
        with httpx2.Client(base_url=server.base, timeout=10) as client:
            statuses = {client.get("/join?code=ZZZZZZ", headers={"x-forwarded-for": f"10.9.{n}.1"}).status_code
                        for n in range(45)}
            assert statuses == {404}, "each forwarded client has its own bucket"
        with httpx2.Client(base_url=server.base, timeout=10) as trainer:  # a browser of its own, over https
            https = {"x-forwarded-proto": "https"}
            page = trainer.get("/workshop", headers=https)
            # the cookies are Secure, so the client keeps them for https only: the proxy's side of it is https;
            # a page stores no session (F5): its forms carry the token of the cookie samarbeid_form
            form = re.search(r"samarbeid_form=([^;]+)", page.headers["set-cookie"]).group(1)
            made = trainer.post("/workshop", data={"csrf": csrf_of(page.text), "lang": "en"},
                                headers={**https, "cookie": f"samarbeid_form={form}"})
            assert made.status_code == 303 and made.headers["location"].startswith("/room/")
            cookies = [v for response in (page, made) for k, v in response.headers.multi_items() if k == "set-cookie"]
            assert cookies and all("; Secure" in cookie for cookie in cookies), cookies


# ------------------------------------------------------------ F23, F27: starting and stopping
def test_sigterm_stops_the_server_as_ctrl_c_does_and_127_1_is_this_computer(tmp_path):
    """F23: SIGTERM killed the server (rc -15) without its stop line; F27: `--host 127.1` warned about
    the network. SIGTERM now ends as Ctrl-C (rc 0, "stopped"), and 127.1 is loopback: no warning."""
    server = Server(tmp_path, "--host", "127.1")
    try:
        assert server.base.startswith("http://127.0.0.1:") and "fra nettverket" not in server.said
        with httpx2.Client(base_url=server.base, timeout=10) as client:
            assert client.get("/").status_code == 200
    finally:
        code, out, err = server.stop(signal.SIGTERM)
    assert code == 0, err
    assert "samarbeid: stoppet. Svarene er lagret i" in out
    assert "alle som når denne maskinen" not in err and "Traceback" not in err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_the_moment_the_address_is_printed_stops_the_server(tmp_path, sig):
    """The address was printed before the server ran, so a Ctrl-C at once could come before its handlers
    and leave it running (seen as a 30 s hang under load). It is printed once they are in place; three
    rounds, each stopped the instant the line is read, each end cleanly with the stop line."""
    for round_ in range(3):
        server = Server(tmp_path / str(round_))
        code, out, err = server.stop(sig)
        assert code == 0, err
        assert "samarbeid: stoppet. Svarene er lagret i" in out
        assert "Traceback" not in err, err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1", "localhost", "::1", "[::1]", "127.255.0.9", "0x7f.1"])
def test_every_loopback_form_is_this_computer(host):
    """F27: `is_loopback` read only the dotted-quad form."""
    from assistant.web.serve import is_loopback

    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5", "192.168.1.20", "example.invalid"])
def test_other_addresses_are_the_network(host):
    """F27: the warning still comes for an address on the network."""
    from assistant.web.serve import is_loopback

    assert not is_loopback(host)


# ------------------------------------------------------------ F19: the live streams
def _make_room(data: Path, *groups: str) -> tuple[str, list[str]]:
    """A room in the data folder's store, as a trainer would have made it, with these groups in it:
    its code and the groups' session ids (each a browser's cookie)."""
    from assistant.store import SqliteStore
    from assistant.workshop.rooms import check_join

    store = SqliteStore(data / "web.sqlite3")
    try:
        assert store.new_room("ABC234", "0" * 64, "en", "matrix") is not None
        sessions = [store.join("ABC234", "en", lambda room, taken, name=name: check_join(
            name, taken, False, len(taken)))[0].id for name in groups]
    finally:
        store.close()
    return "ABC234", sessions


def _open_stream(port: int, path: str, cookie: str = "") -> tuple[socket.socket, int]:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    extra = f"Cookie: {cookie}\r\n" if cookie else ""
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n{extra}\r\n"
                 .encode())
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return sock, int(head.split()[1])


def test_live_streams_are_capped_per_browser_and_per_room(tmp_path):
    """F19: 400 streams on one room were all served (each costing a rendering per change); beyond a
    browser's share a stream is a 429, beyond the room's a 503, and a page is still served."""
    from assistant.web.live import StreamCaps

    code, (session,) = _make_room(tmp_path, "Nord")
    cookie = f"samarbeid_session={session}"
    with serving(tmp_path) as server:
        caps = StreamCaps()
        opened = []
        try:
            for _ in range(caps.per_browser):
                sock, status = _open_stream(server.port, f"/room/{code}/events?view=group", cookie)
                opened.append(sock)
                assert status == 200
            sock, status = _open_stream(server.port, f"/room/{code}/events?view=group", cookie)
            opened.append(sock)
            assert status == 429, "a browser's own share is full"
            statuses = []
            for _ in range(caps.per_room - caps.per_browser + 1):
                sock, status = _open_stream(server.port, f"/room/{code}/events")
                opened.append(sock)
                statuses.append(status)
            assert statuses[:-1] == [200] * (caps.per_room - caps.per_browser) and statuses[-1] == 503, statuses
            assert asyncio.run(_get(server.port, f"/room/{code}/screen"))[0] == 200, "pages are still served"
        finally:
            for sock in opened:
                sock.close()
        time.sleep(0.5)  # the server notices the streams have gone, and counts them out
        sock, status = _open_stream(server.port, f"/room/{code}/events", cookie)
        sock.close()
        assert status == 200, "a closed stream leaves room for a new one"


# ------------------------------------------------------------ the deadlines on uvicorn itself (short limits)
@contextmanager
def uvicorn_with(limits: Limits, sndbuf: int | None = None):
    """uvicorn with the guarded protocol and `limits` in a thread, over a tiny app: a form that reads
    its body, and one megabyte to download."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    from assistant.web.serve import config

    async def form(request: Request) -> Response:
        return PlainTextResponse(str(len(await request.body())))

    async def big(request: Request) -> Response:
        return PlainTextResponse("x" * 1_000_000)

    app = Starlette(routes=[Route("/form", form, methods=["POST"]), Route("/big", big)])
    sock = socket.socket()
    if sndbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, sndbuf)  # the connections inherit it
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(config(app, limits))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _closed_within(sock: socket.socket, seconds: float) -> float:
    """How long until the server closed the connection (fails after `seconds`)."""
    began = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:
        pytest.fail(f"still open after {seconds} s")
    return time.monotonic() - began


def test_a_body_that_stops_coming_is_cut_off():
    """F4: a body sent a few bytes and then nothing held the request (and its connection) for ever."""
    with uvicorn_with(Limits(body_idle=0.5, body=3)) as port:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
        assert _closed_within(sock, 3) < 1.5
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
        began = time.monotonic()
        for _ in range(20):  # a byte every 0.3 s keeps the idle deadline away, not the whole body's
            try:
                slow.sendall(b"a")
            except OSError:
                break
            time.sleep(0.3)
        _closed_within(slow, 3)
        assert time.monotonic() - began < 4.5
        whole = socket.create_connection(("127.0.0.1", port))
        whole.sendall(b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
        assert whole.recv(65536).startswith(b"HTTP/1.1 200"), "a body that comes is read"


def test_a_response_nobody_reads_is_cut_off():
    """F4, F19: a client that never reads (a stream or a download) held its connection for ever."""
    with uvicorn_with(Limits(write=0.5), sndbuf=4096) as port:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", port))
        sock.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(2)  # not reading: the server's buffer fills, and after `write` seconds it gives up
        received = 0
        sock.settimeout(3)
        try:
            while chunk := sock.recv(65536):
                received += len(chunk)
        except ConnectionResetError:
            pass
        assert received < 1_000_000, "the server cut the response off"


def test_headers_beyond_the_limit_are_refused():
    """F4: headers without end (llhttp sets no limit) grew the server's memory for as long as they came."""
    from assistant.web.connections import MAX_HEADER

    with uvicorn_with(Limits()) as port:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /form HTTP/1.1\r\nHost: x\r\n")
        sent = 0
        try:
            while sent < 4 * MAX_HEADER:
                sock.sendall(b"X-Filler: " + b"a" * 1000 + b"\r\n")
                sent += 1012
        except OSError:
            pass
        assert _closed_within(sock, 3) < 3
