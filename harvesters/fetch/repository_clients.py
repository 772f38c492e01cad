"""PyGithub and python-gitlab, wired through the safe session.

python-gitlab takes a requests Session (``gitlab.Gitlab(url, session=...)``),
so `safe_gitlab` simply hands it `safe_session()`.

PyGithub builds its own ``requests.Session`` inside its connection classes
(``github.Requester.HTTPSRequestsConnectionClass``) and has no ``session=``
argument. Its documented hook for replacing them is
``Requester.injectConnectionClasses(http_class, https_class)`` (PyGithub's own
test suite uses it). `install_pygithub_connections` injects subclasses that
swap the session for `safe_session()` and mount our adapter with PyGithub's
retry policy, so every PyGithub request (API calls and the redirects it
follows to other hosts) passes the address check, the size cap and carries
our User-Agent. The injection is process-wide and idempotent; `safe_github`
performs it before creating the client, which is the order PyGithub needs
(a Requester picks its connection class when it is created). One side
effect, set by PyGithub itself: injected classes are not kept alive between
requests, so each request opens a fresh connection.
"""

from __future__ import annotations

import threading

from .session import SafeAdapter, safe_session

_install_lock = threading.Lock()


def _safe_connection_class(base, scheme: str):
    class SafeConnection(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            from github.Requester import Requester

            self.session.close()
            session = safe_session()
            session.auth = Requester.noopAuth  # as PyGithub does: no .netrc fallback
            self.adapter = SafeAdapter(
                policy=session.address_policy,
                limits=session.limits,
                agent=session.agent,
                max_retries=self.retry,
                pool_connections=self.pool_size,
                pool_maxsize=self.pool_size,
            )
            session.mount(f"{scheme}://", self.adapter)
            self.session = session

    SafeConnection.__name__ = SafeConnection.__qualname__ = f"Safe{base.__name__}"
    return SafeConnection


def install_pygithub_connections() -> None:
    """Make every PyGithub client in this process use the safe session (idempotent)."""
    from github.Requester import (
        HTTPRequestsConnectionClass,
        HTTPSRequestsConnectionClass,
        Requester,
    )

    with _install_lock:
        current = getattr(Requester, "_Requester__httpsConnectionClass", None)
        if getattr(current, "_pan_registry_safe", False):
            return
        http = _safe_connection_class(HTTPRequestsConnectionClass, "http")
        https = _safe_connection_class(HTTPSRequestsConnectionClass, "https")
        http._pan_registry_safe = https._pan_registry_safe = True
        Requester.injectConnectionClasses(http, https)


def safe_github(**kwargs):
    """``github.Github(**kwargs)`` whose requests all go through the safe session.

    Pass ``base_url=settings.GITHUB_API_URL`` (or a host's API URL) and
    ``auth=github.Auth.Token(...)`` as usual.
    """
    import github

    install_pygithub_connections()
    return github.Github(**kwargs)


def safe_gitlab(url: str, **kwargs):
    """``gitlab.Gitlab(url, **kwargs)`` on the safe session (gitlab.com or a facility's GitLab)."""
    import gitlab

    return gitlab.Gitlab(url, session=safe_session(), **kwargs)
