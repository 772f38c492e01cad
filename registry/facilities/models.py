"""Facilities: the LEAPS and LENS member sites, one page each under /facilities/."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from registry.core.models import CuratorCheckMixin


class FacilityIndexPage(Page):
    """/facilities/: every facility, filterable by kind of source, network and country."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["facilities.Facility"]
    max_count = 1
    template = "facilities/facility_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import facility_directory

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = facility_directory(request.GET)
        return context


class Facility(CuratorCheckMixin, Page):
    """A photon or neutron facility; its page lists everything linked to it.

    The page title is the facility's full name; `acronym` is how the
    community names it (ESRF, ILL, MAX IV...).
    """

    acronym = models.CharField(max_length=32, unique=True)
    country = models.CharField(max_length=64)
    country_code = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. FR.")
    city = models.CharField(max_length=128)
    # A site can run several kinds of source (DESY: synchrotron and FELs).
    is_synchrotron = models.BooleanField("synchrotron", default=False)
    is_fel = models.BooleanField("free-electron laser", default=False)
    is_neutron_source = models.BooleanField("neutron source", default=False)
    is_laser = models.BooleanField("laser facility", default=False)
    leaps_member = models.BooleanField("LEAPS member", default=False)
    lens_member = models.BooleanField("LENS member", default=False)
    website = models.URLField(blank=True)
    gitlab_url = models.URLField(
        "public GitLab",
        blank=True,
        help_text="The facility's public GitLab instance, if it has one.",
    )
    github_organisation = models.URLField("GitHub organisation", blank=True)
    summary = models.CharField(max_length=300, blank=True)
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("city"), FieldPanel("country"), FieldPanel("country_code")],
            heading="Location",
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_synchrotron"),
                FieldPanel("is_fel"),
                FieldPanel("is_neutron_source"),
                FieldPanel("is_laser"),
            ],
            heading="Kind of source",
        ),
        MultiFieldPanel(
            [FieldPanel("leaps_member"), FieldPanel("lens_member")], heading="Membership"
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("gitlab_url"), FieldPanel("github_organisation")],
            heading="Links",
        ),
        FieldPanel("description"),
        FieldPanel("to_verify"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("acronym", boost=3),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.SearchField("country"),
        index.FilterField("country_code"),
        index.FilterField("leaps_member"),
        index.FilterField("lens_member"),
    ]
    parent_page_types = ["facilities.FacilityIndexPage"]
    subpage_types = []
    template = "facilities/facility.html"

    KIND_FIELDS = {
        "synchrotron": ("is_synchrotron", "Synchrotron"),
        "fel": ("is_fel", "Free-electron laser"),
        "neutron": ("is_neutron_source", "Neutron source"),
        "laser": ("is_laser", "Laser"),
    }

    def get_context(self, request, *args, **kwargs):
        from .sections import sections_for

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for(self)
        return context

    class Meta:
        verbose_name_plural = "facilities"
        ordering = ["acronym"]

    def __str__(self):
        return self.acronym

    @property
    def kinds(self) -> list[str]:
        return [label for field, label in self.KIND_FIELDS.values() if getattr(self, field)]

    @property
    def memberships(self) -> list[str]:
        return [
            name
            for name, member in (("LEAPS", self.leaps_member), ("LENS", self.lens_member))
            if member
        ]
