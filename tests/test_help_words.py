"""The command's help and its usage errors in the reader's language (issue 22): `samarbeid --help` in bokmål,
`--lang nn` in nynorsk and `--lang en` in English, argparse's own words ("usage:", "options", "error:")
included; a wrong command or option is said in the same words, exit 2."""

from __future__ import annotations

import argparse

import pytest

from assistant.cli import ARGPARSE_WORDS, argparse_word, asked_lang, build_parser, speaking
from assistant.i18n import message
from tests.catalogues import messages
from tests.conftest import run_cli
from tests.leaks import leaks

COMMANDS = ((), ("decide",), ("questions",), ("cases",), ("check",), ("compare",), ("serve",))

# what each language's help says, whatever the command: argparse's words and the options every command has
SAID = {
    "nb": ["bruk: samarbeid", "valg:", "-h, --help vis denne hjelpen og avslutt",
           "--questions FIL bruk denne questions.yaml i stedet for den som følger med"],
    "nn": ["bruk: samarbeid", "val:", "-h, --help vis denne hjelpa og avslutt",
           "--questions FIL bruk denne questions.yaml i staden for den som følgjer med"],
    "en": ["usage: samarbeid", "options:", "-h, --help show this help message and exit",
           "--questions FILE use this questions.yaml instead of the shipped one"],
}


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_help_speaks_the_language_asked_for(lang, args):
    given = () if lang == "nb" else ("--lang", lang)  # bokmål without asking: the program's default
    proc = run_cli(*args, *given, "--help")
    assert proc.returncode == 0 and proc.stderr == ""
    flat = _flat(proc.stdout)
    for words in SAID[lang]:
        assert words in flat
    for other in {"nb", "nn", "en"} - {lang}:
        assert SAID[other][-1] not in flat


def test_the_top_level_help_in_each_language():
    nb, nn, en = (_flat(run_cli("--help", *lang).stdout) for lang in ((), ("--lang=nn",), ("--lang", "en")))
    assert "KOMMANDO decide resultatet for en svarfil, uten samtale" in nb
    assert "Hvilken samarbeidsform mellom Nav og en sosial entreprenør som passer" in nb
    assert "KOMMANDO decide resultatet for ei svarfil, utan samtale" in nn
    assert "--save FIL ta vare på svara i FIL, lagra etter kvart svar" in nn
    assert "COMMAND decide the result for an answers file, no dialogue" in en
    assert "positional arguments:" in run_cli("decide", "--help", "--lang", "en").stdout


def test_decide_help_in_nynorsk_has_no_bokmal_or_english_left(rule_base):
    for args in COMMANDS:
        proc = run_cli(*args, "--help", "--lang", "nn")
        assert proc.returncode == 0
        assert leaks(proc.stdout, rule_base) == [], args
    shown = run_cli("decide", "--help", "--lang", "nn").stdout
    assert "bruk: samarbeid decide" in shown and "SVARFIL ei svarfil i YAML eller JSON" in _flat(shown)
    # the check can fail: the bokmål and the English help, shown to a reader of nynorsk, are found out
    assert leaks(run_cli("decide", "--help").stdout, rule_base)
    assert leaks(run_cli("decide", "--help", "--lang", "en").stdout, rule_base)


