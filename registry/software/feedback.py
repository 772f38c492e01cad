"""Services for visitor feedback on entries: record it, tell the curators, apply their decision.

Views and the admin call these functions; they are the only writers of
FacilityUseReport and ProblemReport. Curators hear of each new report by
e-mail (every active member of the Curators group with an address) and find
it in the admin under Software feedback.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from registry.core.site_setup import CURATORS
from registry.curation.workflow import publish

from .metadata import entry_url
from .models import FacilityUseReport, ProblemReport, SoftwareEntry

logger = logging.getLogger(__name__)


def curator_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=CURATORS, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify_curators(*, subject: str, template: str, context: dict) -> None:
    """Mail the curators after the transaction commits; a mail failure is logged, the report stays."""
    recipients = curator_emails()
    if not recipients:
        logger.warning("No curator has an e-mail address; %r is only in the admin.", subject)
        return
    body = render_to_string(template, context)

    def send():
        try:
            send_mail(f"[PaN Registry] {subject}", body, None, recipients)
        except OSError:
            logger.exception("Could not mail the curators about %r", subject)

    transaction.on_commit(send)


def _admin_url(report) -> str:
    name = f"wagtailsnippets_software_{report._meta.model_name}:edit"
    return settings.WAGTAILADMIN_BASE_URL + reverse(name, args=[report.pk])


@transaction.atomic
def facility_use_report_submit(*, entry, facility, name, email, message="") -> FacilityUseReport:
    report = FacilityUseReport.objects.create(
        entry=entry, facility=facility, reporter_name=name, reporter_email=email, message=message
    )
    notify_curators(
        subject=f"{facility.acronym} uses {entry.title}?",
        template="software/email/facility_use_report.txt",
        context={"report": report, "entry_url": entry_url(entry), "admin_url": _admin_url(report)},
    )
    return report


@transaction.atomic
def problem_report_submit(*, entry, kind, message, email="") -> ProblemReport:
    report = ProblemReport.objects.create(
        entry=entry, kind=kind, message=message, reporter_email=email
    )
    notify_curators(
        subject=f"Problem reported with {entry.title}",
        template="software/email/problem_report.txt",
        context={"report": report, "entry_url": entry_url(entry), "admin_url": _admin_url(report)},
    )
    return report


def _ensure_pending(report) -> None:
    if report.status != FacilityUseReport.Status.PENDING:
        raise ValidationError(
            f"This report was already {report.get_status_display().lower()} "
            f"on {report.decided_at:%d %B %Y}."
        )


@transaction.atomic
def facility_use_report_accept(*, report, by, note="") -> FacilityUseReport:
    """Accept: the facility joins the entry's using facilities, in a new revision by `by`."""
    _ensure_pending(report)
    add_using_facility(entry=report.entry, facility=report.facility, by=by)
    report.status = FacilityUseReport.Status.ACCEPTED
    report.decided_at = timezone.now()
    report.decided_by = by
    report.curator_note = note
    report.save()
    return report


@transaction.atomic
def facility_use_report_decline(*, report, by, note="") -> FacilityUseReport:
    _ensure_pending(report)
    report.status = FacilityUseReport.Status.DECLINED
    report.decided_at = timezone.now()
    report.decided_by = by
    report.curator_note = note
    report.save()
    return report


def add_using_facility(*, entry, facility, by) -> None:
    """Add `facility` to the entry's using facilities, keeping any draft an editor has open.

    Without a pending draft: a new revision is saved and published. With one,
    the live page gets the facility directly and the draft gets it too (as a
    new draft revision), so publishing the draft later does not drop it.
    """
    live = SoftwareEntry.objects.get(pk=entry.pk)
    if live.using_facilities.filter(pk=facility.pk).exists():
        return
    if live.has_unpublished_changes:
        draft = live.get_latest_revision_as_object()
        draft.using_facilities.add(facility)
        draft.save_revision(user=by, log_action=True)
        SoftwareEntry.using_facilities.through.objects.get_or_create(
            softwareentry_id=live.pk, facility_id=facility.pk
        )
        return
    live.using_facilities.add(facility)
    # A curator's decision is a trusted path: published at once, not sent for review.
    publish(live, by=by)


@transaction.atomic
def problem_report_close(*, report, by, status, note="") -> ProblemReport:
    if status not in (ProblemReport.Status.RESOLVED, ProblemReport.Status.DISMISSED):
        raise ValidationError("A report is closed as resolved or dismissed.")
    report.status = status
    report.closed_at = timezone.now()
    report.closed_by = by
    report.curator_note = note
    report.save()
    return report
