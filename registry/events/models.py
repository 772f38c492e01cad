"""The events calendar: one page per event under /events/.

An event keeps its own IANA time zone. A timed event stores its start and end
as aware datetimes (UTC in the database); an all-day event stores plain dates
that no time zone ever shifts. Both kinds also carry `starts_at`/`ends_at`,
the instants at which they begin and end, derived on every save: the
selectors compare those with "now", so an event leaves the upcoming list by
itself the moment it ends — no job is needed.
"""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone as django_timezone  # `timezone` is a field here
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from registry.core.models import CuratorCheckMixin
from registry.partners.page_permissions import PartnerOwnedPage

from . import time_zones
from .admin_forms import EventAdminForm
from .sanitise import sanitise_description

# Sub-paths of /events/ served by the index page itself: an event cannot take them as its slug.
RESERVED_SLUGS = {"past", "month", "facility", "collaboration", "type"}


class EventIndexPage(RoutablePageMixin, Page):
    """/events/: upcoming events, the archive, the month grid and the subscriptions."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.Event"]
    max_count = 1
    template = "events/event_index_page.html"

    @path("")
    def upcoming(self, request):
        from .views import event_list

        return event_list(request, self, archive=False)

    @path("past/")
    def past(self, request):
        from .views import event_list

        return event_list(request, self, archive=True)

    @path("month/")
    def this_month(self, request):
        from .views import month_view

        return month_view(request, self, year=None, month=None)

    @re_path(r"^month/(?P<year>\d{4})/(?P<month>\d{1,2})/$")
    def month(self, request, year, month):
        from .views import month_view

        return month_view(request, self, year=int(year), month=int(month))


class EventKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "events.Event", on_delete=models.CASCADE, related_name="tagged_keywords"
    )


class Event(PartnerOwnedPage, CuratorCheckMixin, Page):
    """A workshop, conference, school, webinar... of the PaN community."""

    class Type(models.TextChoices):
        WORKSHOP = "workshop", "Workshop"
        CONFERENCE = "conference", "Conference"
        SCHOOL = "school", "School"
        WEBINAR = "webinar", "Webinar"
        HACKATHON = "hackathon", "Hackathon"
        USER_MEETING = "user-meeting", "User meeting"
        COURSE = "course", "Course"

    class Attendance(models.TextChoices):
        ONSITE = "onsite", "On site"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid (on site and online)"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        POSTPONED = "postponed", "Postponed"
        CANCELLED = "cancelled", "Cancelled"

    class Origin(models.TextChoices):
        EDITOR = "editor", "Entered by an editor"
        PARTNER = "partner", "Submitted by a partner facility"
        API = "api", "Submitted through the API"
        HARVEST = "harvest", "Harvested from a partner source"

    event_type = models.CharField("type", max_length=16, choices=Type.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)

    all_day = models.BooleanField(
        "all-day event",
        default=False,
        help_text="Tick for events given as whole days (fill the dates); leave unticked for timed events.",
    )
    start = models.DateTimeField(
        null=True, blank=True, help_text="Read in the event's time zone below."
    )
    end = models.DateTimeField(
        null=True, blank=True, help_text="Read in the event's time zone below."
    )
    start_date = models.DateField(null=True, blank=True, help_text="First day of an all-day event.")
    end_date = models.DateField(
        null=True, blank=True, help_text="Last day of an all-day event (empty for a one-day event)."
    )
    timezone = models.CharField(
        "time zone",
        max_length=64,
        default=time_zones.site_zone_name,
        choices=time_zones.zone_choices,
        validators=[time_zones.validate_zone_name],
        help_text="The zone of the event's venue (online events: the organiser's).",
    )
    # Derived on save from the fields above; what the selectors compare and sort.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    venue = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=128, blank=True)
    country = CountryField(blank=True)
    attendance = models.CharField(
        max_length=8, choices=Attendance.choices, default=Attendance.ONSITE
    )
    online_url = models.URLField("online URL", max_length=500, blank=True)

    website = models.URLField("event website", max_length=500, blank=True)
    registration_url = models.URLField("registration URL", max_length=500, blank=True)
    registration_deadline = models.DateField(null=True, blank=True)

    facilities = ParentalManyToManyField(
        "facilities.Facility",
        blank=True,
        related_name="events",
        verbose_name="organising facilities",
    )
    collaborations = ParentalManyToManyField(
        "collaborations.Collaboration",
        blank=True,
        related_name="events",
        verbose_name="organising collaborations",
    )
    description = RichTextField(blank=True, features=["h3", "bold", "italic", "link", "ul", "ol"])
    keywords = ClusterTaggableManager(through=EventKeyword, blank=True)

    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.EDITOR)
    source_url = models.URLField(
        "source URL",
        max_length=500,
        blank=True,
        help_text="Where this record came from: the harvest source's URL, or the page its facts were checked on.",
    )
    external_id = models.CharField(
        "external identifier",
        max_length=255,
        blank=True,
        help_text="The item's identifier in its source (iCal UID, feed GUID...).",
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldPanel("timezone"),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online_url"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
            ],
            heading="Links and registration",
        ),
        FieldPanel("facilities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("collaborations", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("keywords"),
        MultiFieldPanel(
            [
                FieldPanel("origin"),
                FieldPanel("source_url"),
                FieldPanel("external_id"),
                FieldPanel("to_verify"),
            ],
            heading="Provenance",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("city"),
        index.AutocompleteField("title"),
        index.RelatedFields("keywords", [index.SearchField("name", boost=2)]),
        index.FilterField("event_type"),
        index.FilterField("status"),
        index.FilterField("attendance"),
        index.FilterField("country"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]
    base_form_class = EventAdminForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event.html"
    # A copy is a new event of ours, not the same harvested item twice.
    exclude_fields_in_copy = ["source_url", "external_id"]

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_url", "external_id"],
                condition=~Q(external_id=""),
                name="events_event_unique_source_item",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="events_event_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    # --- time ---------------------------------------------------------------

    @property
    def zone(self):
        return time_zones.get_zone(self.timezone)

    def derive_instants(self) -> None:
        """Fill `starts_at`/`ends_at` from the dates or times; raise ValidationError if they are incomplete."""
        errors = {}
        if not time_zones.is_known_zone(self.timezone):
            raise ValidationError({"timezone": f"“{self.timezone}” is not an IANA time zone name."})
        zone = self.zone
        if self.all_day:
            if self.start_date is None:
                raise ValidationError({"start_date": "An all-day event needs its first day."})
            if self.end_date is None:
                self.end_date = self.start_date
            if self.end_date < self.start_date:
                errors["end_date"] = "The last day cannot be before the first day."
            # One kind of time only: a ticked "all day" drops the clock times.
            self.start = self.end = None
            self.starts_at = time_zones.start_of_day(self.start_date, zone)
            self.ends_at = time_zones.start_of_day(self.end_date + dt.timedelta(days=1), zone)
        else:
            if self.start is None:
                raise ValidationError(
                    {"start": "A timed event needs its start (or tick “all-day event”)."}
                )
            if self.end is None:
                raise ValidationError({"end": "A timed event needs its end."})
            if self.start.tzinfo is None or self.end.tzinfo is None:
                raise ValueError("start and end must be aware datetimes")
            # In UTC from here on, as the database returns them: Python compares
            # and subtracts datetimes sharing one zone as wall-clock readings,
            # which is an hour off across a clock change.
            self.start, self.end = self.start.astimezone(dt.UTC), self.end.astimezone(dt.UTC)
            if self.end < self.start:
                errors["end"] = "The end cannot be before the start."
            self.start_date = self.end_date = None
            self.starts_at, self.ends_at = self.start, self.end
        if errors:
            raise ValidationError(errors)

    def local_start(self, zone=None) -> dt.datetime:
        return self.starts_at.astimezone(zone or self.zone)

    def local_end(self, zone=None) -> dt.datetime:
        return self.ends_at.astimezone(zone or self.zone)

    def days(self, zone=None) -> tuple[dt.date, dt.date]:
        """First and last calendar day the event covers, as read in `zone` (its own by default).

        All-day events keep their dates whatever the zone; a timed event that
        ends at midnight does not spill onto the next day.
        """
        if self.all_day:
            return self.start_date, self.end_date
        zone = zone or self.zone
        first = self.starts_at.astimezone(zone).date()
        last_instant = (
            self.ends_at
            if self.ends_at == self.starts_at
            else self.ends_at - dt.timedelta(microseconds=1)
        )
        return first, max(first, last_instant.astimezone(zone).date())

    def has_ended(self, now=None) -> bool:
        return self.ends_at <= (now or django_timezone.now())

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.attendance in (self.Attendance.ONLINE, self.Attendance.HYBRID)

    @property
    def is_onsite(self) -> bool:
        return self.attendance in (self.Attendance.ONSITE, self.Attendance.HYBRID)

    def registration_open(self, today=None) -> bool | None:
        """Whether registration is still open by its deadline (in the event's zone); None if no deadline."""
        if self.registration_deadline is None:
            return None
        today = today or django_timezone.now().astimezone(self.zone).date()
        return today <= self.registration_deadline

    # --- text ---------------------------------------------------------------

    @property
    def location_text(self) -> str:
        place = ", ".join(
            part
            for part in (self.venue, self.city, self.country.name if self.country else "")
            if part
        )
        if self.attendance == self.Attendance.ONLINE:
            return "Online"
        if self.attendance == self.Attendance.HYBRID:
            return f"{place} and online" if place else "On site and online"
        return place

    @property
    def description_text(self) -> str:
        """The description as plain text (iCal, JSON-LD, feeds): one paragraph per block."""
        if not self.description:
            return ""
        soup = BeautifulSoup(expand_db_html(self.description), "html.parser")
        for line_break in soup.find_all("br"):
            line_break.replace_with("\n")
        for item in soup.find_all("li"):
            item.insert(0, "• ")
        for block in soup.find_all(["p", "li", "h2", "h3", "h4", "blockquote"]):
            block.append("\n")
        lines = (" ".join(line.split()) for line in soup.get_text("").splitlines())
        return "\n".join(line for line in lines if line)

    # --- page ---------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from .visitor_zone import visitor_zone

        context = super().get_context(request, *args, **kwargs)
        choice = getattr(request, "events_visitor_zone", None) or visitor_zone(request)
        context.update(
            {
                "visitor_zone": choice,
                "zone_options": time_zones.zone_options_html(choice.name),
                "has_ended": self.has_ended(),
                "registration_open": self.registration_open(),
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        from .visitor_zone import remember_choice, visitor_zone

        choice = request.events_visitor_zone = visitor_zone(request)
        return remember_choice(request, super().serve(request, *args, **kwargs), choice)

    # --- validation and saving -------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = (
                f"“{self.slug}” is a sub-page of the calendar itself; choose another slug."
            )
        try:
            self.derive_instants()
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.description = sanitise_description(self.description)
        self.derive_instants()
        return super().save(*args, **kwargs)
