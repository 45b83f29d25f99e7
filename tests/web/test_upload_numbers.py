"""An uploaded answers file goes through the same reader as `samarbeid decide` (issue 19): what the
command line refuses with its line, the upload page shows, with a 400 and nothing stored."""

from __future__ import annotations

import pytest

SEXAGESIMAL = "1" + ":59" * 300 + ".5"


@pytest.mark.parametrize(("data", "words"), [
    (f"role: entrepreneur\ngoal: {SEXAGESIMAL}\n", ["mine.yaml:2:7", "unknown option", "1:59:59:59"]),
    (f"role: entrepreneur\ngoal: !!float {SEXAGESIMAL}\n", ["mine.yaml:2:7", "is not a number"]),
    ("~\n", ["mine.yaml:1:1", "the file is empty"]),
], ids=["sexagesimal", "tagged", "null"])
def test_an_upload_the_reader_refuses_shows_where_and_stores_nothing(person, data, words):
    """F7: a sexagesimal float gave HTTP 500 and a traceback in the log. F30: `~` was taken as an empty file
    (303 to the first question)."""
    person.get("/")
    refused = person.post("/upload", {}, files={"file": ("mine.yaml", data.encode(), "application/yaml")})
    assert refused.status_code == 400, refused.text[:500]
    assert 'role="alert"' in refused.text
    for w in words:
        assert w in refused.text
    assert "Traceback" not in refused.text
