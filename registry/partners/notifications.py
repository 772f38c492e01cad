"""E-mails of partner submissions, through Django's mail backend (console in the demo).

Wagtail already mails the submitter when a curator approves or requests
changes (its workflow notifiers, with the curator's comment); the refusal
below is ours because Wagtail's workflow has no outright "reject".
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)


def submission_declined(submission) -> None:
    user = submission.submitted_by
    if user is None or not user.email:
        logger.warning("Submission %s declined; its partner has no e-mail address.", submission.pk)
        return
    body = render_to_string(
        "partners/email/submission_declined.txt",
        {
            "submission": submission,
            "my_submissions_url": settings.SITE_URL + reverse("partners:my-submissions"),
        },
    )

    def send():
        try:
            send_mail(
                f"[PaN Registry] Not accepted: {submission.page.title}", body, None, [user.email]
            )
        except OSError:
            logger.exception("Could not mail %s about declined submission %s", user, submission.pk)

    transaction.on_commit(send)


def suggestion_received(suggestion) -> None:
    """Tell the curators (the same list the software feedback mails)."""
    from registry.software.feedback import notify_curators

    notify_curators(
        subject=f"Suggested {suggestion.get_kind_display().lower()}: {suggestion.title}",
        template="partners/email/suggestion_received.txt",
        context={
            "suggestion": suggestion,
            "admin_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("partners_suggestion:edit", args=[suggestion.pk]),
        },
    )
