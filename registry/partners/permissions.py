"""The one permission policy of partner submissions, asked by every door.

The Wagtail admin (through `PartnerPagePermissionTester` and the explorer
hooks in wagtail_hooks.py), the submission forms and the write API all call
these functions, so a partner can never do in one place what another
forbids:

- curators (the "Curators" group) and superusers act on everything;
- a partner editor (memberships in models.PartnerMembership) creates entries
  only for its own facilities or collaborations and edits only entries that
  one of them owns;
- an entry's owners: a software entry's developing facilities (and its
  collaborations), a training material's providing facility or
  collaboration, an event's organising facilities and collaborations, a
  harvest source's facility or collaboration;
- nobody but a curator publishes, and drafts of entries a partner does not
  own stay out of its sight.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from registry.core.site_setup import CURATORS


@dataclass(frozen=True)
class Owners:
    facilities: frozenset[int]
    collaborations: frozenset[int]

    def __bool__(self):
        return bool(self.facilities or self.collaborations)

    def overlaps(self, other: "Owners") -> bool:
        return bool(
            self.facilities & other.facilities or self.collaborations & other.collaborations
        )


NOBODY = Owners(frozenset(), frozenset())


def is_curator(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_registry_is_curator", None)
    if cached is None:
        cached = user.groups.filter(name=CURATORS).exists()
        user._registry_is_curator = cached
    return cached


def memberships(user) -> Owners:
    """The facilities and collaborations `user` acts for (cached on the user object)."""
    if not (user and user.is_authenticated and user.is_active):
        return NOBODY
    cached = getattr(user, "_registry_partner_owners", None)
    if cached is None:
        rows = list(user.partner_memberships.values_list("facility_id", "collaboration_id"))
        cached = Owners(
            frozenset(f for f, _ in rows if f is not None),
            frozenset(c for _, c in rows if c is not None),
        )
        user._registry_partner_owners = cached
    return cached


def is_partner(user) -> bool:
    return bool(memberships(user))


def _ids(values) -> frozenset[int]:
    return frozenset(v if isinstance(v, int) else v.pk for v in values if v is not None)


def owners_of(obj) -> Owners:
    """Who owns an entry, read from the object as given (a draft reads its draft values)."""
    from registry.events.models import Event
    from registry.software.models import SoftwareEntry
    from registry.training.models import TrainingMaterial

    if isinstance(obj, Page) and not isinstance(obj, SoftwareEntry | TrainingMaterial | Event):
        specific = obj.specific_deferred
        if specific is not obj and type(specific) is not type(obj):
            return owners_of(specific)
    if isinstance(obj, SoftwareEntry):
        return Owners(_ids(obj.developing_facilities.all()), _ids(obj.collaborations.all()))
    if isinstance(obj, TrainingMaterial):
        return Owners(_ids([obj.providing_facility_id]), _ids([obj.providing_collaboration_id]))
    if isinstance(obj, Event):
        return Owners(_ids(obj.facilities.all()), _ids(obj.collaborations.all()))
    from harvesters.models import HarvestSource

    if isinstance(obj, HarvestSource):
        return Owners(_ids([obj.facility_id]), _ids([obj.collaboration_id]))
    from registry.collaborations.models import Announcement

    if isinstance(obj, Announcement):  # news items and job postings
        return Owners(_ids([obj.facility_id]), _ids([obj.collaboration_id]))
    return NOBODY


def can_create_for(user, owners: Owners) -> bool:
    """May `user` submit an entry owned by `owners`? Partners: at least one must be theirs,
    and none may be an organisation they do not act for."""
    if is_curator(user):
        return True
    mine = memberships(user)
    if not owners or not mine:
        return False
    return owners.facilities <= mine.facilities and owners.collaborations <= mine.collaborations


def can_edit(user, obj) -> bool:
    """May `user` change (and see the drafts of) this entry? Judged on the stored entry."""
    if is_curator(user):
        return True
    mine = memberships(user)
    if not mine:
        return False
    stored = obj
    if not isinstance(obj, Page) and obj is not None and obj.pk:
        stored = type(obj).objects.filter(pk=obj.pk).first() or obj
    if isinstance(obj, Page) and obj.pk:
        # A draft object carries the partner's proposed owners; what counts
        # is the entry as stored, so nobody claims an entry by editing it.
        stored = type(obj.specific_deferred).objects.filter(pk=obj.pk).first() or obj
    return owners_of(stored).overlaps(mine)


def can_publish(user, obj=None) -> bool:
    return is_curator(user)


def owned_page_ids(user):
    """A subquery of the ids of pages that `user`'s organisations own."""
    from registry.events.models import Event
    from registry.software.models import SoftwareEntry
    from registry.training.models import TrainingMaterial

    mine = memberships(user)
    software = SoftwareEntry.objects.filter(
        Q(developing_facilities__in=mine.facilities) | Q(collaborations__in=mine.collaborations)
    ).values("pk")
    training = TrainingMaterial.objects.filter(
        Q(providing_facility__in=mine.facilities)
        | Q(providing_collaboration__in=mine.collaborations)
    ).values("pk")
    events = Event.objects.filter(
        Q(facilities__in=mine.facilities) | Q(collaborations__in=mine.collaborations)
    ).values("pk")
    return Q(pk__in=software) | Q(pk__in=training) | Q(pk__in=events)


def visible_drafts(user, queryset):
    """Restrict a page queryset to what `user` may see: curators everything; others the live
    pages plus the drafts their organisations own."""
    if is_curator(user):
        return queryset
    if not is_partner(user):
        return queryset.filter(live=True)
    return queryset.filter(Q(live=True) | owned_page_ids(user))


class PartnerPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, narrowed by the policy above for everyone who is not a curator.

    Group permissions still apply first (partners have add/change below the
    sections only and no publish permission); this adds the object level.
    """

    def _owned(self) -> bool:
        if is_curator(self.user):
            return True
        cached = getattr(self, "_owned_cache", None)
        if cached is None:
            cached = self._owned_cache = can_edit(self.user, self.page)
        return cached

    def can_edit(self):
        return super().can_edit() and self._owned()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._owned()

    def can_unpublish(self):
        return super().can_unpublish() and is_curator(self.user)

    def can_publish(self):
        return super().can_publish() and is_curator(self.user)

    def can_lock(self):
        return super().can_lock() and self._owned()

    def can_unlock(self):
        return super().can_unlock() and self._owned()

    def can_move(self):
        return super().can_move() and is_curator(self.user)

    def can_copy(self):
        return super().can_copy() and self._owned()

    def can_view_revisions(self):
        return super().can_view_revisions() and self._owned()


class PartnerPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy with the partners' rule on which drafts a user may see.

    Registered for every page model (wagtail_hooks.py), so the admin's page
    search and listings built on it leave out other organisations' drafts.
    """

    def explorable_instances(self, user):
        return visible_drafts(user, super().explorable_instances(user))

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_drafts(user, super().instances_user_has_any_permission_for(user, actions))


class PartnerAnnouncementPermissionPolicy(ModelPermissionPolicy):
    """News items and job postings: a partner changes only its own organisations' ones.

    The model permissions (add, change, publish...) still decide what a group
    may do at all; for a partner, an instance must also belong to a facility
    or collaboration it acts for. Curators act on every instance.
    """

    def _owned(self, user, instance) -> bool:
        return is_curator(user) or not is_partner(user) or can_edit(user, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._owned(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if is_curator(user) or not is_partner(user):
            return instances
        mine = memberships(user)
        return instances.filter(
            Q(facility_id__in=mine.facilities) | Q(collaboration_id__in=mine.collaborations)
        )
