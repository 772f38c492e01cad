"""The visitor forms on an entry page: "my facility uses this" and "report a problem"."""

from django import forms

from registry.core.antispam import HoneypotFormMixin, RateLimit
from registry.facilities.models import Facility

from .models import FacilityUseReport, ProblemReport

# Generous for a person, useless for a robot: a facility's staff may report a
# few entries in a row from one address.
FEEDBACK_RATE_LIMIT = RateLimit("software-feedback", limit=10, period=3600)


class FacilityUseForm(HoneypotFormMixin, forms.ModelForm):
    class Meta:
        model = FacilityUseReport
        fields = ["facility", "reporter_name", "reporter_email", "message"]
        labels = {"facility": "Your facility"}
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.fields["facility"].queryset = Facility.objects.live().order_by("acronym")
        self.fields["facility"].empty_label = "Choose your facility"
        self.fields["reporter_name"].widget.attrs["autocomplete"] = "name"
        self.fields["reporter_email"].widget.attrs["autocomplete"] = "email"

    def clean_facility(self):
        facility = self.cleaned_data["facility"]
        if self.entry.using_facilities.filter(pk=facility.pk).exists():
            raise forms.ValidationError(
                f"{facility.acronym} is already listed as using {self.entry.title}. Thank you!"
            )
        return facility


class ProblemReportForm(HoneypotFormMixin, forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["kind", "message", "reporter_email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.fields["reporter_email"].widget.attrs["autocomplete"] = "email"
