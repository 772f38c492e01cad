"""The curators' dashboard and reports: who may see them, what the bulk actions do, fixed queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry.curation.models import CheckedLink, LinkOutcome, StaleFlag, StaleKind
from registry.curation.stale import evaluate_stale_rules, open_flags_for
from registry.curation.workflow import submit_for_review
from registry.facilities.models import Facility, FacilityIndexPage
from registry.training.models import TrainingMaterial
from tests.training.factories import TrainingMaterialFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "curation_dashboard",
    "curation_submissions",
    "curation_stale",
    "curation_links",
    "curation_sources",
    "curation_recent",
]


def overdue_material(n=0):
    today = timezone.localdate()
    material = TrainingMaterialFactory(
        review_status="reviewed",
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=30),
    )
    material.save_revision().publish()
    return material


def submitted_facility(n, by):
    facility = Facility(
        title=f"Test Light Source {n}",
        slug=f"tls-{n}",
        acronym=f"TLS{n}",
        country="France",
        country_code="FR",
        city="Grenoble",
        live=False,
    )
    FacilityIndexPage.objects.get().add_child(instance=facility)
    submit_for_review(facility, by=by)
    return facility


@pytest.mark.parametrize("name", PAGES)
def test_a_curator_sees_each_page(client, curator, name):
    overdue_material()
    evaluate_stale_rules()
    client.force_login(curator)
    response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_a_partner_is_forbidden_and_a_visitor_sent_to_log_in(client, partner, name):
    anonymous = client.get(reverse(name))
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("wagtailadmin_login"))
    client.force_login(partner)
    # Wagtail answers a refused admin page by sending the user home with a message.
    refused = client.get(reverse(name), follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "permission" in refused.content.decode()


def test_the_stale_report_lists_the_reason_and_filters_by_it(client, curator):
    material = overdue_material()
    evaluate_stale_rules()
    client.force_login(curator)
    page = client.get(reverse("curation_stale"), {"kind": StaleKind.TRAINING_REVIEW_OVERDUE})
    assert material.title in page.content.decode()
    assert "has not been done" in page.content.decode()
    other = client.get(reverse("curation_stale"), {"kind": StaleKind.LINK_BROKEN})
    assert material.title not in other.content.decode()


def test_the_admin_home_has_the_curation_panel_for_curators_only(client, curator, partner):
    overdue_material()
    evaluate_stale_rules()
    client.force_login(curator)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "curation-panel-heading" in home and "1 stale entry" in home
    client.force_login(partner)
    assert "curation-panel-heading" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_rules_are_editable_by_curators(client, curator):
    from registry.curation.models import StaleRule

    rule = StaleRule.objects.get(kind=StaleKind.SOFTWARE_NO_COMMIT)
    client.force_login(curator)
    response = client.post(
        reverse("curation_rules:edit", args=[rule.pk]),
        {"enabled": "on", "months": "24", "failures": "", "interval_days": "", "description": "x"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.months == 24


def test_bulk_approve_publishes_the_submitted_revisions(client, curator, partner):
    facilities = [submitted_facility(n, partner) for n in range(2)]
    client.force_login(curator)
    page = client.get(reverse("curation_submissions")).content.decode()
    assert "Test Light Source 0" in page
    ids = [f.current_workflow_state.pk for f in facilities]
    response = client.post(reverse("curation_submissions_bulk"), {"action": "approve", "ids": ids})
    assert response.status_code == 302
    for facility in facilities:
        facility.refresh_from_db()
        assert facility.live


def test_a_partner_cannot_bulk_approve(client, partner):
    facility = submitted_facility(0, partner)
    client.force_login(partner)
    state = facility.current_workflow_state.pk
    response = client.post(
        reverse("curation_submissions_bulk"), {"action": "approve", "ids": [state]}
    )
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    facility.refresh_from_db()
    assert not facility.live


def test_bulk_mark_reviewed_sets_the_dates_and_clears_the_flag(client, curator):
    material = overdue_material()
    evaluate_stale_rules()
    (flag,) = open_flags_for(material)
    client.force_login(curator)
    client.post(reverse("curation_stale_bulk"), {"action": "mark_reviewed", "ids": [flag.pk]})
    material = TrainingMaterial.objects.get(pk=material.pk)
    assert material.last_reviewed == timezone.localdate()
    assert material.next_review_due > timezone.localdate()
    assert open_flags_for(material) == []
    evaluate_stale_rules()
    assert open_flags_for(material) == []


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_report_queries_do_not_grow_with_rows(client, curator, partner):
    client.force_login(curator)
    for n in range(2):
        overdue_material(n)
        submitted_facility(n, partner)
        CheckedLink.objects.create(url=f"https://e{n}.example.org/", outcome=LinkOutcome.BROKEN)
    evaluate_stale_rules()
    urls = [reverse(name) for name in PAGES]
    few = {url: _queries(client, url) for url in urls}
    for n in range(2, 8):
        overdue_material(n)
        submitted_facility(n, partner)
        CheckedLink.objects.create(url=f"https://e{n}.example.org/", outcome=LinkOutcome.BROKEN)
    evaluate_stale_rules()
    assert StaleFlag.objects.open().count() == 8
    many = {url: _queries(client, url) for url in urls}
    assert many == few


def test_bulk_pause_stops_a_failing_source(client, curator):
    from harvesters.models import HarvestSource
    from tests.events.factories import FacilityFactory

    source = HarvestSource.objects.create(
        name="ESRF events calendar",
        kind="ical",
        url="https://www.esrf.fr/events.ics",
        target="events",
        facility=FacilityFactory(acronym="ESRF", slug="esrf", title="ESRF"),
        approved=True,
        consecutive_failures=4,
    )
    client.force_login(curator)
    assert "ESRF events calendar" in client.get(reverse("curation_sources")).content.decode()
    client.post(reverse("curation_sources_bulk"), {"action": "pause", "ids": [source.pk]})
    source.refresh_from_db()
    assert source.paused and not source.runnable
