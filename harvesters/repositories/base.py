"""What the GitHub and GitLab readers share: conditional requests, absent resources, citation files.

A reader is made once per host per run (one API client, one `Budget`) and
reads repositories one after the other. Subclasses say how one HTTP request
is sent (PyGithub's Requester, python-gitlab's client) and which resources
make up a repository; this class turns each answer into an `Answer`:

* 304 → the stored figures, unchanged;
* 200 → the figures mapped from the body, with the new validators;
* a status listed as "absent" (a repository with no release answers 404) →
  the given empty figures, a real "none", not a failure;
* a rate-limit refusal → `RateLimited`; 404 on the repository itself →
  `RepositoryNotFound`; anything else → `HostUnavailable` with the status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from . import citation
from .reading import (
    Answer,
    Budget,
    HostUnavailable,
    MalformedAnswer,
    RateLimited,
    Reading,
    RepositoryNotFound,
    Stored,
)
from .references import RepositoryRef
from .values import parse_json


@dataclass(frozen=True)
class RawAnswer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: str | bytes

    @property
    def message(self) -> str:
        """The host's error message, if the body is JSON with one."""
        try:
            data = parse_json(self.body, what="error")
        except MalformedAnswer:
            return ""
        if isinstance(data, dict):
            for key in ("message", "error"):
                if isinstance(data.get(key), str):
                    return data[key][:300]
        return ""


class HostReader:
    kind = ""
    label = ""  # GitHub, GitLab: for messages

    def __init__(self, host, *, budget: Budget):
        self.host = host
        self.budget = budget
        self.notes: list[str] = []
        if host.token_env and not host.token():
            self.notes.append(
                f"{host.token_env} is not set: calling {host.name} anonymously (lower rate limit)."
            )

    # -- subclasses -------------------------------------------------------
    def _send(self, path: str, params: dict, headers: dict) -> RawAnswer:
        raise NotImplementedError

    def read(self, ref: RepositoryRef, stored: dict[str, Stored]) -> Reading:
        raise NotImplementedError

    def figures(self, ref: RepositoryRef, reading: Reading) -> dict:
        raise NotImplementedError

    # -- shared -----------------------------------------------------------
    def request(self, reading: Reading, path: str, params: dict | None = None, headers=None):
        try:
            self.budget.before_request()
        except RateLimited as limited:
            limited.requests = reading.requests
            raise
        reading.requests += 1
        raw = self._send(path, params or {}, headers or {})
        reading.not_modified += raw.status == 304
        self.budget.observe(raw.headers)
        if raw.status in (403, 429):
            limited = self.budget.rate_limit_answer(raw.status, raw.headers, raw.message)
            if limited is not None:
                limited.requests = reading.requests
                raise limited
        return raw

    def resource(
        self,
        reading: Reading,
        stored: dict[str, Stored],
        name: str,
        path: str,
        *,
        mapper: Callable[[RawAnswer], dict],
        params: dict | None = None,
        absent: dict[int, dict] | None = None,
        not_found: str = "",
    ) -> Answer:
        url = f"{path}?{urlencode(sorted(params.items()))}" if params else path
        previous = stored.get(name)
        conditional = previous.conditional_headers(url) if previous else {}
        raw = self.request(reading, path, params, conditional)
        if raw.status == 304:
            if not conditional:
                raise MalformedAnswer(
                    f"{name}: 304 Not Modified to a request that was not conditional."
                )
            return reading.add(
                Answer(name, url, 304, previous.data, previous.etag, previous.last_modified)
            )
        if 200 <= raw.status < 300:
            return reading.add(
                Answer(
                    name,
                    url,
                    raw.status,
                    mapper(raw),
                    etag=raw.headers.get("etag", "")[:255],
                    last_modified=raw.headers.get("last-modified", "")[:64],
                )
            )
        if absent and raw.status in absent:
            return reading.add(Answer(name, url, raw.status, dict(absent[raw.status])))
        if raw.status == 404 and not_found:
            raise RepositoryNotFound(not_found)
        if raw.status == 401:
            raise HostUnavailable(
                f"{self.host.name} rejected the access token from {self.host.token_env or 'none'} "
                f"(HTTP 401): renew it."
            )
        detail = f": {raw.message}" if raw.message else ""
        raise HostUnavailable(f"{self.label} answered HTTP {raw.status} for {name}{detail}")

    def citation_files(
        self,
        reading: Reading,
        stored: dict[str, Stored],
        tree: Answer,
        fetch: Callable[[Reading, str, dict], bytes],
    ) -> Answer:
        """The parsed CITATION.cff / codemeta.json, fetched only when their blob id changed."""
        url = f"{tree.url}#citation-files"
        previous = stored.get("citation")
        old = previous.data if previous is not None and previous.url == url else {}
        files = tree.data.get("files") or {}
        data = {"files": {}, "parsed": {}}
        for name in citation.PARSERS:
            blob = files.get(name)
            if not blob:
                continue
            sha = blob.get("sha") or ""
            data["files"][name] = sha
            if sha and old.get("files", {}).get(name) == sha and name in old.get("parsed", {}):
                data["parsed"][name] = old["parsed"][name]
                continue
            size = blob.get("size")
            if size is not None and size > citation.MAX_FILE_BYTES:
                data["parsed"][name] = {"error": f"{name} is larger than 256 KB; not read."}
                continue
            data["parsed"][name] = citation.parse_file(name, fetch(reading, sha, blob))
        if old.get("pending"):
            data["pending"] = True  # enrichment still waiting for the entry's draft to clear
        if tree.not_modified and previous is not None and data == old:
            return reading.add(Answer("citation", url, 304, old))
        return reading.add(Answer("citation", url, 200, data))
