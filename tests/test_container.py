"""Issue 23, point 4: the container (the Dockerfile at the top of the repository).

Three tests: what the Dockerfile claims, read from it (a user that is not root, a health check, an
official slim Python, the lock file); what the container runs, run here the way it runs it, without
Docker (the CMD's own command line, the image's environment, HOME and the working folder not writable,
the cache not writable); and the image itself, built and run with a read-only root file system as a
user that is not root, where a Docker daemon answers (it skips, saying so, where none does).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

from tests.conftest import ROOT

DOCKERFILE = ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions in order, (KEYWORD, its arguments), continuation lines joined and
    comments left out."""
    found: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        pending += " " + stripped.removesuffix("\\").strip() if pending else stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            keyword, _, rest = pending.partition(" ")
            found.append((keyword.upper(), rest.strip()))
            pending = ""
    return found


def final_stage() -> list[tuple[str, str]]:
    """The instructions of the image's own stage (from its last FROM on)."""
    steps = instructions()
    last = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last:]


def arguments() -> dict[str, str]:
    """The ARG defaults given before the first FROM."""
    found = {}
    for keyword, rest in instructions():
        if keyword == "FROM":
            break
        if keyword == "ARG" and "=" in rest:
            name, _, value = rest.partition("=")
            found[name] = value
    return found


def environment() -> dict[str, str]:
    """What the image's ENV instructions set (PATH aside: the test's own Python stands for the venv)."""
    found: dict[str, str] = {}
    for keyword, rest in final_stage():
        if keyword == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                found[name] = value
    found.pop("PATH", None)
    return found


def command() -> list[str]:
    """The CMD, in its exec form (a JSON list)."""
    (rest,) = [rest for keyword, rest in final_stage() if keyword == "CMD"]
    words = json.loads(rest)
    assert isinstance(words, list) and all(isinstance(w, str) for w in words), "CMD in its exec form"
    return words


# ------------------------------------------------------------ what the Dockerfile says
def test_the_dockerfile_runs_as_a_user_not_root_from_an_official_slim_python_with_the_lock_and_a_health_check():
    steps = instructions()
    bases = [rest.split()[0] for keyword, rest in steps if keyword == "FROM"]
    named = arguments()
    resolved = [re.sub(r"\$\{(\w+)\}", lambda m: named[m.group(1)], base) for base in bases]
    assert resolved and all(re.fullmatch(r"python:3\.1[12][\w.]*-slim(-\w+)?", base) for base in resolved), resolved

    users = [rest for keyword, rest in final_stage() if keyword == "USER"]
    assert users, "the image names its user"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0") and user.isdigit(), "a numeric user that is not root (runAsNonRoot can check)"

    runs = " ".join(rest for keyword, rest in steps if keyword == "RUN")
    assert re.search(r"pip install --constraint requirements\.lock \.(\s|$)", runs), "installed from the lock"
    assert "[dev]" not in runs and "-e " not in runs, "no development tools, no editable install"
    copied = " ".join(rest for keyword, rest in steps if keyword == "COPY")
    assert "requirements.lock" in copied and "rules" in copied and "questions.yaml" in copied

    checks = [rest for keyword, rest in final_stage() if keyword == "HEALTHCHECK"]
    assert len(checks) == 1 and "/internal/isready" in checks[0] and "urllib" in checks[0] and "curl" not in checks[0]
    assert "SAMARBEID_DATA_DIR" in environment()
    assert any(keyword == "VOLUME" and environment()["SAMARBEID_DATA_DIR"] in rest for keyword, rest in final_stage())
    words = command()
    assert words[:2] == ["samarbeid", "serve"] and words[words.index("--host") + 1] == "0.0.0.0"
    assert words[words.index("--port") + 1] == "8000"
    assert any(keyword == "EXPOSE" and rest.split()[0] == "8000" for keyword, rest in final_stage())


def test_dockerignore_keeps_the_venv_and_the_history_out():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "tests"} <= set(ignored)


