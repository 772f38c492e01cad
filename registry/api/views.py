"""The write API (/api/v1/): partners create, change and read back their own entries.

Thin views over the partners' services: the serializer checks types and
field rules, `submission_save` checks the permission policy and the model's
rules and starts the curator review. Each item answers with its review state.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from harvesters.models import HarvestSource
from registry.partners.harvest_sources import harvest_source_submit, harvest_sources_of
from registry.partners.models import Submission
from registry.partners.permissions import can_edit, is_curator, is_partner, owned_page_ids
from registry.partners.selectors import submission_rows
from registry.partners.services import KINDS, submission_by_external_id, submission_save

from . import serializers as api_serializers


class IsPartnerOrCurator(permissions.BasePermission):
    message = "This account does not act for a facility or collaboration."

    def has_permission(self, request, view):
        return bool(request.user and (is_partner(request.user) or is_curator(request.user)))


def _field_errors(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


FORBIDDEN = OpenApiResponse(description="Not your organisations' entry; nothing changed.")
INVALID = OpenApiResponse(description='Invalid values: {"field": ["message"]}; nothing stored.')


class EntryViewSet(viewsets.GenericViewSet):
    kind = ""
    lookup_value_converter = "int"
    permission_classes = [permissions.IsAuthenticated, IsPartnerOrCurator]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _own_submissions(self):
        submissions = Submission.objects.filter(kind=self.kind)
        if not is_curator(self.request.user):
            pages = KINDS[self.kind].model.objects.filter(owned_page_ids(self.request.user))
            submissions = submissions.filter(
                Q(page__in=pages.values("pk")) | Q(submitted_by=self.request.user)
            )
        return submissions

    def _answer(self, page, *, code=status.HTTP_200_OK):
        submission = Submission.objects.filter(page_id=page.pk)
        rows = submission_rows(submission)
        draft = page.get_latest_revision_as_object()
        serializer = self.get_serializer(draft, context={"row": rows[0] if rows else None})
        return Response(serializer.data, status=code)

    def _page(self, pk):
        page = get_object_or_404(KINDS[self.kind].model, pk=pk)
        if not can_edit(self.request.user, page):
            raise PermissionDenied("This entry belongs to an organisation you do not act for.")
        return page

    def _save(self, serializer, *, entry, external_id=""):
        try:
            submission = submission_save(
                kind=self.kind,
                data=serializer.entry_data(),
                by=self.request.user,
                channel="api",
                entry=entry,
                external_id=external_id,
            )
        except DjangoValidationError as error:
            raise ValidationError(_field_errors(error)) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return submission.page.specific

    @extend_schema(responses={200: api_serializers.SubmissionSummarySerializer(many=True)})
    def list(self, request):
        rows = submission_rows(self._own_submissions())
        data = [
            {
                "id": row.page.pk,
                "title": row.page.title,
                "external_id": row.submission.external_id,
                "state": row.state,
                "state_comment": row.comment,
                "updated_at": row.submission.updated_at,
            }
            for row in rows
        ]
        return Response(api_serializers.SubmissionSummarySerializer(data, many=True).data)

    @extend_schema(responses={200: None, 403: FORBIDDEN})
    def retrieve(self, request, pk=None):
        return self._answer(self._page(pk))

    @extend_schema(
        responses={201: None, 200: None, 400: INVALID, 403: FORBIDDEN},
        description="Creates a draft submitted for curator review. With an `external_id` "
        "already sent, updates that entry instead and answers 200.",
    )
    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        external_id = serializer.validated_data.get("external_id", "")
        existing = submission_by_external_id(kind=self.kind, external_id=external_id)
        if existing is not None:
            entry = existing.page.specific
            if not can_edit(request.user, entry):
                raise PermissionDenied(
                    "This external_id names an entry of an organisation you do not act for."
                )
            return self._answer(self._save(serializer, entry=entry))
        page = self._save(serializer, entry=None, external_id=external_id)
        return self._answer(page, code=status.HTTP_201_CREATED)

    @extend_schema(responses={200: None, 400: INVALID, 403: FORBIDDEN})
    def partial_update(self, request, pk=None):
        entry = self._page(pk)
        draft = entry.get_latest_revision_as_object()
        serializer = self.get_serializer(draft, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data.get("external_id"):
            raise ValidationError({"external_id": ["An entry's external_id is set when created."]})
        return self._answer(self._save(serializer, entry=entry))


class SoftwareViewSet(EntryViewSet):
    kind = "software"
    serializer_class = api_serializers.SoftwareSerializer


class TrainingViewSet(EntryViewSet):
    kind = "training"
    serializer_class = api_serializers.TrainingSerializer


class EventViewSet(EntryViewSet):
    kind = "event"
    serializer_class = api_serializers.EventSerializer


class HarvestSourceViewSet(viewsets.GenericViewSet):
    """Partners register their facilities' feeds and calendars; a curator approves each."""

    serializer_class = api_serializers.HarvestSourceSerializer
    permission_classes = [permissions.IsAuthenticated, IsPartnerOrCurator]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_converter = "int"

    def get_queryset(self):
        return harvest_sources_of(self.request.user)

    def _source(self, pk):
        source = get_object_or_404(HarvestSource, pk=pk)
        if not can_edit(self.request.user, source):
            raise PermissionDenied("This source belongs to an organisation you do not act for.")
        return source

    def _save(self, serializer, source=None):
        data = {k: v for k, v in serializer.validated_data.items()}
        try:
            return harvest_source_submit(data=data, by=self.request.user, source=source)
        except DjangoValidationError as error:
            raise ValidationError(_field_errors(error)) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    @extend_schema(responses={200: api_serializers.HarvestSourceSerializer, 403: FORBIDDEN})
    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self._source(pk)).data)

    @extend_schema(
        responses={
            201: api_serializers.HarvestSourceSerializer,
            200: api_serializers.HarvestSourceSerializer,
            400: INVALID,
            403: FORBIDDEN,
        },
        description="Registers a source (it waits for a curator's approval). The same kind, "
        "URL and target again answers 200 with the source already registered.",
    )
    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source, created = self._save(serializer)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(source).data, status=code)

    @extend_schema(
        responses={200: api_serializers.HarvestSourceSerializer, 400: INVALID, 403: FORBIDDEN}
    )
    def partial_update(self, request, pk=None):
        source = self._source(pk)
        serializer = self.get_serializer(source, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        source, _created = self._save(serializer, source=source)
        return Response(self.get_serializer(source).data)
