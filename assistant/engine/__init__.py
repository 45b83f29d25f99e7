"""The decision engine: pure functions from answers to a result. No I/O, no UI, no words."""

from assistant.engine.evaluate import Engine

__all__ = ["Engine"]
