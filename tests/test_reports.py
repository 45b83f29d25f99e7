"""The reports a user hands on: text, Markdown, HTML and JSON for every example, in nb and en.

Golden files: tests/golden/<example>.<lang>.<txt|md|html|json>, made with a
fixed date (REPORT_DATE) so they never change by themselves. After a deliberate
change of a report, regenerate them and read the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_reports.py

Each golden file that changed is written anew and its test fails showing the diff
(tests/conftest.py's match_golden); run again without UPDATE_GOLDEN to see them pass.
Where CI is set, UPDATE_GOLDEN is refused.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.ids import LANGS as ALL_LANGS
from assistant.loading import load_answers, load_rule_base
from assistant.render import SUFFIX, render
from assistant.render.view import build_view
from tests.conftest import ROOT, match_golden

GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ["grant", "supplier", "employment", "development"]
LANGS = ["nb", "en"]
FORMATS = ["text", "md", "html", "json"]
REPORT_DATE = date(2026, 11, 22)


def example_result(rule_base, engine, name: str):
    answers, _, _ = load_answers(ROOT / "examples" / f"{name}.yaml", rule_base)
    return engine.evaluate(answers)


class PageText(HTMLParser):
    """What a browser shows as text (outside <style>), and every tag and attribute it meets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "style":
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "style":
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def flat(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(html: str) -> PageText:
    page = PageText()
    page.feed(html)
    page.close()
    return page


# --------------------------------------------------------------------------- golden files

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_report_matches_its_golden_file(name, lang, fmt, rule_base, engine):
    out = render(rule_base, example_result(rule_base, engine, name), fmt, lang, made=REPORT_DATE)
    golden = GOLDEN / f"{name}.{lang}.{SUFFIX[fmt]}"
    match_golden(golden, out)


NYNORSK_EXAMPLES = ["grant", "supplier"]
"""Two of the examples in nynorsk (issue 22): a grant for an entrepreneur, a purchase read by a Nav leader."""


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NYNORSK_EXAMPLES)
def test_a_report_in_nynorsk_matches_its_golden_file(name, fmt, rule_base, engine):
    out = render(rule_base, example_result(rule_base, engine, name), fmt, "nn", made=REPORT_DATE)
    match_golden(GOLDEN / f"{name}.nn.{SUFFIX[fmt]}", out)
    if fmt == "html":
        assert '<html lang="nn">' in out
    if fmt == "json":
        assert json.loads(out)["lang"] == "nn"


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_report_in_nynorsk_has_no_bokmal_or_english_left(name, rule_base, engine):
    """Every example, every format a person reads: no phrase of bokmål or English that differs from its
    nynorsk (tests/leaks.py). In bokmål, the same finder finds nynorsk and English gone, and the report
    full of bokmål phrases: it can fail."""
    from tests.leaks import leaks

    result = example_result(rule_base, engine, name)
    for fmt in ("text", "md", "html"):
        assert leaks(render(rule_base, result, fmt, "nn", made=REPORT_DATE), rule_base) == [], fmt
    assert leaks(render(rule_base, result, "text", "nb", made=REPORT_DATE), rule_base)
    assert leaks(render(rule_base, result, "text", "nb", made=REPORT_DATE), rule_base, "nb") == []


def test_the_same_inputs_give_byte_identical_reports(rule_base, engine):
    result = example_result(rule_base, engine, "development")
    for fmt in FORMATS:
        assert render(rule_base, result, fmt, "nb", made=REPORT_DATE) == \
            render(rule_base, result, fmt, "nb", made=REPORT_DATE)


# --------------------------------------------------------------------------- content and order

def test_sections_come_in_the_order_a_reader_needs(rule_base, engine):
    view = build_view(rule_base, example_result(rule_base, engine, "supplier"), "nb", made=REPORT_DATE)
    keys = [s.key for s in view.sections]
    wanted = ["form", "conditions", "risks", "recommendations", "what_would_change", "answers",
              "similar_cases", "sources"]
    assert [k for k in keys if k in wanted] == wanted
    # how the answers were weighed is an appendix: the last section, titled as one
    assert keys[-1] == "trace" and view.sections[-1].title == "Vedlegg: hvordan svarene ble vektet"
    assert view.summary.title == "Kort fortalt" and view.summary.form
    assert len(view.headline) <= 3
    assert view.footer == f"samarbeid 0.1.0, regelverk {rule_base.version}, laget 22.11.2026"


