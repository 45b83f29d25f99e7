"""A first look at the roles and the language of the last session, enough to paint the start screen
at once.

After every full, validated load the assistant remembers the role labels and their
explanations in a small tab-separated file beside its sessions, keyed by the questions file's
path, size and modification time; a start finds them there without importing
a parser (not even json: every millisecond before the first frame counts).
On a first start, or after the file changed, the roles are read from libyaml's
node tree without constructing any value (so no tag or alias can act) and
without validating: the full load that follows reports any problem.

The language the start screen opens in, when none is asked for, is the last saved session's: read
from the `lang:` line of that file's meta block (as samarbeid writes it), not parsed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from assistant.ids import DEFAULT_LANG, LANGS, Lang
from assistant.places import data_dir

MAX_BYTES = 1_000_000
CACHE_NAME = "firstlook.tsv"
HEADER = f"samarbeid firstlook 3 {' '.join(LANGS)}"
"""The cache's first line: its shape, and its columns' languages (a label and an explanation each). A file of
another shape or other languages (before nynorsk: nb and en) is never read; it is written anew."""
SESSIONS = "sessions"
"""The folder of the data folder the sessions are kept in (sessions.SessionStore)."""
LOOK_AT = 5
"""How many of the newest session files are looked at for a language (an empty one has none)."""
SESSION_BYTES = 256_000
"""How much of a session file is read for its language: a session samarbeid wrote is far smaller."""


class RoleChoice(NamedTuple):  # not a dataclass: a fifth of the cost at import
    id: str
    labels: dict[str, str]
    explains: dict[str, str]
    """What the role means, under its label on the start screen ("" or missing: none)."""

    def label(self, lang: Lang) -> str:
        """The label in `lang` (else in bokmål), shown as written: nothing in a cached or read label acts on
        the terminal."""
        from assistant.safetext import visible

        return visible(self.labels.get(lang) or self.labels.get(DEFAULT_LANG) or self.id)

    def explain(self, lang: Lang) -> str | None:
        """What the role means in `lang` (else in bokmål), shown as written; None when the rule base says
        nothing."""
        from assistant.safetext import visible

        return visible(self.explains.get(lang) or self.explains.get(DEFAULT_LANG) or "") or None


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
        if len(fields) != 1 + 2 * len(LANGS):
            return None
        labels, explains = fields[1:1 + len(LANGS)], fields[1 + len(LANGS):]
        roles.append(RoleChoice(fields[0], dict(zip(LANGS, labels, strict=True)),
                                dict(zip(LANGS, explains, strict=True))))
    return roles or None


def remember(questions: Path, roles: list[RoleChoice]) -> None:
    """Keep the (validated) roles for the next start; a failure only costs that speed-up."""
    from assistant.files import write_atomic

    key = _key(questions)
    rows = [[r.id, *(r.labels.get(lang, "") for lang in LANGS), *(r.explains.get(lang, "") for lang in LANGS)]
            for r in roles]
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
            label, explain = get(option, "label"), get(option, "explain")
            labels = {lang: text(get(label, lang)) or "" for lang in LANGS} if label else {}
            explains = {lang: text(get(explain, lang)) or "" for lang in LANGS} if explain else {}
            if oid:
                choices.append(RoleChoice(oid, labels, explains))
        return choices
    except (InputError, OSError, UnicodeDecodeError, yaml.YAMLError):
        return []


def last_language() -> Lang | None:
    """The language of the last saved session: the `lang:` of the meta block in the newest session file
    that has one (of the newest few). None when there is none to go by.

    Read as text, not parsed (no parser before the first frame); a file that is not a regular file is
    never opened, and only its first SESSION_BYTES are read."""
    dated = []
    try:
        with os.scandir(data_dir() / SESSIONS) as entries:
            for entry in entries:
                try:
                    if entry.name.endswith(".yaml") and entry.is_file(follow_symlinks=False):
                        dated.append((-entry.stat().st_mtime_ns, entry.name, entry.path))  # newest first, as listed
                except OSError:  # gone since the folder was read
                    continue
    except OSError:
        return None
    for _, _, path in sorted(dated)[:LOOK_AT]:
        lang = _meta_language(path)
        if lang is not None:
            return lang
    return None


def _meta_language(path: str) -> Lang | None:
    """The `lang:` of a session file's meta block, as samarbeid writes it: `meta: {…, lang: en, …}` (or
    the block `meta:` with `  lang: en` under it)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never waits on a FIFO put there since
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            text = file.read(SESSION_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    at = text.rfind("\nmeta:")
    if at < 0:
        return None
    meta = text[at + 1:]
    found = _LANG.search(meta.split("\n", 1)[0]) if meta.startswith("meta: {") else _BLOCK_LANG.search(meta)
    lang = found.group(1) if found else None
    return lang if lang in LANGS else None


_LANG = re.compile(r"[{,] ?lang: '?([a-z]{2,3})'?[,}]")
_BLOCK_LANG = re.compile(r"\Ameta:\n(?:  .*\n)*?  lang: '?([a-z]{2,3})'?\n")
