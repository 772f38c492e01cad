"""The safe fetcher end to end: real requests over real sockets to loopback servers.

The canary listens on 127.0.0.2 while only 127.0.0.1/32 is allowed: it must
never see a connection, whether the URL names it directly, a redirect sends
us there, or a DNS answer points at it.
"""

import gzip
import threading
import time
import zlib

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Response

from harvesters.fetch import (
    AddressRefused,
    FetchErrorKind,
    FetchLimits,
    ResponseTooLarge,
    Validators,
    fetch,
    safe_session,
    user_agent,
)

from .conftest import session_with

pytestmark = pytest.mark.usefixtures("only_127_0_0_1")


def test_a_feed_on_an_allowed_address_is_fetched_with_validators_and_our_user_agent(
    server, limits, settings
):
    server.expect_request("/events.ics").respond_with_data(
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        content_type="text/calendar; charset=utf-8",
        headers={"ETag": '"cal-v7"', "Last-Modified": "Tue, 22 Sep 2026 08:00:00 GMT"},
    )
    result = fetch(server.url_for("/events.ics"), limits=limits, accept="text/calendar")
    assert result.ok and result.status == 200
    assert result.body.startswith(b"BEGIN:VCALENDAR")
    assert result.validators == Validators('"cal-v7"', "Tue, 22 Sep 2026 08:00:00 GMT")
    assert result.content_type == "text/calendar; charset=utf-8"
    request, _ = server.log[0]
    assert request.headers["User-Agent"] == f"PaN-Registry-Harvester/1.0 (+{settings.SITE_URL})"
    assert request.headers["Accept"] == "text/calendar"
    assert user_agent() in request.headers["User-Agent"]


def test_direct_url_to_an_address_outside_the_allowed_networks_is_refused(canary, limits):
    result = fetch(canary.url("/latest/meta-data/"), limits=limits)
    assert result.error is FetchErrorKind.REFUSED_ADDRESS
    assert "127.0.0.2" in result.detail and "loopback" in result.detail
    assert result.attempts == 1  # refusing again would not help: no retry
    assert not canary.was_contacted()


def test_redirect_to_an_address_outside_the_allowed_networks_is_refused(server, canary, limits):
    server.expect_request("/feed.xml").respond_with_data(
        "", status=302, headers={"Location": canary.url("/internal/feed.xml")}
    )
    result = fetch(server.url_for("/feed.xml"), limits=limits)
    assert result.error is FetchErrorKind.REFUSED_ADDRESS
    assert result.redirects == (canary.url("/internal/feed.xml"),)
    assert len(server.log) == 1
    assert not canary.was_contacted()


def test_a_name_that_resolves_outside_the_allowed_networks_is_refused(canary, limits):
    session = session_with(lambda host, port: ["127.0.0.2"], limits=limits)
    result = fetch(f"http://feeds.partner.example:{canary.port}/rss", session=session)
    assert result.error is FetchErrorKind.REFUSED_ADDRESS
    assert "feeds.partner.example resolves to 127.0.0.2" in result.detail
    assert not canary.was_contacted()


def test_a_name_with_one_refused_answer_is_refused_entirely(server, canary, limits):
    server.expect_request("/rss").respond_with_data("<rss/>")
    session = session_with(lambda host, port: ["127.0.0.1", "127.0.0.2"], limits=limits)
    result = fetch(f"http://mixed.partner.example:{server.port}/rss", session=session)
    assert result.error is FetchErrorKind.REFUSED_ADDRESS
    assert server.log == []
    assert not canary.was_contacted()


