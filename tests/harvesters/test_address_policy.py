"""The address check, decided without opening a socket or asking real DNS."""

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured

from harvesters.fetch import AddressPolicy, AddressRefused, parse_networks, refusal_reason

from .conftest import session_with

REFUSED = {
    "10.0.0.1": "private",
    "169.254.169.254": "cloud metadata service",
    "fd00::1": "unique local (private)",
    "::ffff:10.0.0.1": "private",
    "127.0.0.1": "loopback",
    "::1": "loopback",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "172.20.3.4": "private",
    "192.168.1.10": "private",
    "100.64.0.7": "carrier-grade NAT",
    "100.100.100.200": "cloud metadata service (Alibaba)",
    "169.254.10.20": "link-local",
    "fe80::1": "link-local",
    "224.0.0.251": "multicast",
    "ff02::1": "multicast",
    "240.0.0.1": "reserved",
    "255.255.255.255": "reserved",
    "fd00:ec2::254": "cloud metadata service (AWS)",
    "2002:a00:1::1": "private",  # 6to4 wrapping 10.0.0.1
    "64:ff9b::a9fe:a9fe": "cloud metadata service",  # NAT64 wrapping 169.254.169.254
    "::ffff:127.0.0.1": "loopback",
    "2001:db8::1": "documentation",
}
PUBLIC = ["193.49.43.1", "130.246.132.1", "8.8.8.8", "2001:4860:4860::8888", "2a00:1450:4001::1"]


@pytest.mark.parametrize("address", sorted(REFUSED))
def test_non_public_addresses_are_refused_with_their_kind(address):
    ip = ipaddress.ip_address(address)
    reason = refusal_reason(ip)
    assert reason is not None and REFUSED[address] in reason
    with pytest.raises(AddressRefused, match="Refused to connect"):
        AddressPolicy().check(ip)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    ip = ipaddress.ip_address(address)
    assert refusal_reason(ip) is None
    AddressPolicy().check(ip)  # does not raise


def test_loopback_passes_only_when_its_network_is_allowed():
    allowed = AddressPolicy(allowed_networks=parse_networks("127.0.0.1/32"))
    allowed.check(ipaddress.ip_address("127.0.0.1"))
    allowed.check(ipaddress.ip_address("::ffff:127.0.0.1"))  # the same address, IPv4-mapped
    with pytest.raises(AddressRefused):
        allowed.check(ipaddress.ip_address("127.0.0.2"))
    with pytest.raises(AddressRefused):
        allowed.check(ipaddress.ip_address("10.0.0.1"))


@pytest.mark.parametrize(
    "answer", ["10.0.0.1", "169.254.169.254", "fd00::1", "::ffff:10.0.0.1", "127.0.0.1"]
)
def test_a_name_resolving_to_a_refused_address_is_refused(answer, no_sockets):
    policy = AddressPolicy(resolver=lambda host, port: [answer])
    with pytest.raises(AddressRefused) as refused:
        policy.vet("events.partner.example", 443)
    assert refused.value.host == "events.partner.example"
    assert refused.value.address == str(ipaddress.ip_address(answer))
    assert "events.partner.example resolves to" in str(refused.value)
    assert no_sockets == []


def test_one_private_answer_among_public_ones_refuses_the_name(no_sockets):
    policy = AddressPolicy(resolver=lambda host, port: ["193.49.43.1", "10.0.0.1"])
    with pytest.raises(AddressRefused):
        policy.vet("mixed.example", 443)


def test_vet_returns_the_checked_addresses_the_connection_will_use(no_sockets):
    policy = AddressPolicy(resolver=lambda host, port: ["193.49.43.1", "2001:660:7302::1"])
    assert policy.vet("www.esrf.fr", 443) == ["193.49.43.1", "2001:660:7302::1"]


def test_ip_literals_are_checked_without_dns(no_sockets):
    def resolver(host, port):
        raise AssertionError("an IP literal must not go through the resolver")

    policy = AddressPolicy(resolver=resolver)
    with pytest.raises(AddressRefused):
        policy.vet("[fd00::1]", 80)
    assert policy.vet("193.49.43.1", 80) == ["193.49.43.1"]


def test_safe_session_refuses_a_private_name_before_any_socket(no_sockets):
    session = session_with(lambda host, port: ["10.0.0.1"], allowed=())
    with pytest.raises(AddressRefused, match="intranet.partner.example resolves to 10.0.0.1"):
        session.get("http://intranet.partner.example/feed.xml")
    with pytest.raises(AddressRefused, match="169.254.169.254"):
        session.get("http://169.254.169.254/latest/meta-data/")
    assert no_sockets == []


def test_allowed_networks_setting_must_be_cidrs():
    assert parse_networks("127.0.0.1/32, 10.1.0.0/16") == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.1.0.0/16"),
    )
    with pytest.raises(ImproperlyConfigured, match="not-a-network"):
        parse_networks(["not-a-network"])


def test_policy_reads_allowed_networks_from_settings(settings):
    settings.HARVEST_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    policy = AddressPolicy.from_settings()
    policy.check(ipaddress.ip_address("10.20.3.4"))
    with pytest.raises(AddressRefused):
        policy.check(ipaddress.ip_address("10.21.3.4"))
