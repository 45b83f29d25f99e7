"""Shared fixtures: the shipped rule base, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.loading import load_rule_base

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rule_base():
    return load_rule_base(ROOT / "questions.yaml", ROOT / "rules")


@pytest.fixture(scope="session")
def engine(rule_base):
    return Engine(rule_base)
