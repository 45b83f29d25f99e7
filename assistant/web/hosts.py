"""Which names a request may give the server in its Host header, and which proxy may say who sent it.

A page of another site can make a browser send requests to `http://127.0.0.1:8000/` under a name of
its own (DNS rebinding: `evil.example` first resolves to the attacker, then to 127.0.0.1), and the
room's pages build the join address, the QR code and the trainer link from the Host a request
names. So the server answers only to the names it knows: this computer's loopback names and
addresses, the address it listens on (and, when it listens on every interface, this computer's own
addresses and name), and what `--allowed-host` or `SAMARBEID_ALLOWED_HOSTS` adds. Anything else is
a 400 before any page is made.

An address is compared as an address (`127.1`, `[::1]`, `0x7f.1` are all loopback); a name in
lower case, without a final dot; a port, if given, must be a port number.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

ENVIRONMENT = "SAMARBEID_ALLOWED_HOSTS"
"""More names the server answers to, separated by commas or spaces (as `--allowed-host`, repeated)."""
LONGEST = 253
"""The longest name DNS allows; a Host header longer than a name and a port is refused unread."""
HEADERS_KEPT = 64
"""Host headers whose answer `Hosts.allows` keeps: a server is named in a few ways, and every request names one."""
_NAME = re.compile(r"(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*")
_PORT = re.compile(r"[0-9]{1,5}")
_NUMBERS = re.compile(r"(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}")


def host_name(text: str) -> str | Address | None:
    """A host as the Host header or `--allowed-host` names it, without a port: an address, or a name in
    lower case without the final dot; None when it is neither (the caller refuses it)."""
    text = text.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        try:
            return ipaddress.IPv6Address(text[1:-1])
        except ValueError:
            return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    name = text[:-1] if text.endswith(".") else text
    if not _NAME.fullmatch(name):
        return None
    if _NUMBERS.fullmatch(name):  # 127.1, 0x7f.0.0.1: the forms a browser and inet_aton read as an address
        try:
            return ipaddress.IPv4Address(socket.inet_aton(name))
        except OSError:
            return None
    return name


def split_host(header: str) -> str | Address | None:
    """The host of a Host header (`name`, `name:port`, `[v6]:port`), or None when it is not one."""
    if len(header) > LONGEST + 8:
        return None
    host, port = header, ""
    if header.startswith("["):
        end = header.find("]")
        if end < 0:
            return None
        host, rest = header[: end + 1], header[end + 1:]
        if rest:
            if not rest.startswith(":"):
                return None
            port = rest[1:]
            if not port:
                return None
    elif ":" in header:
        host, _, port = header.partition(":")
        if not port:
            return None
    if port and not (_PORT.fullmatch(port) and int(port) <= 65535):
        return None
    found = host_name(host)
    return found if host.startswith("[") or not isinstance(found, ipaddress.IPv6Address) else None


def _is_loopback_name(name: str) -> bool:
    return name == "localhost" or name.endswith(".localhost")


@lru_cache(maxsize=256)
def is_own_address(address: Address) -> bool:
    """Whether this computer has the address (one of its interfaces'): a socket can be bound to it."""
    if address.is_multicast or address.is_unspecified or (
            isinstance(address, ipaddress.IPv4Address) and address == ipaddress.IPv4Address("255.255.255.255")):
        return False
    family = socket.AF_INET6 if isinstance(address, ipaddress.IPv6Address) else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_DGRAM)
    try:
        probe.bind((str(address), 0))
    except OSError:
        return False
    finally:
        probe.close()
    return True


@dataclass(frozen=True)
class Hosts:
    """The names and addresses a request may give as its Host."""

    names: frozenset[str]
    addresses: frozenset[Address]
    own: bool
    """The server listens on every interface: any address of this computer's is allowed too."""
    _answered: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    """Host headers already looked at and the answer (the first HEADERS_KEPT: a flood of made-up names is
    looked at each time, and takes no more memory)."""

    @classmethod
    def for_server(cls, host: str, bound: tuple[str, int], extra: Iterable[str] = ()) -> Hosts:
        """For a server started with `--host host`, listening on `bound`, with `extra` names allowed."""
        names: set[str] = set()
        addresses: set[Address] = set()
        listening = ipaddress.ip_address(bound[0].split("%")[0])
        own = listening.is_unspecified
        if own:
            for name in (socket.gethostname().lower(), socket.gethostname().lower() + ".local"):
                found = host_name(name)
                if isinstance(found, str):
                    names.add(found)
        else:
            addresses.add(listening)
        for item in (host, *extra):
            found = host_name(item)
            if isinstance(found, str):
                names.add(found)
            elif found is not None and not found.is_unspecified:
                addresses.add(found)
        return cls(frozenset(names), frozenset(addresses), own)

    def allows(self, header: str | None) -> bool:
        """Whether a request with this Host header (None: it has none, as HTTP/1.0 may) is answered."""
        if header is None:
            return True
        known = self._answered.get(header)
        if known is None:
            known = self._allows(header)
            if len(self._answered) < HEADERS_KEPT:
                self._answered[header] = known
        return known

    def _allows(self, header: str) -> bool:
        found = split_host(header)
        if found is None:
            return False
        if isinstance(found, str):
            return _is_loopback_name(found) or found in self.names
        if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
            found = found.ipv4_mapped
        return found.is_loopback or found in self.addresses or (self.own and is_own_address(found))


def allowed_from_environment(value: str | None) -> list[str]:
    """The names SAMARBEID_ALLOWED_HOSTS adds (commas or spaces between them)."""
    return [part for part in re.split(r"[,\s]+", value or "") if part]
