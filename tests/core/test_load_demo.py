"""`manage.py load_demo`: prints the curator login, runs twice without change, fails cleanly."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from registry.collaborations import demo as collaborations_demo
from registry.core.site_setup import CURATORS


def run(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_load_demo_prints_the_curator_login_and_makes_a_curator(db, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    output = run(curator_password="a-demo-password")
    assert (
        "Demo curator login: http://127.0.0.1:8000/admin/  user 'curator'  password 'a-demo-password'"
        in output
    )
    curator = get_user_model().objects.get(username="curator")
    assert curator.check_password("a-demo-password")
    assert curator.groups.filter(name=CURATORS).exists()


def test_second_run_changes_nothing(db):
    run()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    output = run()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert "facilities: 0 created, 0 updated, 21 unchanged" in output
    assert "collaborations: 0 created, 0 updated, 24 unchanged" in output


def test_a_bad_fixture_stops_with_a_clear_error_and_changes_nothing(db, tmp_path, monkeypatch):
    bad = tmp_path / "collaborations.yaml"
    bad.write_text("- {slug: x, title: X, category: hardware, brief: b, facilities: [NOWHERE]}\n")
    monkeypatch.setattr(collaborations_demo, "FIXTURE", bad)
    with pytest.raises(CommandError, match="nothing changed.*NOWHERE"):
        run()
    assert not Page.objects.filter(slug="esrf").exists()
