"""Writes of partner submissions: the web forms and the write API both call these.

`submission_save()` checks the policy (permissions.py), applies the values
to a new page or to the latest revision of an existing one, validates them
with the model's own rules, and hands the result to curation: a draft
revision submitted to "Curator review" (registry.curation.workflow), recorded
with the acting user in Wagtail's revisions and log. Nothing is published
here; only a curator publishes.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from wagtail.log_actions import log

from registry.curation.workflow import submit_for_review
from registry.events.models import Event, EventIndexPage
from registry.software.models import SoftwareEntry, SoftwareIndexPage
from registry.training.models import TrainingIndexPage, TrainingMaterial

from . import notifications
from .models import Submission, Suggestion
from .permissions import can_edit, is_curator, memberships, owners_of


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    index_model: type
    facility_field: str
    collaboration_field: str


KINDS = {
    "software": Kind(
        "software", SoftwareEntry, SoftwareIndexPage, "developing_facilities", "collaborations"
    ),
    "training": Kind(
        "training",
        TrainingMaterial,
        TrainingIndexPage,
        "providing_facility",
        "providing_collaboration",
    ),
    "event": Kind("event", Event, EventIndexPage, "facilities", "collaborations"),
}


def kind_of(page) -> Kind:
    for kind in KINDS.values():
        if isinstance(page, kind.model):
            return kind
    raise ValueError(f"{type(page).__name__} is not a kind partners submit")


def text_to_html(text: str) -> str:
    """Plain text typed in a form or sent to the API, as the rich-text paragraphs we store."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join("<p>" + escape(p).replace("\n", "<br/>") + "</p>" for p in paragraphs if p)


def html_to_text(html: str) -> str:
    """The stored rich text back as the plain text a form shows (paragraphs kept)."""
    html = (html or "").replace("<br/>", "\n").replace("<br>", "\n").replace("</p>", "\n\n")
    return strip_tags(html).strip()


def _unique_slug(index, title: str) -> str:
    base = slugify(title)[:70] or "entry"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_owners(kind: Kind, page, *, by, stored) -> None:
    """A partner may add only its own organisations, and one of them must remain."""
    if is_curator(by):
        return
    mine = memberships(by)
    proposed = owners_of(page)
    added_facilities = proposed.facilities - stored.facilities
    added_collaborations = proposed.collaborations - stored.collaborations
    if added_facilities - mine.facilities or added_collaborations - mine.collaborations:
        raise ValidationError(
            {
                kind.facility_field: "You can only name the facilities and collaborations you act for."
            }
        )
    if not proposed.overlaps(mine):
        raise ValidationError(
            {kind.facility_field: "Name at least one facility or collaboration you act for."}
        )


@transaction.atomic
def submission_save(
    *,
    kind: str,
    data: dict,
    by,
    channel: str,
    entry=None,
    external_id: str = "",
) -> Submission:
    """Create (entry=None) or change an entry as a draft under curator review.

    `data` maps model field names to values (many-to-many fields to lists of
    objects). Raises PermissionDenied when `by` may not edit `entry`, and
    ValidationError (with field names) when the values break the model's rules;
    in both cases nothing is stored.
    """
    spec = KINDS[kind]
    if entry is not None:
        if not can_edit(by, entry):
            raise PermissionDenied("This entry belongs to an organisation you do not act for.")
        stored = owners_of(entry)
        page = entry.get_latest_revision_as_object()
    else:
        stored = owners_of(None)
        page = spec.model(owner=by, live=False)
        if spec.model is Event:
            page.origin = Event.Origin.API if channel == "api" else Event.Origin.PARTNER
    for name, value in data.items():
        setattr(page, name, value)
    _check_owners(spec, page, by=by, stored=stored)
    if entry is None:
        index = spec.index_model.objects.get()
        page.slug = _unique_slug(index, page.title or "")
        # Page.save() runs full_clean(): a broken value raises before any row is written.
        index.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=by)
    submit_for_review(page, by=by)
    submission, created = Submission.objects.get_or_create(
        page_id=page.pk,
        defaults={
            "kind": kind,
            "submitted_by": by,
            "channel": channel,
            "external_id": external_id,
        },
    )
    if not created:
        submission.declined_at = None
        submission.declined_by = None
        submission.decline_reason = ""
        if external_id and not submission.external_id:
            submission.external_id = external_id
        submission.save()
    return submission


def submission_record_admin_edit(*, page, by) -> Submission | None:
    """A partner's create or edit in the Wagtail admin is listed on its "My submissions" too."""
    if is_curator(by) or not memberships(by):
        return None
    try:
        kind = kind_of(page)
    except ValueError:
        return None
    submission, _created = Submission.objects.get_or_create(
        page_id=page.pk, defaults={"kind": kind.name, "submitted_by": by, "channel": "admin"}
    )
    return submission


def submission_by_external_id(*, kind: str, external_id: str) -> Submission | None:
    if not external_id:
        return None
    return Submission.objects.filter(kind=kind, external_id=external_id).first()


@transaction.atomic
def submission_decline(*, submission: Submission, by, reason: str) -> None:
    """A curator refuses a submission outright: its review ends and the partner is told why."""
    if not is_curator(by):
        raise PermissionDenied("Only curators decide on submissions.")
    page = submission.page.specific
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=by)
    submission.declined_at = timezone.now()
    submission.declined_by = by
    submission.decline_reason = reason
    submission.save()
    log(instance=page, action="partners.decline", user=by, data={"reason": reason})
    notifications.submission_declined(submission)


@transaction.atomic
def suggestion_submit(*, kind, title, url, message="", email="") -> Suggestion:
    """Store an anonymous suggestion for the curators and tell them."""
    suggestion = Suggestion.objects.create(
        kind=kind, title=title, url=url, message=message, email=email
    )
    notifications.suggestion_received(suggestion)
    return suggestion
