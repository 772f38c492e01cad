"""The software catalogue in Wagtail's admin: vocabularies and visitor feedback for curators.

Feedback reports are reviewed in their edit view: the curator picks a
decision and may add a note; the view applies it through the services in
feedback.py (accepting a facility-use report publishes a new revision of the
entry with the facility added), never by editing the status by hand.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from . import feedback
from .models import (
    DataFormat,
    FacilityUseReport,
    Interface,
    OperatingSystem,
    ProblemReport,
    ProgrammingLanguage,
    ScientificDomain,
)


class DecisionForm(WagtailAdminModelForm):
    """A report's edit form: the curator's note and a decision, allowed while the report is open."""

    DECISIONS: list[tuple[str, str]] = []
    OPEN_STATUS = ""

    decision = forms.ChoiceField(required=False, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [("", "No decision yet")] + self.DECISIONS

    def clean_decision(self):
        decision = self.cleaned_data.get("decision")
        if decision and self.instance.status != self.OPEN_STATUS:
            raise forms.ValidationError(
                f"This report is already {self.instance.get_status_display().lower()}."
            )
        return decision


class FacilityUseDecisionForm(DecisionForm):
    DECISIONS = [
        ("accept", "Accept: add the facility to the entry's using facilities"),
        ("decline", "Decline"),
    ]
    OPEN_STATUS = FacilityUseReport.Status.PENDING


class ProblemDecisionForm(DecisionForm):
    DECISIONS = [
        ("resolved", "Resolved: the entry is fixed"),
        ("dismissed", "Dismissed: nothing to change"),
    ]
    OPEN_STATUS = ProblemReport.Status.OPEN


class DecisionEditView(EditView):
    def save_instance(self):
        decision = self.form.cleaned_data.get("decision")
        note = self.form.cleaned_data.get("curator_note", "")
        if not decision:
            return super().save_instance()
        report = type(self.form.instance).objects.get(pk=self.form.instance.pk)
        self.apply(report, decision, note)
        return type(report).objects.get(pk=report.pk)


class FacilityUseEditView(DecisionEditView):
    def apply(self, report, decision, note):
        service = {
            "accept": feedback.facility_use_report_accept,
            "decline": feedback.facility_use_report_decline,
        }[decision]
        service(report=report, by=self.request.user, note=note)


class ProblemEditView(DecisionEditView):
    def apply(self, report, decision, note):
        feedback.problem_report_close(
            report=report, by=self.request.user, status=decision, note=note
        )


_REPORT_FIELDS_READ_ONLY = ["entry", "reporter_email", "message", "status", "created_at"]


class FacilityUseReportViewSet(SnippetViewSet):
    model = FacilityUseReport
    icon = "group"
    menu_label = "Facility use reports"
    list_display = ["entry", "facility", "reporter_name", "status", "created_at"]
    list_filter = ["status"]
    edit_view_class = FacilityUseEditView
    edit_handler = ObjectList(
        [FieldPanel(name, read_only=True) for name in ["facility", "reporter_name"]]
        + [FieldPanel(name, read_only=True) for name in _REPORT_FIELDS_READ_ONLY]
        + [FieldPanel("decision"), FieldPanel("curator_note")],
        base_form_class=FacilityUseDecisionForm,
    )


class ProblemReportViewSet(SnippetViewSet):
    model = ProblemReport
    icon = "warning"
    menu_label = "Problem reports"
    list_display = ["entry", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    edit_view_class = ProblemEditView
    edit_handler = ObjectList(
        [FieldPanel("kind", read_only=True)]
        + [FieldPanel(name, read_only=True) for name in _REPORT_FIELDS_READ_ONLY]
        + [FieldPanel("decision"), FieldPanel("curator_note")],
        base_form_class=ProblemDecisionForm,
    )


def _vocabulary(term_model, label, icon="list-ul"):
    return type(
        f"{term_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": term_model,
            "icon": icon,
            "menu_label": label,
            "list_display": ["name", "slug"],
            "search_fields": ["name"],
        },
    )


class SoftwareCatalogueGroup(SnippetViewSetGroup):
    menu_label = "Software catalogue"
    menu_icon = "code"
    menu_order = 250
    items = (
        FacilityUseReportViewSet,
        ProblemReportViewSet,
        _vocabulary(ProgrammingLanguage, "Programming languages"),
        _vocabulary(DataFormat, "Data formats"),
        _vocabulary(ScientificDomain, "Scientific domains"),
        _vocabulary(Interface, "Interfaces"),
        _vocabulary(OperatingSystem, "Operating systems"),
    )


register_snippet(SoftwareCatalogueGroup)
