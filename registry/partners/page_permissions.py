"""The mixin the partner-submitted page models carry (kept free of imports: models load it)."""


class PartnerOwnedPage:
    """Wagtail asks the partners' permission policy about each page of this model."""

    def permissions_for_user(self, user):
        from registry.partners.permissions import PartnerPagePermissionTester

        return PartnerPagePermissionTester(user, self)
