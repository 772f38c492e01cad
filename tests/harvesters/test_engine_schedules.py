"""Source schedules as operators write them, and the zone of floating times."""

import pytest

from harvesters.engine.schedules import parse_schedule
from harvesters.engine.timezones import source_zone_name
from harvesters.models import HarvestSource


@pytest.mark.parametrize(
    ("text", "every"), [("30m", 1800), ("6h", 21600), ("1d", 86400), (" 12 h ", 43200)]
)
def test_intervals(text, every):
    assert parse_schedule(text).every == every


def test_crontab_line():
    assert parse_schedule("15 3 * * 1-5").crontab == ("15", "3", "*", "*", "1-5")


@pytest.mark.parametrize("text", ["", "sometimes", "1m", "60s", "* * *", "15 3 * * mon"])
def test_wrong_or_too_frequent_schedules_are_refused(text):
    with pytest.raises(ValueError):
        parse_schedule(text)


@pytest.mark.django_db
def test_floating_zone_source_then_facility_country_then_site(esrf, settings):
    source = HarvestSource(facility=esrf)
    assert source_zone_name(source) == ("Europe/Paris", "the zone of ESRF")
    source.time_zone = "Europe/Berlin"
    assert source_zone_name(source)[0] == "Europe/Berlin"
    esrf.country_code = "XX"
    source.time_zone = ""
    assert source_zone_name(source) == (settings.TIME_ZONE, "the site's time zone")
