"""Harvest sources in Wagtail's admin: register, approve, watch runs and health, "run now".

Partner editors register sources; only curators approve them, mark them
trusted (items publish directly) or resume a paused one. Runs and rejected
items are written by the engine only, so their admin is read-only.
Imported (and so registered) by harvesters/wagtail_hooks.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets.button import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..repositories.admin import ViewOnlyPermissionPolicy
from .models import HarvestRun, HarvestSource, RejectedItem
from .schedules import sync_periodic_task

CURATOR_ONLY = ("approved", "trusted", "paused", "enabled")


def is_curator(user) -> bool:
    return user.is_superuser or user.groups.filter(name="Curators").exists()


class HarvestSourceForm(WagtailAdminModelForm):
    """Partner editors cannot approve, trust, pause or enable: those fields are the curators'."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not is_curator(for_user):
            for name in CURATOR_ONLY:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "Set by a curator."

    def save(self, commit=True):
        source = super().save(commit=False)
        was_approved = (
            HarvestSource.objects.filter(pk=source.pk, approved=True).exists()
            if source.pk
            else False
        )
        curator = self.for_user is not None and is_curator(self.for_user)
        if was_approved and not curator and {"url", "kind", "target"} & set(self.changed_data):
            # A partner pointing an approved source elsewhere needs a new approval.
            source.approved = was_approved = False
        if source.approved and not was_approved:
            source.approved_by, source.approved_at = self.for_user, timezone.now()
        if not source.approved:
            source.approved_by = source.approved_at = None
        if not source.paused:
            source.pause_reason = ""
        if source.pk is None:
            source.created_by = self.for_user
        if commit:
            source.save()
            sync_periodic_task(source)
        return source


class HarvestSourceViewSet(SnippetViewSet):
    model = HarvestSource
    icon = "download"
    menu_label = "Sources"
    list_display = [
        "name",
        "kind",
        "target",
        "owner",
        "approved",
        "enabled",
        "last_success_at",
        "consecutive_failures",
        "paused",
    ]
    list_filter = ["kind", "target", "approved", "paused", "enabled"]
    search_fields = ["name", "url"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("url"),
            FieldPanel("target"),
            MultiFieldPanel(
                [FieldPanel("facility"), FieldPanel("collaboration")],
                heading="Owner (exactly one)",
            ),
            FieldPanel("schedule"),
            FieldPanel("time_zone"),
            FieldPanel("credentials_ref"),
            MultiFieldPanel(
                [
                    FieldPanel("approved"),
                    FieldPanel("trusted"),
                    FieldPanel("enabled"),
                    FieldPanel("paused"),
                    FieldPanel("pause_reason", read_only=True),
                ],
                heading="Curation (curators only)",
            ),
        ],
        base_form_class=HarvestSourceForm,
    )


class HarvestRunViewSet(SnippetViewSet):
    model = HarvestRun
    icon = "history"
    menu_label = "Runs"
    list_display = [
        "source",
        "started_at",
        "status",
        "progress_display",
        "fetched",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "vanished",
        "error",
    ]
    list_filter = ["status", "source"]
    inspect_view_enabled = True
    ordering = ["-started_at"]


class RejectedItemViewSet(SnippetViewSet):
    model = RejectedItem
    icon = "warning"
    menu_label = "Rejected items"
    list_display = ["run", "external_id", "reason", "excerpt"]
    list_filter = ["run__source"]
    search_fields = ["external_id", "reason"]
    inspect_view_enabled = True
    ordering = ["-run__started_at", "pk"]


class HarvestingGroup(SnippetViewSetGroup):
    menu_label = "Harvesting"
    menu_icon = "download"
    menu_order = 400
    items = (HarvestSourceViewSet, HarvestRunViewSet, RejectedItemViewSet)


register_permission_policy(HarvestRun, ViewOnlyPermissionPolicy(HarvestRun))
register_permission_policy(RejectedItem, ViewOnlyPermissionPolicy(RejectedItem))
register_snippet(HarvestingGroup)


# --- "Run now" -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def run_now(request, pk):
    source = get_object_or_404(HarvestSource, pk=pk)
    if not is_curator(request.user):
        messages.error(request, "Only curators can start a harvest.")
        return redirect(reverse("wagtailsnippets_harvesters_harvestsource:list"))
    if request.method == "GET":
        return TemplateResponse(request, "harvesters/admin/run_now.html", {"source": source})
    if not source.approved:
        messages.error(request, f"{source.name} waits for approval: approve it first.")
        return redirect(reverse("wagtailsnippets_harvesters_harvestsource:list"))
    from .tasks import harvest_source_task

    sent = harvest_source_task.delay(source.pk, force=True)
    if harvest_source_task.app.conf.task_always_eager:
        outcome = sent.get()
        messages.success(request, f"{source.name}: {outcome['result']}. {outcome['detail']}")
    else:
        messages.success(request, f"{source.name}: queued; its run appears below when it starts.")
    return redirect(reverse("wagtailsnippets_harvesters_harvestrun:list") + f"?source={source.pk}")


@hooks.register("register_admin_urls")
def register_run_now_url():
    return [path("harvesters/sources/<int:pk>/run/", run_now, name="harvesters_run_now")]


@hooks.register("register_snippet_listing_buttons")
def run_now_button(snippet, user, next_url=None):
    if isinstance(snippet, HarvestSource) and snippet.approved and is_curator(user):
        yield ListingButton("Run now", reverse("harvesters_run_now", args=[snippet.pk]), priority=5)
