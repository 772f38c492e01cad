"""`{% harvest_provenance page %}`: on a harvested page, which fields came from which source."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from harvesters.models import HarvestedItem

register = template.Library()


def _label(model, name: str) -> str:
    if name == "keywords":
        return "keywords"
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # renamed since the harvest: show the stored name
        return name.replace("_", " ")


# Bookkeeping values a visitor does not need listed.
HIDDEN = {"source", "source_name", "external_id", "start_date", "end_date", "start", "end"}


@register.inclusion_tag("harvesters/provenance.html")
def harvest_provenance(obj):
    """The source, the fields it filled, the ones curators changed, and whether it vanished."""
    if obj is None or obj.pk is None:
        return {"item": None}
    item = (
        HarvestedItem.objects.select_related("source")
        .filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)
        .first()
    )
    if item is None:
        return {"item": None}
    model = type(obj)
    return {
        "item": item,
        "source_fields": [_label(model, n) for n in item.source_fields if n not in HIDDEN],
        "curated_fields": [_label(model, n) for n in item.curated_fields if n not in HIDDEN],
    }
