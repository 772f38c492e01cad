"""Curators browse the technique vocabulary in the admin; it is edited only by its keeper."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Technique


class TechniqueViewSet(SnippetViewSet):
    model = Technique
    icon = "tag"
    menu_label = "PaN techniques"
    list_display = ["name", "panet_id", "iri"]
    search_fields = ["name"]
    add_to_admin_menu = False
    inspect_view_enabled = True


register_snippet(TechniqueViewSet)
