"""The rule base's snapshot (assistant/snapshot.py): a second start reads it instead of the YAML, and
anything wrong with it (changed, cut short, tampered with, for other files, not ours) makes the
start read the YAML again and make a new one, never an error. `check` never reads it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant import loading, snapshot
from assistant.errors import InputError
from assistant.loading import load_rule_base, read_rule_base
from assistant.models import records
from tests.conftest import ROOT, run_cli


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAMARBEID_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def copy(tmp_path):
    """A copy of the shipped rule base: (questions, rules)."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copy(ROOT / "questions.yaml", tmp_path / "questions.yaml")
    return tmp_path / "questions.yaml", tmp_path / "rules"


@pytest.fixture
def yaml_loads(monkeypatch):
    """Counts the loads from YAML (each parses and validates every file)."""
    calls: list[Path | None] = []
    real = loading.read_rule_base

    def counting(questions=None, rules=None, **kwargs):
        calls.append(questions)
        return real(questions, rules, **kwargs)

    monkeypatch.setattr(loading, "read_rule_base", counting)
    return calls


def _fresh(questions: Path, rules: Path):
    loaded = read_rule_base(questions, rules)
    assert not loaded.problems
    return loaded.rule_base


@pytest.fixture(scope="module")
def fresh():
    """The shipped rule base read from its YAML, never from a snapshot: what `_fresh(*copy)` gives for a
    copy left as it was (`copy` copies the bytes, and no record holds the folder it was read from), read
    once for the module. A test that changes its copy reads that copy with _fresh."""
    return _fresh(ROOT / "questions.yaml", ROOT / "rules")


def _the_snapshot(cache: Path) -> Path:
    [found] = cache.glob("rulebase-*.json")
    return found


def test_the_first_load_leaves_a_snapshot_the_second_reads_without_the_yaml(cache, copy, yaml_loads, fresh):
    first = load_rule_base(*copy)
    assert len(yaml_loads) == 1
    kept = _the_snapshot(cache)
    assert kept.read_bytes().startswith(b'{"format":"samarbeid rule-base snapshot 2"')
    second = load_rule_base(*copy)
    assert len(yaml_loads) == 1, "the second load parsed the YAML again"
    assert second == first == fresh
    # the same records, down to the kind of each condition and text
    assert type(second.risks[0].applies_when) is type(first.risks[0].applies_when)
    assert type(second.questions.questions[0].text) is type(first.questions.questions[0].text)


def test_the_shipped_rule_base_read_back_from_its_snapshot_equals_a_fresh_load(cache, fresh):
    load_rule_base()
    assert load_rule_base() == fresh


def _tamper(path: Path, how: str) -> None:
    raw = path.read_bytes()
    header, _, body = raw.partition(b"\n")
    if how == "a changed text":  # one word changed: the digest no longer matches
        path.write_bytes(raw.replace(b"Nav", b"NAV", 1))
    elif how == "cut short":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "garbage":
        path.write_bytes(b"\x00\xff not a snapshot \n at all")
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "another key":
        meta = json.loads(header)
        meta["key"] = "0" * 64
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    elif how == "a class that is no model, with a matching digest":
        # a file written to look whole: it names a class the snapshot must never make
        new = body.replace(b'"$":"Topic"', b'"$":"Path"', 1)
        assert new != body
        _rewrite(path, header, new)
    elif how == "an object without a tag, with a matching digest":
        # a model's object with its tag taken out: plain data where the rule base has a model
        new = body.replace(b'{"$":"Topic",', b"{", 1)
        assert new != body
        _rewrite(path, header, new)
    elif how == "a missing field, with a matching digest":
        data = json.loads(body)
        del data["meta"]
        _rewrite(path, header, json.dumps(data).encode())
    elif how == "a folder in its place":
        path.unlink()
        path.mkdir()
    else:
        raise AssertionError(how)


def _rewrite(path: Path, header: bytes, body: bytes) -> None:
    import hashlib

    meta = json.loads(header)
    meta["digest"] = hashlib.sha256(body).hexdigest()
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body)


