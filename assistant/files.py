"""Writing a file safely: atomically, only to the file named, and only to a regular file.

A file is either the old one or the whole new one, never half: the text goes to a temporary
file beside it, is flushed to disk, and is renamed into place. Only a regular file (or a
name not yet taken) is written: a device, a FIFO, a folder, or a link to anything but a
regular file is refused, so `-o /dev/full` or `-o /dev/stdout` never replace the device
node or the link with a file. A link to a regular file writes that file and keeps the link.
An input of the same run is never written over.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMP_PREFIX = ".samarbeid-"
TEMP_SUFFIX = ".tmp"


class OutputRefused(OSError):
    """A file that is not written, and why (in `strerror`, as for any failed write)."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(why)
        self.strerror = why
        self.filename = str(path)


def write_atomic(path: Path, text: str, *, inputs: Iterable[Path] = ()) -> None:
    """Write text to `path` atomically; refuse what is not a regular file, and any of `inputs`."""
    target = writable_target(Path(path), inputs)
    folder = target.parent  # Path("name").parent is Path("."): a bare name is written in the current folder
    # a short temporary name beside it: it fits beside any name the file system allows
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    try:
        os.chmod(tmp, _mode_for(target))  # mkstemp makes it 0600; a report is meant to be handed on
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def writable_target(path: Path, inputs: Iterable[Path] = ()) -> Path:
    """The file a write to `path` replaces: `path`, or the regular file a link at `path` leads to.

    Raises OutputRefused for a device, a FIFO, a socket, a folder, a link to any of those or to
    nothing that can be made, and for a file that is one of `inputs`.
    """
    target = path
    if path.is_symlink():
        target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        return target  # a new file (the folder's own errors come from the write)
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(path, "it is a folder; name a file in it")
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(path, "it is not a regular file (a device, a pipe or a socket); name a file, "
                                  "or leave out -o to write to the screen")
    for given in inputs:
        try:
            same = os.path.samefile(given, target)
        except OSError:
            same = False
        if same:
            raise OutputRefused(path, f"it is the input file {given}; name another file for the output")
    return target


def remove_stale_temporaries(folder: Path, older_than: float = 3600.0) -> None:
    """Remove the temporary files a write that was killed left in `folder` (ours by name, an hour old)."""
    import time

    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if leftover.is_file() and now - leftover.stat().st_mtime > older_than:
                    leftover.unlink()


def _mode_for(path: Path) -> int:
    """The file's own mode when it exists, else what a new file gets under the user's umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
