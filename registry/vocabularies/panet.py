"""Keep the Technique table in step with the PaNET release shipped by esrf-ontologies."""

from django.db import transaction
from esrf_ontologies.db import load_techniques


def panet_terms() -> list[dict]:
    """The PaNET terms as the package ships them: iri, names (preferred first), description."""
    return load_techniques("PaNET")


@transaction.atomic
def sync_panet_techniques(technique_model=None) -> tuple[int, int]:
    """Create or update one Technique per PaNET term; returns (created, updated).

    `technique_model` lets a data migration pass its historical model.
    """
    if technique_model is None:
        from .models import Technique as technique_model
    existing = {t.iri: t for t in technique_model.objects.all()}
    created = updated = 0
    for term in panet_terms():
        names = list(term["names"])
        values = {
            "name": names[0],
            "synonyms": names[1:],
            "description": term.get("description", ""),
        }
        technique = existing.get(term["iri"])
        if technique is None:
            technique_model.objects.create(iri=term["iri"], **values)
            created += 1
        elif any(getattr(technique, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(technique, key, value)
            technique.save()
            updated += 1
    return created, updated
