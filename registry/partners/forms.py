"""The public submission forms: one per kind, built from the models' own fields.

The form fields (labels, help, validators) come from the page models, so the
form says what the admin says; the facility choice holds only the partner's
own organisations (curators see all). Cross-field and model rules run once,
in the service (services.submission_save), whose errors land next to their
fields.
"""

from django import forms
from django.core.exceptions import ValidationError

from harvesters.models import HarvestSource
from registry.collaborations.models import Collaboration
from registry.core.antispam import HoneypotFormMixin
from registry.events import time_zones
from registry.events.admin_forms import WallClockField
from registry.facilities.models import Facility

from .harvest_sources import PARTNER_FIELDS
from .models import Suggestion
from .permissions import is_curator, memberships
from .services import KINDS, html_to_text, text_to_html

FIELDS = {
    "software": [
        "title",
        "summary",
        "description",
        "homepage_url",
        "repository_url",
        "documentation_url",
        "licence",
        "developing_facilities",
        "collaborations",
        "contact_email",
        "doi",
    ],
    "training": [
        "title",
        "summary",
        "material_type",
        "resource_url",
        "description",
        "difficulty",
        "duration",
        "language",
        "licence",
        "providing_facility",
        "providing_collaboration",
    ],
    "event": [
        "title",
        "event_type",
        "timezone",
        "all_day",
        "start",
        "end",
        "start_date",
        "end_date",
        "attendance",
        "venue",
        "city",
        "country",
        "online_url",
        "website",
        "registration_url",
        "facilities",
        "collaborations",
        "description",
    ],
}
HELP = {
    "title": "The name people know it by.",
    "description": "Plain text; leave an empty line between paragraphs.",
    "start": "Date and time as the clock at the event shows it (e.g. 2027-03-01 09:00).",
    "end": "Date and time as the clock at the event shows it.",
    "start_date": "All-day events only, e.g. 2027-03-01.",
    "end_date": "All-day events only; empty for a one-day event.",
}
FACILITY_HELP = "Only the organisations you act for are listed; a curator can add others."


