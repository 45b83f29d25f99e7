"""The pictures README.md and docs/ show: each is made by a test, so none goes stale.

`IMAGES` names every file in docs/images/ and the test that makes it. tests/test_readme.py checks
that README.md and docs/*.md show no picture but these, and that docs/images/ holds no other file.
After a change that a picture shows, `make test` makes it again; look at it before committing it.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from tests.conftest import ROOT

FOLDER = ROOT / "docs" / "images"

IMAGES: dict[str, str] = {
    # tests/docs/test_terminal_screenshots.py
    "terminal-result.png": "the assistant in a terminal: the result's first screen, «Kort fortalt»",
    "terminal-start.png": "the assistant's start screen: «Hvem er du?» and the roles",
    # tests/docs/test_screenshots.py
    "browser-question.png": "the interview in a browser: a question with its options",
    "browser-result.png": "the result page in a browser: the summary first",
    "workshop-new-room.png": "«Lag et workshoprom»: the trainer makes a room",
    "workshop-trainer.png": "the trainer's page: code, address, QR code, the projector's buttons",
    "workshop-projector-join.png": "the projector before the groups join: address, code, QR code",
    "workshop-phone-join.png": "a group joins on a phone: code and group name",
    "workshop-projector-matrix.png": "the projector: the groups on the four-field matrix",
    "workshop-phone-quiz.png": "a group places the quiz's case on a phone",
    "workshop-projector-reveal.png": "the projector after «Vis rapportens svar»",
    "workshop-projector-compare.png": "the projector: «Sammenligningen» of the groups",
}

DAY = date(2026, 11, 30)
"""The date the pictures show wherever a page or screen says when it was made: a picture made on
another day is then the same picture, and is not written again."""


def save(name: str, data: bytes) -> Path:
    """Write docs/images/NAME whole (a temporary file, then a rename), and only if it changed."""
    assert name in IMAGES, f"{name} is not in tests/docs/images.py's IMAGES"
    path = FOLDER / name
    if path.is_file() and path.read_bytes() == data:
        return path
    FOLDER.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=FOLDER, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
