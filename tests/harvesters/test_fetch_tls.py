"""HTTPS through a pinned connection: the socket goes to the checked IP, TLS checks the name."""

import datetime
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pytest_httpserver import HTTPServer

from harvesters.fetch import FetchErrorKind, fetch

from .conftest import session_with

HOST = "events.partner.test"


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, issuer, public_key, signing_key, *, ca, dns=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if dns:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(dns)]), critical=False
        )
    return builder.sign(signing_key, hashes.SHA256())


@pytest.fixture
def tls_server(tmp_path):
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate(
        _name("PaN Registry test CA"),
        _name("PaN Registry test CA"),
        ca_key.public_key(),
        ca_key,
        ca=True,
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(_name(HOST), ca.subject, key.public_key(), ca_key, ca=False, dns=HOST)
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server, str(tmp_path / "ca.pem")
    server.clear()
    server.stop()


def test_https_to_a_pinned_address_verifies_the_certificate_for_the_host_name(tls_server, limits):
    server, ca = tls_server
    server.expect_request("/events.ics").respond_with_data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    session = session_with(lambda host, port: ["127.0.0.1"], limits=limits)
    session.verify = ca
    result = fetch(f"https://{HOST}:{server.port}/events.ics", session=session)
    assert result.ok, result.detail
    request, _ = server.log[0]
    assert request.headers["Host"] == f"{HOST}:{server.port}"


def test_a_certificate_for_another_name_is_still_refused(tls_server, limits):
    server, ca = tls_server
    server.expect_request("/events.ics").respond_with_data("never served")
    session = session_with(lambda host, port: ["127.0.0.1"], limits=limits)
    session.verify = ca
    result = fetch(f"https://impostor.partner.test:{server.port}/events.ics", session=session)
    assert result.error is FetchErrorKind.CONNECTION_ERROR
    assert "certificate" in result.detail.lower() or "hostname" in result.detail.lower()
    assert server.log == []
