"""Which zone a floating (zone-less) time of a source belongs to.

A partner calendar that says ``DTSTART:20261105T090000`` means nine o'clock
where the facility is. The source's own `time_zone` wins; otherwise the
facility's zone follows from its country (every country of our facilities
has one zone); otherwise the site's zone. The event then says which zone was
assumed (see normalise.py).
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings

COUNTRY_ZONES = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "CH": "Europe/Zurich",
    "CZ": "Europe/Prague",
    "DE": "Europe/Berlin",
    "DK": "Europe/Copenhagen",
    "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "HU": "Europe/Budapest",
    "IT": "Europe/Rome",
    "JO": "Asia/Amman",
    "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana",
    "UK": "Europe/London",
}


def validate_zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Paris).") from None


def source_zone_name(source) -> tuple[str, str]:
    """The zone name for the source's floating times, and where it came from."""
    if source.time_zone:
        return source.time_zone, "the source's time zone"
    facility = source.facility
    if facility is not None and facility.country_code.upper() in COUNTRY_ZONES:
        return COUNTRY_ZONES[facility.country_code.upper()], f"the zone of {facility.acronym}"
    return settings.TIME_ZONE, "the site's time zone"
