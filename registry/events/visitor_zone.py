"""The visitor's chosen time zone: a plain GET form (`?tz=Europe/London`), remembered in a cookie.

Every events page shows an event in its own zone and in the visitor's. The
choice needs no account and no JavaScript; an unknown name is refused with a
message and the previous choice stays. `?tz=` (empty) forgets the choice.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils.cache import patch_vary_headers

from . import time_zones

COOKIE_NAME = "pan_tz"
COOKIE_MAX_AGE = int(dt.timedelta(days=365).total_seconds())
QUERY_PARAMETER = "tz"


@dataclass(frozen=True)
class VisitorZone:
    zone: zoneinfo.ZoneInfo
    chosen: bool  # picked by the visitor (now or earlier); False: the site's default
    error: str = ""
    remember: str = ""  # a new choice to store in the cookie
    forget: bool = False

    @property
    def name(self) -> str:
        return self.zone.key

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")


def visitor_zone(request) -> VisitorZone:
    asked = request.GET.get(QUERY_PARAMETER)
    error = ""
    if asked is not None:
        asked = asked.strip()
        if not asked:
            return VisitorZone(time_zones.site_zone(), chosen=False, forget=True)
        if time_zones.is_known_zone(asked):
            return VisitorZone(zoneinfo.ZoneInfo(asked), chosen=True, remember=asked)
        error = (
            f"“{asked[:64]}” is not a time zone name we know (use a name such as Europe/London)."
        )
    remembered = request.COOKIES.get(COOKIE_NAME, "")
    if time_zones.is_known_zone(remembered):
        return VisitorZone(zoneinfo.ZoneInfo(remembered), chosen=True, error=error)
    return VisitorZone(time_zones.site_zone(), chosen=False, error=error)


def remember_choice(request, response, choice: VisitorZone):
    if choice.remember:
        response.set_cookie(
            COOKIE_NAME,
            choice.remember,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    elif choice.forget:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    # The same URL reads differently per visitor zone: caches must key on the cookie.
    patch_vary_headers(response, ["Cookie"])
    return response
