"""One name per language for each of the framework's terms: the glossary (i18n/glossary.yaml) and every text.

The forms, axes, poles, conditions and roles are named in the rule base exactly as in the glossary; and no
text of a language uses another language's term for a glossary entry, nor a variant the glossary lists as
wrong: no nynorsk text says «tilskuddssamarbeid» (bokmål) or «tilskotsamarbeid» (a wrong form) where the
glossary says «Tilskotssamarbeid», nor «betingelse» or «anbefaling». The texts are the rule base's and the
program's own (tests/wording.py), in nb, nn and en.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pytest
import yaml

from tests.wording import ADDRESSES, ROOT, all_texts

GLOSSARY = ROOT / "i18n" / "glossary.yaml"
LANGS = ("nb", "nn", "en")
NAMED = ("forms", "axes", "poles", "conditions", "roles")  # names of things, held to everywhere, «quoted» too
QUOTED = re.compile(r"«[^«»]*»")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Entry:
    section: str
    id: str
    terms: dict[str, str]
    wrong: dict[str, list[str]] = field(default_factory=dict)
    also: dict[str, list[str]] = field(default_factory=dict)

    def variants(self, lang: str) -> list[str]:
        """What a text in `lang` must not say for this entry: the other languages' terms (but the words that
        are `lang`'s own in another sense) and the wrong variants listed."""
        own = self.terms[lang].casefold()
        others = {term.casefold() for other, term in self.terms.items() if other != lang}
        others -= {word.casefold() for word in self.also.get(lang, [])}
        # a term that begins the language's own (en «Grant» in «Grant collaboration») is not a variant of it
        return sorted(v for v in others if not own.startswith(v)) + self.wrong.get(lang, [])


@cache
def glossary() -> tuple[Entry, ...]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return tuple(Entry(section, key, {lang: value[lang] for lang in LANGS}, value.get("wrong", {}),
                       value.get("also", {}))
                 for section, entries in data.items() for key, value in entries.items())


def _pattern(variant: str) -> re.Pattern[str]:
    """A variant at the start of a word (so its inflections count), or with a leading "-" anywhere in a word."""
    if variant.startswith("-"):
        return re.compile(re.escape(variant[1:]), re.IGNORECASE)
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(part) for part in variant.split()), re.IGNORECASE)


@cache
def _checks(lang: str) -> tuple[tuple[Entry, str, re.Pattern[str]], ...]:
    """(entry, the variant's letters in lower case, its pattern) for each variant `lang`'s texts must not use."""
    return tuple((entry, variant.lstrip("-").lower(), _pattern(variant))
                 for entry in glossary() for variant in entry.variants(lang))


def offences(lang: str, texts: tuple[tuple[str, str], ...]) -> list[str]:
    """Each place where a text in `lang` uses a term the glossary does not give for `lang`, in the order of the
    texts; a match inside a longer one (tilskudd in lønnstilskudd) is named once, as the word it is in."""
    out = []
    for place, raw in texts:
        text = " ".join(ADDRESSES.sub(" ", raw).split())
        unquoted = QUOTED.sub(lambda quote: " " * len(quote.group(0)), text)
        lowered = {True: text.lower(), False: unquoted.lower()}
        found = []
        for entry, letters, pattern in _checks(lang):
            named = entry.section in NAMED
            if letters not in lowered[named]:  # most texts have none of a variant's letters: no regex then
                continue
            for match in pattern.finditer(text if named else unquoted):
                start, stop = match.span()
                while start > 0 and text[start - 1].isalnum():  # the whole word, as the reader sees it
                    start -= 1
                while stop < len(text) and text[stop].isalnum():
                    stop += 1
                found.append((start, -stop, entry))
        end = -1
        for start, minus_stop, entry in sorted(found, key=lambda f: (f[0], f[1])):
            if -minus_stop <= end:
                continue
            end = -minus_stop
            out.append(f"{place}: «{text[start:end]}» for {entry.section}.{entry.id} "
                       f"(the glossary's {lang}: «{entry.terms[lang]}») in …{text[max(0, start - 30):end + 30]}…")
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_uses_the_glossarys_terms(lang):
    wrong = offences(lang, all_texts(lang))
    assert not wrong, f"{len(wrong)} texts in {lang} use a term i18n/glossary.yaml does not give for {lang}:\n" + \
        "\n".join(wrong)


def _rule_base_names() -> dict[tuple[str, str], dict[str, str]]:
    def load(name: str):
        return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader

    names: dict[tuple[str, str], dict[str, str]] = {}
    for form in load("rules/forms.yaml")["forms"]:
        names["forms", form["id"]] = form["name"]
    for axis in load("rules/axes.yaml")["axes"]:
        names["axes", axis["id"]] = axis["name"]
        for pole in axis["poles"]:
            names["poles", pole["id"]] = pole["name"]
    for condition in load("rules/conditions.yaml")["conditions"]:
        names["conditions", condition["id"]] = condition["name"]
    role = next(q for q in load("questions.yaml")["questions"] if q["id"] == "role")
    for option in role["options"]:
        names["roles", option["id"]] = option["label"]
    return names


def test_the_rule_base_names_each_form_axis_pole_condition_and_role_as_the_glossary_does():
    in_rules = _rule_base_names()
    in_glossary = {(e.section, e.id): e.terms for e in glossary() if e.section in NAMED}
    assert sorted(in_glossary) == sorted(in_rules), "the glossary and the rule base name different things"
    differ = [f"{section}.{key} {lang}: rule base «{in_rules[section, key].get(lang)}», glossary «{terms[lang]}»"
              for (section, key), terms in in_glossary.items() for lang in LANGS
              if in_rules[section, key].get(lang) != terms[lang]]
    assert not differ, "\n".join(differ)


def test_the_glossary_has_every_term_in_every_language_and_its_variants_are_other_words():
    for entry in glossary():
        assert all(entry.terms[lang].strip() for lang in LANGS), entry
        assert set(entry.wrong) | set(entry.also) <= set(LANGS), entry
        for lang in LANGS:
            # a wrong variant that matched the right term would make the term itself an offence
            assert not any(_pattern(v).search(entry.terms[lang]) for v in entry.wrong.get(lang, [])), (entry, lang)


def test_a_wrong_term_is_found_and_named_and_a_quotation_keeps_the_reports_words():
    texts = (("a:1", "Eit tilskotsamarbeid der betingelsane er oppfylte, til dømes med lønnstilskudd."),
             ("a:2", "Rapporten skriv at dei er «sjanseløse i anbudsrunder» (3.4.6)."),
             ("a:3", "Sjå vilkåret «Forankring hos ledelsen og veilederne»."),
             ("a:4", "Tilskotssamarbeid og Eittvegs: vilkår og tilrådingar, til dømes lønstilskot."))
    found = offences("nn", texts)
    assert [line.split(" for ")[0] for line in found] == [
        "a:1: «tilskotsamarbeid»", "a:1: «betingelsane»", "a:1: «lønnstilskudd»",
        "a:3: «Forankring hos ledelsen og veilederne»"], found
    assert "the glossary's nn: «vilkår»" in found[1]
