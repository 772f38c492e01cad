"""An event keeps its own zone: timed events are instants, all-day events are dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.events.models import Event

from .conftest import PARIS, TOKYO, UTC
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def test_timed_event_is_stored_as_utc_instants_with_its_zone_name(calendar):
    event = EventFactory(
        start=dt.datetime(2026, 12, 1, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 12, 1, 17, tzinfo=PARIS),
    )
    event = Event.objects.get(pk=event.pk)
    assert event.timezone == "Europe/Paris"
    assert event.start == dt.datetime(2026, 12, 1, 8, tzinfo=UTC)
    assert event.starts_at == event.start and event.ends_at == event.end
    assert event.local_start().hour == 9
    assert event.start_date is None and event.end_date is None


def test_all_day_event_keeps_its_dates_and_ends_at_midnight_after_its_last_day_in_its_zone(
    calendar,
):
    event = EventFactory(
        all_day=True,
        start_date=dt.date(2026, 12, 7),
        end_date=dt.date(2026, 12, 9),
        timezone="Asia/Tokyo",
    )
    event = Event.objects.get(pk=event.pk)
    assert (event.start_date, event.end_date) == (dt.date(2026, 12, 7), dt.date(2026, 12, 9))
    assert event.start is None and event.end is None
    assert event.starts_at == dt.datetime(2026, 12, 7, tzinfo=TOKYO)
    assert event.ends_at == dt.datetime(2026, 12, 10, tzinfo=TOKYO)
    # Dates are never shifted by a zone: Tokyo's 7 December is 7 December in Paris too.
    assert event.days(PARIS) == (dt.date(2026, 12, 7), dt.date(2026, 12, 9))


def test_one_day_all_day_event_needs_no_end_date(calendar):
    event = EventFactory(all_day=True, start_date=dt.date(2026, 12, 7))
    assert event.end_date == dt.date(2026, 12, 7)


def test_timed_event_across_the_autumn_clock_change_keeps_both_offsets(calendar):
    event = EventFactory(
        start=dt.datetime(2026, 10, 24, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 10, 26, 17, tzinfo=PARIS),
    )
    assert event.local_start().utcoffset() == dt.timedelta(hours=2)
    assert event.local_end().utcoffset() == dt.timedelta(hours=1)
    assert event.ends_at - event.starts_at == dt.timedelta(days=2, hours=9)


@pytest.mark.parametrize(
    "data, field",
    [
        (
            {
                "start": dt.datetime(2026, 12, 2, 9, tzinfo=PARIS),
                "end": dt.datetime(2026, 12, 1, 9, tzinfo=PARIS),
            },
            "end",
        ),
        ({"start": None, "end": None}, "start"),
        ({"all_day": True, "start_date": None}, "start_date"),
        (
            {"all_day": True, "start_date": dt.date(2026, 12, 2), "end_date": dt.date(2026, 12, 1)},
            "end_date",
        ),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"slug": "past"}, "slug"),
    ],
)
def test_invalid_event_is_refused_with_the_field_named_and_nothing_stored(calendar, data, field):
    with pytest.raises(ValidationError) as error:
        EventFactory(**data)
    assert field in error.value.message_dict
    assert not Event.objects.exists()


def test_description_is_sanitised_on_every_save(calendar):
    event = EventFactory(
        description="<p onclick='x()'>Tomography <script>alert(1)</script><b>school</b></p>"
    )
    event.description = (
        '<p>Edited <a href="javascript:alert(1)">link</a><img src=x onerror=alert(1)></p>'
    )
    event.save()
    stored = Event.objects.get(pk=event.pk).description
    assert "script" not in stored and "onclick" not in stored and "onerror" not in stored
    assert "javascript:" not in stored and "<img" not in stored
    assert "Edited" in stored


def test_source_and_external_id_identify_one_event_while_blank_ids_repeat_freely(calendar):
    EventFactory(source_url="https://indico.example.org/category/1.ics", external_id="abc@indico")
    EventFactory(source_url="https://indico.example.org/category/1.ics", external_id="")
    EventFactory(source_url="https://indico.example.org/category/1.ics", external_id="")
    duplicate = EventFactory.build(
        source_url="https://indico.example.org/category/1.ics", external_id="abc@indico"
    )
    with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
        EventFactory(**duplicate)
    assert Event.objects.filter(external_id="abc@indico").count() == 1


def test_plain_text_description_keeps_paragraphs_and_list_items(calendar):
    event = EventFactory(
        description="<p>First <b>bold</b> line.</p><ul><li>one</li><li>two</li></ul>"
    )
    assert event.description_text == "First bold line.\n• one\n• two"


def test_a_description_the_harvesters_cleaned_is_stored_unchanged(calendar):
    from harvesters.sanitise import sanitise_html

    harvested = sanitise_html(
        '<h2>Programme</h2><dl><dt>Day 1</dt><dd>Talks <abbr title="X-ray">XR</abbr></dd></dl>'
        '<p>See <a href="https://indico.example.org/event/1/">Indico</a><sup>1</sup></p>'
    )
    event = EventFactory(description=harvested)
    assert Event.objects.get(pk=event.pk).description == harvested
    assert 'rel="nofollow noopener"' in harvested
