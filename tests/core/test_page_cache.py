"""Anonymous page views are served from the cache until something is published."""

import pytest

from registry.collaborations.models import Collaboration
from registry.core import page_cache


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    page_cache.invalidate()
    return settings


def test_second_anonymous_view_is_served_from_the_cache(client, demo_data, page_cache_on):
    first = client.get("/collaborations/tango/")
    assert first["X-Page-Cache"] == "miss"
    # A change that bypasses publishing is not seen: the page comes from the cache.
    Collaboration.objects.filter(slug="tango").update(brief="Changed behind the cache's back.")
    second = client.get("/collaborations/tango/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_page_refreshes_the_cached_pages(
    client, demo_data, page_cache_on, django_capture_on_commit_callbacks
):
    client.get("/collaborations/")
    assert client.get("/collaborations/")["X-Page-Cache"] == "hit"

    tango = Collaboration.objects.get(slug="tango")
    tango.brief = "The control system toolkit, now described anew."
    with django_capture_on_commit_callbacks(execute=True):
        tango.save_revision().publish()

    response = client.get("/collaborations/")
    assert response["X-Page-Cache"] == "miss"
    assert "now described anew" in response.content.decode()


def test_unpublishing_refreshes_the_cached_pages(
    client, demo_data, page_cache_on, django_capture_on_commit_callbacks
):
    assert ">SimEx</a>" in client.get("/collaborations/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Collaboration.objects.get(slug="simex").unpublish()
    assert ">SimEx</a>" not in client.get("/collaborations/").content.decode()


def test_logged_in_visitors_are_never_served_from_the_cache(
    client, demo_data, page_cache_on, django_user_model
):
    client.get("/collaborations/tango/")
    user = django_user_model.objects.create_user("editor", password="pw-for-tests")
    client.force_login(user)
    assert "X-Page-Cache" not in client.get("/collaborations/tango/")


def test_query_strings_are_cached_apart(client, demo_data, page_cache_on):
    hardware = client.get("/collaborations/", {"category": "hardware"})
    assert hardware["X-Page-Cache"] == "miss"
    everything = client.get("/collaborations/")
    assert everything["X-Page-Cache"] == "miss"
    assert hardware.content != everything.content


def test_not_found_and_admin_responses_are_not_cached(client, demo_data, page_cache_on):
    # A path no section serves (the software catalogue, once not found here, has landed).
    client.get("/no-such-section/")
    assert "X-Page-Cache" not in client.get("/no-such-section/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_cache_is_off_when_page_cache_seconds_is_zero(client, demo_data, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")
