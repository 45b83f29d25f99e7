"""How many examples the property tests try: a hypothesis settings profile, chosen by SAMARBEID_PROPERTIES.

- `quick` (the default; `make test`, `make test-fast` and CI): a fixed, smaller budget, a quarter of the
  thorough one (at least 5 examples a test). Every run still draws new examples, so the many runs of
  `make test` keep hunting; a failure found once is replayed first from hypothesis's example database
  (.hypothesis/, which git ignores).
- `thorough` (`make test-thorough`): the budget the suite had before issue 21 (100 random walks, 25 rule
  mutations of each kind, 60-180 hostile documents a reader), for a change to the engine, the loaders or
  the YAML reader, and before a release.

Each test still takes its own count from the environment for a longer hunt: WALKS=2000 MUTATIONS=1000
HOSTILE_EXAMPLES=500 ANSWER_SETS=100000 CHANGE_SETS=2000 make test-thorough.
An unknown profile name fails the run (hypothesis says so)."""

from __future__ import annotations

import os

from hypothesis import settings

THOROUGH = 100
settings.register_profile("thorough", max_examples=THOROUGH, deadline=None)
settings.register_profile("quick", max_examples=THOROUGH // 4, deadline=None)
settings.load_profile(os.environ.get("SAMARBEID_PROPERTIES", "quick"))


def examples(thorough: int, variable: str) -> int:
    """The examples a test tries: `thorough` in the thorough profile, its share in another; the environment
    variable `variable`, where set, says how many instead."""
    given = os.environ.get(variable)
    if given:
        return int(given)
    return max(5, thorough * settings.default.max_examples // THOROUGH)