ERRORS = {  # an unknown command, an unknown option, a bad value of an option's own check, a missing argument
    "nb": ["ugyldig valg: 'nosuch' (velg blant 'decide',", "ukjente argumenter: --bogus",
           "argumentet --port: «abc» er ikke et portnummer", "disse argumentene mangler: ØKT"],
    "nn": ["ugyldig val: 'nosuch' (vel mellom 'decide',", "ukjende argument: --bogus",
           "argumentet --port: «abc» er ikkje eit portnummer", "desse argumenta manglar: ØKT"],
    "en": ["invalid choice: 'nosuch' (choose from 'decide',", "unrecognized arguments: --bogus",
           "argument --port: 'abc' is not a port number", "the following arguments are required: SESSION"],
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_wrong_command_or_option_is_said_in_the_readers_words(lang):
    given = () if lang == "nb" else ("--lang", lang)
    runs = [run_cli(*given, "nosuch"), run_cli("decide", "examples/grant.yaml", "--bogus", *given),
            run_cli("serve", "--port", "abc", *given), run_cli("compare", *given)]
    usage, error = {"nb": ("bruk:", "feil:"), "nn": ("bruk:", "feil:"), "en": ("usage:", "error:")}[lang]
    for proc, words in zip(runs, ERRORS[lang], strict=True):
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.startswith(f"{usage} samarbeid"), proc.stderr
        assert f": {error} " in proc.stderr and words in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr


def test_an_unknown_language_is_refused_in_bokmal():
    proc = run_cli("decide", "examples/grant.yaml", "--lang", "de")
    assert proc.returncode == 2
    assert "feil: argumentet --lang: ugyldig valg: 'de' (velg blant 'nb', 'nn', 'en')" in proc.stderr


def test_the_language_is_read_before_the_parser_from_either_spelling():
    assert asked_lang([]) == "nb"
    assert asked_lang(["decide", "--help"]) == "nb"
    assert asked_lang(["decide", "x.yaml", "--lang", "nn"]) == "nn"
    assert asked_lang(["--lang=en", "--help"]) == "en"
    assert asked_lang(["--lang", "nn", "--lang", "en"]) == "en"  # the last, as the parser takes it
    assert asked_lang(["--lang", "de"]) == "nb" and asked_lang(["--lang"]) == "nb"
    assert asked_lang(["--", "--lang", "nn"]) == "nb"


def test_every_word_of_argparse_has_a_key_with_the_same_fields():
    """Each argparse text the reader may see has a catalogue key; the catalogue's `{name}` become
    argparse's `%(name)s` (or its one `%s`), and English gives back argparse's own text exactly."""
    for text, key in ARGPARSE_WORDS.items():
        assert key in messages("nb") and key in messages("nn") and key in messages("en")
        assert argparse_word(text, "en") == text, key
        for lang in ("nb", "nn"):
            said = argparse_word(text, lang)
            assert said is not None
            assert said.replace("%%", "").count("%") == text.count("%"), key
    assert argparse_word("a programmer's error %r", "nn") == "a programmer's error %r"  # no key: as it was
    assert argparse_word(None, "nn") is None  # argparse asks for `_(None)` (a subparsers' description)


def test_a_percent_sign_in_the_words_is_not_a_format(monkeypatch):
    import assistant.i18n as i18n

    monkeypatch.setattr(i18n, "message", lambda key, lang: "100 % {message}")
    assert argparse_word("argument %(argument_name)s: %(message)s", "nn") == "100 %% %(message)s"


def test_argparse_is_left_as_it_was_after_a_parse():
    own = argparse._  # type: ignore[attr-defined]
    with pytest.raises(SystemExit), speaking("nn"):
        build_parser(lang="nn").parse_args(["--bogus"])
    assert argparse._ is own  # type: ignore[attr-defined]
    assert argparse.ArgumentParser().format_usage().startswith("usage: ")


def test_without_a_language_the_parser_is_bokmal():
    help_text = build_parser().format_help()
    assert message("cli.decide.help", "nb") in help_text


def test_the_help_speaks_a_fourth_language_from_its_catalogue(tmp_path):
    """A language is a folder: its help and argparse's words come from its catalogue, with no code."""
    import os
    import subprocess
    import sys

    from assistant import i18n
    from tests.conftest import ROOT
    from tests.test_catalogues import _stub_language

    env = {**os.environ, i18n.LOCALE_DIR_VARIABLE: str(_stub_language(tmp_path)), "PYTHONPATH": str(ROOT)}
    shown = subprocess.run([sys.executable, "-m", "assistant", "decide", "--help", "--lang", "xx"], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    flat = _flat(shown.stdout)
    assert flat.startswith("XX bruk: samarbeid decide") and "--lang {nb,nn,en,xx}" in flat
    assert "XX vis denne hjelpen og avslutt" in flat and "XX en svarfil i YAML eller JSON" in flat
    assert "Bokmål, Nynorsk, English, XX Bokmål" in flat  # each language by its own name: xx's is a stub's
