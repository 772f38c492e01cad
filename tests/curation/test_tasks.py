"""The curation tasks and commands: what the nightly schedule and operators run."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registry.curation.models import CheckedLink, StaleKind
from registry.curation.stale import open_flags_for
from registry.software.models import RepositoryMetrics, SoftwareIndexPage
from tests.software.factories import SoftwareEntryFactory, publish

NOW = timezone.now()


def archived_entry():
    entry = publish(SoftwareEntryFactory(parent=SoftwareIndexPage.objects.get(), title="Oldtool"))
    RepositoryMetrics.objects.create(entry=entry, harvested_at=NOW, archived=True)
    return entry


@pytest.mark.django_db
def test_check_links_command_checks_at_most_the_limit_and_prints_a_summary(
    home, server, only_127_0_0_1
):
    server.expect_request("/a", method="HEAD").respond_with_data("")
    server.expect_request("/b", method="HEAD").respond_with_data("", status=404)
    publish(
        SoftwareEntryFactory(
            parent=SoftwareIndexPage.objects.get(),
            homepage_url=server.url_for("/a"),
            documentation_url=server.url_for("/b"),
        )
    )
    out, err = StringIO(), StringIO()
    call_command("check_links", "--limit", "1", stdout=out, stderr=err)
    assert "2 links in the catalogue, 1 checked" in out.getvalue()
    assert "Links" in err.getvalue()  # the progress bar
    assert CheckedLink.objects.count() == 1


@pytest.mark.django_db
def test_the_dashboard_button_evaluates_the_rules(client, curator):
    entry = archived_entry()
    client.force_login(curator)
    response = client.post(reverse("curation_dashboard"), {"action": "evaluate"})
    assert response.status_code == 302
    assert [f.kind for f in open_flags_for(entry)] == [StaleKind.SOFTWARE_ARCHIVED]


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_the_nightly_task_runs_in_a_real_worker(celery_worker, home):
    from registry.curation.tasks import evaluate_stale_rules

    entry = archived_entry()
    result = evaluate_stale_rules.delay().get(timeout=60)
    assert result["open"][StaleKind.SOFTWARE_ARCHIVED] == 1
    assert [f.kind for f in open_flags_for(entry)] == [StaleKind.SOFTWARE_ARCHIVED]
