"""The curators' dashboard and its reports in the Wagtail admin.

One dashboard (counts, links, "evaluate now") and five reports built on
Wagtail's ReportView (filters, pagination, CSV/XLSX export): submissions
waiting for review, stale entries by reason, broken links, failing harvest
sources and recently changed entries. A report with a bulk action wraps its
table in one POST form: tick rows, press the action. Every view needs the
`curation.curate` permission (the Curators group has it; partners do not).
"""

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, WorkflowState

from . import services
from .links import _link_fields
from .models import CheckedLink, LinkOutcome, StaleFlag, StaleKind
from .stale import harvest_source_model

PERMISSION = "curation.curate"


def require_curator(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class CuratorOnly:
    def dispatch(self, request, *args, **kwargs):
        require_curator(request)
        return super().dispatch(request, *args, **kwargs)


class SelectColumn(Column):
    """A checkbox per row, named `ids`, read by the report's bulk action."""

    def __init__(self, **kwargs):
        super().__init__("select", label="Select", **kwargs)

    def get_value(self, instance):
        return format_html(
            '<input type="checkbox" name="ids" value="{}" form="bulk-form" aria-label="Select {}">',
            instance.pk,
            instance,
        )


class LinkColumn(Column):
    """The row's entry as a link to its editor (or its title when it has none)."""

    def __init__(self, name, label, url_of, text_of=str, **kwargs):
        super().__init__(name, label=label, **kwargs)
        self.url_of, self.text_of = url_of, text_of

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        url, text = self.url_of(instance, parent_context.get("request")), self.text_of(instance)
        context["value"] = format_html('<a href="{}">{}</a>', url, text) if url else text
        return context


def edit_url(obj, request=None) -> str:
    """A page's editor by its id (no query); anything else through Wagtail's URL finder."""
    if obj is None:
        return ""
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    if request is None:
        return ""
    return AdminURLFinder(request.user).get_edit_url(obj) or ""


class CurationReport(CuratorOnly, ReportView):
    """A report; `bulk_actions` = [(name, label)] makes its rows selectable."""

    results_template_name = "curation/admin/report_results.html"
    bulk_actions: list[tuple[str, str]] = []
    bulk_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_actions"] = self.bulk_actions
        context["bulk_url"] = reverse(self.bulk_url_name) if self.bulk_url_name else ""
        return context


# --- Submissions waiting --------------------------------------------------------------------


class SubmissionsFilterSet(WagtailFilterSet):
    content_type = django_filters.ModelChoiceFilter(
        label="Type", queryset=ContentType.objects.none(), field_name="content_type"
    )

    class Meta:
        model = WorkflowState
        fields = ["content_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["content_type"].queryset = ContentType.objects.filter(
            pk__in=WorkflowState.objects.values("content_type")
        )


class SubmissionsReport(CurationReport):
    page_title = "Submissions waiting for review"
    header_icon = "tasks"
    index_url_name = "curation_submissions"
    index_results_url_name = "curation_submissions_results"
    filterset_class = SubmissionsFilterSet
    bulk_actions = [("approve", "Approve (publish the submitted revision)")]
    bulk_url_name = "curation_submissions_bulk"
    list_export = ["content_object", "content_type", "requested_by", "created_at"]
    columns = [
        SelectColumn(),
        LinkColumn(
            "content_object",
            "Entry",
            lambda s, request: edit_url(s.content_object, request),
            lambda s: str(s.content_object),
        ),
        Column("type", label="Type", accessor=lambda s: s.content_type.name),
        Column("requested_by", label="Submitted by"),
        DateColumn("created_at", label="Submitted"),
        Column("age", label="Waiting for", accessor=lambda s: timesince(s.created_at)),
    ]

    def get_queryset(self):
        return services.submissions_waiting()


@require_POST
def submissions_bulk(request):
    require_curator(request)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    if request.POST.get("action") == "approve":
        count = services.approve_submissions(state_ids=ids, by=request.user)
        messages.success(request, f"{count} submission(s) approved and published.")
    return redirect("curation_submissions")


# --- Stale entries ----------------------------------------------------------------------------


class StaleFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="Reason", choices=StaleKind.choices)
    content_type = django_filters.ModelChoiceFilter(
        label="Type", queryset=ContentType.objects.none()
    )

    class Meta:
        model = StaleFlag
        fields = ["kind", "content_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["content_type"].queryset = ContentType.objects.filter(
            pk__in=StaleFlag.objects.values("content_type")
        )


