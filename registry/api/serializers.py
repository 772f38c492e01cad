"""The write API's shapes: one serializer per kind, from the same fields as the web forms.

Facilities are named by acronym ("ESRF"), collaborations by their slug
("panosc"); `description` is plain text (paragraphs separated by an empty
line). Field validators come from the models; the model's own rules (clean)
run in the service and come back as the same {"field": ["message"]} errors.
"""

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from harvesters.models import HarvestSource
from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility
from registry.partners.forms import FIELDS
from registry.partners.harvest_sources import PARTNER_FIELDS
from registry.partners.services import KINDS, html_to_text, text_to_html

READ_ONLY = ["id", "state", "state_comment", "url"]


class NameField(serializers.SlugRelatedField):
    """A facility or collaboration named by its acronym or slug.

    A NUL character can name nothing, and PostgreSQL refuses it even in a
    lookup (a server error), so it is refused first as an unknown name.
    """

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class EntrySerializer(CountryFieldMixin, serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Use it in PATCH /…/{id}/.")
    external_id = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text="Your own identifier of the entry: a POST with a known one updates that "
        "entry (200) instead of creating another.",
    )
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20_000,
        help_text="Plain text; an empty line between paragraphs.",
    )
    state = serializers.CharField(
        read_only=True,
        help_text="in-review, changes-requested, published, rejected, withdrawn or draft.",
    )
    state_comment = serializers.CharField(read_only=True, help_text="The curator's comment.")
    url = serializers.CharField(read_only=True, help_text="Public address once published.")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["description"] = html_to_text(instance.description)
        row = self.context.get("row")
        data["state"] = row.state if row else ""
        data["state_comment"] = row.comment if row else ""
        data["external_id"] = row.submission.external_id if row else ""
        data["url"] = instance.full_url if instance.live else ""
        return data

    def entry_data(self) -> dict:
        data = dict(self.validated_data)
        data.pop("external_id", None)
        if "description" in data:
            data["description"] = text_to_html(data["description"])
        return data


def _organisation_fields(kind):
    facilities = Facility.objects.all()
    collaborations = Collaboration.objects.all()
    if kind.facility_field == "providing_facility":
        return {
            kind.facility_field: NameField(
                slug_field="acronym",
                queryset=facilities,
                required=False,
                allow_null=True,
                help_text="Acronym of the facility providing it, e.g. ESRF.",
            ),
            kind.collaboration_field: NameField(
                slug_field="slug",
                queryset=collaborations,
                required=False,
                allow_null=True,
                help_text="Slug of the collaboration providing it, e.g. panosc.",
            ),
        }
    return {
        kind.facility_field: NameField(
            slug_field="acronym",
            queryset=facilities,
            many=True,
            required=False,
            help_text='Acronyms of the facilities, e.g. ["ESRF"]; yours only.',
        ),
        kind.collaboration_field: NameField(
            slug_field="slug",
            queryset=collaborations,
            many=True,
            required=False,
            help_text='Slugs of the collaborations, e.g. ["panosc"]; yours only.',
        ),
    }


def _serializer(kind_name: str, class_name: str):
    kind = KINDS[kind_name]
    meta = type(
        "Meta",
        (),
        {"model": kind.model, "fields": READ_ONLY + ["external_id"] + FIELDS[kind_name]},
    )
    return type(class_name, (EntrySerializer,), {"Meta": meta, **_organisation_fields(kind)})


SoftwareSerializer = _serializer("software", "SoftwareSubmission")
TrainingSerializer = _serializer("training", "TrainingSubmission")
EventSerializer = _serializer("event", "EventSubmission")


class SubmissionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    external_id = serializers.CharField()
    state = serializers.CharField()
    state_comment = serializers.CharField()
    updated_at = serializers.DateTimeField()


class HarvestSourceSerializer(serializers.ModelSerializer):
    facility = NameField(
        slug_field="acronym",
        queryset=Facility.objects.all(),
        required=False,
        allow_null=True,
        help_text="Acronym of the owning facility, e.g. ESRF (or give a collaboration).",
    )
    collaboration = NameField(
        slug_field="slug",
        queryset=Collaboration.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the owning collaboration, e.g. panosc.",
    )

    class Meta:
        model = HarvestSource
        fields = [
            "id",
            *PARTNER_FIELDS,
            "approved",
            "paused",
            "pause_reason",
            "last_success_at",
        ]
        read_only_fields = ["approved", "paused", "pause_reason", "last_success_at"]
        # Uniqueness of (kind, url, target) is the service's answer (200 or 403), not a 400.
        validators = []
