"""Every format through the engine over real sockets: RSS, Atom, JSON-LD, Indico; publication rules."""

from datetime import UTC, date, datetime

import pytest

from harvesters.engine.run import harvest_source
from harvesters.models import HarvestedItem
from registry.collaborations.models import JobPosting, NewsItem
from registry.events.models import Event
from registry.training.models import TrainingMaterial

from .conftest import fixture_bytes, run_clock

pytestmark = pytest.mark.django_db
CLOCK = run_clock("2026-10-01T12:00:00")


def serve(server, fixture, path, content_type):
    server.expect_request(path).respond_with_data(fixture_bytes(fixture), content_type=content_type)
    return server.url_for(path)


def test_rss_news_become_published_news_items_of_the_facility(server, make_source, esrf):
    url = serve(server, "feeds/facility-news.rss", "/news.rss", "application/rss+xml")
    source = make_source("rss", url, target="news")

    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.result == "succeeded", outcome.detail
    news = NewsItem.objects.get(external_id="ill-news-2026-0412")
    assert news.title == "Reactor cycle 2026-4 starts on schedule"
    assert news.live and news.facility == esrf and news.origin == NewsItem.Origin.HARVEST
    mantid = NewsItem.objects.get(
        external_id="https://www.ill.eu/news-press-events/news/mantid-6-15"
    )
    assert mantid.title == "Mantid 6.15 installed on ILL instruments & analysis servers"
    assert "<script" not in mantid.summary
    assert outcome.counts["created"] == NewsItem.objects.count()


def test_atom_entries_become_news_and_an_entry_without_key_is_rejected(server, make_source):
    url = serve(server, "feeds/collaboration-news.atom", "/news.atom", "application/atom+xml")
    source = make_source("rss", url, target="news")

    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.result == "partial"
    assert outcome.counts["rejected"] >= 1
    assert NewsItem.objects.count() == outcome.counts["created"] > 0


def test_rss_jobs_become_job_postings(server, make_source):
    url = serve(server, "feeds/jobs.rss", "/jobs.rss", "application/rss+xml")
    source = make_source("rss", url, target="jobs")

    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.result in {"succeeded", "partial"}
    assert JobPosting.objects.count() == outcome.counts["created"] > 0
    assert all(job.live for job in JobPosting.objects.all())


def test_json_ld_job_posting_keeps_its_closing_date(server, make_source):
    url = serve(server, "jsonld/job-posting.html", "/vacancy.html", "text/html")
    source = make_source("jsonld", url, target="jobs")

    harvest_source(source.pk, now=CLOCK)

    job = JobPosting.objects.get()
    assert job.title == "Research Software Engineer (data acquisition)"
    assert job.closing_date == date(2026, 10, 13)
    assert job.location == "Didcot, Oxfordshire, GB"


def test_json_ld_event_page_keeps_its_offset_times(server, make_source):
    url = serve(server, "jsonld/event-page.html", "/users-meeting.html", "text/html")
    source = make_source("jsonld", url)

    harvest_source(source.pk, now=CLOCK)

    event = Event.objects.get()
    assert event.title == "SOLEIL Users' Meeting 2027"
    assert event.starts_at == datetime(2027, 1, 21, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert event.attendance == Event.Attendance.HYBRID
    assert event.timezone == "Europe/Paris"


def test_json_ld_training_material_becomes_a_material_page(server, make_source, esrf):
    url = serve(server, "jsonld/training-material.html", "/silx.html", "text/html")
    source = make_source("jsonld", url, target="training")

    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.result == "succeeded", outcome.detail
    material = TrainingMaterial.objects.get()
    assert material.live and material.providing_facility == esrf
    assert material.licence == "CC-BY-4.0"
    assert material.duration.total_seconds() == 3600
    assert material.material_type == TrainingMaterial.Type.NOTEBOOK
    assert {t.name for t in material.keywords.all()} >= {"HDF5", "NeXus"}


def test_indico_json_export_events_in_their_own_zone(server, make_source):
    url = serve(server, "indico/category-export.json", "/export/categ/412.json", "application/json")
    source = make_source("indico", url)

    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.result == "partial"  # one exported result has no dates
    jump = Event.objects.get(external_id__startswith="indico-event-15201@")
    assert jump.timezone == "Europe/Zurich"
    assert jump.starts_at == datetime(2026, 10, 15, 7, 0, tzinfo=UTC)
    assert jump.event_type == "conference"
    assert Event.objects.count() == 4


def test_items_of_an_untrusted_source_are_drafts_in_the_curators_review(server, make_source):
    url = serve(server, "ical/facility-calendar.ics", "/c.ics", "text/calendar")
    source = make_source("ical", url, trusted=False)

    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.counts["created"] > 0
    events = Event.objects.all()
    assert events and not any(e.live for e in events)
    assert all(e.current_workflow_state is not None for e in events)
    assert HarvestedItem.objects.count() == events.count()
