"""`Authorization: Token <key>` for the write API, on Wagtail's own API tokens.

Wagtail's `APIToken` (wagtailcore) stores only an HMAC-SHA-256 digest of
each key (shown once when issued), can be revoked, and has its admin screens
(Settings → API tokens, registered in wagtail_hooks.py). This class lets DRF
read it with the header our partners' scripts send.
"""

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from wagtail.models import APIToken


class WagtailTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        interval = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
        now = timezone.now()
        if interval is not None and (
            token.last_used_at is None or (now - token.last_used_at).total_seconds() >= interval
        ):
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