class StaleReport(CurationReport):
    page_title = "Stale entries"
    header_icon = "warning"
    index_url_name = "curation_stale"
    index_results_url_name = "curation_stale_results"
    filterset_class = StaleFilterSet
    bulk_actions = [
        ("mark_reviewed", "Mark reviewed today (training materials)"),
        ("pause_source", "Pause the harvest source (failing sources)"),
    ]
    bulk_url_name = "curation_stale_bulk"
    list_export = ["entry", "kind", "reason", "since", "detected_at"]
    columns = [
        SelectColumn(),
        LinkColumn(
            "entry", "Entry", lambda f, request: edit_url(f.entry, request), lambda f: str(f.entry)
        ),
        Column("type", label="Type", accessor=lambda f: f.content_type.name),
        Column("kind", label="Reason", accessor="get_kind_display"),
        Column("reason", label="Why"),
        DateColumn("since", label="Since"),
        DateColumn("detected_at", label="Detected"),
    ]

    def get_queryset(self):
        return (
            StaleFlag.objects.open()
            .select_related("content_type")
            .prefetch_related("entry")
            .order_by("kind", "since")
        )


@require_POST
def stale_bulk(request):
    require_curator(request)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    flags = StaleFlag.objects.open().filter(pk__in=ids).select_related("content_type")
    action = request.POST.get("action")
    if action == "mark_reviewed":
        material_ids = [
            f.object_id
            for f in flags
            if f.content_type.model_class().__name__ == "TrainingMaterial"
        ]
        count = services.mark_reviewed(material_ids=material_ids, by=request.user)
        messages.success(request, f"{count} training material(s) marked reviewed today.")
    elif action == "pause_source":
        model = harvest_source_model()
        source_ids = [f.object_id for f in flags if model and f.content_type.model_class() is model]
        count = services.pause_sources(source_ids=source_ids, by=request.user)
        messages.success(request, f"{count} harvest source(s) paused.")
    return redirect("curation_stale")


# --- Broken links -----------------------------------------------------------------------------


class LinksFilterSet(WagtailFilterSet):
    outcome = django_filters.ChoiceFilter(label="Outcome", choices=LinkOutcome.choices)

    class Meta:
        model = CheckedLink
        fields = ["outcome"]


class BrokenLinksReport(CurationReport):
    page_title = "Broken links"
    header_icon = "link"
    index_url_name = "curation_links"
    index_results_url_name = "curation_links_results"
    filterset_class = LinksFilterSet
    list_export = ["url", "outcome", "last_status", "detail", "first_failed_at", "last_checked"]
    columns = [
        LinkColumn("url", "URL", lambda link, request: link.url, lambda link: link.url),
        Column("outcome", label="Outcome", accessor="get_outcome_display"),
        Column("last_status", label="Status"),
        Column("detail", label="Detail"),
        Column("consecutive_failures", label="Failed checks in a row"),
        DateColumn("first_failed_at", label="Failing since"),
        DateColumn("last_checked", label="Last checked"),
    ]

    def get_queryset(self):
        queryset = CheckedLink.objects.order_by("-consecutive_failures", "url")
        if "outcome" not in self.request.GET:
            queryset = queryset.filter(outcome=LinkOutcome.BROKEN)
        return queryset


# --- Failing sources --------------------------------------------------------------------------


