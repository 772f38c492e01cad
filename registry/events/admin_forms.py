"""The event editing form of the Wagtail admin.

An editor types the start and end as the clock at the venue shows them
(09:00 in Tokyo), whatever the admin's own time zone: the form reads them in
the event's zone and stores the instants. Django's default would read them
in the server's zone, which is wrong for every event held elsewhere.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.admin.widgets import AdminDateTimeInput

from registry.partners.admin_forms import PartnerOwnershipForm

from . import time_zones


class WallClockField(forms.DateTimeField):
    """A date and time read off a clock, kept naive until the form knows the event's zone."""

    def to_python(self, value):
        # DateTimeField.to_python attaches the current zone; under UTC that is
        # a plain relabelling (no gap, no fold) that we strip again at once.
        with timezone.override(dt.UTC):
            value = super().to_python(value)
        return None if value is None else value.replace(tzinfo=None)


class EventAdminForm(PartnerOwnershipForm):
    start = WallClockField(
        required=False, widget=AdminDateTimeInput, help_text="As the clock at the event shows it."
    )
    end = WallClockField(
        required=False, widget=AdminDateTimeInput, help_text="As the clock at the event shows it."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance is not None and time_zones.is_known_zone(instance.timezone or ""):
            zone = time_zones.get_zone(instance.timezone)
            for name in ("start", "end"):
                value = getattr(instance, name, None)
                if value is not None:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("all_day"):
            return cleaned
        zone_name = cleaned.get("timezone")
        if not zone_name:
            # The zone field carries its own error; without a zone the clock
            # readings mean nothing, so they are not stored either.
            cleaned.pop("start", None)
            cleaned.pop("end", None)
            return cleaned
        zone = time_zones.get_zone(zone_name)
        for name in ("start", "end"):
            wall_clock = cleaned.get(name)
            if wall_clock is None:
                continue
            try:
                cleaned[name] = time_zones.wall_clock_to_instant(wall_clock, zone)
            except ValidationError as error:
                self.add_error(name, error)
                cleaned.pop(name, None)
        return cleaned
