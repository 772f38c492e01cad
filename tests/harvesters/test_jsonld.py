"""schema.org / Bioschemas in pages and bare JSON-LD: recorded pages and real partner pages."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from harvesters.parsers import ParseError, jsonld
from harvesters.records import (
    AttendanceMode,
    EventRecord,
    EventStatus,
    JobRecord,
    TextFormat,
    TrainingRecord,
)

from .conftest import fixture_bytes, real_payload

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


def parse_fixture(name, target, url):
    return jsonld.parse(fixture_bytes(f"jsonld/{name}"), source_url=url, target=target)


def test_event_page_maps_place_address_mode_status_and_organizer():
    url = "https://www.synchrotron-soleil.fr/en/events/soleil-users-meeting-2027"
    (event,) = parse_fixture("event-page.html", "events", url).records
    assert isinstance(event, EventRecord)
    assert event.external_id == f"{url}#event"
    assert event.title == "SOLEIL Users' Meeting 2027"  # "&#039;" decoded
    assert event.start == datetime(2027, 1, 21, 9, 0, tzinfo=CET)
    assert event.end == datetime(2027, 1, 22, 17, 30, tzinfo=CET)
    assert event.timezone is None  # schema.org dates carry offsets, not zones
    assert event.location == "Synchrotron SOLEIL, Amphithéâtre"
    assert event.address == "L'Orme des Merisiers, Départementale 128, 91190 Saint-Aubin, France"
    assert event.attendance_mode is AttendanceMode.MIXED  # stated, despite the VirtualLocation
    assert event.status is EventStatus.CONFIRMED
    assert event.organizer == "Synchrotron SOLEIL"
    assert event.categories == ("user meeting", "synchrotron", "posters")
    assert event.event_type == "EducationEvent"
    assert event.description_format is TextFormat.HTML
    assert (
        event.image_url
        == "https://www.synchrotron-soleil.fr/sites/default/files/users-meeting-2027.jpg"
    )


def test_course_with_instances_is_one_course_for_training_and_dated_events_for_events():
    url = "https://www.isis.stfc.ac.uk/Pages/neutron-training-course.aspx"
    (course,) = parse_fixture("course-page.html", "training", url).records
    assert isinstance(course, TrainingRecord) and course.kind == "course"
    assert course.title == "ISIS Neutron Training Course"
    assert course.audience == ("PhD students",)
    assert course.educational_level == "Beginner"
    assert course.prerequisites == ("A degree in physics, chemistry or materials science",)
    assert course.learning_objectives == (
        "Small-angle neutron scattering",
        "Neutron diffraction",
        "Data reduction with Mantid",
    )
    assert course.licence == "https://creativecommons.org/licenses/by/4.0/"
    assert [(s.start, s.end, s.modes) for s in course.sessions] == [
        (date(2027, 3, 1), date(2027, 3, 12), ("onsite", "full-time")),
        (datetime(2027, 2, 15, 14, tzinfo=UTC), datetime(2027, 2, 15, 16, tzinfo=UTC), ("online",)),
    ]
    events = parse_fixture("course-page.html", "events", url).by_id()
    onsite = events[f"{url}#2027"]
    assert onsite.title == "ISIS Neutron Training Course 2027"
    assert onsite.start == date(2027, 3, 1) and onsite.end == date(2027, 3, 12)  # inclusive
    assert onsite.organizer == "ISIS Neutron and Muon Source"  # the course's provider
    assert onsite.url == url
    assert events[f"{url}#2027-online-prep"].attendance_mode is AttendanceMode.ONLINE


def test_training_material_fields():
    url = "https://pan-training.eu/materials/silx-hdf5-nexus"
    (material,) = parse_fixture("training-material.html", "training", url).records
    assert material.kind == "training_material"
    assert material.resource_types == ("hands-on tutorial", "Jupyter notebook")
    assert material.keywords == ("HDF5", "NeXus", "silx", "data visualisation")
    assert material.audience == ("Beamline scientists", "Facility users")
    assert material.educational_level == "Intermediate"
    assert material.duration == "PT1H"
    assert material.licence == "CC-BY-4.0"
    assert material.published == date(2025, 5, 6)
    assert material.description.endswith("\n\nAbout one hour.")  # plain text keeps its breaks


def test_job_posting_fields_and_job_items_ignored_by_an_events_source():
    url = "https://www.diamond.ac.uk/Careers/Vacancies/All/DIA-2026-0734.html"
    (job,) = parse_fixture("job-posting.html", "jobs", url).records
    assert isinstance(job, JobRecord)
    assert job.title == "Research Software Engineer (data acquisition)"
    assert job.employer == "Diamond Light Source"
    assert job.location == "Didcot, Oxfordshire, GB"
    assert job.employment_types == ("FULL_TIME", "PERMANENT")
    assert job.posted == date(2026, 9, 15)
    assert job.valid_through == datetime(2026, 10, 13, 23, 59, tzinfo=CET)
    as_events = parse_fixture("job-posting.html", "events", url)
    assert as_events.records == ()
    assert as_events.warnings == (
        "1 JobPosting item(s) ignored: this source feeds events, not jobs.",
    )


def test_yoast_graph_resolves_references_and_status():
    url = "https://www.helmholtz-berlin.de/events/pan-data-school-2026/"
    (event,) = parse_fixture("yoast-graph.html", "events", url).records
    assert event.external_id == f"{url}#event"
    assert event.url == url  # the page, from mainEntityOfPage
    assert event.location == "HZB Adlershof, Lecture hall"  # the Place node it refers to
    assert event.address == "Albert-Einstein-Straße 15, 12489 Berlin, DE"
    assert event.status is EventStatus.POSTPONED


def test_microdata_events_with_relative_urls_and_an_unreadable_date():
    result = parse_fixture(
        "microdata-events.html", "events", "https://www.hzdr.de/db/Cms?pNid=3200"
    )
    events = result.by_id()
    elbe = events["https://www.hzdr.de/db/Cms?pNid=3200&pOid=70001"]
    assert elbe.title == "ELBE user meeting 2026"
    assert elbe.start == datetime(2026, 11, 5, 9, 0, tzinfo=CET)
    assert elbe.location == "HZDR, Bautzner Landstraße 400, Dresden"
    school = events["https://www.hzdr.de/db/Cms?pNid=3200&pOid=70002"]
    assert (school.start, school.end) == (date(2026, 12, 7), date(2026, 12, 11))
    (rejected,) = result.rejected
    assert rejected.identifier == "https://www.hzdr.de/db/Cms?pNid=3200&pOid=70003"
    assert "'im Dezember' is not an ISO 8601 date" in rejected.reason


def test_bare_json_ld_list_rejects_bad_items_and_keeps_the_rest():
    result = jsonld.parse(
        fixture_bytes("jsonld/course-instances.jsonld"),
        source_url="https://pan-training.eu/course-instances.jsonld",
        target="training",
        content_type="application/ld+json",
    )
    assert sorted(result.by_id()) == [
        "https://www.hzdr.de/training/python-for-beamline-data",
        "https://www.mlz-garching.de/lab-course/2026",
    ]
    reasons = {r.identifier: r.reason for r in result.rejected}
    assert "no @type" in reasons["An object without a type"]
    assert "neither an @id nor a url" in reasons["Course instance without identity"]
    assert "'next spring'" in reasons["https://www.ill.eu/training/bad-dates"]
    python = result.by_id()["https://www.hzdr.de/training/python-for-beamline-data"]
    assert python.sessions[0].start == datetime(2026, 10, 12, 9, 0)  # floating, as published


def test_one_broken_json_ld_block_is_a_warning_not_a_lost_page():
    result = parse_fixture("broken-block.html", "events", "https://www.maxiv.lu.se/events/")
    assert [r.title for r in result.records] == ["MAX IV User Meeting 2026"]
    assert result.records[0].address == "Fotongatan 2, 224 84 Lund, Sweden"
    assert "JSON-LD block 1 is not valid JSON" in result.warnings[0]


def test_invalid_json_document_is_a_parse_error():
    with pytest.raises(ParseError, match="not valid JSON"):
        jsonld.parse(b'{"@type": "Event", ', source_url="https://x/", target="events")
    with pytest.raises(ParseError, match="empty"):
        jsonld.parse(b"  ", source_url="https://x/", target="events")


def test_a_page_without_schema_org_items_says_so():
    result = jsonld.parse(
        b"<html><body><h1>Events</h1></body></html>", source_url="https://x/", target="events"
    )
    assert result.records == ()
    assert "No schema.org item for events" in result.warnings[0]


# --- real partner pages ---------------------------------------------------------------------


def real(name, target, url):
    return jsonld.parse(real_payload(f"jsonld-html/{name}"), source_url=url, target=target)


def test_galaxy_training_material():
    url = "https://training.galaxyproject.org/training-material/topics/introduction/tutorials/galaxy-intro-101/tutorial.html"
    (material,) = real("galaxy-intro-101.html", "training", url).records
    assert material.title == "Hands-on for 'Galaxy 101' tutorial"
    assert material.kind == "learning_resource"
    assert material.licence == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert material.duration == "PT1H"
    assert material.audience == ("Students",)
    assert material.authors[:2] == ("Saskia Hiltemann", "Nicola Soranzo")
    assert material.provider == "Galaxy Training Network"
    assert material.external_id == url


def test_software_carpentry_learning_resource_keywords_split():
    (lesson,) = real(
        "python-novice-inflammation.html",
        "training",
        "https://swcarpentry.github.io/python-novice-inflammation/",
    ).records
    assert lesson.title == "Programming with Python"
    assert lesson.keywords == ("software", "data", "lesson", "The Carpentries")
    assert lesson.published == date(2025, 7, 1)


@pytest.mark.parametrize(
    ("name", "url", "title", "day", "location"),
    [
        (
            "lcrdm-rda-in-nl-community-meet-up.html",
            "https://lcrdm.nl/evenementen/rda-in-nl-community-meet-up/",
            "RDA in NL – Community meet-up - September 3 2025",
            date(2025, 9, 3),
            "Rathenau Institute",
        ),
        (
            "researchdata-essentials-4-data-support-april-juni-2026.html",
            "https://researchdata.nl/agenda/essentials-4-data-support-april-juni-2026/",
            "Essentials 4 Data Support, april/juni 2026 (NL)",
            date(2026, 4, 16),
            "SURF, Health-RI",
        ),
    ],
)
def test_yoast_pages_whose_single_event_is_keyed_by_the_page(name, url, title, day, location):
    (event,) = real(name, "events", url).records
    assert (event.external_id, event.url) == (url, url)
    assert (event.title, event.start, event.end, event.location) == (title, day, day, location)
    assert event.all_day


def test_wur_event_keeps_its_utc_start_and_date_end_as_published():
    url = "https://www.wur.nl/en/activity/rhi-seminar-breaking-tradition.htm"
    (event,) = real("wur-rhi-seminar-breaking-tradition.html", "events", url).records
    assert event.start == datetime(2023, 3, 23, 15, 0, tzinfo=UTC)
    assert event.end == date(2023, 3, 23)
    assert event.location == "Leeuwenborch, gebouwnummer 201"
    assert event.address == "Hollandseweg 1, 6706 KN Wageningen, NL"


def test_osc_calendar_events_with_modes():
    result = real(
        "osc-international-my-calendar-2024-03.html",
        "events",
        "https://osc-international.com/my-calendar/?format=calendar&month=3&yr=2024",
    )
    assert [e.title for e in result.records] == [
        "Open Research Conversations : Too sensitive to share? Opening up sensitive research",
        "ReproducibiliTea Journal Club - Sheffield March 2024",
        "Open Research Working Group Drop-in Sessions",
    ]
    first, second, _ = result.records
    assert first.attendance_mode is AttendanceMode.ONLINE
    assert first.start == datetime(2024, 3, 13, 12, 0, tzinfo=CEST)  # the offset as published
    assert second.attendance_mode is AttendanceMode.OFFLINE
    assert second.location == "View Room 4, Students Union"
    assert second.description.endswith(
        "doi: 10.1080/13803611.2024.2314526"
    )  # "&nbsp;" decoded, trimmed


def test_rug_microdata_calendar():
    url = "https://www.rug.nl/about-ug/latest-news/events/calendar/"
    result = real("rug-events-calendar.html", "events", url)
    assert len(result.records) == 52 and result.rejected == ()
    fuckup = next(e for e in result.records if e.title == "F@ckUp Nights | Groningen")
    assert fuckup.start == datetime(2025, 12, 4, 19, 30, tzinfo=CET)
    relative = result.by_id()["https://www.rug.nl/cf/events/upcoming-events/ai-voor-beleidsmakers"]
    assert relative.start == date(2025, 11, 14) and relative.end == date(2025, 12, 5)


def test_nbis_course_instances_keep_identified_items_and_reject_the_rest():
    result = real(
        "nbis-course-instances.json", "events", "https://www.nbis.se/training/events.json"
    )
    assert len(result.records) == 23
    reasons = [r.reason for r in result.rejected]
    assert sum("no @type" in r for r in reasons) == 3  # the three BiG Talks objects
    assert sum("neither an @id nor a url" in r for r in reasons) == 6
    deep = result.by_id()["https://uppsala.instructure.com/courses/75565"]
    assert deep.title == "Neural Networks and Deep Learning"
    assert deep.start == datetime(2023, 3, 20, 0, 0) and deep.is_floating
    assert deep.address == "SciLifeLab Uppsala - Navet, Husargatan 3, Uppsala, Sweden"


def test_sib_course_with_two_instances():
    url = "https://www.sib.swiss/training/course/20220608_XXX12"
    (course,) = real("sib_course.json", "training", url).records
    assert course.title == "First steps with R in Life Sciences"
    assert course.provider == "SIB Swiss Institute of Bioinformatics"
    assert [(s.start, s.end, s.location) for s in course.sessions] == [
        (date(2022, 6, 8), date(2022, 6, 9), "Lausanne"),
        (date(2022, 10, 10), date(2022, 10, 11), "Zürich"),
    ]
    events = real("sib_course.json", "events", url).records
    assert [e.external_id for e in events] == [
        "https://webapp2.vital-it.ch/courseadmin/website/course/20220608_XXX12",
        "https://webapp2.vital-it.ch/courseadmin/website/course/20221010_XXX12",
    ]
    assert events[1].categories[-1] == "torsten schwede & thierry sengstag group"
