"""A requests Session whose every connection goes to a checked, pinned address.

How DNS rebinding is shut out: urllib3 normally resolves the host name inside
``create_connection``. Our connection classes replace that one step: they
resolve the name once through `AddressPolicy.vet`, which checks *every*
answer, and open the socket to one of exactly those checked addresses. There
is no second lookup an attacker's DNS server could answer differently. The
connection keeps the URL's host name for the Host header, TLS SNI and
certificate verification, so HTTPS works unchanged.

Because the check sits in the connection, it applies to every request the
session sends: the first one, each redirect hop (whether our `fetch` follows
it or requests does), and every call made by a client library given this
session (python-gitlab, PyGithub through `repository_clients`).

The adapter also enforces the response-size cap for non-streamed requests
(what API clients send), a default timeout, a fixed User-Agent, and refuses
proxies from the environment (a proxy would make the connection, not us).
"""

from __future__ import annotations

import socket
import sys
import threading
from socket import timeout as SocketTimeout

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from .addresses import AddressPolicy, AddressRefused
from .limits import FetchLimits, user_agent

CHUNK = 64 * 1024


class ResponseTooLarge(requests.exceptions.RequestException):
    """The response body is bigger than HARVEST_MAX_BYTES; it was not read."""


class _RefusedInConnection(Exception):  # noqa: N818 - internal carrier, see below
    """Carries an AddressRefused out of urllib3.

    Not an OSError on purpose: urllib3 turns OSErrors raised while connecting
    into retries and generic connection errors, which would hide the reason.
    The adapter turns it back into AddressRefused.
    """

    def __init__(self, refused: AddressRefused):
        super().__init__(str(refused))
        self.refused = refused


_current = threading.local()


class Deadline:
    """Bounds a whole request (headers and body), not just each wait for data.

    A server can keep a request alive forever by sending one byte just before
    each read timeout. While a Deadline is active (``with Deadline(60):``),
    every socket our connections read a response from on this thread is
    registered; when the time is up a timer thread shuts those sockets down,
    which wakes the blocked read with an error. The caller then checks
    ``expired`` to report a timeout rather than a broken connection.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._previous = getattr(_current, "deadline", None)
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()
        _current.deadline = self._previous

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to interrupt


class _VettedConnectMixin:
    address_policy: AddressPolicy  # set on the per-session subclasses

    def getresponse(self, *args, **kwargs):
        # Every response is read under the caller's deadline, if it set one;
        # this also covers kept-alive connections reused from the pool.
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.watch(self.sock)
        return super().getresponse(*args, **kwargs)

    def _new_conn(self) -> socket.socket:  # replaces urllib3's resolve-and-connect
        try:
            addresses = self.address_policy.vet(self._dns_host, self.port)
        except AddressRefused as exc:
            raise _RefusedInConnection(exc) from None
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        last_error: OSError | None = None
        for address in addresses:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (
                (address, self.port, 0, 0) if family == socket.AF_INET6 else (address, self.port)
            )
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                if isinstance(self.timeout, int | float):
                    sock.settimeout(self.timeout)
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(sockaddr)
            except TimeoutError as exc:
                sock.close()
                last_error = exc
                continue
            except OSError as exc:
                sock.close()
                last_error = exc
                continue
            sys.audit("http.client.connect", self, self.host, self.port)
            return sock
        if isinstance(last_error, SocketTimeout):
            raise ConnectTimeoutError(
                self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
            ) from last_error
        raise NewConnectionError(self, f"Failed to establish a new connection: {last_error}")


class VettedHTTPConnection(_VettedConnectMixin, HTTPConnection):
    pass


class VettedHTTPSConnection(_VettedConnectMixin, HTTPSConnection):
    pass


def _pool_classes(policy: AddressPolicy) -> dict[str, type]:
    """Pool classes whose connections carry this session's policy."""
    http = type("VettedHTTPConnection", (VettedHTTPConnection,), {"address_policy": policy})
    https = type("VettedHTTPSConnection", (VettedHTTPSConnection,), {"address_policy": policy})
    return {
        "http": type("VettedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type(
            "VettedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": https}
        ),
    }


class SafeAdapter(HTTPAdapter):
    """HTTPAdapter with vetted connections, a size cap, default timeouts and our User-Agent."""

    def __init__(self, *, policy: AddressPolicy, limits: FetchLimits, agent: str, **kwargs):
        self.address_policy = policy
        self.limits = limits
        self.user_agent = agent
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pool_classes(self.address_policy)

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        request.headers["User-Agent"] = self.user_agent
        if timeout is None:
            timeout = (self.limits.connect_timeout, self.limits.read_timeout)
        try:
            # Never through a proxy: the proxy, not our vetted socket, would connect.
            response = super().send(
                request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies={}
            )
        except _RefusedInConnection as exc:
            refused = exc.refused
            raise AddressRefused(
                str(refused), host=refused.host, address=refused.address, request=request
            ) from None
        if not stream:
            self._preload(response)
        return response

    def _preload(self, response: requests.Response) -> None:
        """Read a non-streamed body here, stopping at the cap instead of after it."""
        cap = self.limits.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            response.close()
            raise ResponseTooLarge(
                f"The response declares {int(declared)} bytes, more than the {cap}-byte limit.",
                response=response,
            )
        chunks, size = [], 0
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > cap:
                response.close()
                raise ResponseTooLarge(
                    f"The response is larger than the {cap}-byte limit; reading stopped.",
                    response=response,
                )
            chunks.append(chunk)
        response._content = b"".join(chunks)
        response._content_consumed = True


class SafeSession(requests.Session):
    """A requests.Session that only talks through `SafeAdapter`."""

    def __init__(self, *, policy: AddressPolicy, limits: FetchLimits, agent: str):
        # Set before Session.__init__, which mounts its default adapters through mount().
        self.address_policy = policy
        self.limits = limits
        self.agent = agent
        super().__init__()
        self.trust_env = False  # no proxies, .netrc or CA bundles from the environment
        self.headers["User-Agent"] = agent
        self.max_redirects = limits.max_redirects

    def mount(self, prefix, adapter):
        # python-gitlab and PyGithub mount adapters of their own (for retries);
        # those are replaced by ours with the same retry policy.
        if not isinstance(adapter, SafeAdapter):
            adapter = SafeAdapter(
                policy=self.address_policy,
                limits=self.limits,
                agent=self.agent,
                max_retries=adapter.max_retries,
            )
        super().mount(prefix, adapter)


def safe_session(
    *, policy: AddressPolicy | None = None, limits: FetchLimits | None = None
) -> SafeSession:
    """The session every harvester HTTP call goes through.

    Give it to python-gitlab as ``gitlab.Gitlab(url, session=safe_session())``;
    PyGithub is wired through `repository_clients.safe_github`.
    """
    return SafeSession(
        policy=policy or AddressPolicy.from_settings(),
        limits=limits or FetchLimits.from_settings(),
        agent=user_agent(),
    )
