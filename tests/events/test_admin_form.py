"""Editors type times as the clock at the venue shows them, whatever the server's zone."""

import datetime as dt

import pytest

from registry.events.models import Event

from .conftest import TOKYO, UTC
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def form_class():
    return Event.get_edit_handler().get_form_class()


def form_data(**overrides):
    data = {
        "title": "Neutron imaging workshop",
        "slug": "neutron-imaging-workshop",
        "event_type": "workshop",
        "status": "scheduled",
        "timezone": "Asia/Tokyo",
        "start": "2026-12-07 09:00",
        "end": "2026-12-07 17:30",
        "attendance": "onsite",
        "origin": "editor",
    }
    data.update(overrides)
    return data


def test_times_typed_in_the_admin_are_read_in_the_event_zone_not_the_servers(calendar, admin_user):
    form = form_class()(
        data=form_data(), instance=Event(), parent_page=calendar, for_user=admin_user
    )
    assert form.is_valid(), form.errors
    event = form.save(commit=False)
    # 09:00 in Tokyo (UTC+9) is midnight UTC; the server's own zone (Paris) plays no part.
    assert event.start == dt.datetime(2026, 12, 7, 0, 0, tzinfo=UTC)
    assert event.end == dt.datetime(2026, 12, 7, 8, 30, tzinfo=UTC)


def test_editing_an_event_shows_its_times_on_the_venue_clock(calendar, admin_user):
    event = EventFactory(
        timezone="Asia/Tokyo",
        start=dt.datetime(2026, 12, 7, 9, tzinfo=TOKYO),
        end=dt.datetime(2026, 12, 7, 17, tzinfo=TOKYO),
    )
    form = form_class()(instance=event, parent_page=calendar, for_user=admin_user)
    assert form.initial["start"] == dt.datetime(2026, 12, 7, 9, 0)
    assert "2026-12-07 09:00" in str(form["start"])


def test_a_time_skipped_by_the_spring_clock_change_is_refused(calendar, admin_user):
    data = form_data(timezone="Europe/Paris", start="2026-03-29 02:30", end="2026-03-29 04:00")
    form = form_class()(data=data, instance=Event(), parent_page=calendar, for_user=admin_user)
    assert not form.is_valid()
    assert "does not exist in Europe/Paris" in " ".join(form.errors["start"])


def test_an_all_day_event_ignores_typed_times_and_keeps_its_dates(calendar, admin_user):
    data = form_data(all_day="on", start_date="2026-12-07", end_date="2026-12-09")
    form = form_class()(data=data, instance=Event(), parent_page=calendar, for_user=admin_user)
    assert form.is_valid(), form.errors
    event = form.save(commit=False)
    assert event.start is None and event.end is None
    assert (event.start_date, event.end_date) == (dt.date(2026, 12, 7), dt.date(2026, 12, 9))


def test_an_editor_publishes_an_event_through_the_admin(client, calendar, admin_user):
    client.force_login(admin_user)
    url = f"/admin/pages/add/events/event/{calendar.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**form_data(), "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    event = Event.objects.get(slug="neutron-imaging-workshop")
    assert event.live
    assert event.start == dt.datetime(2026, 12, 7, 0, 0, tzinfo=UTC)
    assert event.local_start().hour == 9