def test_the_connection_goes_to_the_address_that_was_checked(server, limits):
    """DNS rebinding: a second lookup would answer 127.0.0.2; there is no second lookup."""
    server.expect_request("/rss").respond_with_data("<rss version='2.0'/>")
    answers = []

    def rebinding_resolver(host, port):
        answers.append(host)
        return ["127.0.0.1"] if len(answers) == 1 else ["127.0.0.2"]

    session = session_with(rebinding_resolver, limits=limits)
    result = fetch(f"http://rebind.partner.example:{server.port}/rss", session=session)
    assert result.ok, result.detail
    assert answers == ["rebind.partner.example"]
    request, _ = server.log[0]
    assert request.headers["Host"] == f"rebind.partner.example:{server.port}"


def test_proxies_from_the_environment_are_not_used(server, canary, limits, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", canary.url())
    monkeypatch.setenv("http_proxy", canary.url())
    server.expect_request("/feed").respond_with_data("ok")
    assert fetch(server.url_for("/feed"), limits=limits).ok
    assert not canary.was_contacted()


def _stream(total: int, produced: list[int], *, chunk: int = 64 * 1024):
    """Yield `total` bytes lazily, recording how many were actually produced."""
    block = b"x" * chunk
    sent = 0
    while sent < total:
        piece = block[: min(chunk, total - sent)]
        sent += len(piece)
        produced[0] = sent
        yield piece


FIFTY_MB = 50 * 1024 * 1024


def test_a_50_mb_response_is_cut_off_at_the_cap(server, limits):
    produced = [0]
    server.expect_request("/huge.xml").respond_with_handler(
        lambda request: Response(_stream(FIFTY_MB, produced), content_type="application/rss+xml")
    )
    result = fetch(server.url_for("/huge.xml"), limits=limits)
    assert result.error is FetchErrorKind.TOO_LARGE
    assert "limit" in result.detail
    assert result.body == b""
    assert result.attempts == 1
    time.sleep(0.2)  # let the server notice the closed connection
    assert produced[0] < FIFTY_MB / 2  # the rest was never generated, let alone loaded


def test_a_declared_50_mb_body_is_refused_before_downloading_it(server, limits):
    produced = [0]
    server.expect_request("/huge.json").respond_with_handler(
        lambda request: Response(
            _stream(FIFTY_MB, produced), headers={"Content-Length": str(FIFTY_MB)}
        )
    )
    result = fetch(server.url_for("/huge.json"), limits=limits)
    assert result.error is FetchErrorKind.TOO_LARGE
    assert f"declares {FIFTY_MB} bytes" in result.detail


def test_a_gzip_bomb_is_cut_off_by_its_decompressed_size(server, limits):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    zeros = b"\0" * (1024 * 1024)
    bomb = b"".join(compressor.compress(zeros) for _ in range(50)) + compressor.flush()
    assert len(bomb) < 200 * 1024 and len(gzip.decompress(bomb)) == FIFTY_MB
    server.expect_request("/bomb.xml").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="application/xml"
    )
    result = fetch(server.url_for("/bomb.xml"), limits=limits)
    assert result.error is FetchErrorKind.TOO_LARGE


def test_api_clients_get_the_same_cap_through_the_session(server, limits):
    server.expect_request("/api/v4/projects/1").respond_with_handler(
        lambda request: Response(_stream(FIFTY_MB, [0]), content_type="application/json")
    )
    session = safe_session(limits=limits)
    with pytest.raises(ResponseTooLarge):
        session.get(server.url_for("/api/v4/projects/1"))


def test_a_slow_server_times_out_and_is_retried(server):
    calls = []

    def slow(request):
        calls.append(time.monotonic())
        time.sleep(1.0)
        return Response("too late")

    server.expect_request("/slow.ics").respond_with_handler(slow)
    limits = FetchLimits(
        read_timeout=0.2, total_timeout=5, attempts=2, backoff=0.01, max_backoff=0.01
    )
    started = time.monotonic()
    result = fetch(server.url_for("/slow.ics"), limits=limits)
    assert result.error is FetchErrorKind.TIMEOUT
    assert result.attempts == 2 and len(calls) == 2
    assert time.monotonic() - started < 3


