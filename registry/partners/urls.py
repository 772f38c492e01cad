from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.submit_home, name="home"),
    path("mine/", views.submissions, name="my-submissions"),
    path("suggest/", views.suggest, name="suggest"),
    path("harvest-source/", views.harvest_source, name="harvest-source"),
    path("harvest-source/<int:source_id>/", views.harvest_source, name="harvest-source-edit"),
    path("<slug:kind>/", views.submit_entry, name="new"),
    path("<slug:kind>/<int:page_id>/", views.submit_entry, name="edit"),
]
