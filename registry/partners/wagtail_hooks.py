"""Admin side of partner submissions: the policy at every page door, and the curators' screens.

Page permissions: the entry models ask permissions.py through their
PagePermissionTester (page_permissions.PartnerOwnedPage); the hooks below
close the remaining doors for partners (section index pages they could
otherwise edit, explorer and chooser listings that would show other
facilities' drafts). Curators get "Partner submissions": memberships,
submissions (with "Reject" for an outright refusal) and anonymous
suggestions.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from registry.collaborations.models import JobPosting, NewsItem

from .models import PartnerMembership, Submission, Suggestion
from .permissions import (
    Owners,
    PartnerPagePermissionPolicy,
    can_create_for,
    can_edit,
    is_curator,
    is_partner,
    visible_drafts,
)
from .selectors import submission_rows
from .services import submission_decline, submission_record_admin_edit

# Before anything asks for the page policy (Wagtail refuses a late registration).
register_permission_policy(Page, PartnerPagePermissionPolicy(Page))
# News items and job postings get theirs in PartnersConfig.ready().


@hooks.register("before_edit_snippet")
def partners_edit_their_own_announcements(request, instance):
    if isinstance(instance, NewsItem | JobPosting):
        _deny_unless_owned(request, instance)


@hooks.register("before_delete_snippet")
def partners_delete_their_own_announcements(request, instances):
    for instance in instances:
        if isinstance(instance, NewsItem | JobPosting):
            _deny_unless_owned(request, instance)


@hooks.register("before_create_snippet")
def partners_announce_for_their_own_organisations(request, model):
    """A partner's news item or job posting names only facilities or collaborations it acts for."""
    if model not in (NewsItem, JobPosting) or request.method != "POST":
        return None
    if is_curator(request.user) or not is_partner(request.user):
        return None
    posted = [request.POST.get("facility", ""), request.POST.get("collaboration", "")]
    facility, collaboration = (int(v) if v.isdigit() else None for v in posted)
    owners = Owners(
        frozenset([facility] if facility else []),
        frozenset([collaboration] if collaboration else []),
    )
    if not can_create_for(request.user, owners):
        raise PermissionDenied("Name a facility or collaboration you act for.")
    return None


def _deny_unless_owned(request, page):
    if is_curator(request.user) or not is_partner(request.user):
        return None
    if not can_edit(request.user, page):
        raise PermissionDenied("This entry belongs to an organisation you do not act for.")
    return None


for hook_name in (
    "before_edit_page",
    "before_delete_page",
    "before_copy_page",
    "before_move_page",
    "before_unpublish_page",
    "before_convert_alias_page",
):
    hooks.register(hook_name, _deny_unless_owned)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def _record_partners_admin_edits(request, page):
    submission_record_admin_edit(page=page, by=request.user)


@hooks.register("before_publish_page")
def _only_curators_publish(request, page):
    if not is_curator(request.user):
        raise PermissionDenied("Only curators publish.")


@hooks.register("construct_explorer_page_queryset")
def _explorer_hides_other_drafts(parent_page, pages, request):
    return visible_drafts(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def _chooser_hides_other_drafts(pages, request):
    return visible_drafts(request.user, pages)


@hooks.register("register_log_actions")
def _log_actions(actions):
    @actions.register_action("partners.decline")
    class DeclineFormatter(LogFormatter):
        label = "Submission: not accepted"

        def format_message(self, log_entry):
            return "Submission not accepted by a curator"

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")


class DeclineForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent to the partner by e-mail and shown on their “My submissions” page.",
    )


