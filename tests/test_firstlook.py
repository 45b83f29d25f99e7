"""The first look at the roles: from the cache when it is fresh, else from questions.yaml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from assistant.firstlook import RoleChoice, remember, role_choices
from tests.conftest import ROOT

CODE = ("import sys; from pathlib import Path; from assistant.firstlook import role_choices; "
        "r = role_choices(Path(sys.argv[1])); print(r[0].label('en'), 'json' in sys.modules, 'yaml' in sys.modules)")


def _look(questions, data_dir):
    env = {**os.environ, "SAMARBEID_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CODE, str(questions)], env=env, capture_output=True, text=True,
                         timeout=60, check=True)
    *label, used_json, used_yaml = out.stdout.split()
    assert used_json == "False"  # no parser at all on the way to the first frame
    return used_yaml == "True", " ".join(label)


def test_roles_come_from_yaml_then_from_the_cache_until_the_file_changes(tmp_path, monkeypatch):
    questions = tmp_path / "questions.yaml"
    shutil.copy(ROOT / "questions.yaml", questions)
    data = tmp_path / "data"
    used_yaml, label = _look(questions, data)
    assert used_yaml and label == "Leader of a Nav office"
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(data))
    remember(questions, role_choices(questions))
    used_yaml, label = _look(questions, data)
    assert not used_yaml and label == "Leader of a Nav office"
    # a changed questions file is read again
    questions.write_text(questions.read_text(encoding="utf-8").replace(
        'en: "Leader of a Nav office"', 'en: "Manager of a Nav office"'), encoding="utf-8")
    used_yaml, label = _look(questions, data)
    assert used_yaml and label == "Manager of a Nav office"


def test_a_broken_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    (tmp_path / "firstlook.tsv").write_text("samarbeid firstlook 2\nnot a key\n\t\t\t\t", encoding="utf-8")
    roles = role_choices(ROOT / "questions.yaml")
    assert roles[0] == RoleChoice("nav_leader", {"nb": "Leder for et Nav-kontor", "nn": "Leiar for eit Nav-kontor",
                                                 "en": "Leader of a Nav office"},
                                  {"nb": "Du leder kontoret, både den statlige og den kommunale delen.",
                                   "nn": "Du leier kontoret, både den statlege og den kommunale delen.",
                                   "en": "You lead the office, both its state and its municipal part."})


def test_the_explanations_are_remembered_with_the_labels(tmp_path, monkeypatch):
    """The start screen shows what each role means (issue 20): from the cache as from questions.yaml."""
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    questions = ROOT / "questions.yaml"
    read = role_choices(questions)
    assert all(role.explain("nb") and role.explain("nn") and role.explain("en") for role in read)
    remember(questions, read)
    assert (tmp_path / "firstlook.tsv").read_text(encoding="utf-8").startswith("samarbeid firstlook 3 nb nn en\n")
    assert role_choices(questions) == read
    # a cache of the first format (labels only) is read again from questions.yaml, explanations and all
    (tmp_path / "firstlook.tsv").write_text("samarbeid firstlook 1\n" + "\n".join(
        (tmp_path / "firstlook.tsv").read_text(encoding="utf-8").split("\n")[1:]), encoding="utf-8")
    assert role_choices(questions) == read


def test_a_cache_of_two_languages_is_read_again_with_nynorsk(tmp_path, monkeypatch):
    """Before nynorsk the cache had a label and an explanation in nb and en: such a file (a key that is
    still right) is not read, nor is it an error; the roles come from questions.yaml, in nynorsk too, and
    the cache is written anew in the new shape."""
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    questions = ROOT / "questions.yaml"
    key = f"{questions.resolve()}|{questions.stat().st_size}|{questions.stat().st_mtime_ns}"
    old = "\n".join(["samarbeid firstlook 2", key, "nav_leader\tLeder\tLeader\tDu leder\tYou lead"]) + "\n"
    (tmp_path / "firstlook.tsv").write_text(old, encoding="utf-8")
    read = role_choices(questions)
    assert read[0].label("nn") == "Leiar for eit Nav-kontor"
    remember(questions, read)
    lines = (tmp_path / "firstlook.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "samarbeid firstlook 3 nb nn en" and len(lines[2].split("\t")) == 7
    assert role_choices(questions) == read
    # a row with a column too few (a language added since) is not read either
    (tmp_path / "firstlook.tsv").write_text("\n".join(lines[:2] + ["nav_leader\tA\tB\tC\tD\tE"]), encoding="utf-8")
    assert role_choices(questions) == read


def test_a_label_missing_in_a_language_is_shown_in_bokmal():
    role = RoleChoice("trainer", {"nb": "Kursholder", "nn": "", "en": "Trainer"}, {"nb": "Holder kurs"})
    assert role.label("nn") == "Kursholder" and role.explain("nn") == "Holder kurs" and role.label("en") == "Trainer"


def test_labels_the_format_cannot_hold_are_not_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    questions = ROOT / "questions.yaml"
    remember(questions, [RoleChoice("trainer", {"nb": "Kursholder\tmed tab", "en": "Trainer"}, {})])
    assert not (tmp_path / "firstlook.tsv").exists()
    remember(questions, [RoleChoice("trainer", {"nb": "Kursholder", "en": "Trainer"}, {"nb": "Med\nlinjeskift"})])
    assert not (tmp_path / "firstlook.tsv").exists()
    remember(questions, [RoleChoice("trainer", {"nb": "Kursholder", "en": "Trainer"}, {"nb": "Holder kurs"})])
    assert role_choices(questions) == [RoleChoice("trainer", {"nb": "Kursholder", "nn": "", "en": "Trainer"},
                                                  {"nb": "Holder kurs", "nn": "", "en": ""})]
