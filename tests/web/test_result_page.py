"""The result page and the HTML report as a person takes them in (issue 20, point 4), without a browser.

The summary first, the downloads right under it, a list of the parts, then each part folded in a
<details>; no score and no word of the trace outside the appendix on how the answers were weighed;
the phone's drawing of the matrix breaks the forms' names where they can be read. What a browser makes
of it (printed pages, the matrix at 375 px, the keyboard without JavaScript) is
tests/web/test_result_browser.py.
"""

from __future__ import annotations

import re

import pytest

from assistant.loading import load_answers
from assistant.render import render
from assistant.render.html import NARROW_NAME_WIDTH, _lines
from assistant.render.view import build_view
from tests.conftest import ROOT

EXAMPLES = ("supplier", "grant", "employment", "development")
TRACE_WORDS = re.compile(r"\bpoeng\w*|\bscores?\b|(?<![\w-])[+\u2212]\d|"
                         r"\b(?:tydelig|heller mot|åpen|clear|leaning|open)\)")
"""The trace's words: a score ("poeng +4", "score +4", "Toveis +1"), and how clear an axis is, as the trace puts
it ("(poeng +4, tydelig)"). Plain words in a sentence ("uten tydelige føringer", "clear guidance") are not."""


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|title)>.*?</\1>", " ", html, flags=re.S)).split())


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_score_or_trace_word_outside_the_appendix(name, lang, rule_base, engine):
    answers, _, _ = load_answers(ROOT / "examples" / f"{name}.yaml", rule_base)
    result = engine.evaluate(answers)
    view = build_view(rule_base, result, lang)
    html = render(rule_base, result, "html", lang)
    before, appendix = html.split('<div class="parts parts-appendix">')
    assert not TRACE_WORDS.findall(text_of(before)), TRACE_WORDS.findall(text_of(before))
    # the appendix has them: the two axes' scores first, then how each answer moved them
    assert view.scores and view.scores in text_of(appendix).replace("&#39;", "'")
    assert TRACE_WORDS.search(text_of(appendix))
    # the form in a sentence above the matrix: the headline without its scores
    assert view.verdict[0] == view.headline[0] and all(view.scores not in line for line in view.verdict)


def test_the_result_page_is_the_summary_the_downloads_the_contents_and_the_parts_folded(person, rule_base, engine):
    assert person.get("/").status_code == 200
    complete = (ROOT / "examples" / "supplier.yaml").read_bytes()
    moved = person.post("/upload", {}, files={"file": ("supplier.yaml", complete, "application/yaml")})
    assert moved.status_code == 303 and moved.headers["location"] == "/result"
    page = person.get("/result").text
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", rule_base)
    view = build_view(rule_base, engine.evaluate(answers), "nb")
    keys = ["matrix", *(section.key for section in view.sections)]
    landmarks = re.findall(r'<(?:section|nav|div) id="(section-[a-z_]+)"', page)
    assert landmarks[:3] == ["section-summary", "section-downloads", "section-contents"]
    assert re.findall(r'<a href="#(section-[a-z_]+)">', page) == [f"section-{key}" for key in keys]
    assert re.findall(r'<details class="part part-([a-z_]+)', page) == keys
    assert "<details open" not in page and " open>" not in page  # every part folded
    assert page.index('id="section-downloads"') < page.index('id="section-contents"') < page.index("<details")
    for name in ("report.html", "report.md", "report.json", "answers.yaml"):
        assert f'href="/download/{name}"' in page
    before = page.split('<div class="parts parts-appendix">')[0].split('id="section-summary"')[1]
    assert not TRACE_WORDS.findall(text_of(before))


@pytest.mark.parametrize(("name", "lines"), [
    ("Sysselsettingssamarbeid", ["Sysselsettings-", "samarbeid"]),
    ("Leverandørsamarbeid", ["Leverandør-", "samarbeid"]),
    ("Employment collaboration", ["Employment", "collaboration"]),
    ("IMDi-samarbeid om noe nytt", ["IMDi-samarbeid", "om noe nytt"]),
    ("Arbeidsmarkedstiltaksutprøving", ["Arbeidsmar-", "kedstiltak-", "sutprøving"]),  # in even pieces
])
def test_the_phones_matrix_breaks_a_long_name_where_it_can_be_read(name, lines):
    assert _lines(name, NARROW_NAME_WIDTH) == lines
    assert all(len(line) <= NARROW_NAME_WIDTH for line in lines)
