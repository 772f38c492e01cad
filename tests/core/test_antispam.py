"""The honeypot and rate limit that protect every anonymous-visitor form."""

import pytest
from django import forms
from django.core.cache import cache
from django.test import RequestFactory

from registry.core.antispam import HONEYPOT_FIELD, HoneypotFormMixin, RateLimit, client_address


class SuggestForm(HoneypotFormMixin, forms.Form):
    name = forms.CharField()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_honeypot_left_empty_passes_and_is_not_a_visible_field():
    form = SuggestForm({"name": "DIALS"})
    assert form.is_valid()
    assert [f.name for f in form.visible_fields()] == ["name"]
    assert form.honeypot.name == HONEYPOT_FIELD


def test_honeypot_filled_fails_and_keeps_the_other_values():
    form = SuggestForm({"name": "DIALS", HONEYPOT_FIELD: "http://spam.example"})
    assert not form.is_valid()
    assert "looks automated" in form.non_field_errors()[0]
    assert form["name"].value() == "DIALS"


def test_rate_limit_counts_per_client_and_scope():
    limit = RateLimit("test-scope", limit=2, period=3600)
    one = RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")
    two = RequestFactory().post("/", REMOTE_ADDR="198.51.100.2")
    assert [limit.allow(one) for _ in range(3)] == [True, True, False]
    assert limit.allow(two)
    assert RateLimit("other-scope", limit=2, period=3600).allow(one)
    assert 0 < limit.retry_after <= 3601


def test_client_address_trusts_a_proxy_header_only_when_configured(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP="203.0.113.9")
    settings.ANTISPAM_CLIENT_IP_HEADER = ""
    assert client_address(request) == "10.0.0.5"
    settings.ANTISPAM_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_address(request) == "203.0.113.9"
