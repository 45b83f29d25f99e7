"""UPDATE_GOLDEN=1 writes a golden file anew, shows the diff and fails; with CI set it refuses.

Before, a run with UPDATE_GOLDEN=1 wrote each golden file and then compared the output with what it had
just written: it passed whatever the report said, and nobody was shown what changed (the review of
December 2026; 5 of 18 commits that changed goldens did not say so).
"""

from __future__ import annotations

import pytest

from tests.conftest import match_golden

OLD = "Skjema: tilskudd\nRisiko: 3\nSlutt\n"
NEW = "Skjema: tilskudd\nRisiko: 4\nSlutt\n"


@pytest.fixture
def golden(tmp_path, monkeypatch):
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    monkeypatch.delenv("CI", raising=False)
    path = tmp_path / "grant.nb.txt"
    path.write_text(OLD, encoding="utf-8")
    return path


def test_without_update_a_difference_fails_and_the_file_is_kept(golden):
    with pytest.raises(AssertionError, match=r"grant\.nb\.txt differs"):
        match_golden(golden, NEW)
    assert golden.read_text(encoding="utf-8") == OLD
    match_golden(golden, OLD)  # the same text passes


def test_update_rewrites_a_changed_file_and_fails_showing_the_diff(golden, monkeypatch):
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.fail.Exception) as failed:
        match_golden(golden, NEW)
    message = str(failed.value)
    assert "grant.nb.txt rewritten (UPDATE_GOLDEN=1)" in message
    assert "-Risiko: 3\n+Risiko: 4\n" in message and "@@" in message
    assert "Slutt" in message  # context lines of a unified diff
    assert golden.read_text(encoding="utf-8") == NEW
    match_golden(golden, NEW)  # the next run with UPDATE_GOLDEN=1 has nothing to rewrite, and passes


def test_update_writes_a_missing_file_and_fails_showing_it_whole(golden, monkeypatch):
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    new = golden.parent / "new" / "compare.md"
    with pytest.raises(pytest.fail.Exception, match=r"compare.md written .*\n.*\n.*\n@@ -0,0 \+1,3 @@\n\+Skjema"):
        match_golden(new, NEW)
    assert new.read_text(encoding="utf-8") == NEW


def test_with_ci_set_update_is_refused_and_nothing_is_written(golden, monkeypatch):
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="golden files are never rewritten in CI"):
        match_golden(golden, NEW)
    with pytest.raises(pytest.fail.Exception, match="golden files are never rewritten in CI"):
        match_golden(golden, OLD)  # refused even where nothing would change: the run itself is wrong
    assert golden.read_text(encoding="utf-8") == OLD


def test_a_missing_golden_without_update_fails_saying_how_to_make_it(golden):
    with pytest.raises(AssertionError, match="missing: run with UPDATE_GOLDEN=1"):
        match_golden(golden.parent / "gone.txt", NEW)