def test_a_server_dripping_bytes_is_cut_off_at_the_total_deadline(server):
    def drip(request):
        def body():
            for _ in range(100):
                yield b"<"
                time.sleep(0.1)

        # A declared length makes the client wait for whole blocks: only the
        # deadline, not the per-read timeout, can stop this.
        return Response(body(), headers={"Content-Length": "100000"})

    server.expect_request("/drip.xml").respond_with_handler(drip)
    limits = FetchLimits(read_timeout=1.0, total_timeout=0.8, attempts=1)
    started = time.monotonic()
    result = fetch(server.url_for("/drip.xml"), limits=limits)
    assert result.error is FetchErrorKind.TIMEOUT
    assert "0.8 s" in result.detail
    assert time.monotonic() - started < 2.5


def test_5xx_is_retried_with_backoff_then_succeeds(server, limits):
    server.expect_ordered_request("/feed.xml").respond_with_data("busy", status=503)
    server.expect_ordered_request("/feed.xml").respond_with_data("oops", status=502)
    server.expect_ordered_request("/feed.xml").respond_with_data("<rss version='2.0'/>")
    waits = []
    result = fetch(server.url_for("/feed.xml"), limits=limits, sleep=waits.append)
    assert result.ok and result.body == b"<rss version='2.0'/>"
    assert result.attempts == 3
    assert waits == [0.01, 0.02]  # exponential: backoff, then twice that


def test_retry_after_is_honoured_up_to_the_backoff_ceiling(server):
    server.expect_ordered_request("/feed.xml").respond_with_data(
        "busy", status=503, headers={"Retry-After": "7"}
    )
    server.expect_ordered_request("/feed.xml").respond_with_data("ok")
    waits = []
    limits = FetchLimits(backoff=1.0, max_backoff=30.0)
    assert fetch(server.url_for("/feed.xml"), limits=limits, sleep=waits.append).ok
    assert waits == [7.0]


def test_5xx_that_persists_ends_as_an_http_error_after_all_attempts(server, limits):
    server.expect_request("/feed.xml").respond_with_data("down", status=500)
    result = fetch(server.url_for("/feed.xml"), limits=limits, sleep=lambda s: None)
    assert result.error is FetchErrorKind.HTTP_ERROR and result.status == 500
    assert result.attempts == 3 and len(server.log) == 3


@pytest.mark.parametrize("status", [403, 404, 410, 429])
def test_4xx_is_not_retried(server, limits, status):
    server.expect_request("/feed.xml").respond_with_data("no", status=status)
    result = fetch(server.url_for("/feed.xml"), limits=limits, sleep=lambda s: None)
    assert result.error is FetchErrorKind.HTTP_ERROR and result.status == status
    assert result.attempts == 1 and len(server.log) == 1


def test_304_with_etag_returns_not_modified_and_keeps_the_validators(server, limits):
    server.expect_request(
        "/events.ics",
        headers={"If-None-Match": '"cal-v7"', "If-Modified-Since": "Tue, 22 Sep 2026 08:00:00 GMT"},
    ).respond_with_data("", status=304, headers={"ETag": '"cal-v7"'})
    stored = Validators(etag='"cal-v7"', last_modified="Tue, 22 Sep 2026 08:00:00 GMT")
    result = fetch(server.url_for("/events.ics"), validators=stored, limits=limits)
    assert result.not_modified and not result.ok
    assert result.error is FetchErrorKind.NOT_MODIFIED
    assert result.body == b""
    assert result.validators == stored


def test_changed_resource_returns_new_validators(server, limits):
    server.expect_request("/events.ics").respond_with_data("new", headers={"ETag": '"cal-v8"'})
    result = fetch(
        server.url_for("/events.ics"), validators=Validators(etag='"cal-v7"'), limits=limits
    )
    assert result.ok and result.validators.etag == '"cal-v8"'


