"""PaNET techniques, one row per term, kept in step with esrf-ontologies."""

from django.db import models
from wagtail.search import index


class Technique(index.Indexed, models.Model):
    """A photon or neutron experimental technique from the PaNET taxonomy.

    Rows are written only by `sync_panet_techniques()`: the IRI is the
    identity, the name and synonyms follow the ontology's own release.
    """

    iri = models.URLField("PaNET IRI", unique=True)
    name = models.CharField(max_length=200, help_text="Preferred name, as PaNET gives it.")
    synonyms = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def panet_id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def label(self) -> str:
        """The acronym with its spelled-out name where PaNET has both (SAXS — small angle…)."""
        long_names = [s for s in self.synonyms if " " in s]
        if long_names and " " not in self.name:
            return f"{self.name} ({long_names[0]})"
        return self.name
