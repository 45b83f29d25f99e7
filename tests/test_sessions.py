"""Saved sessions (assistant/sessions.py) as a person meets them, in this process.

The assistant's Pilot walks and plain mode use the store too; these tests pin what each piece gives on
its own: the file a session is saved as (a valid answers file, read back to the same answers), the names
files and exports get, which sessions the start offers and in what order, and when a resumed file is
written to and when it is left as it was. They are also what `make mutation` runs over sessions.py.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

import pytest

from assistant import __version__
from assistant.answers import group_of
from assistant.dialogue import Dialogue
from assistant.files import TEMP_PREFIX, TEMP_SUFFIX
from assistant.loading import load_answers
from assistant.sessions import (
    HEADER,
    LEGACY_AUTOSAVE,
    SavedSession,
    SessionFile,
    SessionStore,
    resume,
    save_session,
    session_line,
    session_text,
    slug,
    stamp,
    suggested_name,
)
from tests.conftest import ROOT

NOW = datetime(2026, 11, 30, 9, 12, 5, tzinfo=timezone.utc)
ANSWERS = {"role": ("entrepreneur",), "task_defined": ("grant_call",), "goal": ("build_business",),
           "money_flow": ("grant",)}


@pytest.fixture
def example(rule_base):
    answers, _, _ = load_answers(ROOT / "examples" / "grant.yaml", rule_base)
    return answers


def test_a_saved_session_is_an_answers_file_with_a_header_and_a_meta_block(tmp_path, rule_base, example):
    text = session_text(rule_base, example, "en", group="Gruppe Nord", now=NOW)
    assert text.startswith(HEADER)
    assert text.endswith(f"meta: {{product_version: {__version__}, rules_version: '2026.2', lang: en, "
                         "saved: '2026-11-30T09:12:05Z',\n  group: Gruppe Nord}\n")
    assert "money_flow: [grant]\n" in text and "role: entrepreneur\n" in text  # as a person writes them
    path = tmp_path / "s.yaml"
    save_session(path, rule_base, example, "nb")
    answers, meta, problems = load_answers(path, rule_base)
    assert answers == example and problems == []
    assert meta["lang"] == "nb" and "group" not in meta and meta["rules_version"] == rule_base.version


def test_a_saved_session_keeps_norwegian_letters_readable(tmp_path, rule_base):
    text = session_text(rule_base, ANSWERS, "nb", group="Gruppe Sør på Ørland", now=NOW)
    assert "group: Gruppe Sør på Ørland" in text and "\\x" not in text and "\\u" not in text


def test_the_saved_time_is_utc_to_the_second(monkeypatch):
    assert stamp(NOW) == "2026-11-30T09:12:05Z"
    monkeypatch.setenv("TZ", "Pacific/Auckland")  # far from UTC: a local time would be hours off
    time.tzset()
    try:
        saved = datetime.strptime(stamp(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        assert abs((datetime.now(timezone.utc) - saved).total_seconds()) < 60
    finally:
        monkeypatch.undo()
        time.tzset()
    assert stamp(datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)) == "2026-01-02T03:04:05Z"
    now = stamp()
    assert len(now) == 20 and now.endswith("Z") and now[:4] >= "2026"


def test_the_group_name_is_shown_as_written_on_one_line_and_cut_at_80():
    assert group_of({"group": "  Gruppe \n Nord\t(Bodø) "}) == "Gruppe Nord (Bodø)"
    assert group_of({}) is None and group_of({"group": None}) is None
    assert group_of({"group": "   "}) is None
    assert group_of({"group": 12}) == "12"
    assert group_of({"group": "x" * 100}) == "x" * 80
    assert group_of({"group": "a\x1bb"}) == "a\\x1bb"  # a control character is shown, not obeyed


@pytest.mark.parametrize(("text", "name"), [
    ("Gruppe Nord (Bodø)", "gruppe-nord-bodo"),
    ("blåbær og brød", "blabaer-og-brod"),
    ("gruppe nord og gruppe sør i bodø kommune", "gruppe-nord-og-gruppe-sor-i-bodo-kommune"),  # 40: kept whole
    ("Æsj, Ørsta og Åfjord", "aesj-orsta-og-afjord"),
    ("  --Kafé  Ø--  ", "kafe-o"),
    ("", ""),
    ("«»!?", ""),
    ("en veldig lang gruppe som har et navn med mange ord", "en-veldig-lang-gruppe-som-har-et-navn"),
    ("a" * 50, "a" * 40),
    ("ord " + "b" * 45, "ord"),
    ("a" * 40 + " b", "a" * 40),
])
def test_a_name_becomes_a_file_name_part_of_whole_words_up_to_40_characters(text, name):
    assert slug(text) == name
    assert len(slug(text)) <= 40


def test_an_export_is_named_by_the_group_else_the_role_in_the_session_language_and_the_day(rule_base, engine):
    day = datetime(2026, 11, 30)
    group = Dialogue(rule_base, engine, answers=ANSWERS, group="Gruppe Nord")
    assert suggested_name(group, "html", day) == "samarbeid-gruppe-nord-2026-11-30.html"
    nb = Dialogue(rule_base, engine, answers=ANSWERS)
    assert suggested_name(nb, "md", day) == "samarbeid-sosial-entreprenor-2026-11-30.md"
    en = Dialogue(rule_base, engine, answers=ANSWERS, lang="en")
    assert suggested_name(en, "txt", day) == "samarbeid-social-entrepreneur-2026-11-30.txt"
    nobody = Dialogue(rule_base, engine)
    assert suggested_name(nobody, "json", day) == "samarbeid-2026-11-30.json"
    assert suggested_name(nobody, "json").startswith(f"samarbeid-{datetime.now():%Y-%m-%d}")


def test_a_new_session_gets_a_file_of_its_own_named_by_the_minute_and_who(tmp_path):
    store = SessionStore(tmp_path / "data" / "sessions")
    assert store.unreadable == []
    when = datetime(2026, 11, 30, 9, 12)
    old = os.umask(0o022)
    try:
        first = store.reserve("Gruppe Nord", when)
    finally:
        os.umask(old)
    assert first == tmp_path / "data" / "sessions" / "2026-11-30_0912_gruppe-nord.yaml"
    assert first.read_text() == ""  # taken at once: no other session gets the name
    assert first.stat().st_mode & 0o777 == 0o644  # a file like any other, not a program
    assert store.reserve("Gruppe Nord", when).name == "2026-11-30_0912_gruppe-nord_2.yaml"
    assert store.reserve("Gruppe Nord", when).name == "2026-11-30_0912_gruppe-nord_3.yaml"
    assert store.reserve(None, when).name == "2026-11-30_0912.yaml"
    assert store.reserve("", when).name == "2026-11-30_0912_2.yaml"
    assert first.read_text() == ""  # an earlier file is never touched
    assert (store.folder / "2026-11-30_0912_2.yaml").is_file()


def test_the_store_lives_in_the_data_folder_and_says_when_no_name_is_free(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path / "data"))
    assert SessionStore().folder == tmp_path / "data" / "sessions"

    def taken(*args, **kwargs):
        raise FileExistsError(17, "File exists")

    store = SessionStore(tmp_path / "full")
    monkeypatch.setattr(os, "open", taken)
    with pytest.raises(OSError, match=f"no free session name in {store.folder}"):
        store.reserve("x")


def test_a_session_file_is_chosen_at_the_first_save_and_kept(tmp_path, rule_base, engine):
    store = SessionStore(tmp_path / "sessions")
    keeper = store.new_file()
    assert keeper.path is None
    dialogue = Dialogue(rule_base, engine, answers=ANSWERS, group="Vest", keeper=keeper)
    keeper(dialogue)
    path = keeper.path
    assert path is not None and path.parent == tmp_path / "sessions" and path.name.endswith("_vest.yaml")
    keeper(Dialogue(rule_base, engine, answers={**ANSWERS, "goal": ("jobs",)}, group="Vest"))
    assert keeper.path == path and len(list(path.parent.iterdir())) == 1
    answers, meta, _ = load_answers(path, rule_base)
    assert answers["goal"] == ("jobs",) and meta["group"] == "Vest"
    # without a group, the role names it; a given path is written where it is, its folder made
    given = SessionFile(None, tmp_path / "new" / "deeper" / "mine.yaml")
    given(Dialogue(rule_base, engine, answers=ANSWERS, lang="en"))
    answers, meta, _ = load_answers(tmp_path / "new" / "deeper" / "mine.yaml", rule_base)
    assert answers == ANSWERS and meta["lang"] == "en"
    role_named = SessionFile(store)
    role_named(Dialogue(rule_base, engine, answers=ANSWERS))
    assert role_named.path is not None and role_named.path.name.endswith("_entrepreneur.yaml")
    with pytest.raises(ValueError, match="needs a store or a path"):
        SessionFile(None)


def _saved(store: SessionStore, rule_base, name: str, answers: dict, age: float, **kwargs) -> None:
    path = store.folder / name
    save_session(path, rule_base, answers, "nb", **kwargs)
    moment = time.time() - age
    os.utime(path, (moment, moment))


def test_the_start_offers_the_newest_sessions_with_answers_first_and_at_most_five(tmp_path, rule_base):
    store = SessionStore(tmp_path / "sessions")
    store.folder.mkdir()
    for n in range(7):
        _saved(store, rule_base, f"s{n}.yaml", {**ANSWERS, "goal": ("jobs",)} if n == 2 else ANSWERS, age=100 * n,
               group=f"G{n}")
    _saved(store, rule_base, "empty.yaml", {}, age=1)  # no answer: not offered
    (store.folder / "unknown.yaml").write_text("nothing_we_know: 1\n")  # no answer this rule base knows
    (store.folder / "notes.txt").write_text("not a session\n")
    recent = store.recent(rule_base)
    assert [s.path.name for s in recent] == ["s0.yaml", "s1.yaml", "s2.yaml", "s3.yaml", "s4.yaml"]
    assert recent[2].answers["goal"] == ("jobs",) and recent[2].group == "G2" and recent[2].lang == "nb"
    assert [s.path.name for s in store.recent(rule_base, limit=2)] == ["s0.yaml", "s1.yaml"]
    assert store.unreadable == []
    assert SessionStore(tmp_path / "none").recent(rule_base) == []
    # a name that leads nowhere (a session removed while the list is made) is passed over, not the end
    (store.folder / "0-gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (store.folder / "zz-gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert len(store.recent(rule_base, limit=10)) == 7


def test_a_saved_session_the_person_may_not_read_is_named_with_the_reason(tmp_path, rule_base, monkeypatch):
    import assistant.loading

    store = SessionStore(tmp_path / "sessions")
    store.folder.mkdir()
    _saved(store, rule_base, "good.yaml", ANSWERS, age=50)
    _saved(store, rule_base, "locked.yaml", ANSWERS, age=10)
    _saved(store, rule_base, "odd.yaml", ANSWERS, age=20)
    reading = assistant.loading.load_answers

    def refusing(path, *args, **kwargs):
        if path.name == "locked.yaml":  # as root a mode of 000 does not stop a read: refused here instead
            raise PermissionError(13, "Permission denied", str(path))
        if path.name == "odd.yaml":
            raise OSError("device went away")  # an error with no strerror: its own words
        return reading(path, *args, **kwargs)

    monkeypatch.setattr(assistant.loading, "load_answers", refusing)
    assert [s.path.name for s in store.recent(rule_base)] == ["good.yaml"]
    assert [(p.file, p.line, p.column, p.message) for p in store.unreadable] == [
        (str(store.folder / "locked.yaml"), None, None, "Permission denied"),
        (str(store.folder / "odd.yaml"), None, None, "device went away")]


def test_a_saved_session_that_cannot_be_read_is_left_as_it_is_and_named(tmp_path, rule_base):
    store = SessionStore(tmp_path / "sessions")
    store.folder.mkdir()
    _saved(store, rule_base, "good.yaml", ANSWERS, age=50)
    broken = store.folder / "broken.yaml"
    broken.write_text("role: [entrepreneur\n", encoding="utf-8")
    folder_named_yaml = store.folder / "folder.yaml"
    folder_named_yaml.mkdir()
    recent = store.recent(rule_base)
    assert [s.path.name for s in recent] == ["good.yaml"]
    assert broken.read_text(encoding="utf-8") == "role: [entrepreneur\n"
    assert sorted(p.file for p in store.unreadable) == sorted([str(broken), str(folder_named_yaml)])
    store.recent(rule_base)
    assert len(store.unreadable) == 2  # counted anew each time, not added up


def test_the_start_clears_temporaries_a_killed_save_left_and_adopts_the_old_autosave(tmp_path, rule_base):
    data = tmp_path / "data"
    store = SessionStore(data / "sessions")
    store.folder.mkdir(parents=True)
    stale = store.folder / f"{TEMP_PREFIX}x{TEMP_SUFFIX}"
    stale.write_text("half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    legacy = data / LEGACY_AUTOSAVE
    save_session(legacy, rule_base, ANSWERS, "en")
    made = datetime(2026, 10, 1, 8, 30).timestamp()
    os.utime(legacy, (made, made))
    [adopted] = store.recent(rule_base)
    assert not stale.exists() and not legacy.exists()
    assert adopted.path.name == "2026-10-01_0830.yaml" and adopted.answers == ANSWERS and adopted.lang == "en"
    assert adopted.path.stat().st_mtime == made  # it keeps its own time, so it sorts where it belongs


def test_a_resumed_file_we_wrote_is_written_on_and_any_other_is_left_as_it_was(tmp_path, rule_base):
    store = SessionStore(tmp_path / "sessions")
    ours = tmp_path / "ours.yaml"
    save_session(ours, rule_base, ANSWERS, "nb", group="Nord")
    resumed = resume(ours, rule_base, store)
    assert not resumed.moved and resumed.keeper.path == ours and resumed.source == ours
    assert resumed.answers == ANSWERS and resumed.meta["group"] == "Nord" and resumed.left_out == []
    # the person's own comment would be lost by writing it again: the answers go on in a new file
    commented = tmp_path / "commented.yaml"
    commented.write_text(ours.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    assert resume(commented, rule_base, store).moved
    # an answer this rule base does not know is kept by leaving the file alone
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("role: entrepreneur\nnot_a_question: yes\n", encoding="utf-8")
    moved = resume(unknown, rule_base, store)
    assert moved.moved and moved.keeper.path is None and moved.left_out and moved.answers == {
        "role": ("entrepreneur",)}
    # a hand-written file with the same answers is not ours either
    plain = tmp_path / "plain.yaml"
    plain.write_text("role: entrepreneur\n", encoding="utf-8")
    assert resume(plain, rule_base, store).moved


def test_a_saved_session_is_offered_as_who_group_when_and_how_many_answers(rule_base, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    dated = SavedSession(ROOT / "x.yaml", ANSWERS, {"saved": "2026-11-30T09:12:05Z"})
    assert session_line(dated, rule_base, "nb") == "Sosial entreprenør · 30.11.2026 kl. 09:12 · 4 svar"
    assert session_line(dated, rule_base, "en") == "Social entrepreneur · 30 Nov 2026, 09:12 · 4 answers"
    monkeypatch.undo()
    time.tzset()
    saved = SavedSession(ROOT / "x.yaml", ANSWERS, {"group": "Nord", "saved": "not a time", "lang": "xx"})
    assert session_line(saved, rule_base, "nb") == "Sosial entreprenør · Nord · not a time · 4 svar"
    assert session_line(saved, rule_base, "en") == "Social entrepreneur · Nord · not a time · 4 answers"
    assert saved.lang is None and saved.saved == "not a time"
    nobody = SavedSession(ROOT / "x.yaml", {"goal": ("jobs",)}, {"saved": 5})
    assert session_line(nobody, rule_base, "nb") == "Uten rolle · ? · 1 svar"
    assert nobody.saved is None and nobody.group is None
