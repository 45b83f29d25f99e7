"""Every nynorsk text is spelled as nynorsk (hunspell nn_NO), every bokmål text as bokmål (nb_NO).

The rule base's texts (questions.yaml, rules/*.yaml) and the program's own words (tests/wording.py) are cut
into words, leaving out what is not prose: placeholders `{x}`, commands and options, ids, file names,
addresses, numbers, single letters and «quotations» (the report's own words stay as the report wrote them).
The words go to one hunspell per language (`hunspell -l`, which prints those it does not know), and a second
one for the parts of the unknown ones: a Norwegian compound (`samskapings|prosjekt`) is known when it splits
into known words, with or without a linking -s- or -e-. What is then still unknown must be in the reviewed
list of the domain's own words (tests/data/spelling/domain-words.txt, at most 80, each with its reason),
given to hunspell as its personal dictionary, or the test names the word and the texts that use it.

Debian's dictionaries come from the package hunspell-no (`apt-get install hunspell hunspell-no`; .ci/run
installs them where it can). Without them the test skips and says so, but where CI is set it fails instead:
a CI without a dictionary must not pass without checking the spelling.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import in_ci
from tests.wording import ADDRESSES, ROOT, SPELLED, all_texts

DOMAIN_WORDS = ROOT / "tests" / "data" / "spelling" / "domain-words.txt"
MOST_DOMAIN_WORDS = 80
DICTIONARY = {"nb": "nb_NO", "nn": "nn_NO"}
HUNSPELL_VARIABLE = "SAMARBEID_TEST_HUNSPELL"  # a hunspell to use instead (a missing path: as if there were none)
INSTALL = ("Install hunspell and Debian's Norwegian dictionaries (Debian/Ubuntu as root: apt-get install hunspell "
           "hunspell-no; .ci/run does this where it can), or set SAMARBEID_TEST_HUNSPELL to a hunspell. Without CI "
           "set, this test skips.")

# What is not prose, left out before the words are cut (in this order: a command before its placeholder).
NOT_PROSE = re.compile("|".join([
    r"«[^«»]*»",                                   # quotations: the report's own words, and labels quoted
    r"\b(?:samarbeid|make)\s+(?:decide|compare|questions|cases|check|serve)\b",  # the program's commands
    r"\{command\}(?:\s+[a-z]+)?",                  # the program and its subcommand: {command} decide
    r"\{\w*\}/[\w./-]*|\.?/[\w.-]+|\b[\w.-]+/(?!\w)",  # paths: {folder}/groups, ./samarbeid, groups/
    r"\{[^{}]*\}",                                 # placeholders
    r"`[^`]*`",                                    # code
    ADDRESSES.pattern,                             # addresses: nav.no, anskaffelser.no
    r"(?<![\w-])--?[a-z][\w-]*",                   # options: --resume, -n
    r"\b[A-Z]+=\S*",                                # make's variables: DIR=…
    r"[\w.-]*\.(?:ya?ml|json|md|html?|txt|csv|zip|po|mo|py|toml|db)\b",   # files: svar.yaml, a .md file
    r"\b\w+(?:_\w+)+\b",                           # ids: cond_local_drivers
    r"(?i:\b(?:ctrl|alt|shift)\+\w+)|\b(?:Enter|Tab|Esc)\b",  # keys: ctrl+r, Ctrl+Z, Enter
]))
WORD = re.compile(r"[^\W\d_]+(-?)")
LINKS = ("s", "e")  # a compound's linking letter: arbeid|s|liv, vente|liste
SHORTEST_PART = 3


def domain_words() -> list[tuple[str, str, str]]:
    """The reviewed list: `(language or "", entry, reason)`; an entry is `word` or `word/model` (inflected as the
    dictionary inflects `model`), a language prefix `nb:`/`nn:` keeps it to that language."""
    out = []
    for line in DOMAIN_WORDS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        entry, _, reason = line.partition(" ")
        lang, _, word = entry.rpartition(":")
        out.append((lang, word, reason.strip()))
    return out


def hunspell_program() -> str | None:
    given = os.environ.get(HUNSPELL_VARIABLE)
    if given:
        return given if os.access(given, os.X_OK) else None
    return shutil.which("hunspell")


@cache
def _dictionary_missing(program: str, dictionary: str) -> bool:
    run = subprocess.run([program, "-d", dictionary, "-p", os.devnull, "-l"], input="", capture_output=True,
                         text=True, timeout=30)
    return run.returncode != 0 or "Can't open" in run.stderr


def need_hunspell(lang: str) -> str:
    """The hunspell program, where it and the dictionary of `lang` are installed; else a skip, or with CI set
    a failure saying how to install them."""
    program = hunspell_program()
    if program is None:
        missing = (f"{HUNSPELL_VARIABLE}={os.environ[HUNSPELL_VARIABLE]} is not an executable file"
                   if os.environ.get(HUNSPELL_VARIABLE) else "hunspell is not installed (not on the PATH)")
    elif _dictionary_missing(program, DICTIONARY[lang]):
        missing = f"hunspell has no {DICTIONARY[lang]} dictionary (from the package hunspell-no)"
    else:
        return program
    if in_ci():
        pytest.fail(f"CI is set, so the spelling must be checked, and it cannot: {missing}. {INSTALL}",
                    pytrace=False)
    pytest.skip(f"no spell check: {missing}")


def words_of(text: str) -> list[str]:
    """The words of a text to spell-check; a word cut off by a hyphen (`forsknings-`) keeps its hyphen."""
    prose = NOT_PROSE.sub(" ", text)
    out = []
    for match in WORD.finditer(prose):
        word = match.group(0)
        follows = prose[match.end():match.end() + 1]
        if word.endswith("-") and follows.isalpha():  # a hyphen inside a word: the parts are words of their own
            word = word[:-1]
        if len(word.rstrip("-")) > 1:
            out.append(word)
    return out


def _unknown(program: str, lang: str, words: set[str], personal: Path) -> set[str]:
    run = subprocess.run([program, "-i", "utf-8", "-d", DICTIONARY[lang], "-p", str(personal), "-l"],
                         input="\n".join(sorted(words)), capture_output=True, text=True, timeout=60, check=True)
    return set(run.stdout.split())


def _parts(word: str) -> set[str]:
    return {word[i:j] for i in range(len(word)) for j in range(i + SHORTEST_PART, len(word) + 1)}


def _compound(word: str, unknown_parts: set[str]) -> bool:
    """Whether `word` is two or more known words of SHORTEST_PART letters or more, each but the last perhaps
    followed by a linking letter: `samskaping|s|prosjekt`."""
    def a_word(part: str) -> bool:
        return len(part) >= SHORTEST_PART and part not in unknown_parts

    @cache
    def words(rest: str, whole: bool) -> bool:
        if whole and a_word(rest):
            return True
        for cut in range(SHORTEST_PART, len(rest) - SHORTEST_PART + 1):
            head = rest[:cut]
            if (a_word(head) or (head.endswith(LINKS) and a_word(head[:-1]))) and words(rest[cut:], True):
                return True
        return False

    return words(word, False)


@cache
def misspelled(lang: str, program: str) -> dict[str, list[str]]:
    """Each word of `lang`'s texts that neither the dictionary nor the domain list knows → where it is used."""
    used: dict[str, list[str]] = defaultdict(list)
    for place, text in all_texts(lang):
        for word in words_of(text):
            used[word].append(place)
    with tempfile.TemporaryDirectory(prefix="samarbeid-spelling-") as folder:
        personal = Path(folder) / f"{lang}.dic"
        personal.write_text("".join(f"{word}\n" for where, word, _ in domain_words() if where in ("", lang)),
                            encoding="utf-8")
        unknown = _unknown(program, lang, {w.rstrip("-") for w in used}, personal)
        candidates = {w for w in used if w.rstrip("-") in unknown}
        lowered = {w.rstrip("-").lower() for w in candidates}
        parts = set().union(*(_parts(w) for w in lowered)) if lowered else set()
        unknown_parts = _unknown(program, lang, parts, personal) if parts else set()
    out = {}
    for word in sorted(candidates):
        bare = word.rstrip("-").lower()
        if word.endswith("-"):  # the first part of a compound written apart: `forsknings- og utviklingsprosjekt`
            stems = [bare, bare[:-1]] if bare.endswith(LINKS) else [bare]
            if any(stem not in unknown_parts or _compound(stem, unknown_parts) for stem in stems):
                continue
        if not _compound(bare, unknown_parts):
            out[word] = used[word]
    return out