def decline_view(request, pk):
    if not is_curator(request.user):
        raise PermissionDenied
    submission = get_object_or_404(Submission, pk=pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submission_decline(
            submission=submission, by=request.user, reason=form.cleaned_data["reason"]
        )
        return redirect("partners_submission:index")
    return render(
        request,
        "partners/admin/decline.html",
        {"form": form, "submission": submission, "page_title": "Reject submission"},
    )


@hooks.register("register_admin_urls")
def _urls():
    return [path("partners/submissions/<int:pk>/reject/", decline_view, name="partners_decline")]


class StateColumn(Column):
    """The review state, read for the whole page of rows at once."""

    def get_value(self, instance):
        return getattr(instance, "review_label", "")


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "tasks"
    menu_label = "Submissions"
    add_view_enabled = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["decline_reason"]
    list_display = [
        "__str__",
        "kind",
        "channel",
        "submitted_by",
        StateColumn("state"),
        "updated_at",
    ]
    list_filter = ["kind", "channel"]
    search_fields = ["external_id"]

    def get_queryset(self, request):
        return Submission.objects.select_related("page", "submitted_by")


class SubmissionIndexView(SubmissionViewSet.index_view_class):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = submission_rows(
            Submission.objects.filter(pk__in=[s.pk for s in context["object_list"]])
        )
        by_pk = {row.submission.pk: row for row in rows}
        for submission in context["object_list"]:
            row = by_pk.get(submission.pk)
            submission.review_label = row.label if row else ""
        return context

    def get_list_more_buttons(self, instance):
        from wagtail.admin.widgets.button import ListingButton

        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            ListingButton(
                "Review in the page editor",
                url=reverse("wagtailadmin_pages:edit", args=[instance.page_id]),
                icon_name="edit",
                priority=5,
            )
        )
        if instance.declined_at is None:
            buttons.append(
                ListingButton(
                    "Reject",
                    url=reverse("partners_decline", args=[instance.pk]),
                    icon_name="cross",
                    priority=50,
                )
            )
        return buttons


SubmissionViewSet.index_view_class = SubmissionIndexView


class MembershipViewSet(ModelViewSet):
    model = PartnerMembership
    icon = "group"
    menu_label = "Partner memberships"
    form_fields = ["user", "facility", "collaboration"]
    list_display = ["user", "facility", "collaboration", "created_at"]
    list_filter = ["facility"]
    copy_view_enabled = False
    inspect_view_enabled = False


class SuggestionViewSet(ModelViewSet):
    model = Suggestion
    icon = "help"
    menu_label = "Suggestions"
    add_view_enabled = False
    copy_view_enabled = False
    form_fields = ["kind", "title", "url", "message", "email", "handled"]
    list_display = ["title", "kind", "url", "created_at", "handled"]
    list_filter = ["kind", "handled"]
    inspect_view_enabled = True


class PartnersGroup(ViewSetGroup):
    menu_label = "Partner submissions"
    menu_icon = "group"
    menu_order = 250
    items = [
        SubmissionViewSet("partners_submission", url_prefix="partners/submissions"),
        SuggestionViewSet("partners_suggestion", url_prefix="partners/suggestions"),
        MembershipViewSet("partners_membership", url_prefix="partners/memberships"),
    ]


@hooks.register("register_admin_viewset")
def _viewsets():
    return PartnersGroup()


# -- The users admin -----------------------------------------------------
# Curators hold "change user" because Wagtail's token screens ask for it to
# manage a partner's token; in the users admin that right would also let them
# make anyone a superuser or a curator. Only superusers may do that: a
# curator may create and edit partner accounts (no group but Partner
# editors), and never edit a curator's or a superuser's account but their own.


def _refuse_escalation(request, *, keeps=()) -> None:
    """Refuse a POST that makes a superuser or gives a group other than Partner editors."""
    from django.contrib.auth.models import Group

    from registry.core.site_setup import PARTNER_EDITORS

    if request.method != "POST":
        return
    if request.POST.get("is_superuser"):
        raise PermissionDenied("Only a superuser may make an account a superuser.")
    allowed = {str(pk) for pk in keeps}
    allowed |= {
        str(pk) for pk in Group.objects.filter(name=PARTNER_EDITORS).values_list("pk", flat=True)
    }
    if not set(request.POST.getlist("groups")) <= allowed:
        raise PermissionDenied("Curators may give accounts the Partner editors group only.")


@hooks.register("before_create_user")
def refuse_escalation_on_create(request):
    if not request.user.is_superuser:
        _refuse_escalation(request)


@hooks.register("before_edit_user")
def refuse_escalation_on_edit(request, user):
    from registry.core.site_setup import PARTNER_EDITORS

    if request.user.is_superuser:
        return
    if user == request.user:  # one's own account: keep one's groups, add none
        _refuse_escalation(request, keeps=user.groups.values_list("pk", flat=True))
        return
    if user.is_superuser or user.groups.exclude(name=PARTNER_EDITORS).exists():
        raise PermissionDenied("Only a superuser may edit a curator's or a superuser's account.")
    _refuse_escalation(request)
