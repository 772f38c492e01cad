"""Files and forms under an entry's URL; everything else under /software/ is Wagtail's page tree."""

from django.urls import path

from . import views

app_name = "software"

urlpatterns = [
    path("<slug:slug>/badge.svg", views.badge, name="badge"),
    path("<slug:slug>/badge/<slug:variant>.svg", views.badge, name="badge-variant"),
    path("<slug:slug>/codemeta.json", views.codemeta_json, name="codemeta"),
    path("<slug:slug>/CITATION.cff", views.citation_cff, name="citation-cff"),
    path("<slug:slug>/feedback/uses/", views.report_facility_use, name="report-facility-use"),
    path("<slug:slug>/feedback/problem/", views.report_problem, name="report-problem"),
]
