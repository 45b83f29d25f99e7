"""Where the shipped rule base is: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "_data"
_CHECKOUT = _PACKAGE.parent


def _root() -> Path:
    return _INSTALLED if (_INSTALLED / "questions.yaml").is_file() else _CHECKOUT


def default_questions() -> Path:
    return _root() / "questions.yaml"


def default_rules() -> Path:
    return _root() / "rules"
