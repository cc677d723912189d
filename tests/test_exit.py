"""'Exit this page' in a real browser: it leaves at once, by mouse, keyboard or Shift x3, and Back
does not lead straight back to the guide."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


pytestmark = pytest.mark.browser

NEUTRAL = "https://www.bbc.co.uk/weather"  # extra.exit_page.url in mkdocs.yml






@pytest.fixture
def context(browser):
    """A browser context where the neutral site is answered locally: no request leaves the machine."""
    context = browser.new_context()
    context.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"),
                  lambda route: route.fulfill(status=200, content_type="text/html",
                                              body="<title>Weather</title><h1>Weather</h1>"))
    yield context
    context.close()


def visit_two_pages(context, base_url):
    page = context.new_page()
    page.goto(base_url)
    page.goto(base_url + "families/faq/")
    return page


def assert_left_without_a_way_back(page, base_url):
    page.wait_for_url(NEUTRAL)
    assert page.title() == "Weather"
    page.go_back()
    # Back goes to the page before the one that was left: the left page is no longer in history.
    assert page.url == base_url


def test_the_button_is_on_every_page_in_view_and_labelled(context, base_url, site):
    for html in site.rglob("*.html"):
        text = html.read_text("utf-8")
        if "<body" in text:
            assert f'class="guide-exit__button" href="{NEUTRAL}"' in text, f"{html} has no exit button"
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(base_url + "procedures/")
    page.mouse.wheel(0, 4000)
    button = page.get_by_role("link", name="Exit this page")
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44


def test_clicking_leaves_and_replaces_the_history_entry(context, base_url):
    page = visit_two_pages(context, base_url)
    page.get_by_role("link", name="Exit this page").click()
    assert_left_without_a_way_back(page, base_url)


def test_the_keyboard_reaches_it_first_and_enter_leaves(context, base_url):
    page = visit_two_pages(context, base_url)
    focused = 'document.activeElement.classList.contains("guide-exit__button")'
    for _ in range(2):  # the skip link, then the exit button
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            break
    assert page.evaluate(focused), "the exit button is not among the first two stops of the Tab key"
    page.keyboard.press("Enter")
    assert_left_without_a_way_back(page, base_url)


def test_shift_three_times_leaves_and_is_announced(context, base_url):
    page = visit_two_pages(context, base_url)
    status = page.locator("[data-guide-exit-status]")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Shift, press 1 more time to exit.")
    page.keyboard.press("Shift")
    assert_left_without_a_way_back(page, base_url)


def test_another_key_between_shifts_starts_the_count_again(context, base_url):
    page = visit_two_pages(context, base_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    expect(page.locator("[data-guide-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    assert page.url == base_url + "families/faq/"


def test_without_javascript_it_is_a_plain_link(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    context.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"),
                  lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"))
    page = context.new_page()
    page.goto(base_url + "families/faq/")
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(NEUTRAL)
    context.close()


def test_copy_link_to_a_section_works_by_keyboard(browser, base_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.goto(base_url + "families/faq/")
    button = page.locator("#complain-if-refused + a.guide-copy-link")
    expect(button).to_have_text("Copy link to this section")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-guide-share-status]")).to_have_text("Link copied")
    expect(button).to_have_accessible_name("Link copied")  # its icon turns to a tick while it says so
    expect(button).to_have_class(re.compile(r"\bguide-copy-link--copied\b"))
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "families/faq/#complain-if-refused"
    # Every question of the FAQ has one; the glossary's letter headings do not.
    assert page.url == base_url + "families/faq/"  # copied, not followed
    assert page.locator("h2[id] + a.guide-copy-link").count() == page.locator(".md-content h2[id]").count()
    page.goto(base_url + "help/glossary/")
    assert page.locator("#letter-a + a.guide-copy-link").count() == 0
    context.close()


COVERED = """() => {
  const bar = document.querySelector(".guide-exit").getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const hit = [];
  const texts = document.createTreeWalker(document.querySelector(".md-container"), NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    if (!text.data.trim() || getComputedStyle(text.parentElement).visibility === "hidden") continue;
    const lines = document.createRange();
    lines.selectNodeContents(text);
    for (const r of lines.getClientRects()) {  // each line of the text (a number, a link's words)
      const overlaps = r.left < bar.right && r.right > bar.left && r.top < bar.bottom && r.bottom > bar.top;
      // A line scrolled up under the bar and the header has been read; one below them is not covered.
      if (r.width && overlaps && r.bottom > header.bottom) {
        hit.push(text.data.trim().slice(0, 40));
        break;
      }
    }
  }
  return {bar: [bar.top, bar.bottom], header: [header.top, header.bottom], hit};
}"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", ["", "families/faq/", "help/directory/", "ar/", "ar/help/directory/"])
def test_the_exit_button_never_covers_text_a_number_or_a_link(browser, base_url, width, path):
    """Placed as GOV.UK places it: in a bar at the top that stays in view as the page scrolls,
    with Material's header under it, so nothing of the page is ever beneath it to read."""
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    page.goto(base_url + path)
    for scroll in (0, 350, 1400, 5000):
        page.evaluate(f"window.scrollTo(0, {scroll})")
        page.wait_for_timeout(50)
        found = page.evaluate(COVERED)
        assert found["hit"] == [], f"at {scroll}px: {found}"
        assert found["bar"][0] == 0 and abs(found["bar"][1] - found["header"][0]) <= 1, found  # one band at the top
    context.close()
