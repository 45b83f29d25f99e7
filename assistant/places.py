"""Where samarbeid keeps its files: SAMARBEID_DATA_DIR, or the user's data directory; and its cache."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    override = os.environ.get("SAMARBEID_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("samarbeid", appauthor=False)


def cache_dir() -> Path:
    """What can be made again (the rule base's snapshot): SAMARBEID_CACHE_DIR; else, where
    SAMARBEID_DATA_DIR moves samarbeid's files, its `cache` folder; else the user's cache folder
    (XDG_CACHE_HOME/samarbeid, or ~/.cache/samarbeid)."""
    override = os.environ.get("SAMARBEID_CACHE_DIR")
    if override:
        return Path(override)
    data = os.environ.get("SAMARBEID_DATA_DIR")
    if data:
        return Path(data) / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("samarbeid", appauthor=False)
