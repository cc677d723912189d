"""The offline build (`make offline`): read from a folder or USB stick with no web server,
search included, and nothing fetched from anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guide.building import build_site

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    os.environ["GUIDE_OFFLINE"] = "true"
    try:
        return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("offline") / "site-offline")
    finally:
        del os.environ["GUIDE_OFFLINE"]


def test_the_offline_guide_works_from_file_urls_search_included(offline_site, browser):
    assert (offline_site / "cy" / "search" / "search_index.js").read_text("utf-8").startswith("var __index = ")
    # No <meta> security policy: a file:// page has no origin for 'self' to allow (it would stop search).
    assert 'http-equiv="Content-Security-Policy"' not in (offline_site / "cy" / "families" / "faq.html").read_text("utf-8")
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith(("file:", "data:"))
            else problems.append(request.url))
    page.goto((offline_site / "cy" / "families" / "faq.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("eiriolwr")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert all("/cy/" in href for href in hrefs)
    results.first.click()
    page.wait_for_url(hrefs[0])  # a result opens its page from the folder, in Welsh
    assert page.url.startswith((offline_site / "cy").as_uri())
    # Pages link to each other as files, and the exit button is there.
    page.goto((offline_site / "index.html").as_uri())
    page.locator("a.guide-audience").first.click()
    page.wait_for_url("**/families/faq.html")
    expect(page.get_by_role("link", name="Exit this page")).to_be_visible()  # waits for the page to load
    assert problems == []
    page.close()