def test_too_many_redirects_stop_the_fetch(server, limits):
    for hop in range(10):
        server.expect_request(f"/r{hop}").respond_with_data(
            "", status=301, headers={"Location": f"/r{hop + 1}"}
        )
    result = fetch(server.url_for("/r0"), limits=limits)
    assert result.error is FetchErrorKind.TOO_MANY_REDIRECTS
    assert len(result.redirects) == limits.max_redirects + 1
    assert len(server.log) == limits.max_redirects + 1


def test_redirects_are_followed_and_the_final_url_reported(server, limits):
    server.expect_request("/old-feed").respond_with_data(
        "", status=301, headers={"Location": "/feed.xml"}
    )
    server.expect_request("/feed.xml").respond_with_data("<rss version='2.0'/>")
    result = fetch(server.url_for("/old-feed"), limits=limits)
    assert result.ok and result.final_url == server.url_for("/feed.xml")
    assert result.redirects == (server.url_for("/feed.xml"),)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://ftp.example.org/feed.xml", "gopher://x/"]
)
def test_only_http_and_https_urls_are_fetched(url, limits, no_sockets):
    result = fetch(url, limits=limits)
    assert result.error is FetchErrorKind.INVALID_URL


def test_a_redirect_to_a_file_url_is_refused(server, limits):
    server.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    result = fetch(server.url_for("/feed"), limits=limits)
    assert result.error is FetchErrorKind.INVALID_URL


def test_a_closed_port_is_a_connection_error_and_not_retried(limits):
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    result = fetch(f"http://127.0.0.1:{port}/feed", limits=limits, sleep=lambda s: None)
    assert result.error is FetchErrorKind.CONNECTION_ERROR
    assert result.attempts == 1


def test_requests_made_directly_on_the_safe_session_are_checked_too(canary, limits):
    session = safe_session(limits=limits)
    with pytest.raises(AddressRefused):
        session.get(canary.url())
    assert isinstance(AddressRefused("x"), requests.RequestException)
    assert not canary.was_contacted()


def test_adapters_mounted_later_on_the_session_stay_safe(canary, limits):
    session = safe_session(limits=limits)
    session.mount("http://", requests.adapters.HTTPAdapter(max_retries=2))
    with pytest.raises(AddressRefused):
        session.get(canary.url())
    assert not canary.was_contacted()


def test_concurrent_fetches_keep_their_own_deadlines(server):
    server.expect_request("/fast").respond_with_data("fast")

    def slow(request):
        time.sleep(1.5)
        return Response("slow")

    server.expect_request("/slow").respond_with_handler(slow)
    results = {}

    def run(path, total):
        limits = FetchLimits(read_timeout=5, total_timeout=total, attempts=1)
        results[path] = fetch(server.url_for(path), limits=limits)

    threads = [
        threading.Thread(target=run, args=("/slow", 0.5)),
        threading.Thread(target=run, args=("/fast", 5)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results["/slow"].error is FetchErrorKind.TIMEOUT
    assert results["/fast"].ok


def test_a_redirect_without_location_is_an_http_error(server, limits):
    server.expect_request("/feed").respond_with_data("gone somewhere", status=302)
    result = fetch(server.url_for("/feed"), limits=limits)
    assert result.error is FetchErrorKind.HTTP_ERROR and result.status == 302
    assert result.body == b""


def test_credentials_go_to_the_source_host_only(server, limits):
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/mirror.json").respond_with_json({"results": []})
        server.expect_request(
            "/export/categ/412.json", headers={"Authorization": "Bearer indp_token"}
        ).respond_with_data("", status=302, headers={"Location": other.url_for("/mirror.json")})
        result = fetch(
            server.url_for("/export/categ/412.json"),
            headers={"Authorization": "Bearer indp_token"},
            limits=limits,
        )
        assert result.ok
        request, _ = other.log[0]
        assert "Authorization" not in request.headers
    finally:
        other.clear()
        other.stop()
