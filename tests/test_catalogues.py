"""The program's words in gettext catalogues (issue 22): one .po per language, its compiled .mo beside it.

What a translator relies on: every key has words in every shipped language, with the same placeholders;
nynorsk is not bokmål left as it was; the .mo the program reads says what the .po says (`make catalogues`
after an edit); a fourth language is a folder, with no change to the code. What the program relies on:
bokmål behind every other language, an unknown key an error, the words never markup.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import string
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from assistant import i18n, texts
from assistant.ids import DEFAULT_LANG, LANGS
from assistant.web import words
from tests.catalogues import LOCALE, messages, po_path, shipped

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("nb", "nn", "en")

# nynorsk messages of four words or more that are, rightly, bokmål's words letter for letter: each read and
# found to be nynorsk as nav.no/nn writes it (the words are the same in both: «Samarbeidet er mest …»,
# «Dette kan du be Nav om»). Shorter ones (labels: «Tilbake», «Neste», «Gruppe», names, numbers) may be
# the same without being listed.
SAME_AS_NB = {
    "holder.both@nav", "report.title", "report.form_is", "report.because", "report.mark.secondary",
    "report.matrix_figure", "plain.first", "cmd.export_md", "cmd.export_html", "cmd.export_json",
    "summary.form_with", "summary.recs.ask", "compare.title", "compare.forms", "compare.raised",
    "web.save_return", "web.download.html", "web.download.md", "web.download.json", "web.429.sessions.title",
    "room.join_info_title", "room.download",
    "format.months", "format.saved_when",  # the months' names and the date's figures: the same in nynorsk
    # Textual's keys whose words nynorsk writes as bokmål does
    "textual.delete_all_to_the_left", "textual.delete_left_to_start_of_word", "textual.toggle",
    "textual.toggle_collapsible",
}
MIN_WORDS = 4  # as the rule base's check counts them (assistant/verify/language.py)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", text))


def _placeholders(text: str) -> list[str]:
    """The values a text takes, by name (the way each is written, `{month:02d}`, is the language's)."""
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


# --- the catalogues


def test_the_shipped_languages_are_the_catalogues_in_their_order():
    assert shipped() == SHIPPED
    assert LANGS == SHIPPED  # ids.LANGS: a directory listing, nothing else
    assert DEFAULT_LANG == i18n.FALLBACK == "nb"
    assert [i18n.language_name(lang) for lang in LANGS] == ["Bokmål", "Nynorsk", "English"]


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_key_has_words_in_every_language_with_the_same_placeholders(lang):
    nb, mine = messages("nb"), messages(lang)
    assert sorted(mine) == sorted(nb), "every catalogue has exactly bokmål's keys"
    assert not [key for key, text in mine.items() if not text.strip()], "no message left empty"
    differ = {key: (nb[key], text) for key, text in mine.items() if _placeholders(text) != _placeholders(nb[key])}
    assert not differ, f"placeholders differ from bokmål's: {differ}"


def test_the_catalogues_hold_every_key_the_program_had():
    """The keys the code asks for: the 324 shared words and the browser's 222 of the tuples they replaced,
    the formats that were `if lang == "nb"` in the code, and the command's help (cli.*, issue 22)."""
    nb = messages("nb")
    serve = [k for k in nb if k.startswith("serve.")]  # the server's own lines: where it is, stopped
    assert len(serve) == 4
    parser = [k for k in nb if k.startswith("cli.") and k not in ("cli.no_terminal", "cli.stdin_closed")]
    textual = [k for k in nb if k.startswith("textual.")]  # the keys of Textual's own widgets (tui/localize.py)
    assert len(textual) == 48
    assert len([k for k in nb if not k.startswith(("web.", "room.", "textual."))]) == 324 + 8 + len(parser) + len(serve)
    assert len(parser) == 62  # the command's help, its placeholders, argparse's words and the options' errors
    assert len([k for k in nb if k.startswith(("web.", "room."))]) == 222
    for key in ("lang.name", "format.saved_when", "format.date", "format.months", "summary.and", "format.a_form"):
        assert key in nb


def test_nynorsk_is_not_bokmal_left_as_it_was():
    nb, nn = messages("nb"), messages("nn")
    same = {key for key, text in nn.items() if text == nb[key] and len(_words(text)) >= MIN_WORDS}
    assert same - SAME_AS_NB == set(), "nynorsk identical to bokmål (translate, or add the key to SAME_AS_NB)"
    assert SAME_AS_NB - same == set(), "SAME_AS_NB names a key whose nynorsk now differs: take it out"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_norwegian_is_not_english_left_as_it_was(lang):
    mine, en = messages(lang), messages("en")
    assert not {key for key, text in mine.items() if text == en[key] and len(_words(text)) >= MIN_WORDS}


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_a_translator_sees_the_bokmal_beside_each_message(lang):
    from babel.messages.pofile import read_po

    nb = messages("nb")
    with po_path(lang).open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if message.id:  # a comment is wrapped where it is long
            assert f"nb: {' '.join(nb[message.id].split())}" in " ".join(" ".join(message.auto_comments).split())


@pytest.mark.parametrize("lang", SHIPPED)
def test_each_compiled_catalogue_says_what_its_po_says(lang):
    """The .mo the program reads is the .po compiled: after an edit of a .po, `make catalogues`."""
    from babel.messages.mofile import read_mo, write_mo
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        po = read_po(handle)
    mo_path = po_path(lang).with_suffix(".mo")
    with mo_path.open("rb") as handle:
        mo = read_mo(handle)
    assert not [m.id for m in po if m.id and m.fuzzy], "a fuzzy message is left out of the .mo: settle it"
    compiled = {m.id: m.string for m in mo if m.id}
    written = {m.id: m.string for m in po if m.id}
    stale = sorted(key for key in written.keys() | compiled.keys() if written.get(key) != compiled.get(key))
    assert not stale, f"{mo_path.relative_to(ROOT)} does not match its .po (run `make catalogues`): {stale[:10]}"
    again = io.BytesIO()
    write_mo(again, po)
    assert again.getvalue() == mo_path.read_bytes(), "the .mo is what `make catalogues` writes from the .po"


# --- looking words up


def test_a_word_is_said_in_the_language_asked_for():
    assert texts.say("trace.condition", "nn", name="Forankring", status="oppfylt") == "Vilkåret «Forankring»: oppfylt."
    assert texts.say("trace.condition", "nb", name="Forankring", status="oppfylt") == \
        "Betingelsen «Forankring»: oppfylt."
    assert words.say("web.continue", "nn") == "Hald fram"
    assert words.say("report.title", "en") == "Collaboration between Nav and a social entrepreneur"
    assert texts.say("holder.both", "nn", voice="nav_leader") == "kontoret ditt og entreprenøren"
    assert texts.say("holder.both", "en", voice="entrepreneur") == "you and Nav"


def test_a_language_without_a_catalogue_is_said_in_bokmal_and_an_unknown_key_is_an_error():
    assert texts.say("report.title", "de") == texts.say("report.title", "nb")
    assert texts.say("report.title", "../nb") == texts.say("report.title", "nb")  # only listed folders are read
    with pytest.raises(KeyError):
        texts.say("report.no_such_key", "nn")
    assert words.known("web.continue") and words.known("report.title") and not words.known("web.no_such_key")
    assert i18n.known("report.title") and not i18n.known("report.no_such_key")


def test_the_quote_marks_of_a_quoted_name_are_not_doubled():
    assert texts.say("trace.risk", "nn", name="«Prosjekta»") == "Gjer risikoen «Prosjekta» aktuell."


def test_the_formats_that_differ_by_language_come_from_the_catalogue(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    if hasattr(__import__("time"), "tzset"):
        __import__("time").tzset()
    try:
        assert texts.saved_when("2026-11-22T07:16:00Z", "nn") == "22.11.2026 kl. 07:16"
        assert texts.saved_when("2026-11-22T07:16:00Z", "en") == "22 Nov 2026, 07:16"
    finally:
        monkeypatch.delenv("TZ")
        __import__("time").tzset()
    assert texts.listing(["A", "B", "C"], "nn") == "A, B og C"
    assert texts.listing(["A", "B"], "en") == "A and B"
    assert texts.date_text(date(2026, 1, 2), "nn") == "2.1.2026"
    assert texts.date_text(date(2026, 1, 2), "en") == "2026-01-02"
    assert texts.as_of_text("2024-03-14", "nn") == "14. mars 2024"
    assert texts.as_of_text("2024-03", "en") == "March 2024"
    assert texts.as_of_text("2024", "nb") == "2024"


def test_both_gives_a_text_in_every_language():
    text = texts.both("report.form_is", name="X")
    assert [text(lang) for lang in ("nb", "en")] == ["Samarbeidet er først og fremst X.",
                                                      "The collaboration is mainly X."]
    assert text.get("nn") == "Samarbeidet er først og fremst X."


def test_the_catalogues_are_read_once_and_without_babel():
    code = ("import sys; from assistant import texts; texts.say('report.title', 'nn'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('babel', 'pydantic')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    i18n.catalogue("nn")
    before = i18n._catalogue.cache_info().misses
    for lang in ("nn", "en", "de", "../nb", "nn"):
        texts.say("report.title", lang)
    assert i18n._catalogue.cache_info().misses - before <= 1  # en's, if no test had read it yet


# --- a fourth language, without code


def _stub_language(tmp_path: Path) -> Path:
    """A copy of the shipped catalogues with `xx` added: every bokmål message with "XX " before it."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    catalogue = Catalog(locale=None, domain=i18n.DOMAIN, fuzzy=False)
    for key, text in messages("nb").items():
        if key != "report.recommendations":  # one left out: it falls back to bokmål
            catalogue.add(key, f"XX {text}")
    folder = locale / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "samarbeid.po").open("wb") as handle:
        write_po(handle, catalogue)
    with (folder / "samarbeid.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    return locale


def test_a_fourth_language_is_a_folder_not_code(tmp_path):
    locale = _stub_language(tmp_path)
    env = {**os.environ, i18n.LOCALE_DIR_VARIABLE: str(locale), "PYTHONPATH": str(ROOT)}
    code = ("from assistant.ids import LANGS; from assistant.texts import say; print(LANGS); "
            "print(say('report.title', 'xx')); print(say('report.recommendations', 'xx'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["('nb', 'nn', 'en', 'xx')", "XX Samarbeid mellom Nav og sosial entreprenør",
                                       "Anbefalinger"]
    assert i18n.languages(str(locale)) == ("nb", "nn", "en", "xx")


def test_decide_speaks_a_fourth_language_from_its_catalogue(tmp_path):
    locale = _stub_language(tmp_path)
    env = {**os.environ, i18n.LOCALE_DIR_VARIABLE: str(locale), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "assistant", "decide", str(ROOT / "examples" / "supplier.yaml"),
                          "--lang", "xx"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert "XX Samarbeidsform" in out.stdout  # the program's words in xx
    assert "Anbefalinger" in out.stdout  # the one xx lacks, in bokmål


# --- the templates


def test_the_templates_say_words_through_the_i18n_extension_and_escape_them(monkeypatch):
    """`_("key")` in a template is the i18n extension's gettext for the page's language; what it gives is
    text, escaped like any value, never markup (a catalogue cannot put a tag on a page)."""
    from assistant.web.pages import _templates

    env = _templates()
    assert "jinja2.ext.InternationalizationExtension" in env.extensions
    page = env.from_string('{{ _("web.continue") }}|{{ _("web.continue_text", n=3) }}')
    assert page.render(lang="nn") == "Hald fram|Du har 3 svar i denne nettlesaren."
    assert page.render(lang="en").startswith("Continue|")
    monkeypatch.setattr(texts, "message", lambda key, lang: "<b>{n}</b>")
    assert page.render(lang="nn") == "&lt;b&gt;{n}&lt;/b&gt;|&lt;b&gt;3&lt;/b&gt;"


def test_no_template_uses_a_trans_block():
    """{% trans %} would make a catalogue's words markup (Jinja marks them safe): templates use _("key")."""
    folder = ROOT / "assistant" / "web" / "templates"
    assert not [p.name for p in folder.glob("*.j2") if "{% trans" in p.read_text(encoding="utf-8")]


def test_every_key_a_template_says_is_in_the_catalogues():
    folder = ROOT / "assistant" / "web" / "templates"
    said = {key for p in folder.glob("*.j2") for key in re.findall(r"""_\(\s*["']([^"']+)["']\s*[,)]""",
                                                                     p.read_text(encoding="utf-8"))}
    assert len(said) > 150
    assert sorted(said - messages("nb").keys()) == []