@pytest.mark.parametrize("lang", SPELLED)
def test_every_word_is_in_the_dictionary_or_the_domain_list(lang):
    program = need_hunspell(lang)
    wrong = misspelled(lang, program)
    assert not wrong, f"{len(wrong)} words {DICTIONARY[lang]} does not know, nor tests/data/spelling/" \
        "domain-words.txt (correct the text, or add a word of the domain to the list with its reason):\n" + \
        "\n".join(f"  {word}: {', '.join(places[:4])}{' …' if len(places) > 4 else ''}"
                  for word, places in wrong.items())


def test_the_domain_list_is_short_and_gives_a_reason_for_each_word():
    entries = domain_words()
    assert len(entries) <= MOST_DOMAIN_WORDS, f"{len(entries)} domain words; at most {MOST_DOMAIN_WORDS}"
    assert all(reason for _, _, reason in entries), [word for _, word, reason in entries if not reason]
    assert all(lang in ("", *SPELLED) for lang, _, _ in entries)
    seen = [(lang, word) for lang, word, _ in entries]
    assert len(seen) == len(set(seen)), "a word twice in the list"


def test_every_word_in_the_domain_list_is_used():
    """An entry no text uses any more goes: the list stays a list of the words the texts need."""
    used = {lang: "\n".join(text for _, text in all_texts(lang)).lower() for lang in SPELLED}
    unused = [f"{lang or 'nb/nn'}: {word}" for lang, word, _ in domain_words()
              if not any(word.split("/")[0].lower() in used[each] for each in ((lang,) if lang else SPELLED))]
    assert not unused, unused