@pytest.mark.parametrize("how", ["a changed text", "cut short", "garbage", "empty", "another key",
                                 "a class that is no model, with a matching digest",
                                 "an object without a tag, with a matching digest",
                                 "a missing field, with a matching digest", "a folder in its place"])
def test_a_tampered_or_unreadable_snapshot_is_ignored_and_made_again(cache, copy, yaml_loads, fresh, how):
    load_rule_base(*copy)
    kept = _the_snapshot(cache)
    _tamper(kept, how)
    again = load_rule_base(*copy)  # no error for the user
    assert len(yaml_loads) == 2, "a tampered snapshot was trusted"
    assert again == fresh
    if how != "a folder in its place":  # a folder is never written over: that start only loses the speed-up
        assert load_rule_base(*copy) == again
        assert len(yaml_loads) == 2, "the snapshot was not made again"


def test_a_changed_rule_file_makes_the_snapshot_stale(cache, copy, yaml_loads):
    questions, rules = copy
    before = load_rule_base(questions, rules)
    risks = rules / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    name = before.risks[0].name.get("en")
    risks.write_text(text.replace(name, name + " (changed)", 1), encoding="utf-8")
    after = load_rule_base(questions, rules)
    assert len(yaml_loads) == 2
    assert after.risks[0].name.get("en") == name + " (changed)"
    assert after == _fresh(questions, rules)
    load_rule_base(questions, rules)
    assert len(yaml_loads) == 2  # the new snapshot is read


def test_a_changed_questions_file_or_a_new_rule_file_makes_it_stale(cache, copy, yaml_loads):
    questions, rules = copy
    load_rule_base(questions, rules)
    questions.write_text(questions.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    load_rule_base(questions, rules)
    assert len(yaml_loads) == 2  # a comment changes no model, but the bytes are what count
    (rules / "extra.yaml").write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_rule_base(questions, rules)
    assert "extra.yaml" in str(err.value.problems[0])


def test_a_broken_file_keeps_its_message_file_and_line_though_a_snapshot_exists(cache, copy):
    questions, rules = copy
    load_rule_base(questions, rules)
    meta = rules / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("roles:", "roels:", 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_rule_base(questions, rules)
    problem = err.value.problems[0]
    assert problem.file == str(meta) and problem.line is not None
    proc = run_cli("decide", str(ROOT / "examples" / "grant.yaml"), "--questions", str(questions),
                   "--rules", str(rules))
    assert proc.returncode == 2
    assert f"{meta}:{problem.line}" in proc.stderr and "roels" in proc.stderr


def test_a_cache_folder_that_cannot_be_written_costs_only_the_speed_up(tmp_path, monkeypatch, copy, fresh):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("SAMARBEID_CACHE_DIR", str(blocked / "cache"))  # cannot be made: as a read-only home
    assert load_rule_base(*copy) == fresh
    proc = run_cli("decide", str(ROOT / "examples" / "grant.yaml"), "--format", "json")
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["form"] == "grant"


def test_a_write_that_fails_leaves_no_part_of_a_snapshot(cache, copy, monkeypatch, fresh):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("assistant.files.write_atomic", full)
    assert load_rule_base(*copy) == fresh
    assert not list(cache.glob("rulebase-*")) if cache.exists() else True


def test_check_never_reads_the_snapshot(cache, copy, monkeypatch):
    questions, rules = copy
    load_rule_base(questions, rules)
    _tamper(_the_snapshot(cache), "garbage")

    def refuse(*args, **kwargs):
        raise AssertionError("check read the snapshot")

    monkeypatch.setattr(snapshot, "load", refuse)
    monkeypatch.setattr(snapshot, "loads", refuse)
    proc = run_cli("check", "--questions", str(questions), "--rules", str(rules))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # and a broken file fails check whatever snapshot there is
    (rules / "forms.yaml").write_text("forms: [\n", encoding="utf-8")
    proc = run_cli("check", "--questions", str(questions), "--rules", str(rules))
    assert proc.returncode == 2 and "forms.yaml" in proc.stdout


def test_a_snapshot_names_only_rule_base_records():
    names = records()
    assert "RuleBase" in names and "AllOf" in names and "Words" in names
    assert "Path" not in names and "Frozen" not in names and "Strict" not in names
