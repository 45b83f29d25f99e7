"""`samarbeid decide` as a user runs it: examples, formats, files, exit codes.

The commands run in-process (conftest.run_cli); one test starts the real program from another folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli

samarbeid = run_cli
FORMS = ["grant", "supplier", "employment", "development"]
DESIGN_KEYS = {"form", "candidates", "secondary", "axes", "conditions", "risks", "recommendations",
               "trace", "what_would_change", "rules_version", "lang", "summary", "unanswered", "to_find_out"}


@pytest.mark.parametrize("form", FORMS)
def test_each_example_gives_its_form_with_every_design_key(form):
    proc = samarbeid("decide", f"examples/{form}.yaml", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert set(result) >= DESIGN_KEYS
    assert result["form"] == form
    assert form in result["candidates"]
    assert set(result["axes"]) == {"service", "relation"}
    for reading in result["axes"].values():
        assert {"pole", "score", "confidence"} <= set(reading)
    assert {c["id"] for c in result["conditions"]} == {
        "local_drivers", "leadership_anchoring", "cocreation_competence",
        "entrepreneur_knows_nav", "nav_partnership", "funding_schemes"}
    for risk in result["risks"]:
        assert {"id", "status", "because", "would_settle"} <= set(risk)
        assert risk["status"] in ("raised", "possible", "typical", "addressed", "ruled_out")
        assert risk["addressed_by"] or risk["status"] != "addressed"
        assert risk["because"] or risk["status"] != "raised"  # a raised risk names the answers that raise it
    assert {"reasons", "first_steps", "top_risks"} <= set(result["summary"])
    assert isinstance(result["unanswered"], int) and isinstance(result["to_find_out"], list)
    assert all({"id", "to", "how"} <= set(r) for r in result["recommendations"])
    for step in result["trace"]:
        assert {"question", "answer", "effect", "source"} <= set(step) and step["source"]
    assert {c["form"] for c in result["what_would_change"]} == set(FORMS) - {form}


@pytest.mark.parametrize("form", FORMS)
def test_what_would_change_really_changes_the_form(form, rule_base, engine):
    from assistant.loading import load_answers
    answers, _, _ = load_answers(ROOT / "examples" / f"{form}.yaml", rule_base)
    result = engine.evaluate(answers)
    assert len(result.what_would_change) == len(FORMS) - 1  # else the loop below could check nothing
    for change in result.what_would_change:
        assert engine.evaluate({**answers, **change.change}).form == change.form
        assert change.change and all(answers.get(q) != a for q, a in change.change.items())


def test_a_nearby_form_needs_few_changes(rule_base, engine):
    from assistant.loading import load_answers
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", rule_base)
    changes = {c.form: c.change for c in engine.evaluate(answers).what_would_change}
    # supplier and development share the two-way relation: working side by side on something new (the
    # relation the report defines development by, 4.1.4) is one answer away
    assert len(changes["development"]) == 1
    assert set(changes["development"]) <= {"closeness", "who_shapes", "task_defined", "goal"}


def test_every_answer_is_explained_in_the_trace(rule_base, engine):
    from assistant.loading import load_answers
    answers, _, _ = load_answers(ROOT / "examples" / "development.yaml", rule_base)
    result = engine.evaluate(answers)
    assert {s.question for s in result.trace} == set(answers)
    axis_steps = [s for s in result.trace if s.kind == "axis"]
    assert {s.question for s in axis_steps} >= {"task_defined", "who_shapes", "closeness"}
    assert all("4.1" in " ".join(s.source) for s in axis_steps)


def test_text_and_markdown_name_the_form_and_sections():
    text = samarbeid("decide", "examples/grant.yaml").stdout
    assert "Samarbeidet er først og fremst et tilskuddssamarbeid." in text
    for heading in ("Betingelser for godt samarbeid", "Risikoer og utfordringer", "Anbefalinger",
                    "Hva som ville endret resultatet", "Vedlegg: hvordan svarene ble vektet", "Kilder i rapporten"):
        assert heading in text
    # the summary first, the appendix on how the answers were weighed last
    assert text.splitlines()[3] == "Kort fortalt"
    assert text.index("Kort fortalt") < text.index("Betingelser for godt samarbeid") < \
        text.index("Vedlegg: hvordan svarene ble vektet")
    md = samarbeid("decide", "examples/development.yaml", "--format", "md", "--lang", "en").stdout
    assert md.startswith("# Collaboration between Nav and a social entrepreneur")
    assert "| New | Employment collaboration | **Development collaboration** ✔ |" in md
    assert "## Risks and challenges" in md


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_brief_prints_the_summary_page_and_not_the_details(fmt):
    full = samarbeid("decide", "examples/supplier.yaml", "--format", fmt)
    brief = samarbeid("decide", "examples/supplier.yaml", "--format", fmt, "--brief")
    assert brief.returncode == 0, brief.stderr
    out = brief.stdout
    assert "Samarbeid mellom Nav og sosial entreprenør" in out and "Kort fortalt" in out
    assert "Samarbeidet er mest et leverandørsamarbeid." in out
    from assistant.loading import load_rule_base
    assert f"samarbeid 0.1.0, regelverk {load_rule_base().version}" in out  # the versions and the date close it
    for detail in ("Betingelser for godt samarbeid", "Risikoer og utfordringer", "Anbefalinger",
                   "Hva som ville endret resultatet", "Vedlegg: hvordan svarene ble vektet", "Kilder i rapporten",
                   "Resultatet i detalj", "Detaljene følger nedenfor"):
        assert detail not in out, detail
        if not (fmt == "html" and detail == "Detaljene følger nedenfor"):  # the HTML lists the folded parts instead
            assert detail in full.stdout, detail
    assert len(out) < len(full.stdout) / 4
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<svg" not in out and 'id="section-summary"' in out
        assert "section-conditions" not in out


def test_brief_json_keeps_the_form_and_the_summary():
    proc = samarbeid("decide", "examples/grant.yaml", "--format", "json", "--brief", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"form", "candidates", "secondary", "summary", "unanswered", "to_find_out", "lang"} <= set(data)
    assert not {"trace", "conditions", "risks", "recommendations", "answers", "what_would_change"} & set(data)
    assert data["form"] == "grant"
    # the café plans to hire later: elements of employment (4.1.3)
    assert data["summary"]["headline"] == \
        "The collaboration is mostly a grant collaboration, with elements of employment collaboration."
    assert {"reasons", "first_steps", "top_risks"} <= set(data["summary"])


def test_output_file_is_written_and_nothing_printed(tmp_path):
    target = tmp_path / "result.json"
    proc = samarbeid("decide", "examples/employment.yaml", "--format", "json", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["form"] == "employment"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary file left


def test_a_written_report_can_be_read_by_others_and_an_existing_file_keeps_its_mode(tmp_path):
    import os
    import stat

    from assistant.files import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", "<p>x</p>")
        assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644
        (tmp_path / "private.yaml").write_text("a: b\n")
        os.chmod(tmp_path / "private.yaml", 0o600)
        write_atomic(tmp_path / "private.yaml", "a: c\n")
        assert stat.S_IMODE((tmp_path / "private.yaml").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_a_saved_session_is_reported_in_its_own_language_unless_told(tmp_path):
    session = tmp_path / "session.yaml"
    session.write_text((ROOT / "examples" / "grant.yaml").read_text(encoding="utf-8")
                       + "meta: {lang: en, rules_version: '2026.1'}\n", encoding="utf-8")
    assert "Grant collaboration" in samarbeid("decide", str(session)).stdout
    assert "Tilskuddssamarbeid" in samarbeid("decide", str(session), "--lang", "nb").stdout


def test_open_answers_give_candidates_not_a_form(tmp_path):
    answers = tmp_path / "open.yaml"
    answers.write_text("role: trainer\ntask_defined: specification\ngoal: deliver_service\n"
                       "service_status: finished\nmoney_flow: dont_know\nwho_shapes: dont_know\n"
                       "closeness: dont_know\ncontact: dont_know\n", encoding="utf-8")
    result = json.loads(samarbeid("decide", str(answers), "--format", "json").stdout)
    assert result["form"] is None
    # the axes leave grant or supplier; with nothing known of the money, the contact or hiring, the relation
    # could still make it employment (a hire) or development (working side by side)
    assert result["candidates"] == ["grant", "supplier", "employment", "development"]
    assert result["axes"]["relation"]["confidence"] == "open"
    assert result["axes"]["service"]["pole"] == "existing"


def test_an_empty_template_is_a_valid_answers_file(tmp_path):
    template = samarbeid("questions", "--format", "yaml").stdout
    path = tmp_path / "template.yaml"
    path.write_text(template, encoding="utf-8")
    proc = samarbeid("decide", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["form"] is None
    assert result["candidates"] == FORMS


def test_a_filled_in_template_decides(tmp_path):
    template = samarbeid("questions", "--format", "yaml", "--lang", "en").stdout
    filled = (template.replace("\ntask_defined:\n", "\ntask_defined: shaped_on_the_way\n")
              .replace("\nwho_shapes:\n", "\nwho_shapes: together\n")
              .replace("\nmoney_flow:\n", "\nmoney_flow: [project_funds, grant]\n"))
    path = tmp_path / "filled.yaml"
    path.write_text(filled, encoding="utf-8")
    result = json.loads(samarbeid("decide", str(path), "--format", "json").stdout)
    assert result["form"] == "development"
    assert "grant" in result["secondary"]


def test_cases_say_which_relation_each_line_is():
    proc = samarbeid("cases")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  [ok] hverdagsvikar:"))
    # under the verdict, the relation's first sentence, wrapped and indented
    assert " ".join(line.strip() for line in lines[at + 1:at + 3]) == (
        "Sammen med Jobbsjansen i bydel Grorud driver Moving Mamas fra 2019 tjenesten «Hverdagsvikar», "
        "som gir kvinner i bydelen deltidsarbeid.")
    assert lines[at + 1].startswith("       Sammen") and lines[at + 3].startswith("  [ok] hiring_job_seekers:")


def test_questions_text_lists_ids_and_dont_know():
    out = samarbeid("questions", "--lang", "en").stdout
    assert "task_defined: Is the task settled — or will it be — before the collaboration starts?" in out
    assert "- dont_know: Don't know" in out
    assert "asked only when: money_flow = grant" in out


def test_decide_works_from_another_folder(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "assistant", "decide", str(ROOT / "examples" / "grant.yaml")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "Tilskuddssamarbeid" in proc.stdout


def test_markup_in_rule_text_is_shown_literally(tmp_path):
    import shutil
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    forms = rules / "forms.yaml"
    evil = "Lev <script>alert(1)</script> *x* [link](http://e.vil) [bold]b[/] # h"
    content = forms.read_text(encoding="utf-8")
    content = content.replace('name: {nb: "Leverandørsamarbeid"', f'name: {{nb: "{evil}"', 1)
    assert evil in content
    forms.write_text(content, encoding="utf-8")
    text = samarbeid("decide", "examples/supplier.yaml", "--rules", str(rules)).stdout
    assert f"Samarbeidet er først og fremst et l{evil[1:]}." in " ".join(text.split())
    md = samarbeid("decide", "examples/supplier.yaml", "--rules", str(rules), "--format", "md").stdout
    import re
    assert "<script>" not in md and not re.search(r"(?<!\\)\]\(", md)
    assert ("Lev &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[link\\](http://e.vil) \\[bold\\]b\\[/\\] # h"
            in md)
    data = json.loads(samarbeid("decide", "examples/supplier.yaml", "--rules", str(rules), "--format", "json").stdout)
    assert data["form"] == "supplier"


def test_no_arguments_means_what_the_parser_says():
    from assistant.cli import build_parser, no_arguments
    assert vars(no_arguments()) == vars(build_parser(with_commands=False).parse_args([]))
    assert vars(no_arguments()) == vars(build_parser().parse_args([]))


def test_decide_holds_the_cycle_collector_back_and_turns_it_on_again(monkeypatch):
    """`decide` runs with Python's cycle collector off (its start makes many objects and little garbage;
    cli._run says why), and leaves it on again, also when the input is refused."""
    import gc

    from assistant.engine import Engine

    seen = []
    real = Engine.evaluate

    def evaluate(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "evaluate", evaluate)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert samarbeid("decide", "examples/supplier.yaml", "--format", "json").returncode == 0
    assert seen == [False] and gc.isenabled()
    assert samarbeid("decide", "examples/no-such-file.yaml").returncode == 2
    assert gc.isenabled()
    assert gc.get_freeze_count() <= frozen, "main() in a process that goes on froze its objects"


def test_the_program_freezes_what_decide_made_before_it_ends(tmp_path):
    """run(), the program's entry (`samarbeid`, `python -m assistant`), ends the process after main(): there
    decide freezes its objects (gc.freeze), so Python's shutdown need not pass over them (cli._run)."""
    code = ("import atexit, gc\n"
            "atexit.register(lambda: print('frozen' if gc.get_freeze_count() else 'not frozen'))\n"
            "from assistant.cli import run\n"
            "run()\n")
    env = {**os.environ, "SAMARBEID_CACHE_DIR": str(tmp_path)}
    decide = subprocess.run([sys.executable, "-c", code, "decide", "examples/supplier.yaml", "--format", "json"],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert decide.returncode == 0, decide.stderr
    assert json.loads(decide.stdout.rpartition("}")[0] + "}")["form"] == "supplier"
    assert decide.stdout.endswith("}\nfrozen\n")
    other = subprocess.run([sys.executable, "-c", code, "questions"], cwd=ROOT, capture_output=True, text=True,
                           env=env, timeout=60)
    assert other.returncode == 0 and other.stdout.endswith("\nnot frozen\n"), other.stderr
