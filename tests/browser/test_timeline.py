"""The timeline picture in a real browser: visible, described, and never scrolling the page sideways."""

from .support import horizontal_overflow, open_page


def test_timeline_is_visible_without_sideways_page_scroll(demo_site, page, viewport):
    open_page(page, demo_site + "/collaborations/")
    pictures = page.locator("svg.timeline__svg")
    assert pictures.count() >= 2
    first = pictures.first
    first.scroll_into_view_if_needed()
    assert first.is_visible()
    box = first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    assert horizontal_overflow(page) <= 0

    # Names are drawn at a readable size whatever the screen: the picture is never shrunk.
    rendered_px = page.evaluate(
        "() => { const svg = document.querySelector('svg.timeline__svg');"
        " const t = svg.querySelector('text.tl-name');"
        " const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
        " return parseFloat(getComputedStyle(t).fontSize) * scale; }"
    )
    assert rendered_px >= 12

    # The picture's frame is a focusable, labelled region; on a phone it scrolls inside.
    region = page.locator(".timeline__scroll").nth(1)
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
    widths = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    if viewport["width"] < 600:
        assert widths[0] > widths[1], "the 2010-2019 panel should scroll inside its frame"
        assert page.locator(".timeline__hint").first.is_visible()
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelectorAll('.timeline__scroll')[1].scrollLeft > 0"
        )
    else:
        assert widths[0] <= widths[1], "on a laptop the whole panel fits"
        assert not page.locator(".timeline__hint").first.is_visible()


def test_timeline_has_a_title_a_description_and_a_table(demo_site, page):
    open_page(page, demo_site + "/collaborations/")
    svg = page.locator("svg.timeline__svg").first
    assert svg.get_attribute("role") == "img"
    title = page.locator("svg.timeline__svg title").first.text_content()
    desc = page.locator("svg.timeline__svg desc").first.text_content()
    assert title == "LEAPS IT collaborations 1999–2009"
    assert "IcePAP (2007)" in desc
    assert page.locator("table.timeline__table tbody tr").count() == 24
