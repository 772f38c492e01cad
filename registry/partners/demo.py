"""Demo: a partner account for the ESRF, so that a visitor of the demo can try the forms."""

import os

from .accounts import partner_ensure

DEMO_PARTNER = "partner-esrf"
DEMO_PARTNER_PASSWORD = os.environ.get("DEMO_PARTNER_PASSWORD", "pan-registry-partner")


def load(*, stdout):
    user, created = partner_ensure(
        username=DEMO_PARTNER, facility_acronyms=["ESRF"], email="partner-esrf@example.org"
    )
    if created or not user.check_password(DEMO_PARTNER_PASSWORD):
        user.set_password(DEMO_PARTNER_PASSWORD)
        user.save()
    stdout.write(f"  partner {DEMO_PARTNER} (ESRF) {'created' if created else 'kept'}")
