"""Writes through the services: create, update without needless revisions, upsert by source key."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Revision

from registry.curation.workflow import CURATOR_REVIEW
from registry.events.models import Event
from registry.events.services import event_create, event_update, event_upsert

from .conftest import PARIS

pytestmark = pytest.mark.django_db

SOURCE = "https://indico.example.org/category/7/events.ics"


def indico_item(**overrides):
    data = {
        "title": "Detector workshop",
        "event_type": "workshop",
        "timezone": "Europe/Zurich",
        "start": dt.datetime(2027, 2, 3, 9, tzinfo=PARIS),
        "end": dt.datetime(2027, 2, 3, 17, tzinfo=PARIS),
        "description": "<p>Pixel detectors.</p>",
        "keywords": ["detectors"],
    }
    data.update(overrides)
    return data


def revisions(event):
    return Revision.page_revisions.filter(object_id=str(event.pk)).count()


def test_upsert_creates_then_leaves_an_unchanged_item_alone_then_updates_a_changed_one(
    calendar, esrf
):
    first = event_upsert(
        source_url=SOURCE, external_id="42@indico", data=indico_item(facilities=[esrf])
    )
    assert first.outcome == "created"
    assert first.event.origin == Event.Origin.HARVEST and first.event.live
    again = event_upsert(
        source_url=SOURCE, external_id="42@indico", data=indico_item(facilities=[esrf])
    )
    assert again.outcome == "unchanged" and again.event.pk == first.event.pk
    assert revisions(first.event) == 1
    changed = event_upsert(
        source_url=SOURCE, external_id="42@indico", data=indico_item(title="Detector workshop 2027")
    )
    assert changed.outcome == "updated"
    assert Event.objects.get(pk=first.event.pk).title == "Detector workshop 2027"
    assert revisions(first.event) == 2
    assert Event.objects.count() == 1


def test_an_untrusted_submission_waits_as_a_draft_in_curator_review(calendar):
    event = event_create(data=indico_item(), origin=Event.Origin.PARTNER, publish=False)
    assert not event.live and event.has_unpublished_changes
    state = event.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert state.workflow.name == CURATOR_REVIEW


def test_a_draft_update_keeps_the_live_version(calendar):
    event = event_create(data=indico_item())
    event_update(event=event, data={"title": "Retitled"}, publish=False)
    assert Event.objects.get(pk=event.pk).title == "Detector workshop"
    assert event.get_latest_revision_as_object().title == "Retitled"


def test_invalid_data_is_refused_and_stores_nothing(calendar):
    with pytest.raises(ValidationError):
        event_create(data=indico_item(end=dt.datetime(2027, 2, 2, 9, tzinfo=PARIS)))
    with pytest.raises(ValidationError):
        event_create(data=indico_item(website="not a url"))
    with pytest.raises(ValidationError):
        event_create(data=indico_item(colour="red"))
    assert not Event.objects.exists()


def test_an_upsert_without_an_identifier_is_refused(calendar):
    with pytest.raises(ValidationError):
        event_upsert(source_url=SOURCE, external_id="", data=indico_item())


def test_harvested_html_is_sanitised_before_it_is_compared_or_stored(calendar):
    dirty = indico_item(description="<p>Pixel detectors.<script>steal()</script></p>")
    event = event_create(data=dirty)
    assert "script" not in event.description
    assert event_update(event=event, data=dirty) is False
