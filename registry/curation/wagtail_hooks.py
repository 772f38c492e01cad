"""Curation in the Wagtail admin: the "Curation" menu, its reports, the stale rules, a home panel."""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .admin_views import PERMISSION
from .models import StaleRule


@hooks.register("register_admin_urls")
def curation_urls():
    return [
        path("curation/", admin_views.dashboard, name="curation_dashboard"),
        *_report("submissions", admin_views.SubmissionsReport, admin_views.submissions_bulk),
        *_report("stale", admin_views.StaleReport, admin_views.stale_bulk),
        *_report("links", admin_views.BrokenLinksReport),
        *_report("sources", admin_views.FailingSourcesReport, admin_views.sources_bulk),
        *_report("recent", admin_views.RecentChangesReport),
    ]


def _report(name, view, bulk=None):
    urls = [
        path(f"curation/{name}/", view.as_view(), name=f"curation_{name}"),
        path(
            f"curation/{name}/results/",
            view.as_view(results_only=True),
            name=f"curation_{name}_results",
        ),
    ]
    if bulk:
        urls.append(path(f"curation/{name}/bulk/", bulk, name=f"curation_{name}_bulk"))
    return urls


class CuratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class CurationMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class StaleRuleViewSet(ModelViewSet):
    model = StaleRule
    icon = "warning"
    menu_label = "Stale rules"
    add_to_admin_menu = False
    url_prefix = "curation/rules"
    name = "curation_rules"
    form_fields = ["enabled", "months", "failures", "interval_days", "description"]
    list_display = ["__str__", "enabled", "months", "failures", "interval_days"]
    inspect_view_enabled = False


rule_viewset = StaleRuleViewSet()


@hooks.register("register_admin_viewset")
def register_rules():
    return rule_viewset


@hooks.register("register_admin_menu_item")
def curation_menu():
    from wagtail.admin.menu import Menu

    items = [
        ("Dashboard", "curation_dashboard", "tasks"),
        ("Submissions waiting", "curation_submissions", "time"),
        ("Stale entries", "curation_stale", "warning"),
        ("Broken links", "curation_links", "link"),
        ("Failing sources", "curation_sources", "cogs"),
        ("Recently changed", "curation_recent", "history"),
        ("Stale rules", "curation_rules:index", "list-ul"),
    ]
    menu = Menu(
        items=[
            CuratorMenuItem(label, reverse_lazy(name), icon_name=icon, order=n)
            for n, (label, name, icon) in enumerate(items)
        ]
    )
    return CurationMenu("Curation", menu, icon_name="tasks", order=250)


class CurationPanel(Component):
    name = "curation"
    template_name = "curation/admin/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {"summary": admin_views.summary()}


@hooks.register("construct_homepage_panels")
def curation_panel(request, panels):
    if request.user.has_perm(PERMISSION):
        panels.append(CurationPanel())
