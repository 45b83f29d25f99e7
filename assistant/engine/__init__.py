"""The decision engine: pure functions from answers to a result. No I/O, no UI."""

from assistant.engine.evaluate import Engine, receivers

__all__ = ["Engine", "receivers"]
