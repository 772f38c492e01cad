"""The link checker: every outbound URL of the published catalogue, checked politely.

`collect_links()` gathers the URLs of live entries (software homepage,
repository, documentation and issue tracker; training resource; event
website, registration and source pages; collaboration and facility websites).
`check_links()` asks each host in turn through the harvesters' safe session
(`harvesters.fetch`: SSRF address policy on every hop, timeouts, fixed
User-Agent): HEAD first, GET (headers only, body never read) when the server
refuses HEAD with 405 or 501. One host is asked one URL at a time, with
LINK_CHECK_HOST_DELAY seconds between two requests to it; different hosts are
checked side by side (LINK_CHECK_WORKERS threads, no database access in them).
`record()` writes the outcome and a history row. A URL our address policy
refuses (private or loopback address) is recorded as *refused* with the
reason, never as a broken site: nothing was asked.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from harvesters.fetch import AddressRefused, FetchLimits, safe_session

from .models import CheckedLink, LinkCheck, LinkOutcome

HEAD_REFUSED = frozenset({405, 501})


def _link_fields():
    from registry.collaborations.models import Collaboration
    from registry.events.models import Event
    from registry.facilities.models import Facility
    from registry.software.models import SoftwareEntry
    from registry.training.models import TrainingMaterial

    return {
        SoftwareEntry: ("homepage_url", "repository_url", "documentation_url", "issue_tracker_url"),
        TrainingMaterial: ("resource_url",),
        Event: ("website", "registration_url", "source_url"),
        Collaboration: ("website",),
        Facility: ("website",),
    }


def collect_links() -> dict[str, list[tuple[int, int, str]]]:
    """{url: [(content type id, page id, field name), ...]} for every live entry; one query a model."""
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for model, fields in _link_fields().items():
        ct = ContentType.objects.get_for_model(model)
        for row in model.objects.live().values("pk", *fields):
            for name in fields:
                url = (row[name] or "").strip()
                if url.startswith(("http://", "https://")):
                    found[url].append((ct.pk, row["pk"], name))
    return dict(found)


@dataclass(frozen=True)
class LinkResult:
    url: str
    method: str
    outcome: str
    status: int | None = None
    detail: str = ""
    final_url: str = ""


def check_url(url: str, *, session) -> LinkResult:
    """HEAD, then GET if HEAD is refused; never raises for network trouble."""
    limits = session.limits
    timeout = (limits.connect_timeout, limits.read_timeout)
    method = "HEAD"
    try:
        response = session.head(url, allow_redirects=True, timeout=timeout)
        response.close()
        if response.status_code in HEAD_REFUSED:
            method = "GET"
            # stream=True: only the status line and headers are read, then the connection closes.
            response = session.get(url, allow_redirects=True, timeout=timeout, stream=True)
            response.close()
    except AddressRefused as exc:
        return LinkResult(url, method, LinkOutcome.REFUSED, detail=_short(str(exc)))
    except (requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema) as exc:
        return LinkResult(url, method, LinkOutcome.REFUSED, detail=_short(str(exc)))
    except requests.RequestException as exc:
        return LinkResult(
            url, method, LinkOutcome.BROKEN, detail=_short(f"{type(exc).__name__}: {exc}")
        )
    ok = response.status_code < 400
    return LinkResult(
        url,
        method,
        LinkOutcome.OK if ok else LinkOutcome.BROKEN,
        status=response.status_code,
        detail="" if ok else f"HTTP {response.status_code} {response.reason or ''}".strip(),
        final_url=response.url if response.url != url else "",
    )


def _short(text: str) -> str:
    return text if len(text) <= 500 else text[:497] + "..."


def host_of(url: str) -> str:
    # Politeness is per machine name: two ports of one host share its queue.
    return (urlsplit(url).hostname or "").lower()


def check_links(
    urls: Iterable[str],
    *,
    delay: float | None = None,
    workers: int | None = None,
    session_factory: Callable = None,
    check: Callable = check_url,
    sleep: Callable[[float], None] = time.sleep,
    on_result: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check `urls`: one queue per host, one request at a time per host, `delay` s between them."""
    delay = settings.LINK_CHECK_HOST_DELAY if delay is None else delay
    workers = workers or settings.LINK_CHECK_WORKERS
    session_factory = session_factory or (lambda: safe_session(limits=_limits()))
    queues: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        queues[host_of(url)].append(url)

    def one_host(host_urls: list[str]) -> list[LinkResult]:
        results = []
        with session_factory() as session:
            for n, url in enumerate(host_urls):
                if n:
                    sleep(delay)
                result = check(url, session=session)
                results.append(result)
        return results

    results: list[LinkResult] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for host_results in pool.map(one_host, queues.values()):
            for result in host_results:
                results.append(result)
                if on_result:
                    on_result(result)
    return results


def _limits() -> FetchLimits:
    # A link check is one quick question: no retries, a short total bound.
    base = FetchLimits.from_settings()
    return FetchLimits(
        connect_timeout=base.connect_timeout,
        read_timeout=min(base.read_timeout, 15.0),
        total_timeout=min(base.total_timeout, 30.0),
        max_bytes=base.max_bytes,
        max_redirects=base.max_redirects,
        attempts=1,
    )


@transaction.atomic
def record(result: LinkResult, *, now=None) -> CheckedLink:
    """Store the outcome on the link and a history row; count consecutive failures."""
    now = now or timezone.now()
    link, _ = CheckedLink.objects.select_for_update().get_or_create(url=result.url)
    link.outcome = result.outcome
    link.last_status = result.status
    link.detail = result.detail
    link.final_url = result.final_url[:500]
    link.last_checked = now
    if result.outcome == LinkOutcome.BROKEN:
        link.consecutive_failures += 1
        link.first_failed_at = link.first_failed_at or now
    elif result.outcome == LinkOutcome.OK:
        link.consecutive_failures = 0
        link.first_failed_at = None
    # A refused URL leaves the failure count as it was: nothing was learnt about the site.
    link.save()
    LinkCheck.objects.create(
        link=link,
        checked_at=now,
        method=result.method,
        outcome=result.outcome,
        status=result.status,
        detail=result.detail,
        final_url=result.final_url[:500],
    )
    return link


@dataclass
class LinkRunSummary:
    collected: int = 0
    checked: int = 0
    ok: int = 0
    broken: int = 0
    refused: int = 0

    def __str__(self):
        return (
            f"{self.collected} links in the catalogue, {self.checked} checked: "
            f"{self.ok} working, {self.broken} broken, {self.refused} refused."
        )


def run_link_check(*, limit: int | None = None, progress=None, **options) -> LinkRunSummary:
    """Collect, pick the least recently checked links (up to `limit`), check and record them."""
    urls = collect_links()
    summary = LinkRunSummary(collected=len(urls))
    known = dict(CheckedLink.objects.values_list("url", "last_checked"))
    oldest_first = sorted(urls, key=lambda u: (known.get(u) is not None, known.get(u) or 0, u))
    chosen = oldest_first[:limit] if limit else oldest_first
    if progress is not None:
        progress.reset(total=len(chosen))

    def on_result(result: LinkResult):
        record(result)
        summary.checked += 1
        setattr(summary, result.outcome, getattr(summary, result.outcome) + 1)
        if progress is not None:
            progress.update(1)

    check_links(chosen, on_result=on_result, **options)
    return summary
