"""The events calendar in a real browser: lists, month grid and event pages at laptop and phone widths.

The month and event pages are the demo's real events (HERCULES 2023 and
ECNS 2023 both run in March 2023). The time-zone form is submitted as a
visitor would, with the browser's own form handling and no JavaScript.
"""

import datetime as dt
import zoneinfo

import pytest

from .conftest import PHONE
from .support import axe_violations, horizontal_overflow, open_page

EVENT_PAGES = [
    "/events/",
    "/events/past/",
    "/events/past/?type=school&country=FR",
    "/events/month/2023/03/",
    "/events/hercules-2023/",
    "/events/nobugs-2016/",
]


@pytest.mark.parametrize("path", EVENT_PAGES)
def test_events_page_fits_the_screen_and_passes_axe(demo_site, page, path):
    open_page(page, demo_site + path)
    assert horizontal_overflow(page) <= 0, f"{path} scrolls sideways"
    assert axe_violations(page) == []


def test_month_grid_lists_each_day_of_a_multi_day_event(demo_site, page, viewport):
    open_page(page, demo_site + "/events/month/2023/03/")
    caption = page.locator("table.month-grid caption").inner_text()
    assert caption.startswith("March 2023")
    # HERCULES 2023 runs all month: one link on each of the 31 March days.
    links = page.locator(
        "td.month-grid__day:not(.is-outside) a", has_text="HERCULES European School 2023"
    )
    assert links.count() == 31
    if viewport["width"] < 500:
        # On a phone the grid is a list of the days that have events, with full dates.
        assert page.locator("text=Monday 20 March 2023").first.is_visible()
        # The weekday header row is kept for screen readers but takes no room.
        assert page.locator("table.month-grid thead").bounding_box()["width"] <= 1


# live_server needs committed data; serialized_rollback restores the page tree that
# Wagtail's migrations create and a transactional test would otherwise flush. One
# viewport is enough: the form reads the same at both widths (checked above).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
def test_picking_london_in_the_form_shows_paris_9am_as_8am(live_server, page):
    from registry.core.site_setup import ensure_site
    from registry.events.services import event_create

    ensure_site()
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    event = event_create(
        data={
            "title": "Detector school",
            "event_type": "school",
            "timezone": "Europe/Paris",
            "start": dt.datetime(2027, 1, 12, 9, tzinfo=paris),
            "end": dt.datetime(2027, 1, 12, 17, tzinfo=paris),
        }
    )
    open_page(page, live_server.url + event.url)
    page.select_option("#tz-choice", "Europe/London")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state("load")
    when = page.locator(".event-when").inner_text()
    assert "09:00–17:00 CET" in when and "08:00–16:00 GMT" in when
    assert horizontal_overflow(page) <= 0
