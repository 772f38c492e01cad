"""Partner accounts: a user acting for facilities (or collaborations), in the "Partner editors" group."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from registry.core.site_setup import PARTNER_EDITORS
from registry.facilities.models import Facility

from .models import PartnerMembership


@transaction.atomic
def partner_ensure(*, username: str, facility_acronyms=(), email: str = ""):
    """Create the partner user if missing and add the memberships; returns (user, created).

    Unknown acronyms raise Facility.DoesNotExist naming them, before anything is written.
    """
    facilities = []
    for acronym in facility_acronyms:
        facility = Facility.objects.filter(acronym__iexact=acronym).first()
        if facility is None:
            raise Facility.DoesNotExist(f"No facility with the acronym {acronym!r}.")
        facilities.append(facility)
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=PARTNER_EDITORS))
    for facility in facilities:
        PartnerMembership.objects.get_or_create(user=user, facility=facility)
    return user, created
