"""The home page and what every content page shares."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class CuratorCheckMixin(models.Model):
    """Facts nobody has verified stay empty; this field says which, for a curator.

    An empty field is honest, an invented one is a defect: the demo data and
    harvesters leave a value blank when unsure and note it here instead.
    """

    to_verify = models.TextField(
        blank=True,
        help_text="Facts left empty until a curator verifies them (one per line).",
    )

    class Meta:
        abstract = True

    @property
    def needs_verification(self) -> bool:
        return bool(self.to_verify.strip())

    @property
    def to_verify_lines(self) -> list[str]:
        """One fact awaiting verification per line, for the public page's honest notice."""
        return [line.strip() for line in self.to_verify.splitlines() if line.strip()]


class HomePage(Page):
    """The site root: what PaN Registry is and where to go next."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    template = "core/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(request))
        return context
