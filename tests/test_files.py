"""What a reader of a written file sees when the writer is killed: the old file or the whole new one.

files.write_atomic promises that a report, a saved session or an export is never half written, even
when the program is killed (Ctrl-C twice, a closed laptop, the OOM killer, `kill -9`). These tests
kill a real process that is writing and then read the file as the next program would: they fail if
write_atomic writes in place (the review's mutant M5, which passed all 818 tests of the time).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.files import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    OutputRefused,
    remove_stale_temporaries,
    writable_target,
    write_atomic,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kills a process by a POSIX signal")

OLD = "old session\n" * 100  # 1.2 KB
# the new text as an expression for the writing process too: 4.8 MB, a write the kernel takes in many pieces
NEW_LINE, OTHER_LINE = "ny økt, hele og ferdig\n", "annen versjon\n"
NEW, NEW_MADE = NEW_LINE * 200_000, f"{NEW_LINE!r} * 200_000"
OTHER, OTHER_MADE = OTHER_LINE * 250_000, f"{OTHER_LINE!r} * 250_000"  # 3.5 MB


def _writer(script: str, **kwargs) -> subprocess.Popen[str]:
    """A Python process running `script` with this tree's assistant (cwd ROOT puts it first on sys.path)."""
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, text=True, **kwargs)


def _temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))


def test_killed_between_writing_and_renaming_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "session.yaml"
    target.write_text(OLD, encoding="utf-8")
    # the new text is on disk in the temporary file; at the rename the process is killed (SIGKILL: no clean-up)
    script = f"""
import os, signal
from pathlib import Path
from assistant.files import write_atomic
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
write_atomic(Path({str(target)!r}), "x" * 3_000_000)
"""
    proc = _writer(script)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == OLD
    # what is left is the temporary file beside it, whole, and under a name the clean-up knows
    [left] = _temporaries(tmp_path)
    assert left.read_text(encoding="utf-8") == "x" * 3_000_000


def test_killed_in_the_middle_of_writing_leaves_the_old_file_whole(tmp_path):
    """The kernel kills the writer once it has written 1 MB of the 4.8 MB (a file-size limit and its signal,
    SIGXFSZ, at its default action): wherever write_atomic puts those bytes, the file named keeps the old text."""
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")
    script = f"""
import resource, signal
from pathlib import Path
from assistant.files import write_atomic
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it; a killed process does not
resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, resource.RLIM_INFINITY))
write_atomic(Path({str(target)!r}), {NEW_MADE})
"""
    proc = _writer(script)
    assert proc.wait(timeout=60) == -signal.SIGXFSZ
    assert target.read_text(encoding="utf-8") == OLD
    [left] = _temporaries(tmp_path)
    assert 0 < left.stat().st_size <= 1_000_000  # the half-written text went to the temporary file only