@pytest.mark.parametrize("lang", LANGS)
def test_html_holds_every_section_in_order_with_the_matrix_first(lang, rule_base, engine):
    result = example_result(rule_base, engine, "supplier")
    view = build_view(rule_base, result, lang, made=REPORT_DATE)
    html = render(rule_base, result, "html", lang, made=REPORT_DATE)
    page = parse(html)
    # the summary, the list of the parts, then each part folded: the matrix (with the form and why), the sections
    assert [attrs.get("id") for tag, attrs in page.tags if tag in ("section", "nav")] == [
        "section-summary", "section-contents"]
    parts = [attrs.get("id") for tag, attrs in page.tags if "part-body" in (attrs.get("class") or "")]
    assert parts == ["section-matrix", *(f"section-{s.key}" for s in view.sections)]
    assert [attrs["href"] for tag, attrs in page.tags if tag == "a"] == [f"#{part}" for part in parts]
    assert [tag for tag, _ in page.tags].count("details") == len(parts)
    assert 'id="section-headline"' in html
    # every section's heading and every item's title is on the page, as text
    for section in view.sections:
        assert section.title in page.flat
        for item in section.items:
            assert " ".join(item.title.split()) in page.flat
    assert view.headline[0] in page.flat
    assert view.footer in page.flat
    # the matrix: four quadrants, this collaboration's form marked, the dot placed (drawn wide, and for a phone)
    quadrants = [attrs["class"] for tag, attrs in page.tags if tag == "g" and "quadrant" in (attrs.get("class") or "")]
    assert quadrants == ["quadrant q-plain", "quadrant q-primary", "quadrant q-plain", "quadrant q-plain"] * 2
    assert [tag for tag, _ in page.tags].count("circle") >= 1


def _dot(html: str) -> tuple[float, float]:
    match = re.search(r'<circle class="dot" cx="([\d.]+)" cy="([\d.]+)" r="9"/>', html)
    assert match, "no dot in the matrix"
    return float(match.group(1)), float(match.group(2))


@pytest.mark.parametrize("name, column, row", [("grant", 0, 0), ("supplier", 1, 0),
                                               ("employment", 0, 1), ("development", 1, 1)])
def test_the_dot_sits_in_the_quadrant_of_the_form(name, column, row, rule_base, engine):
    from assistant.render.html import GRID_H, GRID_W, GRID_X, GRID_Y
    x, y = _dot(render(rule_base, example_result(rule_base, engine, name), "html", "en", made=REPORT_DATE))
    assert (x > GRID_X + GRID_W / 2) == bool(column) and GRID_X < x < GRID_X + GRID_W
    assert (y > GRID_Y + GRID_H / 2) == bool(row) and GRID_Y < y < GRID_Y + GRID_H


def test_open_answers_mark_candidates_and_draw_how_far_they_reach(rule_base, engine):
    answers = {"role": ("trainer",), "task_defined": ("grant_call",), "who_shapes": ("dont_know",),
               "closeness": ("dont_know",), "contact": ("dont_know",)}
    result = engine.evaluate(answers)
    assert len(result.candidates) > 1
    html = render(rule_base, result, "html", "en", made=REPORT_DATE)
    for drawn in html.split('class="matrix-drawing matrix-')[1:]:  # the wide drawing and the phone's
        drawn = drawn.split("</svg>")[0]
        assert drawn.count("quadrant q-candidate") + drawn.count("quadrant q-primary") == len(result.candidates)
    assert '<path class="range"' in html
    assert "how far the &#34;don&#39;t know&#34; answers could move it" in html
    md = render(rule_base, result, "md", "en", made=REPORT_DATE)
    assert "(?)" in md  # the Markdown matrix marks the candidates too


