"""The small controlled vocabularies of the software catalogue.

Each is a table of terms that curators keep (Wagtail snippets), so a facet
counts one spelling per idea ("Python", never "python3" next to "Python").
Interfaces and operating systems are the fixed lists the catalogue was
specified with (seeded by migration); programming languages follow GitHub
Linguist's names so that harvested repository languages line up with them;
data formats and scientific domains are seeded from fixtures/software.yaml
and grown by curators.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SoftwareTerm(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in catalogue links, e.g. ?language=python."
    )
    description = models.CharField(max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Interface(SoftwareTerm):
    """How people use the software: GUI, command line, library, web, notebook."""


class OperatingSystem(SoftwareTerm):
    """Where it runs: Linux, macOS, Windows."""


class ProgrammingLanguage(SoftwareTerm):
    """A programming language, named as GitHub Linguist names it (C++, Python, Jupyter Notebook)."""


class ScientificDomain(SoftwareTerm):
    """A field of science the software serves (structural biology, materials science...)."""


class DataFormat(SoftwareTerm):
    """A file format the software reads or writes (NeXus/HDF5, TIFF, CBF...)."""

    extensions = models.CharField(
        max_length=120, blank=True, help_text="Usual file name extensions, e.g. .h5 .nxs"
    )
    specification_url = models.URLField(blank=True)

    panels = SoftwareTerm.panels + [FieldPanel("extensions"), FieldPanel("specification_url")]
