"""The calendar's filter form (GET), shared by the lists, the month grid and the iCal feeds.

Values are slugs and codes a person can type into a URL
(`?facility=esrf&type=school&attendance=online&country=FR&month=2026-12`);
a value that matches nothing is reported next to its field and ignored, never
a server error.
"""

from __future__ import annotations

import re

from django import forms
from django_countries import countries

from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility

from .models import Event
from .selectors import EventFilters

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


class SlugChoiceField(forms.ModelChoiceField):
    """A page chosen by its slug, case-insensitively (`?facility=ESRF` works too)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().lower()
        return super().to_python(value)


class CountryCodeField(forms.ChoiceField):
    """An ISO 3166 code; any real country is valid, the choices list only those with events."""

    default_error_messages = {"invalid_choice": "“%(value)s” is not an ISO 3166 country code."}

    def to_python(self, value):
        return (value or "").strip().upper()

    def valid_value(self, value):
        return value in countries


class EventFilterForm(forms.Form):
    facility = SlugChoiceField(
        queryset=Facility.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Any facility",
        error_messages={"invalid_choice": "No facility by that name organises events here."},
    )
    collaboration = SlugChoiceField(
        queryset=Collaboration.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Any collaboration",
        error_messages={"invalid_choice": "No collaboration by that name organises events here."},
    )
    type = forms.MultipleChoiceField(
        choices=Event.Type.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    attendance = forms.MultipleChoiceField(
        label="Attend",
        choices=Event.Attendance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    country = CountryCodeField(required=False)
    month = forms.CharField(required=False, max_length=7)
    hide_stale = forms.BooleanField(
        label="Hide events that may be out of date (organiser page gone, broken links)",
        required=False,
    )

    def __init__(self, data=None, *, choices: dict, months=(), **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(data, **kwargs)
        self.fields["facility"].queryset = choices["facilities"]
        self.fields["facility"].label_from_instance = lambda f: f.acronym
        self.fields["collaboration"].queryset = choices["collaborations"]
        country_codes = sorted(set(choices["countries"]), key=lambda code: countries.name(code))
        self.fields["country"].choices = [("", "Any country")] + [
            (c, countries.name(c)) for c in country_codes
        ]
        self.fields["month"].widget = forms.Select(
            choices=[("", "Any month")] + [(f"{d:%Y-%m}", f"{d:%B %Y}") for d in months]
        )

    def clean_month(self):
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        match = MONTH_PATTERN.match(value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError("Give the month as YYYY-MM, for example 2026-12.")
        return int(match[1]), int(match[2])

    def filters(self, zone) -> EventFilters:
        """The valid part of what was asked; a field in error is left out."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return EventFilters(
            facility=data.get("facility"),
            collaboration=data.get("collaboration"),
            types=tuple(data.get("type") or ()),
            attendance=tuple(data.get("attendance") or ()),
            country=data.get("country") or "",
            month=data.get("month"),
            hide_stale=bool(data.get("hide_stale")),
            zone=zone,
        )

    @property
    def active(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in self.fields)
