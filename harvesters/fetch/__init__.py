"""The one safe HTTP client of every harvester.

Place in the flow: **fetch** → parse → normalise → upsert. Nothing under
``harvesters/`` opens an HTTP connection any other way:

* `fetch(url, validators=..., accept=...)` for feeds, calendars and pages:
  returns a `FetchResult`, never raises for network trouble;
* `safe_session()` for code that needs a requests Session (python-gitlab:
  `safe_gitlab`); PyGithub through `safe_github`.

All of them connect only to public addresses (or ones inside
``HARVEST_ALLOWED_NETWORKS``), checked after DNS resolution and on every
redirect hop, with timeouts, a size cap and a fixed User-Agent. See
docs/harvesting-fetch.md.
"""

from .addresses import AddressPolicy, AddressRefused, parse_networks, refusal_reason
from .client import ACCEPT, FetchErrorKind, FetchResult, Validators, fetch
from .limits import FetchLimits, user_agent
from .repository_clients import install_pygithub_connections, safe_github, safe_gitlab
from .session import ResponseTooLarge, SafeSession, safe_session

__all__ = [
    "ACCEPT",
    "AddressPolicy",
    "AddressRefused",
    "FetchErrorKind",
    "FetchLimits",
    "FetchResult",
    "ResponseTooLarge",
    "SafeSession",
    "Validators",
    "fetch",
    "install_pygithub_connections",
    "parse_networks",
    "refusal_reason",
    "safe_github",
    "safe_gitlab",
    "safe_session",
    "user_agent",
]
