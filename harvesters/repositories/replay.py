"""Recorded repository-host exchanges (fixtures/github, fixtures/gitlab), answered as the host would.

A recording is a folder with `exchanges.yaml`: each request PaN Registry
sends (path and query) with the status, headers and body file the host
answered. `Recording.answer` replays them, with a 304 and no body to a
request whose If-None-Match carries the recorded ETag, as GitHub and GitLab
do. The tests' loopback API (tests/harvesters/repository_replay.py) and the
demo loader's sample harvest (`serve`) both answer from it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import yaml

NOT_FOUND = (404, {"Content-Type": "application/json"}, b'{"message": "Not Found"}')


@dataclass
class Exchange:
    path: str
    query: dict
    status: int
    headers: dict
    body: bytes


class Recording:
    """The exchanges of one or more recorded repositories, keyed by path and query."""

    def __init__(self):
        self.exchanges: dict[tuple, Exchange] = {}

    def load(self, folder: Path) -> Recording:
        for item in yaml.safe_load((folder / "exchanges.yaml").read_text()):
            body = (folder / item["body"]).read_bytes() if item.get("body") else b""
            query = {k: str(v) for k, v in (item.get("query") or {}).items()}
            self.exchanges[self.key(item["path"], query)] = Exchange(
                item["path"], query, item["status"], dict(item["headers"]), body
            )
        return self

    @staticmethod
    def key(path: str, query: dict) -> tuple:
        return path, tuple(sorted(query.items()))

    def answer(self, path: str, query: dict, if_none_match: str | None):
        """(status, headers, body) as the host answered; 404 for what was not recorded."""
        exchange = self.exchanges.get(self.key(path, query))
        if exchange is None:
            return NOT_FOUND
        headers = dict(exchange.headers)
        etag = headers.get("ETag")
        if etag and if_none_match == etag:
            headers.pop("Content-Type", None)
            return 304, headers, b""
        return exchange.status, headers, exchange.body


@contextmanager
def serve(recording: Recording, *, refuse: tuple[str, ...] = ()) -> Iterator[str]:
    """Serve `recording` on 127.0.0.1 for the block; yields the base URL.

    Paths containing one of `refuse` answer 404 (as a host answers for a file
    that is not there).
    """

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            if any(part in parts.path for part in refuse):
                status, headers, body = NOT_FOUND
            else:
                status, headers, body = recording.answer(
                    parts.path, query, self.headers.get("If-None-Match")
                )
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() not in {"content-length", "transfer-encoding", "connection"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # noqa: A002 - http.server's signature
            return  # the demo loader reports what it harvested; no access log

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