def test_a_reader_sees_the_old_or_the_new_file_while_a_writer_is_killed_at_random_moments(tmp_path):
    """A writer rewrites the file again and again (alternating two texts); a reader reads it meanwhile,
    and the writer is killed at a random moment, ten times. Every read and the file after each kill
    is one of the two texts, whole."""
    target = tmp_path / "export.txt"
    target.write_text(NEW, encoding="utf-8")
    script = f"""
import sys
from pathlib import Path
from assistant.files import write_atomic
texts = [{OTHER_MADE}, {NEW_MADE}]
print("ready", flush=True)
i = 0
while True:
    write_atomic(Path({str(target)!r}), texts[i % 2])
    i += 1
"""
    rng = random.Random(21)
    seen: set[int] = set()
    for _ in range(10):
        proc = _writer(script, stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        deadline = time.monotonic() + rng.uniform(0.05, 0.4)
        while time.monotonic() < deadline:
            text = target.read_text(encoding="utf-8")
            assert text in (NEW, OTHER), f"a reader saw a part: {len(text)} characters"
            seen.add(len(text))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        proc.stdout.close()
        assert target.read_text(encoding="utf-8") in (NEW, OTHER)
    assert seen == {len(NEW), len(OTHER)}  # the writer did replace the file while it was read


def test_a_write_replaces_the_whole_text_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text(NEW, encoding="utf-8")
    write_atomic(target, "kort\n")
    assert target.read_bytes() == b"kort\n"
    write_atomic(target, "linje én\r\nlinje to\n")
    assert target.read_bytes() == "linje én\r\nlinje to\n".encode()  # UTF-8, and the text's own line ends kept
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_the_new_text_goes_to_a_temporary_file_beside_the_target_and_is_renamed_over_it(tmp_path, monkeypatch):
    """In this process (so that `make mutation` sees it too): the rename is from a temporary of ours, in
    the target's own folder (a rename across file systems is not atomic), holding the whole text in UTF-8."""
    target = tmp_path / "session.yaml"
    target.write_text(OLD, encoding="utf-8")
    renames: list[tuple[Path, Path, bytes]] = []
    rename = os.replace

    def watched(source: str, destination: Path) -> None:
        renames.append((Path(source), Path(destination), Path(source).read_bytes()))
        assert target.read_text(encoding="utf-8") == OLD  # until the rename, a reader sees the old file
        rename(source, destination)

    monkeypatch.setattr(os, "replace", watched)
    write_atomic(target, "blåbær\n")
    [(source, destination, written)] = renames
    assert destination == target and source.parent == tmp_path
    assert source.name.startswith(TEMP_PREFIX) and source.name.endswith(TEMP_SUFFIX)
    assert written == "blåbær\n".encode() and target.read_bytes() == "blåbær\n".encode()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "session.yaml"
    target.write_text(OLD, encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, NEW)
    assert target.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["session.yaml"]


def test_a_write_through_a_link_writes_the_file_it_leads_to_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert writable_target(link) == real
    write_atomic(link, "ny\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "ny\n"
    # a link to nothing yet: the file is made where it leads
    dangling = tmp_path / "later.md"
    dangling.symlink_to(tmp_path / "made.md")
    write_atomic(dangling, "laget\n")
    assert (tmp_path / "made.md").read_text(encoding="utf-8") == "laget\n" and dangling.is_symlink()


def test_what_is_not_a_regular_file_and_an_input_are_refused_with_the_reason(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(OutputRefused) as refused:
        write_atomic(folder, "x")
    assert refused.value.strerror == "it is a folder; name a file in it" and refused.value.filename == str(folder)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputRefused) as refused:
        write_atomic(fifo, "x")
    assert refused.value.strerror == (
        "it is not a regular file (a device, a pipe or a socket); name a file, or leave out -o to write to the screen")
    assert refused.value.filename == str(fifo)
    answers = tmp_path / "answers.yaml"
    answers.write_text(OLD, encoding="utf-8")
    other = tmp_path / "other.yaml"
    with pytest.raises(OutputRefused) as refused:
        write_atomic(answers, "x", inputs=[other, answers])
    assert refused.value.strerror == f"it is the input file {answers}; name another file for the output"
    assert refused.value.filename == str(answers)
    assert answers.read_text(encoding="utf-8") == OLD
    # an input that cannot be looked at is not the output, and does not stop the write
    write_atomic(tmp_path / "out.txt", "x", inputs=[tmp_path / "gone.yaml"])
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "x"
    assert writable_target(tmp_path / "new.txt") == tmp_path / "new.txt"


def test_a_name_without_a_folder_is_written_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_atomic(Path("plain.txt"), "her\n")
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "her\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plain.txt"]


def test_modes_new_files_follow_the_umask_and_an_existing_file_keeps_its_own(tmp_path):
    old = os.umask(0o002)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o664  # rw for all the umask allows, no x
        assert os.umask(0o027) == 0o002  # the umask itself is left as it was
        kept = tmp_path / "kept.txt"
        kept.write_text("x")
        os.chmod(kept, 0o604)
        write_atomic(kept, "y")
        assert kept.stat().st_mode & 0o777 == 0o604
    finally:
        os.umask(old)


def test_the_clean_up_removes_only_our_temporaries_older_than_an_hour(tmp_path):
    hour_ago = time.time() - 3601
    stale = tmp_path / f"{TEMP_PREFIX}abc{TEMP_SUFFIX}"
    fresh = tmp_path / f"{TEMP_PREFIX}def{TEMP_SUFFIX}"
    theirs = tmp_path / "notes.tmp"
    folder_like_ours = tmp_path / f"{TEMP_PREFIX}dir{TEMP_SUFFIX}"
    for path in (stale, fresh, theirs):
        path.write_text("x")
    folder_like_ours.mkdir()
    for path in (stale, theirs, folder_like_ours):
        os.utime(path, (hour_ago, hour_ago))
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, theirs.name, folder_like_ours.name])
    # a shorter age given removes the fresh one too; a folder that is not there is no error
    os.utime(fresh, (time.time() - 60, time.time() - 60))
    remove_stale_temporaries(tmp_path, older_than=30)
    assert not fresh.exists()
    remove_stale_temporaries(tmp_path / "gone")


def test_the_clean_up_keeps_a_temporary_exactly_as_old_as_the_limit_and_survives_a_folder_it_cannot_read(
        tmp_path, monkeypatch):
    now = 2_000_000_000.0
    monkeypatch.setattr(time, "time", lambda: now)
    limit = tmp_path / f"{TEMP_PREFIX}limit{TEMP_SUFFIX}"
    limit.write_text("x")
    os.utime(limit, (now - 3600, now - 3600))
    remove_stale_temporaries(tmp_path)
    assert limit.exists()  # "older than an hour": an hour to the second is not older

    def unreadable(self, pattern):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "glob", unreadable)
    remove_stale_temporaries(tmp_path)  # no error: the clean-up is a courtesy, never a reason to stop
