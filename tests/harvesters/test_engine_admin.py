"""The harvest admin: partners register, curators approve, watch runs and health, run now."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from harvesters.models import HarvestRun, HarvestSource, RejectedItem
from registry.core.site_setup import CURATORS, PARTNER_EDITORS
from registry.events.models import Event

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db
SOURCES = "/admin/snippets/harvesters/harvestsource/"
RUNS = "/admin/snippets/harvesters/harvestrun/"
REJECTED = "/admin/snippets/harvesters/rejecteditem/"


def user_in(group, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def form(esrf, **values):
    return {
        "name": "ESRF seminars",
        "kind": "ical",
        "url": "https://indico.esrf.fr/category/12/events.ics",
        "target": "events",
        "facility": esrf.pk,
        "collaboration": "",
        "schedule": "6h",
        "time_zone": "",
        "credentials_ref": "",
        **values,
    }


def test_a_partner_registers_a_source_that_waits_for_approval(client, esrf):
    partner = user_in(PARTNER_EDITORS, "partner")
    client.force_login(partner)

    response = client.post(f"{SOURCES}add/", form(esrf, approved="on", trusted="on"))

    assert response.status_code == 302, response.content.decode()[:2000]
    source = HarvestSource.objects.get()
    assert not source.approved and not source.trusted  # the partner cannot tick them
    assert source.created_by == partner
    assert source.periodic_task is not None and not source.periodic_task.enabled


def test_a_curator_approves_and_the_schedule_is_enabled(client, esrf):
    curator = user_in(CURATORS, "cura")
    source = HarvestSource.objects.create(
        name="ESRF seminars", kind="ical", url="https://x.example/c.ics", target="events",
        facility=esrf,
    )  # fmt: skip
    client.force_login(curator)

    response = client.post(
        f"{SOURCES}edit/{source.pk}/",
        form(esrf, url=source.url, approved="on", enabled="on", schedule="15 3 * * *"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    source.refresh_from_db()
    assert source.approved and source.approved_by == curator and source.approved_at
    task = source.periodic_task
    assert task.enabled and task.crontab.minute == "15" and task.crontab.hour == "3"


def test_a_wrong_schedule_is_refused_with_a_clear_error(client, esrf):
    client.force_login(user_in(CURATORS, "cura"))
    response = client.post(f"{SOURCES}add/", form(esrf, schedule="sometimes"))
    assert response.status_code == 200
    assert "neither an interval" in response.content.decode()
    assert not HarvestSource.objects.exists()


def test_curators_see_health_runs_and_rejected_items_and_run_now(client, server, make_source, esrf):
    server.expect_request("/bad.ics").respond_with_data(
        fixture_bytes("ical/malformed-event.ics"), content_type="text/calendar"
    )
    source = make_source("ical", server.url_for("/bad.ics"), paused=True, pause_reason="test")
    client.force_login(user_in(CURATORS, "cura"))

    listing = client.get(SOURCES).content.decode()
    assert source.name in listing and "Run now" in listing
    assert client.get(f"/admin/harvesters/sources/{source.pk}/run/").status_code == 200
    response = client.post(f"/admin/harvesters/sources/{source.pk}/run/")

    assert response.status_code == 302
    run = HarvestRun.objects.get()
    assert run.status == HarvestRun.Status.PARTIAL
    assert Event.objects.count() == 2
    runs = client.get(RUNS).content.decode()
    assert "Partly succeeded" in runs
    rejected = client.get(REJECTED).content.decode()
    reason = RejectedItem.objects.first().reason
    assert reason[:30] in rejected
    assert client.get(f"{RUNS}edit/{run.pk}/").status_code in (302, 403)


def test_partners_cannot_run_a_source(client, make_source):
    source = make_source("ical", "https://x.example/c.ics")
    client.force_login(user_in(PARTNER_EDITORS, "partner"))
    client.post(f"/admin/harvesters/sources/{source.pk}/run/")
    assert not HarvestRun.objects.exists()


def test_a_partner_changing_the_url_of_an_approved_source_needs_a_new_approval(client, esrf):
    source = HarvestSource.objects.create(
        name="ESRF seminars", kind="ical", url="https://x.example/c.ics", target="events",
        facility=esrf, approved=True,
    )  # fmt: skip
    client.force_login(user_in(PARTNER_EDITORS, "partner"))

    response = client.post(
        f"{SOURCES}edit/{source.pk}/", form(esrf, url="https://elsewhere.example/c.ics")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    source.refresh_from_db()
    assert source.url == "https://elsewhere.example/c.ics" and not source.approved
    assert not source.periodic_task.enabled
