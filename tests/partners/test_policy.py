"""The permission policy itself: who may create, edit, publish and see what."""

from registry.partners.permissions import (
    Owners,
    can_create_for,
    can_edit,
    can_publish,
    owners_of,
    visible_drafts,
)
from registry.software.models import SoftwareEntry


def test_partner_creates_only_for_its_own_facilities(partner, esrf, ill):
    assert can_create_for(partner, Owners(frozenset({esrf.pk}), frozenset()))
    assert not can_create_for(partner, Owners(frozenset({ill.pk}), frozenset()))
    assert not can_create_for(partner, Owners(frozenset({esrf.pk, ill.pk}), frozenset()))
    assert not can_create_for(partner, Owners(frozenset(), frozenset()))


def test_partner_edits_its_facilitys_entries_only(partner, esrf_entry, ill_entry):
    assert can_edit(partner, esrf_entry)
    assert not can_edit(partner, ill_entry)


def test_a_draft_claiming_the_partners_facility_does_not_make_it_theirs(partner, esrf, ill_entry):
    draft = ill_entry.get_latest_revision_as_object()
    draft.developing_facilities = [esrf]
    assert esrf.pk in owners_of(draft).facilities
    assert not can_edit(partner, draft)


def test_curators_act_on_everything_and_alone_publish(partner, curator, ill_entry):
    assert can_edit(curator, ill_entry)
    assert can_publish(curator)
    assert not can_publish(partner)


def test_partner_sees_live_pages_and_its_own_drafts_only(partner, esrf, ill_draft):
    from tests.partners.conftest import make_entry

    own_draft = make_entry("ESRF draft", facilities=[esrf], live=False)
    visible = set(visible_drafts(partner, SoftwareEntry.objects.all()).values_list("pk", flat=True))
    assert own_draft.pk in visible
    assert ill_draft.pk not in visible


def test_a_user_without_membership_owns_nothing(home, ill_entry, django_user_model):
    nobody = django_user_model.objects.create_user("nobody")
    assert not can_edit(nobody, ill_entry)
    assert not can_create_for(nobody, owners_of(ill_entry))
