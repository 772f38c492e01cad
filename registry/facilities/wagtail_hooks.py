"""Admin: a "Facilities" menu entry listing every facility page with filters.

Facilities are pages (edited in the page editor, with revisions and
moderation); this listing is a shortcut for curators next to the page tree.
"""

from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import Facility


class FacilityListingViewSet(PageListingViewSet):
    model = Facility
    icon = "site"
    menu_label = "Facilities"
    menu_order = 210
    add_to_admin_menu = True
    name = "facility_pages"
    list_display = ["title", "acronym", "country", "live", "latest_revision_created_at"]
    list_filter = [
        "leaps_member",
        "lens_member",
        "country_code",
        "is_synchrotron",
        "is_fel",
        "is_neutron_source",
    ]


@hooks.register("register_admin_viewset")
def register_facility_listing():
    return FacilityListingViewSet()
