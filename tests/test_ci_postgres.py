"""Where PostgreSQL's server is not installed, the PostgreSQL tests skip; where CI is set they fail, saying
how to install it (tests/pg.py), so a CI without PostgreSQL cannot pass without the store's tests on it."""

from __future__ import annotations

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
