"""Safe YAML reading that remembers where every value stood.

Only PyYAML's safe composer is used; the node tree is turned into plain Python
values by hand, which lets us

- record the line and column of every key and value (to point at errors),
- refuse duplicate keys, aliases (no "billion laughs") and any tag outside the
  plain YAML types (no `!!python/...`),
- read `yes`/`no`/`on`/`off` as text, as YAML 1.2 does: option ids like
  `"yes"` must not turn into booleans,
- read a number only in the forms YAML 1.1 and YAML 1.2 read alike (`12`, `-3`,
  `0x1f`, `1.5`, `2.0e+10`); every other form is text (`1:30`, `0b101`,
  `1_000`, `017`, `1e5`). So no form a file can hold builds a number that
  overflows (a YAML 1.1 sexagesimal `1:59:...:.5` of 300 parts is 60**300), and
  what PyYAML writes as plain text is read back as that text,
- refuse what only a hostile file holds, each with its line: lists and mappings
  nested deeper than MAX_DEPTH, numbers of more than MAX_DIGITS digits, infinity
  and not-a-number, control characters.

A file is read only when it is a regular file (a FIFO, a device, a socket or a
folder is refused before anything is read from it, so nothing can block), and
at most MAX_BYTES of it.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import InputError, Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
"""Lists and mappings nested deeper are refused. The deepest shipped file nests 9; a condition can then
be at most some 30 levels deep (each level is a mapping and a list), far from Python's recursion limit
in any walk over it (the engine's first fails near 220)."""
MAX_DIGITS = 100
"""A whole number with more digits is refused: no answer or rule needs one, and Python will not even
turn one of more than 4 300 digits into text."""

# libyaml's safe loader when PyYAML was built with it (the C *safe* loader; never CLoader).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The plain scalars that are not text: each form as YAML 1.1 and YAML 1.2 (core schema) both read it.
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_NULL = re.compile(r"~|null|Null|NULL|")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+")
"""1.1 reads 017 as octal (15) and 1.2 as 17; 1.2 reads 09 as 9 and 1.1 as text: both are text here."""
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+(?:[eE][-+][0-9]+)?")
"""1.1 needs the point and a signed exponent (1e5 and 1.5e10 are text to it); 1.2 has no 1_000 or 1:30."""
_INFINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


class _Loader(_SAFE_LOADER):  # type: ignore[misc, valid-type]  # a class PyYAML picks at import
    """The safe loader, resolving plain scalars by the forms above instead of all of YAML 1.1's.

    YAML 1.1's resolver also makes numbers of `1:59:59` (sexagesimal), `0b101` and `1_000`, and
    PyYAML's constructor of a sexagesimal float overflows on a few hundred parts. Here such a
    scalar is text, and `_Builder._scalar` builds every number itself."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _form, _first in [
    ("bool", _BOOL, "tTfF"), ("null", _NULL, "~nN"), ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+0123456789."), ("float", _INFINITE, "-+."),
]:
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_form.pattern})$"),
                                  [*_first, ""] if _tag == "null" else list(_first))
_Loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"])  # to refuse it by name
_LOADER = _Loader

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
    return quoted(str(value))


_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def one_line(text: str) -> str:
    """`text` with each line break and tab written as its escape (`\\n`), so that it stays on one line."""
    return text.translate(_BREAKS)


def quoted(text: str, limit: int = 80) -> str:
    """Text from a file, quoted for a message: whole when short, else its start and its length.

    A line break or tab in it is written as its escape (`\\n`): a block scalar's `entrepreneur` and
    newline must not look like `entrepreneur` (or break the message's line)."""
    if len(text) <= limit:
        return f"'{text.translate(_BREAKS)}'"
    many = f"{len(text):,}".replace(",", " ")
    return f"'{text[:limit].translate(_BREAKS)}…' ({many} characters)"


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


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is, in a user's words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def not_a_file(path: Path) -> str | None:
    """What `path` is, in a user's words, when it is no regular file to read: "a named pipe (FIFO)", "a folder",
    "too many levels of symbolic links", "a link to a file that is not there", "no such file"; None for a
    regular file (or a link to one). Only looked at, never opened."""
    try:
        return _not_regular(os.stat(path).st_mode)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "too many levels of symbolic links"
        if isinstance(err, (FileNotFoundError, NotADirectoryError)):
            return "a link to a file that is not there" if os.path.islink(path) else "no such file"
        return f"cannot be looked at: {err.strerror or err}"


def _refused(name: str, what: str) -> InputError:
    if what == "a folder":
        return InputError([Problem(name, None, None, "this is a folder, not a file")])
    return InputError([Problem(name, None, None, f"this is {what}, not a regular file; only regular files are read",
                               "save what it holds in a file and give that file")])


def _too_large(name: str, size: str, max_bytes: int) -> InputError:
    return InputError([Problem(name, None, None, f"file is too large ({size}; the limit is {max_bytes:,} bytes)")])


def _cannot_open(name: str, err: OSError) -> InputError:
    if isinstance(err, (FileNotFoundError, NotADirectoryError)):
        return InputError([Problem(name, None, None, "file not found")])
    if isinstance(err, IsADirectoryError):
        return _refused(name, "a folder")
    return InputError([Problem(name, None, None, f"cannot read the file: {err.strerror or err}")])


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read_bytes(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES,
               stdin: bool = False) -> bytes:
    """The bytes of a regular file, at most `max_bytes` of them; anything else is refused with a problem.

    What the path names is looked at before it is opened (a device is never opened), it is opened
    without blocking (a FIFO put in its place meanwhile cannot hold the open) and looked at again
    through the open descriptor, and no more than `max_bytes` + 1 bytes are read: nothing here can
    wait or fill the memory. With `stdin`, the path `-` is standard input (read up to the same limit).
    """
    name = display or str(path)
    if stdin and str(path) == "-":
        if sys.stdin is None:  # started with `<&-`
            raise InputError([Problem(name, None, None, "standard input is closed; nothing can be read from it")])
        raw = sys.stdin.buffer.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise _too_large(name, f"more than {max_bytes:,} bytes", max_bytes)
        return raw
    try:
        what = _not_regular(os.stat(path).st_mode)
    except OSError as err:
        raise _cannot_open(name, err) from None
    if what:
        raise _refused(name, what)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        raise _cannot_open(name, err) from None
    try:
        info = os.fstat(fd)
        what = _not_regular(info.st_mode)
        if what:
            raise _refused(name, what)
        if info.st_size > max_bytes:
            raise _too_large(name, f"{info.st_size:,} bytes", max_bytes)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = max_bytes + 1  # one byte more tells a file that grew past the limit since fstat
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise InputError([Problem(name, None, None, f"cannot read the file: {err.strerror or err}")]) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > max_bytes:
        raise _too_large(name, f"more than {max_bytes:,} bytes", max_bytes)
    return raw


def read_text(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES, stdin: bool = False) -> str:
    """The text of a regular file, refused with a clear problem if it is too big or not UTF-8."""
    name = display or str(path)
    raw = read_bytes(path, name, max_bytes=max_bytes, stdin=stdin)
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


def load_yaml(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES, stdin: bool = False) -> Document:
    """A YAML file read (a regular file only, see `read_bytes`) and turned into plain values."""
    name = display or str(path)
    return parse_yaml(read_text(path, name, max_bytes=max_bytes, stdin=stdin), name)


# What YAML allows in a file (YAML 1.1 "printable", as libyaml checks it): tab, line breaks, the
# printable ASCII characters, NEL, and all of Unicode above U+009F but the surrogates, U+FFFE, U+FFFF.
_NOT_ALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _control_characters(text: str, name: str) -> None:
    """Refuse a text with a character YAML does not allow (NUL, escape, ...), at its line and column."""
    found = _NOT_ALLOWED.search(text)
    if found is None:
        return
    line, column = _line_column(text, found.start())
    n = len(_NOT_ALLOWED.findall(text))
    more = f" ({n} in this file)" if n > 1 else ""
    raise InputError([Problem(name, line, column,
                              f"the control character U+{ord(found.group()):04X} is not allowed in a YAML file{more}",
                              "remove it; many editors do not show it")])


def _too_deep(name: str, line: int | None, column: int | None) -> InputError:
    return InputError([Problem(
        name, line, column, f"lists and mappings are nested more than {MAX_DEPTH} deep here",
        "no samarbeid file needs more than a few levels; check the brackets and the indentation",
    )])


def _scan(text: str, name: str) -> None:
    """Refuse aliases and too deep nesting, from the parser's events, before any tree is built.

    The events come from a loop, not a recursion, so even a file nested a thousand deep is refused
    here with its line, and the tree that is then built is never deeper than MAX_DEPTH.
    """
    depth = 0
    aliases: list[yaml.AliasEvent] = []
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _too_deep(name, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases.append(event)
    if aliases:  # one message for the file: a "billion laughs" bomb has thousands
        first = aliases[0].start_mark
        line, column = (first.line + 1, first.column + 1) if first else (None, None)
        more = f" ({len(aliases)} in this file)" if len(aliases) > 1 else ""
        raise InputError([Problem(name, line, column,
                                  f"aliases (*name) and merge keys (<<) are not allowed{more}",
                                  "write the values out in full")])


def parse_yaml(text: str, name: str) -> Document:
    _control_characters(text, name)
    try:
        _scan(text, name)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        what = err.problem or "not valid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit (1000), met while it reads ahead
            raise _too_deep(name, line, column) from None
        if err.context:
            what = f"{err.context}, {what}"
        opened = err.context_mark
        if opened is not None and err.problem_mark is not None and opened.line != err.problem_mark.line:
            what += f" (the part that is not closed starts at line {opened.line + 1}, column {opened.column + 1})"
        raise InputError([Problem(name, line, column, f"YAML syntax error: {what}",
                                  "check brackets, quotes and indentation here and on the lines above")]) from None
    except yaml.reader.ReaderError as err:  # _control_characters finds these first; kept for safety
        at = err.position if isinstance(err.position, int) and 0 <= err.position <= len(text) else None
        line, column = _line_column(text, at) if at is not None else (None, None)
        raise InputError([Problem(name, line, column, f"YAML syntax error: {err.reason}")]) from None
    except yaml.YAMLError as err:
        raise InputError([Problem(name, None, None, f"YAML syntax error: {err}")]) from None
    doc = Document(name, None)
    if node is None or node.tag == "tag:yaml.org,2002:null":  # no document, or one that is only `~` or `null`
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

    def _at(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: yaml.Node, message: str, hint: str | None = None, *, kind: str | None = None) -> None:
        """A problem at a node; `kind` "schema" for a readable file with a fault in its shape."""
        line, column = self._at(node)
        self.problems.append(Problem(self.doc.file, line, column, message, hint, kind))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            # _scan refuses such a file first; this keeps the recursion bounded whatever the tree
            self._fail(node, f"lists and mappings are nested more than {MAX_DEPTH} deep here")
            return None
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
        """A scalar as its plain value. Numbers are built here, only from the forms `_Loader` resolves,
        also under an explicit `!!int` or `!!float`; any other text under such a tag is a problem at the
        node, as is a number too long to mean anything (more than MAX_DIGITS digits) or infinite."""
        tag, text = node.tag.replace("tag:yaml.org,2002:", ""), node.value
        if tag in ("str", "timestamp"):
            return text
        if tag == "null":
            return None
        if tag == "bool":
            return text.lower() == "true" if text.lower() in _TRUE_FALSE else text  # yes/no/on/off stay text
        if tag == "int":
            return self._whole(node, text)
        if tag == "float":
            return self._number(node, text)
        self._fail(node, f"the tag '!!{tag}' does not fit {quoted(text)}", "leave the tag out")
        return None

    def _whole(self, node: yaml.ScalarNode, text: str) -> int | None:
        if not _INT.fullmatch(text):
            self._bad_number(node, f"{quoted(text)} is not a whole number")
            return None
        hexadecimal = text.startswith("0x")
        if len(text.lstrip("+-").removeprefix("0x")) > MAX_DIGITS:
            self._bad_number(node, f"a whole number of more than {MAX_DIGITS} digits is not allowed")
            return None
        return int(text, 16 if hexadecimal else 10)

    def _number(self, node: yaml.ScalarNode, text: str) -> float | None:
        if _INFINITE.fullmatch(text):
            self._bad_number(node, f"{quoted(text)} (infinity or not-a-number) is not allowed")
            return None
        if not (_FLOAT.fullmatch(text) or _INT.fullmatch(text)):
            self._bad_number(node, f"{quoted(text)} is not a number")
            return None
        hexadecimal = text.startswith("0x")
        digits = len(text) - 2 if hexadecimal else sum(c in "0123456789" for c in text)
        if digits > MAX_DIGITS:
            self._bad_number(node, f"a number of more than {MAX_DIGITS} digits is not allowed")
            return None
        value = float(int(text, 16)) if hexadecimal else float(text)
        if not math.isfinite(value):  # 1.0e+400
            self._bad_number(node, f"{quoted(text)} (infinity or not-a-number) is not allowed")
            return None
        return value

    def _bad_number(self, node: yaml.ScalarNode, message: str) -> None:
        self._fail(node, message, "put it in quotes if it is meant as text", kind="schema")

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
                    f"the key {quoted(key)} appears twice in this mapping (first at line {first_line[key]})",
                    "remove or rename one of them", kind="schema",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.doc.key_positions[path + (key,)] = self._at(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result
