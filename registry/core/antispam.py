"""Protection of the forms anonymous visitors fill in: a honeypot field and a per-client rate limit.

Used by the software catalogue's feedback forms and meant for every public
form (the curation app's "suggest an entry" among them):

    class SuggestionForm(HoneypotFormMixin, forms.ModelForm): ...

    SUGGESTIONS = RateLimit("suggest-entry", limit=5, period=3600)
    if not SUGGESTIONS.allow(request):
        ...answer 429 with the bound form, so nothing typed is lost...

The honeypot is a text field people never see (hidden by CSS, outside the
tab order and the accessibility tree); robots that fill every field fill it
too, and the form is then refused with a plain error. The rate limit counts
submissions per client address and scope in fixed windows, in Django's
cache: per process with the local-memory cache, shared by every web process
once CACHE_URL points at Redis.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "homepage_check"


class HoneypotFormMixin(forms.Form):
    """Adds the honeypot field; put it before the form class in the bases."""

    honeypot_error = (
        "This submission looks automated and was not accepted. If you are a person, "
        "please reload the page and submit it again."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            logger.warning("Honeypot filled on %s: submission refused", type(self).__name__)
            raise forms.ValidationError(self.honeypot_error, code="honeypot")
        return cleaned

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the header the proxy in front sets.

    ANTISPAM_CLIENT_IP_HEADER (e.g. "HTTP_X_REAL_IP") is trusted only when set:
    without a proxy that overwrites it, a client could forge it.
    """
    header = getattr(settings, "ANTISPAM_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` submissions per `period` seconds per client address, for one `scope`."""

    scope: str
    limit: int
    period: int

    def _key(self, request, window: int) -> str:
        client = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
        return f"antispam:{self.scope}:{client}:{window}"

    def allow(self, request) -> bool:
        """Count this submission; False once the client is over the limit in this window."""
        window = int(time.time() // self.period)
        key = self._key(request, window)
        cache.add(key, 0, timeout=self.period)
        try:
            count = cache.incr(key)
        except ValueError:
            # The key expired between add and incr: this is the window's first submission.
            cache.set(key, 1, timeout=self.period)
            count = 1
        if count > self.limit:
            logger.warning("Rate limit %s exceeded (%s submissions)", self.scope, count)
            return False
        return True

    @property
    def retry_after(self) -> int:
        """Seconds until the current window ends."""
        return int(self.period - time.time() % self.period) + 1
