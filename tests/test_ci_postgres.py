"""Where PostgreSQL's server is not installed, the PostgreSQL tests skip; where CI is set they fail, saying
how to install it (tests/pg.py), so a CI without PostgreSQL cannot pass without the store's tests on it."""

from __future__ import annotations

import os

import pytest

from tests import pg


def test_without_the_server_programs_the_tests_skip_and_under_ci_they_fail(monkeypatch):
    monkeypatch.setattr(pg, "server_programs", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="initdb, pg_ctl"):
        pg.start_cluster()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install postgresql"):
        pg.start_cluster()


def test_a_cluster_left_by_a_process_that_is_gone_is_swept_and_no_other(tmp_path):
    """A killed worker's cluster is removed by the next one made; a live worker's, and one being made (no
    `owner` yet), are left alone."""
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    folders = {name: tmp_path / f"samarbeid-pg-{name}" for name in ("gone", "alive", "making")}
    for folder in folders.values():
        folder.mkdir()
    (folders["gone"] / "owner").write_text(gone.stdout.strip(), encoding="utf-8")
    (folders["alive"] / "owner").write_text(str(os.getpid()), encoding="utf-8")
    (tmp_path / "not-ours").mkdir()

    removed = pg.sweep(tmp_path / "no-programs", [], where=tmp_path)

    assert removed == [folders["gone"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-ours", "samarbeid-pg-alive", "samarbeid-pg-making"]
