"""Repository harvesting in Wagtail's admin: the hosts (editable) and each entry's last harvest (read-only).

Curators see which repositories failed, why, and which wait for a rate-limit
reset; operators edit hosts here or with ``manage.py set_repository_host``
(the same normalisation applies: a GitLab API URL gets /api/v4). The harvest
state is written by the harvester only, so its admin has no add, edit or
delete. Imported (and so registered) by harvesters/wagtail_hooks.py.
"""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .hosts import normalise_api_url, normalise_host_name
from .models import RepositoryHarvestState, RepositoryHost


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Anyone with the model's view permission may look; nobody adds, edits or deletes."""

    WRITES = {"add", "change", "delete", "publish", "lock", "unlock"}

    def user_has_permission(self, user, action):
        return action not in self.WRITES and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(RepositoryHarvestState, ViewOnlyPermissionPolicy(RepositoryHarvestState))


class RepositoryHostForm(WagtailAdminModelForm):
    def clean_name(self):
        try:
            return normalise_host_name(self.cleaned_data["name"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def clean(self):
        cleaned = super().clean()
        kind, name = cleaned.get("kind"), cleaned.get("name")
        if kind:
            cleaned["api_url"] = normalise_api_url(cleaned.get("api_url", ""), kind=kind)
            if not cleaned["api_url"] and not (kind == "github" and name == "github.com"):
                self.add_error("api_url", "Give the host's API URL (e.g. https://host/api/v4).")
        return cleaned


class RepositoryHostViewSet(SnippetViewSet):
    model = RepositoryHost
    icon = "code"
    menu_label = "Hosts"
    list_display = ["name", "kind", "effective_api_url", "token_env", "facility", "paused_until"]
    list_filter = ["kind"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("api_url"),
            FieldPanel("token_env"),
            FieldPanel("facility"),
            FieldPanel("paused_until", read_only=True),
            FieldPanel("pause_reason", read_only=True),
        ],
        base_form_class=RepositoryHostForm,
    )


class RepositoryHarvestStateViewSet(SnippetViewSet):
    model = RepositoryHarvestState
    icon = "history"
    menu_label = "Last harvest per entry"
    list_display = ["entry", "host", "path", "outcome", "reason", "since", "consecutive_failures"]
    list_filter = ["outcome", "host"]
    search_fields = ["path", "reason"]
    inspect_view_enabled = True
    ordering = ["-since"]


class RepositoryHarvestingGroup(SnippetViewSetGroup):
    menu_label = "Repository harvesting"
    menu_icon = "code"
    menu_order = 410
    items = (RepositoryHarvestStateViewSet, RepositoryHostViewSet)


register_snippet(RepositoryHarvestingGroup)
