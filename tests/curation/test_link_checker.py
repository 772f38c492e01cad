"""The link checker against loopback servers: HEAD then GET, statuses, redirects, politeness, SSRF."""

import threading
from collections import defaultdict

import pytest
from werkzeug import Response

from harvesters.fetch import safe_session
from registry.curation.links import LinkResult, check_links, check_url, record, run_link_check
from registry.curation.models import CheckedLink, LinkCheck, LinkOutcome
from tests.software.factories import SoftwareEntryFactory, publish

pytestmark = pytest.mark.django_db


def check(url):
    with safe_session() as session:
        return check_url(url, session=session)


def test_head_refused_with_405_falls_back_to_get(server, only_127_0_0_1):
    server.expect_request("/docs", method="HEAD").respond_with_data("", status=405)
    server.expect_request("/docs", method="GET").respond_with_data("<html>docs</html>")
    result = check(server.url_for("/docs"))
    assert (result.method, result.outcome, result.status) == ("GET", LinkOutcome.OK, 200)


def test_a_working_head_needs_no_get(server, only_127_0_0_1):
    server.expect_request("/", method="HEAD").respond_with_data("")
    result = check(server.url_for("/"))
    assert (result.method, result.status) == ("HEAD", 200)
    assert [request.method for request, _ in server.log] == ["HEAD"]
    assert server.log[0][0].headers["User-Agent"].startswith("PaN-Registry-Harvester/")


def test_a_404_is_recorded_as_broken_with_history(server, only_127_0_0_1):
    url = server.url_for("/gone")
    server.expect_request("/gone").respond_with_data("no", status=404)
    link = record(check(url))
    assert (link.outcome, link.last_status, link.consecutive_failures) == ("broken", 404, 1)
    assert link.detail.startswith("HTTP 404")
    link = record(check(url))
    assert link.consecutive_failures == 2
    assert LinkCheck.objects.filter(link=link, status=404).count() == 2


def test_a_redirect_is_followed_and_the_final_address_kept(server, only_127_0_0_1):
    server.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": server.url_for("/new")})
    )
    server.expect_request("/new").respond_with_data("here")
    result = check(server.url_for("/old"))
    assert result.outcome == LinkOutcome.OK and result.final_url == server.url_for("/new")


def test_a_private_address_is_refused_without_a_connection(canary, only_127_0_0_1):
    result = check(canary.url("/admin"))
    assert result.outcome == LinkOutcome.REFUSED and "127.0.0.2" in result.detail
    assert not canary.was_contacted()
    link = record(result)
    assert link.outcome == LinkOutcome.REFUSED and link.consecutive_failures == 0


def test_one_request_at_a_time_per_host_with_a_pause_between_them():
    urls = [f"https://{host}.example.org/{n}" for host in ("a", "b", "c") for n in range(4)]
    lock = threading.Lock()
    in_flight = defaultdict(int)
    events = defaultdict(list)
    overlaps = []
    current_host = threading.local()  # each host's queue runs on one thread

    def checking(url, *, session):
        host = current_host.value = url.split("/")[2]
        with lock:
            in_flight[host] += 1
            overlaps.extend([url] if in_flight[host] > 1 else [])
            events[host].append("request")
        with lock:
            in_flight[host] -= 1
        return LinkResult(url, "HEAD", LinkOutcome.OK, status=200)

    def sleeping(seconds):
        with lock:
            events[current_host.value].append(f"sleep {seconds}")

    results = check_links(urls, delay=1.5, workers=3, check=checking, sleep=sleeping)
    assert sorted(r.url for r in results) == sorted(urls)
    assert not overlaps
    for host in ("a.example.org", "b.example.org", "c.example.org"):
        assert events[host] == ["request", "sleep 1.5"] * 3 + ["request"]


def test_run_checks_the_published_entries_links_least_recently_checked_first(
    home, server, only_127_0_0_1
):
    from registry.software.models import SoftwareIndexPage

    server.expect_request("/home", method="HEAD").respond_with_data("")
    server.expect_request("/repo", method="HEAD").respond_with_data("", status=404)
    publish(
        SoftwareEntryFactory(
            parent=SoftwareIndexPage.objects.get(),
            homepage_url=server.url_for("/home"),
            repository_url=server.url_for("/repo"),
        )
    )
    summary = run_link_check(limit=1)
    assert (summary.collected, summary.checked) == (2, 1)
    summary = run_link_check(limit=1)
    assert summary.checked == 1
    assert dict(CheckedLink.objects.values_list("url", "outcome")) == {
        server.url_for("/home"): "ok",
        server.url_for("/repo"): "broken",
    }
