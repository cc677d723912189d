"""The guide reads without JavaScript, and without Material's script until the reader does something.

With JavaScript off, in English and Arabic: the text, the menu (the drawer on a phone), the
language menu's links and "Exit this page" work. With JavaScript on, Material's bundle (114 KB) is
not fetched as a page opens (hooks/guide/theme/assets/guide/load-material.js); the reader's first tap
fetches it, and search opened by that tap keeps every letter typed before it arrived."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.bbc.co.uk/weather"  # extra.exit_page.url in mkdocs.yml
PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}
MATERIAL = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
# Slow enough that a reader's letters are typed before Material's script arrives.
SLOW_NETWORK = {"offline": False, "latency": 800, "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
                "uploadThroughput": 750 * 1024 / 8 * 0.9}


def answer_the_neutral_site(context):
    context.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"),
                  lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"))


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return box is not None and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


@pytest.fixture
def no_script(browser):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    answer_the_neutral_site(context)
    yield context
    context.close()


@pytest.mark.parametrize("prefix, heading, exit_name", [("", "Working with an advocate", "Exit this page"),
                                                         ("ar/", "العمل مع مناصر", "اخرج من هذه الصفحة")])
def test_without_javascript_a_phone_reads_the_page_and_moves_around(no_script, base_url, prefix, heading, exit_name):
    page = no_script.new_page()
    page.goto(base_url + prefix + "families/faq/")
    assert page.evaluate("document.documentElement.className") == "no-js"  # no script ran
    expect(page.locator("h1")).to_have_text(re.compile("^" + heading))
    assert page.locator(".md-content p:visible").count() > 10  # the answers are there to read
    expect(page.locator('.md-content a[href="tel:+448088010366"]').first).to_be_visible()
    # What needs a script is not offered: the search button and the colour switch.
    expect(page.locator("label.md-header__button[for=__search]")).to_be_hidden()
    expect(page.locator("[data-md-component=palette] label")).to_have_count(2)
    assert page.locator("[data-md-component=palette] label:visible").count() == 0

    # The menu: the drawer opens from the header (from the right in Arabic) and its links work.
    drawer = page.locator(".md-sidebar--primary")
    assert not in_view(page, drawer)
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_timeout(400)  # the drawer slides in
    assert in_view(page, drawer)
    if prefix:
        assert drawer.bounding_box()["x"] > 0  # right to left: it sits at the right edge
    link = drawer.locator("a.md-nav__link[href$='meetings/']").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(re.escape(base_url + prefix) + r"families/meetings/$"))

    # The language menu: its links lead to the same page in the other language.
    page.locator(".md-select > button").click()
    other = page.locator("a.md-select__link[hreflang='ar']" if not prefix else "a.md-select__link[hreflang='en']")
    expect(other).to_be_visible()
    other.click()
    page.wait_for_url(base_url + ("ar/" if not prefix else "") + "families/meetings/")

    # "Exit this page" is a link to the neutral site.
    page.goto(base_url + prefix)
    page.get_by_role("link", name=exit_name).click()
    page.wait_for_url(NEUTRAL)
    page.close()


def test_without_javascript_a_wide_screen_shows_the_menu_and_the_contents(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + "ar/procedures/")
    menu = page.locator(".md-sidebar--primary a.md-nav__link[href$='families/faq/']").first
    expect(menu).to_be_visible()
    contents = page.locator(".md-sidebar--secondary a.md-nav__link").first
    expect(contents).to_be_visible()
    anchor = contents.get_attribute("href")
    contents.click()
    assert page.url.endswith(anchor)
    menu.click()
    page.wait_for_url(base_url + "ar/families/faq/")
    context.close()


def test_material_s_script_waits_for_the_reader(browser, base_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url + "ar/families/faq/", wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert [u for u in asked if MATERIAL.search(u) or u.endswith("/lazy-search.js")] == []
    assert "js" not in page.evaluate("document.documentElement.className").split()
    # Ready before it: the search button shows, and the page moves nowhere (its room was kept).
    expect(page.locator("label.md-header__button[for=__search]")).to_be_visible()

    page.locator(".md-content p:not(:has(a))").first.tap()  # a first tap on the text
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))  # Material's bundle ran
    assert [u for u in asked if MATERIAL.search(u)] != []
    # Its features work: the button back to the top shows when the reader scrolls back up.
    top = page.locator(".md-top")
    assert top.evaluate("button => button.hidden")  # Material shows it by taking off `hidden`
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")
    top.click()
    page.wait_for_function("() => window.scrollY === 0")
    context.close()


@pytest.mark.parametrize("how", ["tap", "shortcut"])
@pytest.mark.parametrize("prefix, query, expected", [("", "advocate", "families/faq/"),
                                                      ("ar/", "مناصر", "ar/families/faq/")])
def test_search_opened_before_material_s_script_arrives_keeps_every_letter(browser, base_url, how, prefix,
                                                                            query, expected):
    context = browser.new_context(**(PHONE if how == "tap" else {"viewport": {"width": 1280, "height": 800}}))
    page = context.new_page()
    page.goto(base_url + prefix, wait_until="networkidle")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
    if how == "tap":
        page.locator("label.md-header__button[for=__search]").tap()
    else:
        page.keyboard.press("/")  # Material's shortcut, pressed before Material's script is there
    box = page.locator(".md-search__input")
    expect(box).to_be_focused()
    page.keyboard.type(query)
    page.keyboard.press("End")  # type() sends no keyup for non-US characters
    assert "js" not in page.evaluate("document.documentElement.className").split()  # still on its way
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=30_000)
    assert box.input_value() == query  # nothing lost, nothing added (the "/" opened search)
    hrefs = results.evaluate_all("links => links.map(a => a.href.replace(/\\?h=[^#]*/, ''))")
    assert any(href.startswith(base_url + expected) for href in hrefs), hrefs
    context.close()


def test_the_colour_scheme_and_its_switch_work_before_material_s_script(browser, base_url):
    context = browser.new_context(color_scheme="dark", **PHONE)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url, wait_until="networkidle")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")  # the device's dark scheme, at once
    switch = page.locator("[data-md-component=palette] label:visible")
    expect(switch).to_have_count(1)
    # Material's script is held back by the network: the switch must not need it.
    page.route(MATERIAL, lambda route: route.abort())
    switch.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.locator("[data-md-component=palette] label:visible")).to_have_attribute("title", "Switch to dark mode")
    assert "js" not in page.evaluate("document.documentElement.className").split()
    page.unroute(MATERIAL)
    page.goto(base_url + "families/faq/", wait_until="networkidle")  # the choice is remembered
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    context.close()


def test_leaving_before_material_s_script_fetches_nothing_more(browser, base_url):
    context = browser.new_context(**PHONE)
    answer_the_neutral_site(context)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url + "ar/", wait_until="networkidle")
    page.get_by_role("link", name="اخرج من هذه الصفحة").tap()
    page.wait_for_url(NEUTRAL)
    assert [u for u in asked if MATERIAL.search(u)] == []
    page.go_back()
    assert page.url != base_url + "ar/"  # exit.js replaced the page in the history
    context.close()
