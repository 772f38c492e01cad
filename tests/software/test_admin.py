"""Curators edit entries and keep the vocabularies in Wagtail's admin."""

import pytest
from django.contrib.auth.models import Group, User

from .factories import SoftwareEntryFactory, publish


@pytest.fixture
def curator(home):
    user = User.objects.create_user("curator", email="c@example.org", password="x")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


def test_curator_opens_the_add_and_edit_forms_of_an_entry(client, catalogue, curator):
    entry = publish(SoftwareEntryFactory(title="DIALS", slug="dials"))
    client.force_login(curator)
    add = client.get(f"/admin/pages/add/software/softwareentry/{catalogue.pk}/")
    assert add.status_code == 200
    html = client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    for label in ("Version history", "Related software and add-ons", "Authors and maintainers"):
        assert label in html


@pytest.mark.parametrize(
    "listing",
    ["programminglanguage", "dataformat", "scientificdomain", "interface", "operatingsystem",
     "facilityusereport", "problemreport"],
)  # fmt: skip
def test_curator_sees_the_catalogue_snippets(client, curator, listing):
    client.force_login(curator)
    assert client.get(f"/admin/snippets/software/{listing}/").status_code == 200


def test_curator_previews_an_entry_before_it_exists(client, catalogue, curator):
    client.force_login(curator)
    url = f"/admin/pages/add/software/softwareentry/{catalogue.pk}/preview/"
    data = {
        "title": "New tool",
        "slug": "new-tool",
        "summary": "Does something useful.",
        "licence": "MIT",
        "description": '{"blocks": [], "entityMap": {}}',
    }
    for prefix in ("people", "versions", "relations", "attached_materials"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "Does something useful." in response.content.decode()
