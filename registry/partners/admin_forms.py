"""The Wagtail admin's page form for entries partners submit: the policy's ownership rules.

In the admin a partner creates pages and edits their fields like a curator;
this form (the base of the software, training and event editing forms)
offers a partner only its own facilities and collaborations (plus the
entry's current co-owners) and refuses an entry that names someone else's
or none of its own — the same rule as the public forms and the API
(services._check_owners). Imports are lazy: the page models load this module.
"""

from wagtail.admin.forms import WagtailAdminPageForm


class PartnerOwnershipForm(WagtailAdminPageForm):
    def _partner(self):
        from registry.partners.permissions import is_curator, is_partner

        user = getattr(self, "for_user", None)
        if user is None or is_curator(user) or not is_partner(user):
            return None
        return user

    def _kind(self):
        from registry.partners.services import kind_of

        return kind_of(self.instance)

    def _stored(self):
        from registry.partners.permissions import NOBODY, owners_of

        if not self.instance.pk:
            return NOBODY
        stored = type(self.instance).objects.filter(pk=self.instance.pk).first()
        return owners_of(stored) if stored is not None else NOBODY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self._partner()
        if user is None:
            return
        from registry.partners.permissions import memberships

        kind, mine, stored = self._kind(), memberships(user), self._stored()
        for name, allowed in (
            (kind.facility_field, mine.facilities | stored.facilities),
            (kind.collaboration_field, mine.collaborations | stored.collaborations),
        ):
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(pk__in=allowed)

    def clean(self):
        cleaned = super().clean()
        user = self._partner()
        if user is None:
            return cleaned
        from registry.partners.permissions import Owners, memberships

        kind, mine, stored = self._kind(), memberships(user), self._stored()

        def ids(name, default):
            if name not in self.fields:
                return default
            value = cleaned.get(name)
            if value is None:
                return frozenset()
            if hasattr(value, "pk"):
                return frozenset({value.pk})
            return frozenset(obj.pk for obj in value)

        proposed = Owners(
            ids(kind.facility_field, stored.facilities),
            ids(kind.collaboration_field, stored.collaborations),
        )
        added_facilities = proposed.facilities - stored.facilities
        added_collaborations = proposed.collaborations - stored.collaborations
        if added_facilities - mine.facilities or added_collaborations - mine.collaborations:
            self.add_error(
                kind.facility_field,
                "You can only name the facilities and collaborations you act for.",
            )
        elif not proposed.overlaps(mine):
            self.add_error(
                kind.facility_field, "Name at least one facility or collaboration you act for."
            )
        return cleaned
