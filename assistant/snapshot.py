"""A validated snapshot of the rule base, so a start need not parse and validate the YAML again.

The first load of a rule base parses and validates its YAML as always (loading.py) and, when the
rule base has no problem at all, leaves a snapshot in the user's cache folder (places.cache_dir).
A later load of the same sources reads the snapshot instead: JSON of the validated records, each
record built back as it was (no validation: it was validated when the snapshot was made; pydantic is
not even imported). Nothing in it is ever run: it is plain JSON, and the only classes it can name
are the rule-base records of `assistant.models` (never pickle: the file is the user's to write).

The snapshot is used only when everything matches, else it is ignored and made again:

- its key: a hash of the bytes of questions.yaml and of every rule file, the product's version,
  and the source of the models (a checkout whose models changed never reads an older snapshot);
- its digest: a hash of its own content (a truncated or changed file is not read);
- its shape: every record named is a rule-base record, with every one of its fields and no others.

A snapshot that cannot be read, or written (a read-only home), costs only the speed-up: never an
error for the user. `samarbeid check` never reads it (it calls loading.read_rule_base).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from assistant.models import records
from assistant.models.common import Strict

if TYPE_CHECKING:
    from collections.abc import Callable

    from assistant.models.rules import RuleBase

FORMAT = "samarbeid rule-base snapshot 2"
MAX_BYTES = 50_000_000
"""A snapshot larger than this is not read (the shipped rule base's is some 0.5 MB)."""
SOURCE_BYTES = 10_000_000
"""A rule file larger than this gets no snapshot (loading refuses it with its own message)."""
TAG = "$"
"""The key that says what a JSON object is: a record's name, or (holding an object) a plain mapping."""


class _Shape(NamedTuple):
    cls: type[Strict]
    fields: tuple[str, ...]
    """Every field, in the record's order."""
    names: frozenset[str]


@functools.cache
def _shapes() -> dict[str, _Shape]:
    """For each record: its class and fields."""
    return {name: _Shape(cls, cls._fields, frozenset(cls._fields)) for name, cls in records().items()}


@functools.cache
def _models_source() -> bytes:
    """The models' own source: a snapshot made by other models is never read."""
    from assistant import models

    folder = Path(models.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def sources_key(questions: Path, rules: Path) -> str | None:
    """The hash of everything a loaded rule base comes from; None when a file cannot be read
    (the YAML load then says what is wrong)."""
    from assistant import __version__
    from assistant.errors import InputError
    from assistant.yamlsource import read_bytes

    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0".encode())
    try:
        digest.update(_models_source())
        files = [("questions.yaml", questions), *((p.name, p) for p in sorted(rules.glob("*.yaml")))]
        for name, path in files:
            data = read_bytes(path, max_bytes=SOURCE_BYTES)
            digest.update(f"{name}\0{len(data)}\0".encode() + data)
    except (InputError, OSError, ValueError):
        return None
    return digest.hexdigest()


def snapshot_path(questions: Path, rules: Path) -> Path:
    """Where the snapshot of the rule base at these paths is kept: one file for each place a rule base
    is loaded from (a new version replaces the old one)."""
    from assistant.places import cache_dir

    where = f"{questions.resolve()}\0{rules.resolve()}".encode("utf-8", "surrogateescape")
    return cache_dir() / f"rulebase-{hashlib.sha256(where).hexdigest()[:20]}.json"


# ------------------------------------------------------------------ writing
def _encode(value: Any) -> Any:
    if isinstance(value, Strict):
        out: dict[str, Any] = {TAG: type(value).__name__}
        for name, item in value.__dict__.items():
            out[name] = _encode(item)
        return out
    if isinstance(value, dict):
        return {TAG: {key: _encode(item) for key, item in value.items()}}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def dumps(rb: RuleBase, key: str) -> str:
    """The snapshot's text: a header line (format, key, digest of the rest) and the rule base as JSON."""
    body = json.dumps(_encode(rb), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    header = json.dumps({"format": FORMAT, "key": key, "digest": digest}, separators=(",", ":"))
    return f"{header}\n{body}"


def save(rb: RuleBase, key: str, path: Path) -> bool:
    """Leave a snapshot of a rule base that loaded without any problem; whether one was written.

    Written only when reading it back gives the same rule base (a value JSON cannot hold as it is,
    such as a tuple or a number as a mapping's key, leaves none). Atomic: a reader sees the old
    snapshot or the new one, never a part. A failure (a read-only cache folder) is silent.
    """
    from assistant.files import write_atomic

    try:
        text = dumps(rb, key)
        if loads(text.encode("utf-8"), key) != rb:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except (OSError, ValueError, TypeError, RecursionError):
        return False
    return True


# ------------------------------------------------------------------ reading
class Unusable(ValueError):
    """A snapshot that is not used: made for other sources or another version, changed, or not ours."""


def _builder() -> tuple[Callable[[dict[str, Any]], Any], set[int]]:
    """The JSON decoder's hook that makes each object of a snapshot what it stands for, as the decoder
    finishes it (the inner objects first): a record, a plain mapping, or (an object without a tag) the
    inside of a plain mapping. Built in the decoder's own walk, a load needs no second walk in Python
    over every value (a quarter of its time). The set holds the untagged objects not yet taken as a
    mapping's inside: one left over at the end stood somewhere else, and the snapshot is not ours. (A
    mapping of the rule base with a key `$` of its own would read as tagged: `save` then finds that the
    snapshot does not read back as the rule base, and leaves none.)"""
    shapes = _shapes()
    loose: set[int] = set()

    def build(node: dict[str, Any]) -> Any:
        tag = node.pop(TAG, _UNTAGGED)
        if tag is _UNTAGGED:
            loose.add(id(node))
            return node
        if type(tag) is dict and not node:
            if id(tag) not in loose:
                raise Unusable("a mapping that holds no mapping")
            loose.remove(id(tag))
            return tag
        shape = shapes.get(tag) if type(tag) is str else None
        if shape is None:
            raise Unusable(f"not a rule-base record: {tag!r}")
        if node.keys() != shape.names:
            raise Unusable(f"{tag} has fields {sorted(node)}, not those of the record")
        return shape.cls.made_of({name: node[name] for name in shape.fields})

    return build, loose


_UNTAGGED = object()


def loads(raw: bytes, key: str) -> RuleBase:
    """The rule base a snapshot holds; Unusable (or a ValueError) when it is not for `key` or not whole."""
    from assistant.models.rules import RuleBase

    header, sep, body = raw.partition(b"\n")
    meta = json.loads(header) if sep else None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("key") != key:
        raise Unusable("made for other sources")
    if meta.get("digest") != hashlib.sha256(body).hexdigest():
        raise Unusable("its content does not match its digest")
    build, loose = _builder()
    rb = json.loads(body, object_hook=build)
    if loose:
        raise Unusable("an object without a tag outside a mapping")
    if type(rb) is not RuleBase:
        raise Unusable("not a rule base")
    return rb


def load(key: str, path: Path) -> RuleBase | None:
    """The rule base of the snapshot at `path` if it is whole and made from the sources `key` names;
    else None (and the caller loads the YAML and makes it again)."""
    from assistant.errors import InputError
    from assistant.yamlsource import read_bytes

    try:
        raw = read_bytes(path, max_bytes=MAX_BYTES)  # a regular file only, and not without end
        return loads(raw, key)
    except (InputError, OSError, ValueError, TypeError, AttributeError, RecursionError):
        return None
