"""A first look at questions.yaml, enough to paint the start screen at once.

It reads the first question's options (the roles) from libyaml's node tree
without constructing any value (so no tag or alias can act) and without
validating; the full, validated load runs right after the first frame and
reports any problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.ids import Lang
from assistant.yamlsource import MAX_BYTES

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class RoleChoice:
    id: str
    labels: dict[str, str]

    def label(self, lang: Lang) -> str:
        return self.labels.get(lang) or self.id


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _text(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def role_choices(questions: Path) -> list[RoleChoice]:
    """The options of the first question, or none when the file cannot be read."""
    try:
        raw = questions.read_bytes()
        if len(raw) > MAX_BYTES:
            return []
        root = yaml.compose(raw.decode("utf-8"), Loader=_LOADER)
        items = _get(root, "questions")
        if not isinstance(items, yaml.SequenceNode) or not items.value:
            return []
        options = _get(items.value[0], "options")
        choices = []
        for option in options.value if isinstance(options, yaml.SequenceNode) else []:
            oid = _text(_get(option, "id"))
            label = _get(option, "label")
            labels = {lang: _text(_get(label, lang)) or "" for lang in ("nb", "en")} if label else {}
            if oid:
                choices.append(RoleChoice(oid, labels))
        return choices
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
