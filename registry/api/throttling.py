"""Throttling per token: each token has its own budget (API_RATE, e.g. "120/minute")."""

from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None or not hasattr(token, "pk"):
            return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
        return self.cache_format % {"scope": self.scope, "ident": f"token-{token.pk}"}

    def get_rate(self):
        # Read on each request (not at import) so that the setting can change in tests.
        from django.conf import settings

        return settings.API_RATE
