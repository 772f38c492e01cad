"""The browser checks themselves can fail: a broken page is caught, so a green page means something."""

from .conftest import PHONE
from .support import axe_violations, horizontal_overflow


def test_axe_and_overflow_checks_catch_a_broken_page(chromium):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<div style="width: 1200px">too wide for a phone</div></main></body></html>'
    )
    assert horizontal_overflow(page) > 800
    assert any("image-alt" in line for line in axe_violations(page))
    context.close()