class FailingSourcesReport(CurationReport):
    page_title = "Failing harvest sources"
    header_icon = "warning"
    index_url_name = "curation_sources"
    index_results_url_name = "curation_sources_results"
    bulk_actions = [("pause", "Pause harvesting")]
    bulk_url_name = "curation_sources_bulk"
    columns = [
        SelectColumn(),
        LinkColumn("name", "Source", edit_url, str),
        Column("consecutive_failures", label="Failed runs in a row"),
        DateColumn("last_success_at", label="Last success"),
        Column("paused", label="Paused"),
    ]

    def get_queryset(self):
        model = harvest_source_model()
        if model is None:
            return CheckedLink.objects.none()
        return model.objects.filter(consecutive_failures__gt=0).order_by("-consecutive_failures")


@require_POST
def sources_bulk(request):
    require_curator(request)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    if request.POST.get("action") == "pause":
        count = services.pause_sources(source_ids=ids, by=request.user)
        messages.success(request, f"{count} harvest source(s) paused.")
    return redirect("curation_sources")


# --- Recently changed -------------------------------------------------------------------------


class RecentFilterSet(WagtailFilterSet):
    days = django_filters.ChoiceFilter(
        label="Changed in the last",
        choices=[("1", "day"), ("7", "7 days"), ("30", "30 days")],
        method="in_last_days",
        empty_label="90 days",
    )
    content_type = django_filters.ModelChoiceFilter(
        label="Type", queryset=ContentType.objects.none()
    )

    class Meta:
        model = Page
        fields = ["content_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["content_type"].queryset = ContentType.objects.filter(
            pk__in=[ContentType.objects.get_for_model(m).pk for m in _link_fields()]
        )

    def in_last_days(self, queryset, name, value):
        since = timezone.now() - timezone.timedelta(days=int(value))
        return queryset.filter(latest_revision_created_at__gte=since)


def page_status(page) -> str:
    if not page.live:
        return "draft"
    return "live + draft" if page.has_unpublished_changes else "live"


class RecentChangesReport(CurationReport):
    page_title = "Recently changed entries"
    header_icon = "history"
    index_url_name = "curation_recent"
    index_results_url_name = "curation_recent_results"
    filterset_class = RecentFilterSet
    list_export = ["title", "latest_revision_created_at", "live"]
    columns = [
        LinkColumn("title", "Entry", edit_url, lambda p: p.title),
        Column("type", label="Type", accessor=lambda p: p.content_type.name),
        DateColumn("latest_revision_created_at", label="Changed"),
        # From the row's own fields: Page.status_string would query each row's schedule.
        Column("status", label="Status", accessor=page_status),
    ]

    def get_queryset(self):
        types = [ContentType.objects.get_for_model(m) for m in _link_fields()]
        since = timezone.now() - timezone.timedelta(days=90)
        return (
            Page.objects.filter(content_type__in=types, latest_revision_created_at__gte=since)
            .select_related("content_type")
            .order_by("-latest_revision_created_at")
        )


# --- Dashboard --------------------------------------------------------------------------------


def summary() -> dict:
    """The numbers of the dashboard and the admin home panel, in a few queries."""
    by_kind = dict(StaleFlag.objects.open().values_list("kind").annotate(n=Count("pk")).order_by())
    model = harvest_source_model()
    return {
        "waiting": WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count(),
        "stale": [(kind, label, by_kind.get(kind, 0)) for kind, label in StaleKind.choices],
        "stale_total": sum(by_kind.values()),
        "broken_links": CheckedLink.objects.filter(outcome=LinkOutcome.BROKEN).count(),
        "failing_sources": (
            model.objects.filter(consecutive_failures__gt=0).count() if model else None
        ),
        "recent": Page.objects.filter(
            content_type__in=[ContentType.objects.get_for_model(m) for m in _link_fields()],
            latest_revision_created_at__gte=timezone.now() - timezone.timedelta(days=7),
        ).count(),
    }


def dashboard(request):
    require_curator(request)
    if request.method == "POST" and request.POST.get("action") == "evaluate":
        from .tasks import evaluate_stale_rules

        evaluate_stale_rules.delay()
        messages.success(
            request, "The stale rules are being evaluated; the counts update when it is done."
        )
        return redirect("curation_dashboard")
    return TemplateResponse(request, "curation/admin/dashboard.html", {"summary": summary()})