# ------------------------------------------------------------ what the container runs, without Docker
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.xdist_group("serve-process")
def test_the_containers_command_serves_with_nothing_writable_but_its_data_folder(tmp_path):
    """The CMD as the image runs it (its port aside: a free one here), with the image's environment, HOME
    and the cache where nothing can be written (under a file: not even root can), and a working folder
    that must stay as it was: the server is ready, keeps an answer, and writes nowhere but its data."""
    httpx2 = pytest.importorskip("httpx2")
    from tests.web.conftest import csrf_of, options_of

    data = tmp_path / "data"
    data.mkdir()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder\n")
    work = tmp_path / "work"
    work.mkdir()
    port = _free_port()
    words = command()
    words[words.index("--port") + 1] = str(port)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SAMARBEID_")}, **environment(),
           "SAMARBEID_DATA_DIR": str(data), "HOME": str(blocked / "home"),
           "SAMARBEID_CACHE_DIR": str(blocked / "cache"), "XDG_CACHE_HOME": str(blocked / "cache"),
           "PYTHONPATH": str(ROOT)}
    assert words[0] == "samarbeid"
    proc = subprocess.Popen([sys.executable, "-m", "assistant", *words[1:]], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        said = proc.stdout.readline()
        assert f":{port}/" in said, (said, proc.stderr.read() if proc.poll() is not None else "")
        base = f"http://127.0.0.1:{port}"
        with httpx2.Client(base_url=base, timeout=20) as client:
            assert client.get("/internal/isready").status_code == 200
            token = csrf_of(client.get("/").text)
            where = client.post("/start", data={"csrf": token, "role": "trainer"}).headers["location"]
            option = options_of(client.get(where).text)[0]
            after = client.post(where, data={"csrf": token, "answer": option}).headers["location"]
            assert client.get("/continue").headers["location"] == after, "the answer is kept"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    assert "stoppet. Svarene er lagret i" in out
    assert list(work.iterdir()) == [], "nothing written in the working folder"
    assert (data / "web.sqlite3").is_file(), "the answers are in the data folder"


# ------------------------------------------------------------ the image itself, where Docker is
def _docker_skip_reason() -> str | None:
    if shutil.which("docker") is None:
        return "no docker command on the PATH"
    try:
        info = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True,
                              timeout=20)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"docker does not answer: {err}"
    if info.returncode != 0 or not info.stdout.strip():
        return "no Docker daemon answers: " + (info.stderr.strip().splitlines() or ["?"])[-1]
    return None


@pytest.mark.xdist_group("serve-process")
def test_the_image_builds_and_answers_isready_as_a_user_not_root_on_a_read_only_root(tmp_path):
    reason = _docker_skip_reason()
    if reason is not None:
        pytest.skip(reason)
    tag = f"samarbeid-test:{uuid.uuid4().hex[:12]}"
    built = subprocess.run(["docker", "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-3000:]
    name = f"samarbeid-test-{uuid.uuid4().hex[:12]}"
    try:
        run = subprocess.run(
            ["docker", "run", "--detach", "--name", name, "--read-only", "--user", "10001:10001",
             "--tmpfs", "/data:uid=10001,gid=10001,mode=0700", "--tmpfs", "/tmp", "--publish", "127.0.0.1::8000",
             tag], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        where = subprocess.run(["docker", "port", name, "8000/tcp"], capture_output=True, text=True, timeout=20)
        port = int(where.stdout.strip().splitlines()[0].rsplit(":", 1)[1])
        import urllib.error
        import urllib.request

        status = None
        end = time.monotonic() + 60
        while time.monotonic() < end and status != 200:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/internal/isready", timeout=5) as answer:
                    status = answer.status
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        assert status == 200, subprocess.run(["docker", "logs", name], capture_output=True, text=True).stderr
        user = subprocess.run(["docker", "exec", name, "id", "-u"], capture_output=True, text=True, timeout=20)
        assert user.stdout.strip() == "10001"
        stopped = subprocess.run(["docker", "stop", "--time", "10", name], capture_output=True, text=True, timeout=60)
        assert stopped.returncode == 0
        code = subprocess.run(["docker", "inspect", "--format", "{{.State.ExitCode}}", name], capture_output=True,
                              text=True, timeout=20)
        assert code.stdout.strip() == "0", "SIGTERM ends the server cleanly"
    finally:
        subprocess.run(["docker", "rm", "--force", name], capture_output=True, timeout=60)
        subprocess.run(["docker", "image", "rm", "--force", tag], capture_output=True, timeout=60)
