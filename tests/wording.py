"""Every text of one language, with where it is: the rule base's and the program's own words.

tests/test_spelling.py spell-checks them and tests/test_glossary.py holds them to the glossary's terms.
A text is `(place, text)`: the place is `file:line` for the rule base, the key for a program word.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = [ROOT / "questions.yaml", *sorted((ROOT / "rules").glob("*.yaml"))]
SPELLED = ("nb", "nn")  # the languages with a dictionary; en is held to the glossary only

Place = tuple[str, str]

# Web addresses and domain names are no one's words: https://…, www.…, nav.no, anskaffelser.no
ADDRESSES = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:no|com|org|net|eu)\b")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# The report's section headings (rules/meta.yaml `sections`) are quoted in the report's own bokmål where a
# language keeps them so (its text is the nb one): quotations, as «…» in a text, are left out of the checks.
QUOTED_HEADINGS = ("rules/meta.yaml", "sections")


def _texts_under(node: yaml.Node, lang: str, name: str, out: list[Place], top: str = "") -> None:
    """Every scalar under a `lang:` key, with its line: the rule base keys its texts by language."""
    if isinstance(node, yaml.MappingNode):
        siblings = {key.value: value.value for key, value in node.value if isinstance(value, yaml.ScalarNode)}
        for key, value in node.value:
            if key.value == lang and isinstance(value, yaml.ScalarNode):
                quoted = (name, top) == QUOTED_HEADINGS and lang != "nb" and value.value == siblings.get("nb")
                if not quoted:
                    out.append((f"{name}:{value.start_mark.line + 1}", value.value))
            else:
                _texts_under(value, lang, name, out, top or key.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _texts_under(item, lang, name, out, top)


@cache
def rule_texts(lang: str) -> tuple[Place, ...]:
    """The rule base's texts in `lang` (questions.yaml and rules/*.yaml), as `file:line`."""
    out: list[Place] = []
    for path in RULE_FILES:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)  # safe: nodes only, nothing built
        if node is not None:
            _texts_under(node, lang, path.relative_to(ROOT).as_posix(), out)
    return tuple(out)


@cache
def program_words(lang: str) -> tuple[Place, ...]:
    """The program's own words in `lang`, by key: the messages of its gettext catalogue
    (assistant/locale/LANG/LC_MESSAGES/samarbeid.po, read as tests/catalogues.py reads it)."""
    from tests.catalogues import messages, po_path

    where = po_path(lang).relative_to(ROOT)
    return tuple((f"{where}:{key}", text) for key, text in messages(lang).items())


def all_texts(lang: str) -> tuple[Place, ...]:
    return rule_texts(lang) + program_words(lang)