def test_secondary_forms_are_marked_in_every_layout(rule_base, engine):
    answers = {"role": ("trainer",), "task_defined": ("shaped_on_the_way",), "who_shapes": ("together",),
               "money_flow": ("project_funds", "grant")}
    result = engine.evaluate(answers)
    assert result.form == "development" and "grant" in result.secondary
    html = render(rule_base, result, "html", "en", made=REPORT_DATE)
    assert re.search(r'<g class="quadrant q-secondary">\s*<rect[^>]*/>\s*<text[^>]*><tspan[^>]*>\+ Grant collaboration',
                     html)
    assert "| Existing | Grant collaboration (+) |" in render(rule_base, result, "md", "en", made=REPORT_DATE)
    assert "(+) Grant collaboration" in render(rule_base, result, "text", "en", made=REPORT_DATE)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_html_is_self_contained_small_and_needs_no_network(name, lang, rule_base, engine):
    html = render(rule_base, example_result(rule_base, engine, name), "html", lang, made=REPORT_DATE)
    assert len(html.encode("utf-8")) < 100_000
    page = parse(html)
    tags = {tag for tag, _ in page.tags}
    assert {"svg", "style", "main"} <= tags
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for tag, attrs in page.tags:
        assert not {"src", "srcset", "xlink:href", "action"} & set(attrs), (tag, attrs)
        assert attrs.get("href", "#section-").startswith("#section-"), (tag, attrs)  # only the contents: in the page
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    assert not re.search(r"https?://|@import|url\(", html, re.IGNORECASE)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none'")
    # print: A4, and items do not split in the middle of a line
    assert "@page { size: A4;" in html and "break-inside: avoid" in html and "break-after: avoid" in html


def test_every_format_shows_the_report_date_and_versions(rule_base, engine):
    result = example_result(rule_base, engine, "grant")
    assert "laget 22.11.2026" in render(rule_base, result, "text", "nb", made=REPORT_DATE)
    assert "made 2026-11-22" in render(rule_base, result, "md", "en", made=REPORT_DATE)
    html = render(rule_base, result, "html", "nb", made=REPORT_DATE)
    assert f"regelverk {rule_base.version}, laget 22.11.2026" in html
    data = json.loads(render(rule_base, result, "json", "en", made=REPORT_DATE))
    assert (data["made"], data["rules_version"], data["product_version"]) == ("2026-11-22", rule_base.version, "0.1.0")


# --------------------------------------------------------------------------- escaping

INJECTED = ["<script>alert(1)</script>", "[bold]x[/]", "**x**", "[link=http://e]y[/link]"]
EVIL = "Lev " + " ".join(INJECTED) + " & ende"


@pytest.fixture(scope="module")
def evil_rule_base(tmp_path_factory):
    """The shipped rule base with markup put into the supplier form's name and a risk's name."""
    folder = tmp_path_factory.mktemp("evil")
    rules = folder / "rules"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copy(ROOT / "questions.yaml", folder / "questions.yaml")
    for file, nb in [("forms.yaml", "Leverandørsamarbeid"), ("risks.yaml", "Anskaffelses- og tiltaksregelverket")]:
        path = rules / file
        content = path.read_text(encoding="utf-8")
        old = re.search(rf'name: \{{nb: "{nb}"(, \w+: "[^"]*")*\}}', content)
        assert old, f"{nb}: a name on one line"
        evil = ", ".join(f'{lang}: "{EVIL}"' for lang in ALL_LANGS)
        path.write_text(content.replace(old.group(0), f"name: {{{evil}}}", 1), encoding="utf-8")
    return load_rule_base(folder / "questions.yaml", rules)


@pytest.fixture(scope="module")
def evil_result(evil_rule_base):
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", evil_rule_base)
    result = Engine(evil_rule_base).evaluate(answers)
    assert result.form == "supplier" and "procurement_rules" in {r.id for r in result.risks}
    return result


@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_rule_text_or_group_name_is_text_in_html(lang, evil_rule_base, evil_result):
    html = render(evil_rule_base, evil_result, "html", lang, group=EVIL, made=REPORT_DATE)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = parse(html)
    assert not {tag for tag, _ in page.tags} & {"script", "b", "strong"}
    assert all(attrs["href"].startswith("#section-") for tag, attrs in page.tags if tag == "a")  # the contents only
    flat = page.flat
    named = EVIL[0].lower() + EVIL[1:]  # inside the sentence the name takes a small letter
    assert f"Samarbeidet er først og fremst et {named}." in flat or f"The collaboration is mainly a {named}." in flat
    assert flat.count(EVIL) >= 4  # the headline, the matrix, the form, the risk, the group …
    # the SVG's quadrant shows it as text too
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.split("</svg>")[0]


def test_markup_in_rule_text_or_group_name_is_escaped_in_markdown(evil_rule_base, evil_result):
    md = render(evil_rule_base, evil_result, "md", "nb", group=EVIL, made=REPORT_DATE)
    assert "<script" not in md
    escaped = (r"Lev &lt;script&gt;alert(1)&lt;/script&gt; \[bold\]x\[/\] \*\*x\*\* "
               r"\[link=http://e\]y\[/link\] &amp; ende")
    assert md.count(escaped) >= 4
    assert not re.search(r"(?<!\\)\[(?:bold|link)", md) and r"\*\*x\*\*" in md


