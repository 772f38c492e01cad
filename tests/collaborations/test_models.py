"""Collaboration years, news and job postings: what the models guarantee."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.collaborations import sections
from registry.collaborations.models import Collaboration, CollaborationIndexPage

from .factories import CollaborationFactory, JobPostingFactory, NewsItemFactory


@pytest.fixture
def index(home):
    return CollaborationIndexPage.objects.get()


@pytest.mark.parametrize(
    ("start_year", "start_period", "decade"),
    [
        (2007, "", 2000),
        (2010, "", 2010),
        (None, "late 1990s", 1990),
        (None, "between 2008 and 2010", None),
        (None, "", None),
    ],
)
def test_start_decade_follows_the_year_or_the_period(index, start_year, start_period, decade):
    collaboration = CollaborationFactory(
        parent=index, start_year=start_year, start_period=start_period
    )
    assert collaboration.start_decade == decade


def test_end_year_before_start_year_is_refused(index):
    collaboration = CollaborationFactory.build(start_year=2015, end_year=2010)
    with pytest.raises(ValidationError) as error:
        collaboration.clean()
    assert "end_year" in error.value.message_dict


def test_a_year_far_in_the_future_is_refused(index):
    collaboration = CollaborationFactory.build(start_year=timezone.now().year + 5)
    with pytest.raises(ValidationError) as error:
        collaboration.clean()
    assert "start_year" in error.value.message_dict


def test_started_reads_the_year_or_the_period(index):
    assert CollaborationFactory.build(start_year=2013).started == "2013"
    assert (
        CollaborationFactory.build(start_year=None, start_period="late 1990s").started
        == "late 1990s"
    )


def test_news_summary_is_sanitised_when_stored(index):
    item = NewsItemFactory(
        summary='<p onclick="x()">New <b>release</b><script>alert(1)</script>'
        '<a href="javascript:evil()">bad</a> <a href="https://silx.org">silx</a></p>'
    )
    item.refresh_from_db()
    assert "<script" not in item.summary and "onclick" not in item.summary
    assert "javascript:" not in item.summary
    assert '<a href="https://silx.org" rel="noopener noreferrer nofollow">silx</a>' in item.summary
    assert "<b>release</b>" in item.summary


def test_job_is_open_until_its_closing_date(index):
    today = timezone.localdate()
    assert JobPostingFactory(closing_date=today).is_open
    assert JobPostingFactory(closing_date=None).is_open
    assert not JobPostingFactory(closing_date=today - datetime.timedelta(days=1)).is_open


def test_job_closing_before_publication_is_refused(index):
    job = JobPostingFactory.build(
        published_at=timezone.now(), closing_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    with pytest.raises(ValidationError):
        job.clean()


def test_a_later_section_line_replaces_the_placeholder_with_the_same_key(index, monkeypatch):
    collaboration = CollaborationFactory(parent=index)
    # The placeholder line stays; the events app's later line with the same key wins.
    placeholder = next(section for section in sections.SECTIONS if section.key == "events")
    assert placeholder.selector is None

    plugged = sections.Section(
        "events",
        "Conferences and workshops",
        "registry.collaborations.selectors.news_for_collaboration",
        "collaborations/includes/news_item.html",
        "None.",
    )
    monkeypatch.setattr(sections, "SECTIONS", [*sections.SECTIONS, plugged])
    keys = [section.key for section, _ in sections.sections_for(collaboration)]
    assert keys == ["news", "jobs", "events"]
    assert [s for s, _ in sections.sections_for(collaboration)][-1] is plugged


def test_collaboration_str_is_its_name(index):
    assert str(CollaborationFactory(parent=index, title="Sardana")) == "Sardana"
    assert Collaboration.objects.get(title="Sardana").is_active
