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


@pytest.mark.django_db
def test_deleting_a_source_removes_its_schedule_and_a_queued_task_skips_it(make_source):
    from django_celery_beat.models import PeriodicTask

    from harvesters.engine.run import harvest_source
    from harvesters.engine.schedules import sync_periodic_task

    source = make_source("ical", "https://x.example/c.ics")
    sync_periodic_task(source)
    source_id = source.pk
    assert PeriodicTask.objects.filter(task="harvesters.harvest_source").count() == 1

    source.delete()

    assert not PeriodicTask.objects.filter(task="harvesters.harvest_source").exists()
    assert harvest_source(source_id).result == "skipped"
