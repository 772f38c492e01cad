"""The partner's pages behind the sign-in, in a real browser on laptop and phone."""

import pytest

from .support import axe_violations, horizontal_overflow, open_page

PARTNER_PAGES = [
    "/submit/",
    "/submit/software/",
    "/submit/training/",
    "/submit/event/",
    "/submit/harvest-source/",
    "/submit/mine/",
]


@pytest.mark.parametrize("path", PARTNER_PAGES)
def test_partner_page_fits_the_screen_and_passes_axe(demo_site, page, path):
    open_page(page, demo_site + "/accounts/login/")
    page.fill("#id_username", "partner-esrf")
    page.fill("#id_password", "pan-registry-partner")
    page.click("button[type=submit]")
    page.wait_for_url("**/submit/")
    open_page(page, demo_site + path)
    assert horizontal_overflow(page) <= 0, f"{path} scrolls sideways"
    assert axe_violations(page) == []


def test_a_refused_form_keeps_what_was_typed_and_names_the_field(demo_site, page):
    open_page(page, demo_site + "/accounts/login/")
    page.fill("#id_username", "partner-esrf")
    page.fill("#id_password", "pan-registry-partner")
    page.click("button[type=submit]")
    page.wait_for_url("**/submit/")
    open_page(page, demo_site + "/submit/software/")
    page.fill("#id_title", "A tool")
    page.fill("#id_summary", "Does something useful.")
    page.fill("#id_licence", "Not-A-Licence")
    page.click("button[type=submit]")
    assert page.input_value("#id_summary") == "Does something useful."
    assert "SPDX" in page.inner_text("#id_licence_error")
    assert axe_violations(page) == []
