"""Real partner calendars (../shared/real-payloads): what they say is what we read."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from harvesters.parsers import ical, indico
from harvesters.records import EventStatus, TextFormat

from .conftest import horizon, real_payload

BERLIN = ZoneInfo("Europe/Berlin")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PERTH = ZoneInfo("Australia/Perth")
AROUND_2026 = horizon("2025-12-01", "2026-12-31")


def parse(name: str, window=AROUND_2026):
    return ical.parse(
        real_payload(f"ical/{name}"), source_url=f"https://partner.example/{name}", horizon=window
    )


def test_surf_agenda_all_events_in_amsterdam_time_with_entities_decoded():
    result = parse("surf-agenda.ics")
    assert len(result.records) == 41 and result.rejected == ()
    event = result.by_id()["3c3b2c0e-82ea-49b4-b9e3-cf779e2bbe8f"]
    assert event.title == "Smart Experimentation & Lab Automation"  # "&amp;" in the SUMMARY
    assert event.start == datetime(2026, 3, 6, 12, 0, tzinfo=AMSTERDAM)
    assert event.start.astimezone(UTC).hour == 11
    assert event.timezone == "Europe/Amsterdam"
    assert event.location == "SURF Utrecht, Moreelsepark 48"
    pidfest = sorted(r.start for r in result.records if r.title.startswith("PIDfest 2026"))
    assert pidfest == [datetime(2026, 10, day, 9, 0, tzinfo=AMSTERDAM) for day in (27, 28, 29)]
    assert {d.utcoffset().total_seconds() for d in pidfest} == {3600}  # after the October change


def test_fablab_all_day_event_and_monthly_series_across_dst():
    result = parse("fablab_cottbus.ics", horizon("2018-09-01", "2018-12-01"))
    events = result.by_id()
    closed = events["ai1ec-1862@blog.fablab-cottbus.de"]
    assert closed.title == "Lab geschlossen: Wir sind auf dem Karlstraßenfest"
    assert closed.all_day and closed.start == closed.end == date(2018, 6, 9)
    repair = sorted(
        (r for r in result.records if r.series_id == "ai1ec-1887@blog.fablab-cottbus.de"),
        key=lambda r: r.start,
    )
    # First Saturday of the month at 14:00 Berlin: 12:00 UTC in summer time, 13:00 after.
    assert [r.start for r in repair] == [
        datetime(2018, 9, 1, 14, 0, tzinfo=BERLIN),
        datetime(2018, 10, 6, 14, 0, tzinfo=BERLIN),
        datetime(2018, 11, 3, 14, 0, tzinfo=BERLIN),
    ]
    assert [r.start.astimezone(UTC).hour for r in repair] == [12, 12, 13]
    assert repair[0].title == "Repair Café"
    assert (
        repair[0].location == "FabLab Cottbus @ Walther-Pauer-Straße 5, 03044 Cottbus, Deutschland"
    )


def test_machbar_google_calendar_with_x_wr_timezone_exdate_and_moved_occurrence():
    result = parse("machbar_16_feb_2019.ics", horizon("2019-02-10", "2019-03-15"))
    events = result.by_id()
    # DTSTART in UTC (19:00Z) shown in the calendar's X-WR-TIMEZONE.
    bio = events["4pudsugalsbuqetcfdns8demti@google.com"]
    assert bio.title == '"Bioökonomie-Tag"'
    assert bio.start == datetime(2019, 2, 28, 20, 0, tzinfo=BERLIN)
    assert bio.timezone == "Europe/Berlin"
    assert bio.status is EventStatus.CONFIRMED
    # The 16 February repair café was moved to the 24th: key keeps its original date.
    moved = events["ome5r9735mpdoo3n6lpf8oi0c4@google.com#20190216T100000Z"]
    assert moved.start == datetime(2019, 2, 24, 11, 0, tzinfo=BERLIN)
    # EXDATE 2019-03-07 08:30 removes that Thursday of the weekly school class.
    thursdays = [
        r.start for r in result.records if r.series_id == "7g6502aejkun96i5fenfu6hvc1@google.com"
    ]
    assert datetime(2019, 2, 28, 8, 30, tzinfo=BERLIN) in thursdays
    assert datetime(2019, 3, 7, 8, 30, tzinfo=BERLIN) not in thursdays
    assert datetime(2019, 3, 14, 8, 30, tzinfo=BERLIN) in thursdays
    assert any("have no occurrence in the harvest window" in w for w in result.warnings)


def test_thunderbird_series_with_one_cancelled_occurrence():
    result = parse("issue_18_cancel_status.ics", horizon("2020-01-01", "2020-03-01"))
    uid = "b65c2b5b-b785-4edc-9560-e0379036d1f2"
    statuses = {r.external_id: r.status for r in result.records}
    assert statuses == {
        f"{uid}#20200128T210000Z": None,
        f"{uid}#20200129T210000Z": EventStatus.CANCELLED,
        f"{uid}#20200130T210000Z": None,
    }


def test_maastricht_library_folded_lines_and_escaped_location():
    (event,) = parse("maastricht-library-leugenaghtige-vertellingen.ics").records
    assert event.title == '"Leugenaghtige Vertellingen" over Sint-Servaas | Rondleiding'
    assert event.start == datetime(2025, 6, 17, 15, 0, tzinfo=AMSTERDAM)
    assert event.end == datetime(2025, 6, 19, 15, 0, tzinfo=AMSTERDAM)
    assert event.url == (
        "https://library.maastrichtuniversity.nl/events/leugenaghtige-vertellingen-over-"
        "sint-servaas-rondleiding/"
    )
    assert event.location == (
        "Universiteitsbibliotheek, Grote Looiersstraat 17, Maastricht, Netherlands"
    )
    assert (
        event.image_url == "https://library.maastrichtuniversity.nl/wp-content/uploads/default.jpg"
    )


def test_open_science_maastricht_categories_and_accents():
    (event,) = parse("openscience-maastricht-fair-coffee-lecture.ics").records
    assert event.title == "FAIR Coffee lecture - Mariëlle Prevoo (pre-announcement)"
    assert event.categories == ("FAIR coffee",)
    assert event.start.astimezone(UTC) == datetime(2025, 5, 15, 8, 30, tzinfo=UTC)


def test_utrecht_university_utc_times():
    (event,) = parse("uu-node-151507.ics").records
    assert event.title == "Hans Linschoten’s Idols of the psychologist and psychology"
    assert event.start == datetime(2025, 9, 19, 11, 30, tzinfo=UTC)
    assert event.end == datetime(2025, 9, 19, 15, 30, tzinfo=UTC)
    assert event.timezone == "UTC"
    assert event.location.startswith("Johanna Hudig building, room 1.27")


@pytest.mark.parametrize(
    ("name", "uid", "title", "start", "categories"),
    [
        (
            "pawsey-supercomputing-centre-5cd096b58d0.ics",
            "17701-1649064600-1649088000@pawsey.org.au",
            "EoI 1-Day Introduction to AMD GPUs (AMD Instinct Architecture and ROCm)",
            datetime(2022, 4, 4, 9, 30, tzinfo=PERTH),
            ("Supercomputing", "Training", "Webinar", "Workshop"),
        ),
        (
            "ask-me-anything-porous-media-visualisation-and-lbpm.ics",
            "16031-1625479200-1625482800@pawsey.org.au",
            "Ask Me Anything: Porous media visualisation and LBPM",
            datetime(2021, 7, 5, 10, 0, tzinfo=PERTH),
            ("AMA", "Visualisation"),
        ),
    ],
)
def test_pawsey_events_in_perth_time(name, uid, title, start, categories):
    (event,) = parse(name).records
    assert (event.external_id, event.title, event.start, event.categories) == (
        uid,
        title,
        start,
        categories,
    )
    assert event.timezone == "Australia/Perth"
    assert event.location == "Online, Virtual, Australia"
    assert event.description_format is TextFormat.TEXT


def test_grayscott_malformed_lines_are_skipped_and_reported_the_event_kept():
    result = parse("grayscott-event.ics")
    (event,) = result.records
    assert event.title == "Memory allocation, why and how to profile applications"
    assert event.start == datetime(2026, 2, 26, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert event.location == "Registration : https://teratec.webex.com/blabla"  # tag stripped
    assert any("could not be read" in w for w in result.warnings)


def test_indico_category_and_event_exports():
    both = indico.parse(
        real_payload("indico/events.ics"), source_url="https://indico.cern.ch/category/1/events.ics"
    )
    titles = {r.external_id: r.title for r in both.records}
    assert titles == {
        "indico-event-1617123@indico.cern.ch": "14th HEP C++ Course and Hands-on Training - The Essentials",
        "indico-event-1211412@indico.cern.ch": "HEP C++ Course and Hands-on Training - Stay Informed",
    }
    (single,) = indico.parse(
        real_payload("indico/event.ics"),
        source_url="https://indico.cern.ch/event/1617123/event.ics",
    ).records
    assert single.start == datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
    assert single.end == datetime(2026, 3, 13, 16, 15, tzinfo=UTC)
    assert single.categories == ("TRAINING", "EDUCATION")
    assert single.url == "https://indico.cern.ch/event/1617123/"
    assert single.location == "CERN"
