"""Collaboration pages and the directory answer with the real data and honest empty states."""

import datetime

import pytest
from django.utils import timezone

from registry.collaborations.models import Collaboration, NewsItem
from registry.facilities.models import Facility

from .factories import JobPostingFactory, NewsItemFactory


def test_directory_lists_every_collaboration_by_its_real_name(client, demo_data):
    response = client.get("/collaborations/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["EPICS", "Tango", "MXCuBE", "IcePAP", "PaNOSC", "ExPaNDS", "SimEx", "Em#"]:
        assert f">{name}</a>" in html, name
    assert "24 collaborations" in html


def test_collaboration_page_shows_its_facts_facilities_code_and_links(client, demo_data):
    response = client.get("/collaborations/panosc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Photon and Neutron Open Science Cloud" in html
    assert "2018" in html and "Ended in 2022" in html
    assert 'href="https://www.panosc.eu/"' in html
    for acronym in ["ESRF", "ILL", "ESS", "European XFEL"]:
        assert f">{acronym}</a>" in html
    assert 'href="https://github.com/panosc-eu"' in html
    assert "PaNOSC Open Data Portal" in html


def test_collaboration_page_has_news_jobs_and_events_sections_with_empty_states(client, demo_data):
    html = client.get("/collaborations/tango/").content.decode()
    for heading in ["News", "Job announcements", "Conferences and workshops"]:
        assert f'{heading} <span class="count">(0)</span>' in html
    assert "No news from this collaboration yet." in html
    assert "No open positions announced for this collaboration." in html
    assert "No conference, workshop or other event of this collaboration is listed yet." in html


def test_period_only_start_is_shown_in_words_and_unverified_facts_are_named(client, demo_data):
    html = client.get("/collaborations/epics/").content.decode()
    assert "late 1990s" in html
    assert "Some facts on this page are not verified yet" in html
    assert "Figure 1 has the year" in html


def test_collaboration_page_lists_live_news_and_open_jobs_only(client, demo_data):
    tango = Collaboration.objects.get(slug="tango")
    esrf = Facility.objects.get(acronym="ESRF")
    NewsItemFactory(title="Tango 10 released", collaboration=tango, facility=esrf)
    NewsItemFactory(title="Draft announcement", collaboration=tango, live=False)
    today = timezone.localdate()
    JobPostingFactory(title="Tango core developer", collaboration=tango, closing_date=today)
    JobPostingFactory(
        title="Closed position",
        collaboration=tango,
        closing_date=today - datetime.timedelta(days=1),
    )

    html = client.get("/collaborations/tango/").content.decode()

    assert "Tango 10 released" in html and "Draft announcement" not in html
    assert "Tango core developer" in html and "Closed position" not in html
    assert 'News <span class="count">(1)</span>' in html
    assert 'Job announcements <span class="count">(1)</span>' in html


def test_a_stored_summary_is_sanitised_again_when_shown(client, demo_data):
    tango = Collaboration.objects.get(slug="tango")
    item = NewsItemFactory(title="Old item", collaboration=tango)
    # Written around save(), as an old row or a bulk update could be.
    NewsItem.objects.filter(pk=item.pk).update(summary='<p>Hi<script>alert("x")</script></p>')
    html = client.get("/collaborations/tango/").content.decode()
    assert "<p>Hi</p>" in html and 'alert("x")' not in html


def test_unpublished_collaboration_is_not_listed(client, demo_data):
    Collaboration.objects.get(slug="simex").unpublish()
    html = client.get("/collaborations/").content.decode()
    assert ">SimEx</a>" not in html
    assert client.get("/collaborations/simex/").status_code == 404


@pytest.mark.parametrize("path", ["/collaborations/em/", "/collaborations/pan-software-catalogue/"])
def test_collaboration_without_code_or_facilities_says_so(client, demo_data, path):
    html = client.get(path).content.decode()
    assert client.get(path).status_code == 200
    assert "No code repository recorded yet." in html or "not recorded yet" in html
