"""Where samarbeid keeps its files: SAMARBEID_DATA_DIR, or the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path


def data_dir() -> Path:
    override = os.environ.get("SAMARBEID_DATA_DIR")
    return Path(override) if override else user_data_path("samarbeid", appauthor=False)
