"""A first look at the roles, enough to paint the start screen at once.

After every full, validated load the assistant remembers the role labels in a
small tab-separated file beside its autosave, keyed by the questions file's
path, size and modification time; a start finds them there without importing
a parser (not even json: every millisecond before the first frame counts).
On a first start, or after the file changed, the roles are read from libyaml's
node tree without constructing any value (so no tag or alias can act) and
without validating: the full load that follows reports any problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from assistant.ids import Lang
from assistant.places import data_dir

MAX_BYTES = 1_000_000
CACHE_NAME = "firstlook.tsv"
HEADER = "samarbeid firstlook 1"
LANGS = ("nb", "en")


class RoleChoice(NamedTuple):  # not a dataclass: a fifth of the cost at import
    id: str
    labels: dict[str, str]

    def label(self, lang: Lang) -> str:
        """The label in `lang`, shown as written: nothing in a cached or read label acts on the terminal."""
        from assistant.safetext import visible

        return visible(self.labels.get(lang) or self.id)


def _key(questions: Path) -> str | None:
    try:
        stat = questions.stat()
    except OSError:
        return None
    return f"{questions.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def _cached(key: str) -> list[RoleChoice] | None:
    cache = data_dir() / CACHE_NAME
    try:
        if not cache.is_file() or cache.stat().st_size > MAX_BYTES:  # a FIFO or a device there never holds the start
            return None
        lines = cache.read_text(encoding="utf-8").split("\n")
    except (OSError, ValueError):
        return None
    if lines[:2] != [HEADER, key]:
        return None
    roles = []
    for line in filter(None, lines[2:]):
        fields = line.split("\t")
        if len(fields) != 1 + len(LANGS):
            return None
        roles.append(RoleChoice(fields[0], dict(zip(LANGS, fields[1:], strict=True))))
    return roles or None


def remember(questions: Path, roles: list[RoleChoice]) -> None:
    """Keep the (validated) roles for the next start; a failure only costs that speed-up."""
    from assistant.files import write_atomic

    key = _key(questions)
    rows = [[r.id, *(r.labels.get(lang, "") for lang in LANGS)] for r in roles]
    if key is None or "\n" in key or any(c in f for row in rows for f in row for c in "\t\r\n"):
        return  # not expressible in the format: this start will read questions.yaml instead
    try:
        data_dir().mkdir(parents=True, exist_ok=True)
        write_atomic(data_dir() / CACHE_NAME, "\n".join([HEADER, key, *("\t".join(row) for row in rows)]) + "\n")
    except OSError:
        pass


def role_choices(questions: Path) -> list[RoleChoice]:
    """The options of the first question, or none when the file cannot be read.

    The first question is the role question: `check` requires it (rules/meta.yaml, `roles.question`).
    """
    key = _key(questions)
    if key is None:
        return []
    return _cached(key) or _from_yaml(questions)


def _from_yaml(questions: Path) -> list[RoleChoice]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def get(node: yaml.Node | None, key: str) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            pairs: list[tuple[yaml.Node, yaml.Node]] = node.value  # the stubs leave a node's value untyped
            for k, v in pairs:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        return None

    def text(node: yaml.Node | None) -> str | None:
        return node.value if isinstance(node, yaml.ScalarNode) else None

    from assistant.errors import InputError
    from assistant.yamlsource import read_bytes

    try:
        raw = read_bytes(questions, max_bytes=MAX_BYTES)  # regular files only: a FIFO cannot hold the start
        items = get(yaml.compose(raw.decode("utf-8"), Loader=loader), "questions")
        if not isinstance(items, yaml.SequenceNode) or not items.value:
            return []
        options = get(items.value[0], "options")
        choices = []
        for option in options.value if isinstance(options, yaml.SequenceNode) else []:
            oid = text(get(option, "id"))
            label = get(option, "label")
            labels = {lang: text(get(label, lang)) or "" for lang in ("nb", "en")} if label else {}
            if oid:
                choices.append(RoleChoice(oid, labels))
        return choices
    except (InputError, OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