def test_markup_in_rule_text_or_group_name_is_the_raw_string_in_json_and_text(evil_rule_base, evil_result):
    data = json.loads(render(evil_rule_base, evil_result, "json", "nb", group=EVIL, made=REPORT_DATE))
    assert data["group"] == EVIL
    assert any(EVIL in step["effect"] for step in data["trace"])  # the risk's name, as it was written
    text = render(evil_rule_base, evil_result, "text", "nb", group=EVIL, made=REPORT_DATE)
    flat = " ".join(text.split())
    assert f"Samarbeidet er først og fremst et l{EVIL[1:]}." in flat
    assert f"Gruppe: {EVIL}" in flat


# --------------------------------------------------------------------------- the command line

def samarbeid(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_decide_writes_the_html_report_to_a_file(tmp_path):
    target = tmp_path / "rapport.html"
    proc = samarbeid("decide", "examples/supplier.yaml", "--format", "html", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nb">' in html
    assert "Samarbeidet er først og fremst et leverandørsamarbeid." in html
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]  # written atomically: no temporary left


def test_a_saved_session_with_a_group_decides_and_names_the_group(tmp_path, rule_base):
    from assistant.sessions import session_text
    answers, _, _ = load_answers(ROOT / "examples" / "employment.yaml", rule_base)
    session = tmp_path / "gruppe.yaml"
    session.write_text(session_text(rule_base, answers, "en", group="Table 4 <Kafé>"), encoding="utf-8")
    assert "group: Table 4 <Kafé>" in session.read_text(encoding="utf-8")
    proc = samarbeid("decide", str(session), "--format", "html", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert '<p class="group">Group: Table 4 &lt;Kafé&gt;</p>' in proc.stdout
    assert "The collaboration is mainly an employment collaboration." in proc.stdout
    md = samarbeid("decide", str(session), "--format", "md", "--lang", "nb").stdout
    assert "Gruppe: Table 4 &lt;Kafé&gt;" in md
    # without --lang, the session's own language
    assert "Group: Table 4 &lt;Kafé&gt;" in samarbeid("decide", str(session), "--format", "md").stdout
    data = json.loads(samarbeid("decide", str(session), "--format", "json").stdout)
    assert data["group"] == "Table 4 <Kafé>" and data["form"] == "employment"


TWO_SECONDARY = """\
role: trainer
task_defined: specification
goal: deliver_service
service_status: finished
who_shapes: funder_frames
closeness: funding_reporting
contact: rarely
money_flow: [grant]
employs: from_start
entrepreneur_aim: employer
"""


def test_two_secondary_forms_are_joined_as_a_sentence_joins_them(rule_base, engine, tmp_path):
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text(TWO_SECONDARY, encoding="utf-8")
    answers, _, _ = load_answers(answers_file, rule_base)
    result = engine.evaluate(answers)
    assert result.form == "grant" and list(result.secondary) == ["supplier", "employment"]
    assert build_view(rule_base, result, "nb").headline[-1] == \
        "Det har også trekk av Leverandørsamarbeid og Sysselsettingssamarbeid."
    assert build_view(rule_base, result, "en").headline[-1] == \
        "It also has traits of Supplier collaboration and Employment collaboration."


def test_the_trace_keeps_the_answers_that_did_something_and_counts_the_rest(rule_base, engine):
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", rule_base)
    view = build_view(rule_base, engine.evaluate(answers), "nb")
    trace = next(s for s in view.sections if s.key == "trace")
    given = next(s for s in view.sections if s.key == "answers")
    in_trace = " ".join(item.title for item in trace.items)
    in_answers = " ".join(item.title for item in given.items)
    # moved an axis, and made a risk apply
    assert "Er oppgaven bestemt – eller blir den det – før samarbeidet starter?" in in_trace
    # recorded, nothing more: only among the answers, and counted at the top of the trace
    assert "Hvor mange finansieringskilder" not in in_trace and "Hvor mange finansieringskilder" in in_answers
    assert trace.paragraphs == ["7 av svarene endret verken formen, risikoene eller rådene; "
                                "de står bare under «Svarene dine»."]
    assert len(trace.items) + 7 == len(given.items)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_headline_points_add_up_from_the_traces_points(name, rule_base, engine):
    """A reader who adds up the trace's points ("Toveis +1") gets the score the headline and the axes give."""
    result = example_result(rule_base, engine, name)
    data = json.loads(render(rule_base, result, "json", "nb", made=REPORT_DATE))
    axes = {a.id: a for a in rule_base.axes.axes}
    poles = {p.id: p for a in rule_base.axes.axes for p in a.poles}
    towards: dict[tuple[str, str], int] = {}
    for step in data["trace"]:
        if step["kind"] != "axis":
            continue
        towards[step["axis"], step["pole"]] = towards.get((step["axis"], step["pole"]), 0) + step["points"]
        # the words say the points the data holds
        axis, pole = axes[step["axis"]].name("nb"), poles[step["pole"]].name("nb")
        assert step["effect"].endswith(f"({axis}: {pole} +{step['points']})"), step
    assert towards
    headline = " ".join(build_view(rule_base, result, "nb").headline)
    for axis in rule_base.axes.axes:
        first, second = axis.poles
        net = towards.get((axis.id, first.id), 0) - towards.get((axis.id, second.id), 0)
        assert data["axes"][axis.id]["score"] == net, (axis.id, towards)
        named = first.name("nb") if net > 0 else second.name("nb") if net < 0 else "åpen"
        points = f"+{abs(net)}" if net else "0"
        assert f"{axis.name('nb')}: {named} (poeng {points}," in headline, (axis.id, towards, headline)


def test_a_result_is_the_same_data_in_every_language_only_the_words_differ(rule_base, engine):
    """Switching language re-renders the same result: each trace step keeps its data and changes its words."""
    result = example_result(rule_base, engine, "development")
    nb, en = (json.loads(render(rule_base, result, "json", lang, made=REPORT_DATE)) for lang in LANGS)
    assert len(nb["trace"]) == len(en["trace"]) == len(result.trace)
    for a, b in zip(nb["trace"], en["trace"], strict=True):
        assert {k: v for k, v in a.items() if k != "effect"} == {k: v for k, v in b.items() if k != "effect"}
        assert a["effect"] != b["effect"]


def test_each_trace_step_carries_the_data_of_its_kind(rule_base, engine):
    """The JSON trace names what each answer did by id and number, beside the words."""
    from assistant.answers import read_answers
    from assistant.yamlsource import load_yaml, parse_yaml

    open_doc = load_yaml(ROOT / "tests" / "scenarios" / "open_all_axis_dont_know_trainer.yaml")
    answer_sets = [read_answers(open_doc.data["answers"], rule_base.questions, open_doc, ("answers",))[0],
                   read_answers((two := parse_yaml(TWO_SECONDARY, "two.yaml")).data, rule_base.questions, two)[0]]
    results = [example_result(rule_base, engine, name) for name in EXAMPLES]
    results += [engine.evaluate(answers) for answers in answer_sets]
    seen: dict[str, dict] = {}
    for result in results:
        data = json.loads(render(rule_base, result, "json", "en", made=REPORT_DATE))
        for step in data["trace"]:
            seen.setdefault(step["kind"], step)
            if step["kind"] == "condition":
                assert {"id": step["id"], "status": step["status"]} in data["conditions"]
            elif step["kind"] == "risk":
                assert step["id"] in {r["id"] for r in data["risks"]}
            elif step["kind"] == "recommendation":
                assert step["id"] in {r["id"] for r in data["recommendations"]}
            elif step["kind"] == "element":
                assert step["id"] in data["secondary"]
    assert {"role", "axis", "open", "condition", "risk", "recommendation", "element", "none"} <= set(seen)
    assert seen["role"]["receivers"] == ["entrepreneur"]  # the grant example's entrepreneur
    assert seen["role"]["effect"] == "You get the recommendations the report gives to entrepreneurs."
    axis = seen["axis"]
    assert axis["axis"] in ("service", "relation") and axis["points"] >= 1
    assert axis["option"] in ([axis["answer"]] if isinstance(axis["answer"], str) else axis["answer"])
    opened = seen["open"]
    assert opened["answer"] == "dont_know" and opened["low"] <= 0 <= opened["high"] and opened["low"] < opened["high"]
    assert opened["source"] == ["4.1"]  # the axis's own source in rules/axes.yaml
    assert f"between {opened['low']:+d} and {opened['high']:+d}" in opened["effect"]
    assert seen["element"]["effect"].startswith("Shows traits of ")
