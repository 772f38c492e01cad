"""RSS 2.0 and Atom parsing: our recorded feeds and the real ones partners publish."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from harvesters.parsers import ParseError, feeds
from harvesters.records import EventRecord, JobRecord, NewsRecord, TextFormat, TrainingRecord

from .conftest import fixture_bytes, real_payload

CEST = timezone(timedelta(hours=2))
CET = timezone(timedelta(hours=1))


def parse_fixture(name, target, **kwargs):
    return feeds.parse(
        fixture_bytes(f"feeds/{name}"),
        source_url=f"https://partner.example/{name}",
        target=target,
        **kwargs,
    )


def test_news_items_keyed_by_guid_then_link_with_their_own_offsets():
    result = parse_fixture("facility-news.rss", "news")
    news = result.by_id()
    assert list(news) == [
        "ill-news-2026-0412",
        "https://www.ill.eu/news-press-events/news/mantid-6-15",
        "https://www.ill.eu/news-press-events/news/call-for-proposals-autumn-2026",  # no guid: link
    ]
    cycle = news["ill-news-2026-0412"]
    assert isinstance(cycle, NewsRecord)
    assert cycle.published == datetime(2026, 9, 22, 9, 30, tzinfo=CEST)
    assert cycle.updated is None  # the feed never said it was updated
    assert cycle.authors == ("ILL Communication Unit",)
    assert cycle.categories == ("Facility", "Neutron source")
    assert (
        cycle.summary_format is TextFormat.HTML and "<strong>22 September</strong>" in cycle.summary
    )
    assert cycle.image_url == "https://www.ill.eu/fileadmin/news/reactor-hall.jpg"
    assert news["https://www.ill.eu/news-press-events/news/mantid-6-15"].title == (
        "Mantid 6.15 installed on ILL instruments & analysis servers"
    )


def test_event_module_gives_event_dates_and_plain_pubdates_do_not():
    result = parse_fixture("events-ev-module.rss", "events")
    events = result.by_id()
    meeting = events["desy-ps-event-2027-usersmeeting"]
    assert isinstance(meeting, EventRecord)
    assert meeting.start == datetime(2027, 1, 27, 9, 0, tzinfo=CET)
    assert meeting.end == datetime(2027, 1, 29, 13, 0, tzinfo=CET)
    assert meeting.timezone is None  # an offset, not a named zone
    assert meeting.location == "DESY Hamburg, Notkestraße 85, 22607 Hamburg"
    assert meeting.organizer == "DESY Photon Science"
    assert meeting.event_type == "conference"
    assert meeting.description_format is TextFormat.HTML
    assert "<strong>PETRA III</strong>" in meeting.description  # full content:encoded
    workshop = events["desy-ps-event-2026-analysis-workshop"]
    assert (workshop.start, workshop.end) == (date(2026, 11, 10), date(2026, 11, 11))
    (rejected,) = result.rejected
    assert rejected.identifier == "desy-ps-news-2026-seminars"
    assert "pubDate is a publication date" in rejected.reason


def test_jobs_feed_gives_job_records():
    jobs = parse_fixture("jobs.rss", "jobs").records
    assert [type(j) for j in jobs] == [JobRecord, JobRecord]
    assert jobs[0].title == "Scientific Software Engineer – neutron data reduction"
    assert jobs[0].posted == datetime(2026, 9, 21, 8, 0, tzinfo=CEST)
    assert jobs[0].categories == ("Software", "Copenhagen")


def test_atom_entries_keyed_by_id_then_link_and_an_unkeyable_entry_rejected():
    result = parse_fixture("collaboration-news.atom", "news")
    news = result.by_id()
    release = news["tag:tango-controls.org,2026:news/tango-10-1"]
    assert release.url == "https://www.tango-controls.org/news/tango-10-1-released/"
    assert release.published == datetime(2026, 9, 18, 14, 20, tzinfo=CEST)
    assert release.updated == datetime(2026, 9, 18, 16, 5, tzinfo=CEST)
    assert (
        release.summary
        == "The new release brings telemetry support and faster event subscriptions."
    )
    assert release.summary_format is TextFormat.TEXT
    assert release.content.startswith("<p>The new release brings <strong>telemetry</strong>")
    save_the_date = news["https://www.tango-controls.org/news/tango-meeting-2027/"]
    assert save_the_date.title == "Tango Community Meeting 2027 – save the date"
    (rejected,) = result.rejected
    assert rejected.identifier == "entry 3 (An entry with neither id nor link)"


def test_a_malformed_feed_keeps_its_good_items_and_says_what_is_wrong():
    result = parse_fixture("malformed.rss", "training")
    assert [r.external_id for r in result.records] == ["elettra-course-301", "elettra-course-303"]
    assert all(isinstance(r, TrainingRecord) for r in result.records)
    assert result.records[0].description == "Lectures & hands-on sessions at the beamlines"
    (rejected,) = result.rejected
    assert (rejected.identifier, rejected.reason) == (
        "elettra-course-302",
        "the entry has no title",
    )
    (warning,) = result.warnings
    assert "not well-formed" in warning and "line 6" in warning


def test_a_non_feed_payload_is_a_parse_error():
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        feeds.parse(
            b"<html><body><p>Moved</p></body></html>", source_url="https://x/", target="news"
        )
    with pytest.raises(ParseError):
        feeds.parse(b"", source_url="https://x/", target="news")


def test_a_payload_that_looks_like_a_path_is_not_opened_as_a_file():
    with pytest.raises(ParseError):
        feeds.parse(b"/etc/hostname", source_url="https://x/", target="news")


# --- real partner feeds --------------------------------------------------------------------


def test_dtls_courses_feed_is_not_well_formed_but_all_three_courses_are_read():
    result = feeds.parse(
        real_payload("rss-atom/dtls-courses-feed.xml"),
        source_url="https://www.dtls.nl/courses/feed/",
        target="training",
    )
    titles = [r.title for r in result.records]
    assert titles == [
        "Constraint-based modeling: Introduction and advanced topics",
        "Knowledge graphs in the life sciences",
        "Algorithms for Biomolecular Networks (Advanced)",
    ]
    assert "not well-formed" in result.warnings[0] and "line 96, column 154" in result.warnings[0]
    course = result.records[0]
    assert course.external_id == "https://www.dtls.nl/?post_type=course&p=19311"
    assert course.provider == "BioSB research school & Wageningen UR & Maastricht University"
    (session,) = course.sessions
    assert session.start == datetime(2023, 2, 13, tzinfo=UTC)
    assert session.end == datetime(2023, 2, 17, tzinfo=UTC)
    assert session.location == "Wageningen Campus, The Netherlands"


def test_dtls_events_feed_uses_the_rss_event_module():
    (event,) = feeds.parse(
        real_payload("rss-atom/dtls-events-feed.xml"),
        source_url="https://www.dtls.nl/events/feed/",
        target="events",
    ).records
    assert event.title == "HotTopics Symposium: Evolution in and of Cell Communities"
    assert event.start == datetime(2023, 2, 15, 0, 0, tzinfo=CET)
    assert event.end == datetime(2023, 2, 15, 23, 59, tzinfo=CET)
    assert event.location == "O2 building, VU Amsterdam"
    assert event.external_id == "https://www.dtls.nl/?post_type=pronamic_event&p=19700"


def test_utrecht_events_served_as_html_with_event_ranges_in_pubdate():
    result = feeds.parse(
        real_payload("rss-atom/uu-events-5457932.rss"),
        source_url="https://www.uu.nl/en/events.rss?category-containers=5457932",
        target="events",
        content_type="text/html; charset=utf-8",
    )
    assert len(result.records) == 17 and result.rejected == ()
    assert any("text/html" in w for w in result.warnings)
    food = result.by_id()["150547"]
    assert (
        food.title
        == "The Unbearable Grip of Ultra-Processed Food – Navigating Towards a Healthier Food System"
    )
    assert food.start == datetime(2025, 9, 3, 15, 0, tzinfo=CEST)
    assert food.end == datetime(2025, 9, 3, 17, 30, tzinfo=CEST)
    assert food.description.startswith("Book launch &amp; symposium")  # HTML, rendered "&"
    assert food.description_format is TextFormat.HTML


def test_wur_calendar_has_no_event_dates_so_events_are_rejected_but_news_read():
    payload = real_payload("rss-atom/wur-calendar.rss")
    url = "https://www.wur.nl/en/Resources-1/RSS/Calendar.htm"
    as_events = feeds.parse(payload, source_url=url, target="events", content_type="text/html")
    assert as_events.records == () and len(as_events.rejected) == 25
    assert all("no event date" in r.reason for r in as_events.rejected)
    as_news = feeds.parse(payload, source_url=url, target="news", content_type="text/html")
    first = as_news.by_id()["717585"]
    assert first.title.startswith("RHI Seminar: Breaking Tradition")  # CDATA padding trimmed
    assert first.published == datetime(2023, 2, 8, 14, 46, tzinfo=UTC)
