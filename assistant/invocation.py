"""How to type `samarbeid` again, as this run was started: what the farewell and the error messages
put before `decide FILE`, so that a command they suggest works when typed as written.

`samarbeid` where that name on the PATH is this very program (after `pipx install .`); `./samarbeid`
from a clone's folder (the wrapper beside the .venv, which says it started us); otherwise the path this
run was started by (`.venv/bin/samarbeid` after `make run`). Pure: reads argv, the PATH and the folder.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

NAME = "samarbeid"
WRAPPER_VARIABLE = "SAMARBEID_WRAPPER"  # set by the ./samarbeid wrapper to its own path


def _same(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _as_typed(path: Path) -> str:
    """The path as someone in the current folder would type it: relative below it, absolute elsewhere."""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return shlex.quote(str(path))
    typed = str(relative)
    return shlex.quote(typed if "/" in typed else f"./{typed}")


def command(argv0: str | None = None) -> str:
    """The command to type for `samarbeid` in messages: `samarbeid`, `./samarbeid` or a path."""
    started = argv0 if argv0 is not None else (sys.argv[0] if sys.argv and sys.argv[0] else NAME)
    on_path = shutil.which(NAME)
    wrapper = os.environ.get(WRAPPER_VARIABLE)
    if wrapper:
        if on_path and _same(on_path, wrapper):
            return NAME
        return _as_typed(Path(wrapper))
    if Path(started).name != NAME:  # python -m assistant, or a test's own runner
        if on_path:
            return NAME
        beside = Path(__file__).resolve().parent.parent / NAME
        return _as_typed(beside) if beside.is_file() else f"{Path(sys.executable).name} -m assistant"
    if "/" not in started or (on_path and _same(on_path, started)):
        return NAME
    script = Path(started).resolve()
    clone_wrapper = script.parent.parent.parent / NAME  # <clone>/.venv/bin/samarbeid -> <clone>/samarbeid
    if script.parent.parent.name == ".venv" and clone_wrapper.is_file():
        return _as_typed(clone_wrapper)
    return _as_typed(Path(started))
