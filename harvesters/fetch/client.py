"""`fetch()`: one GET of a partner URL, safely, with a result that says what happened.

Place in the flow: **fetch** → parse → normalise → upsert. The engine calls
``fetch(source.url, validators=source.validators)`` and gets a `FetchResult`
back in every case; it never raises for network trouble. The result carries
the status, the final URL after redirects, headers, the body bytes, the new
validators to store, the time taken and, when it failed, an `FetchErrorKind`
and a sentence for the run log.

* Redirects are followed here, one hop at a time (at most
  ``limits.max_redirects``), so each hop is recorded and each hop's address is
  checked by the session before any connection.
* Conditional GET: stored ETag / Last-Modified go out as If-None-Match /
  If-Modified-Since; a 304 comes back as ``not_modified`` with no body.
* The body is streamed and counted after decompression: past
  ``limits.max_bytes`` the connection is dropped and the result is
  ``too_large`` (a gzip bomb is cut off the same way).
* Retries (``limits.attempts``, exponential backoff, Retry-After honoured) on
  timeouts and 5xx only. A 4xx, a refused address, a too-large body or a
  redirect loop fail at once: asking again would not change the answer.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlparse

import requests
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import ReadTimeoutError

from .addresses import AddressRefused
from .limits import FetchLimits
from .session import CHUNK, Deadline, ResponseTooLarge, SafeSession, safe_session

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CREDENTIALS = frozenset({"authorization", "cookie", "proxy-authorization", "private-token"})

#: Accept headers per source kind, for `fetch(..., accept=ACCEPT["ical"])`.
ACCEPT = {
    "ical": "text/calendar, text/plain;q=0.5, */*;q=0.1",
    "rss": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
    "jsonld": "text/html, application/ld+json, application/json;q=0.9, */*;q=0.1",
    "indico": "application/json, text/calendar;q=0.9, */*;q=0.1",
}


class FetchErrorKind(enum.StrEnum):
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    REFUSED_ADDRESS = "refused_address"
    HTTP_ERROR = "http_error"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    NOT_MODIFIED = "not_modified"
    CONNECTION_ERROR = "connection_error"
    INVALID_URL = "invalid_url"


_RETRYABLE = frozenset({FetchErrorKind.TIMEOUT})


@dataclass(frozen=True)
class Validators:
    """What the server said identifies this version of the resource."""

    etag: str | None = None
    last_modified: str | None = None

    def request_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int | None = None
    headers: CaseInsensitiveDict = field(default_factory=CaseInsensitiveDict)
    body: bytes = b""
    validators: Validators = field(default_factory=Validators)
    elapsed: float = 0.0  # seconds, all attempts and waits included
    error: FetchErrorKind | None = None
    detail: str = ""  # one sentence for the run log when error is set
    attempts: int = 1
    redirects: tuple[str, ...] = ()  # every URL redirected to, in order

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is FetchErrorKind.NOT_MODIFIED

    @property
    def content_type(self) -> str | None:
        return self.headers.get("Content-Type")


def fetch(
    url: str,
    *,
    validators: Validators | None = None,
    accept: str = "*/*",
    headers: Mapping[str, str] | None = None,
    session: SafeSession | None = None,
    limits: FetchLimits | None = None,
    sleep=time.sleep,
) -> FetchResult:
    """GET url safely; always returns a FetchResult (see the module docstring).

    ``headers`` carries a source's credentials (``Authorization: Bearer …`` for
    an Indico API token, say); they are dropped when a redirect leaves the
    original host, as browsers and requests do.
    """
    validators = validators or Validators()
    own_session = session is None
    if session is None:
        session = safe_session(limits=limits)
    limits = limits or session.limits
    started = time.monotonic()
    try:
        attempt = 1
        while True:
            result = _attempt(url, validators, accept, headers or {}, session, limits)
            retry_after = _retry_after(result)
            retryable = result.error in _RETRYABLE or (
                result.error is FetchErrorKind.HTTP_ERROR and (result.status or 0) >= 500
            )
            if not retryable or attempt >= limits.attempts:
                break
            attempt += 1
            sleep(limits.delay_before(attempt, retry_after))
    finally:
        if own_session:
            session.close()
    return replace(result, attempts=attempt, elapsed=time.monotonic() - started)


def _attempt(url, validators, accept, extra_headers, session, limits: FetchLimits) -> FetchResult:
    with Deadline(limits.total_timeout) as watchdog:
        result = _redirects(url, validators, accept, extra_headers, session, limits)
    if watchdog.expired and result.error is not FetchErrorKind.TOO_LARGE:
        # Whatever broke (or was cut short) broke because the deadline shut the socket.
        return replace(
            result,
            body=b"",
            error=FetchErrorKind.TIMEOUT,
            detail=f"The server took longer than {limits.total_timeout:g} s in all; the "
            "request was cut off.",
        )
    return result


def _redirects(url, validators, accept, extra_headers, session, limits: FetchLimits) -> FetchResult:
    deadline = time.monotonic() + limits.total_timeout
    current, hops = url, []
    origin = urlparse(url).netloc.lower()
    headers = {**extra_headers, "Accept": accept, **validators.request_headers()}
    for _hop in range(limits.max_redirects + 1):
        problem = _url_problem(current)
        if problem:
            return FetchResult(
                url,
                current,
                error=FetchErrorKind.INVALID_URL,
                detail=problem,
                redirects=tuple(hops),
            )
        try:
            response = session.get(
                current,
                headers=headers,
                allow_redirects=False,
                stream=True,
                timeout=(limits.connect_timeout, limits.read_timeout),
            )
        except requests.RequestException as exc:
            kind, detail = _classify(exc)
            return FetchResult(url, current, error=kind, detail=detail, redirects=tuple(hops))
        if response.status_code in _REDIRECTS and response.headers.get("Location"):
            current = urljoin(current, response.headers["Location"])
            hops.append(current)
            response.close()
            if urlparse(current).netloc.lower() != origin:
                headers = {k: v for k, v in headers.items() if k.lower() not in _CREDENTIALS}
            continue
        return _complete(url, current, response, validators, limits, deadline, tuple(hops))
    return FetchResult(
        url,
        current,
        error=FetchErrorKind.TOO_MANY_REDIRECTS,
        detail=f"More than {limits.max_redirects} redirects; stopped at {current}.",
        redirects=tuple(hops),
    )


def _complete(url, final_url, response, validators, limits, deadline, hops) -> FetchResult:
    headers = CaseInsensitiveDict(response.headers)
    new_validators = Validators(
        etag=headers.get("ETag") or validators.etag,
        last_modified=headers.get("Last-Modified") or validators.last_modified,
    )
    base = dict(
        url=url, final_url=final_url, status=response.status_code, headers=headers, redirects=hops
    )
    if response.status_code == 304:
        response.close()
        return FetchResult(
            **base,
            validators=new_validators,
            error=FetchErrorKind.NOT_MODIFIED,
            detail="Not modified since the last harvest (HTTP 304).",
        )
    if response.status_code >= 300:  # 4xx, 5xx, or a redirect that says nowhere to go
        response.close()
        return FetchResult(
            **base,
            validators=validators,
            error=FetchErrorKind.HTTP_ERROR,
            detail=f"HTTP {response.status_code} {response.reason or ''}".strip()
            + f" from {final_url}.",
        )
    body, kind, detail = _read_body(response, limits, deadline)
    if kind:
        return FetchResult(**base, validators=validators, error=kind, detail=detail)
    return FetchResult(**base, body=body, validators=new_validators)


def _read_body(response, limits: FetchLimits, deadline: float):
    """(body, None, "") or (b"", error kind, detail); never reads past the cap."""
    cap = limits.max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        response.close()
        return (
            b"",
            FetchErrorKind.TOO_LARGE,
            (
                f"The response declares {int(declared)} bytes, more than the {cap}-byte limit; "
                "it was not downloaded."
            ),
        )
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > cap:
                response.close()
                return (
                    b"",
                    FetchErrorKind.TOO_LARGE,
                    (
                        f"The response is larger than the {cap}-byte limit; the download was cut off."
                    ),
                )
            if time.monotonic() > deadline:
                response.close()
                return (
                    b"",
                    FetchErrorKind.TIMEOUT,
                    (
                        f"The response took longer than {limits.total_timeout:g} s to arrive; "
                        "the download was cut off."
                    ),
                )
            chunks.append(chunk)
    except requests.RequestException as exc:
        response.close()
        kind, detail = _classify(exc)
        return b"", kind, detail
    return b"".join(chunks), None, ""


def _classify(exc: requests.RequestException) -> tuple[FetchErrorKind, str]:
    if isinstance(exc, AddressRefused):
        return FetchErrorKind.REFUSED_ADDRESS, str(exc)
    if isinstance(exc, ResponseTooLarge):
        return FetchErrorKind.TOO_LARGE, str(exc)
    if isinstance(exc, requests.Timeout) or (
        exc.args and isinstance(exc.args[0], ReadTimeoutError)
    ):
        return FetchErrorKind.TIMEOUT, f"The server did not answer in time ({_short(exc)})."
    if isinstance(
        exc,
        requests.exceptions.InvalidURL
        | requests.exceptions.MissingSchema
        | requests.exceptions.InvalidSchema,
    ):
        return FetchErrorKind.INVALID_URL, f"The URL cannot be fetched ({_short(exc)})."
    if isinstance(exc, requests.TooManyRedirects):
        return FetchErrorKind.TOO_MANY_REDIRECTS, str(exc)
    return FetchErrorKind.CONNECTION_ERROR, f"The connection failed ({_short(exc)})."


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 300 else text[:297] + "..."


def _url_problem(url: str) -> str:
    parts = urlparse(url)
    if parts.scheme not in ("http", "https"):
        return f"Only http and https URLs are harvested, not {url!r}."
    if not parts.hostname:
        return f"The URL {url!r} has no host."
    return ""


def _retry_after(result: FetchResult) -> float | None:
    value = result.headers.get("Retry-After", "") if result.headers else ""
    return float(value) if value.strip().isdigit() else None
