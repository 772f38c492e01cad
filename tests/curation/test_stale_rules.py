"""Each stale rule flags what it should, says why, and clears when the cause is fixed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from registry.curation.links import LinkResult, record
from registry.curation.models import LinkOutcome, StaleFlag, StaleKind, StaleRule
from registry.curation.stale import evaluate_stale_rules, open_flags_for
from registry.software.models import RepositoryMetrics
from registry.training.services import training_material_mark_reviewed
from tests.events.factories import EventFactory
from tests.software.factories import SoftwareEntryFactory, publish
from tests.training.factories import TrainingMaterialFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def kinds(entry) -> set[str]:
    return {flag.kind for flag in open_flags_for(entry)}


@pytest.fixture
def software(home):
    from registry.software.models import SoftwareIndexPage

    entry = SoftwareEntryFactory(
        parent=SoftwareIndexPage.objects.get(),
        title="pyFAI",
        repository_url="https://github.com/silx-kit/pyFAI",
    )
    return publish(entry)


def test_archived_repository_flags_and_unarchiving_clears(software):
    metrics = RepositoryMetrics.objects.create(
        entry=software, harvested_at=NOW, archived=True, last_commit_at=NOW - timedelta(days=3)
    )
    evaluate_stale_rules()
    (flag,) = open_flags_for(software)
    assert flag.kind == StaleKind.SOFTWARE_ARCHIVED
    assert "archived" in flag.reason

    metrics.archived = False
    metrics.save()
    evaluate_stale_rules()
    assert kinds(software) == set()
    assert StaleFlag.objects.get(pk=flag.pk).cleared_at is not None  # kept as history


def test_no_commit_for_the_rule_months_flags_a_new_commit_clears(software):
    metrics = RepositoryMetrics.objects.create(
        entry=software, harvested_at=NOW, last_commit_at=NOW - timedelta(days=600)
    )
    evaluate_stale_rules()
    (flag,) = open_flags_for(software)
    assert flag.kind == StaleKind.SOFTWARE_NO_COMMIT
    assert "18 months" in flag.reason and flag.since == metrics.last_commit_at

    metrics.last_commit_at = NOW - timedelta(days=2)
    metrics.save()
    evaluate_stale_rules()
    assert kinds(software) == set()


def test_curators_tune_the_months_and_can_switch_a_rule_off(software):
    RepositoryMetrics.objects.create(
        entry=software, harvested_at=NOW, last_commit_at=NOW - timedelta(days=600)
    )
    evaluate_stale_rules()
    assert kinds(software) == {StaleKind.SOFTWARE_NO_COMMIT}

    StaleRule.objects.filter(kind=StaleKind.SOFTWARE_NO_COMMIT).update(months=24)
    evaluate_stale_rules()
    assert kinds(software) == set()

    StaleRule.objects.filter(kind=StaleKind.SOFTWARE_NO_COMMIT).update(months=6)
    evaluate_stale_rules()
    assert kinds(software) == {StaleKind.SOFTWARE_NO_COMMIT}
    StaleRule.objects.filter(kind=StaleKind.SOFTWARE_NO_COMMIT).update(enabled=False)
    evaluate_stale_rules()
    assert kinds(software) == set()


def test_training_past_its_review_date_flags_and_a_review_clears(home):
    today = timezone.localdate()
    material = TrainingMaterialFactory(
        review_status="reviewed",
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=35),
    )
    material.save_revision().publish()
    evaluate_stale_rules()
    (flag,) = open_flags_for(material)
    assert flag.kind == StaleKind.TRAINING_REVIEW_OVERDUE
    assert f"{today - timedelta(days=35):%d %B %Y}" in flag.reason

    training_material_mark_reviewed(material=material, reviewed_on=today)
    evaluate_stale_rules()
    assert kinds(material) == set()


def _check(url, outcome, *, at, status=None):
    return record(LinkResult(url, "HEAD", outcome, status=status, detail="HTTP 404"), now=at)


def test_a_link_flags_only_after_failing_twice_a_week_apart_and_clears_when_it_works(software):
    url = software.repository_url
    first = NOW - timedelta(days=10)
    _check(url, LinkOutcome.BROKEN, at=first, status=404)
    evaluate_stale_rules(now=first)
    assert kinds(software) == set(), "one failure is not enough"

    _check(url, LinkOutcome.BROKEN, at=first + timedelta(days=3), status=404)
    evaluate_stale_rules(now=first + timedelta(days=3))
    assert kinds(software) == set(), "two failures three days apart are not enough"

    _check(url, LinkOutcome.BROKEN, at=first + timedelta(days=8), status=404)
    evaluate_stale_rules(now=first + timedelta(days=8))
    (flag,) = open_flags_for(software)
    assert flag.kind == StaleKind.LINK_BROKEN and url in flag.reason
    assert flag.since == first

    _check(url, LinkOutcome.OK, at=first + timedelta(days=9), status=200)
    evaluate_stale_rules(now=first + timedelta(days=9))
    assert kinds(software) == set()


def test_a_refused_check_neither_counts_as_failure_nor_resets_the_count(software):
    url = software.repository_url
    first = NOW - timedelta(days=10)
    _check(url, LinkOutcome.BROKEN, at=first, status=404)
    link = _check(url, LinkOutcome.REFUSED, at=first + timedelta(days=8))
    assert link.consecutive_failures == 1 and link.first_failed_at == first
    evaluate_stale_rules()
    assert kinds(software) == set()


def test_an_event_whose_organiser_page_is_gone_flags_and_clears_when_it_is_back(home):
    event = EventFactory(website="https://indico.example.org/event/42/")
    _check(event.website, LinkOutcome.BROKEN, at=NOW, status=410)
    evaluate_stale_rules()
    (flag,) = open_flags_for(event)
    assert flag.kind == StaleKind.EVENT_ORGANISER_PAGE_GONE and "410" in flag.reason

    _check(event.website, LinkOutcome.OK, at=NOW + timedelta(hours=1), status=200)
    evaluate_stale_rules()
    assert kinds(event) == set()


def test_an_event_page_answering_500_is_not_gone(home):
    event = EventFactory(website="https://indico.example.org/event/43/")
    _check(event.website, LinkOutcome.BROKEN, at=NOW, status=500)
    evaluate_stale_rules()
    assert kinds(event) == set()


def test_evaluating_twice_raises_nothing_new(software):
    RepositoryMetrics.objects.create(entry=software, harvested_at=NOW, archived=True)
    first = evaluate_stale_rules()
    second = evaluate_stale_rules()
    assert first.raised[StaleKind.SOFTWARE_ARCHIVED] == 1
    assert second.raised[StaleKind.SOFTWARE_ARCHIVED] == 0
    assert StaleFlag.objects.count() == 1


def test_a_draft_entry_is_not_judged(home):
    from registry.software.models import SoftwareIndexPage

    draft = SoftwareEntryFactory(parent=SoftwareIndexPage.objects.get(), live=False)
    RepositoryMetrics.objects.create(entry=draft, harvested_at=NOW, archived=True)
    evaluate_stale_rules()
    assert kinds(draft) == set()


def test_rules_are_seeded_with_their_defaults(db):
    rules = {rule.kind: rule for rule in StaleRule.objects.all()}
    assert set(rules) == set(StaleKind.values)
    assert rules[StaleKind.SOFTWARE_NO_COMMIT].months == 18
    assert rules[StaleKind.LINK_BROKEN].failures == 2
    assert rules[StaleKind.LINK_BROKEN].interval_days == 7


def test_the_nightly_tasks_are_scheduled(db):
    from django_celery_beat.models import PeriodicTask

    tasks = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {"registry.curation.evaluate_stale_rules", "registry.curation.check_links"} <= tasks


def test_check_stale_command_prints_a_summary(software, capsys):
    from django.core.management import call_command

    RepositoryMetrics.objects.create(entry=software, harvested_at=NOW, archived=True)
    call_command("check_stale")
    out = capsys.readouterr().out
    assert "Repository archived: 1 open (1 new, 0 cleared)" in out


@pytest.fixture
def failing_source(home):
    from harvesters.models import HarvestSource
    from tests.events.factories import FacilityFactory

    esrf = FacilityFactory(acronym="ESRF", slug="esrf", title="ESRF")
    return HarvestSource.objects.create(
        name="ESRF events calendar",
        kind="ical",
        url="https://www.esrf.fr/events.ics",
        target="events",
        facility=esrf,
        approved=True,
        consecutive_failures=3,
        last_success_at=NOW - timedelta(days=20),
    )


def test_a_source_failing_repeatedly_flags_and_a_success_clears(failing_source):
    evaluate_stale_rules()
    (flag,) = open_flags_for(failing_source)
    assert flag.kind == StaleKind.SOURCE_FAILING
    assert "last 3 harvests failed" in flag.reason and flag.since == failing_source.last_success_at

    failing_source.consecutive_failures = 0
    failing_source.last_success_at = NOW
    failing_source.save()
    evaluate_stale_rules()
    assert kinds(failing_source) == set()


def test_two_failures_are_below_the_default_threshold(failing_source):
    failing_source.consecutive_failures = 2
    failing_source.save()
    evaluate_stale_rules()
    assert kinds(failing_source) == set()
