"""Admin: curators issue and revoke partners' API tokens with Wagtail's own token screens.

Wagtail registers them only with its ninja-based API v3, which we do not
run; the screens and the model are the same, so we register them here.
"""

from wagtail import hooks
from wagtail.users.views.api_tokens import APITokenViewSet


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return APITokenViewSet("wagtailusers_api_tokens", url_prefix="api-tokens")
