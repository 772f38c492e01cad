"""URL map: Wagtail serves the page tree; the rest are small fixed routes."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from registry.core import views as core_views
from registry.core.context_processors import NAVIGATION
from registry.core.navigation import section_index_urls

# The index address of every section in the navigation: Wagtail serves it once
# the section's index page is live, a "not available yet" page until then.
SECTION_SLUGS = "|".join(url.strip("/") for url in section_index_urls(u for _, u in NAVIGATION))

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", core_views.search, name="search"),
    path("software/", include("registry.software.urls")),
    path("events/", include("registry.events.urls")),
    path("sitemap.xml", sitemap),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("submit/", include("registry.partners.urls")),
    path("api/", include("registry.api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    re_path(rf"^(?P<section>{SECTION_SLUGS})/$", core_views.section_index, name="section_index"),
    path("", include(wagtail_urls)),
]
