"""Which IP addresses a harvester may connect to.

Partner URLs are untrusted: a feed URL (or a redirect, or a DNS answer) that
points at the worker's own network could read internal services or a cloud
metadata endpoint. So every address a connection is about to use is checked
here first, and only public unicast addresses pass, unless the address lies
in ``settings.HARVEST_ALLOWED_NETWORKS`` (CIDRs, for tests and private
deployments whose partners sit on an internal network).

The table is explicit rather than ``ipaddress.is_global``, whose answer
varies between Python versions and which calls multicast, 6to4 and NAT64
forms of private addresses "global". IPv6 forms that embed an IPv4 address
(IPv4-mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``)
are judged by the IPv4 address inside them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

import requests

Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network
Resolver = Callable[[str, int], Sequence[str]]


def _nets(*pairs: tuple[str, str]) -> tuple[tuple[Network, str], ...]:
    return tuple((ipaddress.ip_network(cidr), label) for cidr, label in pairs)


# Cloud metadata services first: their label is the most useful one in a log.
_REFUSED_V4 = _nets(
    ("169.254.169.254/32", "cloud metadata service"),
    ("168.63.129.16/32", "cloud metadata service (Azure)"),
    ("100.100.100.200/32", "cloud metadata service (Alibaba)"),
    ("0.0.0.0/8", "unspecified / 'this network'"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "carrier-grade NAT (shared address space)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation (TEST-NET-1)"),
    ("192.88.99.0/24", "6to4 relay anycast (reserved)"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation (TEST-NET-2)"),
    ("203.0.113.0/24", "documentation (TEST-NET-3)"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),  # includes the broadcast address 255.255.255.255
)
_REFUSED_V6 = _nets(
    ("fd00:ec2::254/128", "cloud metadata service (AWS)"),
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("64:ff9b:1::/48", "local-use NAT64"),
    ("100::/64", "discard-only"),
    ("2001::/23", "IETF protocol assignments (Teredo, ORCHID...)"),
    ("2001:db8::/32", "documentation"),
    ("fc00::/7", "unique local (private)"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local (deprecated)"),
    ("ff00::/8", "multicast"),
)
_GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(requests.exceptions.InvalidURL):
    """The URL's host is, or resolves to, an address harvesters must not connect to.

    A `requests` exception (so requests-based clients such as python-gitlab
    pass it through), and deliberately not a ConnectionError: retrying cannot help.
    """

    def __init__(self, message: str, *, host: str = "", address: str = "", **kwargs):
        super().__init__(message, **kwargs)
        self.host = host
        self.address = address


def embedded_ipv4(ip: Address) -> IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address."""
    if not isinstance(ip, IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour


def refusal_reason(ip: Address) -> str | None:
    """Why an address is not public ("private", "loopback"...), or None if it is."""
    inner = embedded_ipv4(ip)
    if inner is not None:
        reason = refusal_reason(inner)
        return f"{reason} ({inner} inside {ip})" if reason else None
    table = _REFUSED_V4 if isinstance(ip, IPv4Address) else _REFUSED_V6
    for network, label in table:
        if ip in network:
            return label
    if isinstance(ip, IPv6Address) and ip not in _GLOBAL_UNICAST_V6:
        return "reserved (outside global unicast 2000::/3)"
    return None


def parse_networks(values: Iterable[str] | str | None) -> tuple[Network, ...]:
    """CIDRs from settings ("127.0.0.1/32, 10.1.0.0/16" or a list) as networks."""
    if not values:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    networks = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError as exc:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                f"HARVEST_ALLOWED_NETWORKS: {value!r} is not a CIDR network ({exc})"
            ) from None
    return tuple(networks)


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for host (socket.gaierror if none)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    return addresses


@dataclass(frozen=True)
class AddressPolicy:
    """The allowed extra networks and the resolver: what `vet` decides with."""

    allowed_networks: tuple[Network, ...] = ()
    resolver: Resolver = field(default=system_resolver, compare=False)

    @classmethod
    def from_settings(cls, *, resolver: Resolver | None = None) -> AddressPolicy:
        from django.conf import settings

        networks = parse_networks(getattr(settings, "HARVEST_ALLOWED_NETWORKS", ()))
        return cls(allowed_networks=networks, resolver=resolver or system_resolver)

    def is_allowed(self, ip: Address) -> bool:
        inner = embedded_ipv4(ip)
        for candidate in (ip, inner):
            if candidate is not None and any(
                candidate.version == net.version and candidate in net
                for net in self.allowed_networks
            ):
                return True
        return refusal_reason(ip) is None

    def check(self, ip: Address, *, host: str = "") -> None:
        """Raise AddressRefused unless a connection to ip is allowed."""
        if self.is_allowed(ip):
            return
        named = f"{host} resolves to {ip}" if host and host != str(ip) else f"{ip}"
        raise AddressRefused(
            f"Refused to connect: {named}, a {refusal_reason(ip)} address; harvesters only "
            "reach public addresses (see HARVEST_ALLOWED_NETWORKS).",
            host=host,
            address=str(ip),
        )

    def vet(self, host: str, port: int) -> list[str]:
        """Resolve host once and check every address; return them for the connection to use.

        All answers must pass, not just the first: a name with one public and
        one private address is refused, so the order of answers cannot be used
        to smuggle a private address past the check.
        """
        host = host.strip("[]")
        try:
            literal = ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            literal = None
        addresses = [str(literal)] if literal else list(self.resolver(host, port))
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} has no address")
        for address in addresses:
            self.check(ipaddress.ip_address(address), host=host)
        return addresses
