"""Safe YAML reading that remembers where every value stood.

Only PyYAML's safe composer is used; the node tree is turned into plain Python
values by hand, which lets us

- record the line and column of every key and value (to point at errors),
- refuse duplicate keys, aliases (no "billion laughs") and any tag outside the
  plain YAML types (no `!!python/...`),
- read `yes`/`no`/`on`/`off` as text, as YAML 1.2 does: option ids like
  `"yes"` must not turn into booleans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import InputError, Problem

MAX_BYTES = 1_000_000

# libyaml's safe loader when PyYAML was built with it (the C *safe* loader; never CLoader).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[Any, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_TRUE_FALSE = {"true", "false"}


def describe(value: Any) -> str:
    """A value as the file shows it: `a mapping`, `a list`, `a number (3)`, `'text'`."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return f"'{value}'"


@dataclass
class Document:
    """A YAML file read into plain values, with the position of each value."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at `path`, or of its nearest parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while True:
            if probe in table:
                return table[probe]
            if key and probe in self.positions:
                return self.positions[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]

    def problem(self, path: Path_, message: str, hint: str | None = None, *, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, message, hint)


def read_text(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file, refused with a clear problem if it is too big or not UTF-8."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, None, "this is a folder, not a file")]) from None
    except OSError as err:
        raise InputError([Problem(name, None, None, f"cannot read the file: {err.strerror}")]) from None
    if len(raw) > max_bytes:
        raise InputError([Problem(
            name, None, None,
            f"file is too large ({len(raw):,} bytes; the limit is {max_bytes:,})",
        )])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise InputError([Problem(
            name, line, column,
            f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x})",
            "save the file as UTF-8",
        )]) from None


def load_yaml(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES) -> Document:
    name = display or str(path)
    return parse_yaml(read_text(path, name, max_bytes=max_bytes), name)


def parse_yaml(text: str, name: str) -> Document:
    try:
        aliases = [e for e in yaml.parse(text, Loader=_LOADER) if isinstance(e, yaml.AliasEvent)]
        if aliases:  # one message for the file: a "billion laughs" bomb has thousands
            first = aliases[0].start_mark
            line, column = (first.line + 1, first.column + 1) if first else (None, None)
            more = f" ({len(aliases)} in this file)" if len(aliases) > 1 else ""
            raise InputError([Problem(name, line, column,
                                      f"aliases (*name) and merge keys (<<) are not allowed{more}",
                                      "write the values out in full")])
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        what = err.problem or "not valid YAML"
        if err.context:
            what = f"{err.context}, {what}"
        opened = err.context_mark
        if opened is not None and err.problem_mark is not None and opened.line != err.problem_mark.line:
            what += f" (the part that is not closed starts at line {opened.line + 1}, column {opened.column + 1})"
        raise InputError([Problem(name, line, column, f"YAML syntax error: {what}",
                                  "check brackets, quotes and indentation here and on the lines above")]) from None
    except yaml.YAMLError as err:
        raise InputError([Problem(name, None, None, f"YAML syntax error: {err}")]) from None
    doc = Document(name, None)
    if node is None:
        raise InputError([Problem(name, 1, 1, "the file is empty", "it must hold a YAML mapping of keys and values")])
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return doc


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")

    def _at(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: yaml.Node, message: str, hint: str | None = None, *, kind: str | None = None) -> None:
        """A problem at a node; `kind` "schema" for a readable file with a fault in its shape."""
        line, column = self._at(node)
        self.problems.append(Problem(self.doc.file, line, column, message, hint, kind))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            self._fail(node, "aliases (*name) are not allowed", "write the value out in full")
            return None
        self.seen.add(id(node))
        self.doc.positions[path] = self._at(node)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._fail(node, f"the tag '{tag}' is not allowed (nothing in it is run)",
                       "use plain text, numbers, lists and mappings")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        raise TypeError(f"a YAML node that is neither a mapping, a list nor a scalar: {node!r}")

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in _TRUE_FALSE:
            return node.value  # yes/no/on/off stay text
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(key_node, "merge keys (<<) are not allowed", "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be plain text, not a list or mapping")
                continue
            key = key_node.value
            if key in result or key in first_line:
                self._fail(
                    key_node,
                    f"the key '{key}' appears twice in this mapping (first at line {first_line[key]})",
                    "remove or rename one of them", kind="schema",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.doc.key_positions[path + (key,)] = self._at(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result
