"""A page kept made, with holes for what differs from one person to the next, sent gzipped without being
compressed again.

A question page is the same for everyone at the same question with the same answer, but for a few values
(its form token, its progress, its way back): `Site.fragment` keeps it made with a mark where each of them
goes (pages.py). Sent to a browser that takes gzip, the page's fixed parts are compressed once, each on its
own (a deflate stream of its own, ended by a sync flush: byte-aligned, and no later part looks back into
it), and the values go between them as stored (uncompressed) deflate blocks; a final empty block, the
CRC-32 and the length of the whole page close it. What the browser undoes is the page, byte for byte, as it
would be sent uncompressed; compressing it as a whole took some 35 microseconds a page.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from starlette.responses import HTMLResponse

from assistant.web.assets import GZIP_LEVEL, GZIP_MINIMUM

if TYPE_CHECKING:
    from starlette.types import Receive, Scope, Send

GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03"
"""A gzip member's header as zlib writes it at the quickest level: deflate, no name, no time, "fastest", Unix."""
LAST_BLOCK = b"\x01\x00\x00\xff\xff"
"""An empty stored block marked last: the end of the deflate stream."""


def stored_block_parts(data: bytes) -> list[bytes]:
    """`data` as stored deflate blocks (none last); the stream before them ends on a byte boundary."""
    out = []
    for at in range(0, len(data), 0xFFFF):  # a stored block holds at most 65 535 bytes
        chunk = data[at:at + 0xFFFF]
        out += [b"\x00", struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF), chunk]
    return out


def deflated(data: bytes) -> bytes:
    """`data` as deflate blocks of their own (none last), ended by a sync flush (on a byte boundary)."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


class KeptPage:
    """A page made once, with marks where its values go (`holes`: a pattern matching any of the marks)."""

    def __init__(self, text: str, holes: re.Pattern[str]) -> None:
        parts = holes.split(text)  # the pattern's one group: fixed, mark, fixed, mark, ..., fixed
        self.parts = parts
        self.fixed = [part.encode() for part in parts[0::2]]
        self.marks = parts[1::2]
        self._size = sum(len(part) for part in self.fixed)
        self._squeezed: list[bytes] | None = None

    def filled(self, values: Mapping[str, str]) -> str:
        """The page with each mark's value put in (`values`: mark -> value)."""
        parts = self.parts.copy()
        for at in range(1, len(parts), 2):
            parts[at] = values[parts[at]]
        return "".join(parts)

    def size(self, values: Mapping[str, str]) -> int:
        """The bytes of `filled(values)` in UTF-8."""
        return self._size + sum(len(values[mark].encode()) for mark in self.marks)

    def gzipped(self, values: Mapping[str, str]) -> bytes:
        """`filled(values)`, UTF-8, as a gzip member, its fixed parts compressed once for every sending."""
        squeezed = self._squeezed
        if squeezed is None:  # two threads may both make it: the same bytes either way
            squeezed = self._squeezed = [deflated(part) if part else b"" for part in self.fixed]
        out = [GZIP_HEADER]
        crc = size = 0
        for n, part in enumerate(self.fixed):
            if n:
                value = values[self.marks[n - 1]].encode()
                out += stored_block_parts(value)
                crc, size = zlib.crc32(value, crc), size + len(value)
            out.append(squeezed[n])
            crc, size = zlib.crc32(part, crc), size + len(part)
        out += [LAST_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)]
        return b"".join(out)


class KeptPageResponse(HTMLResponse):
    """A kept page's response: as any page, but gzipped from its kept parts when the browser takes gzip
    and the page is of the size the app's gzip would compress (which then leaves it as it is). Vary says
    the encoding was chosen by Accept-Encoding either way, as the app's gzip does. The body is made as the
    response is sent, in the one encoding it goes in."""

    def __init__(self, page: KeptPage, values: Mapping[str, str], status_code: int = 200) -> None:
        self.page = page
        self.values = values
        super().__init__(None, status_code=status_code)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        taken = next((value for name, value in scope["headers"] if name == b"accept-encoding"), b"")
        if b"gzip" in taken and self.page.size(self.values) >= GZIP_MINIMUM:
            self.body = self.page.gzipped(self.values)
            self.headers["content-encoding"] = "gzip"
            self.headers.add_vary_header("Accept-Encoding")
        else:
            self.body = self.page.filled(self.values).encode()
        self.headers["content-length"] = str(len(self.body))
        await super().__call__(scope, receive, send)
