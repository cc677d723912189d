"""Printing: a parent takes the meeting checklist to a meeting, a practitioner the procedure."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_printed_page_has_no_navigation_and_shows_link_addresses_and_boxes(browser, base_url):
    url = base_url
    page = browser.new_page()
    page.goto(url + "families/meetings/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".guide-exit", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    assert page.locator("h1").is_visible()
    # Checklist boxes print as squares with a border, not as a background that printers drop.
    border = page.locator(".task-list-indicator").first.evaluate(
        "e => getComputedStyle(e, '::before').borderTopStyle")
    assert border == "solid"
    assert page.locator(".task-list-item").count() > 20

    page.goto(url + "families/faq/")
    page.emulate_media(media="print")
    shown = page.locator('a[href^="https://www.gov.uk"]').first.evaluate(
        "e => getComputedStyle(e, '::after').content")
    assert "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2" in shown
    pdf = page.pdf()  # and Chromium really prints it
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()