def test_a_known_misspelling_is_found_and_a_compound_of_known_words_is_not():
    program = need_hunspell("nn")
    words = {"rettleiar", "rettleiiar", "ikkje", "ikke"}
    unknown = _unknown(program, "nn", words | _parts("tilskuddsamarbeid") | _parts("tilskotssamarbeid"),
                       Path(os.devnull))
    assert unknown & words == {"rettleiiar", "ikke"}
    assert _compound("tilskotssamarbeid", unknown)  # tilskot + s + samarbeid
    assert not _compound("tilskuddsamarbeid", unknown)  # bokmål «tilskudd» is no nynorsk word


def test_what_is_not_prose_is_left_out():
    assert words_of("Bruk --resume {file} eller {command} decide svar.yaml (3.4.1), «fotfolksarbeid» i "
                    "cond_local_drivers, ctrl+r, https://nav.no/nn og forsknings- og utviklings-prosjekt, X.") == \
        ["Bruk", "eller", "og", "forsknings-", "og", "utviklings", "prosjekt"]


def test_without_hunspell_the_test_skips_and_with_ci_set_it_fails_saying_how_to_install(monkeypatch):
    monkeypatch.setenv(HUNSPELL_VARIABLE, "/nowhere/hunspell")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="is not an executable file"):
        need_hunspell("nn")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install hunspell hunspell-no"):
        need_hunspell("nb")


def test_without_a_dictionary_the_test_skips_and_with_ci_set_it_fails(monkeypatch):
    need_hunspell("nn")
    monkeypatch.setitem(DICTIONARY, "nn", "xx_NOWHERE")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="hunspell has no xx_NOWHERE dictionary"):
        need_hunspell("nn")
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match=r"no xx_NOWHERE dictionary .*apt-get install hunspell hunspell-no"):
        need_hunspell("nn")