class EntryForm(forms.Form):
    """A submission form for one kind (software, training, event), new entry or change."""

    def __init__(self, *args, kind: str, user, entry=None, **kwargs):
        self.kind = KINDS[kind]
        self.user = user
        self.entry = entry
        if entry is not None and "initial" not in kwargs:
            kwargs["initial"] = self._initial(entry.get_latest_revision_as_object())
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(self.kind.model, fields=FIELDS[kind]))
        self.fields["title"].label = "Name" if kind != "event" else "Title"
        self.fields["description"] = forms.CharField(
            required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000
        )
        if kind == "event":
            self.fields["start"] = WallClockField(required=False)
            self.fields["end"] = WallClockField(required=False)
            for name in ("start", "end"):
                self.fields[name].widget = forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                )
            for name in ("start_date", "end_date"):
                self.fields[name].widget = forms.DateInput(
                    attrs={"type": "date"}, format="%Y-%m-%d"
                )
        for name, text in HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text
        self._limit_organisations()

    def _limit_organisations(self):
        mine = memberships(self.user)
        curator = is_curator(self.user)
        facilities = Facility.objects.order_by("acronym")
        collaborations = Collaboration.objects.order_by("title")
        if not curator:
            facilities = facilities.filter(pk__in=mine.facilities)
            collaborations = collaborations.filter(pk__in=mine.collaborations)
        facility_field = self.fields[self.kind.facility_field]
        facility_field.queryset = facilities
        facility_field.help_text = FACILITY_HELP
        # A partner acting for facilities only must name one of them.
        facility_field.required = not curator and not mine.collaborations
        if isinstance(facility_field, forms.ModelMultipleChoiceField):
            facility_field.widget = forms.CheckboxSelectMultiple(choices=facility_field.choices)
        if not curator and not mine.collaborations:
            del self.fields[self.kind.collaboration_field]
        else:
            field = self.fields[self.kind.collaboration_field]
            field.queryset = collaborations
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.widget = forms.CheckboxSelectMultiple(choices=field.choices)

    def _initial(self, page) -> dict:
        initial = {}
        for name in FIELDS[self.kind.name]:
            value = getattr(page, name, None)
            if hasattr(value, "all"):
                value = list(value.all())
            initial[name] = value
        initial["description"] = html_to_text(page.description)
        if self.kind.name == "event" and time_zones.is_known_zone(page.timezone or ""):
            zone = time_zones.get_zone(page.timezone)
            for name in ("start", "end"):
                if initial.get(name) is not None:
                    initial[name] = initial[name].astimezone(zone).replace(tzinfo=None)
        return initial

    def clean(self):
        cleaned = super().clean()
        # The models' field validators (SPDX licence, DOI...) run here too, so
        # every wrong field is named at once rather than one round at a time.
        for name, value in list(cleaned.items()):
            if value in (None, "", [], ()) or name == "description":
                continue
            model_field = self.kind.model._meta.get_field(name)
            if model_field.is_relation:
                continue
            try:
                model_field.run_validators(value)
            except ValidationError as error:
                self.add_error(name, error)
        if self.kind.name == "event" and not cleaned.get("all_day"):
            zone_name = cleaned.get("timezone")
            for name in ("start", "end"):
                wall_clock = cleaned.get(name)
                if wall_clock is None or not zone_name:
                    continue
                try:
                    cleaned[name] = time_zones.wall_clock_to_instant(
                        wall_clock, time_zones.get_zone(zone_name)
                    )
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def entry_data(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if name in self.fields}
        data["description"] = text_to_html(data.get("description", ""))
        if self.entry is not None:
            # Organisations the partner cannot choose (co-owners) stay as stored.
            stored = self.entry.get_latest_revision_as_object()
            for name in (self.kind.facility_field, self.kind.collaboration_field):
                if name not in self.fields:
                    continue
                choosable = set(self.fields[name].queryset.values_list("pk", flat=True))
                value = getattr(stored, name)
                if hasattr(value, "all"):
                    kept = [obj for obj in value.all() if obj.pk not in choosable]
                    data[name] = kept + list(data.get(name) or [])
                elif value is not None and value.pk not in choosable and data.get(name) is None:
                    data.pop(name, None)
        return data

    def add_model_errors(self, error: ValidationError) -> None:
        """Put the service's errors next to their fields (the rest above the form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


class SuggestionForm(HoneypotFormMixin, forms.ModelForm):
    """The anonymous visitor's "suggest an entry"."""

    class Meta:
        model = Suggestion
        fields = ["kind", "title", "url", "message", "email"]
        labels = {"kind": "What is it?", "title": "Its name", "email": "Your e-mail"}
        help_texts = {
            "url": "Where we can read about it (its website, repository or event page).",
            "message": "Anything a curator should know (who runs it, which facility...).",
            "email": "Only if you want an answer; never shown.",
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


class HarvestSourceForm(forms.ModelForm):
    """A partner registers a feed or calendar of its own facility; a curator approves it."""

    class Meta:
        model = HarvestSource
        fields = PARTNER_FIELDS
        help_texts = {
            "name": "How curators and you will recognise it, e.g. “ESRF events calendar”.",
            "url": "The address of the feed, calendar, page or Indico category export.",
            "target": "What its items are.",
            "enabled": "Untick to stop harvesting it for a while.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = memberships(user)
        if not is_curator(user):
            self.fields["facility"].queryset = Facility.objects.filter(pk__in=mine.facilities)
            self.fields["collaboration"].queryset = Collaboration.objects.filter(
                pk__in=mine.collaborations
            )
            if not mine.collaborations:
                del self.fields["collaboration"]
        self.fields["facility"].help_text = FACILITY_HELP
