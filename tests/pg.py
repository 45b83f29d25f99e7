"""A throwaway PostgreSQL for the tests: made and started by the tests themselves, stopped at the end.

One cluster per test worker (initdb takes a second or two), in a folder of its own under the system's
temporary folder, reached by a Unix socket in that folder only (it listens on no network address), with
fsync off: nothing in it needs to outlive the run. Each test gets a schema of its own in it (a few
milliseconds, where a database of its own would take a checkpoint), named in its URL's search_path.

PostgreSQL refuses to run as root: as root the cluster is made and run as the user `postgres` (which
Debian's server package makes), its folder given to that user. Where PostgreSQL's server programs are not
installed, or the cluster does not start, the tests that need it skip, saying why; where CI is set they
fail instead (.ci/run installs the server where it can), as the browser tests do.

A worker that is killed (mutmut's timeouts, a Ctrl-C that does not reach it) cannot stop its cluster: the
folder names the process that made it (`owner`), and the next cluster made stops and removes every one
whose maker is gone (`sweep`), so they do not pile up on a developer's machine.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "samarbeid"
"""The cluster's own user (its superuser): what the tests connect as, with no password over the socket."""
PORT = 5432
"""Only the socket's name: the cluster listens on no TCP port."""


def server_programs() -> Path | None:
    """The folder of PostgreSQL's initdb and pg_ctl: Debian's newest /usr/lib/postgresql/N/bin, else the PATH's."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


@dataclass
class Cluster:
    """A running throwaway cluster: where its socket is."""

    folder: Path
    programs: Path
    as_user: list[str]

    def url(self, schema: str | None = None) -> str:
        options = f"&options=-csearch_path%3D{schema}" if schema else ""
        return f"postgresql://{USER}@/postgres?host={self.folder}&port={PORT}{options}"

    def psql(self, sql: str) -> None:
        subprocess.run([str(self.programs / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(), "-c", sql],
                       check=True, capture_output=True, text=True, timeout=30)

    def new_schema(self) -> str:
        import psycopg

        name = "t_" + secrets.token_hex(6)
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.programs / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                        "immediate", "stop"], capture_output=True, timeout=60)


def _missing(reason: str) -> None:
    """Skip, or fail where CI is set: a CI without PostgreSQL must not pass without the PostgreSQL tests."""
    from tests.conftest import in_ci

    if in_ci():
        pytest.fail(f"CI is set, so the PostgreSQL tests must run, and they cannot: {reason}. Install PostgreSQL's "
                    "server (Debian/Ubuntu as root: apt-get install postgresql; .ci/run does this where it can). "
                    "Without CI set, these tests skip.", pytrace=False)
    pytest.skip(f"PostgreSQL cannot be used here: {reason}")


def _as_user() -> list[str]:
    """The command prefix that runs PostgreSQL's programs as a user it accepts (not root)."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        if shutil.which("runuser"):
            return ["runuser", "-u", name, "--"]
        if shutil.which("setpriv"):
            entry = pwd.getpwnam(name)
            return ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]
    return []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def sweep(programs: Path, as_user: list[str], where: Path | None = None) -> list[Path]:
    """Stop and remove the clusters left by test processes that are gone; the folders removed. A folder
    without its `owner` (older, or being made by another worker this moment) is left alone."""
    removed = []
    for folder in sorted(Path(where or tempfile.gettempdir()).glob("samarbeid-pg-*")):
        try:
            owner = int((folder / "owner").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        if (folder / "data").is_dir():
            subprocess.run([*as_user, str(programs / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate",
                            "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def start_cluster() -> Cluster:
    """initdb and pg_ctl start in a new temporary folder; skips (or fails under CI) where it cannot."""
    programs = server_programs()
    if programs is None:
        _missing("its server programs (initdb, pg_ctl) are not installed")
    assert programs is not None
    as_user = _as_user()
    if os.geteuid() == 0 and not as_user:
        _missing("running as root, with no user postgres or nobody to run the server as")
    sweep(programs, as_user)
    folder = Path(tempfile.mkdtemp(prefix="samarbeid-pg-"))
    (folder / "owner").write_text(str(os.getpid()), encoding="utf-8")
    if as_user:
        user = as_user[2] if as_user[0] == "runuser" else "postgres"
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data = folder / "data"
    made = subprocess.run([*as_user, str(programs / "initdb"), "-D", str(data), "-U", USER, "--auth=trust",
                           "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                          capture_output=True, text=True, timeout=120)
    if made.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        _missing(f"initdb failed: {made.stderr.strip()[-500:]}")
    settings = (f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c port={PORT} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
    started = subprocess.run([*as_user, str(programs / "pg_ctl"), "-D", str(data), "-o", settings, "-l",
                              str(folder / "log"), "-w", "-t", "60", "start"], capture_output=True, text=True,
                             timeout=120)
    if started.returncode != 0:
        log = (folder / "log").read_text(errors="replace")[-500:] if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        _missing(f"the server did not start: {started.stderr.strip()[-300:]} {log}")
    return Cluster(folder, programs, as_user)


@pytest.fixture(scope="session")
def pg_cluster():
    """A running throwaway cluster for this test worker, stopped and removed at its end."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()
    shutil.rmtree(cluster.folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """The URL of a fresh, empty schema of its own for this test."""
    return pg_cluster.new_schema()
